//! `sdk/` and the facade's generated block must agree with `specs/`: the
//! generated crates are committed, so a spec change without a regeneration
//! fails here.

use std::path::Path;

#[test]
fn sdk_matches_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let plan = xtask::sdk::plan(root).unwrap_or_else(|e| panic!("{e}"));
    let differ = plan.diff().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        differ.is_empty(),
        "sdk/ (or the facade's generated block) is out of date with specs/; run `cargo xtask codegen`. Differs:\n  {}",
        differ
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    // One crate per scope, and the placements.
    let names: Vec<&str> = plan.crates.iter().map(|c| c.generator.name()).collect();
    for expected in [
        "b24-placements",
        "b24-crm",
        "b24-telephony",
        "b24-catalog",
        "b24-im",
        "b24-tasks",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} is missing from {names:?}"
        );
    }
}

#[test]
fn a_stale_file_is_reported() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    // A copy of the inputs: one spec of each kind and the root manifest.
    for rel in [
        "Cargo.toml",
        "specs/methods/telephony.yaml",
        "specs/events/telephony.yaml",
        "specs/placements/call_card.yaml",
    ] {
        let to = tmp.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(rel), &to).unwrap();
    }
    let plan = xtask::sdk::plan(tmp.path()).unwrap();
    assert!(!plan.diff().unwrap().is_empty(), "nothing generated yet");
    plan.write().unwrap();
    assert_eq!(plan.diff().unwrap(), Vec::<std::path::PathBuf>::new());
    let module = tmp.path().join("sdk/b24-telephony/src/telephony.rs");
    assert!(
        std::fs::read_to_string(&module)
            .unwrap()
            .starts_with("// @generated")
    );
    // A hand edit, a leftover module and a leftover crate are all found.
    std::fs::write(&module, "// edited\n").unwrap();
    std::fs::write(tmp.path().join("sdk/b24-telephony/src/old.rs"), "").unwrap();
    std::fs::create_dir_all(tmp.path().join("sdk/b24-gone")).unwrap();
    let differ = plan.diff().unwrap();
    for p in [
        "sdk/b24-telephony/src/telephony.rs",
        "sdk/b24-telephony/src/old.rs",
        "sdk/b24-gone",
    ] {
        assert!(
            differ.iter().any(|d| d == Path::new(p)),
            "{p} not in {differ:?}"
        );
    }
    plan.write().unwrap();
    assert!(plan.diff().unwrap().is_empty());
    assert!(!tmp.path().join("sdk/b24-gone").exists());
}
