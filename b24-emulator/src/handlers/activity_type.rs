//! `crm.activity.type.*` (`crm/timeline/activities/types/`): an
//! application's custom activity types, named by `TYPE_ID`. `add` and
//! `delete` answer `true`; `list` answers them in the page's form
//! (`TYPE_ID`, `NAME`, `IS_CONFIGURABLE_TYPE`, `ICON_ID`). Application
//! context only, with the pages' errors.

use serde_json::{Value, json};

use super::{R, param};
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "crm.activity.type.add",
    "crm.activity.type.list",
    "crm.activity.type.delete",
];

const FAMILY: &str = "crm.activity.type";

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

fn types(store: &Store) -> Vec<(u64, Record)> {
    let mut out = Vec::new();
    store.scan(1, store.max_id(), false, |row| {
        out.push((store.row_id(row), store.materialize(row)));
        true
    });
    out
}

fn shown(rec: &Record) -> Value {
    let get = |k: &str, default: Value| rec.get(k).cloned().unwrap_or(default);
    json!({
        "TYPE_ID": get("TYPE_ID", Value::Null),
        "NAME": get("NAME", json!("")),
        "IS_CONFIGURABLE_TYPE": get("IS_CONFIGURABLE_TYPE", json!("N")),
        "ICON_ID": get("ICON_ID", json!("0")),
    })
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    if !caller.is_app() {
        return Err(ApiError::new(
            400,
            "ACCESS_DENIED",
            "Access denied! Application context required",
        ));
    }
    super::support::check_declared(method, params)?;
    let store = st.family_mut(FAMILY);
    let all = types(store);
    if method == "crm.activity.type.list" {
        return Ok(Output::one(json!(
            all.iter().map(|(_, r)| shown(r)).collect::<Vec<_>>()
        )));
    }
    let fields = match param(params, "fields") {
        Some(Value::Object(m)) => m.clone(),
        _ => Record::new(),
    };
    let type_id = fields
        .get("TYPE_ID")
        .or_else(|| param(params, "TYPE_ID"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if type_id.is_empty() {
        return Err(ApiError::new(
            400,
            "INVALID_ARG_VALUE",
            "The required field TYPE_ID is not filled",
        ));
    }
    let found = all
        .iter()
        .find(|(_, r)| r.get("TYPE_ID").and_then(Value::as_str) == Some(type_id.as_str()));
    match (method, found) {
        ("crm.activity.type.add", Some(_)) => Err(ApiError::new(
            400,
            "INVALID_ARG_VALUE",
            "A custom activity type with the specified TYPE_ID already exists",
        )),
        ("crm.activity.type.add", None) => {
            let mut rec = fields;
            rec.insert("TYPE_ID".into(), json!(type_id));
            store.add(&rec, caller.user_id, now);
            Ok(Output::one(json!(true)))
        }
        (_, Some((id, _))) => {
            store.delete(*id);
            Ok(Output::one(json!(true)))
        }
        (_, None) => Err(ApiError::new(
            400,
            "INVALID_ARG_VALUE",
            "Custom activity type with the specified TYPE_ID does not exist",
        )),
    }
}
