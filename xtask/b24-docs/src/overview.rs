//! Entries known only from overview tables, whose own page is missing.

use crate::*;

/// Entries for overview-table rows whose linked page is not in the tree.
/// A row is left out when its name or page is listed differently elsewhere,
/// and a method also when its page's file name does not spell its name.
pub(crate) fn overview_entries(
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
