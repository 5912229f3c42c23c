//! Generates the facade's modules from `specs/` with the build-script API:
//! every placement, and the REST methods and events whose cargo feature is
//! on (see the `[features]` block, derived from `specs/` by tests/features.rs).

fn main() {
    let placements = b24_codegen::build::Builder::new().runtime("crate");
    let placements = placements
        .spec_dir("specs/placements")
        .unwrap_or_else(|e| fail(&e));
    placements
        .generate("placements.rs")
        .unwrap_or_else(|e| fail(&e));
    for kind in ["methods", "events"] {
        let mut b = b24_codegen::build::Builder::new().runtime("crate");
        for spec in enabled(kind) {
            b = b.spec(spec);
        }
        b.generate(&format!("{kind}.rs"))
            .unwrap_or_else(|e| fail(&e));
    }
    for dir in ["specs/placements", "specs/methods", "specs/events"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}

/// The spec files of `specs/{kind}` whose feature (`{kind}-{module}`) is on.
fn enabled(kind: &str) -> Vec<String> {
    let dir = format!("specs/{kind}");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter(|n| {
            let module = n.trim_end_matches(".yaml");
            let var = format!("CARGO_FEATURE_{}_{}", kind, module)
                .to_ascii_uppercase()
                .replace('-', "_");
            std::env::var_os(var).is_some()
        })
        .map(|n| format!("{dir}/{n}"))
        .collect()
}

fn fail(e: &b24_codegen::Error) -> ! {
    // Cargo shows build-script stderr; each line is `file:line:column: message`.
    eprintln!("{e}");
    std::process::exit(1)
}
