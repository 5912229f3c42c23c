//! `cargo xtask <command>`: the maintainer commands of the b24 workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

mod import_docs;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  import-docs <docs-dir> [--out specs/] [--quiet]
                      import the Bitrix24 REST docs into specs/ (and IMPORT-REPORT.md)
  codegen [--check]   write the SDK crates under sdk/ and the facade's scope block
                      from specs/ (--check: fail when they differ, write nothing)
  new-sdk <specs-dir> --name <crate> --out <dir> [--core-path <path>]
                      generate a standalone SDK crate from your own spec files
  bench-compile       print compile times: the facade with every scope (clean),
                      one scope crate alone, and a rebuild after a spec change";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    match args.first().map(String::as_str) {
        Some("import-docs") => import_docs::run(&args[1..], &root),
        Some("codegen") => codegen(&root, args.iter().any(|a| a == "--check")),
        Some("new-sdk") => new_sdk(&args[1..]),
        Some("bench-compile") => bench_compile(&root),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root: the parent of this package.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace root")
        .to_owned()
}

fn codegen(root: &Path, check: bool) -> ExitCode {
    let start = Instant::now();
    let plan = match xtask::sdk::plan(root) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let result = if check { plan.diff() } else { plan.write() };
    match result {
        Ok(paths) if check && !paths.is_empty() => {
            eprintln!("sdk/ is out of date with specs/; run `cargo xtask codegen`. Differs:");
            for p in paths {
                eprintln!("  {}", p.display());
            }
            ExitCode::FAILURE
        }
        Ok(paths) => {
            for p in &paths {
                let verb = match (check, root.join(p).exists()) {
                    (true, _) => "differs",
                    (false, true) => "wrote",
                    (false, false) => "removed",
                };
                println!("{verb} {}", p.display());
            }
            println!(
                "{} crates under sdk/, {} files changed, {:.2} s",
                plan.crates.len(),
                paths.len(),
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn new_sdk(args: &[String]) -> ExitCode {
    let mut specs = None;
    let mut name = None;
    let mut out = None;
    let mut core_path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--name" => name = it.next().cloned(),
            "--out" => out = it.next().map(PathBuf::from),
            "--core-path" => core_path = it.next().cloned(),
            s if specs.is_none() && !s.starts_with('-') => specs = Some(PathBuf::from(s)),
            s => {
                eprintln!("unexpected argument `{s}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(specs), Some(name), Some(out)) = (specs, name, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let mut generator = b24_codegen::crate_gen::CrateGen::new(name);
    if let Some(p) = core_path {
        generator = generator.core_path(p);
    }
    match generator.spec_dir(&specs).and_then(|g| g.write(&out)) {
        Ok(written) => {
            println!("{} files written to {}", written.len(), out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Compile times measured with cargo itself, each in a fresh target folder
/// so that nothing is shared: what a user's first build costs.
fn bench_compile(root: &Path) -> ExitCode {
    let target = root.join("target/bench-compile");
    let time = |what: &str, dir: &Path, args: &[&str], clean: bool| -> Option<f64> {
        if clean {
            let _ = std::fs::remove_dir_all(dir);
        }
        let start = Instant::now();
        let status = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(root)
            .env("CARGO_TARGET_DIR", dir)
            .status()
            .ok()?;
        let secs = start.elapsed().as_secs_f64();
        if !status.success() {
            eprintln!("{what}: cargo failed");
            return None;
        }
        println!("{what}: {secs:.1} s");
        Some(secs)
    };
    let all = time(
        "clean build, facade with every scope (cargo build -p b24 --features full)",
        &target.join("full"),
        &["build", "-q", "-p", "b24", "--features", "full"],
        true,
    );
    let crm = time(
        "clean build, one scope crate alone (cargo build -p b24-crm)",
        &target.join("crm"),
        &["build", "-q", "-p", "b24-crm"],
        true,
    );
    let user = time(
        "clean build, facade with only crm (cargo build -p b24 --no-default-features --features crm)",
        &target.join("crm-facade"),
        &[
            "build",
            "-q",
            "-p",
            "b24",
            "--no-default-features",
            "--features",
            "crm",
        ],
        true,
    );
    // A rebuild after one spec entry changes: touch the spec, regenerate,
    // and rebuild the facade with every scope (only b24-crm and b24 rebuild).
    let spec = root.join("specs/methods/crm_deals.yaml");
    let original = std::fs::read_to_string(&spec).ok();
    let rebuild = original.as_ref().and_then(|text| {
        let changed = text.replacen(
            "summary: \"The method `crm.deal.add` creates a new deal.\"",
            "summary: \"The method `crm.deal.add` creates a new deal (bench).\"",
            1,
        );
        std::fs::write(&spec, changed).ok()?;
        let regenerated = xtask::sdk::plan(root).and_then(|p| p.write()).is_ok();
        let secs = regenerated
            .then(|| {
                time(
                    "rebuild after one spec entry changed (cargo xtask codegen, then the facade with every scope)",
                    &target.join("full"),
                    &["build", "-q", "-p", "b24", "--features", "full"],
                    false,
                )
            })
            .flatten();
        std::fs::write(&spec, text).ok()?;
        let _ = xtask::sdk::plan(root).and_then(|p| p.write());
        secs
    });
    if let (Some(all), Some(crm)) = (all, crm) {
        println!("one scope / everything: {:.0}%", 100.0 * crm / all);
    }
    let _ = (user, rebuild);
    println!(
        "(target folders under {}; delete them when done)",
        target.display()
    );
    ExitCode::SUCCESS
}
