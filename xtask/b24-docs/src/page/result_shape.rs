//! What a method page says about its result: paging, whether a shape is
//! typed, and the array elements and sibling fields a result table adds.

use super::*;
use crate::reconcile::answer_result;

/// The paging of a REST v2 method, from what its page says: a list pages
/// by 50 when it documents a `start` parameter or when its answer carries
/// the pager's `next`/`total` (and has no `OFFSET` of its own). The rows
/// sit where the answers show an array (`result` itself or the one array in
/// it), else where the documented result has one; `None` when the method
/// does not page or the rows cannot be found. The cursor is the rows' `ID`
/// or `id` field.
pub(super) fn paging(
    params: &[Field],
    result: Option<&Shape>,
    answers: Vec<Value>,
) -> Option<b24_spec::ListSpec> {
    let has_start = params.iter().any(|p| p.name == "start");
    let pager = answers
        .iter()
        .any(|v| v.get("next").is_some() || v.get("total").is_some());
    let results: Vec<Value> = answers.into_iter().filter_map(answer_result).collect();
    // a method paged by its own `OFFSET` also answers with `total`
    let own_offset = params.iter().any(|p| p.name.eq_ignore_ascii_case("offset"));
    let pages = has_start || (pager && !own_offset);
    if !pages {
        return None;
    }
    let documented = match result {
        Some(s) if s.ty == "array" => Some((None, s.items.as_deref())),
        Some(s) if s.ty == "object" => {
            let mut arrays = s.fields.iter().filter(|f| f.shape.ty == "array");
            let one = match (arrays.next(), arrays.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            };
            s.fields
                .iter()
                .find(|f| f.name == "items" && f.shape.ty == "array")
                .or(one)
                .map(|at| (Some(at.name.clone()), at.shape.items.as_deref()))
        }
        _ => None,
    };
    let shown = rows_in_answers(&results);
    let (path, documented_rows) = match (shown, documented) {
        (Some(path), Some((d, rows))) if path == d => (path, rows),
        (Some(path), _) => (path, None),
        (None, Some(d)) => d,
        (None, None) => return None,
    };
    // the rows' keys: as documented, else as the answers show them
    let mut row_keys: Vec<&str> = documented_rows
        .map(|r| r.fields.iter().map(|f| f.name.as_str()).collect())
        .unwrap_or_default();
    if row_keys.is_empty() {
        row_keys = results
            .iter()
            .filter_map(|r| match &path {
                Some(p) => r.get(p),
                None => Some(r),
            })
            .filter_map(|rows| rows.as_array()?.first()?.as_object())
            .flat_map(|row| row.keys().map(String::as_str))
            .collect();
    }
    let id_field = ["ID", "id"]
        .into_iter()
        .find(|id| row_keys.contains(id))
        .map(str::to_owned);
    Some(b24_spec::ListSpec { path, id_field })
}

/// The results the answers show: those of answers with a `result` key, or,
/// when none has one, of those without (error answers left out).
pub(super) fn shown_results(answers: &[Value]) -> Vec<Value> {
    let wrapped = answers.iter().any(|a| a.get("result").is_some());
    answers
        .iter()
        .filter(|a| !wrapped || a.get("result").is_some())
        .cloned()
        .filter_map(answer_result)
        .collect()
}

/// Whether `v` is of the kind `s` declares: an object, an array, a string,
/// a number, a boolean or (when nullable) `null`; `any` takes everything.
pub(super) fn same_kind(s: &Shape, v: &Value) -> bool {
    match v {
        Value::Null => s.nullable || s.ty == "any",
        Value::Object(_) => matches!(s.ty.as_str(), "object" | "any"),
        Value::Array(_) => matches!(s.ty.as_str(), "array" | "any"),
        Value::String(_) => !matches!(s.ty.as_str(), "object" | "array" | "boolean"),
        Value::Number(_) => matches!(s.ty.as_str(), "integer" | "number" | "any"),
        Value::Bool(_) => matches!(s.ty.as_str(), "boolean" | "any"),
    }
}

/// Whether a result says nothing a decoder could check: absent, `any`, an
/// object without fields or an array of such.
pub(super) fn is_untyped(s: &Shape) -> bool {
    match s.ty.as_str() {
        "any" => true,
        "object" => s.fields.is_empty() && s.type_ref.is_none(),
        "array" => s.items.as_deref().is_none_or(is_untyped),
        _ => false,
    }
}

/// A flat table lists the result's fields as its siblings: those that are
/// keys of the example's result (or of its rows) become fields of `s`.
pub(super) fn add_siblings(s: &mut Shape, fields: &[Field], result_val: Option<&Value>) {
    let shown = match result_val {
        Some(Value::Object(o)) => Some((o, false)),
        Some(Value::Array(a)) => a.first().and_then(Value::as_object).map(|o| (o, true)),
        _ => None,
    };
    let Some((o, rows)) = shown else {
        return;
    };
    let siblings: Vec<Field> = fields
        .iter()
        .filter(|f| f.name != "result" && o.contains_key(&f.name))
        .cloned()
        .collect();
    let target = if rows {
        let untyped_rows = s.ty == "array"
            && s.items
                .as_ref()
                .is_none_or(|i| i.fields.is_empty() && matches!(i.ty.as_str(), "object" | "any"));
        if untyped_rows && !siblings.is_empty() {
            Some(&mut **s.items.get_or_insert_with(|| Box::new(Shape::of("object"))))
        } else {
            None
        }
    } else if s.ty == "object"
        || (s.ty == "array"
            && !siblings.is_empty()
            && s.items.as_ref().is_none_or(|i| i.fields.is_empty()))
    {
        s.ty = "object".into();
        s.items = None;
        Some(s)
    } else {
        None
    };
    if let Some(t) = target {
        t.ty = "object".into();
        for f in siblings {
            if !t.fields.iter().any(|x| x.name == f.name) {
                t.fields.push(f);
            }
        }
    }
}

/// The elements of `s`'s array fields (`items`) whose element type the
/// table leaves open. A flat table lists the element's fields after the
/// array's row as siblings of `result`: those that are keys of the
/// example's first element (and not of the result) become its fields. With
/// no such rows, the elements the example shows (objects or scalars) type
/// it conservatively.
pub(super) fn add_elements(s: &mut Shape, fields: &[Field], result_val: Option<&Value>) {
    let Some(Value::Object(o)) = result_val else {
        return;
    };
    if s.ty != "object" {
        return;
    }
    for f in &mut s.fields {
        let open = f.shape.ty == "array" && f.shape.items.as_deref().is_none_or(is_untyped);
        let Some(Value::Array(shown)) = o.get(&f.name) else {
            continue;
        };
        if !open || shown.is_empty() {
            continue;
        }
        let flat: Vec<Field> = match shown[0].as_object() {
            Some(first) => fields
                .iter()
                .filter(|x| x.name != "result" && !o.contains_key(&x.name))
                .filter(|x| first.contains_key(&x.name))
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        let element = if flat.is_empty() {
            let refs: Vec<&Value> = shown.iter().collect();
            infer_result(&refs).filter(|e| !is_untyped(e))
        } else {
            let mut e = Shape::of("object");
            e.fields = flat;
            Some(e)
        };
        if let Some(mut e) = element {
            if let Some(old) = f.shape.items.as_deref() {
                e.description = old.description.clone();
            }
            f.shape.items = Some(Box::new(e));
        }
    }
}

/// Where the rows sit in the answers' results: `Some(None)` when the result
/// is the array, `Some(Some(key))` when it is an object with one array under
/// `key`; `None` when the answers disagree or show neither.
pub(super) fn rows_in_answers(results: &[Value]) -> Option<Option<String>> {
    let mut found = None;
    for r in results {
        let at = match r {
            Value::Array(_) => None,
            Value::Object(o) => {
                let mut arrays = o.iter().filter(|(_, v)| v.is_array()).map(|(k, _)| k);
                match (arrays.next(), arrays.next()) {
                    (Some(one), None) => Some(one.clone()),
                    _ => return None,
                }
            }
            _ => return None,
        };
        match &found {
            None => found = Some(at),
            Some(f) if *f == at => {}
            Some(_) => return None,
        }
    }
    found
}
