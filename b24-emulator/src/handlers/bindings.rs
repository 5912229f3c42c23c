//! Row lists an owner record carries, read and written whole: the
//! `X.set` / `X.get` pairs of the specs whose `get` answers an array
//! (`crm.deal.productrows.set/get`, `crm.deal.contact.items.set/get`), and
//! the single-row verbs beside them (`crm.deal.contact.add`/`delete` edit
//! the list `crm.deal.contact.items.get` reads; `crm.deal.contact.items.delete`
//! empties it). What an app sets it reads back, per owner ID.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use super::param;
use crate::protocol::{ApiError, Output};
use crate::registry::{Entry, Registry, registry, synth};
use crate::state::State;

/// What a method does to its owner's row list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// `X.set`: replaces the rows.
    Set,
    /// `X.get`: the rows.
    Get,
    /// `P.add` beside `P.items.*`: appends the `fields` row.
    Add,
    /// `P.delete` beside `P.items.*`: removes the rows matching `fields`.
    Remove,
    /// `P.items.delete`: removes every row.
    Clear,
}

/// Whether `family.get` answers an array and `family.set` exists.
fn is_row_list(reg: &Registry, family: &str) -> bool {
    let (Some(get), Some(set)) = (
        reg.get(&format!("{family}.get"), false),
        reg.get(&format!("{family}.set"), false),
    ) else {
        return false;
    };
    // Rows belong to an owner record named by `id` (declared, or in the
    // docs' examples: crm-deal-productrows-get.md declares no parameter).
    let owned = |e: &Entry| {
        e.method
            .params
            .iter()
            .any(|f| f.name.value.eq_ignore_ascii_case("id"))
            || e.method.examples.iter().any(|x| {
                serde_json::from_str::<Value>(x)
                    .ok()
                    .and_then(|v| {
                        v.as_object()
                            .map(|m| m.keys().any(|k| k.eq_ignore_ascii_case("id")))
                    })
                    .unwrap_or(false)
            })
    };
    owned(get)
        && owned(set)
        && get.method.result.as_ref().is_some_and(|s| {
            let file = reg.file(get);
            let ty = &s.ty.value;
            ty == "array" || file.types.get(ty).is_some_and(|t| t.ty.value == "array")
        })
}

/// The row-list families (lower case), found once: deciding parses the
/// methods' examples, too slow to repeat in every v2 call's routing.
fn row_lists() -> &'static HashSet<String> {
    static LISTS: OnceLock<HashSet<String>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let reg = registry();
        reg.entries()
            .iter()
            .filter(|e| !e.v3)
            .filter_map(|e| {
                let lower = e.name.to_ascii_lowercase();
                lower.strip_suffix(".set").map(str::to_owned)
            })
            .filter(|family| is_row_list(reg, family))
            .collect()
    })
}

/// The row list a method works on and what it does to it.
pub(crate) fn route(method: &str) -> Option<(String, Op)> {
    let lower = method.to_ascii_lowercase();
    let (family, verb) = lower.rsplit_once('.')?;
    let lists = row_lists();
    match verb {
        "set" if lists.contains(family) => Some((family.to_owned(), Op::Set)),
        "get" if lists.contains(family) => Some((family.to_owned(), Op::Get)),
        "delete" if family.ends_with(".items") && lists.contains(family) => {
            Some((family.to_owned(), Op::Clear))
        }
        "add" | "delete" => {
            let items = format!("{family}.items");
            lists
                .contains(&items)
                .then(|| (items, if verb == "add" { Op::Add } else { Op::Remove }))
        }
        _ => None,
    }
}

/// The rows sent: the request's array parameter (`rows`, `items`); a PHP
/// form's map of rows (`rows[0][...]`) counts as one.
fn rows_of(params: &Value) -> Vec<Value> {
    let Some(map) = params.as_object() else {
        return Vec::new();
    };
    for (k, v) in map {
        if k.eq_ignore_ascii_case("id") || k.eq_ignore_ascii_case("auth") {
            continue;
        }
        match v {
            Value::Array(a) => return a.clone(),
            Value::Object(m) if !m.is_empty() && m.values().all(Value::is_object) => {
                return m.values().cloned().collect();
            }
            _ => {}
        }
    }
    Vec::new()
}

/// The field names the `get` answer's rows declare.
fn row_fields(reg: &Registry, family: &str) -> Vec<String> {
    let Some(get) = reg.get(&format!("{family}.get"), false) else {
        return Vec::new();
    };
    let file = reg.file(get);
    let Some(shape) = get.method.result.as_ref() else {
        return Vec::new();
    };
    let shape = file.types.get(&shape.ty.value).unwrap_or(shape);
    let Some(item) = shape.items.as_deref() else {
        return Vec::new();
    };
    let item = file.types.get(&item.ty.value).unwrap_or(item);
    item.fields.iter().map(|f| f.name.value.clone()).collect()
}

fn success(reg: &Registry, entry: &Entry) -> Output {
    let boolean = entry
        .method
        .result
        .as_ref()
        .is_some_and(|s| s.ty.value == "boolean");
    Output::one(if boolean {
        json!(true)
    } else {
        synth::result(reg, entry)
    })
}

/// Runs one row-list method.
pub(crate) fn call(
    st: &mut State,
    entry: &Entry,
    family: &str,
    op: Op,
    params: &Value,
) -> Result<Output, ApiError> {
    let reg = registry();
    let id = super::entity::id_of(entry, params)
        .filter(|&id| id > 0)
        .ok_or_else(|| ApiError::crm("ID is not defined or invalid."))?;
    let key = (family.to_owned(), id);
    let declared = row_fields(reg, family);
    // Rows get an ID and their owner's ID where the docs show them.
    let stamp = |mut row: Value, next_id: &mut u64| {
        if let Value::Object(m) = &mut row {
            if declared.iter().any(|f| f == "ID") && !m.contains_key("ID") {
                *next_id += 1;
                m.insert("ID".into(), json!(next_id.to_string()));
            }
            if declared.iter().any(|f| f == "OWNER_ID") {
                m.insert("OWNER_ID".into(), json!(id.to_string()));
            }
        }
        row
    };
    match op {
        Op::Get => {
            let rows = st.bindings.get(&key).cloned().unwrap_or_default();
            Ok(Output::one(synth::fit(reg, entry, Value::Array(rows))))
        }
        Op::Set => {
            let rows: Vec<Value> = rows_of(params)
                .into_iter()
                .map(|r| stamp(r, &mut st.binding_ids))
                .collect();
            st.bindings.insert(key, rows);
            Ok(success(reg, entry))
        }
        Op::Add => {
            let fields = match param(params, "fields") {
                Some(Value::Object(m)) => m.clone(),
                _ => return Err(ApiError::crm("Parameter 'fields' must be array.")),
            };
            let row = stamp(Value::Object(fields), &mut st.binding_ids);
            st.bindings.entry(key).or_default().push(row);
            Ok(success(reg, entry))
        }
        Op::Remove => {
            let fields: Map<String, Value> = match param(params, "fields") {
                Some(Value::Object(m)) => m.clone(),
                _ => return Err(ApiError::crm("Parameter 'fields' must be array.")),
            };
            if let Some(rows) = st.bindings.get_mut(&key) {
                rows.retain(|r| {
                    !fields
                        .iter()
                        .all(|(k, v)| r.get(k).is_some_and(|x| super::same_text(x, v)))
                });
            }
            Ok(success(reg, entry))
        }
        Op::Clear => {
            st.bindings.remove(&key);
            Ok(success(reg, entry))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_row_lists_only() {
        assert_eq!(
            route("crm.deal.productrows.get"),
            Some(("crm.deal.productrows".into(), Op::Get))
        );
        assert_eq!(
            route("CRM.DEAL.PRODUCTROWS.SET"),
            Some(("crm.deal.productrows".into(), Op::Set))
        );
        assert_eq!(
            route("crm.deal.contact.add"),
            Some(("crm.deal.contact.items".into(), Op::Add))
        );
        assert_eq!(route("crm.deal.get"), None);
    }
}
