//! The v3 task list: filter conditions, order, pagination.

#[allow(unused_imports)]
use super::*;

/// A parsed filter: conditions at one level are ANDed, groups ORed.
#[derive(Debug)]
pub(super) enum Cond {
    Leaf {
        field: &'static str,
        op: Op,
        value: Value,
    },
    Group {
        or: bool,
        conditions: Vec<Cond>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    In,
    Between,
}

/// Deepest nesting of filter groups accepted.
pub(super) const MAX_FILTER_DEPTH: usize = 32;

pub(super) fn bad_filter(what: &Value) -> V3Error {
    let text: String = what.to_string().chars().take(200).collect();
    V3Error::field(
        "filter",
        format!("Unable to recognize the filter condition `{text}`"),
    )
}

pub(super) fn parse_conditions(list: &Value, depth: usize) -> Result<Vec<Cond>, V3Error> {
    let Value::Array(items) = list else {
        return Err(bad_filter(list));
    };
    if depth > MAX_FILTER_DEPTH {
        return Err(bad_filter(list));
    }
    items.iter().map(|c| parse_condition(c, depth)).collect()
}

pub(super) fn parse_condition(c: &Value, depth: usize) -> Result<Cond, V3Error> {
    match c {
        Value::Object(m) => {
            let or = match m
                .get("logic")
                .and_then(Value::as_str)
                .map(str::to_lowercase)
            {
                Some(l) if l == "or" => true,
                Some(l) if l == "and" => false,
                None => false,
                Some(_) => return Err(bad_filter(c)),
            };
            let conditions =
                parse_conditions(m.get("conditions").unwrap_or(&Value::Null), depth + 1)?;
            Ok(Cond::Group { or, conditions })
        }
        Value::Array(parts) => {
            let (name, op, value) = match parts.as_slice() {
                [Value::String(f), v @ Value::Array(_)] => (f, "in", v),
                [Value::String(f), v] => (f, "=", v),
                [Value::String(f), Value::String(op), v] => (f, op.as_str(), v),
                _ => return Err(bad_filter(c)),
            };
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
            let op = match op {
                "=" => Op::Eq,
                "!=" => Op::Ne,
                ">" => Op::Gt,
                ">=" => Op::Ge,
                "<" => Op::Lt,
                "<=" => Op::Le,
                "in" => Op::In,
                "between" => Op::Between,
                other => {
                    return Err(V3Error::new(
                        400,
                        "UNKNOWNFILTEROPERATOREXCEPTION",
                        format!("Unknown filter operator `{other}`"),
                    ));
                }
            };
            let value = filter_value(field, op, value)?;
            Ok(Cond::Leaf {
                field: field.name,
                op,
                value,
            })
        }
        _ => Err(bad_filter(c)),
    }
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

pub(super) fn order_of(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => compare(a, b),
    }
}

impl Cond {
    pub(super) fn matches(&self, task: &Map<String, Value>) -> bool {
        match self {
            Cond::Group {
                or: true,
                conditions,
            } => conditions.iter().any(|c| c.matches(task)),
            Cond::Group {
                or: false,
                conditions,
            } => conditions.iter().all(|c| c.matches(task)),
            Cond::Leaf { field, op, value } => {
                let have = task.get(*field).unwrap_or(&Value::Null);
                let cmp = |v: &Value| {
                    !have.is_null() && !v.is_null() && order_of(have, v) == Ordering::Equal
                };
                match op {
                    Op::Eq => cmp(value) || (have.is_null() && value.is_null()),
                    Op::Ne => !(cmp(value) || (have.is_null() && value.is_null())),
                    Op::Gt => !have.is_null() && order_of(have, value) == Ordering::Greater,
                    Op::Ge => !have.is_null() && order_of(have, value) != Ordering::Less,
                    Op::Lt => {
                        !have.is_null()
                            && !value.is_null()
                            && order_of(have, value) == Ordering::Less
                    }
                    Op::Le => {
                        !have.is_null()
                            && !value.is_null()
                            && order_of(have, value) != Ordering::Greater
                    }
                    Op::In => value.as_array().is_some_and(|a| a.iter().any(cmp)),
                    Op::Between => match value.as_array().map(Vec::as_slice) {
                        Some([lo, hi]) => {
                            !have.is_null()
                                && order_of(have, lo) != Ordering::Less
                                && order_of(have, hi) != Ordering::Greater
                        }
                        _ => false,
                    },
                }
            }
        }
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

/// The value a field sorts by: priorities by rank (Bitrix24 stores them as
/// 0 low, 1 average, 2 high), the rest as they are.
pub(super) fn sort_value(task: &Map<String, Value>, field: &str) -> Value {
    let v = task.get(field).cloned().unwrap_or(Value::Null);
    match (field, v.as_str()) {
        ("priority", Some("low")) => json!(0),
        ("priority", Some("average")) => json!(1),
        ("priority", Some("high")) => json!(2),
        _ => v,
    }
}

pub(super) fn list(st: &State, caller: &Caller, params: &Value) -> R {
    let select = select_param(params)?;
    let paths = split_paths(select.as_deref().unwrap_or_default());
    validate_select(Dto::Task, &paths, true)?;
    let filter = match params.get("filter") {
        None | Some(Value::Null) => Vec::new(),
        Some(f) => parse_conditions(f, 0)?,
    };
    let order = parse_order(params)?;
    let (offset, limit) = parse_pagination(params)?;
    let parents = parents(st);
    let mut found: Vec<(&u64, &Map<String, Value>)> = st
        .tasks
        .rows
        .iter()
        .filter(|(_, t)| can_read(st, caller.user_id, t))
        .filter(|(_, t)| filter.iter().all(|c| c.matches(t)))
        .collect();
    found.sort_by(|(_, a), (_, b)| {
        order
            .iter()
            .map(|(k, asc)| {
                let o = order_of(&sort_value(a, k), &sort_value(b, k));
                if *asc { o } else { o.reverse() }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let items: Vec<Value> = found
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(limit as usize)
        .map(|(id, t)| {
            let item = materialize(st, caller.user_id, *id, t, &parents);
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
