//! The REST methods. Each takes the caller and the decoded parameters and
//! returns a result or a documented error.

use serde_json::{Map, Value, json};

use crate::clock::{iso8601, parse_iso8601};
use crate::protocol::{ApiError, Caller, Output, method_not_found, ordered};

pub(crate) mod entity;
pub(crate) mod spec;
pub(crate) mod tasks;
use crate::state::{
    AuthKind, EventHandler, ExternalCall, Placement, Portal, State, UiEvent, has_scope,
};
use crate::store::{
    self, Kind, PAGE, Query, Record, Store, camel, contact_for_phone, item_value, parse_filter,
    parse_order, upper_snake,
};

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
        "placement.bind" | "placement.unbind" | "placement.get" | "placement.list" => "placement",
        m if TELEPHONY.contains(&m) => "telephony",
        m if m.starts_with("crm.") && crm_route(m).is_some() => "crm",
        _ => return None,
    })
}

const TELEPHONY: &[&str] = &[
    "telephony.externalcall.register",
    "telephony.externalcall.finish",
    "telephony.externalcall.show",
    "telephony.externalcall.hide",
    "telephony.externalcall.searchcrmentities",
    "telephony.externalcall.attachrecord",
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
        "scope" => Ok(Output::one(json!(caller.scopes))),
        "methods" => {
            // Every REST v2 method of the registry, and `events`, which the
            // specs do not list.
            let mut names = crate::registry::registry().names(false);
            names.push("events");
            Ok(Output::one(json!(names)))
        }
        "server.time" => Ok(Output::one(json!(iso8601(now)))),
        "events" => Ok(Output::one(json!(KNOWN_EVENTS))),
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
        "event.get" => {
            require_app(caller)?;
            let list: Vec<Value> = st
                .handlers
                .iter()
                .map(|h| {
                    json!({"event": h.event, "handler": h.handler,
                           "auth_type": h.auth_type.to_string(), "offline": u8::from(h.offline)})
                })
                .collect();
            Ok(Output::one(json!(list)))
        }
        "event.offline.get" => offline_get(st, caller, params),
        "event.offline.list" => offline_list(st, caller, params),
        "event.offline.clear" => offline_clear(st, caller, params, false),
        "event.offline.error" => offline_clear(st, caller, params, true),
        "placement.bind" => placement_bind(portal, st, caller, params),
        "placement.unbind" => placement_unbind(st, caller, params),
        "placement.get" => {
            require_app(caller)?;
            let list: Vec<Value> = st
                .placements
                .iter()
                .map(|p| {
                    json!({"placement": p.placement, "userId": p.user_id, "handler": p.handler,
                           "options": p.options, "title": p.title, "description": p.description,
                           "langAll": p.lang_all})
                })
                .collect();
            Ok(Output::one(json!(list)))
        }
        "placement.list" => {
            require_app(caller)?;
            let scope = str_param(params, "SCOPE")
                .unwrap_or_default()
                .to_lowercase();
            let full = truthy(param(params, "FULL"), false);
            let list: Vec<&str> = PLACEMENTS
                .iter()
                .filter(|(s, _)| {
                    if !scope.is_empty() {
                        *s == scope
                    } else {
                        full || s.is_empty() || has_scope(&caller.scopes, s)
                    }
                })
                .map(|(_, p)| *p)
                .collect();
            Ok(Output::one(json!(list)))
        }
        m if m.starts_with("telephony.") => telephony(portal, st, caller, m, params, now),
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

fn fields_param(params: &Value) -> Result<Record, ApiError> {
    match param(params, "fields") {
        Some(Value::Object(m)) => Ok(m.clone()),
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

fn fields_description(store: &Store, camel_names: bool) -> Value {
    let mut out = Map::new();
    for f in store.fields().iter().chain(store.multi_fields()) {
        let ty = match *f {
            "ID" | "ASSIGNED_BY_ID" | "CREATED_BY_ID" | "MODIFY_BY_ID" | "CONTACT_ID"
            | "COMPANY_ID" | "CATEGORY_ID" | "LEAD_ID" | "QUOTE_ID" => "integer",
            "OPPORTUNITY" | "TAX_VALUE" => "double",
            "DATE_CREATE" | "DATE_MODIFY" | "BEGINDATE" | "CLOSEDATE" | "CREATED_TIME"
            | "UPDATED_TIME" | "MOVED_TIME" => "datetime",
            "OPENED"
            | "CLOSED"
            | "IS_MANUAL_OPPORTUNITY"
            | "HAS_PHONE"
            | "HAS_EMAIL"
            | "EXPORT"
            | "IS_NEW" => "char",
            "PHONE" | "EMAIL" => "crm_multifield",
            "STAGE_ID" | "TYPE_ID" | "SOURCE_ID" | "CURRENCY_ID" | "STATUS_ID" => "crm_status",
            _ => "string",
        };
        let name = if camel_names {
            camel(f)
        } else {
            (*f).to_owned()
        };
        out.insert(
            name,
            json!({
                "type": ty, "isRequired": false, "isReadOnly": store.read_only(f),
                "isImmutable": false, "isMultiple": store.multi_fields().contains(f),
                "isDynamic": false, "title": f,
            }),
        );
    }
    Value::Object(out)
}

/// The reading verbs of a legacy CRM entity (`crm.deal.list`, ...).
fn crm_legacy_read(store: &Store, caller: &Caller, verb: &str, params: &Value) -> R {
    match verb {
        "fields" => Ok(Output::one(fields_description(store, false))),
        "list" => {
            let q = list_query(params, false, caller.order_keys.as_deref())?;
            let select: Vec<String> = select_param(params)
                .iter()
                .map(|s| s.to_uppercase())
                .collect();
            let page = store.list(&q);
            let rows: Vec<Value> = page
                .ids
                .iter()
                .filter_map(|id| store.row(*id))
                .map(|r| Value::Object(store.project(r, &select)))
                .collect();
            Ok(Output {
                rows: rows.len() as u64,
                synthesized: false,
                result: Value::Array(rows),
                total: Some(page.total.unwrap_or(0)),
                next: page.next,
            })
        }
        "get" => {
            let id = id_param(params)?;
            let row = store.row(id).ok_or_else(|| ApiError::crm("Not found"))?;
            Ok(Output::one(Value::Object(store.materialize(row))))
        }
        _ => Err(method_not_found()),
    }
}

#[allow(clippy::too_many_arguments)]
fn crm_legacy(
    portal: &Portal,
    st: &mut State,
    caller: &Caller,
    etid: i64,
    verb: &str,
    params: &Value,
    now: i64,
) -> R {
    let prefix = event_prefix(etid).unwrap_or("ONCRMDEAL");
    let user = caller.user_id;
    let Some(store) = st.store_for(etid) else {
        return Err(method_not_found());
    };
    match verb {
        "fields" | "list" | "get" => crm_legacy_read(store, caller, verb, params),
        "add" => {
            let fields = fields_param(params)?;
            let id = store.add(&fields, user, now);
            portal.emit(
                st,
                &format!("{prefix}ADD"),
                json!({"FIELDS": {"ID": id.to_string()}}),
                user,
            );
            Ok(Output::one(json!(id)))
        }
        "update" => {
            let id = id_param(params)?;
            let fields = fields_param(params)?;
            if !store.update(id, &fields, user, now) {
                return Err(ApiError::crm("Not found"));
            }
            portal.emit(
                st,
                &format!("{prefix}UPDATE"),
                json!({"FIELDS": {"ID": id.to_string()}}),
                user,
            );
            Ok(Output::one(json!(true)))
        }
        "delete" => {
            let id = id_param(params)?;
            if !store.delete(id) {
                return Err(ApiError::crm("Not found"));
            }
            portal.emit(
                st,
                &format!("{prefix}DELETE"),
                json!({"FIELDS": {"ID": id.to_string()}}),
                user,
            );
            Ok(Output::one(json!(true)))
        }
        _ => Err(method_not_found()),
    }
}

fn item_json(store: &Store, rec: Record, select: &[String]) -> Value {
    let all = select.is_empty() || select.iter().any(|s| s == "*");
    let mut out = Map::new();
    for (k, v) in rec {
        let name = camel(&k);
        if all
            || select
                .iter()
                .any(|s| *s == name || s.eq_ignore_ascii_case(&k))
        {
            let v = item_value(&name, v);
            out.insert(name, v);
        }
    }
    if let Kind::Item(t) = store.kind {
        out.entry("entityTypeId").or_insert(json!(t));
    }
    Value::Object(out)
}

/// The reading verbs of `crm.item.*`.
fn crm_item_read(st: &State, caller: &Caller, verb: &str, params: &Value) -> R {
    let etid = int_param(params, "entityTypeId")
        .ok_or_else(|| ApiError::new(400, "NOT_FOUND", "SPA not found"))?;
    let Some(store) = st.store_ref(etid) else {
        return Err(ApiError::new(400, "NOT_FOUND", "SPA not found"));
    };
    let not_found = || ApiError::new(400, "NOT_FOUND", "Item not found");
    match verb {
        "fields" => Ok(Output::one(
            json!({"fields": fields_description(store, true)}),
        )),
        "list" => {
            let q = list_query(params, true, caller.order_keys.as_deref())?;
            let mut select = select_param(params);
            if select.is_empty() {
                select.push("*".into());
            }
            let page = store.list(&q);
            let items: Vec<Value> = page
                .ids
                .iter()
                .filter_map(|id| store.row(*id))
                .map(|r| item_json(store, store.materialize(r), &select))
                .collect();
            Ok(Output {
                rows: items.len() as u64,
                synthesized: false,
                result: json!({"items": items}),
                total: Some(page.total.unwrap_or(0)),
                next: page.next,
            })
        }
        "get" => {
            let id = int_param(params, "id")
                .filter(|&n| n > 0)
                .ok_or_else(not_found)? as u64;
            let row = store.row(id).ok_or_else(not_found)?;
            Ok(Output::one(
                json!({"item": item_json(store, store.materialize(row), &[])}),
            ))
        }
        _ => Err(method_not_found()),
    }
}

fn crm_item(
    portal: &Portal,
    st: &mut State,
    caller: &Caller,
    verb: &str,
    params: &Value,
    now: i64,
) -> R {
    if matches!(verb, "fields" | "list" | "get") {
        return crm_item_read(st, caller, verb, params);
    }
    let etid = int_param(params, "entityTypeId")
        .ok_or_else(|| ApiError::new(400, "NOT_FOUND", "SPA not found"))?;
    let user = caller.user_id;
    let Some(store) = st.store_for(etid) else {
        return Err(ApiError::new(400, "NOT_FOUND", "SPA not found"));
    };
    let not_found = || ApiError::new(400, "NOT_FOUND", "Item not found");
    // crm.item fields arrive in camelCase; the store keeps UPPER_SNAKE.
    let upper_fields = |params: &Value| -> Result<Record, ApiError> {
        match param(params, "fields") {
            Some(Value::Object(m)) => {
                Ok(m.iter().map(|(k, v)| (upper_snake(k), v.clone())).collect())
            }
            _ => Err(ApiError::new(
                400,
                "INVALID_ARG_VALUE",
                "Parameter 'fields' must be array.",
            )),
        }
    };
    let (ev_add, ev_update, ev_delete, dynamic) = match event_prefix(etid) {
        Some(p) => (
            format!("{p}ADD"),
            format!("{p}UPDATE"),
            format!("{p}DELETE"),
            false,
        ),
        None => (
            format!("ONCRMDYNAMICITEMADD_{etid}"),
            format!("ONCRMDYNAMICITEMUPDATE_{etid}"),
            format!("ONCRMDYNAMICITEMDELETE_{etid}"),
            true,
        ),
    };
    let ev_data = |id: u64| {
        if dynamic {
            json!({"FIELDS": {"ID": id, "ENTITY_TYPE_ID": etid}})
        } else {
            json!({"FIELDS": {"ID": id.to_string()}})
        }
    };
    match verb {
        "add" => {
            let fields = upper_fields(params)?;
            let id = store.add(&fields, user, now);
            let item = store
                .row(id)
                .map(|r| item_json(store, store.materialize(r), &[]));
            portal.emit(st, &ev_add, ev_data(id), user);
            Ok(Output::one(json!({"item": item})))
        }
        "update" => {
            let id = int_param(params, "id")
                .filter(|&n| n > 0)
                .ok_or_else(not_found)? as u64;
            let fields = upper_fields(params)?;
            if !store.update(id, &fields, user, now) {
                return Err(not_found());
            }
            let item = store
                .row(id)
                .map(|r| item_json(store, store.materialize(r), &[]));
            portal.emit(st, &ev_update, ev_data(id), user);
            Ok(Output::one(json!({"item": item})))
        }
        "delete" => {
            let id = int_param(params, "id")
                .filter(|&n| n > 0)
                .ok_or_else(not_found)? as u64;
            if !store.delete(id) {
                return Err(not_found());
            }
            portal.emit(st, &ev_delete, ev_data(id), user);
            Ok(Output::one(json!([])))
        }
        _ => Err(method_not_found()),
    }
}

fn user_get(st: &mut State, caller: &Caller, params: &Value) -> R {
    let mut filter = map_param(params, "filter").unwrap_or_default();
    // Legacy form: filter fields given as top-level parameters.
    if let Some(m) = params.as_object() {
        for (k, v) in m {
            let bare = k.trim_start_matches(['>', '<', '=', '!', '@', '%']);
            if bare.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && bare == bare.to_uppercase()
                && !matches!(bare, "FILTER" | "ADMIN_MODE" | "IMAGE_RESIZE")
            {
                filter.insert(k.clone(), v.clone());
            }
        }
    }
    let mut order = Vec::new();
    match (param(params, "sort"), param(params, "order")) {
        (Some(Value::String(f)), o) => order.push(store::OrderBy {
            field: f.to_uppercase(),
            desc: o
                .and_then(Value::as_str)
                .is_some_and(|o| o.eq_ignore_ascii_case("desc")),
        }),
        (_, Some(Value::Object(o))) => {
            order = parse_order(&ordered(o, caller.order_keys.as_deref()))
        }
        _ => {}
    }
    let q = Query {
        filter: parse_filter(&filter),
        order,
        start: start_param(params),
    };
    let select: Vec<String> = select_param(params)
        .iter()
        .map(|s| s.to_uppercase())
        .collect();
    let page = st.users.list(&q);
    let rows: Vec<Value> = page
        .ids
        .iter()
        .filter_map(|id| st.users.row(*id))
        .map(|r| Value::Object(st.users.project(r, &select)))
        .collect();
    Ok(Output {
        rows: rows.len() as u64,
        synthesized: false,
        result: Value::Array(rows),
        total: Some(page.total.unwrap_or(0)),
        next: page.next,
    })
}

/// Events `event.bind` accepts.
const KNOWN_EVENTS: &[&str] = &[
    "ONAPPINSTALL",
    "ONAPPUNINSTALL",
    "ONAPPUPDATE",
    "ONOFFLINEEVENT",
    "ONCRMDEALADD",
    "ONCRMDEALUPDATE",
    "ONCRMDEALDELETE",
    "ONCRMCONTACTADD",
    "ONCRMCONTACTUPDATE",
    "ONCRMCONTACTDELETE",
    "ONCRMLEADADD",
    "ONCRMLEADUPDATE",
    "ONCRMLEADDELETE",
    "ONCRMCOMPANYADD",
    "ONCRMCOMPANYUPDATE",
    "ONCRMCOMPANYDELETE",
    "ONVOXIMPLANTCALLINIT",
    "ONVOXIMPLANTCALLSTART",
    "ONVOXIMPLANTCALLEND",
    "ONEXTERNALCALLSTART",
    "ONEXTERNALCALLBACKSTART",
];

fn event_known(event: &str) -> bool {
    KNOWN_EVENTS.contains(&event)
        || [
            "ONCRMDYNAMICITEMADD",
            "ONCRMDYNAMICITEMUPDATE",
            "ONCRMDYNAMICITEMDELETE",
        ]
        .iter()
        .any(|p| event.starts_with(p))
}

fn event_bind(st: &mut State, caller: &Caller, params: &Value) -> R {
    require_app(caller)?;
    let event = str_param(params, "event")
        .unwrap_or_default()
        .to_uppercase();
    if event.is_empty() || !event_known(&event) {
        return Err(ApiError::new(
            400,
            "ERROR_EVENT_NOT_FOUND",
            "Event not found",
        ));
    }
    let offline =
        str_param(params, "event_type").is_some_and(|t| t.eq_ignore_ascii_case("offline"));
    let auth_type = int_param(params, "auth_type").unwrap_or(0).max(0) as u64;
    let handler = str_param(params, "handler").unwrap_or_default();
    if offline && !st.is_admin(caller.user_id) {
        return Err(ApiError::new(
            403,
            "ACCESS_DENIED",
            "Access denied! Offline events binding requires administrator access rights",
        ));
    }
    if auth_type != 0 && auth_type != caller.user_id && !st.is_admin(caller.user_id) {
        return Err(ApiError::new(
            403,
            "ACCESS_DENIED",
            "Access denied! Event binding with AUTH_TYPE requires administrator access rights",
        ));
    }
    if !offline && handler.is_empty() {
        return Err(ApiError::argument(
            400,
            "handler",
            "Argument 'handler' is null or empty".into(),
        ));
    }
    let connector = str_param(params, "auth_connector").unwrap_or_default();
    if st.handlers.iter().any(|h| {
        h.event == event && h.handler == handler && h.auth_type == auth_type && h.offline == offline
    }) {
        return Err(ApiError::new(
            400,
            "ERROR_HANDLER_ALREADY_EXIST",
            "Handler already exists!",
        ));
    }
    let id = st.next_seq();
    st.handlers.push(EventHandler {
        id,
        event,
        handler,
        auth_type,
        offline,
        connector,
    });
    Ok(Output::one(json!(true)))
}

fn event_unbind(st: &mut State, caller: &Caller, params: &Value) -> R {
    require_app(caller)?;
    let event = str_param(params, "event")
        .unwrap_or_default()
        .to_uppercase();
    let handler = str_param(params, "handler");
    let offline =
        str_param(params, "event_type").is_some_and(|t| t.eq_ignore_ascii_case("offline"));
    let auth_type = int_param(params, "auth_type").map(|n| n.max(0) as u64);
    if offline && !st.is_admin(caller.user_id) {
        return Err(ApiError::new(
            403,
            "ACCESS_DENIED",
            "Access denied! Offline events unbinding requires administrator access rights",
        ));
    }
    let before = st.handlers.len();
    st.handlers.retain(|h| {
        !(h.event == event
            && h.offline == offline
            && handler.as_ref().is_none_or(|x| *x == h.handler)
            && auth_type.is_none_or(|a| a == h.auth_type))
    });
    Ok(Output::one(json!({"count": before - st.handlers.len()})))
}

fn offline_row(e: &crate::state::OfflineEvent, full: bool) -> Value {
    let mut v = json!({
        "ID": e.id.to_string(),
        "TIMESTAMP_X": iso8601(e.ts),
        "EVENT_NAME": e.event,
        "EVENT_DATA": e.data,
        "EVENT_ADDITIONAL": {"user_id": "1"},
        "MESSAGE_ID": e.message_id,
    });
    if full {
        v["PROCESS_ID"] = json!(e.process_id.clone().unwrap_or_default());
        v["ERROR"] = json!(if e.error { "1" } else { "0" });
        v["CONNECTOR_ID"] = json!(e.connector);
    }
    v
}

fn offline_get(st: &mut State, caller: &Caller, params: &Value) -> R {
    require_app(caller)?;
    if !st.is_admin(caller.user_id) {
        return Err(ApiError::access_denied());
    }
    let limit = int_param(params, "limit").unwrap_or(50).clamp(1, 1000) as usize;
    let clear = truthy(param(params, "clear"), true);
    let want_errors = truthy(param(params, "error"), false);
    let connector = str_param(params, "auth_connector").unwrap_or_default();
    let filter = map_param(params, "filter").unwrap_or_default();
    let conds = parse_filter(&filter);
    let picked: Vec<usize> = st
        .offline
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.process_id.is_none() && e.error == want_errors && e.connector == connector
        })
        .filter(|(_, e)| {
            let row = offline_row(e, false);
            let rec = row.as_object().cloned().unwrap_or_default();
            conds
                .iter()
                .all(|c| c.holds(rec.get(c.field()).unwrap_or(&Value::Null)))
        })
        .map(|(i, _)| i)
        .take(limit)
        .collect();
    let events: Vec<Value> = picked
        .iter()
        .map(|&i| offline_row(&st.offline[i], false))
        .collect();
    let process_id = if clear {
        let mut i = 0;
        st.offline.retain(|_| {
            let keep = !picked.contains(&i);
            i += 1;
            keep
        });
        Value::Null
    } else {
        let pid = st.token(32);
        for &i in &picked {
            st.offline[i].process_id = Some(pid.clone());
        }
        json!(pid)
    };
    Ok(Output::one(
        json!({"process_id": process_id, "events": events}),
    ))
}

fn offline_list(st: &mut State, caller: &Caller, params: &Value) -> R {
    require_app(caller)?;
    if !st.is_admin(caller.user_id) {
        return Err(ApiError::access_denied());
    }
    let start = start_param(params).unwrap_or(0) as usize;
    let total = st.offline.len();
    let rows: Vec<Value> = st
        .offline
        .iter()
        .skip(start)
        .take(PAGE as usize)
        .map(|e| offline_row(e, true))
        .collect();
    let next = (start + (PAGE as usize) < total).then_some((start as u64) + PAGE);
    Ok(Output {
        rows: rows.len() as u64,
        synthesized: false,
        result: json!(rows),
        total: Some(total as u64),
        next,
    })
}

fn ids_of(v: Option<&Value>) -> Option<Vec<String>> {
    match v? {
        Value::Array(a) => Some(
            a.iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| x.to_string())
                })
                .collect(),
        ),
        Value::Object(o) => Some(
            o.values()
                .map(|x| {
                    x.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| x.to_string())
                })
                .collect(),
        ),
        Value::String(s) => Some(vec![s.clone()]),
        Value::Number(n) => Some(vec![n.to_string()]),
        _ => None,
    }
}

fn offline_clear(st: &mut State, caller: &Caller, params: &Value, error: bool) -> R {
    require_app(caller)?;
    if !st.is_admin(caller.user_id) {
        return Err(ApiError::access_denied());
    }
    let Some(pid) = str_param(params, "process_id").filter(|p| !p.is_empty()) else {
        return Err(ApiError::argument(
            400,
            "process_id",
            "Argument 'process_id' is null or empty".into(),
        ));
    };
    let ids = ids_of(param(params, "id"));
    let messages = ids_of(param(params, "message_id"));
    let selected = |e: &crate::state::OfflineEvent| {
        e.process_id.as_deref() == Some(pid.as_str())
            && ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&e.id.to_string()))
            && messages.as_ref().is_none_or(|m| m.contains(&e.message_id))
    };
    if error {
        for e in st.offline.iter_mut().filter(|e| selected(e)) {
            e.error = true;
            e.process_id = None;
        }
    } else {
        st.offline.retain(|e| !selected(e));
    }
    Ok(Output::one(json!(true)))
}

/// Placement codes by scope (a subset of `widgets/placements.md`); an empty
/// scope marks global placements.
const PLACEMENTS: &[(&str, &str)] = &[
    ("crm", "CRM_DEAL_LIST_TOOLBAR"),
    ("crm", "CRM_DEAL_DETAIL_TOOLBAR"),
    ("crm", "CRM_DEAL_DETAIL_TAB"),
    ("crm", "CRM_DEAL_DETAIL_ACTIVITY"),
    ("crm", "CRM_DEAL_LIST_MENU"),
    ("crm", "CRM_CONTACT_LIST_TOOLBAR"),
    ("crm", "CRM_CONTACT_DETAIL_TOOLBAR"),
    ("crm", "CRM_CONTACT_DETAIL_TAB"),
    ("crm", "CRM_CONTACT_LIST_MENU"),
    ("crm", "CRM_LEAD_LIST_TOOLBAR"),
    ("crm", "CRM_LEAD_DETAIL_TAB"),
    ("crm", "CRM_COMPANY_LIST_TOOLBAR"),
    ("crm", "CRM_COMPANY_DETAIL_TAB"),
    ("crm", "CRM_ANALYTICS_MENU"),
    ("telephony", "CALL_CARD"),
    ("telephony", "TELEPHONY_ANALYTICS_MENU"),
    ("user", "USER_PROFILE_MENU"),
    ("user", "USER_PROFILE_TOOLBAR"),
    ("", "REST_APP_URI"),
    ("", "PAGE_BACKGROUND_WORKER"),
    ("", "LEFT_MENU"),
];

fn placement_bind(portal: &Portal, st: &mut State, caller: &Caller, params: &Value) -> R {
    require_app(caller)?;
    let required = |name: &str| -> Result<String, ApiError> {
        match param(params, name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
            _ => Err(ApiError::argument(
                200,
                name,
                format!("Argument '{name}' is null or empty"),
            )),
        }
    };
    let placement = required("PLACEMENT")?.to_uppercase();
    let handler = required("HANDLER")?;
    let options = match param(params, "OPTIONS") {
        Some(v @ Value::Object(_)) => v.clone(),
        _ => json!([]),
    };
    let user_id = int_param(params, "USER_ID").unwrap_or(0).max(0) as u64;
    let single = matches!(
        placement.as_str(),
        "PAGE_BACKGROUND_WORKER" | "REST_APP_URI"
    );
    if user_id != 0 && placement != "PAGE_BACKGROUND_WORKER" {
        return Err(ApiError::new(
            200,
            "ERROR_PLACEMENT_USER_MODE",
            "This placement does not support user mode",
        ));
    }
    if placement == "PAGE_BACKGROUND_WORKER"
        && options
            .get("errorHandlerUrl")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
    {
        return Err(ApiError::new(
            200,
            "EMPTY_ERROR_HANDLER_URL",
            "The OPTIONS[errorHandlerUrl] parameter is required for PAGE_BACKGROUND_WORKER",
        ));
    }
    if single
        && st
            .placements
            .iter()
            .any(|p| p.placement == placement && p.user_id == user_id)
    {
        return Err(ApiError::new(
            200,
            "ERROR_PLACEMENT_MAX_COUNT",
            "Placement max count exceeded",
        ));
    }
    if st
        .placements
        .iter()
        .any(|p| p.placement == placement && p.handler == handler && p.user_id == user_id)
    {
        return Ok(Output::one(json!(true)));
    }
    let title = str_param(params, "TITLE").unwrap_or_default();
    let description = str_param(params, "DESCRIPTION").unwrap_or_default();
    let group_name = str_param(params, "GROUP_NAME").unwrap_or_default();
    let lang_all = match param(params, "LANG_ALL") {
        Some(v @ Value::Object(_)) => v.clone(),
        _ => json!({"en": {"TITLE": title, "DESCRIPTION": description, "GROUP_NAME": group_name}}),
    };
    st.placements.push(Placement {
        placement: placement.clone(),
        handler: handler.clone(),
        title,
        description,
        options,
        lang_all,
        user_id,
    });
    portal.ui(UiEvent::PlacementBound { placement, handler });
    Ok(Output::one(json!(true)))
}

fn placement_unbind(st: &mut State, caller: &Caller, params: &Value) -> R {
    require_app(caller)?;
    if !st.is_admin(caller.user_id) {
        return Err(ApiError::access_denied());
    }
    let placement = match param(params, "PLACEMENT") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_uppercase(),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            return Err(ApiError::argument(
                400,
                "PLACEMENT",
                "Argument 'PLACEMENT' is null or empty".into(),
            ));
        }
        Some(_) => {
            return Err(ApiError::argument(
                400,
                "PLACEMENT",
                "The value of an argument 'PLACEMENT' must be of type string".into(),
            ));
        }
    };
    let handler = str_param(params, "HANDLER").filter(|h| !h.is_empty());
    let user_id = int_param(params, "USER_ID").map(|u| u.max(0) as u64);
    let before = st.placements.len();
    st.placements.retain(|p| {
        !(p.placement == placement
            && handler.as_ref().is_none_or(|h| *h == p.handler)
            && user_id.is_none_or(|u| u == p.user_id))
    });
    Ok(Output::one(json!({"count": before - st.placements.len()})))
}

fn core_error(description: &str) -> ApiError {
    ApiError::new(400, "ERROR_CORE", description)
}

fn call_user(st: &State, params: &Value) -> Result<u64, ApiError> {
    if let Some(u) = int_param(params, "USER_ID").filter(|&u| u > 0) {
        if st.user_exists(u as u64) {
            return Ok(u as u64);
        }
        return Err(core_error("User is not found or is not active"));
    }
    if let Some(inner) = str_param(params, "USER_PHONE_INNER").filter(|s| !s.is_empty()) {
        // Seeded users have inner numbers 100 + ID.
        return inner
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_sub(100))
            .filter(|&u| st.user_exists(u))
            .ok_or_else(|| core_error("User is not found or is not active"));
    }
    Err(core_error("USER_ID or USER_PHONE_INNER should be set"))
}

fn user_ids_param(params: &Value, fallback: u64) -> Vec<u64> {
    match param(params, "USER_ID") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(int_of)
            .map(|u| u.max(0) as u64)
            .collect(),
        Some(Value::Object(o)) => o
            .values()
            .filter_map(int_of)
            .map(|u| u.max(0) as u64)
            .collect(),
        Some(v) => int_of(v)
            .map(|u| vec![u.max(0) as u64])
            .unwrap_or_else(|| vec![fallback]),
        None => vec![fallback],
    }
}

fn find_crm_by_phone(st: &State, phone: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    if let Some(id) = contact_for_phone(phone)
        && st.contacts.row(id).is_some()
    {
        out.push(("CONTACT".to_owned(), id));
    }
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    // Leads made by telephony keep their phone in the overlay.
    st.leads.scan(1, st.leads.max_id(), false, |row| {
        if let Some(Value::Array(phones)) = st.leads.field(row, "PHONE")
            && phones.iter().any(|p| {
                p.get("VALUE").and_then(Value::as_str).is_some_and(|v| {
                    v.chars().filter(char::is_ascii_digit).collect::<String>() == digits
                })
            })
        {
            out.push(("LEAD".to_owned(), st.leads.row_id(row)));
        }
        true
    });
    out
}

/// Stores a new external call under a fresh `id` and `CALL_ID` (returned).
fn store_call(st: &mut State, mut call: ExternalCall) -> String {
    call.id = st.next_seq();
    call.call_id = format!(
        "externalCall.{}.{}",
        st.token(32),
        call.registered_at as i64
    );
    let call_id = call.call_id.clone();
    st.ext_calls.push(call);
    call_id
}

/// The line number of the app's external line in ONEXTERNALCALLSTART (the
/// emulator does not implement `telephony.externalLine.*`; one line exists).
pub(crate) const CLICK_TO_CALL_LINE: &str = "1";

/// A click on a phone number in the CRM by `user_id`: the portal registers an
/// outgoing call on the app's line, opens the call card and sends
/// ONEXTERNALCALLSTART with the fields the telephony tutorial lists
/// (`CALL_ID`, `PHONE_NUMBER`, `USER_ID`, `LINE_NUMBER`, `CRM_ENTITY_TYPE`,
/// `CRM_ENTITY_ID`, `CALL_LIST_ID`). The app finishes the returned `CALL_ID`
/// with `telephony.externalCall.finish`, without registering it.
pub(crate) fn click_to_call(
    portal: &Portal,
    st: &mut State,
    user_id: u64,
    phone: &str,
    crm_entity: Option<(String, u64)>,
) -> Result<String, ApiError> {
    if !st.user_exists(user_id) {
        return Err(core_error("User is not found or is not active"));
    }
    if !phone.chars().any(|c| c.is_ascii_digit()) {
        return Err(core_error("Unsupported phone number format"));
    }
    let clock_now = portal.clock().unix();
    let now = clock_now as i64;
    let crm_entity = crm_entity
        .map(|(t, id)| (t.to_uppercase(), id))
        .or_else(|| find_crm_by_phone(st, phone).into_iter().next());
    let call_id = store_call(
        st,
        ExternalCall {
            user_id,
            phone_number: phone.to_owned(),
            call_type: 1,
            line_number: CLICK_TO_CALL_LINE.to_owned(),
            start: now,
            registered_at: clock_now,
            crm_entity: crm_entity.clone(),
            ..ExternalCall::default()
        },
    );
    let (t, id) = crm_entity
        .clone()
        .map(|(t, i)| (json!(t), json!(i.to_string())))
        .unwrap_or((Value::Null, Value::Null));
    portal.emit(
        st,
        "ONEXTERNALCALLSTART",
        json!({"CALL_ID": call_id, "PHONE_NUMBER": phone, "USER_ID": user_id.to_string(),
               "LINE_NUMBER": CLICK_TO_CALL_LINE, "CRM_ENTITY_TYPE": t, "CRM_ENTITY_ID": id,
               "CALL_LIST_ID": Value::Null}),
        user_id,
    );
    portal.ui(UiEvent::CallCardShow {
        call_id: call_id.clone(),
        user_ids: vec![user_id],
        phone_number: phone.to_owned(),
        call_type: 1,
        crm_entity,
    });
    Ok(call_id)
}

fn telephony(
    portal: &Portal,
    st: &mut State,
    caller: &Caller,
    method: &str,
    params: &Value,
    now: i64,
) -> R {
    require_app(caller)?;
    let find = |st: &State| -> Result<usize, ApiError> {
        let call_id = str_param(params, "CALL_ID").unwrap_or_default();
        st.ext_calls
            .iter()
            .position(|c| c.call_id == call_id)
            .ok_or_else(|| core_error("Call is not found"))
    };
    match method {
        "telephony.externalcall.register" => {
            let user_id = call_user(st, params)?;
            let phone = str_param(params, "PHONE_NUMBER").unwrap_or_default();
            let call_type = int_param(params, "TYPE").unwrap_or(0);
            if !(1..=5).contains(&call_type) {
                return Err(core_error("Unknown TYPE"));
            }
            let start = match str_param(params, "CALL_START_DATE").filter(|s| !s.is_empty()) {
                Some(s) => parse_iso8601(&s).ok_or_else(|| {
                    core_error("CALL_START_DATE should be in the ISO-8601 format")
                })?,
                None => now,
            };
            if phone.trim().is_empty() || !phone.chars().any(|c| c.is_ascii_digit()) {
                return Err(core_error("Unsupported phone number format"));
            }
            let external = str_param(params, "EXTERNAL_CALL_ID").filter(|s| !s.is_empty());
            let clock_now = portal.clock().unix();
            // Re-registering the same external call within 30 minutes gives
            // back the existing CALL_ID.
            if let Some(ext) = &external
                && let Some(c) = st.ext_calls.iter().find(|c| {
                    c.external_call_id.as_ref() == Some(ext) && clock_now - c.registered_at < 1800.0
                })
            {
                let (t, id) = c
                    .crm_entity
                    .clone()
                    .map(|(t, i)| (json!(t), json!(i)))
                    .unwrap_or((Value::Null, Value::Null));
                return Ok(Output::one(json!({
                        "CALL_ID": c.call_id, "CRM_CREATED_LEAD": null, "CRM_CREATED_ENTITIES": [],
                        "CRM_ENTITY_TYPE": t, "CRM_ENTITY_ID": id,
                })));
            }
            let mut crm_entity = match (
                str_param(params, "CRM_ENTITY_TYPE"),
                int_param(params, "CRM_ENTITY_ID"),
            ) {
                (Some(t), Some(id)) if !t.is_empty() && id > 0 => {
                    Some((t.to_uppercase(), id as u64))
                }
                _ => find_crm_by_phone(st, &phone).into_iter().next(),
            };
            let mut created_lead = Value::Null;
            let mut created = Vec::new();
            if crm_entity.is_none() && int_param(params, "CRM_CREATE").unwrap_or(0) == 1 {
                let mut fields = Record::new();
                fields.insert("TITLE".into(), json!(format!("Call from {phone}")));
                fields.insert(
                    "PHONE".into(),
                    json!([{"VALUE": phone, "VALUE_TYPE": "WORK", "TYPE_ID": "PHONE"}]),
                );
                fields.insert("HAS_PHONE".into(), json!("Y"));
                if let Some(src) = str_param(params, "CRM_SOURCE") {
                    fields.insert("SOURCE_ID".into(), json!(src));
                }
                let id = st.leads.add(&fields, user_id, now);
                portal.emit(
                    st,
                    "ONCRMLEADADD",
                    json!({"FIELDS": {"ID": id.to_string()}}),
                    caller.user_id,
                );
                created_lead = json!(id);
                created.push(json!({"ENTITY_TYPE": "LEAD", "ENTITY_ID": id}));
                crm_entity = Some(("LEAD".into(), id));
            }
            let call_id = store_call(
                st,
                ExternalCall {
                    external_call_id: external,
                    user_id,
                    phone_number: phone.clone(),
                    call_type,
                    line_number: str_param(params, "LINE_NUMBER").unwrap_or_default(),
                    start,
                    registered_at: clock_now,
                    crm_entity: crm_entity.clone(),
                    ..ExternalCall::default()
                },
            );
            portal.emit(
                st,
                "ONVOXIMPLANTCALLINIT",
                json!({"CALL_ID": call_id, "CALL_TYPE": call_type.to_string(),
                       "CALLER_ID": phone, "REST_APP_ID": "1"}),
                caller.user_id,
            );
            if truthy(param(params, "SHOW"), true) {
                portal.ui(UiEvent::CallCardShow {
                    call_id: call_id.clone(),
                    user_ids: vec![user_id],
                    phone_number: phone,
                    call_type,
                    crm_entity: crm_entity.clone(),
                });
            }
            let (t, id) = crm_entity
                .map(|(t, i)| (json!(t), json!(i)))
                .unwrap_or((Value::Null, Value::Null));
            Ok(Output::one(json!({
                "CALL_ID": call_id, "CRM_CREATED_LEAD": created_lead, "CRM_CREATED_ENTITIES": created,
                "CRM_ENTITY_TYPE": t, "CRM_ENTITY_ID": id,
            })))
        }
        "telephony.externalcall.finish" => {
            let i = find(st)?;
            let user_id = call_user(st, params)?;
            let duration = int_param(params, "DURATION").unwrap_or(0).max(0);
            let status = str_param(params, "STATUS_CODE").unwrap_or_else(|| "200".into());
            let reason = str_param(params, "FAILED_REASON").unwrap_or_default();
            let cost = param(params, "COST")
                .and_then(|v| {
                    v.as_f64()
                        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                })
                .unwrap_or(0.0);
            let currency = str_param(params, "COST_CURRENCY").unwrap_or_default();
            let vote = int_param(params, "VOTE");
            let activity = st.next_seq();
            let c = &st.ext_calls[i];
            let (t, eid) = c
                .crm_entity
                .clone()
                .map(|(t, i)| (json!(t), json!(i)))
                .unwrap_or((Value::Null, Value::Null));
            let record = json!({
                "CALL_ID": c.call_id, "EXTERNAL_CALL_ID": c.external_call_id, "PORTAL_USER_ID": user_id,
                "PHONE_NUMBER": c.phone_number, "PORTAL_NUMBER": c.line_number,
                "INCOMING": c.call_type.to_string(), "CALL_DURATION": duration,
                "CALL_START_DATE": iso8601(c.start), "CALL_STATUS": i64::from(status == "200"),
                "CALL_VOTE": vote, "COST": cost, "COST_CURRENCY": currency,
                "CALL_FAILED_CODE": status, "CALL_FAILED_REASON": reason, "REST_APP_ID": "1",
                "REST_APP_NAME": "Emulator app", "CRM_ACTIVITY_ID": activity, "COMMENT": null,
                "CRM_ENTITY_TYPE": t, "CRM_ENTITY_ID": eid, "ID": c.id,
            });
            let data = json!({
                "CALL_ID": c.call_id, "CALL_TYPE": c.call_type.to_string(), "PHONE_NUMBER": c.phone_number,
                "PORTAL_NUMBER": format!("REST_APP:{}", c.line_number), "PORTAL_USER_ID": user_id.to_string(),
                "CALL_DURATION": duration.to_string(), "CALL_START_DATE": iso8601(c.start),
                "COST": cost.to_string(), "COST_CURRENCY": currency,
                "CALL_FAILED_CODE": status, "CALL_FAILED_REASON": reason,
                "CRM_ACTIVITY_ID": activity.to_string(),
            });
            let call_id = c.call_id.clone();
            st.ext_calls[i].finished = Some(record.clone());
            portal.emit(st, "ONVOXIMPLANTCALLEND", data, caller.user_id);
            portal.ui(UiEvent::CallCardHide {
                call_id,
                user_ids: vec![user_id],
            });
            Ok(Output::one(record))
        }
        "telephony.externalcall.show" | "telephony.externalcall.hide" => {
            let i = find(st)?;
            let c = st.ext_calls[i].clone();
            let user_ids = user_ids_param(params, c.user_id);
            if method.ends_with("show") {
                portal.ui(UiEvent::CallCardShow {
                    call_id: c.call_id,
                    user_ids,
                    phone_number: c.phone_number,
                    call_type: c.call_type,
                    crm_entity: c.crm_entity,
                });
            } else {
                portal.ui(UiEvent::CallCardHide {
                    call_id: c.call_id,
                    user_ids,
                });
            }
            Ok(Output::one(json!(true)))
        }
        "telephony.externalcall.searchcrmentities" => {
            let phone = str_param(params, "PHONE_NUMBER").unwrap_or_default();
            let found = find_crm_by_phone(st, &phone);
            let rows: Vec<Value> = found
                .iter()
                .filter_map(|(t, id)| {
                    let store = if t == "CONTACT" {
                        &st.contacts
                    } else {
                        &st.leads
                    };
                    let row = store.row(*id)?;
                    let assigned = store
                        .field(row, "ASSIGNED_BY_ID")
                        .and_then(|v| int_of(&v))
                        .unwrap_or(1);
                    let name = format!(
                        "{} {}",
                        store
                            .field(row, "NAME")
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                        store
                            .field(row, "LAST_NAME")
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    );
                    Some(json!({
                        "CRM_ENTITY_TYPE": t, "CRM_ENTITY_ID": id,
                        "ASSIGNED_BY": {"ID": assigned.to_string(), "TIMEMAN_STATUS": "OPENED",
                                        "USER_PHONE_INNER": (100 + assigned).to_string()},
                        "ASSIGNED_BY_ID": assigned.to_string(), "NAME": name.trim(),
                    }))
                })
                .collect();
            Ok(Output {
                rows: rows.len() as u64,
                synthesized: false,
                result: json!(rows),
                total: None,
                next: None,
            })
        }
        "telephony.externalcall.attachrecord" => {
            let i = find(st)?;
            let filename = str_param(params, "FILENAME").unwrap_or_default();
            if filename.is_empty() {
                return Err(core_error("FILENAME should be set"));
            }
            let has_content = param(params, "FILE_CONTENT").is_some_and(|v| !v.is_null())
                || str_param(params, "RECORD_URL").is_some_and(|s| !s.is_empty());
            if has_content {
                let file_id = st.next_seq();
                st.ext_calls[i].records.push(file_id);
                Ok(Output::one(json!({"FILE_ID": file_id})))
            } else {
                let base = &portal.config().base_url;
                let token = st.token(16);
                Ok(Output::one(json!({
                    "uploadUrl": format!("{base}/rest/upload/{token}/"), "fieldName": "file"
                })))
            }
        }
        _ => Err(method_not_found()),
    }
}
