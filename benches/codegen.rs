//! Expands every placement spec (parse, validate, generate tokens, and
//! format with prettyplease as the build script does) and prints the time.
//! Target: under 50 ms for all of `specs/placements/`.

use std::time::{Duration, Instant};

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/placements");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("specs/placements")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(p).expect("read spec"),
            )
        })
        .collect();
    let options = b24_codegen::Options::default();
    let expand = |format: bool| -> usize {
        let mut bytes = 0;
        for (path, text) in &texts {
            let spec = b24_spec::parse(path, text).expect("valid spec");
            let tokens = b24_codegen::generate_module(&spec, &options).expect("generates");
            bytes += if format {
                b24_codegen::format(&tokens).expect("formats").len()
            } else {
                tokens.to_string().len()
            };
        }
        bytes
    };
    for (label, format) in [("tokens only", false), ("tokens + prettyplease", true)] {
        let _ = expand(format); // warm up
        // Without `--bench` (cargo test --all-targets) one run is enough.
        let runs = if std::env::args().any(|a| a == "--bench") {
            20
        } else {
            1
        };
        let mut times = Vec::with_capacity(runs);
        let mut bytes = 0;
        for _ in 0..runs {
            let t = Instant::now();
            bytes = expand(format);
            times.push(t.elapsed());
        }
        times.sort();
        let mean: Duration = times.iter().sum::<Duration>() / runs as u32;
        println!(
            "expand {} placement specs ({label}): mean {:.2} ms, min {:.2} ms, max {:.2} ms, {} KiB of code (target < 50 ms)",
            texts.len(),
            mean.as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            times[runs - 1].as_secs_f64() * 1e3,
            bytes / 1024
        );
    }
}
