//! Every JSON example a spec keeps (from the docs) fits the shape the spec
//! declares: a method's response `result`, a REST event's `data`. A typed
//! binding whose result cannot hold what the portal sends is a broken
//! binding, so this holds the importer to the docs' own examples.

use std::path::Path;

use serde_json::Value;

fn specs(kind: &str) -> Vec<b24_spec::Spec> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(kind);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let display = format!("specs/{kind}/{}", p.file_name().unwrap().to_string_lossy());
            b24_spec::load(p, &display).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

#[test]
fn method_result_examples_fit_their_result_shape() {
    let (mut checked, mut unparsed, mut failures) = (0, 0, Vec::new());
    for spec in specs("methods") {
        for m in &spec.file.methods {
            let Some(shape) = &m.result else { continue };
            for ex in &m.result_examples {
                let Ok(v) = serde_json::from_str::<Value>(ex) else {
                    unparsed += 1;
                    continue;
                };
                // Error examples show `error`, not `result`.
                if v.get("error").is_some() {
                    continue;
                }
                let result = match v.get("result") {
                    Some(r) => r,
                    None => &v,
                };
                checked += 1;
                if let Err(e) = b24_spec::conforms(&spec.file, shape, result) {
                    failures.push(format!("{} {}: {e}", spec.path, m.name.value));
                }
            }
        }
    }
    println!("{checked} result examples checked, {unparsed} not JSON (pseudo-code in the docs)");
    assert!(checked > 500, "only {checked} examples checked");
    assert!(
        failures.is_empty(),
        "{} examples do not fit:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rest_event_examples_fit_their_data_fields() {
    let (mut checked, mut failures) = (0, Vec::new());
    for spec in specs("events") {
        for e in &spec.file.events {
            for ex in &e.examples {
                let Ok(v) = serde_json::from_str::<Value>(ex) else {
                    continue;
                };
                let Some(data) = v.get("data") else { continue };
                checked += 1;
                if let Err(err) = b24_spec::fields_conform(&spec.file, &e.data, data, "data") {
                    failures.push(format!("{} {}: {err}", spec.path, e.code.value));
                }
            }
        }
    }
    println!("{checked} event examples checked");
    assert!(checked > 50, "only {checked} examples checked");
    assert!(
        failures.is_empty(),
        "{} examples do not fit:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
