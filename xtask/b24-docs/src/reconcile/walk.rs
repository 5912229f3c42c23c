//! One pass over an example: the changes that make the shape fit it.

use serde_json::{Map, Value};

use super::{
    MAX_DEPTH, base_key,
    example::{example_shape, metadata_shape},
    fits, replace,
};
use crate::ir::{Field, Shape, TypeRef};

/// The changes of one pass over one example.
pub(super) struct Walk<'a> {
    pub(super) scope: &'a str,
    pub(super) pass: usize,
    pub(super) notes: Vec<(String, String)>,
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

    pub(super) fn walk(
        &mut self,
        sh: &mut Shape,
        v: &Value,
        path: &str,
        depth: usize,
        root: bool,
    ) -> bool {
        if depth > MAX_DEPTH || v.is_null() || fits(sh, v) {
            return false;
        }
        let changed = self.walk_inner(sh, v, path, depth, root);
        if changed && let Some(tr) = &mut sh.type_ref {
            tr.key = format!("{}~{}~{path}", base_key(&tr.key), self.scope);
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
