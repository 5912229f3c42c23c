//! `userfieldconfig.*` (`crm/universal/userfieldconfig/`): user field
//! settings of a module. `add`, `get` and `update` answer `{"field": {…}}`
//! with the settings in the pages' form (`id`, `sort` as strings, `Y`/`N`
//! flags and their defaults), `list` answers `{"fields": […]}` (v2 filter on
//! those keys), `delete` answers `null`; another module's field is the
//! pages' "You do not have permission to view user field settings".

use serde_json::{Map, Value, json};

use super::{R, int_of, param, str_param};
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "userfieldconfig.add",
    "userfieldconfig.get",
    "userfieldconfig.update",
    "userfieldconfig.delete",
    "userfieldconfig.list",
];

const FAMILY: &str = "userfieldconfig";

/// Settings a field has before the written ones (`userfieldconfig-add.md`).
const DEFAULTS: [(&str, &str); 7] = [
    ("sort", "100"),
    ("multiple", "N"),
    ("mandatory", "N"),
    ("showFilter", "N"),
    ("showInList", "Y"),
    ("editInList", "Y"),
    ("isSearchable", "N"),
];

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

fn denied() -> ApiError {
    ApiError::new(
        400,
        "",
        "You do not have permission to view user field settings",
    )
}

/// The written settings: scalars as the strings a portal answers.
fn written(params: &Value) -> Record {
    match param(params, "field") {
        Some(Value::Object(m)) => m
            .iter()
            .filter(|(k, _)| k.as_str() != "id")
            .map(|(k, v)| {
                let v = match v {
                    Value::Number(n) => json!(n.to_string()),
                    Value::Bool(b) => json!(if *b { "Y" } else { "N" }),
                    other => other.clone(),
                };
                (k.clone(), v)
            })
            .collect(),
        _ => Record::new(),
    }
}

fn shown(mut rec: Record) -> Value {
    let id = rec.remove("ID").unwrap_or(Value::Null);
    rec.remove("moduleId");
    let mut out = Map::from_iter([("id".to_owned(), id)]);
    out.extend(rec);
    Value::Object(out)
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    super::support::check_declared(method, params)?;
    let module = str_param(params, "moduleId").unwrap_or_default();
    let store = st.family_mut(FAMILY);
    let user = caller.user_id;
    // A field of this module, by `id`.
    let existing = |store: &Store| -> Result<(u64, Record), ApiError> {
        let id = param(params, "id")
            .and_then(int_of)
            .and_then(|n| u64::try_from(n).ok())
            .ok_or_else(denied)?;
        let rec = store
            .row(id)
            .map(|r| store.materialize(r))
            .ok_or_else(denied)?;
        match rec.get("moduleId").and_then(Value::as_str) {
            Some(m) if m == module => Ok((id, rec)),
            _ => Err(denied()),
        }
    };
    let one = |v: Value| Ok(Output::one(v));
    match method {
        "userfieldconfig.add" => {
            let mut rec: Record = DEFAULTS
                .iter()
                .map(|(k, v)| ((*k).to_owned(), json!(v)))
                .collect();
            rec.insert("moduleId".into(), json!(module));
            rec.insert("xmlId".into(), Value::Null);
            rec.insert("settings".into(), json!({}));
            rec.extend(written(params));
            let id = store.add(&rec, user, now);
            let rec = store
                .row(id)
                .map(|r| store.materialize(r))
                .unwrap_or_default();
            one(json!({"field": shown(rec)}))
        }
        "userfieldconfig.get" => {
            let (_, rec) = existing(store)?;
            one(json!({"field": shown(rec)}))
        }
        "userfieldconfig.update" => {
            let (id, _) = existing(store)?;
            store.update(id, &written(params), user, now);
            let rec = store
                .row(id)
                .map(|r| store.materialize(r))
                .unwrap_or_default();
            one(json!({"field": shown(rec)}))
        }
        "userfieldconfig.delete" => {
            let (id, _) = existing(store)?;
            store.delete(id);
            one(Value::Null)
        }
        _ => {
            let rows = store
                .records()
                .filter(|(_, rec)| {
                    rec.get("moduleId").and_then(Value::as_str) == Some(module.as_str())
                })
                .map(|(_, rec)| shown(rec.clone()));
            Ok(super::support::list(rows, params, |p| json!({"fields": p})))
        }
    }
}
