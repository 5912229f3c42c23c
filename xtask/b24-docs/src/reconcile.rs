//! Holding a table-derived shape to the docs' own JSON examples.
//!
//! The "Returned Data" tables often describe the element of an array, a
//! PHP `array` that is really a map, or field metadata, while the example
//! shows what the portal sends. Where the two disagree, the example decides
//! the container kinds: an object becomes an array of such objects, an
//! `array` that arrives as a JSON object becomes an object, a field whose
//! example contradicts its type is widened. The verdict is the one
//! `b24_spec::conforms` gives (as lenient as the generated decoders).

use serde_json::{Map, Value};

use std::collections::{BTreeMap, HashMap};

use crate::ir::{Field, Method, Shape, TypeRef};

/// One reconciliation: the example it came from, the path and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Index of the example in the list given.
    pub example: usize,
    /// Where (`result.PHONE`, `data.FIELDS`).
    pub path: String,
    /// What the table said, what the example shows and what was done.
    pub what: String,
}

const MAX_DEPTH: usize = 32;
const PASSES: usize = 4;

/// Reconciles a result `shape` with `values` (each a parsed `result`).
/// `scope` makes the keys of changed named types unique (the method name).
pub fn reconcile_result(shape: &mut Shape, values: &[Value], scope: &str) -> Vec<Note> {
    run(shape, values, scope, "result", true)
}

/// Reconciles the fields of an object (`data` of a REST event) with
/// `values` (each the parsed object).
pub fn reconcile_fields(
    fields: &mut Vec<Field>,
    values: &[Value],
    scope: &str,
    at: &str,
) -> Vec<Note> {
    let mut sh = Shape::of("object");
    sh.fields = std::mem::take(fields);
    let notes = run(&mut sh, values, scope, at, false);
    if sh.ty == "object" {
        *fields = sh.fields;
    } else {
        // An object whose fields cannot be reconciled: free-form.
        fields.clear();
    }
    notes
}

fn run(shape: &mut Shape, values: &[Value], scope: &str, at: &str, root: bool) -> Vec<Note> {
    let mut notes = Vec::new();
    // A result that is an object in one example and a list or a scalar in
    // another: no container kind fits both.
    let classes: std::collections::BTreeSet<&str> = values
        .iter()
        .filter_map(|v| match v {
            Value::Null => None,
            Value::Object(_) => Some("an object"),
            Value::Array(a) if a.is_empty() => Some("an object"),
            Value::Array(_) => Some("an array"),
            _ => Some("a scalar"),
        })
        .collect();
    if root
        && classes.len() > 1
        && let Some(i) = values.iter().position(|v| !fits(shape, v))
    {
        let kinds: Vec<&str> = classes.into_iter().collect();
        replace(shape, Shape::of("any"));
        notes.push(Note {
            example: i,
            path: at.to_owned(),
            what: format!("the examples show {}; typed as any", kinds.join(" and ")),
        });
        return notes;
    }
    for pass in 0..PASSES {
        for (i, v) in values.iter().enumerate() {
            if fits(shape, v) {
                continue;
            }
            let mut w = Walk {
                scope,
                pass,
                notes: Vec::new(),
            };
            w.walk(shape, v, at, 0, root);
            notes.extend(w.notes.into_iter().map(|(path, what)| Note {
                example: i,
                path,
                what,
            }));
        }
        if values.iter().all(|v| fits(shape, v)) {
            return notes;
        }
    }
    // Examples that contradict each other beyond repair: anything goes.
    if let Some(i) = values.iter().position(|v| !fits(shape, v)) {
        let description = shape.description.take();
        *shape = Shape::of("any");
        shape.description = description;
        if !root {
            shape.ty = "object".into();
        }
        notes.push(Note {
            example: i,
            path: at.to_owned(),
            what: "the examples contradict each other; typed as free-form".into(),
        });
    }
    notes
}

struct Walk<'a> {
    scope: &'a str,
    pass: usize,
    notes: Vec<(String, String)>,
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_object) => "an array of objects",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Replaces `sh` by `new`, keeping the documentation.
fn replace(sh: &mut Shape, mut new: Shape) {
    new.description = sh.description.take();
    new.nullable = sh.nullable;
    *sh = new;
}

impl Walk<'_> {
    fn note(&mut self, path: &str, what: String) {
        self.notes.push((path.to_owned(), what));
    }

    /// Widens `sh` to `any` (or, at the root in the first pass, to the
    /// example's kind).
    fn widen(&mut self, sh: &mut Shape, v: &Value, path: &str, root: bool) {
        let was = sh.ty.clone();
        if root && self.pass == 0 {
            let new = example_shape(v);
            let ty = new.ty.clone();
            replace(sh, new);
            self.note(
                path,
                format!(
                    "the table says {was}, the example shows {}; typed as {ty}",
                    kind(v)
                ),
            );
        } else {
            replace(sh, Shape::of("any"));
            self.note(
                path,
                format!(
                    "the table says {was}, the example shows {}; widened to any",
                    kind(v)
                ),
            );
        }
    }

    /// A scalar type the example contradicts with another scalar.
    fn retype(&mut self, sh: &mut Shape, ty: &str, v: &Value, path: &str) {
        let was = std::mem::replace(&mut sh.ty, ty.to_owned());
        sh.values.clear();
        sh.fields.clear();
        sh.items = None;
        sh.type_ref = None;
        self.note(
            path,
            format!(
                "the table says {was}, the example shows {}; typed as {ty}",
                kind(v)
            ),
        );
    }

    fn walk(&mut self, sh: &mut Shape, v: &Value, path: &str, depth: usize, root: bool) -> bool {
        if depth > MAX_DEPTH || v.is_null() || fits(sh, v) {
            return false;
        }
        let changed = self.walk_inner(sh, v, path, depth, root);
        if changed && let Some(tr) = &mut sh.type_ref {
            let base = tr.key.split('~').next().unwrap_or_default().to_owned();
            tr.key = format!("{base}~{}~{path}", self.scope);
        }
        changed
    }

    fn walk_inner(
        &mut self,
        sh: &mut Shape,
        v: &Value,
        path: &str,
        depth: usize,
        root: bool,
    ) -> bool {
        match sh.ty.as_str() {
            "string" | "date" | "datetime" => {
                self.widen(sh, v, path, root);
                true
            }
            "integer" => match v {
                Value::Number(_) => {
                    self.retype(sh, "number", v, path);
                    true
                }
                Value::String(_) => {
                    self.retype(sh, "string", v, path);
                    true
                }
                _ => {
                    self.widen(sh, v, path, root);
                    true
                }
            },
            "number" => match v {
                Value::String(_) => {
                    self.retype(sh, "string", v, path);
                    true
                }
                _ => {
                    self.widen(sh, v, path, root);
                    true
                }
            },
            "boolean" => match v {
                Value::Number(n) if n.is_i64() || n.is_u64() => {
                    self.retype(sh, "integer", v, path);
                    true
                }
                Value::Number(_) => {
                    self.retype(sh, "number", v, path);
                    true
                }
                Value::String(_) => {
                    self.retype(sh, "string", v, path);
                    true
                }
                _ => {
                    self.widen(sh, v, path, root);
                    true
                }
            },
            "object" => match v {
                Value::Object(map) => {
                    let contradicted = sh.fields.iter().any(|f| {
                        matches!(
                            f.shape.ty.as_str(),
                            "string" | "date" | "datetime" | "integer" | "number" | "boolean"
                        ) && map.get(&f.name).is_some_and(Value::is_object)
                    });
                    if self.pass == 0
                        && contradicted
                        && let Some(meta) = metadata_shape(map)
                    {
                        let mut meta = meta;
                        meta.type_ref = Some(TypeRef {
                            key: format!("#field-metadata~{}~{path}", self.scope),
                            name: "FieldMetadata".into(),
                        });
                        for f in &mut sh.fields {
                            f.shape = meta.clone();
                        }
                        self.note(
                            path,
                            "the table describes field values, the example shows field \
                             metadata (objects with a `type`); the fields are typed as metadata"
                                .into(),
                        );
                        return true;
                    }
                    let mut changed = false;
                    for f in &mut sh.fields {
                        if let Some(x) = map.get(&f.name) {
                            let p = format!("{path}.{}", f.name);
                            changed |= self.walk(&mut f.shape, x, &p, depth + 1, false);
                        }
                    }
                    changed
                }
                Value::Array(list) if self.pass == 0 && list.iter().all(Value::is_object) => {
                    // The table describes the element; the example is a list.
                    let mut item = std::mem::replace(sh, Shape::of("array"));
                    sh.description = item.description.take();
                    sh.nullable = std::mem::take(&mut item.nullable);
                    sh.items = Some(Box::new(item));
                    self.note(
                        path,
                        "the table describes an object, the example shows an array of objects; \
                         typed as an array of them"
                            .into(),
                    );
                    self.walk(sh, v, path, depth, root);
                    true
                }
                Value::Array(_) if self.pass == 0 && sh.fields.is_empty() => {
                    let new = example_shape(v);
                    replace(sh, new);
                    self.note(
                        path,
                        "the table says object, the example shows an array; typed as an array"
                            .into(),
                    );
                    true
                }
                _ => {
                    self.widen(sh, v, path, root);
                    true
                }
            },
            "array" => match v {
                Value::Array(list) => {
                    let Some(item) = sh.items.as_deref_mut() else {
                        return false;
                    };
                    let mut changed = false;
                    for (i, x) in list.iter().enumerate() {
                        let p = format!("{path}[{i}]");
                        changed |= self.walk(item, x, &p, depth + 1, false);
                    }
                    changed
                }
                Value::Object(map) if self.pass == 0 => {
                    let item_fields: Vec<&str> = match sh.items.as_deref() {
                        Some(it) if it.ty == "object" => {
                            it.fields.iter().map(|f| f.name.as_str()).collect()
                        }
                        _ => Vec::new(),
                    };
                    let overlap = |m: &Map<String, Value>| {
                        !item_fields.is_empty() && m.keys().any(|k| item_fields.contains(&&**k))
                    };
                    if overlap(map) {
                        // The example is one element, not a list of them.
                        let item = sh.items.take().map(|b| *b).unwrap_or_default();
                        replace(sh, item);
                        self.note(
                            path,
                            "the table says array of objects, the example shows one such \
                             object; typed as the object"
                                .into(),
                        );
                        self.walk(sh, v, path, depth, root);
                        return true;
                    }
                    // `{"items": [ ... ]}`: the list sits under one key.
                    let mut arrays = map.iter().filter(|(_, x)| x.is_array());
                    if let (Some((key, Value::Array(list))), None) = (arrays.next(), arrays.next())
                        && list.iter().filter_map(Value::as_object).any(overlap)
                    {
                        let mut list_shape = std::mem::replace(sh, Shape::of("object"));
                        sh.description = list_shape.description.take();
                        sh.nullable = std::mem::take(&mut list_shape.nullable);
                        sh.fields.push(Field {
                            name: key.clone(),
                            shape: list_shape,
                            ..Field::default()
                        });
                        self.note(
                            path,
                            format!(
                                "the table says array, the example shows an object holding \
                                 the array under `{key}`; typed as that object"
                            ),
                        );
                        self.walk(sh, v, path, depth, root);
                        return true;
                    }
                    // A PHP array with keys: a map.
                    replace(sh, Shape::of("object"));
                    self.note(
                        path,
                        "the table says array, the example shows an object (a PHP array with \
                         keys); typed as a free-form object"
                            .into(),
                    );
                    true
                }
                _ => {
                    self.widen(sh, v, path, root);
                    true
                }
            },
            // `any` always fits; an unknown name is not checked either.
            _ => false,
        }
    }
}

/// The shape of field metadata when every value of `map` is an object
/// with a `type` key (`{"ID": {"type": "integer", "isRequired": false}}`):
/// the union of their keys, each typed from the values.
fn metadata_shape(map: &Map<String, Value>) -> Option<Shape> {
    if map.len() < 2 {
        return None;
    }
    let mut fields: Vec<Field> = Vec::new();
    for v in map.values() {
        let o = v.as_object()?;
        if !o.keys().any(|k| k.eq_ignore_ascii_case("type")) {
            return None;
        }
        for (k, x) in o {
            if k.is_empty() {
                continue;
            }
            let s = if x.is_null() {
                Shape::of("any")
            } else {
                example_shape(x)
            };
            match fields.iter_mut().find(|f| f.name == *k) {
                Some(f) => {
                    if f.shape.ty != s.ty || !fits(&f.shape, x) {
                        f.shape = Shape::of("any");
                    }
                }
                None => fields.push(Field {
                    name: k.clone(),
                    shape: s,
                    ..Field::default()
                }),
            }
        }
    }
    // Free-form nested values: metadata objects vary too much to type them.
    for f in &mut fields {
        if f.shape.ty == "object" {
            f.shape.fields.clear();
        }
        if let Some(it) = &mut f.shape.items
            && it.ty == "object"
        {
            it.fields.clear();
        }
    }
    let mut s = Shape::of("object");
    s.fields = fields;
    Some(s)
}

/// A shape for an example value: objects keyed by names get their
/// fields, PHP arrays keyed by ids are free-form, the elements of an array
/// are merged.
fn example_shape(v: &Value) -> Shape {
    example_shape_at(v, 0)
}

fn example_shape_at(v: &Value, depth: usize) -> Shape {
    if depth > MAX_DEPTH {
        return Shape::of("any");
    }
    match v {
        Value::Null => Shape::of("any"),
        Value::Bool(_) => Shape::of("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Shape::of("integer"),
        Value::Number(_) => Shape::of("number"),
        Value::String(_) => Shape::of("string"),
        Value::Object(o) => {
            let mut s = Shape::of("object");
            let named = o.keys().all(|k| {
                k.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            });
            if named {
                for (k, x) in o {
                    s.fields.push(Field {
                        name: k.clone(),
                        shape: example_shape_at(x, depth + 1),
                        ..Field::default()
                    });
                }
            }
            s
        }
        Value::Array(a) => {
            let mut s = Shape::of("array");
            s.items = a
                .iter()
                .map(|x| example_shape_at(x, depth + 1))
                .reduce(merge)
                .map(Box::new);
            s
        }
    }
}

/// One shape for two example values.
fn merge(a: Shape, b: Shape) -> Shape {
    let empty_array = |s: &Shape| s.ty == "array" && s.items.is_none();
    match (a.ty.as_str(), b.ty.as_str()) {
        ("any", _) | (_, "any") => Shape::of("any"),
        ("object", "object") => {
            let mut out = a;
            for f in b.fields {
                match out.fields.iter_mut().find(|x| x.name == f.name) {
                    Some(x) => x.shape = merge(std::mem::take(&mut x.shape), f.shape),
                    None => out.fields.push(f),
                }
            }
            out
        }
        ("array", "array") => {
            let mut out = Shape::of("array");
            out.items = match (a.items, b.items) {
                (Some(x), Some(y)) => Some(Box::new(merge(*x, *y))),
                (x, y) => x.or(y),
            };
            out
        }
        // PHP sends an empty object as `[]`.
        ("object", "array") if empty_array(&b) => a,
        ("array", "object") if empty_array(&a) => b,
        ("integer", "number") | ("number", "integer") => Shape::of("number"),
        (x, y) if x == y => a,
        _ => Shape::of("any"),
    }
}

/// Whether `v` fits `sh`: the verdict of `b24_spec::conforms` on the
/// spec this shape becomes.
pub fn fits(sh: &Shape, v: &Value) -> bool {
    fits_at(sh, v, 0)
}

fn fits_at(sh: &Shape, v: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH || v.is_null() {
        return true;
    }
    if let Some(fits) = b24_spec::scalar_fits(&sh.ty, v) {
        return fits;
    }
    match sh.ty.as_str() {
        "object" => match v {
            Value::Object(map) => sh.fields.iter().all(|f| match map.get(&f.name) {
                Some(x) => fits_at(&f.shape, x, depth + 1),
                None => true,
            }),
            Value::Array(a) => a.is_empty(),
            _ => false,
        },
        "array" => match v {
            Value::Array(list) => match &sh.items {
                Some(it) => list.iter().all(|x| fits_at(it, x, depth + 1)),
                None => true,
            },
            _ => false,
        },
        _ => true,
    }
}

/// The `result` of a response example (the example itself when it has no
/// `result` key); `None` for an error example or text that is not JSON.
pub fn result_value(example: &str) -> Option<Value> {
    let v = serde_json::from_str::<Value>(example).ok()?;
    // Error examples show `error`, not `result`.
    if v.get("error").is_some() {
        return None;
    }
    Some(match v {
        Value::Object(mut o) if o.contains_key("result") => o.remove("result").unwrap_or_default(),
        other => other,
    })
}

/// The docs section a (possibly reconciled) type key names.
fn base_key(key: &str) -> &str {
    key.split('~').next().unwrap_or(key)
}

/// `sh` with its own documentation and the reconciled keys' suffixes
/// dropped: two corrections of one section compare equal when they made
/// the same changes.
fn normalized(sh: &Shape) -> Shape {
    fn strip(sh: &mut Shape) {
        if let Some(tr) = &mut sh.type_ref {
            tr.key = base_key(&tr.key).to_owned();
        }
        for f in &mut sh.fields {
            strip(&mut f.shape);
        }
        if let Some(i) = &mut sh.items {
            strip(i);
        }
    }
    let mut s = sh.clone();
    s.description = None;
    s.nullable = false;
    strip(&mut s);
    s
}

/// Every example-corrected named object under `sh`, by section.
fn corrections(sh: &Shape, out: &mut BTreeMap<String, Vec<(Shape, Shape)>>) {
    if let Some(tr) = &sh.type_ref
        && tr.key.contains('~')
    {
        let n = normalized(sh);
        let seen = out.entry(base_key(&tr.key).to_owned()).or_default();
        if !seen.iter().any(|(x, _)| *x == n) {
            seen.push((n, sh.clone()));
        }
    }
    for f in &sh.fields {
        corrections(&f.shape, out);
    }
    if let Some(i) = &sh.items {
        corrections(i, out);
    }
}

/// Replaces the uncorrected uses of a section under `sh` by its correction.
fn substitute(sh: &mut Shape, fixes: &HashMap<String, Shape>) -> bool {
    if let Some(tr) = &sh.type_ref
        && !tr.key.contains('~')
        && let Some(fix) = fixes.get(&tr.key)
    {
        let mut new = fix.clone();
        new.description = sh.description.take();
        new.nullable = sh.nullable;
        *sh = new;
        return true;
    }
    let mut changed = false;
    for f in &mut sh.fields {
        changed |= substitute(&mut f.shape, fixes);
    }
    if let Some(i) = &mut sh.items {
        changed |= substitute(i, fixes);
    }
    changed
}

/// One type per docs section: where one method's example corrected a named
/// object (`fields.md#taskdto` whose `rights` arrives as an object) and
/// other methods use the same section as the table describes it, those
/// uses take the corrected object too, so `tasks.task.list` rows decode
/// what `tasks.task.get` decodes. Skipped for a section corrected in two
/// different ways and for a method whose own examples the corrected object
/// would not fit. Returns the methods changed.
pub fn share_corrections(methods: &mut [&mut Method]) -> Vec<String> {
    let mut found = BTreeMap::new();
    for m in methods.iter() {
        for f in &m.params {
            corrections(&f.shape, &mut found);
        }
        if let Some(r) = &m.result {
            corrections(r, &mut found);
        }
    }
    let fixes: HashMap<String, Shape> = found
        .into_iter()
        .filter_map(|(key, mut v)| match v.len() {
            1 => {
                let mut s = v.pop()?.1;
                s.description = None;
                s.nullable = false;
                Some((key, s))
            }
            _ => None,
        })
        .collect();
    let mut changed = Vec::new();
    if fixes.is_empty() {
        return changed;
    }
    for m in methods.iter_mut() {
        let mut hit = false;
        if let Some(mut r) = m.result.clone()
            && substitute(&mut r, &fixes)
            && m.result_examples
                .iter()
                .filter_map(|e| result_value(e))
                .all(|v| fits(&r, &v))
        {
            m.result = Some(r);
            hit = true;
        }
        let mut p = Shape::of("object");
        p.fields = m.params.clone();
        if substitute(&mut p, &fixes)
            && m.examples
                .iter()
                .filter_map(|e| serde_json::from_str::<Value>(e).ok())
                .all(|v| fits(&p, &v))
        {
            m.params = p.fields;
            hit = true;
        }
        if hit {
            changed.push(m.name.clone());
        }
    }
    changed
}
