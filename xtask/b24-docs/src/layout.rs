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
        let before = crate::figures::Figures::of_dir(out);
        let old_report = std::fs::read_to_string(out.join("IMPORT-REPORT.md")).unwrap_or_default();
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
        // the code of each imported placement file, parsed once
        let imported: BTreeMap<&String, String> = self
            .files
            .iter()
            .filter(|(rel, _)| rel.starts_with("placements/"))
            .filter_map(|(rel, text)| Some((rel, placement_code(rel, text)?)))
            .collect();
        for (rel, text) in &self.files {
            let path = match (rel.strip_prefix("placements/"), placements_out) {
                (Some(name), Some(p)) => p.join(name),
                _ => out.join(rel),
            };
            // A hand-written placement file keeps its text; only its
            // `options:` follow the import.
            let hand = imported
                .get(rel)
                .and_then(|code| Some((hand_codes.get(code)?, code)));
            if let Some((hand, code)) = hand {
                let hand_path = pdir.join(hand.trim_start_matches("placements/"));
                let merged = std::fs::read_to_string(&hand_path)
                    .ok()
                    .and_then(|old| Some((merge_options(hand, &old, text)?, old)));
                let note = match merged {
                    Some((new, old)) if new != old => {
                        std::fs::write(&hand_path, new)?;
                        "its `options:` updated from the import"
                    }
                    Some(_) => "its `options:` as imported",
                    None => "its `options:` could not be merged",
                };
                kept.push(if hand == rel {
                    format!("`{rel}` ({note})")
                } else {
                    format!("`{rel}` (kept as `{hand}`, which describes `{code}` by hand; {note})")
                });
                continue;
            }
            if let Ok(old) = std::fs::read_to_string(&path)
                && !is_generated(&old)
            {
                kept.push(format!("`{rel}`"));
                continue;
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, text)?;
        }
        // hand-written placement files the import has no entry for
        let imported_codes: BTreeSet<&String> = imported.values().collect();
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
        let after = crate::figures::Figures::of_dir(out);
        let figures = crate::figures::section(&before, &after, &old_report, &report);
        if let Some(at) = report.find("## Summary") {
            report.insert_str(at, &figures);
        }
        std::fs::write(out.join("IMPORT-REPORT.md"), report)
    }
}

const OPTIONS_NOTE: &str =
    "  # PLACEMENT_OPTIONS as `cargo xtask import-docs` reads them from the placement's page";

/// The lines of the `options:` block of a placement file (`  options:` and
/// the lines under it), without trailing blank lines.
fn options_block(lines: &[&str]) -> Option<std::ops::Range<usize>> {
    let start = lines.iter().position(|l| *l == "  options:")?;
    let mut end = start + 1;
    while end < lines.len() && (lines[end].starts_with("    ") || lines[end].is_empty()) {
        end += 1;
    }
    while end > start + 1 && lines[end - 1].is_empty() {
        end -= 1;
    }
    Some(start..end)
}

/// A hand-written placement file with the `options:` of the generated one
/// in place of its own, right after its `code:` line; `None` when the result
/// would not hold exactly the generated options.
fn merge_options(rel: &str, hand: &str, generated: &str) -> Option<String> {
    let gen_lines: Vec<&str> = generated.lines().collect();
    let block: Vec<&str> =
        options_block(&gen_lines).map_or_else(Vec::new, |r| gen_lines[r].to_vec());
    let mut lines: Vec<&str> = hand.lines().collect();
    if let Some(r) = options_block(&lines) {
        let from = if r.start > 0 && lines[r.start - 1] == OPTIONS_NOTE {
            r.start - 1
        } else {
            r.start
        };
        lines.drain(from..r.end);
    }
    if !block.is_empty() {
        let at = lines.iter().position(|l| l.starts_with("  code: "))? + 1;
        let mut insert = vec![OPTIONS_NOTE];
        insert.extend(block);
        lines.splice(at..at, insert);
    }
    let mut text = lines.join("\n");
    if hand.ends_with('\n') {
        text.push('\n');
    }
    // compared as values: the spans of the names differ
    let options = |t: &str| {
        let opts = b24_spec::parse(rel, t).ok()?.file.placement?.options;
        serde_json::to_value(opts).ok()
    };
    let want = options(generated)?;
    (options(&text)? == want).then_some(text)
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

#[cfg(test)]
mod merge_tests {
    use super::*;

    const GEN: &str = "# Generated by b24-docs\nplacement:\n  code: X_Y\n  options:\n    - name: ID\n      type: string\n      description: |-\n        One.\n\n        Two.\n    - name: URI\n      type: string\n  scopes:\n    - placement\n";

    #[test]
    fn options_merge_into_a_hand_written_file_and_again_change_nothing() {
        let hand =
            "# Hand-written\nplacement:\n  code: X_Y\n  title: T\n  commands:\n    - name: go\n";
        let once = merge_options("placements/x_y.yaml", hand, GEN).expect("merges");
        assert!(once.contains(OPTIONS_NOTE));
        assert!(once.contains("  title: T\n"));
        let twice = merge_options("placements/x_y.yaml", &once, GEN).expect("merges");
        assert_eq!(once, twice);
        let spec = b24_spec::parse("placements/x_y.yaml", &once).expect("valid");
        let p = spec.file.placement.expect("placement");
        assert_eq!(p.options.len(), 2);
        assert_eq!(p.commands.len(), 1);
    }

    #[test]
    fn a_file_without_a_code_line_is_not_merged() {
        let hand = "placement: {code: X_Y}\n";
        assert_eq!(merge_options("placements/x_y.yaml", hand, GEN), None);
    }
}
