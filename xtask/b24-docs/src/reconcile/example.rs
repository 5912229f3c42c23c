//! Shapes read off example values.

use serde_json::{Map, Value};

use super::{MAX_DEPTH, fits};
use crate::ir::{Field, Shape};

/// The shape of field metadata when every value of `map` is an object
/// with a `type` key (`{"ID": {"type": "integer", "isRequired": false}}`):
/// the union of their keys, each typed from the values.
pub(super) fn metadata_shape(map: &Map<String, Value>) -> Option<Shape> {
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
pub(super) fn example_shape(v: &Value) -> Shape {
    example_shape_at(v, 0)
}

fn example_shape_at(v: &Value, depth: usize) -> Shape {
    if depth > MAX_DEPTH {
        return Shape::of("any");
    }
    match v {
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
        scalar => crate::page::shallow_shape(scalar),
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
