//! Snapshot files of generated code (expectorate style): the generated,
//! formatted module for a few specs is compared with a committed file.
//! Run with `B24_UPDATE_SNAPSHOTS=1` to accept a change.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn check(spec: &str, snapshot: &str) {
    let path = root().join(spec);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = b24_spec::parse(spec, &text).unwrap_or_else(|e| panic!("{e}"));
    let tokens = b24_codegen::generate_module(&spec, &b24_codegen::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let code = b24_codegen::format(&tokens).unwrap();
    let snap = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(snapshot);
    if std::env::var_os("B24_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, &code).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&snap).unwrap_or_default();
    if expected != code {
        panic!(
            "generated code for {} differs from {}; rerun with B24_UPDATE_SNAPSHOTS=1 and review the diff",
            spec.path,
            snap.display()
        );
    }
}

#[test]
fn my_widget() {
    check("tests/specs/my_widget.yaml", "my_widget.rs");
}

#[test]
fn page_background_worker() {
    check(
        "specs/placements/page_background_worker.yaml",
        "page_background_worker.rs",
    );
}

#[test]
fn call_card() {
    check("specs/placements/call_card.yaml", "call_card.rs");
}

#[test]
fn methods_and_events() {
    check("tests/specs/telephony_sample.yaml", "telephony_sample.rs");
}

#[test]
fn rest_v3_typed_filter_and_order() {
    check("b24-codegen/tests/specs/v3_tasks.yaml", "v3_tasks.rs");
}

#[test]
fn deterministic() {
    let text = std::fs::read_to_string(root().join("tests/specs/my_widget.yaml")).unwrap();
    let a = b24_codegen::generate_str("a.yaml", &text, &Default::default())
        .unwrap()
        .to_string();
    let b = b24_codegen::generate_str("a.yaml", &text, &Default::default())
        .unwrap()
        .to_string();
    assert_eq!(a, b);
}
