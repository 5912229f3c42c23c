//! The application data storage (`api-reference/entity/`): `entity.*`
//! storages named by `ENTITY`, their sections (`entity.section.*`), items
//! (`entity.item.*`) and item properties (`entity.item.property.*`). Records
//! come back in the pages' form (IDs, `SORT` and user IDs as strings, `Y`/`N`
//! flags); `get` of items and sections takes `FILTER` (v2 operators), `SORT`
//! and `start`; `entity.rights` reads or replaces the storage's access map.
//! Every method needs the application context, and a storage that is not
//! there is `ERROR_ENTITY_NOT_FOUND`.

use serde_json::{Map, Value, json};

use super::{R, int_of, param, str_param, truthy};
use crate::clock::iso8601;
use crate::filter::parse_v2;
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

const ENTITIES: &str = "entity";
const SECTIONS: &str = "entity.section";
const ITEMS: &str = "entity.item";
const PROPERTIES: &str = "entity.item.property";

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    method == "entity.rights"
        || [
            "entity.",
            "entity.section.",
            "entity.item.",
            "entity.item.property.",
        ]
        .iter()
        .any(|p| {
            method
                .strip_prefix(p)
                .is_some_and(|v| matches!(v, "add" | "get" | "update" | "delete"))
        })
}

fn text(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.to_string()),
        Value::Bool(b) => json!(if *b { "Y" } else { "N" }),
        other => other.clone(),
    }
}

/// Every record of a store that passes `keep`, with its store ID.
fn rows(store: &Store, mut keep: impl FnMut(&Record) -> bool) -> Vec<(u64, Record)> {
    let mut out = Vec::new();
    store.scan(1, store.max_id(), false, |row| {
        let rec = store.materialize(row);
        if keep(&rec) {
            out.push((store.row_id(row), rec));
        }
        true
    });
    out
}

fn of_entity(rec: &Record, entity: &str) -> bool {
    rec.get("ENTITY").and_then(Value::as_str) == Some(entity)
}

/// The fields an item or section update or add wrote: upper-case keys,
/// scalars as strings.
fn written(params: &Value, keys: &[&str]) -> Record {
    keys.iter()
        .filter_map(|k| param(params, k).map(|v| ((*k).to_owned(), text(v))))
        .collect()
}

const ITEM_KEYS: [&str; 10] = [
    "NAME",
    "ACTIVE",
    "SORT",
    "CODE",
    "SECTION",
    "DATE_ACTIVE_FROM",
    "DATE_ACTIVE_TO",
    "PREVIEW_TEXT",
    "DETAIL_TEXT",
    "PROPERTY_VALUES",
];

const SECTION_KEYS: [&str; 6] = ["NAME", "ACTIVE", "SORT", "CODE", "SECTION", "DESCRIPTION"];

/// `get` of items or sections: `FILTER`, `SORT`, `start`.
fn listed(found: Vec<(u64, Record)>, params: &Value) -> Result<Output, ApiError> {
    let conds = match param(params, "FILTER") {
        Some(Value::Object(m)) => parse_v2(m, |n| n.to_ascii_uppercase()),
        _ => Vec::new(),
    };
    let mut rows: Vec<Value> = found
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r| conds.iter().all(|c| c.matches_map(r)))
        .map(Value::Object)
        .collect();
    let order = json!({"order": param(params, "SORT").cloned().unwrap_or(json!({"ID": "ASC"}))});
    super::support::sort(&mut rows, &order);
    Ok(super::support::page(rows, params, Value::Array))
}

/// Runs one method [`handles`] accepts.
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    if !caller.is_app() {
        return Err(ApiError::bad(
            "ACCESS_DENIED",
            "Access denied! Application context required",
        ));
    }
    super::support::check_declared(method, params)?;
    let user = caller.user_id.to_string();
    let entity = str_param(params, "ENTITY").unwrap_or_default();
    let one = |v: Value| Ok(Output::one(v));
    let entities = st.family_mut(ENTITIES);
    let storage = rows(entities, |r| of_entity(r, &entity)).into_iter().next();
    // Without ENTITY, `entity.get` lists every storage.
    if method == "entity.get" && entity.is_empty() {
        let all: Vec<Value> = rows(entities, |_| true)
            .into_iter()
            .map(|(_, mut r)| {
                r.remove("ACCESS");
                Value::Object(r)
            })
            .collect();
        return one(json!(all));
    }
    if entity.is_empty() {
        return Err(ApiError::bad(
            "ERROR_ARGUMENT",
            "Argument 'ENTITY' is null or empty",
        ));
    }
    if method == "entity.add" {
        if storage.is_some() {
            return Err(ApiError::bad(
                "ERROR_ENTITY_ALREADY_EXISTS",
                "Entity already exists",
            ));
        }
        // The creator has full access unless `ACCESS` says otherwise.
        let access = match param(params, "ACCESS") {
            Some(a @ Value::Object(_)) => a.clone(),
            _ => json!({ format!("U{user}"): "X" }),
        };
        let rec = Record::from_iter([
            ("IBLOCK_TYPE_ID".to_owned(), json!("rest_entity")),
            ("ENTITY".to_owned(), json!(entity)),
            (
                "NAME".to_owned(),
                json!(str_param(params, "NAME").unwrap_or_default()),
            ),
            ("ACCESS".to_owned(), access),
        ]);
        entities.add(&rec, caller.user_id, now);
        return one(json!(true));
    }
    let Some((storage_id, storage)) = storage else {
        return Err(ApiError::bad("ERROR_ENTITY_NOT_FOUND", "Entity not found"));
    };
    let stamp = json!(iso8601(now));
    match method {
        "entity.get" => {
            let mut shown = storage;
            shown.remove("ACCESS");
            one(Value::Object(shown))
        }
        "entity.update" => {
            let mut rec = Record::new();
            if let Some(name) = str_param(params, "NAME") {
                rec.insert("NAME".into(), json!(name));
            }
            if let Some(new) = str_param(params, "ENTITY_NEW") {
                rec.insert("ENTITY".into(), json!(new));
            }
            entities.update(storage_id, &rec, caller.user_id, now);
            one(json!(true))
        }
        "entity.delete" => {
            entities.delete(storage_id);
            for family in [SECTIONS, ITEMS, PROPERTIES] {
                let store = st.family_mut(family);
                for (id, _) in rows(store, |r| of_entity(r, &entity)) {
                    store.delete(id);
                }
            }
            one(json!(true))
        }
        // entity-rights.md: the access map, replaced when `ACCESS` is sent.
        "entity.rights" => {
            if let Some(access @ Value::Object(_)) = param(params, "ACCESS") {
                let rec = Record::from_iter([("ACCESS".to_owned(), access.clone())]);
                entities.update(storage_id, &rec, caller.user_id, now);
                return one(access.clone());
            }
            one(storage.get("ACCESS").cloned().unwrap_or(json!({})))
        }
        "entity.item.add" | "entity.section.add" => {
            let (family, keys, defaults): (&str, &[&str], &[(&str, Value)]) =
                if method == "entity.item.add" {
                    (
                        ITEMS,
                        &ITEM_KEYS,
                        &[
                            ("ACTIVE", json!("Y")),
                            ("SORT", json!("500")),
                            ("CODE", Value::Null),
                            ("SECTION", Value::Null),
                            ("DATE_ACTIVE_FROM", json!("")),
                            ("DATE_ACTIVE_TO", json!("")),
                            ("PREVIEW_TEXT", Value::Null),
                            ("DETAIL_TEXT", Value::Null),
                        ],
                    )
                } else {
                    (
                        SECTIONS,
                        &SECTION_KEYS,
                        &[
                            ("ACTIVE", json!("Y")),
                            ("SORT", json!("500")),
                            ("CODE", Value::Null),
                            ("SECTION", Value::Null),
                            ("DESCRIPTION", Value::Null),
                        ],
                    )
                };
            let mut rec: Record = defaults
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect();
            rec.insert("ENTITY".into(), json!(entity));
            rec.insert("NAME".into(), json!(""));
            rec.insert("TIMESTAMP_X".into(), stamp.clone());
            rec.insert("DATE_CREATE".into(), stamp);
            rec.insert("CREATED_BY".into(), json!(user));
            rec.insert("MODIFIED_BY".into(), json!(user));
            rec.extend(written(params, keys));
            if let Some(active) = param(params, "ACTIVE") {
                let on = truthy(Some(active), true);
                rec.insert("ACTIVE".into(), json!(if on { "Y" } else { "N" }));
            }
            one(json!(st.family_mut(family).add(&rec, caller.user_id, now)))
        }
        "entity.item.update" | "entity.section.update" => {
            let (family, keys): (&str, &[&str]) = if method == "entity.item.update" {
                (ITEMS, &ITEM_KEYS)
            } else {
                (SECTIONS, &SECTION_KEYS)
            };
            let store = st.family_mut(family);
            let id = param(params, "ID").and_then(int_of).unwrap_or(0);
            let found = rows(store, |r| {
                of_entity(r, &entity) && r.get("ID").and_then(int_of) == Some(id)
            });
            let (row, _) = found
                .first()
                .ok_or_else(|| ApiError::bad("ERROR_ITEM_NOT_FOUND", "Item not found"))?;
            let mut rec = written(params, keys);
            if let Some(active) = param(params, "ACTIVE") {
                let on = truthy(Some(active), true);
                rec.insert("ACTIVE".into(), json!(if on { "Y" } else { "N" }));
            }
            rec.insert("TIMESTAMP_X".into(), stamp);
            rec.insert("MODIFIED_BY".into(), json!(user));
            store.update(*row, &rec, caller.user_id, now);
            one(json!(true))
        }
        "entity.item.delete" | "entity.section.delete" => {
            let family = if method == "entity.item.delete" {
                ITEMS
            } else {
                SECTIONS
            };
            let store = st.family_mut(family);
            let id = param(params, "ID").and_then(int_of).unwrap_or(0);
            let found = rows(store, |r| {
                of_entity(r, &entity) && r.get("ID").and_then(int_of) == Some(id)
            });
            let (row, _) = found
                .first()
                .ok_or_else(|| ApiError::bad("ERROR_ITEM_NOT_FOUND", "Item not found"))?;
            store.delete(*row);
            one(json!(true))
        }
        "entity.item.get" | "entity.section.get" => {
            let family = if method == "entity.item.get" {
                ITEMS
            } else {
                SECTIONS
            };
            let store = st.family_mut(family);
            listed(rows(store, |r| of_entity(r, &entity)), params)
        }
        _ => {
            let store = st.family_mut(PROPERTIES);
            let code = str_param(params, "PROPERTY").unwrap_or_default();
            let props = rows(store, |r| of_entity(r, &entity));
            let found = props
                .iter()
                .find(|(_, r)| r.get("PROPERTY").and_then(Value::as_str) == Some(code.as_str()));
            let shown = |r: &Record| -> Value {
                let m: Map<String, Value> = ["PROPERTY", "NAME", "TYPE", "SORT"]
                    .iter()
                    .map(|k| ((*k).to_owned(), r.get(*k).cloned().unwrap_or(Value::Null)))
                    .collect();
                Value::Object(m)
            };
            match method {
                "entity.item.property.get" if code.is_empty() => one(json!(
                    props.iter().map(|(_, r)| shown(r)).collect::<Vec<_>>()
                )),
                "entity.item.property.get" => match found {
                    Some((_, r)) => one(shown(r)),
                    None => Err(ApiError::bad(
                        "ERROR_PROPERTY_NOT_FOUND",
                        "Property not found",
                    )),
                },
                "entity.item.property.add" => {
                    if code.is_empty() {
                        return Err(ApiError::bad(
                            "ERROR_ARGUMENT",
                            "Argument 'PROPERTY' is null or empty",
                        ));
                    }
                    if found.is_some() {
                        return Err(ApiError::bad(
                            "ERROR_PROPERTY_ALREADY_EXISTS",
                            "Property already exists",
                        ));
                    }
                    let mut rec = written(params, &["PROPERTY", "NAME", "TYPE", "SORT"]);
                    rec.insert("ENTITY".into(), json!(entity));
                    rec.entry("TYPE").or_insert(json!("S"));
                    rec.entry("SORT").or_insert(json!("500"));
                    store.add(&rec, caller.user_id, now);
                    one(json!(true))
                }
                "entity.item.property.update" => {
                    let (row, _) = found.ok_or_else(|| {
                        ApiError::bad("ERROR_PROPERTY_NOT_FOUND", "Property not found")
                    })?;
                    let mut rec = written(params, &["NAME", "TYPE", "SORT"]);
                    if let Some(new) = str_param(params, "PROPERTY_NEW") {
                        rec.insert("PROPERTY".into(), json!(new));
                    }
                    store.update(*row, &rec, caller.user_id, now);
                    one(json!(true))
                }
                _ => {
                    let (row, _) = found.ok_or_else(|| {
                        ApiError::bad("ERROR_PROPERTY_NOT_FOUND", "Property not found")
                    })?;
                    store.delete(*row);
                    one(json!(true))
                }
            }
        }
    }
}
