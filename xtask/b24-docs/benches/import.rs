//! Imports a docs tree and prints the time and pages per second.
//!
//! `B24_DOCS=/path/to/b24restdocs cargo bench -p b24-docs` (or pass the path
//! as the first argument). Without a path it imports the test fixtures.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("B24_DOCS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
    let runs = 3;
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = match b24_docs::import(&dir) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("cannot import {}: {e}", dir.display());
                std::process::exit(1);
            }
        };
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(out);
    }
    let Some(out) = last else { return };
    let s = &out.stats;
    println!(
        "import {}: {} pages, {} files, {} entries, {} invalid; best of {runs}: {:.3} s, {:.0} pages/s",
        dir.display(),
        s.pages,
        s.files,
        s.entries,
        s.invalid_files,
        best,
        s.pages as f64 / best.max(1e-9)
    );
}
