//! What an application registers under a code and lists back:
//! workflow activities and automation rules (`bizproc.activity.*`,
//! `bizproc.robot.*`: one namespace, "Activity or Robot already
//! installed!") and SMS providers (`messageservice.sender.*`). `add` and
//! `delete` answer `true`; `list` answers the codes the app registered, with
//! the pages' error codes. All need the application context.

use serde_json::{Value, json};

use super::{R, str_param};
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "bizproc.activity.add",
    "bizproc.activity.delete",
    "bizproc.activity.list",
    "bizproc.robot.add",
    "bizproc.robot.delete",
    "bizproc.robot.list",
    "messageservice.sender.add",
    "messageservice.sender.delete",
    "messageservice.sender.list",
];

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// The store, the kinds sharing its code namespace, and the error codes.
struct Family {
    kinds: &'static [&'static str],
    store: &'static str,
    invalid: &'static str,
    exists: (&'static str, &'static str),
    missing: (&'static str, &'static str),
    empty_code: &'static str,
}

const BIZPROC: Family = Family {
    kinds: &["activity", "robot"],
    store: "bizproc.activity",
    invalid: "ERROR_ACTIVITY_VALIDATION_FAILURE",
    exists: (
        "ERROR_ACTIVITY_ALREADY_INSTALLED",
        "Activity or Robot already installed!",
    ),
    missing: ("ERROR_ACTIVITY_NOT_FOUND", "Activity or Robot not found!"),
    empty_code: "Empty activity code!",
};

const SENDERS: Family = Family {
    kinds: &["sender"],
    store: "messageservice.sender",
    invalid: "ERROR_SENDER_VALIDATION_FAILURE",
    exists: (
        "ERROR_SENDER_ALREADY_INSTALLED",
        "Sender already installed!",
    ),
    missing: ("ERROR_SENDER_NOT_FOUND", "Sender not found!"),
    empty_code: "Empty sender code!",
};

/// The codes registered, with their kind and store ID, in order.
fn registered(store: &Store) -> Vec<(u64, String, String)> {
    let mut out = Vec::new();
    store.scan(1, store.max_id(), false, |row| {
        let rec = store.materialize(row);
        let text = |k: &str| rec.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        out.push((store.row_id(row), text("KIND"), text("CODE")));
        true
    });
    out
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    if !caller.is_app() {
        // bizproc-activity-add.md: the error section's status is 400.
        return Err(ApiError::new(
            400,
            "ACCESS_DENIED",
            "Application context required",
        ));
    }
    let (family, kind, verb) = match method.split('.').collect::<Vec<_>>().as_slice() {
        ["bizproc", kind, verb] => (&BIZPROC, *kind, *verb),
        [_, _, verb] => (&SENDERS, "sender", *verb),
        _ => return Err(crate::protocol::method_not_found()),
    };
    super::support::check_declared(method, params)?;
    let store = st.family_mut(family.store);
    let codes = registered(store);
    if verb == "list" {
        let mine: Vec<&str> = codes
            .iter()
            .filter(|(_, k, _)| k == kind)
            .map(|(_, _, c)| c.as_str())
            .collect();
        return Ok(Output::one(json!(mine)));
    }
    let code = str_param(params, "CODE").unwrap_or_default();
    if code.is_empty() {
        return Err(ApiError::new(400, family.invalid, family.empty_code));
    }
    let found = codes
        .iter()
        .find(|(_, k, c)| *c == code && family.kinds.contains(&k.as_str()));
    match verb {
        "add" => {
            if found.is_some() {
                return Err(ApiError::new(400, family.exists.0, family.exists.1));
            }
            let rec = Record::from_iter([
                ("KIND".to_owned(), json!(kind)),
                ("CODE".to_owned(), json!(code)),
            ]);
            store.add(&rec, caller.user_id, now);
        }
        _ => match found {
            Some((id, k, _)) if k == kind => {
                store.delete(*id);
            }
            _ => return Err(ApiError::new(400, family.missing.0, family.missing.1)),
        },
    }
    Ok(Output::one(json!(true)))
}
