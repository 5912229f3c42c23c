//! The REST methods. Each takes the caller and the decoded parameters and
//! returns a result or a documented error.

use serde_json::{Map, Value, json};

use crate::clock::{iso8601, parse_iso8601};
use crate::protocol::{ApiError, Caller, Output, method_not_found, ordered};

pub(crate) mod bindings;
pub(crate) mod entity;
pub(crate) mod spec;
pub(crate) mod tasks;
use crate::state::families::{CALLS, EVENT_HANDLERS, OFFLINE_EVENTS, PLACEMENTS, STATISTICS};
use crate::state::{
    AuthKind, EventHandler, ExternalCall, Placement, Portal, State, UiEvent, has_scope,
};
use crate::store::{
    self, Kind, PAGE, Query, Record, Store, camel, contact_for_phone, eq, item_value, parse_filter,
    parse_order, upper_snake,
};

mod events;
#[allow(unused_imports)]
pub(crate) use events::*;

mod telephony;
#[allow(unused_imports)]
pub(crate) use telephony::*;

mod crm;
#[allow(unused_imports)]
pub(crate) use crm::*;

mod activity_binding;
mod activity_type;
mod app_codes;
mod app_storage;
mod calendar;
mod crm_address;
mod crm_types;
mod crm_wrapped;
mod currency;
pub(crate) mod defaults;
pub(crate) mod eventlog;
mod im;
mod lists_field;
mod options;
mod stagehistory;
pub(crate) mod support;
mod userfieldconfig;

type R = Result<Output, ApiError>;

/// The scope a method needs; `None` when the method does not exist.
pub(crate) fn scope_of(method: &str) -> Option<&'static str> {
    Some(match method {
        "batch"
        | "app.info"
        | "scope"
        | "methods"
        | "server.time"
        | "profile"
        | "events"
        | "event.bind"
        | "event.unbind"
        | "event.get"
        | "event.offline.get"
        | "event.offline.list"
        | "event.offline.clear"
        | "event.offline.error" => "basic",
        "user.current" => "basic",
        "user.get" => "user",
        "tasks.task.get" | "tasks.task.add" | "tasks.task.update" | "tasks.task.delete"
        | "tasks.task.list" => "task",
        "placement.bind" | "placement.unbind" | "placement.get" | "placement.list" => "placement",
        m if TELEPHONY.contains(&m) => "telephony",
        m if calendar::handles(m) => "calendar",
        m if currency::handles(m) => "crm",
        m if im::handles(m) => "im",
        m if options::handles(m) => "basic",
        "crm.stagehistory.list" => "crm",
        m if userfieldconfig::handles(m) => "userfieldconfig",
        m if app_storage::handles(m) => "entity",
        m if lists_field::handles(m) => "lists",
        m if app_codes::handles(m) => {
            if m.starts_with("bizproc.") {
                "bizproc"
            } else {
                "messageservice"
            }
        }
        m if crm_types::handles(m)
            || crm_wrapped::handles(m)
            || activity_binding::handles(m)
            || crm_address::handles(m)
            || activity_type::handles(m) =>
        {
            "crm"
        }
        m if m.starts_with("crm.") && crm_route(m).is_some() => "crm",
        _ => return None,
    })
}

/// The scope codes of `api-reference/scopes/permissions.md`. Spec files
/// carry a few more names (`basic`, `user_brief`, `tasks`, ...) that grant
/// methods here but are not codes a portal lists, so `scope` leaves them out.
const DOCUMENTED_SCOPES: &[&str] = &[
    "ai_admin",
    "biconnector",
    "bizproc",
    "booking",
    "calendar",
    "call",
    "cashbox",
    "catalog",
    "contact_center",
    "crm",
    "documentgenerator",
    "delivery",
    "department",
    "disk",
    "entity",
    "humanresources",
    "humanresources.hcmlink",
    "im",
    "imbot",
    "imconnector",
    "imopenlines",
    "intranet",
    "landing",
    "lists",
    "log",
    "mailservice",
    "main",
    "messageservice",
    "mobile",
    "pay_system",
    "placement",
    "pull",
    "rpa",
    "sale",
    "salescenter",
    "task",
    "telephony",
    "timeman",
    "user",
    "user.userfield",
    "userfieldconfig",
    "userconsent",
    "vote",
];

const TELEPHONY: &[&str] = &[
    "telephony.externalcall.register",
    "telephony.externalcall.finish",
    "telephony.externalcall.show",
    "telephony.externalcall.hide",
    "telephony.externalcall.searchcrmentities",
    "telephony.externalcall.attachrecord",
    "voximplant.statistic.get",
];

/// Which store and verb a `crm.*` method maps to.
fn crm_route(method: &str) -> Option<(Option<i64>, &str)> {
    let rest = method.strip_prefix("crm.")?;
    let (entity, verb) = rest.rsplit_once('.')?;
    let etid = match entity {
        "deal" => Some(2),
        "contact" => Some(3),
        "lead" => Some(1),
        "company" => Some(4),
        "item" => None,
        _ => return None,
    };
    matches!(
        verb,
        "list" | "get" | "add" | "update" | "delete" | "fields"
    )
    .then_some((etid, verb))
}

/// Case-insensitive top-level parameter lookup (PHP methods read both
/// `fields` and `FIELDS`).
fn param<'a>(params: &'a Value, name: &str) -> Option<&'a Value> {
    let map = params.as_object()?;
    map.get(name).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

fn int_param(params: &Value, name: &str) -> Option<i64> {
    param(params, name).and_then(int_of)
}

fn str_param(params: &Value, name: &str) -> Option<String> {
    match param(params, name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn truthy(v: Option<&Value>, default: bool) -> bool {
    match v {
        None | Some(Value::Null) => default,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !matches!(
            s.to_ascii_lowercase().as_str(),
            "" | "0" | "n" | "false" | "no"
        ),
        Some(_) => true,
    }
}

/// An object parameter; an empty PHP array (`[]`) or absence is an empty map.
fn map_param(params: &Value, name: &str) -> Result<Map<String, Value>, ()> {
    match param(params, name) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(Value::Array(a)) if a.is_empty() => Ok(Map::new()),
        Some(Value::String(s)) if s.is_empty() => Ok(Map::new()),
        Some(_) => Err(()),
    }
}

fn select_param(params: &Value) -> Vec<String> {
    match param(params, "select") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(Value::Object(o)) => o
            .values()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// `start`: `-1` skips the count; other values round down to a page.
fn start_param(params: &Value) -> Option<u64> {
    match int_param(params, "start") {
        Some(-1) => None,
        Some(n) if n > 0 => Some((n as u64 / PAGE) * PAGE),
        _ => Some(0),
    }
}

/// One page of a legacy list (`crm.deal.list`, `user.get`): the selected
/// fields of each row, `total` (0 when not counted) and `next`.
fn list_page(store: &Store, q: &Query, select: &[String]) -> Output {
    let page = store.list(q);
    let rows: Vec<Value> = store
        .page_rows(&page, select)
        .into_iter()
        .map(Value::Object)
        .collect();
    Output {
        rows: rows.len() as u64,
        synthesized: false,
        result: Value::Array(rows),
        total: Some(page.total.unwrap_or(0)),
        next: page.next,
    }
}

/// Whether `method` only reads the state, so [`call_read`] runs it under a
/// shared lock.
pub(crate) fn is_read_only(method: &str) -> bool {
    matches!(crm_route(method), Some((_, "list" | "get" | "fields")))
}

/// Runs one method of [`is_read_only`] with the state shared with other
/// readers. Other methods are not found here: run them with [`call`].
pub(crate) fn call_read(st: &State, caller: &Caller, method: &str, params: &Value) -> R {
    match crm_route(method) {
        Some((Some(etid), verb)) => {
            let Some(store) = st.store_ref(etid) else {
                return Err(method_not_found());
            };
            crm_legacy_read(store, caller, verb, params)
        }
        Some((None, verb)) => crm_item_read(st, caller, verb, params),
        None => Err(method_not_found()),
    }
}

/// Runs one method. `st` is locked for the duration.
pub(crate) fn call(
    portal: &Portal,
    st: &mut State,
    caller: &Caller,
    method: &str,
    params: &Value,
) -> R {
    let now = portal.clock().unix() as i64;
    match method {
        "app.info" => Ok(Output::one(app_info(portal, st, caller))),
        // scope.md: the caller's scopes, or with `full` the complete list of
        // permissions.md.
        "scope" if truthy(param(params, "full"), false) => {
            Ok(Output::one(json!(DOCUMENTED_SCOPES)))
        }
        "scope" => Ok(Output::one(json!(
            caller
                .scopes
                .iter()
                .filter(|s| DOCUMENTED_SCOPES.contains(&s.as_str()))
                .collect::<Vec<_>>()
        ))),
        "methods" => {
            // Every REST v2 method of the registry, and `events`, which the
            // specs do not list.
            let mut names = crate::registry::registry().names(false);
            names.push("events");
            Ok(Output::one(json!(names)))
        }
        "server.time" => Ok(Output::one(json!(iso8601(now)))),
        "events" => Ok(Output::one(json!(event_catalog(caller, params)))),
        "tasks.task.get" => tasks::get_v2(st, caller, params),
        "tasks.task.add" | "tasks.task.update" | "tasks.task.delete" | "tasks.task.list" => {
            tasks::call_v2(st, caller, method, params, now)
        }
        "profile" | "user.current" => {
            let row = st
                .users
                .row(caller.user_id)
                .ok_or_else(|| ApiError::new(401, "NO_AUTH_FOUND", "User not found"))?;
            let rec = st.users.materialize(row);
            if method == "profile" {
                Ok(Output::one(json!({
                    "ID": rec.get("ID"), "ADMIN": st.is_admin(caller.user_id),
                    "NAME": rec.get("NAME"), "LAST_NAME": rec.get("LAST_NAME"),
                    "PERSONAL_GENDER": rec.get("PERSONAL_GENDER"), "TIME_ZONE": "", "TIME_ZONE_OFFSET": 0
                })))
            } else {
                Ok(Output::one(Value::Object(rec)))
            }
        }
        "user.get" => user_get(st, caller, params),
        "event.bind" => event_bind(st, caller, params),
        "event.unbind" => event_unbind(st, caller, params),
        "event.get" => event_get(st, caller),
        "event.offline.get" => offline_get(st, caller, params),
        "event.offline.list" => offline_list(st, caller, params),
        "event.offline.clear" => offline_clear(st, caller, params, false),
        "event.offline.error" => offline_clear(st, caller, params, true),
        "placement.bind" => placement_bind(portal, st, caller, params),
        "placement.unbind" => placement_unbind(st, caller, params),
        "placement.get" => placement_get(st, caller),
        "placement.list" => {
            require_app(caller)?;
            let list = placement_catalog(caller, params);
            Ok(Output::one(json!(list)))
        }
        "voximplant.statistic.get" => call_statistics(st, params),
        m if m.starts_with("telephony.") => telephony(portal, st, caller, m, params, now),
        m if calendar::handles(m) => calendar::call(st, caller, m, params, now),
        m if currency::handles(m) => currency::call(st, caller, m, params, now),
        m if im::handles(m) => im::call(st, caller, m, params, now),
        m if options::handles(m) => options::call(st, caller, m, params, now),
        "crm.stagehistory.list" => stagehistory::list(st, params),
        m if userfieldconfig::handles(m) => userfieldconfig::call(st, caller, m, params, now),
        m if app_storage::handles(m) => app_storage::call(st, caller, m, params, now),
        m if activity_type::handles(m) => activity_type::call(st, caller, m, params, now),
        m if lists_field::handles(m) => lists_field::call(st, caller, m, params, now),
        m if app_codes::handles(m) => app_codes::call(st, caller, m, params, now),
        m if crm_types::handles(m) => crm_types::call(st, caller, m, params, now),
        m if crm_wrapped::handles(m) => crm_wrapped::call(st, caller, m, params, now),
        m if activity_binding::handles(m) => {
            activity_binding::call(st, caller.user_id, m, params, now)
        }
        m if crm_address::handles(m) => crm_address::call(st, caller.user_id, m, params, now),
        m => match crm_route(m) {
            Some((Some(etid), verb)) => crm_legacy(portal, st, caller, etid, verb, params, now),
            Some((None, verb)) => crm_item(portal, st, caller, verb, params, now),
            None => Err(method_not_found()),
        },
    }
}

fn require_app(caller: &Caller) -> Result<(), ApiError> {
    if caller.is_app() {
        Ok(())
    } else {
        Err(ApiError::wrong_auth_type())
    }
}

fn app_info(portal: &Portal, st: &State, caller: &Caller) -> Value {
    let cfg = portal.config();
    let mut v = json!({
        "ID": 1,
        "CODE": st.app.client_id,
        "VERSION": 1,
        "STATUS": "L",
        "INSTALLED": st.app_installed,
        "PAYMENT_EXPIRED": "N",
        "DAYS": null,
        "LANGUAGE_ID": cfg.lang,
        "LICENSE": "en_project",
        "LICENSE_TYPE": "project",
        "LICENSE_FAMILY": "project",
    });
    if matches!(caller.auth, AuthKind::OAuth { .. }) {
        // As the authorization server answers: who the token belongs to.
        v["user_id"] = json!(caller.user_id);
        v["client_id"] = json!(st.app.client_id);
        v["install"] = json!({
            "installed": st.app_installed, "version": 1, "status": "L",
            "scope": caller.scopes.join(","), "domain": cfg.domain,
            "uri": cfg.base_url, "client_endpoint": format!("{}/rest/", cfg.base_url),
            "server_endpoint": format!("{}/rest/", cfg.base_url), "member_id": cfg.member_id,
        });
    }
    v
}

const ENTITY_NAMES: [(i64, &str, &str); 4] = [
    (1, "LEAD", "ONCRMLEAD"),
    (2, "DEAL", "ONCRMDEAL"),
    (3, "CONTACT", "ONCRMCONTACT"),
    (4, "COMPANY", "ONCRMCOMPANY"),
];

fn event_prefix(etid: i64) -> Option<&'static str> {
    ENTITY_NAMES
        .iter()
        .find(|(t, _, _)| *t == etid)
        .map(|(_, _, e)| *e)
}

fn id_param(params: &Value) -> Result<u64, ApiError> {
    int_param(params, "id")
        .filter(|&n| n > 0)
        .map(|n| n as u64)
        .ok_or_else(|| ApiError::crm("ID is not defined or invalid."))
}

/// Loose equality of a sent value and a stored one: their JSON text with a
/// string's quotes dropped, so `"7"` equals `7`.
pub(crate) fn same_text(a: &Value, b: &Value) -> bool {
    a.to_string().trim_matches('"') == b.to_string().trim_matches('"')
}

fn fields_param(params: &Value) -> Result<Record, ApiError> {
    match param(params, "fields") {
        Some(Value::Object(m)) => Ok(m.clone()),
        // PHP clients send an empty array as `[]`: an empty map to PHP.
        Some(Value::Array(a)) if a.is_empty() => Ok(Record::new()),
        _ => Err(ApiError::crm("Parameter 'fields' must be array.")),
    }
}

fn list_query(
    params: &Value,
    camel_names: bool,
    order_keys: Option<&[String]>,
) -> Result<Query, ApiError> {
    let bad = |what: &str| {
        if camel_names {
            ApiError::new(
                400,
                "INVALID_ARG_VALUE",
                &format!("Parameter '{what}' must be array."),
            )
        } else {
            ApiError::crm(&format!("Parameter '{what}' must be array."))
        }
    };
    let filter = map_param(params, "filter").map_err(|()| bad("filter"))?;
    let order = map_param(params, "order").map_err(|()| bad("order"))?;
    Ok(Query {
        filter: parse_filter(&filter),
        order: parse_order(&ordered(&order, order_keys)),
        start: start_param(params),
    })
}
