//! Holds every REST event the importer reads from the fixture pages (copied
//! unchanged from the Bitrix24 docs, MIT; see `fixtures/NOTICE.md`) to the
//! code its page names: the `event` value its handler example delivers, or,
//! on a page without one, the code in its H1 title.

use std::path::{Path, PathBuf};

use b24_docs::{Status, ir::Kind};

/// The code a page names, read here independently of the importer: the
/// delivered `"event": "..."` values when the page shows one (they must
/// agree), else the title's last word that starts with `on`.
fn page_code(page: &str) -> String {
    let delivered: Vec<String> = page
        .split("\"event\"")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().strip_prefix(':')?.trim_start();
            let rest = rest.strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_ascii_uppercase())
        })
        .collect();
    if let Some(first) = delivered.first() {
        assert!(
            delivered.iter().all(|d| d == first),
            "examples disagree: {delivered:?}"
        );
        return first.clone();
    }
    let h1 = page
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .expect("an H1");
    h1.split_whitespace()
        .rev()
        .find(|w| w.len() > 2 && w[..2].eq_ignore_ascii_case("on"))
        .expect("a code in the title")
        .trim_matches('`')
        .to_ascii_uppercase()
}

fn event_codes(root: &Path) -> Vec<(String, String)> {
    let out = b24_docs::import(root).expect("fixtures import");
    let mut found = Vec::new();
    for (page, status) in &out.pages {
        if let Status::Imported {
            kind: Kind::RestEvent,
            entries,
        } = status
        {
            for (code, _) in entries {
                found.push((page.clone(), code.clone()));
            }
        }
    }
    found
}

#[test]
fn every_event_code_is_the_one_its_page_names() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = Vec::new();
    for dir in ["docs", "kinds", "widgets"] {
        let root = fixtures.join(dir);
        for (page, code) in event_codes(&root) {
            let text = std::fs::read_to_string(root.join(&page)).expect("page");
            assert_eq!(code, page_code(&text), "{dir}/{page}");
            seen.push(code);
        }
    }
    // the pages whose titles name another code than the one delivered
    for want in ["ONCRMLEADDELETE", "ONBOOKINGRESOURCEDELETE"] {
        assert!(
            seen.iter().any(|c| c == want),
            "{want} not imported: {seen:?}"
        );
    }
    // a title-only page keeps its title's code
    assert!(seen.iter().any(|c| c == "ONCRMINVOICEDELETE"), "{seen:?}");
    assert!(
        !seen
            .iter()
            .any(|c| c == "ONLEADDELETE" || c == "ONRESOURCEDELETE")
    );
}
