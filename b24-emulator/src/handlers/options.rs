//! `app.option.*` and `user.option.*` (`common/settings/`): an application's
//! settings, and each user's settings for the application. Both need the
//! application context (a webhook gets the pages' 400 `AccessException`).
//! `set` adds or replaces the keys sent; `get` answers every setting (an
//! empty object when none), or the value of `option` (`null` when unset).

use serde_json::{Map, Value, json};

use super::{R, int_of, param, str_param};
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "app.option.get",
    "app.option.set",
    "user.option.get",
    "user.option.set",
];

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// The settings record of the app (owner 0) or of a user.
fn record(store: &Store, owner: u64) -> Option<(u64, Record)> {
    let mut found = None;
    store.scan(1, store.max_id(), false, |row| {
        let rec = store.materialize(row);
        let hit = rec.get("OWNER").and_then(int_of) == Some(owner as i64);
        if hit {
            found = Some((store.row_id(row), rec));
        }
        !hit
    });
    found
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    if !caller.is_app() {
        return Err(ApiError::new(
            400,
            "AccessException",
            "Application context required",
        ));
    }
    super::support::check_declared(method, params)?;
    let owner = if method.starts_with("user.") {
        caller.user_id
    } else {
        0
    };
    let store = st.family_mut("app.option");
    let saved = record(store, owner);
    let values = saved
        .as_ref()
        .and_then(|(_, r)| r.get("VALUES"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if method.ends_with(".get") {
        return Ok(Output::one(match str_param(params, "option") {
            Some(key) => values.get(&key).cloned().unwrap_or(Value::Null),
            None => Value::Object(values),
        }));
    }
    let mut values: Map<String, Value> = values;
    if let Some(Value::Object(sent)) = param(params, "options") {
        values.extend(sent.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let rec = Record::from_iter([
        ("OWNER".to_owned(), json!(owner)),
        ("VALUES".to_owned(), Value::Object(values)),
    ]);
    match saved {
        Some((id, _)) => {
            store.update(id, &rec, caller.user_id, now);
        }
        None => {
            store.add(&rec, caller.user_id, now);
        }
    }
    Ok(Output::one(json!(true)))
}
