//! user.get, event.* and event.offline.*, placement.*: the portal handlers beyond CRM.

#[allow(unused_imports)]
use super::*;

pub(super) fn user_get(st: &mut State, caller: &Caller, params: &Value) -> R {
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
    Ok(list_page(&st.users, &q, &select))
}

/// Events `event.bind` accepts.
pub(super) const KNOWN_EVENTS: &[&str] = &[
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

pub(super) fn event_known(event: &str) -> bool {
    KNOWN_EVENTS.contains(&event)
        || [
            "ONCRMDYNAMICITEMADD",
            "ONCRMDYNAMICITEMUPDATE",
            "ONCRMDYNAMICITEMDELETE",
        ]
        .iter()
        .any(|p| event.starts_with(p))
}

pub(super) fn event_bind(st: &mut State, caller: &Caller, params: &Value) -> R {
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
    let same = [
        eq("EVENT", event.as_str()),
        eq("HANDLER", handler.as_str()),
        eq("AUTH_TYPE", auth_type),
        eq("OFFLINE", offline),
    ];
    if st.row::<EventHandler>(EVENT_HANDLERS, &same).is_some() {
        return Err(ApiError::new(
            400,
            "ERROR_HANDLER_ALREADY_EXIST",
            "Handler already exists!",
        ));
    }
    st.insert(
        EVENT_HANDLERS,
        &EventHandler {
            event,
            handler,
            auth_type,
            offline,
            connector,
        },
    );
    Ok(Output::one(json!(true)))
}

pub(super) fn event_unbind(st: &mut State, caller: &Caller, params: &Value) -> R {
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
    let mut which = vec![eq("EVENT", event), eq("OFFLINE", offline)];
    which.extend(handler.map(|h| eq("HANDLER", h)));
    which.extend(auth_type.map(|a| eq("AUTH_TYPE", a)));
    let count = st.remove(EVENT_HANDLERS, &which);
    Ok(Output::one(json!({ "count": count })))
}

/// The rows of a binding family (`event.get`, `placement.get`) for an app,
/// oldest first, each as `wire` shows it. Both pages say "No parameters": a
/// `filter` is ignored as a portal ignores unknown keys, so an app that
/// relies on one fails here as it would in production.
fn bound<T: serde::de::DeserializeOwned>(
    st: &State,
    caller: &Caller,
    family: &str,
    wire: impl Fn(T) -> Value,
) -> R {
    require_app(caller)?;
    let rows = st.rows::<T>(family, &[]);
    Ok(Output::one(Value::Array(
        rows.into_iter().map(|(_, row)| wire(row)).collect(),
    )))
}

/// `event.get`: every handler the app bound.
pub(super) fn event_get(st: &State, caller: &Caller) -> R {
    bound(st, caller, EVENT_HANDLERS, |h: EventHandler| {
        json!({"event": h.event, "handler": h.handler,
               "auth_type": h.auth_type.to_string(), "offline": u8::from(h.offline)})
    })
}

/// An offline event as `event.offline.get` shows it: without the queue's
/// own columns, which `event.offline.list` shows too.
fn offline_row(rec: &Record) -> Value {
    let mut row = rec.clone();
    for k in ["PROCESS_ID", "ERROR", "CONNECTOR_ID"] {
        row.remove(k);
    }
    Value::Object(row)
}

pub(super) fn offline_get(st: &mut State, caller: &Caller, params: &Value) -> R {
    require_app(caller)?;
    if !st.is_admin(caller.user_id) {
        return Err(ApiError::access_denied());
    }
    let limit = int_param(params, "limit").unwrap_or(50).clamp(1, 1000) as u64;
    let clear = truthy(param(params, "clear"), true);
    let error = if truthy(param(params, "error"), false) {
        "1"
    } else {
        "0"
    };
    let connector = str_param(params, "auth_connector").unwrap_or_default();
    let mut filter = parse_filter(&map_param(params, "filter").unwrap_or_default());
    filter.extend([
        eq("PROCESS_ID", ""),
        eq("ERROR", error),
        eq("CONNECTOR_ID", connector),
    ]);
    let q = Query {
        filter,
        order: Vec::new(),
        start: None,
    };
    let store = st.family(OFFLINE_EVENTS);
    let picked = store.list_by(&q, limit, &|_, v| v).ids;
    let events: Vec<Value> = picked
        .iter()
        .filter_map(|id| store.record(*id).map(offline_row))
        .collect();
    let process_id = if clear {
        let store = st.family_mut(OFFLINE_EVENTS);
        for id in &picked {
            store.delete(*id);
        }
        Value::Null
    } else {
        let pid = st.token(32);
        let taken = Record::from_iter([("PROCESS_ID".to_owned(), json!(pid))]);
        let store = st.family_mut(OFFLINE_EVENTS);
        for id in &picked {
            store.update(*id, &taken, 0, 0);
        }
        json!(pid)
    };
    Ok(Output::one(
        json!({"process_id": process_id, "events": events}),
    ))
}

pub(super) fn offline_list(st: &mut State, caller: &Caller, params: &Value) -> R {
    require_app(caller)?;
    if !st.is_admin(caller.user_id) {
        return Err(ApiError::access_denied());
    }
    let q = Query {
        filter: Vec::new(),
        order: Vec::new(),
        start: start_param(params),
    };
    Ok(list_page(st.family(OFFLINE_EVENTS), &q, &[]))
}

pub(super) fn ids_of(v: Option<&Value>) -> Option<Vec<String>> {
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

pub(super) fn offline_clear(st: &mut State, caller: &Caller, params: &Value, error: bool) -> R {
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
    let mut which = vec![eq("PROCESS_ID", pid)];
    for (field, values) in [
        ("ID", param(params, "id")),
        ("MESSAGE_ID", param(params, "message_id")),
    ] {
        if let Some(values) = ids_of(values) {
            which.push(store::Cond::Leaf {
                field: field.to_owned(),
                op: store::Op::In,
                value: json!(values),
            });
        }
    }
    if error {
        // Back in the queue, marked as failed.
        let failed = Record::from_iter([
            ("ERROR".to_owned(), json!("1")),
            ("PROCESS_ID".to_owned(), json!("")),
        ]);
        let store = st.family_mut(OFFLINE_EVENTS);
        for id in store.ids(&which) {
            store.update(id, &failed, 0, 0);
        }
    } else {
        st.remove(OFFLINE_EVENTS, &which);
    }
    Ok(Output::one(json!(true)))
}

/// Placement codes by scope (a subset of `widgets/placements.md`); an empty
/// scope marks global placements.
pub(super) const PLACEMENT_CODES: &[(&str, &str)] = &[
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

/// Which of a catalog's entries `events` / `placement.list` return: those of
/// `SCOPE` when given, else every one with `FULL`, else the global ones and
/// those of the caller's scopes (events.md, placement-list.md).
fn catalog_filter<'a>(
    caller: &Caller,
    params: &Value,
    entries: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    let scope = str_param(params, "SCOPE")
        .unwrap_or_default()
        .to_lowercase();
    let full = truthy(param(params, "FULL"), false);
    let mut out: Vec<String> = Vec::new();
    for (code, s) in entries {
        let wanted = if !scope.is_empty() {
            s == scope
        } else {
            full || s.is_empty() || has_scope(&caller.scopes, s)
        };
        if wanted && !out.iter().any(|c| c == code) {
            out.push(code.to_owned());
        }
    }
    out
}

/// `events`: the event specs' codes with their scopes, and the events the
/// emulator emits (app events have no scope).
pub(super) fn event_catalog(caller: &Caller, params: &Value) -> Vec<String> {
    let spec = crate::registry::catalog::catalog();
    let own = KNOWN_EVENTS.iter().map(|code| {
        let scope = spec
            .events
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, s)| s.as_str());
        let scope = scope.unwrap_or(if code.starts_with("ONCRM") {
            "crm"
        } else if code.starts_with("ONAPP") || *code == "ONOFFLINEEVENT" {
            ""
        } else {
            "telephony"
        });
        (*code, scope)
    });
    let specs = spec.events.iter().map(|(c, s)| (c.as_str(), s.as_str()));
    catalog_filter(caller, params, own.chain(specs))
}

/// `placement.list`: the concrete codes of [`PLACEMENT_CODES`], then every
/// placement spec whose code is not a template (`CRM_XXX_...`).
pub(super) fn placement_catalog(caller: &Caller, params: &Value) -> Vec<String> {
    let spec = crate::registry::catalog::catalog();
    let specs = spec
        .placements
        .iter()
        .filter(|(code, _)| !code.contains("XXX"))
        .flat_map(|(code, scopes)| {
            let global = scopes.is_empty().then_some((code.as_str(), ""));
            scopes
                .iter()
                .map(move |s| (code.as_str(), s.as_str()))
                .chain(global)
        });
    catalog_filter(
        caller,
        params,
        PLACEMENT_CODES.iter().map(|(s, c)| (*c, *s)).chain(specs),
    )
}

pub(super) fn placement_bind(
    portal: &Portal,
    st: &mut State,
    caller: &Caller,
    params: &Value,
) -> R {
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
    let mine = [
        eq("PLACEMENT", placement.as_str()),
        eq("USER_ID", user_id),
        eq("HANDLER", handler.as_str()),
    ];
    if single && st.row::<Placement>(PLACEMENTS, &mine[..2]).is_some() {
        return Err(ApiError::new(
            200,
            "ERROR_PLACEMENT_MAX_COUNT",
            "Placement max count exceeded",
        ));
    }
    if st.row::<Placement>(PLACEMENTS, &mine).is_some() {
        return Ok(Output::one(json!(true)));
    }
    let title = str_param(params, "TITLE").unwrap_or_default();
    let description = str_param(params, "DESCRIPTION").unwrap_or_default();
    let group_name = str_param(params, "GROUP_NAME").unwrap_or_default();
    let lang_all = match param(params, "LANG_ALL") {
        Some(v @ Value::Object(_)) => v.clone(),
        _ => json!({"en": {"TITLE": title, "DESCRIPTION": description, "GROUP_NAME": group_name}}),
    };
    st.insert(
        PLACEMENTS,
        &Placement {
            placement: placement.clone(),
            handler: handler.clone(),
            title,
            description,
            options,
            lang_all,
            user_id,
        },
    );
    portal.ui(UiEvent::PlacementBound { placement, handler });
    Ok(Output::one(json!(true)))
}

pub(super) fn placement_unbind(st: &mut State, caller: &Caller, params: &Value) -> R {
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
    let mut which = vec![eq("PLACEMENT", placement)];
    which.extend(handler.map(|h| eq("HANDLER", h)));
    which.extend(user_id.map(|u| eq("USER_ID", u)));
    let count = st.remove(PLACEMENTS, &which);
    Ok(Output::one(json!({ "count": count })))
}

/// `placement.get`: every placement handler the app bound.
pub(super) fn placement_get(st: &State, caller: &Caller) -> R {
    bound(st, caller, PLACEMENTS, |p: Placement| {
        json!({"placement": p.placement, "userId": p.user_id, "handler": p.handler,
               "options": p.options, "title": p.title, "description": p.description,
               "langAll": p.lang_all})
    })
}
