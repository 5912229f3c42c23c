//! Holding a table-derived shape to the docs' own JSON examples.
//!
//! The "Returned Data" tables often describe the element of an array, a
//! PHP `array` that is really a map, or field metadata, while the example
//! shows what the portal sends. Where the two disagree, the example decides
//! the container kinds: an object becomes an array of such objects, an
//! `array` that arrives as a JSON object becomes an object, a field whose
//! example contradicts its type is widened. The verdict is the one
//! `b24_spec::conforms` gives (as lenient as the generated decoders).

use serde_json::Value;

use crate::ir::{Field, Shape};

mod example;
mod share;
mod walk;

pub use share::share_corrections;
use walk::Walk;

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

/// Replaces `sh` by `new`, keeping the documentation.
fn replace(sh: &mut Shape, mut new: Shape) {
    new.description = sh.description.take();
    new.nullable = sh.nullable;
    *sh = new;
}

/// The docs section a (possibly reconciled) type key names.
fn base_key(key: &str) -> &str {
    key.split('~').next().unwrap_or(key)
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

/// The `result` of a documented answer. Some pages show the answer without
/// its `result` wrapper (`{"measures": [...], "total": 4}`): then what is
/// left without the pager's and timing keys is the result.
pub(crate) fn answer_result(answer: Value) -> Option<Value> {
    let Value::Object(mut o) = answer else {
        return Some(answer);
    };
    if let Some(r) = o.remove("result") {
        return Some(r);
    }
    if o.contains_key("error") {
        return None;
    }
    o.retain(|k, _| !matches!(k.as_str(), "time" | "total" | "next"));
    Some(Value::Object(o))
}

/// The `result` of a response example, as [`answer_result`] reads it;
/// `None` for an error example or text that is not JSON.
pub fn result_value(example: &str) -> Option<Value> {
    answer_result(serde_json::from_str(example).ok()?)
}
