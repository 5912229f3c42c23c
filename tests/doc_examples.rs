//! Every example the docs show for placement events ("What the Handler
//! Receives") and commands (the parameters of `BX24.placement.call` and the
//! "Command Result") decodes into its generated type.
//!
//! The pages are copies under `tests/fixtures/b24restdocs/` (MIT, see the
//! LICENSE there); the examples are read from the pages, not from the specs.
#![deny(warnings)]

use std::path::{Path, PathBuf};

use b24::placements::*;
use serde_json::Value;

/// Every generated placement module, with its event and command decoders.
macro_rules! modules {
    ($($m:ident),* $(,)?) => {
        fn placements() -> Vec<Placement> {
            vec![$(Placement {
                module: stringify!($m),
                code: $m::PLACEMENT,
                events: $m::Event::NAMES,
                commands: $m::Command::NAMES,
                decode_event: |n, a| $m::Event::decode(n, a).map(|e| format!("{e:?}")),
                decode_command: |n, p| $m::Command::decode(n, p).map(|c| format!("{c:?}")),
                decode_result: |n, r| $m::CommandResult::decode(n, r).map(|c| format!("{c:?}")),
            }),*]
        }
    };
}

modules!(
    bi_analytics_menu,
    bizproc_robot_settings,
    calendar_gridview,
    call_card,
    contact_center,
    crm_analytics_menu,
    crm_analytics_toolbar,
    crm_bank_detail_autocomplete,
    crm_detail_activity,
    crm_detail_search,
    crm_detail_tab,
    crm_dynamic_xxx_activity_timeline_menu,
    crm_dynamic_xxx_detail_activity,
    crm_dynamic_xxx_detail_tab,
    crm_dynamic_xxx_detail_toolbar,
    crm_dynamic_xxx_list_menu,
    crm_funnels_toolbar,
    crm_list_menu,
    crm_requisite_autocomplete,
    crm_xxx_activity_timeline_menu,
    crm_xxx_detail_toolbar,
    crm_xxx_documentgenerator_button,
    crm_xxx_funnels_toolbar,
    crm_xxx_list_toolbar,
    crm_xxx_robot_designer_toolbar,
    im_context_menu,
    im_navigation,
    im_sidebar,
    im_smiles_selector,
    im_textarea,
    immobile_context_menu,
    landing_block,
    landing_settings,
    left_menu,
    page_background_worker,
    rest_app_uri,
    setting_connector,
    sonet_group_detail_tab,
    sonet_group_robot_designer_toolbar,
    sonet_group_toolbar,
    task_group_list_toolbar,
    task_list_context_menu,
    task_robot_designer_toolbar,
    task_user_list_toolbar,
    task_view_sidebar,
    task_view_tab,
    task_view_top_panel,
    telephony_analytics_menu,
    user_profile_menu,
    user_profile_toolbar,
    userfield_type,
);

type Decode = fn(&str, Value) -> Result<String, b24::DecodeError>;

struct Placement {
    module: &'static str,
    code: &'static str,
    events: &'static [&'static str],
    commands: &'static [&'static str],
    decode_event: fn(&str, &[Value]) -> Result<String, b24::DecodeError>,
    decode_command: Decode,
    decode_result: Decode,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

#[test]
fn the_module_list_covers_every_placement_spec() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("specs/placements"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".yaml")
                .map(str::to_owned)
        })
        .collect();
    files.sort();
    let listed: Vec<&str> = placements().iter().map(|p| p.module).collect();
    assert_eq!(
        files, listed,
        "add new placement modules to the modules! list"
    );
    assert!(placements().iter().all(|p| !p.code.is_empty()));
}

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            pages(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// The fenced code blocks of a Markdown section, with their language.
fn blocks(section: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if let Some(lang) = t.strip_prefix("```") {
            let indent = line.len() - t.len();
            let mut body = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                body.push_str(l.get(indent..).unwrap_or(l.trim_start()));
                body.push('\n');
            }
            out.push((lang.trim().to_owned(), body));
        }
    }
    out
}

fn section<'a>(page: &'a str, heading: &str) -> Option<&'a str> {
    let start = page.find(&format!("## {heading}"))?;
    let rest = &page[start + 3..];
    let end = rest.find("\n## ").map(|i| i + 1).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Converts a JavaScript literal (unquoted keys, single quotes) to JSON, or
/// `None` when it is pseudo-code (`{...}`, `true/false`, identifiers).
fn js_to_json(src: &str) -> Option<Value> {
    let mut out = String::new();
    let b: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            '\'' | '"' => {
                let q = c;
                let mut s = String::new();
                i += 1;
                while i < b.len() && b[i] != q {
                    if b[i] == '\\' && i + 1 < b.len() {
                        s.push(b[i + 1]);
                        i += 2;
                        continue;
                    }
                    s.push(b[i]);
                    i += 1;
                }
                out.push_str(&serde_json::to_string(&s).ok()?);
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == '$' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == '_' || b[i] == '$') {
                    i += 1;
                }
                let word: String = b[start..i].iter().collect();
                let mut j = i;
                while j < b.len() && b[j].is_whitespace() {
                    j += 1;
                }
                if j < b.len() && b[j] == ':' {
                    out.push_str(&serde_json::to_string(&word).ok()?);
                } else if matches!(word.as_str(), "true" | "false" | "null") {
                    out.push_str(&word);
                } else {
                    return None;
                }
            }
            ',' => {
                let mut j = i + 1;
                while j < b.len() && b[j].is_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == '}' || b[j] == ']') {
                    i += 1;
                    continue;
                }
                out.push(c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    serde_json::from_str(&out).ok()
}

/// Splits `BX24.placement.call('name', ARG, ...)` into name and ARG text.
fn placement_calls(code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("BX24.placement.call(") {
        let rest = &code[at + "BX24.placement.call(".len()..];
        let q = rest.chars().next().unwrap_or(' ');
        if q != '\'' && q != '"' {
            continue;
        }
        let Some(end) = rest[1..].find(q) else {
            continue;
        };
        let name = rest[1..1 + end].to_owned();
        let after = rest[end + 2..].trim_start();
        let Some(after) = after.strip_prefix(',') else {
            out.push((name, "{}".to_owned()));
            continue;
        };
        // The argument runs to the next top-level comma or closing paren.
        let (mut depth, mut in_str, mut arg) = (0i32, None::<char>, String::new());
        for ch in after.chars() {
            match in_str {
                Some(q) if ch == q => in_str = None,
                Some(_) => {}
                None if ch == '\'' || ch == '"' => in_str = Some(ch),
                None if "{[(".contains(ch) => depth += 1,
                None if "}])".contains(ch) && depth == 0 => break,
                None if "}])".contains(ch) => depth -= 1,
                None if ch == ',' && depth == 0 => break,
                None => {}
            }
            arg.push(ch);
        }
        out.push((name, arg.trim().to_owned()));
    }
    out
}

fn find<'a>(all: &'a [Placement], name: &str, commands: bool) -> Vec<&'a Placement> {
    all.iter()
        .filter(|p| {
            if commands {
                p.commands.contains(&name)
            } else {
                p.events.contains(&name)
            }
        })
        .collect()
}

#[test]
fn every_docs_example_decodes() {
    let all = placements();
    let mut files = Vec::new();
    pages(&root().join("tests/fixtures/b24restdocs"), &mut files);
    files.sort();
    let (mut events, mut params, mut results, mut pseudo) = (0, 0, 0, Vec::new());
    let mut failures = Vec::new();
    for file in &files {
        let page = std::fs::read_to_string(file).unwrap();
        let rel = file.strip_prefix(root()).unwrap().display().to_string();
        let title = page.lines().next().unwrap_or_default();
        let name = title.split_whitespace().last().unwrap_or_default();

        // Interface events: `callback(args...)` under "What the Handler Receives".
        if let Some(sec) = section(&page, "What the Handler Receives") {
            if sec.contains("No data is passed") {
                for p in find(&all, name, false) {
                    events += 1;
                    if let Err(e) = (p.decode_event)(name, &[]) {
                        failures.push(format!("{rel}: {}: no-data event: {e}", p.code));
                    }
                }
            }
            for (_, code) in blocks(sec) {
                let Some(body) = code
                    .trim()
                    .strip_prefix("callback(")
                    .and_then(|b| b.trim_end().strip_suffix(");"))
                else {
                    continue;
                };
                let args: Vec<Value> = match serde_json::from_str(&format!("[{body}]")) {
                    Ok(Value::Array(a)) => a,
                    _ => {
                        failures.push(format!("{rel}: example is not JSON: {body}"));
                        continue;
                    }
                };
                let targets = find(&all, name, false);
                if targets.is_empty() {
                    failures.push(format!("{rel}: event `{name}` is in no placement spec"));
                }
                for p in targets {
                    events += 1;
                    if let Err(e) = (p.decode_event)(name, &args) {
                        failures.push(format!("{rel}: {}: {e}", p.code));
                    }
                }
            }
        }

        // Commands: the parameters of every literal `BX24.placement.call`.
        for (_, code) in blocks(&page) {
            for (cmd, arg) in placement_calls(&code) {
                let targets = find(&all, &cmd, true);
                if targets.is_empty() {
                    failures.push(format!("{rel}: command `{cmd}` is in no placement spec"));
                    continue;
                }
                let Some(value) = js_to_json(&arg) else {
                    pseudo.push(format!("{rel}: {cmd}({arg})"));
                    continue;
                };
                for p in targets {
                    params += 1;
                    if let Err(e) = (p.decode_command)(&cmd, value.clone()) {
                        failures.push(format!("{rel}: {cmd} params {value}: {e}"));
                    }
                }
            }
        }

        // Command results: JSON blocks under "Command Result" of a command page.
        if let Some(sec) = section(&page, "Command Result") {
            let targets = find(&all, name, true);
            for (lang, code) in blocks(sec) {
                if lang != "json" {
                    continue;
                }
                let Ok(value) = serde_json::from_str::<Value>(&code) else {
                    failures.push(format!("{rel}: result example is not JSON"));
                    continue;
                };
                if targets.is_empty() {
                    failures.push(format!("{rel}: command `{name}` is in no placement spec"));
                }
                for p in &targets {
                    results += 1;
                    if let Err(e) = (p.decode_result)(name, value.clone()) {
                        failures.push(format!("{rel}: {name} result: {e}"));
                    }
                }
            }
        }
    }
    println!(
        "decoded {events} event examples, {params} command parameter examples, {results} result examples"
    );
    println!("{} pseudo-code calls not taken as examples:", pseudo.len());
    for p in &pseudo {
        println!("  {p}");
    }
    assert!(
        failures.is_empty(),
        "{} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The call-card pages alone show 17 + 3 events; a parser that finds
    // fewer is broken, not green.
    assert!(events >= 20, "only {events} event examples found");
    assert!(
        params >= 10 && results >= 9,
        "only {params} parameter and {results} result examples found"
    );
}
