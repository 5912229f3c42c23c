//! Generates the facade's modules from `specs/` with the build-script API:
//! every placement, and the REST methods and events of the enabled scopes.

use std::path::Path;

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
        for spec in enabled(&format!("specs/{kind}")) {
            b = b.spec(spec);
        }
        b.generate(&format!("{kind}.rs"))
            .unwrap_or_else(|e| fail(&e));
    }
    for dir in ["specs/placements", "specs/methods", "specs/events"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}

/// The spec files of `dir` whose scope feature is on (`scope: crm` needs the
/// `crm` feature; files without a scope are always on).
fn enabled(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let scope = text
            .lines()
            .find_map(|l| l.strip_prefix("scope:"))
            .map(|s| s.trim().trim_matches(['"', '\'']).to_owned());
        let on = match scope {
            None => true,
            Some(s) => {
                let var = format!(
                    "CARGO_FEATURE_{}",
                    s.to_ascii_uppercase().replace(['-', '.'], "_")
                );
                std::env::var_os(var).is_some()
            }
        };
        if on {
            out.push(format!(
                "{dir}/{}",
                Path::new(&path)
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
            ));
        }
    }
    out
}

fn fail(e: &b24_codegen::Error) -> ! {
    // Cargo shows build-script stderr; each line is `file:line:column: message`.
    eprintln!("{e}");
    std::process::exit(1)
}
