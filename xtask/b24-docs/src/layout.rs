//! Where things go: the spec file of a page (one per docs section), scopes
//! of a file, paths in the docs tree, and writing the output to disk.

use crate::*;

impl Output {
    /// Writes the spec files under `out` and the report to
    /// `out/IMPORT-REPORT.md`. Placement files go to `placements_out`
    /// instead of `out/placements` when it is given. An existing file
    /// without the generated header is hand-written: it is kept, and the
    /// report lists it.
    pub fn write(&self, out: &Path, placements_out: Option<&Path>) -> std::io::Result<()> {
        let mut kept = Vec::new();
        let pdir = placements_out.map_or_else(|| out.join("placements"), Path::to_path_buf);
        // placement codes a hand-written file (under any name) describes
        let hand_codes: BTreeMap<String, String> = std::fs::read_dir(&pdir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let text = std::fs::read_to_string(e.path()).ok()?;
                (!is_generated(&text)).then_some(())?;
                Some((placement_code(&name, &text)?, format!("placements/{name}")))
            })
            .collect();
        for (rel, text) in &self.files {
            let path = match (rel.strip_prefix("placements/"), placements_out) {
                (Some(name), Some(p)) => p.join(name),
                _ => out.join(rel),
            };
            if let Ok(old) = std::fs::read_to_string(&path)
                && !is_generated(&old)
            {
                kept.push(format!("`{rel}`"));
                continue;
            }
            if rel.starts_with("placements/")
                && let Some(code) = placement_code(rel, text)
                && let Some(hand) = hand_codes.get(&code)
                && hand != rel
            {
                kept.push(format!(
                    "`{rel}` (kept as `{hand}`, which describes `{code}` by hand)"
                ));
                continue;
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, text)?;
        }
        // hand-written placement files the import has no entry for
        let imported_codes: BTreeSet<String> = self
            .files
            .iter()
            .filter_map(|(rel, text)| placement_code(rel, text))
            .collect();
        let mut others: Vec<String> = std::fs::read_dir(&pdir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".yaml"))
            .map(|n| format!("placements/{n}"))
            .filter(|rel| !self.files.contains_key(rel))
            .filter(|rel| {
                std::fs::read_to_string(pdir.join(rel.trim_start_matches("placements/"))).is_ok_and(
                    |t| {
                        !is_generated(&t)
                            && placement_code(rel, &t).is_none_or(|c| !imported_codes.contains(&c))
                    },
                )
            })
            .collect();
        others.sort();
        std::fs::create_dir_all(out)?;
        let mut report = self.report.clone();
        if !others.is_empty() {
            report.push_str(
                "\n## Hand-written placement files without an import\n\n\
                 No imported page names these placements' interface: the docs describe \
                 it in prose only (or under another placement code), so the files stay \
                 as written by hand.\n\n",
            );
            for rel in &others {
                report.push_str(&format!("- `{rel}`\n"));
            }
        }
        if !kept.is_empty() {
            report.push_str(
                "\n## Hand-written files kept\n\n\
                 These files exist without the generated header, so the import did not \
                 overwrite them. For placements this means the docs describe the \
                 interface (events, commands) in prose only, without the per-event and \
                 per-command pages the importer reads; the entries the import has for \
                 them are in the Files table above.\n\n",
            );
            for rel in kept {
                report.push_str(&format!("- {rel}\n"));
            }
        }
        std::fs::write(out.join("IMPORT-REPORT.md"), report)
    }
}

/// The placement code a placement spec file describes.
fn placement_code(rel: &str, text: &str) -> Option<String> {
    let spec = b24_spec::parse(rel, text).ok()?;
    Some(spec.file.placement?.code.value)
}

/// Whether a spec file's text was written by the importer.
pub(crate) fn is_generated(text: &str) -> bool {
    let first = emit::HEADER.lines().next().unwrap_or_default();
    text.lines()
        .next()
        .is_some_and(|l| l.trim_start_matches('#').trim() == first)
}

/// The comparable letters and digits of a name or a file stem
/// (`on-external-call-start` and `OnExternalCallStart` agree).
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

pub(crate) fn merge_scopes(into: &mut Vec<String>, scopes: &[String]) {
    for s in scopes {
        if !into.contains(s) {
            into.push(s.clone());
        }
    }
}

pub(crate) fn main_scope<'a>(scopes: impl Iterator<Item = &'a String>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in scopes {
        *counts.entry(s.as_str()).or_default() += 1;
    }
    let max = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, c)| *c == max)
        .map(|(s, _)| s.to_owned())
}

pub(crate) fn file_stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("spec")
        .to_owned()
}

/// Include fragments: pages in `_includes`-like folders.
pub(crate) fn is_fragment(rel: &str) -> bool {
    rel.split('/').rev().skip(1).any(|c| c.starts_with('_'))
}

/// The folders of a page below `api-reference/` (or the root).
pub(crate) fn folders(rel: &str) -> Vec<&str> {
    let rel = rel.strip_prefix("api-reference/").unwrap_or(rel);
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    parts
}

pub(crate) fn top_folder(rel: &str) -> String {
    folders(rel)
        .first()
        .copied()
        .unwrap_or("general")
        .to_owned()
}

/// Folders with more REST pages than this are split by their subfolders.
pub(crate) const SPLIT_ABOVE: usize = 100;

/// The section (file stem) of a page: its top folder, or top and second
/// folder for big sections.
pub(crate) fn section(rel: &str, per_top: &HashMap<String, usize>) -> String {
    let f = folders(rel);
    let top = top_folder(rel);
    let name = if per_top.get(&top).copied().unwrap_or(0) > SPLIT_ABOVE && f.len() >= 2 {
        format!("{}_{}", f[0], f[1])
    } else {
        top
    };
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_matches('_').to_owned();
    match s.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => s,
        _ => format!("s_{s}"),
    }
}

/// Joins a relative link target to the page's folder and normalizes it.
pub(crate) fn join(page: &str, target: &str) -> Option<String> {
    let base = Path::new(page).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for c in base.join(target).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

pub(crate) fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        let ft = e.file_type()?;
        if ft.is_dir() {
            walk(root, &p, out)?;
        } else if ft.is_file()
            && let Ok(rel) = p.strip_prefix(root)
        {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paths() {
        assert_eq!(
            join("api-reference/crm/deals/a.md", "../../data-types.md").as_deref(),
            Some("api-reference/data-types.md")
        );
        assert_eq!(join("a.md", "../../x.md"), None);
        assert!(is_fragment("_includes/required.md"));
        assert!(is_fragment("api-reference/crm/_include/x.md"));
        assert!(!is_fragment("api-reference/crm/x.md"));
    }
}
