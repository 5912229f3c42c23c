//! The v3 task list: filter conditions, order, pagination.

#[allow(unused_imports)]
use super::*;

pub(super) use crate::filter::{Cond, Op};
use crate::filter::{V3Problem, parse_v3};

pub(super) fn bad_filter(what: &Value) -> V3Error {
    let text: String = what.to_string().chars().take(200).collect();
    V3Error::field(
        "filter",
        format!("Unable to recognize the filter condition `{text}`"),
    )
}

/// A v3 task filter, through the shared filter module; the task DTO decides
/// which fields filter and how values convert.
pub(super) fn parse_task_filter(list: &Value) -> Result<Vec<Cond>, V3Error> {
    let leaf = |name: &str, op: Op, value: &Value| -> Result<(String, Value), V3Error> {
        let Some(field) = own(name) else {
            return Err(V3Error::unknown_field(name, Dto::Task.name()));
        };
        if !FILTERABLE.contains(&field.name) {
            return Err(V3Error::field(
                name,
                format!(
                    "In DTO `TaskDto`, the `{name}` field requires the `Filterable` attribute for such a request"
                ),
            ));
        }
        let stored = stored_name(field.name).to_owned();
        Ok((stored, filter_value(field, op, value)?))
    };
    parse_v3(list, &leaf).map_err(|p| match p {
        V3Problem::Shape(v) => bad_filter(&v),
        V3Problem::Operator(w) => V3Error::new(
            400,
            "UNKNOWNFILTEROPERATOREXCEPTION",
            format!("Unknown filter operator `{w}`"),
        ),
        V3Problem::Field(e) => e,
    })
}

/// The condition's value, converted to the field's type.
pub(super) fn filter_value(field: &Field, op: Op, v: &Value) -> Result<Value, V3Error> {
    let one = |x: &Value| {
        coerce(field, x).map_err(|m| V3Error::validation(vec![(field.name.to_owned(), m)]))
    };
    match op {
        Op::In => match v {
            Value::Array(a) => a
                .iter()
                .map(one)
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            _ => Err(V3Error::validation(vec![wrong_type(field.name, "array")])),
        },
        Op::Between => match v.as_array().map(Vec::as_slice) {
            Some([a, b]) => Ok(json!([one(a)?, one(b)?])),
            _ => Err(V3Error::validation(vec![wrong_type(field.name, "array")])),
        },
        _ => one(v),
    }
}

pub(super) fn bad_order(order: &Value) -> V3Error {
    V3Error::new(
        400,
        "INVALIDORDEREXCEPTION",
        format!("Unable to recognize sorting parameter `{order}`"),
    )
}

pub(super) fn parse_order(params: &Value) -> Result<Vec<(&'static str, bool)>, V3Error> {
    let order = match params.get("order") {
        None | Some(Value::Null) => return Ok(vec![("id", true)]),
        Some(Value::Array(a)) if a.is_empty() => return Ok(vec![("id", true)]),
        Some(o) => o,
    };
    let Value::Object(m) = order else {
        return Err(bad_order(order));
    };
    let mut out = Vec::new();
    for (k, v) in m {
        let asc = match v.as_str().map(str::to_ascii_uppercase).as_deref() {
            Some("ASC") => true,
            Some("DESC") => false,
            _ => return Err(bad_order(&json!({ k: v }))),
        };
        let Some(name) = SORTABLE.iter().find(|s| **s == k) else {
            return Err(bad_order(&json!({ k: v })));
        };
        out.push((*name, asc));
    }
    // Ties keep ID order.
    out.push(("id", true));
    Ok(out)
}

/// Tasks per page by default and at most.
pub(super) const DEFAULT_LIMIT: u64 = 50;
pub(super) const MAX_LIMIT: u64 = 1000;

/// `pagination`: (offset, limit).
pub(super) fn parse_pagination(params: &Value) -> Result<(u64, u64), V3Error> {
    let p = match params.get("pagination") {
        None | Some(Value::Null) => return Ok((0, DEFAULT_LIMIT)),
        Some(Value::Array(a)) if a.is_empty() => return Ok((0, DEFAULT_LIMIT)),
        Some(p) => p,
    };
    let bad = |what: &Value| {
        V3Error::new(
            400,
            "INVALIDPAGINATIONEXCEPTION",
            format!("Unable to recognize the pagination parameter `{what}`"),
        )
    };
    let Value::Object(m) = p else {
        return Err(bad(p));
    };
    let num = |k: &str| -> Result<Option<u64>, V3Error> {
        match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| bad(&json!({ k: v }))),
        }
    };
    let limit = num("limit")?.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(bad(&json!({"limit": limit})));
    }
    let offset = match (num("page")?, num("offset")?) {
        (Some(0), _) => return Err(bad(&json!({"page": 0}))),
        (Some(page), _) => (page - 1).saturating_mul(limit),
        (None, Some(o)) => o,
        (None, None) => 0,
    };
    Ok((offset, limit))
}

pub(super) fn list(st: &State, caller: &Caller, params: &Value) -> R {
    let select = select_param(params)?;
    let paths = split_paths(select.as_deref().unwrap_or_default());
    validate_select(Dto::Task, &paths, true)?;
    let filter = match params.get("filter") {
        None | Some(Value::Null) => Vec::new(),
        Some(f) => parse_task_filter(f)?,
    };
    let order = parse_order(params)?;
    let (offset, limit) = parse_pagination(params)?;
    let parents = parents(st);
    // REST 3.0 answers no total: the first page need not count the rows.
    let start = (offset > 0).then_some(offset);
    let page = page(
        st,
        caller.user_id,
        filter,
        store_order(&order),
        start,
        limit,
    );
    let items: Vec<Value> = page
        .ids
        .iter()
        .filter_map(|id| Some((*id, task(st, *id)?)))
        .map(|(id, t)| {
            let item = materialize(st, caller.user_id, id, &t, &parents);
            // Without `select` a list gives only `id`.
            Value::Object(project(
                st,
                caller.user_id,
                Dto::Task,
                &item,
                &paths,
                &|n| n == "id",
            ))
        })
        .collect();
    let rows = items.len() as u64;
    Ok(output(json!({ "items": items }), rows))
}
