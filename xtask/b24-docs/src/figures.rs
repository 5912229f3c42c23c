//! Figures of a specs tree as it lies on disk (generated and hand-written
//! files alike), so the report can show what an import changed: the tree
//! before the import is read first, the tree after it last.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use b24_spec::{Shape, SpecFile};

/// What a specs tree holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// Methods, REST events, placements, interface events and commands.
    pub entries: usize,
    /// REST methods.
    pub methods: usize,
    /// Methods whose result is typed (a documented `null` counts).
    pub typed_results: usize,
    /// Of those, results documented as `null`.
    pub null_results: usize,
    /// Error rows over all methods.
    pub error_rows: usize,
    /// Distinct non-empty error codes.
    pub error_codes: usize,
    /// Placement files.
    pub placements: usize,
    /// Placement files with `options:`.
    pub placements_with_options: usize,
    /// Commands marked `repeats: true`.
    pub repeating_commands: usize,
    /// Files that do not load.
    pub unreadable: usize,
}

impl Figures {
    /// Reads every spec file under `dir` (`methods/`, `events/`,
    /// `placements/`); a missing tree gives zeros.
    pub fn of_dir(dir: &Path) -> Figures {
        let mut f = Figures::default();
        let mut codes = BTreeSet::new();
        for sub in ["methods", "events", "placements"] {
            let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths
                .iter()
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            {
                match b24_spec::load(p, &p.display().to_string()) {
                    Ok(spec) => f.add(&spec.file, &mut codes),
                    Err(_) => f.unreadable += 1,
                }
            }
        }
        f.error_codes = codes.len();
        f
    }

    fn add(&mut self, file: &SpecFile, codes: &mut BTreeSet<String>) {
        self.entries += file.methods.len() + file.events.len();
        self.methods += file.methods.len();
        for m in &file.methods {
            if let Some(r) = &m.result
                && typed(r, file)
            {
                self.typed_results += 1;
                if r.ty.value == "any" {
                    self.null_results += 1;
                }
            }
            self.error_rows += m.errors.len();
            codes.extend(
                m.errors
                    .iter()
                    .filter(|e| !e.code.is_empty())
                    .map(|e| e.code.clone()),
            );
        }
        if let Some(p) = &file.placement {
            self.entries += 1 + p.events.len() + p.commands.len();
            self.placements += 1;
            if !p.options.is_empty() {
                self.placements_with_options += 1;
            }
            self.repeating_commands += p.commands.iter().filter(|c| c.repeats).count();
        }
    }

    /// The share of methods with a typed result, in percent.
    pub fn typed_share(&self) -> f64 {
        if self.methods == 0 {
            return 0.0;
        }
        100.0 * self.typed_results as f64 / self.methods as f64
    }
}

/// Whether a result tells a decoder what to expect: a scalar, a named
/// type, an object with fields, an array of typed items, or a documented
/// `null` (`any`, nullable).
pub fn typed(s: &Shape, file: &SpecFile) -> bool {
    match s.ty.value.as_str() {
        "any" => s.nullable,
        "object" => !s.fields.is_empty(),
        "array" => s.items.as_deref().is_some_and(|i| typed(i, file)),
        "string" | "integer" | "number" | "boolean" | "date" | "datetime" => true,
        named => file.types.get(named).is_none_or(|t| typed(t, file)),
    }
}

/// The "Before and after" section: figures before and after, and the skip
/// reasons with their page counts (before: as the previous report listed
/// them).
pub fn section(before: &Figures, after: &Figures, old_report: &str, new_report: &str) -> String {
    let mut r = String::new();
    let _ = writeln!(
        r,
        "## Before and after\n\nThe specs tree before this import (as it was on disk) and after it; hand-written files count in both.\n\n| what | before | after |\n|---|---|---|"
    );
    let share = |f: &Figures| format!("{} ({:.1}%)", f.typed_results, f.typed_share());
    let count =
        |what, n: fn(&Figures) -> usize| (what, n(before).to_string(), n(after).to_string());
    let rows: [(&str, String, String); 9] = [
        count("entries", |f| f.entries),
        count("methods", |f| f.methods),
        (
            "methods with a typed result (share)",
            share(before),
            share(after),
        ),
        count("of which a documented `null`", |f| f.null_results),
        count("typed error codes: rows", |f| f.error_rows),
        count("typed error codes: distinct codes", |f| f.error_codes),
        (
            "placements with options / placements",
            format!("{} / {}", before.placements_with_options, before.placements),
            format!("{} / {}", after.placements_with_options, after.placements),
        ),
        count("commands marked `repeats`", |f| f.repeating_commands),
        count("spec files that do not load", |f| f.unreadable),
    ];
    for (what, b, a) in rows {
        let _ = writeln!(r, "| {what} | {b} | {a} |");
    }
    let old = skip_reasons(old_report);
    let new = skip_reasons(new_report);
    let _ = writeln!(
        r,
        "\nSkipped pages by reason:\n\n| reason | before | after |\n|---|---|---|"
    );
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for k in keys {
        let n = |m: &BTreeMap<String, usize>| m.get(k).map_or("0".to_owned(), usize::to_string);
        let _ = writeln!(r, "| {k} | {} | {} |", n(&old), n(&new));
    }
    r.push('\n');
    r
}

/// The rows of a report's "Skip reasons" table.
fn skip_reasons(report: &str) -> BTreeMap<String, usize> {
    report
        .lines()
        .skip_while(|l| !l.starts_with("### Skip reasons"))
        .skip(1)
        .take_while(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim().trim_matches('|').split(" | ").collect();
            match cells.as_slice() {
                [why, n] => Some((why.trim().to_owned(), n.trim().parse().ok()?)),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_skip_reasons_back() {
        let r = "# x\n### Skip reasons\n\n| reason | pages |\n|---|---|\n| a guide | 3 |\n| no H1 | 1 |\n\n## Files\n| `a` | b |\n";
        let m = skip_reasons(r);
        assert_eq!(m.len(), 2);
        assert_eq!(m["a guide"], 3);
    }

    #[test]
    fn typed_results() {
        let file = SpecFile::default();
        let mut s = Shape::of("any");
        assert!(!typed(&s, &file));
        s.nullable = true;
        assert!(typed(&s, &file));
        let mut a = Shape::of("array");
        assert!(!typed(&a, &file));
        a.items = Some(Box::new(Shape::of("object")));
        assert!(!typed(&a, &file));
        a.items = Some(Box::new(Shape::of("integer")));
        assert!(typed(&a, &file));
    }
}
