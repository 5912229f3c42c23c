//! Embeds every `specs/methods/*.yaml` file of the workspace, so that the
//! emulator's registry needs no files at run time, and every
//! `specs/placements/*.yaml` file for the portal page's placement interfaces.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    embed("methods", "SPEC_FILES", "spec_files.rs");
    embed(
        "placements",
        "PLACEMENT_SPEC_FILES",
        "placement_spec_files.rs",
    );
}

/// Writes `OUT_DIR/{out}`: `static {name}: &[(path, text)]` for the YAML
/// files of `specs/{sub}/`.
fn embed(sub: &str, name: &str, out_file: &str) {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"))
        .join("..")
        .join("specs")
        .join(sub);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = format!(
        "/// The spec files under `specs/{sub}/`, embedded at build time.\n\
         pub(crate) static {name}: &[(&str, &str)] = &[\n"
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let file = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        writeln!(
            out,
            "    (\"specs/{sub}/{file}\", include_str!({:?})),",
            abs.display().to_string()
        )
        .expect("write");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join(out_file);
    std::fs::write(dest, out).expect("write embedded spec list");
}
