//! The committed `specs/placements/page_background_worker.yaml` and
//! `specs/placements/call_card.yaml` are the importer's output for the
//! widget pages under `tests/fixtures/widgets/` (copied from the Bitrix24
//! docs, MIT; see `tests/fixtures/NOTICE.md`), byte for byte. Regenerate
//! them with `cargo xtask import-docs <docs> --out <dir>
//! --placements-out specs/placements` and copy these two files.

use std::path::PathBuf;

use b24_docs::ir::Kind;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn imported() -> b24_docs::Output {
    b24_docs::import(&manifest().join("tests/fixtures/widgets")).expect("widget fixtures import")
}

fn committed(file: &str) -> String {
    let path = manifest().join("../../specs").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_same(out: &b24_docs::Output, file: &str) {
    let imported = out
        .files
        .get(file)
        .unwrap_or_else(|| panic!("no {file}; files: {:?}", out.files.keys()));
    let committed = committed(file);
    if *imported != committed {
        let line = imported
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| imported.lines().count().min(committed.lines().count()));
        panic!(
            "specs/{file} is not the importer's output; first difference at line {}:\n  imported:  {:?}\n  committed: {:?}",
            line + 1,
            imported.lines().nth(line),
            committed.lines().nth(line)
        );
    }
}

#[test]
fn page_background_worker_is_the_import() {
    assert_same(&imported(), "placements/page_background_worker.yaml");
}

#[test]
fn call_card_is_the_import() {
    assert_same(&imported(), "placements/call_card.yaml");
}

#[test]
fn every_widget_page_is_imported() {
    let out = imported();
    assert!(out.invalid.is_empty(), "{:?}", out.invalid);
    assert_eq!(out.stats.imported.get(&Kind::InterfaceEvent), Some(&20));
    assert_eq!(out.stats.imported.get(&Kind::InterfaceCommand), Some(&12));
    let mut files: Vec<&String> = out.files.keys().collect();
    files.sort();
    assert_eq!(
        files,
        [
            "placements/call_card.yaml",
            "placements/page_background_worker.yaml"
        ]
    );
}

/// A command's result joins its "Command Result" example with the error
/// example of its "Errors" section; the codes listed under `errorCode
/// Values` become the enum of `errorCode`. Nothing is required: the error
/// object has no table with stars.
#[test]
fn command_errors_join_the_result() {
    let out = imported();
    let file = "placements/page_background_worker.yaml";
    let spec = b24_spec::parse(file, &out.files[file]).expect("valid spec");
    let placement = spec.file.placement.as_ref().expect("placement");
    let cmd = placement
        .commands
        .iter()
        .find(|c| c.name.value == "CallCardSetUiState")
        .expect("CallCardSetUiState");
    let result = cmd.result.as_ref().expect("result");
    assert_eq!(result.ty.value, "array");
    let items = result.items.as_ref().expect("items");
    assert_eq!(items.ty.value, "CallCardSetUiStateError");
    let error = &spec.file.types["CallCardSetUiStateError"];
    let names: Vec<(&str, bool)> = error
        .fields
        .iter()
        .map(|f| (f.name.value.as_str(), f.required))
        .collect();
    // The docs' order: `{"result": "error", "errorCode": ...}`.
    assert_eq!(names, [("result", false), ("errorCode", false)]);
    let codes: Vec<String> = error.fields[1]
        .shape
        .values
        .iter()
        .map(|v| v.value.to_string())
        .collect();
    assert_eq!(codes, ["Call card is undefined", "Invalid ui state"]);
    assert_eq!(cmd.result_examples.len(), 2, "{:?}", cmd.result_examples);
    // no error example: the result stays what the result section shows
    let list = placement
        .commands
        .iter()
        .find(|c| c.name.value == "CallCardGetListUiStates")
        .expect("CallCardGetListUiStates");
    let items = list.result.as_ref().and_then(|r| r.items.as_ref());
    assert_eq!(items.map(|i| i.ty.value.as_str()), Some("string"));
}
