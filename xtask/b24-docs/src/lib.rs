//! b24-docs: imports b24 specs from the official Bitrix24 REST documentation.
//!
//! The docs are Markdown in the YFM dialect. The importer reads every page,
//! parses it line by line ([`md`]), decides from its structure what it
//! describes ([`page`]: REST method, REST event, JS interface event or
//! command), keeps what it found with the importer's bookkeeping ([`ir`]),
//! and builds [`b24_spec`] model values from it ([`emit`]) that
//! [`b24_spec::to_yaml`] writes, one file per docs section, plus a coverage
//! report that lists every page.
//!
//! ```no_run
//! let out = b24_docs::import(std::path::Path::new("docs")).unwrap();
//! out.write(std::path::Path::new("specs"), None).unwrap();
//! ```
#![deny(missing_docs)]

pub mod emit;
pub mod ir;
pub mod md;
pub mod page;
pub mod reconcile;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use ir::{Entry, Kind};
use page::{Analysis, Parsed};
use std::rc::Rc;

/// A problem found in a page, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The page, relative to the docs root.
    pub page: String,
    /// 1-based line.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

impl Warning {
    /// A warning at `page:line`.
    pub fn new(page: &str, line: u32, message: impl Into<String>) -> Self {
        Warning {
            page: page.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.page, self.line, self.message)
    }
}

/// A link to a page that is not in the docs tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MissingLink {
    /// The linking page.
    pub page: String,
    /// 1-based line of the link.
    pub line: u32,
    /// The link target as written.
    pub target: String,
}

/// An entry imported from a row of an overview table because the page it
/// links to is not in the docs tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FromOverview {
    /// Event code or method name.
    pub name: String,
    /// Event or method.
    pub kind: page::ListedKind,
    /// The missing page.
    pub target: String,
    /// The spec file it went to.
    pub file: String,
    /// The overview page.
    pub page: String,
    /// The table row's line.
    pub line: u32,
}

/// What happened to one page.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Entries were imported.
    Imported {
        /// The kind of page.
        kind: Kind,
        /// The names of the entries and the file they went to.
        entries: Vec<(String, String)>,
    },
    /// Nothing was imported; the reason says why.
    Skipped(String),
}

/// Statistics of one import.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Pages read.
    pub pages: usize,
    /// Imported pages by kind.
    pub imported: BTreeMap<Kind, usize>,
    /// Skipped pages.
    pub skipped: usize,
    /// Spec files written.
    pub files: usize,
    /// Entries written (methods, events, interface events, commands).
    pub entries: usize,
    /// Warnings.
    pub warnings: usize,
    /// Links to pages that are not in the tree.
    pub missing_links: usize,
    /// Generated files that fail `b24_spec::parse` (a bug when non-zero).
    pub invalid_files: usize,
    /// Entries imported from overview tables because their own page is not
    /// in the tree.
    pub from_overview: usize,
}

/// The result of an import: spec files, the report and statistics.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// Spec files by path relative to the output dir
    /// (`methods/crm_deals.yaml`, `placements/call_card.yaml`, ...).
    pub files: BTreeMap<String, String>,
    /// The coverage report (Markdown).
    pub report: String,
    /// Per-page status, sorted by page.
    pub pages: BTreeMap<String, Status>,
    /// All warnings, sorted.
    pub warnings: Vec<Warning>,
    /// All missing links, sorted.
    pub missing_links: Vec<MissingLink>,
    /// Files that fail validation, with the error.
    pub invalid: Vec<(String, String)>,
    /// Entries known only from overview tables (their page is missing).
    pub from_overview: Vec<FromOverview>,
    /// Figures.
    pub stats: Stats,
}

impl Output {
    /// Writes the spec files under `out` and the report to
    /// `out/IMPORT-REPORT.md`. Placement files go to `placements_out`
    /// instead of `out/placements` when it is given. An existing file
    /// without the generated header is hand-written: it is kept, and the
    /// report lists it.
    pub fn write(&self, out: &Path, placements_out: Option<&Path>) -> std::io::Result<()> {
        let mut kept = Vec::new();
        for (rel, text) in &self.files {
            let path = match (rel.strip_prefix("placements/"), placements_out) {
                (Some(name), Some(p)) => p.join(name),
                _ => out.join(rel),
            };
            if let Ok(old) = std::fs::read_to_string(&path)
                && !is_generated(&old)
            {
                kept.push(rel.as_str());
                continue;
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, text)?;
        }
        // hand-written placement files the import has no entry for
        let pdir = placements_out.map_or_else(|| out.join("placements"), Path::to_path_buf);
        let mut others: Vec<String> = std::fs::read_dir(&pdir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".yaml"))
            .map(|n| format!("placements/{n}"))
            .filter(|rel| !self.files.contains_key(rel))
            .filter(|rel| {
                std::fs::read_to_string(pdir.join(rel.trim_start_matches("placements/")))
                    .is_ok_and(|t| !is_generated(&t))
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
                report.push_str(&format!("- `{rel}`\n"));
            }
        }
        std::fs::write(out.join("IMPORT-REPORT.md"), report)
    }
}

/// Whether a spec file's text was written by the importer.
fn is_generated(text: &str) -> bool {
    let first = emit::HEADER.lines().next().unwrap_or_default();
    text.lines()
        .next()
        .is_some_and(|l| l.trim_start_matches('#').trim() == first)
}

/// Imports a whole docs tree in one go.
pub fn import(root: &Path) -> std::io::Result<Output> {
    let mut imp = Importer::new(root)?;
    for p in imp.pages().to_vec() {
        imp.import_page(&p);
    }
    Ok(imp.finish())
}

/// A step-by-step importer (so that a caller can show progress).
pub struct Importer {
    pages: Vec<String>,
    store: Store,
    results: BTreeMap<String, Analysis>,
    listed: Vec<page::Listed>,
    warnings: Vec<Warning>,
    missing: Vec<MissingLink>,
}

/// The docs tree: raw pages, parsed pages and resolved named objects.
struct Store {
    root: PathBuf,
    in_memory: bool,
    all_files: HashSet<String>,
    cache: HashMap<String, Option<String>>,
    parsed: HashMap<String, Option<Rc<Parsed>>>,
    memo: HashMap<String, ir::Shape>,
}

/// Imports pages given as `(path, text)` without touching the file system
/// (includes and links resolve among the given pages only).
pub fn import_pages(pages: &[(String, String)]) -> Output {
    let mut names: Vec<String> = pages.iter().map(|p| p.0.clone()).collect();
    names.sort();
    names.dedup();
    let mut imp = Importer {
        pages: names
            .iter()
            .filter(|p| p.ends_with(".md"))
            .cloned()
            .collect(),
        store: Store {
            root: PathBuf::new(),
            in_memory: true,
            all_files: names.iter().cloned().collect(),
            cache: pages
                .iter()
                .map(|(p, t)| (p.clone(), Some(t.clone())))
                .collect(),
            parsed: HashMap::new(),
            memo: HashMap::new(),
        },
        results: BTreeMap::new(),
        listed: Vec::new(),
        warnings: Vec::new(),
        missing: Vec::new(),
    };
    for p in imp.pages.clone() {
        imp.import_page(&p);
    }
    imp.finish()
}

impl Store {
    fn read(&mut self, rel: &str) -> Option<String> {
        if let Some(c) = self.cache.get(rel) {
            return c.clone();
        }
        if self.in_memory {
            return None;
        }
        let text = std::fs::read(self.root.join(rel))
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        self.cache.insert(rel.to_owned(), text.clone());
        text
    }

    /// Splices `{% include [..](path) %}` files into the page's lines.
    fn resolve_includes(
        &mut self,
        page: &str,
        file: &str,
        text: &str,
        depth: usize,
        at: Option<u32>,
        warnings: &mut Vec<Warning>,
    ) -> Vec<md::SrcLine> {
        let mut out = Vec::new();
        for l in md::lines(text) {
            let line_no = at.unwrap_or(l.line);
            let t = l.text.trim_start();
            if t.starts_with("{% include") && t.trim_end().ends_with("%}") {
                let target = md::links(t).into_iter().next().map(|x| x.1);
                if let Some(target) = target {
                    let resolved = join(file, target.split('#').next().unwrap_or(""));
                    let body = resolved.as_ref().and_then(|r| {
                        if depth < 4 {
                            self.read(r).map(|b| (r.clone(), b))
                        } else {
                            None
                        }
                    });
                    match body {
                        Some((r, b)) => {
                            let indent = &l.text[..l.text.len() - t.len()];
                            for mut x in self.resolve_includes(
                                page,
                                &r,
                                &b,
                                depth + 1,
                                Some(line_no),
                                warnings,
                            ) {
                                x.text = format!("{indent}{}", x.text);
                                out.push(x);
                            }
                        }
                        None => warnings.push(Warning::new(
                            page,
                            line_no,
                            format!("include `{target}` cannot be resolved; skipped"),
                        )),
                    }
                    continue;
                }
            }
            out.push(md::SrcLine {
                text: l.text,
                line: line_no,
            });
        }
        out
    }
}

impl page::Resolver for Store {
    fn page(&mut self, rel: &str) -> Option<Rc<Parsed>> {
        if let Some(p) = self.parsed.get(rel) {
            return p.clone();
        }
        let parsed = if rel.ends_with(".md") && self.all_files.contains(rel) {
            self.read(rel).map(|text| {
                // the page's own problems are reported when it is imported
                let mut sink = Vec::new();
                let lines = self.resolve_includes(rel, rel, &text, 0, None, &mut sink);
                Rc::new(Parsed::new(rel, &lines, &mut sink))
            })
        } else {
            None
        };
        self.parsed.insert(rel.to_owned(), parsed.clone());
        parsed
    }

    fn memo(&mut self, key: &str) -> Option<ir::Shape> {
        self.memo.get(key).cloned()
    }

    fn remember(&mut self, key: &str, shape: &ir::Shape) {
        self.memo.insert(key.to_owned(), shape.clone());
    }
}

impl Importer {
    /// Lists the Markdown pages under `root`.
    pub fn new(root: &Path) -> std::io::Result<Self> {
        let mut files = Vec::new();
        walk(root, root, &mut files)?;
        files.sort();
        let all_files: HashSet<String> = files.iter().cloned().collect();
        let pages = files.into_iter().filter(|f| f.ends_with(".md")).collect();
        Ok(Importer {
            pages,
            store: Store {
                root: root.to_owned(),
                in_memory: false,
                all_files,
                cache: HashMap::new(),
                parsed: HashMap::new(),
                memo: HashMap::new(),
            },
            results: BTreeMap::new(),
            listed: Vec::new(),
            warnings: Vec::new(),
            missing: Vec::new(),
        })
    }

    /// The pages to import, relative to the root, sorted.
    pub fn pages(&self) -> &[String] {
        &self.pages
    }

    /// Imports one page (a path from [`Importer::pages`]).
    pub fn import_page(&mut self, rel: &str) {
        let Some(text) = self.store.read(rel) else {
            self.results
                .insert(rel.to_owned(), Analysis::Skipped("cannot be read".into()));
            return;
        };
        if is_fragment(rel) {
            self.check_links(rel, &text);
            self.results.insert(
                rel.to_owned(),
                Analysis::Skipped("include fragment (resolved where it is included)".into()),
            );
            return;
        }
        self.check_links(rel, &text);
        let mut warnings = Vec::new();
        let lines = self
            .store
            .resolve_includes(rel, rel, &text, 0, None, &mut warnings);
        let doc = Rc::new(Parsed::new(rel, &lines, &mut warnings));
        self.store
            .parsed
            .insert(rel.to_owned(), Some(Rc::clone(&doc)));
        self.listed.extend(page::listed(&doc));
        let a = page::analyze_parsed(doc, &mut self.store, &mut warnings);
        self.warnings.extend(warnings);
        self.results.insert(rel.to_owned(), a);
    }

    fn check_links(&mut self, rel: &str, text: &str) {
        for (i, line) in text.lines().enumerate() {
            if !line.contains("](") {
                continue;
            }
            for (_, target) in md::links(line) {
                let t = target.split('#').next().unwrap_or("");
                if t.is_empty()
                    || t.contains("://")
                    || t.starts_with("mailto:")
                    || t.starts_with('/')
                {
                    continue;
                }
                if !(t.ends_with(".md") || t.ends_with(".yaml")) {
                    continue;
                }
                let resolved = join(rel, t);
                if !resolved
                    .as_ref()
                    .is_some_and(|r| self.store.all_files.contains(r))
                {
                    self.missing.push(MissingLink {
                        page: rel.to_owned(),
                        line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                        target: target.clone(),
                    });
                }
            }
        }
    }

    /// Groups the entries into files, emits them, validates them and writes
    /// the report.
    pub fn finish(self) -> Output {
        let Importer {
            pages,
            store,
            results,
            listed,
            mut warnings,
            mut missing,
        } = self;
        // sections: pages per top-level folder decide the split
        let mut per_top: HashMap<String, usize> = HashMap::new();
        for (p, a) in &results {
            if matches!(a, Analysis::Imported(Kind::RestMethod | Kind::RestEvent, _)) {
                *per_top.entry(top_folder(p)).or_default() += 1;
            }
        }
        let mut statuses: BTreeMap<String, Status> = BTreeMap::new();
        // file → (methods, events)
        let mut rest: BTreeMap<String, (Vec<ir::Method>, Vec<ir::RestEvent>)> = BTreeMap::new();
        #[allow(clippy::type_complexity)]
        let mut placements: BTreeMap<
            String,
            (
                Vec<String>,
                Vec<ir::InterfaceEvent>,
                Vec<ir::Command>,
                Option<ir::PlacementInfo>,
            ),
        > = BTreeMap::new();
        let mut seen: HashMap<(String, String), String> = HashMap::new();
        // The API reference is preferred when a name is documented twice.
        let mut ordered: Vec<(&String, &Analysis)> = results.iter().collect();
        ordered.sort_by_key(|(p, _)| (!p.starts_with("api-reference/"), p.as_str()));
        for (p, a) in ordered {
            match a {
                Analysis::Skipped(r) => {
                    statuses.insert(p.clone(), Status::Skipped(r.clone()));
                }
                Analysis::Imported(kind, entries) => {
                    let mut names = Vec::new();
                    let mut dup = None;
                    for e in entries {
                        let (file, key) = match e {
                            // a name may have a REST v2 and a REST 3.0 page
                            Entry::Method(m) => (
                                format!("methods/{}.yaml", section(p, &per_top)),
                                if m.v3 {
                                    format!("{} (v3)", m.name)
                                } else {
                                    m.name.clone()
                                },
                            ),
                            Entry::RestEvent(ev) => (
                                format!("events/{}.yaml", section(p, &per_top)),
                                ev.code.clone(),
                            ),
                            Entry::InterfaceEvent {
                                placement, event, ..
                            } => (
                                format!("placements/{}.yaml", placement.to_ascii_lowercase()),
                                event.name.clone(),
                            ),
                            Entry::Command {
                                placement, command, ..
                            } => (
                                format!("placements/{}.yaml", placement.to_ascii_lowercase()),
                                format!("command {}", command.name),
                            ),
                            Entry::Placement(info) => (
                                format!("placements/{}.yaml", info.code.to_ascii_lowercase()),
                                format!("placement {}", info.code),
                            ),
                        };
                        // one entry per REST method or event in the whole tree
                        let scope_key = match e {
                            Entry::Method(_) => "methods".to_owned(),
                            Entry::RestEvent(_) => "events".to_owned(),
                            _ => file.clone(),
                        };
                        if let Some(first) = seen.get(&(scope_key.clone(), key.clone())) {
                            dup = Some(format!(
                                "duplicate: `{key}` is already imported from {first}"
                            ));
                            continue;
                        }
                        seen.insert((scope_key, key.clone()), p.clone());
                        names.push((
                            key.trim_start_matches("command ")
                                .trim_start_matches("placement ")
                                .to_owned(),
                            file.clone(),
                        ));
                        match e.clone() {
                            Entry::Method(m) => rest.entry(file).or_default().0.push(m),
                            Entry::RestEvent(ev) => rest.entry(file).or_default().1.push(ev),
                            Entry::InterfaceEvent { scopes, event, .. } => {
                                let pl = placements.entry(file).or_default();
                                merge_scopes(&mut pl.0, &scopes);
                                pl.1.push(event);
                            }
                            Entry::Command {
                                scopes, command, ..
                            } => {
                                let pl = placements.entry(file).or_default();
                                merge_scopes(&mut pl.0, &scopes);
                                pl.2.push(command);
                            }
                            Entry::Placement(info) => {
                                let pl = placements.entry(file).or_default();
                                merge_scopes(&mut pl.0, &info.scopes);
                                pl.3 = Some(info);
                            }
                        }
                    }
                    if names.is_empty() {
                        statuses.insert(
                            p.clone(),
                            Status::Skipped(dup.unwrap_or_else(|| "no entries".into())),
                        );
                    } else {
                        statuses.insert(
                            p.clone(),
                            Status::Imported {
                                kind: *kind,
                                entries: names,
                            },
                        );
                    }
                }
            }
        }
        // Entries known only from overview tables: their pages are missing.
        let (from_overview, left_out) =
            overview_entries(listed, &store.all_files, &per_top, &mut seen, &mut rest);
        let mut files = BTreeMap::new();
        let mut invalid = Vec::new();
        let mut entries = 0;
        let mut file_rows = Vec::new();
        for (file, (mut methods, mut events)) in rest {
            methods.sort_by(|a, b| a.name.cmp(&b.name));
            events.sort_by(|a, b| a.code.cmp(&b.code));
            let scope = main_scope(
                methods
                    .iter()
                    .filter_map(|m| m.scopes.first())
                    .chain(events.iter().filter_map(|e| e.scopes.first())),
            )
            .unwrap_or_else(|| file_stem(&file));
            let what = if file.starts_with("methods/") {
                "REST methods"
            } else {
                "REST events"
            };
            let summary = format!("{what} of the `{}` docs section.", file_stem(&file));
            let text = emit::rest_file(
                &summary,
                &scope,
                &methods.iter().collect::<Vec<_>>(),
                &events.iter().collect::<Vec<_>>(),
            );
            entries += methods.len() + events.len();
            file_rows.push((file.clone(), scope, methods.len() + events.len()));
            match text {
                Ok(text) => {
                    files.insert(file, text);
                }
                Err(e) => invalid.push((file, e.to_string())),
            }
        }
        for (file, (scopes, mut events, mut commands, info)) in placements {
            events.sort_by(|a, b| a.name.cmp(&b.name));
            commands.sort_by(|a, b| a.name.cmp(&b.name));
            let code = file_stem(&file).to_ascii_uppercase();
            let text = emit::placement_file(
                &code,
                info.as_ref(),
                &scopes,
                &events.iter().collect::<Vec<_>>(),
                &commands.iter().collect::<Vec<_>>(),
            );
            entries += events.len() + commands.len();
            file_rows.push((
                file.clone(),
                scopes.join(", "),
                events.len() + commands.len(),
            ));
            match text {
                Ok(text) => {
                    files.insert(file, text);
                }
                Err(e) => invalid.push((file, e.to_string())),
            }
        }
        for (f, text) in &files {
            if let Err(e) = b24_spec::parse(f, text) {
                invalid.push((f.clone(), e.to_string()));
            }
        }
        warnings.sort();
        warnings.dedup();
        missing.sort();
        missing.dedup();
        let mut stats = Stats {
            pages: pages.len(),
            files: files.len(),
            entries,
            warnings: warnings.len(),
            missing_links: missing.len(),
            invalid_files: invalid.len(),
            from_overview: from_overview.len(),
            ..Stats::default()
        };
        for s in statuses.values() {
            match s {
                Status::Imported { kind, .. } => *stats.imported.entry(*kind).or_default() += 1,
                Status::Skipped(_) => stats.skipped += 1,
            }
        }
        let report = report(
            &stats,
            &statuses,
            &file_rows,
            &warnings,
            &missing,
            &invalid,
            (&from_overview, &left_out),
        );
        Output {
            files,
            report,
            from_overview,
            pages: statuses,
            warnings,
            missing_links: missing,
            invalid,
            stats,
        }
    }
}

/// The comparable letters and digits of a name or a file stem
/// (`on-external-call-start` and `OnExternalCallStart` agree).
fn norm(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

type RestFiles = BTreeMap<String, (Vec<ir::Method>, Vec<ir::RestEvent>)>;

/// Entries for overview-table rows whose linked page is not in the tree.
/// A row is left out when its name or page is listed differently elsewhere,
/// and a method also when its page's file name does not spell its name.
fn overview_entries(
    mut listed: Vec<page::Listed>,
    all_files: &HashSet<String>,
    per_top: &HashMap<String, usize>,
    seen: &mut HashMap<(String, String), String>,
    rest: &mut RestFiles,
) -> (Vec<FromOverview>, Vec<(page::Listed, String)>) {
    use page::ListedKind;
    listed.retain(|l| !all_files.contains(&l.target));
    let key = |l: &page::Listed| match l.kind {
        ListedKind::Event => l.name.to_ascii_uppercase(),
        ListedKind::Method => l.name.clone(),
    };
    // the row of the overview page nearest to the missing page wins
    listed.sort_by_cached_key(|l| {
        let shared = l
            .page
            .split('/')
            .zip(l.target.split('/'))
            .take_while(|(a, b)| a == b)
            .count();
        let far = l.page.split('/').count() + l.target.split('/').count() - 2 * shared;
        (l.kind, key(l), far, l.page.clone(), l.line)
    });
    let mut by_name: HashMap<(ListedKind, String), BTreeSet<String>> = HashMap::new();
    let mut by_target: HashMap<String, BTreeSet<String>> = HashMap::new();
    for l in &listed {
        by_name
            .entry((l.kind, key(l)))
            .or_default()
            .insert(l.target.clone());
        by_target
            .entry(l.target.clone())
            .or_default()
            .insert(key(l));
    }
    let mut out = Vec::new();
    let mut left_out = Vec::new();
    let mut done: HashSet<(ListedKind, String)> = HashSet::new();
    for l in listed {
        let k = key(&l);
        if !done.insert((l.kind, k.clone())) {
            continue;
        }
        let scope_key = match l.kind {
            ListedKind::Event => "events",
            ListedKind::Method => "methods",
        };
        if let Some(first) = seen.get(&(scope_key.to_owned(), k.clone())) {
            // documented on a page of its own (under another link), or
            // listed by an earlier overview row
            let _ = first;
            continue;
        }
        let targets = by_name.get(&(l.kind, k.clone())).map_or(0, BTreeSet::len);
        let names = by_target.get(&l.target).map_or(0, BTreeSet::len);
        let stem = file_stem(&l.target);
        let why = if targets > 1 {
            Some("the name links to different pages in different overview tables")
        } else if names > 1 {
            Some("the page is linked under different names")
        } else if l.kind == ListedKind::Method && norm(&stem) != norm(&l.name) {
            Some("the page's file name does not spell the method name")
        } else {
            None
        };
        if let Some(why) = why {
            left_out.push((l, why.to_owned()));
            continue;
        }
        let sec = section(&l.target, per_top);
        let docs = ir::Docs {
            summary: l.summary.clone(),
            description: Some(
                match l.kind {
                    ListedKind::Event => {
                        "The page of this event is not in the docs snapshot; its data fields are not typed."
                    }
                    ListedKind::Method => {
                        "The page of this method is not in the docs snapshot; its parameters and result are not typed."
                    }
                }
                .to_owned(),
            ),
            docs: page::docs_url(&l.target),
            who: l.who.clone(),
            page: l.target.clone(),
        };
        let file = match l.kind {
            ListedKind::Event => {
                let file = format!("events/{sec}.yaml");
                rest.entry(file.clone()).or_default().1.push(ir::RestEvent {
                    code: k.clone(),
                    rust_name: b24_spec::names::camel(
                        &(if l.name.chars().any(|c| c.is_ascii_lowercase()) {
                            None
                        } else {
                            page::slug_spelling(&l.target, &l.name)
                        })
                        .unwrap_or_else(|| l.name.replace('.', "_")),
                    ),
                    docs,
                    scopes: l.scopes.clone(),
                    ..ir::RestEvent::default()
                });
                file
            }
            ListedKind::Method => {
                let file = format!("methods/{sec}.yaml");
                rest.entry(file.clone()).or_default().0.push(ir::Method {
                    name: k.clone(),
                    docs,
                    scopes: l.scopes.clone(),
                    ..ir::Method::default()
                });
                file
            }
        };
        seen.insert(
            (scope_key.to_owned(), k.clone()),
            format!("{}:{}", l.page, l.line),
        );
        out.push(FromOverview {
            name: l.name.clone(),
            kind: l.kind,
            target: l.target.clone(),
            file,
            page: l.page.clone(),
            line: l.line,
        });
    }
    out.sort();
    (out, left_out)
}

fn merge_scopes(into: &mut Vec<String>, scopes: &[String]) {
    for s in scopes {
        if !into.contains(s) {
            into.push(s.clone());
        }
    }
}

fn main_scope<'a>(scopes: impl Iterator<Item = &'a String>) -> Option<String> {
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

fn file_stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("spec")
        .to_owned()
}

/// Include fragments: pages in `_includes`-like folders.
fn is_fragment(rel: &str) -> bool {
    rel.split('/').rev().skip(1).any(|c| c.starts_with('_'))
}

/// The folders of a page below `api-reference/` (or the root).
fn folders(rel: &str) -> Vec<&str> {
    let rel = rel.strip_prefix("api-reference/").unwrap_or(rel);
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    parts
}

fn top_folder(rel: &str) -> String {
    folders(rel)
        .first()
        .copied()
        .unwrap_or("general")
        .to_owned()
}

/// Folders with more REST pages than this are split by their subfolders.
const SPLIT_ABOVE: usize = 100;

/// The section (file stem) of a page: its top folder, or top and second
/// folder for big sections.
fn section(rel: &str, per_top: &HashMap<String, usize>) -> String {
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

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
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

fn report(
    stats: &Stats,
    statuses: &BTreeMap<String, Status>,
    files: &[(String, String, usize)],
    warnings: &[Warning],
    missing: &[MissingLink],
    invalid: &[(String, String)],
    (from_overview, left_out): (&[FromOverview], &[(page::Listed, String)]),
) -> String {
    let mut r = String::new();
    let _ = writeln!(r, "# Import report\n");
    let _ = writeln!(
        r,
        "Generated by `b24-docs` from the Bitrix24 REST documentation (MIT). Every page of the docs tree is listed below as imported or skipped.\n"
    );
    let _ = writeln!(r, "## Summary\n");
    let _ = writeln!(r, "| what | count |\n|---|---|");
    let _ = writeln!(r, "| pages | {} |", stats.pages);
    for (k, n) in &stats.imported {
        let _ = writeln!(r, "| imported: {} pages | {n} |", k.label());
    }
    let _ = writeln!(r, "| skipped pages | {} |", stats.skipped);
    let _ = writeln!(r, "| spec files | {} |", stats.files);
    let _ = writeln!(r, "| entries | {} |", stats.entries);
    let _ = writeln!(r, "| warnings | {} |", stats.warnings);
    let _ = writeln!(r, "| links to missing pages | {} |", stats.missing_links);
    let _ = writeln!(r, "| files failing validation | {} |", stats.invalid_files);
    let _ = writeln!(
        r,
        "| entries known only from overview tables (page missing) | {} |",
        stats.from_overview
    );
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for s in statuses.values() {
        if let Status::Skipped(why) = s {
            let key = if why.starts_with("duplicate:") {
                "duplicate of an entry imported from another page".to_owned()
            } else if why.starts_with("interface ") {
                "interface page without a placement code".to_owned()
            } else {
                why.clone()
            };
            *reasons.entry(key).or_default() += 1;
        }
    }
    let _ = writeln!(r, "\n### Skip reasons\n\n| reason | pages |\n|---|---|");
    for (why, n) in &reasons {
        let _ = writeln!(r, "| {why} | {n} |");
    }
    if !invalid.is_empty() {
        let _ = writeln!(r, "\n## Files failing validation\n");
        for (f, e) in invalid {
            let _ = writeln!(r, "- `{f}`: {}", e.replace('\n', "; "));
        }
    }
    let _ = writeln!(r, "\n## Files\n\n| file | scope | entries |\n|---|---|---|");
    for (f, s, n) in files {
        let _ = writeln!(r, "| `{f}` | {s} | {n} |");
    }
    let _ = writeln!(
        r,
        "\n## Pages\n\n| page | status | details |\n|---|---|---|"
    );
    for (p, s) in statuses {
        match s {
            Status::Imported { kind, entries } => {
                let files: BTreeSet<&str> = entries.iter().map(|e| e.1.as_str()).collect();
                let names: Vec<String> = entries.iter().map(|e| format!("`{}`", e.0)).collect();
                let files: Vec<String> = files.iter().map(|f| format!("`{f}`")).collect();
                let _ = writeln!(
                    r,
                    "| {p} | imported: {} | {} → {} |",
                    kind.label(),
                    names.join(", "),
                    files.join(", ")
                );
            }
            Status::Skipped(why) => {
                let _ = writeln!(r, "| {p} | skipped | {} |", why.replace('|', "\\|"));
            }
        }
    }
    let _ = writeln!(
        r,
        "\n## Entries known only from overview tables\n\nTheir own page is not in the docs tree; the entry has the name, summary, scope and docs URL from the overview table, and no typed fields.\n\n| entry | kind | missing page | listed at | file |\n|---|---|---|---|---|"
    );
    for e in from_overview {
        let _ = writeln!(
            r,
            "| `{}` | {} | {} | {}:{} | `{}` |",
            e.name,
            match e.kind {
                page::ListedKind::Event => "REST event",
                page::ListedKind::Method => "REST method",
            },
            e.target,
            e.page,
            e.line,
            e.file
        );
    }
    if !left_out.is_empty() {
        let _ = writeln!(
            r,
            "\n### Overview rows left out\n\n| row | missing page | listed at | why |\n|---|---|---|---|"
        );
        for (l, why) in left_out {
            let _ = writeln!(
                r,
                "| `{}` | {} | {}:{} | {} |",
                l.name, l.target, l.page, l.line, why
            );
        }
    }
    let _ = writeln!(r, "\n## Warnings\n");
    for w in warnings {
        let _ = writeln!(r, "- {}", w.to_string().replace('`', "'"));
    }
    let _ = writeln!(r, "\n## Links to pages missing from the docs tree\n");
    for m in missing {
        let _ = writeln!(r, "- {}:{}: `{}`", m.page, m.line, m.target);
    }
    r
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
