//! Tasks in the one entity store ([`TASKS`]): a record holds the task's
//! camelCase fields with the store's `ID` in place of `id`, so REST v2 and
//! 3.0 read and write the same rows and list them through the store's
//! filter, order and paging.

#[allow(unused_imports)]
use super::*;
pub(crate) use crate::state::families::TASKS;
pub(super) use crate::store::eq;
use crate::store::{OrderBy, Page, Query, Record};

/// A stored record as the task object: `id`, a number, where the store
/// keeps `ID`.
pub(super) fn task_of(id: u64, rec: &Record) -> Map<String, Value> {
    rec.iter()
        .map(|(k, v)| match k.as_str() {
            "ID" => ("id".to_owned(), json!(id)),
            _ => (k.clone(), v.clone()),
        })
        .collect()
}

/// The task with this ID.
pub(super) fn task(st: &State, id: u64) -> Option<Map<String, Value>> {
    st.family(TASKS).record(id).map(|r| task_of(id, r))
}

/// The task's name of a field as the store names it (`id` → `ID`).
pub(super) fn stored_name(field: &str) -> &str {
    if field == "id" { "ID" } else { field }
}

/// The tasks `user` may read, as a filter condition (none for the
/// administrator): creator, responsible, accomplice or auditor.
fn readable(st: &State, user: u64) -> Option<Cond> {
    (!st.is_admin(user)).then(|| Cond::Group {
        or: true,
        conditions: ["creatorId", "responsibleId", "accomplices", "auditors"]
            .iter()
            .map(|f| eq(f, user))
            .collect(),
    })
}

/// The value a field sorts by: priorities by rank (Bitrix24 stores them as
/// 0 low, 1 average, 2 high), the rest as they are.
fn sort_value(field: &str, v: Value) -> Value {
    match (field, v.as_str()) {
        ("priority", Some("low")) => json!(0),
        ("priority", Some("average")) => json!(1),
        ("priority", Some("high")) => json!(2),
        _ => v,
    }
}

/// A REST 3.0 order (field, ascending; ending with `id` ascending) in the
/// store's terms. The store breaks ties by ID ascending itself, and an
/// ID-only order takes its fast path.
pub(super) fn store_order(order: &[(&str, bool)]) -> Vec<OrderBy> {
    let order = match order.split_last() {
        Some((("id", true), rest)) => rest,
        _ => order,
    };
    order
        .iter()
        .map(|(f, asc)| OrderBy {
            field: stored_name(f).to_owned(),
            desc: !asc,
        })
        .collect()
}

/// One page of the tasks `user` may read that match `filter`, in `order`,
/// from `offset` (`None`: from the start, uncounted), `limit` long.
pub(super) fn page(
    st: &State,
    user: u64,
    mut filter: Vec<Cond>,
    order: Vec<OrderBy>,
    offset: Option<u64>,
    limit: u64,
) -> Page {
    filter.extend(readable(st, user));
    let q = Query {
        filter,
        order,
        start: offset,
    };
    st.family(TASKS).list_by(&q, limit, &sort_value)
}
