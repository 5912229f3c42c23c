//! Embeds every `specs/methods/*.yaml` file of the workspace, so that the
//! emulator's registry needs no files at run time.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"))
        .join("..")
        .join("specs")
        .join("methods");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from(
        "/// The spec files under `specs/methods/`, embedded at build time.\n\
         pub(crate) static SPEC_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        writeln!(
            out,
            "    (\"specs/methods/{name}\", include_str!({:?})),",
            abs.display().to_string()
        )
        .expect("write");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("spec_files.rs");
    std::fs::write(dest, out).expect("write spec_files.rs");
}
