//! `calendar.section.*`, `calendar.event.*`, `calendar.accessibility.get` and
//! `calendar.resource.*`: what the app writes is read back in the form the
//! pages' response examples show (`calendar/calendar-section-get.md`,
//! `calendar/calendar-event/calendar-event-get.md`, `…-get-by-id.md`,
//! `…-get-nearest.md`, `calendar/calendar-accessibility-get.md` (its page is
//! under `calendar-event/`), `calendar/resource/calendar-resource-list.md`):
//! upper-case fields, IDs as strings, `get` and `section.get` as arrays,
//! `accessibility.get` as arrays keyed by user ID. The add methods take the
//! documented lower-case parameters (`ownerId`, `from`, `to`, `section`,
//! `text_color`, …). Records live in the generic entity store.

use serde_json::{Map, Value, json};

use super::{R, int_of, param, str_param, truthy};
use crate::clock::{iso8601, parse_iso8601};
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "calendar.section.add",
    "calendar.section.update",
    "calendar.section.delete",
    "calendar.section.get",
    "calendar.event.add",
    "calendar.event.update",
    "calendar.event.delete",
    "calendar.event.get",
    "calendar.event.getbyid",
    "calendar.event.get.nearest",
    "calendar.accessibility.get",
    "calendar.resource.add",
    "calendar.resource.update",
    "calendar.resource.delete",
    "calendar.resource.list",
];

const SECTIONS: &str = "calendar.section";
const EVENTS: &str = "calendar.event";
const RESOURCES: &str = "calendar.resource";

/// Event parameters (lower case on the wire) and the fields they fill.
const EVENT_FIELDS: &[(&str, &str)] = &[
    ("name", "NAME"),
    ("description", "DESCRIPTION"),
    ("from", "DATE_FROM"),
    ("to", "DATE_TO"),
    ("section", "SECTION_ID"),
    ("skip_time", "DT_SKIP_TIME"),
    ("timezone_from", "TZ_FROM"),
    ("timezone_to", "TZ_TO"),
    ("color", "COLOR"),
    ("text_color", "TEXT_COLOR"),
    ("accessibility", "ACCESSIBILITY"),
    ("importance", "IMPORTANCE"),
    ("private_event", "PRIVATE_EVENT"),
    ("rrule", "RRULE"),
    ("is_meeting", "IS_MEETING"),
    ("location", "LOCATION"),
    ("remind", "REMIND"),
    ("attendees", "ATTENDEES"),
    ("host", "MEETING_HOST"),
    ("meeting", "MEETING"),
];

const SECTION_FIELDS: &[(&str, &str)] = &[
    ("name", "NAME"),
    ("description", "DESCRIPTION"),
    ("color", "COLOR"),
    ("text_color", "TEXT_COLOR"),
    ("export", "EXPORT"),
];

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// A text form of a scalar (IDs and flags travel as strings).
fn text(v: &Value) -> Value {
    match v {
        Value::Number(n) => Value::String(n.to_string()),
        other => other.clone(),
    }
}

/// The documented parameters that were sent, under their field names.
fn mapped(params: &Value, names: &[(&str, &str)]) -> Record {
    let mut rec = Record::new();
    for (wire, field) in names {
        if let Some(v) = param(params, wire) {
            let v = match *field {
                "SECTION_ID" | "MEETING_HOST" => text(v),
                "DT_SKIP_TIME" | "PRIVATE_EVENT" => {
                    json!(if truthy(Some(v), false) { "Y" } else { "N" })
                }
                "IS_MEETING" => json!(truthy(Some(v), false)),
                "EXPORT" => match v {
                    Value::Object(m) => json!({"ALLOW": truthy(m.get("ALLOW"), false)}),
                    _ => json!({"ALLOW": truthy(Some(v), false)}),
                },
                _ => v.clone(),
            };
            rec.insert((*field).to_owned(), v);
        }
    }
    rec
}

fn owner(params: &Value) -> Option<String> {
    str_param(params, "ownerId")
}

fn id_param(params: &Value, name: &str) -> Option<u64> {
    param(params, name)
        .and_then(int_of)
        .and_then(|n| u64::try_from(n).ok())
}

/// calendar.*: errors carry an empty code (the pages' "Empty value").
fn empty_code(description: &str) -> ApiError {
    ApiError::new(400, "", description)
}

fn not_set(name: &str, method: &str) -> ApiError {
    empty_code(&format!(
        "The required parameter \"{name}\" for the method \"{method}\" is not set"
    ))
}

/// Every record of a store that passes `keep`, in ID order.
fn records(store: &Store, mut keep: impl FnMut(&Record) -> bool) -> Vec<Record> {
    let mut out = Vec::new();
    store.scan(1, store.max_id(), false, |row| {
        let rec = store.materialize(row);
        if keep(&rec) {
            out.push(rec);
        }
        true
    });
    out
}

fn field_is(rec: &Record, name: &str, want: &str) -> bool {
    rec.get(name)
        .is_some_and(|v| super::same_text(v, &json!(want)))
}

/// Unix seconds of an event date (ISO 8601, or a date alone).
fn stamp(v: Option<&Value>) -> Option<i64> {
    parse_iso8601(v?.as_str()?)
}

/// Whether an event overlaps `[from, to]`; events whose dates do not parse
/// are kept.
fn overlaps(rec: &Record, from: Option<i64>, to: Option<i64>) -> bool {
    let start = stamp(rec.get("DATE_FROM"));
    let end = stamp(rec.get("DATE_TO")).or(start);
    let after = match (end, from) {
        (Some(e), Some(f)) => e >= f,
        _ => true,
    };
    let before = match (start, to) {
        (Some(s), Some(t)) => s <= t,
        _ => true,
    };
    after && before
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    super::support::check_declared(method, params)?;
    let user = caller.user_id;
    let one = |v: Value| Ok(Output::one(v));
    match method {
        "calendar.section.add" => {
            let mut rec = mapped(params, SECTION_FIELDS);
            rec.insert("CAL_TYPE".into(), json!(str_param(params, "type")));
            rec.insert("OWNER_ID".into(), json!(owner(params)));
            rec.insert("CREATED_BY".into(), json!(user.to_string()));
            rec.insert("DATE_CREATE".into(), json!(iso8601(now)));
            rec.insert("TIMESTAMP_X".into(), json!(iso8601(now)));
            rec.insert("EXTERNAL_TYPE".into(), json!("local"));
            rec.entry("EXPORT").or_insert(json!({"ALLOW": false}));
            let id = st.family_mut(SECTIONS).add(&rec, user, now);
            one(json!(id))
        }
        "calendar.section.update" => {
            let id = id_param(params, "id").ok_or_else(|| not_set("id", method))?;
            let mut rec = mapped(params, SECTION_FIELDS);
            rec.insert("TIMESTAMP_X".into(), json!(iso8601(now)));
            if !st.family_mut(SECTIONS).update(id, &rec, user, now) {
                return Err(empty_code("Section not found"));
            }
            one(json!(id))
        }
        "calendar.section.delete" | "calendar.event.delete" | "calendar.resource.delete" => {
            let (family, name) = match method {
                "calendar.section.delete" => (SECTIONS, "id"),
                "calendar.event.delete" => (EVENTS, "id"),
                _ => (RESOURCES, "resourceId"),
            };
            let id = id_param(params, name).ok_or_else(|| not_set(name, method))?;
            if !st.family_mut(family).delete(id) {
                return Err(empty_code("Not found"));
            }
            one(json!(true))
        }
        "calendar.section.get" => {
            let (ty, own) = (str_param(params, "type"), owner(params));
            let rows = records(st.family_mut(SECTIONS), |r| {
                ty.as_deref().is_none_or(|t| field_is(r, "CAL_TYPE", t))
                    && own.as_deref().is_none_or(|o| field_is(r, "OWNER_ID", o))
            });
            one(json!(rows))
        }
        "calendar.event.add" => {
            let mut rec = mapped(params, EVENT_FIELDS);
            rec.insert("CAL_TYPE".into(), json!(str_param(params, "type")));
            rec.insert("OWNER_ID".into(), json!(owner(params)));
            rec.insert("CREATED_BY".into(), json!(user.to_string()));
            rec.insert("DELETED".into(), json!("N"));
            rec.insert("DATE_CREATE".into(), json!(iso8601(now)));
            rec.insert("TIMESTAMP_X".into(), json!(iso8601(now)));
            rec.entry("ACCESSIBILITY").or_insert(json!("busy"));
            rec.entry("IMPORTANCE").or_insert(json!("normal"));
            rec.entry("DT_SKIP_TIME").or_insert(json!("N"));
            rec.entry("IS_MEETING").or_insert(json!(false));
            let events = st.family_mut(EVENTS);
            let id = events.add(&rec, user, now);
            let parent = Map::from_iter([("PARENT_ID".to_owned(), json!(id.to_string()))]);
            events.update(id, &parent, user, now);
            one(json!(id))
        }
        "calendar.event.update" => {
            let id = id_param(params, "id").ok_or_else(|| not_set("id", method))?;
            let mut rec = mapped(params, EVENT_FIELDS);
            rec.insert("TIMESTAMP_X".into(), json!(iso8601(now)));
            if !st.family_mut(EVENTS).update(id, &rec, user, now) {
                return Err(empty_code("Event not found"));
            }
            one(json!(id))
        }
        "calendar.event.getbyid" => {
            let id = id_param(params, "id").ok_or_else(|| not_set("id", method))?;
            let events = st.family_mut(EVENTS);
            let row = events
                .row(id)
                .ok_or_else(|| empty_code("Event not found"))?;
            one(Value::Object(events.materialize(row)))
        }
        "calendar.event.get" => {
            let (ty, own) = (str_param(params, "type"), owner(params));
            let sections: Option<Vec<Value>> = param(params, "section").map(|s| match s {
                Value::Array(a) => a.iter().map(text).collect(),
                other => vec![text(other)],
            });
            // calendar-event-get.md: `from` defaults to a month ago, `to`
            // to three months ahead.
            let from = param(params, "from")
                .and_then(|v| parse_iso8601(v.as_str()?))
                .unwrap_or(now - 31 * 86_400);
            let to = param(params, "to")
                .and_then(|v| parse_iso8601(v.as_str()?))
                .unwrap_or(now + 92 * 86_400);
            let rows = records(st.family_mut(EVENTS), |r| {
                ty.as_deref().is_none_or(|t| field_is(r, "CAL_TYPE", t))
                    && own.as_deref().is_none_or(|o| field_is(r, "OWNER_ID", o))
                    && sections.as_ref().is_none_or(|s| {
                        r.get("SECTION_ID")
                            .is_some_and(|id| s.iter().any(|x| super::same_text(x, id)))
                    })
                    && overlaps(r, Some(from), Some(to))
            });
            one(json!(rows))
        }
        "calendar.event.get.nearest" => {
            let ty = str_param(params, "type").unwrap_or_else(|| "user".into());
            let own = owner(params).unwrap_or_else(|| user.to_string());
            let days = param(params, "days").and_then(int_of).unwrap_or(60);
            let max = param(params, "maxEventsCount")
                .and_then(int_of)
                .and_then(|n| usize::try_from(n).ok());
            let mut rows = records(st.family_mut(EVENTS), |r| {
                field_is(r, "CAL_TYPE", &ty)
                    && field_is(r, "OWNER_ID", &own)
                    && overlaps(r, Some(now), Some(now + days * 86_400))
            });
            if let Some(max) = max {
                rows.truncate(max);
            }
            one(json!(rows))
        }
        "calendar.accessibility.get" => {
            let users: Vec<Value> = match param(params, "users") {
                Some(Value::Array(a)) => a.iter().map(text).collect(),
                Some(Value::Object(m)) => m.values().map(text).collect(),
                Some(v) => vec![text(v)],
                None => Vec::new(),
            };
            let from = stamp(param(params, "from"));
            // A date alone covers that whole day.
            let to = stamp(param(params, "to")).map(|t| t + 86_399);
            let events = st.family_mut(EVENTS);
            let mut out = Map::new();
            for u in users {
                let key = u.as_str().unwrap_or_default().to_owned();
                let busy: Vec<Value> = records(events, |r| {
                    let attends = match r.get("ATTENDEES") {
                        Some(Value::Array(a)) => a.iter().any(|x| super::same_text(x, &u)),
                        _ => false,
                    };
                    (field_is(r, "OWNER_ID", &key) || attends) && overlaps(r, from, to)
                })
                .into_iter()
                .map(|r| {
                    let keep = [
                        "ID",
                        "NAME",
                        "DATE_FROM",
                        "DATE_TO",
                        "DT_SKIP_TIME",
                        "TZ_FROM",
                        "TZ_TO",
                        "ACCESSIBILITY",
                        "IMPORTANCE",
                    ];
                    Value::Object(
                        r.into_iter()
                            .filter(|(k, _)| keep.contains(&k.as_str()))
                            .collect(),
                    )
                })
                .collect();
                out.insert(key, json!(busy));
            }
            one(Value::Object(out))
        }
        "calendar.resource.add" => {
            let rec = Record::from_iter([
                ("NAME".to_owned(), json!(str_param(params, "name"))),
                ("CREATED_BY".to_owned(), json!(user.to_string())),
            ]);
            one(json!(st.family_mut(RESOURCES).add(&rec, user, now)))
        }
        "calendar.resource.update" => {
            let id = id_param(params, "resourceId").ok_or_else(|| not_set("resourceId", method))?;
            let rec = Record::from_iter([("NAME".to_owned(), json!(str_param(params, "name")))]);
            if !st.family_mut(RESOURCES).update(id, &rec, user, now) {
                return Err(empty_code("Resource not found"));
            }
            one(json!(id))
        }
        "calendar.resource.list" => one(json!(records(st.family_mut(RESOURCES), |_| true))),
        _ => Err(crate::protocol::method_not_found()),
    }
}
