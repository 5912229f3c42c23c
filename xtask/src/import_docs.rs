//! `cargo xtask import-docs <docs-dir> [--out specs/]`: imports the Bitrix24 REST docs
//! into spec files and writes a coverage report.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

const USAGE: &str =
    "usage: cargo xtask import-docs <docs-dir> [--out <specs-dir>] [--placements-out <dir>] [--quiet]

Reads the Bitrix24 REST docs (Markdown, YFM dialect) and writes
  <specs-dir>/methods/<section>.yaml, <specs-dir>/events/<section>.yaml,
  <specs-dir>/placements/<placement>.yaml (or --placements-out) and
  <specs-dir>/IMPORT-REPORT.md (every page: imported or skipped, warnings,
  links to missing pages).";

/// Runs the import; `args` follow the subcommand's name.
pub fn run(args: &[String], root: &std::path::Path) -> ExitCode {
    let mut docs = None;
    let mut out = None;
    let mut placements = None;
    let mut quiet = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = it.next().map(PathBuf::from),
            "--placements-out" => placements = it.next().map(PathBuf::from),
            "--quiet" | "-q" => quiet = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if docs.is_none() && !s.starts_with('-') => docs = Some(PathBuf::from(s)),
            s => {
                eprintln!("unexpected argument `{s}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let out = out.or_else(|| Some(root.join("specs")));
    let (Some(docs), Some(out)) = (docs, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let mut imp = match b24_docs::Importer::new(&docs) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", docs.display());
            return ExitCode::FAILURE;
        }
    };
    let pages = imp.pages().to_vec();
    // a bar on a terminal; plain progress lines in logs and pipes
    let tty = std::io::stderr().is_terminal();
    let bar = if quiet || !tty {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(pages.len() as u64)
    };
    let total = pages.len();
    let step = total.div_ceil(10).max(1);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:40}] {pos}/{len} pages {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    for (i, p) in pages.iter().enumerate() {
        bar.set_message(p.clone());
        imp.import_page(p);
        bar.inc(1);
        let done = i + 1;
        if !quiet && !tty && (done % step == 0 || done == total) {
            eprintln!("parsed {done}/{total} pages");
        }
    }
    bar.finish_and_clear();
    let output = imp.finish();
    if let Err(e) = output.write(&out, placements.as_deref()) {
        eprintln!("error: cannot write to {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let s = &output.stats;
    let secs = start.elapsed().as_secs_f64();
    let imported: usize = s.imported.values().sum();
    println!(
        "{} pages: {} imported ({}), {} skipped; {} files, {} entries; {} warnings, {} missing links; {} invalid files; {:.2} s ({:.0} pages/s)",
        s.pages,
        imported,
        s.imported
            .iter()
            .map(|(k, n)| format!("{n} {}", k.label()))
            .collect::<Vec<_>>()
            .join(", "),
        s.skipped,
        s.files,
        s.entries,
        s.warnings,
        s.missing_links,
        s.invalid_files,
        secs,
        s.pages as f64 / secs.max(1e-9)
    );
    println!("report: {}", out.join("IMPORT-REPORT.md").display());
    for (f, e) in &output.invalid {
        eprintln!("invalid spec {f}: {e}");
    }
    if output.invalid.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
