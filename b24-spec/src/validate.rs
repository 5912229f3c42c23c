//! Checks that go beyond the YAML shape: names, references and duplicates.

use std::collections::{HashMap, HashSet};

use serde_saphyr::Spanned;

use crate::{BUILTIN_TYPES, Diagnostic, Field, Shape, SpecFile, names};

/// Which wire names a name must follow.
#[derive(Clone, Copy)]
enum WireKind {
    /// A parameter, argument or object field.
    Field,
    /// A method, command or REST event code.
    Dotted,
    /// An interface event (`BackgroundCallCard::closeButtonClick`).
    InterfaceEvent,
}

struct Ctx<'a> {
    path: &'a str,
    file: &'a SpecFile,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn err<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        self.out.push(Diagnostic {
            path: self.path.to_owned(),
            line: at.referenced.line(),
            column: at.referenced.column(),
            message: message.into(),
        });
    }

    /// Records `name` under `key` in `seen`, reporting a duplicate.
    fn unique(
        &mut self,
        seen: &mut HashMap<String, (u64, u64)>,
        key: &str,
        at: &Spanned<String>,
        what: &str,
    ) {
        if let Some((line, col)) = seen.get(key) {
            let msg =
                format!("duplicate {what} `{key}` (first defined at line {line}, column {col})");
            self.err(at, msg);
        } else {
            seen.insert(
                key.to_owned(),
                (at.referenced.line(), at.referenced.column()),
            );
        }
    }

    /// Checks an explicit `rust_name` or a derived one.
    fn rust_name(
        &mut self,
        explicit: Option<&Spanned<String>>,
        wire: &Spanned<String>,
        derived: Option<String>,
        what: &str,
    ) -> Option<String> {
        if let Some(r) = explicit {
            if names::is_ident(&r.value) {
                return Some(r.value.clone());
            }
            self.err(
                r,
                format!("rust_name `{}` is not a Rust identifier", r.value),
            );
            return None;
        }
        match derived {
            Some(n) => Some(n),
            None => {
                self.err(
                    wire,
                    format!(
                        "{what} `{}` cannot become a Rust identifier; expected letters, digits and `_` \
                         starting with a letter, or set `rust_name:`",
                        wire.value
                    ),
                );
                None
            }
        }
    }

    /// Reports a name the portal cannot send or accept as written.
    fn wire_name(&mut self, name: &Spanned<String>, what: &str, kind: WireKind) {
        let n = name.value.as_str();
        let (ok, expected) = match kind {
            // Field names are kept as the docs write them (`UF_*`, `~x`):
            // anything visible, no spaces.
            WireKind::Field => (
                !n.is_empty() && n.chars().all(|c| !c.is_whitespace() && !c.is_control()),
                "visible characters without spaces",
            ),
            WireKind::Dotted => (
                !n.is_empty()
                    && n.split('.').all(|part| {
                        !part.is_empty()
                            && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    }),
                "letters, digits and `_` in `.`-separated parts (`crm.deal.get`)",
            ),
            WireKind::InterfaceEvent => (
                !n.is_empty()
                    && n.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.')),
                "letters, digits, `_`, `.` and `::` (`CallCard::CallStateChanged`)",
            ),
        };
        if !ok {
            self.err(
                name,
                format!("{what} `{n}` is not a valid wire name; expected {expected}"),
            );
        }
    }

    fn fields(&mut self, fields: &[Field], what: &str) {
        let mut wire = HashMap::new();
        let mut rust = HashMap::new();
        for f in fields {
            self.wire_name(&f.name, what, WireKind::Field);
            self.unique(&mut wire, &f.name.value, &f.name, what);
            if let Some(r) = self.rust_name(
                f.rust_name.as_ref(),
                &f.name,
                names::snake(&f.name.value),
                what,
            ) {
                let at = f.rust_name.as_ref().unwrap_or(&f.name).clone();
                self.unique(&mut rust, &r, &at, &format!("Rust name of a {what}"));
            }
            self.shape(&f.shape);
        }
    }

    fn shape(&mut self, s: &Shape) {
        let ty = s.ty.value.as_str();
        let builtin = BUILTIN_TYPES.contains(&ty);
        if !builtin && !self.file.types.contains_key(ty) {
            let mut declared: Vec<&str> = self.file.types.keys().map(String::as_str).collect();
            declared.sort_unstable();
            let declared = if declared.is_empty() {
                "none are declared".to_owned()
            } else {
                format!("declared: {}", declared.join(", "))
            };
            self.err(
                &s.ty,
                format!(
                    "unknown type `{ty}`; expected one of {} or a name under `types:` ({declared})",
                    BUILTIN_TYPES.join(", ")
                ),
            );
        }
        if !s.fields.is_empty() && ty != "object" {
            self.err(
                &s.ty,
                format!("`fields` needs `type: object`, found `type: {ty}`"),
            );
        }
        if s.items.is_some() && ty != "array" {
            self.err(
                &s.ty,
                format!("`items` needs `type: array`, found `type: {ty}`"),
            );
        }
        if !s.values.is_empty() {
            if !matches!(ty, "string" | "integer" | "boolean") {
                self.err(
                    &s.ty,
                    format!("`enum` needs type string, integer or boolean, found `{ty}`"),
                );
            }
            let mut seen = HashSet::new();
            let mut variants = HashSet::new();
            for v in &s.values {
                let kind = match &v.value {
                    crate::ScalarValue::Str(_) => "string",
                    crate::ScalarValue::Int(_) => "integer",
                    crate::ScalarValue::Bool(_) => "boolean",
                };
                if matches!(ty, "string" | "integer" | "boolean") && kind != ty {
                    let a = |k: &str| if k == "integer" { "an" } else { "a" };
                    let (a_kind, a_ty) = (a(kind), a(ty));
                    self.err(
                        &s.ty,
                        format!(
                            "enum value `{}` is {a_kind} {kind}; expected {a_ty} {ty} like the field's `type: {ty}` (quote it to make it a string)",
                            v.value
                        ),
                    );
                }
                if !seen.insert(v.value.clone()) {
                    self.err(&s.ty, format!("duplicate enum value `{}`", v.value));
                }
                let variant = match &v.rust_name {
                    Some(r) if names::is_ident(&r.value) => Some(r.value.clone()),
                    Some(r) => {
                        self.err(
                            r,
                            format!("rust_name `{}` is not a Rust identifier", r.value),
                        );
                        None
                    }
                    None => names::enum_variant(&v.value),
                };
                match variant {
                    Some(n) if n == "Unknown" => self.err(
                        &s.ty,
                        "the variant name `Unknown` is reserved for values the docs do not list",
                    ),
                    Some(n) => {
                        if !variants.insert(n.clone()) {
                            self.err(&s.ty, format!("enum values map to the same variant `{n}`; set `rust_name:` on one"));
                        }
                    }
                    None => self.err(
                        &s.ty,
                        format!(
                            "enum value `{}` cannot become a variant name; set `rust_name:`",
                            v.value
                        ),
                    ),
                }
            }
        }
        if let Some(t) = &s.type_name
            && !names::is_ident(&t.value)
        {
            self.err(
                t,
                format!("type_name `{}` is not a Rust identifier", t.value),
            );
        }
        if !s.fields.is_empty() {
            self.fields(&s.fields, "field");
        }
        if let Some(items) = &s.items {
            self.shape(items);
        }
    }
}

pub(crate) fn validate(path: &str, file: &SpecFile) -> Vec<Diagnostic> {
    let mut cx = Ctx {
        path,
        file,
        out: Vec::new(),
    };

    for (name, shape) in &file.types {
        if names::camel(name).as_deref() != Some(name.as_str()) {
            cx.err(
                &shape.ty,
                format!("type name `{name}` must be an UpperCamelCase Rust identifier"),
            );
        }
        cx.shape(shape);
    }

    if let Some(p) = &file.placement {
        let code = &p.code.value;
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            cx.err(
                &p.code,
                format!("placement code `{code}` must be upper case letters, digits and `_`"),
            );
        }
        let mut wire = HashMap::new();
        let mut rust = HashMap::new();
        for e in &p.events {
            cx.wire_name(&e.name, "event name", WireKind::InterfaceEvent);
            cx.unique(&mut wire, &e.name.value, &e.name, "event name");
            if let Some(r) = cx.rust_name(
                e.rust_name.as_ref(),
                &e.name,
                names::interface_event(&e.name.value),
                "event name",
            ) {
                let at = e.rust_name.as_ref().unwrap_or(&e.name).clone();
                cx.unique(&mut rust, &r, &at, "event Rust name");
            }
            cx.fields(&e.args, "argument");
            let mut optional_seen = false;
            for a in &e.args {
                if a.required && optional_seen {
                    cx.err(&a.name, "a required argument cannot follow an optional one");
                }
                optional_seen |= !a.required;
            }
        }
        cx.fields(&p.options, "placement option");
        let mut wire = HashMap::new();
        let mut rust = HashMap::new();
        for c in &p.commands {
            cx.wire_name(&c.name, "command name", WireKind::Dotted);
            cx.unique(&mut wire, &c.name.value, &c.name, "command name");
            if let Some(r) = cx.rust_name(
                c.rust_name.as_ref(),
                &c.name,
                names::camel(&c.name.value),
                "command name",
            ) {
                let at = c.rust_name.as_ref().unwrap_or(&c.name).clone();
                cx.unique(&mut rust, &r, &at, "command Rust name");
            }
            cx.fields(&c.params, "parameter");
            if let Some(one) = &c.param {
                if !c.params.is_empty() {
                    cx.err(&one.ty, "a command has either `params` (an object's fields) or `param` (one value), not both");
                }
                cx.shape(one);
            }
            if let Some(r) = &c.result {
                cx.shape(r);
            }
        }
    }

    let mut wire = HashMap::new();
    let mut rust = HashMap::new();
    for m in &file.methods {
        if let Some(api) = &m.api
            && !matches!(api.value.as_str(), "v2" | "v3")
        {
            cx.err(
                api,
                format!("unknown `api` `{}`: expected `v2` or `v3`", api.value),
            );
        }
        if m.is_v3() && m.list.is_some() {
            cx.err(&m.name, "`list` paging (`start`/`next`) is REST v2 only; a REST 3.0 method cannot have `list`");
        }
        cx.wire_name(&m.name, "method name", WireKind::Dotted);
        // A name may exist once per REST generation.
        let key = if m.is_v3() {
            format!("{} (v3)", m.name.value)
        } else {
            m.name.value.clone()
        };
        cx.unique(&mut wire, &key, &m.name, "method name");
        if let Some(r) = cx.rust_name(
            m.rust_name.as_ref(),
            &m.name,
            file.derived_method_name(m),
            "method name",
        ) {
            let at = m.rust_name.as_ref().unwrap_or(&m.name).clone();
            cx.unique(&mut rust, &r, &at, "method Rust name");
        }
        cx.fields(&m.params, "parameter");
        if let Some(r) = &m.result {
            cx.shape(r);
        }
    }

    let mut wire = HashMap::new();
    let mut rust = HashMap::new();
    for e in &file.events {
        cx.wire_name(&e.code, "event code", WireKind::Dotted);
        cx.unique(
            &mut wire,
            &e.code.value.to_ascii_uppercase(),
            &e.code,
            "event code",
        );
        if let Some(r) = cx.rust_name(
            e.rust_name.as_ref(),
            &e.code,
            names::camel(&e.code.value),
            "event code",
        ) {
            let at = e.rust_name.as_ref().unwrap_or(&e.code).clone();
            cx.unique(&mut rust, &r, &at, "event Rust name");
        }
        cx.fields(&e.data, "data field");
    }

    cx.out.sort_by_key(|d| (d.line, d.column));
    cx.out
}

#[cfg(test)]
mod tests {
    fn err(text: &str) -> String {
        crate::parse("specs/x.yaml", text).unwrap_err().to_string()
    }

    #[test]
    fn enum_values_match_the_field_type() {
        let e = err("types:\n  T:\n    type: string\n    enum: [1, two]\n");
        assert!(e.starts_with("specs/x.yaml:3:11:"), "{e}");
        assert!(
            e.contains("enum value `1` is an integer; expected a string"),
            "{e}"
        );
        let e = err("types:\n  T:\n    type: integer\n    enum: [1, two]\n");
        assert!(
            e.contains("enum value `two` is a string; expected an integer"),
            "{e}"
        );
        crate::parse(
            "specs/x.yaml",
            "types:\n  T:\n    type: string\n    enum: ['one', two]\n",
        )
        .unwrap();
    }

    #[test]
    fn wire_names() {
        let e = err("placement:\n  code: X\n  events:\n    - name: Call Card::open\n");
        assert!(e.starts_with("specs/x.yaml:4:13:"), "{e}");
        assert!(e.contains("is not a valid wire name"), "{e}");
        let e = err("methods:\n  - name: crm..deal\n");
        assert!(
            e.contains("method name `crm..deal` is not a valid wire name"),
            "{e}"
        );
        let e = err("events:\n  - code: ON DEAL\n");
        assert!(e.contains("event code `ON DEAL`"), "{e}");
        let e = err("methods:\n  - name: a.b\n    params:\n      - {name: 'a b', type: string}\n");
        assert!(
            e.contains("parameter `a b` is not a valid wire name"),
            "{e}"
        );
    }
}
