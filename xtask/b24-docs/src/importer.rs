//! The importer: reads pages (resolving includes and links), analyzes each
//! one and puts the entries into spec files.

use crate::*;

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
pub(crate) struct Store {
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
                        // A second page on a placement may document the
                        // options the first one left out.
                        if let Entry::Placement(info) = e
                            && !info.options.is_empty()
                            && seen.contains_key(&(scope_key.clone(), key.clone()))
                            && let Some(pl) = placements.get_mut(&file)
                            && let Some(first) = pl.3.as_mut()
                            && first.options.is_empty()
                        {
                            first.options = info.options.clone();
                            names.push((info.code.clone(), file.clone()));
                            continue;
                        }
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
        // one type per docs section, the example-corrected one
        let mut all: Vec<&mut ir::Method> =
            rest.values_mut().flat_map(|(m, _)| m.iter_mut()).collect();
        crate::reconcile::share_corrections(&mut all);
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

pub(crate) type RestFiles = BTreeMap<String, (Vec<ir::Method>, Vec<ir::RestEvent>)>;
