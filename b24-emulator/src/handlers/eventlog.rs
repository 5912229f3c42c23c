//! REST 3.0 `main.eventlog.list`, `main.eventlog.get` and
//! `main.eventlog.tail` (`api-reference/event-log/`): the portal's security
//! log. An emulated portal has no browser sign-ins; what it logs is the
//! `USER_AUTHORIZE` entry (`"method": "external"`, as the list page's
//! example shows) of each user who holds credentials (a webhook or an OAuth
//! token), at the portal's start. Lists take the v3 condition filter, `order`,
//! `select` and `pagination` (`page` from 1, `limit` default 50, `offset`).

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::clock::{iso8601, parse_iso8601};
use crate::filter::{Cond, Op, V3Problem, order_of, parse_v3};
use crate::protocol::{Caller, Output, V3Error};
use crate::state::{Portal, State};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "main.eventlog.list",
    "main.eventlog.get",
    "main.eventlog.tail",
];

/// The fields of an entry (`main-eventlog-field-list.md`).
const FIELDS: [&str; 13] = [
    "id",
    "timestampX",
    "severity",
    "auditTypeId",
    "moduleId",
    "itemId",
    "remoteAddr",
    "userAgent",
    "requestUri",
    "siteId",
    "userId",
    "guestId",
    "description",
];

const ENTITY: &str = "EventLog";

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// The log: one authorization per user with credentials.
fn entries(st: &State, started: i64) -> Vec<Map<String, Value>> {
    let users: BTreeSet<u64> = st
        .webhooks
        .iter()
        .map(|w| w.user_id)
        .chain(st.access.values().map(|t| t.user_id))
        .collect();
    users
        .into_iter()
        .enumerate()
        .map(|(i, user)| {
            let v = json!({
                "id": i + 1,
                "timestampX": iso8601(started),
                "severity": "SECURITY",
                "auditTypeId": "USER_AUTHORIZE",
                "moduleId": "main",
                "itemId": user.to_string(),
                "remoteAddr": "127.0.0.1",
                "userAgent": "b24-emulator",
                "requestUri": "/rest/",
                "siteId": "s1",
                "userId": user,
                "guestId": null,
                "description": json!({"userId": user, "method": "external"}).to_string(),
            });
            v.as_object().cloned().unwrap_or_default()
        })
        .collect()
}

fn field(name: &str) -> Result<&'static str, V3Error> {
    FIELDS
        .iter()
        .find(|f| **f == name)
        .copied()
        .ok_or_else(|| V3Error::unknown_field(name, ENTITY))
}

/// A date compares as Unix seconds, whatever offset it was written with.
fn comparable(name: &str, v: &Value) -> Value {
    match (name, v) {
        ("timestampX", Value::String(s)) => parse_iso8601(s).map_or(v.clone(), |t| json!(t)),
        ("timestampX", Value::Array(a)) => a.iter().map(|x| comparable(name, x)).collect(),
        _ => v.clone(),
    }
}

fn filter(params: &Value) -> Result<Vec<Cond>, V3Error> {
    let Some(list) = params.get("filter").filter(|f| !f.is_null()) else {
        return Ok(Vec::new());
    };
    let leaf = |name: &str, _op: Op, value: &Value| -> Result<(String, Value), V3Error> {
        let f = field(name)?;
        Ok((f.to_owned(), comparable(f, value)))
    };
    parse_v3(list, &leaf).map_err(|p| match p {
        V3Problem::Shape(v) => V3Error::field(
            "filter",
            format!("Unable to recognize the filter condition `{v}`"),
        ),
        V3Problem::Operator(w) => V3Error::new(
            400,
            "UNKNOWNFILTEROPERATOREXCEPTION",
            format!("Unknown filter operator `{w}`"),
        ),
        V3Problem::Field(e) => e,
    })
}

fn select(params: &Value) -> Result<Vec<&'static str>, V3Error> {
    match params.get("select") {
        None | Some(Value::Null) => Ok(FIELDS.to_vec()),
        Some(Value::Array(a)) if a.is_empty() => Ok(FIELDS.to_vec()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| match v.as_str() {
                Some(s) => field(s),
                None => Err(V3Error::field("select", "must be an array of field names")),
            })
            .collect(),
        Some(_) => Err(V3Error::field("select", "must be an array of field names")),
    }
}

fn project(row: &Map<String, Value>, fields: &[&str]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|f| ((*f).to_owned(), row.get(*f).cloned().unwrap_or(Value::Null)))
            .collect(),
    )
}

fn number(v: Option<&Value>) -> Option<u64> {
    let v = v?;
    v.as_u64().or_else(|| v.as_str()?.trim().parse().ok())
}

fn list(rows: Vec<Map<String, Value>>, params: &Value) -> Result<Vec<Value>, V3Error> {
    let conds = filter(params)?;
    let fields = select(params)?;
    let mut rows: Vec<Map<String, Value>> = rows
        .into_iter()
        .filter(|r| {
            conds
                .iter()
                .all(|c| c.matches(&|f: &str| comparable(f, r.get(f).unwrap_or(&Value::Null))))
        })
        .collect();
    if let Some(Value::Object(order)) = params.get("order") {
        let keys: Vec<(&'static str, bool)> = order
            .iter()
            .map(|(k, v)| {
                let desc = v.as_str().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
                field(k).map(|f| (f, desc))
            })
            .collect::<Result<_, _>>()?;
        rows.sort_by(|a, b| {
            keys.iter()
                .map(|(k, desc)| {
                    let o = order_of(
                        &comparable(k, a.get(*k).unwrap_or(&Value::Null)),
                        &comparable(k, b.get(*k).unwrap_or(&Value::Null)),
                    );
                    if *desc { o.reverse() } else { o }
                })
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    let page = params.get("pagination");
    let limit = number(page.and_then(|p| p.get("limit")))
        .unwrap_or(50)
        .clamp(1, 50) as usize;
    let offset = match (
        number(page.and_then(|p| p.get("page"))),
        number(page.and_then(|p| p.get("offset"))),
    ) {
        (Some(p), _) if p >= 1 => (p as usize - 1) * limit,
        (_, Some(o)) => o as usize,
        _ => 0,
    };
    Ok(rows
        .iter()
        .skip(offset)
        .take(limit)
        .map(|r| project(r, &fields))
        .collect())
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(
    portal: &Portal,
    _caller: &Caller,
    method: &str,
    params: &Value,
) -> Result<Output, V3Error> {
    let clock = portal.clock();
    let started = (clock.unix() - clock.elapsed().as_secs_f64()) as i64;
    let rows = entries(&portal.read(), started);
    let one = |result| Output::one(result);
    match method {
        "main.eventlog.get" => {
            let id = number(params.get("id"))
                .ok_or_else(|| V3Error::field("id", "Required parameter `id` is missing"))?;
            let fields = select(params)?;
            let row = rows
                .iter()
                .find(|r| number(r.get("id")) == Some(id))
                .ok_or_else(|| {
                    V3Error::new(
                        400,
                        "ENTITYNOTFOUNDEXCEPTION",
                        format!("Record with ID = `{id}` not found"),
                    )
                })?;
            Ok(one(json!({"item": project(row, &fields)})))
        }
        // main-eventlog-tail.md: the entries past `cursor.value` of
        // `cursor.field` (default `id`, 0) in `cursor.order` (default ASC),
        // at most `cursor.limit` (default 50).
        "main.eventlog.tail" => {
            let cursor = params.get("cursor");
            let key = match cursor.and_then(|c| c.get("field")).and_then(Value::as_str) {
                Some(f) => field(f)?,
                None => "id",
            };
            let desc = cursor
                .and_then(|c| c.get("order"))
                .and_then(Value::as_str)
                .is_some_and(|o| o.eq_ignore_ascii_case("desc"));
            let from = comparable(
                key,
                cursor.and_then(|c| c.get("value")).unwrap_or(&json!(0)),
            );
            let limit = number(cursor.and_then(|c| c.get("limit"))).unwrap_or(50);
            let rows = rows
                .into_iter()
                .filter(|r| {
                    let v = comparable(key, r.get(key).unwrap_or(&Value::Null));
                    let o = order_of(&v, &from);
                    if desc {
                        o.is_lt() || from == json!(0)
                    } else {
                        o.is_gt()
                    }
                })
                .collect();
            let mut p = params.clone();
            if let Some(m) = p.as_object_mut() {
                m.insert(
                    "order".into(),
                    json!({ key: if desc { "DESC" } else { "ASC" } }),
                );
                m.insert("pagination".into(), json!({"limit": limit}));
            }
            Ok(one(json!({"items": list(rows, &p)?})))
        }
        _ => Ok(one(json!({"items": list(rows, params)?}))),
    }
}
