//! Deterministic YAML output in the spec format, with Rust names fixed up
//! where the derived ones would not compile or would collide.

use std::collections::HashSet;

use b24_spec::names;

use crate::ir::*;

/// A YAML value, emitted in block style.
#[derive(Debug, Clone, PartialEq)]
pub enum Y {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A string that is always quoted (enum values).
    Quoted(String),
    /// A sequence.
    Seq(Vec<Y>),
    /// A map with keys in order.
    Map(Vec<(String, Y)>),
}

/// Writes a YAML document for a top-level map.
pub fn to_yaml(header: &str, root: &[(String, Y)]) -> String {
    let mut out = String::new();
    for l in header.lines() {
        out.push_str("# ");
        out.push_str(l);
        out.push('\n');
    }
    write_map(&mut out, root, 0);
    out
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_map(out: &mut String, m: &[(String, Y)], indent: usize) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            pad(out, indent);
        }
        out.push_str(k);
        out.push(':');
        write_value(out, v, indent);
    }
}

/// Writes the value after `key:` (or after `- `).
fn write_value(out: &mut String, v: &Y, indent: usize) {
    match v {
        Y::Str(s) => write_scalar(out, s, indent, false),
        Y::Quoted(s) => write_scalar(out, s, indent, true),
        Y::Int(i) => {
            out.push(' ');
            out.push_str(&i.to_string());
            out.push('\n');
        }
        Y::Bool(b) => {
            out.push(' ');
            out.push_str(if *b { "true" } else { "false" });
            out.push('\n');
        }
        Y::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Y::Map(m) if m.is_empty() => out.push_str(" {}\n"),
        Y::Seq(items) => {
            out.push('\n');
            write_seq(out, items, indent + 2);
        }
        Y::Map(m) => {
            out.push('\n');
            write_map(out, m, indent + 2);
        }
    }
}

fn write_seq(out: &mut String, items: &[Y], indent: usize) {
    for it in items {
        pad(out, indent);
        out.push('-');
        match it {
            Y::Map(m) if !m.is_empty() => {
                out.push(' ');
                write_map(out, m, indent + 2);
            }
            Y::Seq(s) if !s.is_empty() => {
                out.push('\n');
                write_seq(out, s, indent + 2);
            }
            other => write_value(out, other, indent),
        }
    }
}

fn write_scalar(out: &mut String, s: &str, indent: usize, force_quote: bool) {
    if !force_quote && s.contains('\n') && literal_ok(s) {
        out.push_str(" |");
        if s.starts_with(' ') {
            out.push('2');
        }
        out.push_str("-\n");
        for l in s.split('\n') {
            if !l.is_empty() {
                pad(out, indent + 2);
                out.push_str(l);
            }
            out.push('\n');
        }
        return;
    }
    out.push(' ');
    if !force_quote && plain_ok(s) {
        out.push_str(s);
    } else {
        quote(out, s);
    }
    out.push('\n');
}

fn special_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn literal_ok(s: &str) -> bool {
    !s.ends_with('\n')
        && !s.starts_with('\n')
        && !s.chars().any(special_char)
        && !s.contains('\t')
        && s.split('\n').all(|l| l == l.trim_end())
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_ascii_alphabetic()
        || first == '_'
        || (!first.is_ascii() && first.is_alphabetic()))
    {
        return false;
    }
    if s != s.trim() || s.ends_with(':') || s.contains(": ") || s.contains(" #") {
        return false;
    }
    let l = s.to_ascii_lowercase();
    if matches!(
        l.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "nan" | "inf"
    ) {
        return false;
    }
    s.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                ' ' | '_'
                    | '-'
                    | '.'
                    | '/'
                    | '('
                    | ')'
                    | ','
                    | '\''
                    | '+'
                    | '='
                    | '?'
                    | '!'
                    | ';'
                    | ':'
            )
            || (!c.is_ascii() && c.is_alphanumeric())
    })
}

fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if special_char(c) => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn s(v: &str) -> Y {
    Y::Str(v.to_owned())
}

fn push_opt(m: &mut Vec<(String, Y)>, k: &str, v: &Option<String>) {
    if let Some(v) = v
        && !v.is_empty()
    {
        m.push((k.to_owned(), s(v)));
    }
}

fn push_docs(m: &mut Vec<(String, Y)>, d: &Docs) {
    push_opt(m, "summary", &d.summary);
    push_opt(m, "description", &d.description);
    m.push(("docs".into(), s(&d.docs)));
    push_opt(m, "who", &d.who);
}

/// Examples kept per entry and key, and the largest one kept: the docs'
/// full response dumps would make the spec files (and every build) heavy.
pub const MAX_EXAMPLES: usize = 2;
/// See [`MAX_EXAMPLES`].
pub const MAX_EXAMPLE_BYTES: usize = 4096;

fn push_strings(m: &mut Vec<(String, Y)>, k: &str, v: &[String]) {
    let kept: Vec<Y> = v
        .iter()
        .filter(|x| x.len() <= MAX_EXAMPLE_BYTES)
        .take(MAX_EXAMPLES)
        .map(|x| s(x))
        .collect();
    if !kept.is_empty() {
        m.push((k.to_owned(), Y::Seq(kept)));
    }
}

/// A unique Rust name: `base`, else `base_2`, `base_3`, ... (`sep` between).
fn unique(base: String, taken: &mut HashSet<String>, sep: &str) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    let mut n = 2;
    loop {
        let c = format!("{base}{sep}{n}");
        if taken.insert(c.clone()) {
            return c;
        }
        n += 1;
    }
}

fn sanitize(s: &str) -> String {
    let mut o: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    while o.contains("__") {
        o = o.replace("__", "_");
    }
    o.trim_matches('_').to_owned()
}

/// Field list → YAML, with duplicate wire names dropped and Rust names fixed.
fn fields_y(fields: &[Field], types: &mut Types) -> Y {
    let mut wire = HashSet::new();
    let mut rust = HashSet::new();
    let mut out = Vec::new();
    for f in fields {
        if !wire.insert(f.name.clone()) {
            continue;
        }
        let derived = names::snake(&f.name);
        let base = derived.clone().unwrap_or_else(|| {
            let s = sanitize(&f.name).to_ascii_lowercase();
            if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
                format!("f_{s}")
            } else {
                s
            }
        });
        let base = names::snake(&base).unwrap_or(base);
        let r = unique(base, &mut rust, "_");
        let mut m = vec![("name".to_owned(), Y::Str(f.name.clone()))];
        if derived.as_deref() != Some(r.as_str()) {
            m.push(("rust_name".into(), s(&r)));
        }
        shape_into(
            &mut m,
            &f.shape,
            f.required,
            f.description.as_deref(),
            types,
        );
        out.push(Y::Map(m));
    }
    Y::Seq(out)
}

fn shape_into(
    m: &mut Vec<(String, Y)>,
    sh: &Shape,
    required: bool,
    description: Option<&str>,
    types: &mut Types,
) {
    if let Some(name) = types.name_of(sh) {
        m.push(("type".into(), s(&name)));
        if required {
            m.push(("required".into(), Y::Bool(true)));
        }
        if sh.nullable {
            m.push(("nullable".into(), Y::Bool(true)));
        }
        if let Some(d) = description {
            m.push(("description".into(), s(d)));
        }
        return;
    }
    m.push(("type".into(), s(&sh.ty)));
    if required {
        m.push(("required".into(), Y::Bool(true)));
    }
    if sh.nullable {
        m.push(("nullable".into(), Y::Bool(true)));
    }
    if let Some(d) = description.or(sh.description.as_deref()) {
        m.push(("description".into(), s(d)));
    }
    if !sh.values.is_empty() && matches!(sh.ty.as_str(), "string" | "integer" | "boolean") {
        m.push(("enum".into(), enum_y(&sh.values)));
    }
    if !sh.fields.is_empty() && sh.ty == "object" {
        m.push(("fields".into(), fields_y(&sh.fields, types)));
    }
    if let Some(it) = &sh.items
        && sh.ty == "array"
    {
        m.push(("items".into(), shape_y(it, types)));
    }
}

fn shape_y(sh: &Shape, types: &mut Types) -> Y {
    let mut m = Vec::new();
    shape_into(&mut m, sh, false, None, types);
    Y::Map(m)
}

/// Named objects of one file: each section (`page#anchor`) becomes one
/// entry under `types:`, named after its type and made unique in the file.
#[derive(Default)]
pub struct Types {
    /// Section key → type name.
    by_key: std::collections::HashMap<String, String>,
    /// Keys whose definition is being written (a reference back is cut).
    open: HashSet<String>,
    /// Names in use (entries' Rust names and the codegen's fixed names).
    taken: HashSet<String>,
    /// Definitions in the order they were completed.
    defs: Vec<(String, Y)>,
}

impl Types {
    /// A collector whose names avoid `reserved`.
    pub fn new(reserved: impl IntoIterator<Item = String>) -> Types {
        let mut taken: HashSet<String> = reserved.into_iter().collect();
        for fixed in [
            "RestEvent",
            "Dispatch",
            "Event",
            "Command",
            "CommandResult",
            "Unknown",
        ] {
            taken.insert(fixed.to_owned());
        }
        Types {
            taken,
            ..Types::default()
        }
    }

    /// The type name of a named object (defining it on first use), or
    /// `None` for other shapes and for a reference back into an object
    /// being defined (written inline as a free-form `object`).
    fn name_of(&mut self, sh: &Shape) -> Option<String> {
        let tr = sh.type_ref.as_ref()?;
        if sh.ty != "object" || sh.fields.is_empty() {
            return None;
        }
        if let Some(n) = self.by_key.get(&tr.key) {
            return Some(n.clone());
        }
        if self.open.contains(&tr.key) {
            return None;
        }
        self.open.insert(tr.key.clone());
        let mut def = Vec::new();
        let mut plain = sh.clone();
        plain.type_ref = None;
        plain.nullable = false;
        plain.description = None;
        shape_into(&mut def, &plain, false, None, self);
        self.open.remove(&tr.key);
        let def = Y::Map(def);
        // the same object described in two places is one type
        let same = self.defs.iter().find(|(n, d)| {
            *d == def
                && n.strip_prefix(tr.name.as_str())
                    .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        });
        if let Some((n, _)) = same {
            let n = n.clone();
            self.by_key.insert(tr.key.clone(), n.clone());
            return Some(n);
        }
        let name = unique(tr.name.clone(), &mut self.taken, "");
        self.by_key.insert(tr.key.clone(), name.clone());
        self.defs.push((name.clone(), def));
        Some(name)
    }

    /// The `types:` map, sorted by name.
    fn into_y(mut self) -> Option<Y> {
        if self.defs.is_empty() {
            return None;
        }
        self.defs.sort_by(|a, b| a.0.cmp(&b.0));
        Some(Y::Map(self.defs))
    }
}

fn enum_y(values: &[EnumVal]) -> Y {
    let mut seen = HashSet::new();
    let mut taken = HashSet::new();
    taken.insert("Unknown".to_owned());
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if !seen.insert(v.value.clone()) {
            continue;
        }
        let derived = names::enum_variant(&v.value.to_spec());
        let base = derived.clone().unwrap_or_else(|| {
            let raw = match &v.value {
                Scalar::Str(x) => x.clone(),
                Scalar::Int(x) => x.to_string(),
                Scalar::Bool(x) => x.to_string(),
            };
            match names::camel(&sanitize(&raw)) {
                Some(c) if c.starts_with(|ch: char| ch.is_ascii_alphabetic()) => c,
                Some(c) if !c.is_empty() => format!("V{c}"),
                _ => format!("Value{}", i + 1),
            }
        });
        let r = unique(base, &mut taken, "");
        let mut m = vec![(
            "value".to_owned(),
            match &v.value {
                Scalar::Str(x) => Y::Quoted(x.clone()),
                Scalar::Int(x) => Y::Int(*x),
                Scalar::Bool(x) => Y::Bool(*x),
            },
        )];
        if derived.as_deref() != Some(r.as_str()) {
            m.push(("rust_name".into(), s(&r)));
        }
        if let Some(d) = &v.description {
            m.push(("description".into(), s(d)));
        }
        out.push(Y::Map(m));
    }
    Y::Seq(out)
}

fn errors_y(errors: &[ErrorIr]) -> Y {
    Y::Seq(
        errors
            .iter()
            .map(|e| {
                let mut m = vec![("code".to_owned(), Y::Str(e.code.clone()))];
                if let Some(st) = e.status {
                    m.push(("status".into(), Y::Int(i64::from(st))));
                }
                if let Some(d) = &e.description {
                    m.push(("description".into(), s(d)));
                }
                Y::Map(m)
            })
            .collect(),
    )
}

/// The header comment of every generated file.
pub const HEADER: &str = "Generated by b24-docs from the Bitrix24 REST documentation\n\
(https://github.com/bitrix24/b24restdocs, MIT license, Copyright (c) 2024 Bitrix24).\n\
Regenerate with `cargo xtask import-docs <docs-dir>`; do not edit by hand.";

/// A methods/events file. Entries must be sorted and free of duplicates.
pub fn rest_file(summary: &str, scope: &str, methods: &[&Method], events: &[&RestEvent]) -> String {
    let mut root = vec![
        ("summary".to_owned(), s(summary)),
        ("scope".to_owned(), s(scope)),
    ];
    // Rust names first: named types must not take them
    let mut taken = HashSet::new();
    let method_names: Vec<(Option<String>, String)> = methods
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let own_scope = m.scopes.first().map(String::as_str).unwrap_or(scope);
            let derived = names::method(&m.name, Some(own_scope));
            // The REST 3.0 twin of a REST v2 method: `TaskGet` and `TaskGetV3`.
            let twin = m.v3 && methods.iter().any(|o| !o.v3 && o.name == m.name);
            let base = match &derived {
                Some(d) if twin => format!("{d}V3"),
                Some(d) if !taken.contains(d) => d.clone(),
                _ => names::camel(&sanitize(&m.name)).unwrap_or_else(|| format!("Method{}", i + 1)),
            };
            (derived, unique(base, &mut taken, ""))
        })
        .collect();
    let mut etaken = HashSet::new();
    let event_names: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let base = e
                .rust_name
                .clone()
                .or_else(|| names::camel(&sanitize(&e.code)))
                .unwrap_or_else(|| format!("Event{}", i + 1));
            unique(base, &mut etaken, "")
        })
        .collect();
    let mut types = Types::new(
        method_names
            .iter()
            .map(|n| n.1.clone())
            .chain(event_names.iter().cloned()),
    );
    if !methods.is_empty() {
        let mut items = Vec::new();
        for (m, (derived, r)) in methods.iter().zip(&method_names) {
            let own_scope = m.scopes.first().map(String::as_str).unwrap_or(scope);
            let mut y = vec![("name".to_owned(), Y::Str(m.name.clone()))];
            if derived.as_deref() != Some(r.as_str()) {
                y.push(("rust_name".into(), s(r)));
            }
            if m.v3 {
                y.push(("api".into(), s("v3")));
            }
            push_docs(&mut y, &m.docs);
            if own_scope != scope {
                y.push(("scope".into(), s(own_scope)));
            }
            if !m.params.is_empty() {
                y.push(("params".into(), fields_y(&m.params, &mut types)));
            }
            if let Some(r) = &m.result {
                y.push(("result".into(), shape_y(r, &mut types)));
            }
            if let Some(list) = &m.list {
                let mut l = Vec::new();
                if let Some(p) = &list.path {
                    l.push(("path".to_owned(), s(p)));
                }
                if let Some(id) = &list.id_field {
                    l.push(("id_field".to_owned(), s(id)));
                }
                y.push(("list".into(), Y::Map(l)));
            }
            if !m.errors.is_empty() {
                y.push(("errors".into(), errors_y(&m.errors)));
            }
            push_strings(&mut y, "examples", &m.examples);
            push_strings(&mut y, "result_examples", &m.result_examples);
            items.push(Y::Map(y));
        }
        root.push(("methods".into(), Y::Seq(items)));
    }
    if !events.is_empty() {
        let mut items = Vec::new();
        for (e, r) in events.iter().zip(&event_names) {
            let mut y = vec![
                ("code".to_owned(), Y::Str(e.code.clone())),
                ("rust_name".to_owned(), s(r)),
            ];
            push_docs(&mut y, &e.docs);
            if let Some(sc) = e.scopes.first()
                && sc != scope
            {
                y.push(("scope".into(), s(sc)));
            }
            if !e.data.is_empty() {
                y.push(("data".into(), fields_y(&e.data, &mut types)));
            }
            push_strings(&mut y, "examples", &e.examples);
            items.push(Y::Map(y));
        }
        root.push(("events".into(), Y::Seq(items)));
    }
    if let Some(t) = types.into_y() {
        root.push(("types".into(), t));
    }
    to_yaml(HEADER, &root)
}

/// A placement file.
pub fn placement_file(
    code: &str,
    info: Option<&PlacementInfo>,
    scopes: &[String],
    events: &[&InterfaceEvent],
    commands: &[&Command],
) -> String {
    let mut p = vec![("code".to_owned(), s(code))];
    if let Some(i) = info {
        push_opt(&mut p, "title", &i.title);
        push_opt(&mut p, "summary", &i.docs.summary);
    }
    if !scopes.is_empty() {
        p.push((
            "scopes".into(),
            Y::Seq(scopes.iter().map(|x| s(x)).collect()),
        ));
    }
    if let Some(i) = info {
        p.push(("docs".into(), s(&i.docs.docs)));
    }
    let mut types = Types::new(
        events
            .iter()
            .filter_map(|e| names::interface_event(&e.name))
            .chain(commands.iter().filter_map(|c| names::camel(&c.name))),
    );
    let mut taken = HashSet::new();
    let mut evs = Vec::new();
    for e in events {
        let derived = names::interface_event(&e.name);
        let base = match &derived {
            Some(d) if !taken.contains(d) => d.clone(),
            _ => names::camel(&sanitize(&e.name))
                .unwrap_or_else(|| format!("Event{}", evs.len() + 1)),
        };
        let r = unique(base, &mut taken, "");
        let mut y = vec![("name".to_owned(), Y::Str(e.name.clone()))];
        if derived.as_deref() != Some(r.as_str()) {
            y.push(("rust_name".into(), s(&r)));
        }
        push_docs(&mut y, &e.docs);
        y.push(("args".into(), fields_y(&e.args, &mut types)));
        push_strings(&mut y, "examples", &e.examples);
        evs.push(Y::Map(y));
    }
    if !evs.is_empty() {
        p.push(("events".into(), Y::Seq(evs)));
    }
    let mut taken = HashSet::new();
    let mut cmds = Vec::new();
    for c in commands {
        let derived = names::camel(&c.name);
        let base = match &derived {
            Some(d) if !taken.contains(d) => d.clone(),
            _ => names::camel(&sanitize(&c.name))
                .unwrap_or_else(|| format!("Command{}", cmds.len() + 1)),
        };
        let r = unique(base, &mut taken, "");
        let mut y = vec![("name".to_owned(), Y::Str(c.name.clone()))];
        if derived.as_deref() != Some(r.as_str()) {
            y.push(("rust_name".into(), s(&r)));
        }
        push_docs(&mut y, &c.docs);
        if !c.params.is_empty() {
            y.push(("params".into(), fields_y(&c.params, &mut types)));
        }
        let result = c.result.clone().unwrap_or_else(|| Shape::of("any"));
        y.push(("result".into(), shape_y(&result, &mut types)));
        push_strings(&mut y, "examples", &c.examples);
        push_strings(&mut y, "result_examples", &c.result_examples);
        cmds.push(Y::Map(y));
    }
    if !cmds.is_empty() {
        p.push(("commands".into(), Y::Seq(cmds)));
    }
    let mut root = vec![("placement".to_owned(), Y::Map(p))];
    if let Some(t) = types.into_y() {
        root.push(("types".into(), t));
    }
    to_yaml(HEADER, &root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_quoting() {
        let y = to_yaml(
            "",
            &[
                ("a".into(), s("plain text")),
                ("b".into(), s("yes")),
                ("c".into(), s("a: b")),
                ("d".into(), s("line1\nline2")),
                ("e".into(), s("123")),
                ("f".into(), Y::Quoted("x".into())),
                ("g".into(), s(" lead\nx")),
            ],
        );
        assert_eq!(
            y,
            "a: plain text\nb: \"yes\"\nc: \"a: b\"\nd: |-\n  line1\n  line2\ne: \"123\"\nf: \"x\"\ng: |2-\n   lead\n  x\n"
        );
    }
}
