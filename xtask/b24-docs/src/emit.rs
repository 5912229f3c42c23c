//! The spec files of an import as [`b24_spec`] model values, written by
//! [`b24_spec::to_yaml`], with Rust names fixed up where the derived ones
//! would not compile or would collide.

use std::collections::HashSet;

use b24_spec::{self as spec, names, unplaced};

use crate::ir::{Command, Docs, Field, InterfaceEvent, Method, PlacementInfo, RestEvent, Shape};

fn docs_of(d: &Docs) -> spec::Docs {
    let some = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
    spec::Docs {
        summary: some(&d.summary),
        description: some(&d.description),
        docs: Some(d.docs.clone()),
        who: some(&d.who),
    }
}

/// Examples kept per entry and key, and the largest one kept: the docs'
/// full response dumps would make the spec files (and every build) heavy.
pub const MAX_EXAMPLES: usize = 2;
/// See [`MAX_EXAMPLES`].
pub const MAX_EXAMPLE_BYTES: usize = 4096;

fn kept(v: &[String]) -> Vec<String> {
    v.iter()
        .filter(|x| x.len() <= MAX_EXAMPLE_BYTES)
        .take(MAX_EXAMPLES)
        .cloned()
        .collect()
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

/// The fields, with duplicate wire names dropped and Rust names fixed.
fn fields_of(fields: &[Field], types: &mut Types) -> Vec<spec::Field> {
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
        let mut shape = shape_of(&f.shape, types);
        // a field's own description wins over its type's
        shape.description = f.description.clone().or(shape.description);
        out.push(spec::Field {
            name: unplaced(f.name.clone()),
            rust_name: (derived.as_deref() != Some(r.as_str())).then(|| unplaced(r)),
            required: f.required,
            shape,
        });
    }
    out
}

/// A shape: a reference to a named type, or the type itself.
fn shape_of(sh: &Shape, types: &mut Types) -> spec::Shape {
    if let Some(name) = types.name_of(sh) {
        let mut s = spec::Shape::of(&name);
        s.nullable = sh.nullable;
        return s;
    }
    let mut s = spec::Shape::of(&sh.ty);
    s.nullable = sh.nullable;
    s.description = sh.description.clone();
    if matches!(sh.ty.as_str(), "string" | "integer" | "boolean") {
        s.values = enum_of(&sh.values);
    }
    if sh.ty == "object" {
        s.fields = fields_of(&sh.fields, types);
    }
    if sh.ty == "array" {
        s.items = sh.items.as_ref().map(|it| Box::new(shape_of(it, types)));
    }
    s
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
    defs: Vec<(String, spec::Shape)>,
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
        let mut plain = sh.clone();
        plain.type_ref = None;
        plain.nullable = false;
        plain.description = None;
        let def = shape_of(&plain, self);
        self.open.remove(&tr.key);
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
    fn into_map(mut self) -> indexmap::IndexMap<String, spec::Shape> {
        self.defs.sort_by(|a, b| a.0.cmp(&b.0));
        self.defs.into_iter().collect()
    }
}

fn enum_of(values: &[spec::EnumValue]) -> Vec<spec::EnumValue> {
    let mut seen = HashSet::new();
    let mut taken = HashSet::new();
    taken.insert("Unknown".to_owned());
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if !seen.insert(v.value.clone()) {
            continue;
        }
        let value = v.value.clone();
        let derived = names::enum_variant(&value);
        let base =
            derived
                .clone()
                .unwrap_or_else(|| match names::camel(&sanitize(&value.to_string())) {
                    Some(c) if c.starts_with(|ch: char| ch.is_ascii_alphabetic()) => c,
                    Some(c) if !c.is_empty() => format!("V{c}"),
                    _ => format!("Value{}", i + 1),
                });
        let r = unique(base, &mut taken, "");
        out.push(spec::EnumValue {
            rust_name: (derived.as_deref() != Some(r.as_str())).then(|| unplaced(r)),
            value,
            description: v.description.clone(),
        });
    }
    out
}

/// The header comment of every generated file.
pub const HEADER: &str = "Generated by b24-docs from the Bitrix24 REST documentation\n\
(https://github.com/bitrix24/b24restdocs, MIT license, Copyright (c) 2024 Bitrix24).\n\
Regenerate with `cargo xtask import-docs <docs-dir>`; do not edit by hand.";

/// A methods/events file. Entries must be sorted and free of duplicates.
pub fn rest_file(
    summary: &str,
    scope: &str,
    methods: &[&Method],
    events: &[&RestEvent],
) -> Result<String, b24_spec::SerializeError> {
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
    let other_scope = |scopes: &[String]| scopes.first().filter(|s| *s != scope).cloned();
    let methods = methods
        .iter()
        .zip(method_names)
        .map(|(m, (derived, r))| spec::Method {
            name: unplaced(m.name.clone()),
            rust_name: (derived.as_deref() != Some(r.as_str())).then(|| unplaced(r)),
            api: m.v3.then(|| unplaced("v3".to_owned())),
            docs: docs_of(&m.docs),
            scope: other_scope(&m.scopes),
            idempotent: None,
            params: fields_of(&m.params, &mut types),
            result: m.result.as_ref().map(|r| shape_of(r, &mut types)),
            list: m.list.clone(),
            errors: m.errors.clone(),
            examples: kept(&m.examples),
            result_examples: kept(&m.result_examples),
        })
        .collect();
    let events = events
        .iter()
        .zip(event_names)
        .map(|(e, r)| spec::RestEvent {
            code: unplaced(e.code.clone()),
            rust_name: Some(unplaced(r)),
            docs: docs_of(&e.docs),
            scope: other_scope(&e.scopes),
            data: fields_of(&e.data, &mut types),
            examples: kept(&e.examples),
        })
        .collect();
    let file = spec::SpecFile {
        summary: Some(summary.to_owned()),
        scope: Some(scope.to_owned()),
        methods,
        events,
        types: types.into_map(),
        ..spec::SpecFile::default()
    };
    b24_spec::to_yaml(HEADER, &file)
}

/// A Rust name per entry, in order: the derived one when it compiles and is
/// free, else one made from the wire name (or `{fallback}{n}`).
fn entry_names<'a>(
    wire: impl Iterator<Item = &'a str>,
    derive: impl Fn(&str) -> Option<String>,
    fallback: &str,
) -> Vec<(Option<String>, String)> {
    let mut taken = HashSet::new();
    wire.enumerate()
        .map(|(i, w)| {
            let derived = derive(w);
            let base = match &derived {
                Some(d) if !taken.contains(d) => d.clone(),
                _ => names::camel(&sanitize(w)).unwrap_or_else(|| format!("{fallback}{}", i + 1)),
            };
            let r = unique(base, &mut taken, "");
            (derived, r)
        })
        .collect()
}

/// A placement file.
pub fn placement_file(
    code: &str,
    info: Option<&PlacementInfo>,
    scopes: &[String],
    events: &[&InterfaceEvent],
    commands: &[&Command],
) -> Result<String, b24_spec::SerializeError> {
    let mut types = Types::new(
        events
            .iter()
            .filter_map(|e| names::interface_event(&e.name))
            .chain(commands.iter().filter_map(|c| names::camel(&c.name))),
    );
    let rust_name = |(derived, r): (Option<String>, String)| {
        (derived.as_deref() != Some(r.as_str())).then(|| unplaced(r))
    };
    let event_names = entry_names(
        events.iter().map(|e| e.name.as_str()),
        names::interface_event,
        "Event",
    );
    let events = events
        .iter()
        .zip(event_names)
        .map(|(e, n)| spec::InterfaceEvent {
            name: unplaced(e.name.clone()),
            rust_name: rust_name(n),
            docs: docs_of(&e.docs),
            args: fields_of(&e.args, &mut types),
            examples: kept(&e.examples),
        })
        .collect();
    let command_names = entry_names(
        commands.iter().map(|c| c.name.as_str()),
        names::camel,
        "Command",
    );
    let commands = commands
        .iter()
        .zip(command_names)
        .map(|(c, n)| spec::Command {
            name: unplaced(c.name.clone()),
            rust_name: rust_name(n),
            docs: docs_of(&c.docs),
            params: fields_of(&c.params, &mut types),
            param: None,
            result: Some(shape_of(
                c.result.as_ref().unwrap_or(&Shape::of("any")),
                &mut types,
            )),
            examples: kept(&c.examples),
            result_examples: kept(&c.result_examples),
            // `bind…Callback` registers a callback the interface calls on
            // every occurrence (the docs' naming of subscriptions)
            repeats: c.name.starts_with("bind") && c.name.ends_with("Callback"),
        })
        .collect();
    let placement = spec::Placement {
        code: unplaced(code.to_owned()),
        title: info.and_then(|i| i.title.clone()).filter(|t| !t.is_empty()),
        docs: spec::Docs {
            summary: info
                .and_then(|i| i.docs.summary.clone())
                .filter(|s| !s.is_empty()),
            docs: info.map(|i| i.docs.docs.clone()),
            ..spec::Docs::default()
        },
        scopes: scopes.to_vec(),
        events,
        commands,
        options: info
            .map(|i| fields_of(&i.options, &mut types))
            .unwrap_or_default(),
    };
    let file = spec::SpecFile {
        placement: Some(placement),
        types: types.into_map(),
        ..spec::SpecFile::default()
    };
    b24_spec::to_yaml(HEADER, &file)
}
