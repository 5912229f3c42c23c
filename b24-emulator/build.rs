//! Embeds the workspace's `specs/methods/*.yaml` (the method registry) and
//! `specs/events/*.yaml` and `specs/placements/*.yaml` (the `events` and
//! `placement.list` catalogs), so the emulator needs no files at run time.

use std::fmt::Write as _;
use std::path::PathBuf;

/// `pub(crate) static NAME: &[(&str, &str)]` of the YAML files in `specs/<dir>`.
fn embed(out: &mut String, dir: &str, name: &str) {
    let path = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"))
        .join("..")
        .join("specs")
        .join(dir);
    println!("cargo:rerun-if-changed={}", path.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    writeln!(
        out,
        "/// The spec files under `specs/{dir}/`, embedded at build time.\n\
         pub(crate) static {name}: &[(&str, &str)] = &["
    )
    .expect("write");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let file = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        writeln!(
            out,
            "    (\"specs/{dir}/{file}\", include_str!({:?})),",
            abs.display().to_string()
        )
        .expect("write");
    }
    out.push_str("];\n");
}

fn main() {
    let mut out = String::new();
    embed(&mut out, "methods", "SPEC_FILES");
    embed(&mut out, "events", "EVENT_FILES");
    embed(&mut out, "placements", "PLACEMENT_FILES");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("spec_files.rs");
    std::fs::write(dest, out).expect("write spec_files.rs");
}
