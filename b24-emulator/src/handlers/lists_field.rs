//! `lists.field.add/get/update/delete` (`api-reference/lists/fields/`): the
//! custom fields of a list, named `PROPERTY_<id>`. `add` answers the field
//! ID; `get` with `FIELD_ID` answers the field keyed by its type, as
//! `lists-field-get.md`'s example shows (`{"L": {…}}`), without it every
//! field keyed by its ID, and `[]` when there is none; a list that is not
//! there (by `IBLOCK_ID` or `IBLOCK_CODE`) is `ERROR_IBLOCK_NOT_FOUND`.

use serde_json::{Map, Value, json};

use super::{R, int_of, param, str_param};
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "lists.field.add",
    "lists.field.get",
    "lists.field.update",
    "lists.field.delete",
];

const LISTS: &str = "lists";
const FIELDS: &str = "lists.field";

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// The list's ID, by `IBLOCK_ID` or `IBLOCK_CODE`.
fn list_id(st: &State, params: &Value) -> Result<u64, ApiError> {
    let lists = st.entities.get(LISTS);
    if let Some(id) = param(params, "IBLOCK_ID").and_then(int_of) {
        let id = u64::try_from(id).unwrap_or(0);
        return match lists.and_then(|s| s.row(id)) {
            Some(_) => Ok(id),
            None => Err(ApiError::bad("ERROR_IBLOCK_NOT_FOUND", "Iblock not found")),
        };
    }
    let code = str_param(params, "IBLOCK_CODE").unwrap_or_default();
    let mut found = None;
    if let Some(store) = lists {
        store.scan(1, store.max_id(), false, |row| {
            let rec = store.materialize(row);
            let hit = rec.get("IBLOCK_CODE").and_then(Value::as_str) == Some(code.as_str());
            if hit {
                found = Some(store.row_id(row));
            }
            !hit
        });
    }
    found.ok_or_else(|| ApiError::bad("ERROR_IBLOCK_NOT_FOUND", "Iblock not found"))
}

/// The fields of a list, with their store IDs.
fn fields_of(store: &Store, list: u64) -> Vec<(u64, Record)> {
    let mut out = Vec::new();
    store.scan(1, store.max_id(), false, |row| {
        let rec = store.materialize(row);
        if rec.get("LIST").and_then(int_of) == Some(list as i64) {
            out.push((store.row_id(row), rec));
        }
        true
    });
    out
}

/// A field as `lists.field.get` describes it.
fn descriptor(id: u64, rec: &Record) -> Value {
    let get = |k: &str, default: Value| rec.get(k).cloned().unwrap_or(default);
    let ty = get("TYPE", json!("S"));
    let property_type = ty
        .as_str()
        .and_then(|t| t.split(':').next())
        .unwrap_or("S")
        .to_owned();
    json!({
        "FIELD_ID": format!("PROPERTY_{id}"),
        "SORT": int_of(&get("SORT", json!(500))).unwrap_or(500),
        "NAME": get("NAME", json!("")),
        "IS_REQUIRED": get("IS_REQUIRED", json!("N")),
        "MULTIPLE": get("MULTIPLE", json!("N")),
        "DEFAULT_VALUE": get("DEFAULT_VALUE", Value::Null),
        "TYPE": ty,
        "PROPERTY_TYPE": property_type,
        "PROPERTY_USER_TYPE": false,
        "CODE": get("CODE", Value::Null),
        "ID": id.to_string(),
        "LINK_IBLOCK_ID": get("LINK_IBLOCK_ID", Value::Null),
        "ROW_COUNT": get("ROW_COUNT", json!("1")),
        "COL_COUNT": get("COL_COUNT", json!("30")),
        "USER_TYPE_SETTINGS": get("USER_TYPE_SETTINGS", Value::Null),
        "SETTINGS": get("SETTINGS", json!({})),
    })
}

/// The store ID of `PROPERTY_<id>`.
fn field_id(params: &Value) -> Option<u64> {
    str_param(params, "FIELD_ID")?
        .strip_prefix("PROPERTY_")?
        .parse()
        .ok()
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    super::support::check_declared(method, params)?;
    let list = list_id(st, params)?;
    let written: Record = match param(params, "FIELDS") {
        Some(Value::Object(m)) => m.clone(),
        _ => Record::new(),
    };
    let store = st.family_mut(FIELDS);
    let mine = fields_of(store, list);
    let wanted = field_id(params);
    let found = wanted.and_then(|id| mine.iter().find(|(i, _)| *i == id));
    let missing = || ApiError::bad("ERROR_FIELD_NOT_FOUND", "Field not found");
    let one = |v: Value| Ok(Output::one(v));
    match method {
        "lists.field.add" => {
            let mut rec = written;
            rec.insert("LIST".into(), json!(list));
            let id = store.add(&rec, caller.user_id, now);
            one(json!(format!("PROPERTY_{id}")))
        }
        "lists.field.update" => {
            let (id, _) = found.ok_or_else(missing)?;
            let mut rec = written;
            rec.remove("TYPE");
            store.update(*id, &rec, caller.user_id, now);
            one(json!(true))
        }
        "lists.field.delete" => {
            let (id, _) = found.ok_or_else(missing)?;
            store.delete(*id);
            one(json!(true))
        }
        _ if str_param(params, "FIELD_ID").is_some() => match found {
            Some((id, rec)) => {
                let d = descriptor(*id, rec);
                let ty = d["TYPE"].as_str().unwrap_or("S").to_owned();
                one(Value::Object(Map::from_iter([(ty, d)])))
            }
            None => one(json!([])),
        },
        _ if mine.is_empty() => one(json!([])),
        _ => one(Value::Object(
            mine.iter()
                .map(|(id, rec)| (format!("PROPERTY_{id}"), descriptor(*id, rec)))
                .collect(),
        )),
    }
}
