//! Compares imported placement specs with hand-written ones, structurally:
//! events, positional arguments, commands, parameters and results, with
//! named types (`types:`) resolved. Descriptions and wording are ignored.
//!
//! `cargo run -p b24-docs --example compare_placements -- <imported-dir> <hand-written-dir>`

use std::collections::BTreeMap;
use std::path::Path;

use b24_spec::{Field, Shape, Spec};

fn load(dir: &Path) -> BTreeMap<String, Spec> {
    let mut out = BTreeMap::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        eprintln!("cannot read {}", dir.display());
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "yaml") {
            match b24_spec::load(&p, &p.display().to_string()) {
                Ok(s) => {
                    if let Some(pl) = &s.file.placement {
                        out.insert(pl.code.value.clone(), s);
                    }
                }
                Err(e) => eprintln!("{e}"),
            }
        }
    }
    out
}

/// A one-line structural rendering of a shape.
fn shape(spec: &Spec, s: &Shape, depth: usize) -> String {
    let mut ty = s.ty.value.clone();
    let mut s = s.clone();
    if let Some(named) = spec.file.types.get(&ty) {
        s = named.clone();
        ty = s.ty.value.clone();
    }
    let mut out = ty.clone();
    if s.nullable {
        out.push('?');
    }
    if !s.values.is_empty() {
        let v: Vec<String> = s.values.iter().map(|v| v.value.to_string()).collect();
        out.push_str(&format!(" enum[{}]", v.join(",")));
    }
    if !s.fields.is_empty() && depth < 6 {
        out.push_str(&format!(" {{{}}}", fields(spec, &s.fields, depth + 1)));
    }
    if let Some(it) = &s.items {
        out.push_str(&format!(" of {}", shape(spec, it, depth + 1)));
    }
    out
}

fn fields(spec: &Spec, fs: &[Field], depth: usize) -> String {
    fs.iter()
        .map(|f| {
            format!(
                "{}{}: {}",
                f.name.value,
                if f.required { "*" } else { "" },
                shape(spec, &f.shape, depth)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(a), Some(b)) = (args.first(), args.get(1)) else {
        eprintln!("usage: compare_placements <imported-dir> <hand-written-dir>");
        std::process::exit(2);
    };
    let imported = load(Path::new(a));
    let hand = load(Path::new(b));
    let mut same = 0;
    let mut diffs = 0;
    for (code, h) in &hand {
        let Some(i) = imported.get(code) else {
            println!("## {code}: hand-written only (not imported)");
            continue;
        };
        let (hp, ip) = (
            h.file.placement.as_ref().expect("placement"),
            i.file.placement.as_ref().expect("placement"),
        );
        println!("## {code}");
        let mut rows: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
        for (spec, p, side) in [(h, hp, 0), (i, ip, 1)] {
            for e in &p.events {
                let v = format!("args({})", fields(spec, &e.args, 0));
                let r = rows.entry(format!("event {}", e.name.value)).or_default();
                if side == 0 {
                    r.0 = Some(v)
                } else {
                    r.1 = Some(v)
                }
            }
            for c in &p.commands {
                let res = c
                    .result
                    .as_ref()
                    .map(|r| shape(spec, r, 0))
                    .unwrap_or_else(|| "any".into());
                let v = format!("params({}) -> {res}", fields(spec, &c.params, 0));
                let r = rows.entry(format!("command {}", c.name.value)).or_default();
                if side == 0 {
                    r.0 = Some(v)
                } else {
                    r.1 = Some(v)
                }
            }
            let r = rows.entry("scopes".into()).or_default();
            let v = p.scopes.join(",");
            if side == 0 {
                r.0 = Some(v)
            } else {
                r.1 = Some(v)
            }
        }
        for (k, (hv, iv)) in rows {
            if hv == iv {
                same += 1;
                println!("- same: {k}");
            } else {
                diffs += 1;
                println!(
                    "- DIFF: {k}\n  - hand:     {}\n  - imported: {}",
                    hv.unwrap_or_else(|| "(none)".into()),
                    iv.unwrap_or_else(|| "(none)".into())
                );
            }
        }
    }
    for code in imported.keys().filter(|c| !hand.contains_key(*c)) {
        println!("## {code}: imported only");
    }
    println!("\n{same} items equal, {diffs} differ");
}
