//! Every spec file under `specs/methods` and `specs/events` has a cargo
//! feature (`methods-<module>`, `events-<module>`), grouped by scope
//! (`scope-<scope>`), and `full` enables all. The block in Cargo.toml is
//! derived from the specs; run with `B24_UPDATE_FEATURES=1` to rewrite it.

use std::collections::BTreeMap;
use std::path::Path;

const BEGIN: &str = "# BEGIN spec features (tests/features.rs derives this block from specs/)\n";
const END: &str = "# END spec features\n";

/// The methods and events the client and the README demo use.
const DEFAULT: &[&str] = &[
    "axum",
    "methods-widgets",
    "methods-events",
    "methods-telephony",
    "methods-crm_universal",
    "methods-crm_deals",
    "methods-crm_contacts",
    "methods-user",
    "methods-common",
    "events-telephony",
    "events-crm_deals",
    "events-common",
];

fn expected(root: &Path) -> String {
    let mut by_scope: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut all = Vec::new();
    for kind in ["methods", "events"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join("specs").join(kind))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        for f in files {
            let module = f.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&f).unwrap();
            let scope = text
                .lines()
                .find_map(|l| l.strip_prefix("scope:"))
                .map(|s| s.trim().trim_matches(['"', '\'']).to_owned())
                .unwrap_or_else(|| "other".into());
            let feature = format!("{kind}-{module}");
            by_scope.entry(scope).or_default().push(feature.clone());
            all.push(feature);
        }
    }
    let list = |v: &[String]| {
        v.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::from(BEGIN);
    out.push_str(&format!(
        "default = [{}]\n",
        DEFAULT
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str(&format!(
        "full = [{}]\n",
        list(
            &by_scope
                .keys()
                .map(|s| format!("scope-{s}"))
                .collect::<Vec<_>>()
        )
    ));
    for (scope, features) in &by_scope {
        out.push_str(&format!("scope-{scope} = [{}]\n", list(features)));
    }
    for f in &all {
        out.push_str(&format!("{f} = []\n"));
    }
    out.push_str(END);
    out.push_str(
        "# The axum integration: widget bridge and REST event route.\naxum = [\"b24-core/axum\"]\n",
    );
    out
}

#[test]
fn cargo_features_match_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let want = expected(root);
    let tail =
        "# The axum integration: widget bridge and REST event route.\naxum = [\"b24-core/axum\"]\n";
    let (start, end) = match (manifest.find(BEGIN), manifest.find(END)) {
        (Some(s), Some(e)) if manifest[e + END.len()..].starts_with(tail) => {
            (s, e + END.len() + tail.len())
        }
        (Some(s), Some(e)) => (s, e + END.len()),
        _ => (manifest.len(), manifest.len()),
    };
    if manifest[start..end] == want {
        return;
    }
    if std::env::var_os("B24_UPDATE_FEATURES").is_some() {
        let mut new = manifest.clone();
        if start == manifest.len() {
            new.push_str("\n[features]\n");
            new.push_str(&want);
        } else {
            new.replace_range(start..end, &want);
        }
        std::fs::write(root.join("Cargo.toml"), new).unwrap();
        return;
    }
    panic!(
        "the [features] block of Cargo.toml does not match specs/; rerun with B24_UPDATE_FEATURES=1"
    );
}
