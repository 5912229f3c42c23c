//! What the smaller stateful handlers share (their records live in the
//! entity store, reached with `State::family_mut`): the declared-parameter
//! check of the method's spec entry, and the v2 list conventions
//! (`settings/how-to-call-rest-api/list-methods-pecularities.md`): `order`
//! as `{field: "ASC"|"DESC"}`, pages of 50 from `start`, `next` while rows
//! remain, and `start=-1` for no count (neither `total` nor `next`).

use serde_json::Value;

use super::{int_of, param};
use crate::filter::{order_of, parse_v2};
use crate::protocol::{ApiError, Output};
use crate::registry::registry;

/// The parameters against the method's spec entry (required ones present,
/// scalars of the declared type), as for methods answered from the spec.
pub(crate) fn check_declared(method: &str, params: &Value) -> Result<(), ApiError> {
    let reg = registry();
    match reg.get(method, false) {
        Some(entry) => super::spec::check_v2(reg, entry, params),
        None => Ok(()),
    }
}

/// Rows per page.
const PAGE: usize = 50;

/// A row's field, by exact name or else any case.
fn field<'a>(row: &'a Value, name: &str) -> &'a Value {
    let Some(m) = row.as_object() else {
        return &Value::Null;
    };
    m.get(name)
        .or_else(|| {
            m.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
        .unwrap_or(&Value::Null)
}

/// Sorts `rows` by the request's `order` (first key first).
pub(crate) fn sort(rows: &mut [Value], params: &Value) {
    let Some(Value::Object(order)) = param(params, "order") else {
        return;
    };
    let keys: Vec<(&str, bool)> = order
        .iter()
        .map(|(k, v)| {
            let desc = v.as_str().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
            (k.as_str(), desc)
        })
        .collect();
    rows.sort_by(|a, b| {
        keys.iter()
            .map(|(k, desc)| {
                let o = order_of(field(a, k), field(b, k));
                if *desc { o.reverse() } else { o }
            })
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
}

/// A v2 list over rows as the method shows them: those the request's
/// `filter` matches (keys as written), sorted by `order`, the page `start`
/// asks for, put in place by `wrap`.
pub(crate) fn list(
    rows: impl IntoIterator<Item = Value>,
    params: &Value,
    wrap: impl FnOnce(Vec<Value>) -> Value,
) -> Output {
    let conds = match param(params, "filter") {
        Some(Value::Object(m)) => parse_v2(m, |n| n.to_owned()),
        _ => Vec::new(),
    };
    let mut rows: Vec<Value> = rows
        .into_iter()
        .filter(|v| {
            v.as_object()
                .is_some_and(|m| conds.iter().all(|c| c.matches_map(m)))
        })
        .collect();
    sort(&mut rows, params);
    page(rows, params, wrap)
}

/// The page `start` asks for; `wrap` puts the rows where the method answers
/// them (a bare array, or under a key).
pub(crate) fn page(
    rows: Vec<Value>,
    params: &Value,
    wrap: impl FnOnce(Vec<Value>) -> Value,
) -> Output {
    let start = param(params, "start").and_then(int_of).unwrap_or(0);
    let total = rows.len();
    let skip = usize::try_from(start.max(0)).unwrap_or(0);
    let rows: Vec<Value> = rows.into_iter().skip(skip).take(PAGE).collect();
    let counted = start >= 0;
    Output {
        rows: rows.len() as u64,
        result: wrap(rows),
        total: counted.then_some(total as u64),
        next: (counted && skip + PAGE < total).then_some((skip + PAGE) as u64),
        synthesized: false,
    }
}

/// A CRUD family the generic entity store can keep although the specs give
/// it no `get`: `add` and `list` exist and `delete` names a record by an
/// integer `id` (`user.userfield.*`, `sale.cashbox.*`,
/// `tasks.task.result.*`, …). Answers its family and verb, for
/// `entity::call`.
pub(crate) fn crud_without_get(method: &str) -> Option<(String, &'static str)> {
    let lower = method.to_ascii_lowercase();
    let (family, verb) = lower.rsplit_once('.')?;
    let verb = ["add", "list", "update", "delete"]
        .into_iter()
        .find(|v| *v == verb)?;
    let reg = registry();
    let has = |v: &str| reg.get(&format!("{family}.{v}"), false);
    if has("get").is_some() || has("add").is_none() || has("list").is_none() {
        return None;
    }
    let by_id = has("delete")?
        .method
        .params
        .iter()
        .any(|p| p.name.value.eq_ignore_ascii_case("id") && p.shape.ty.value == "integer");
    by_id.then(|| (family.to_owned(), verb))
}
