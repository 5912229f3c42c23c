//! telephony.externalCall.* and click-to-call.

#[allow(unused_imports)]
use super::*;

pub(super) fn core_error(description: &str) -> ApiError {
    ApiError::new(400, "ERROR_CORE", description)
}

pub(super) fn call_user(st: &State, params: &Value) -> Result<u64, ApiError> {
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

pub(super) fn user_ids_param(params: &Value, fallback: u64) -> Vec<u64> {
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

pub(super) fn find_crm_by_phone(st: &State, phone: &str) -> Vec<(String, u64)> {
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

/// Stores a new external call under a fresh `CALL_ID` (returned).
pub(super) fn store_call(st: &mut State, mut call: ExternalCall) -> String {
    call.call_id = format!(
        "externalCall.{}.{}",
        st.token(32),
        call.registered_at as i64
    );
    st.insert(CALLS, &call);
    call.call_id
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

/// A bound CRM entity as its type and ID values (nulls when none).
fn crm_pair(entity: Option<(String, u64)>) -> (Value, Value) {
    entity.map_or((Value::Null, Value::Null), |(t, i)| (json!(t), json!(i)))
}

/// The answer of `telephony.externalCall.register`.
fn registered(call_id: &str, lead: Value, created: Value, entity: Option<(String, u64)>) -> Output {
    let (t, id) = crm_pair(entity);
    Output::one(json!({
        "CALL_ID": call_id, "CRM_CREATED_LEAD": lead, "CRM_CREATED_ENTITIES": created,
        "CRM_ENTITY_TYPE": t, "CRM_ENTITY_ID": id,
    }))
}

pub(super) fn telephony(
    portal: &Portal,
    st: &mut State,
    caller: &Caller,
    method: &str,
    params: &Value,
    now: i64,
) -> R {
    require_app(caller)?;
    let find = |st: &State| -> Result<(u64, ExternalCall), ApiError> {
        let call_id = str_param(params, "CALL_ID").unwrap_or_default();
        st.row(CALLS, &[eq("CALL_ID", call_id)])
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
                && let Some((_, c)) = st
                    .rows::<ExternalCall>(CALLS, &[eq("EXTERNAL_CALL_ID", ext.as_str())])
                    .into_iter()
                    .find(|(_, c)| clock_now - c.registered_at < 1800.0)
            {
                return Ok(registered(&c.call_id, Value::Null, json!([]), c.crm_entity));
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
            Ok(registered(
                &call_id,
                created_lead,
                json!(created),
                crm_entity,
            ))
        }
        "telephony.externalcall.finish" => {
            let (id, mut c) = find(st)?;
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
            let (t, eid) = crm_pair(c.crm_entity.clone());
            let record = json!({
                "CALL_ID": c.call_id, "EXTERNAL_CALL_ID": c.external_call_id, "PORTAL_USER_ID": user_id,
                "PHONE_NUMBER": c.phone_number, "PORTAL_NUMBER": c.line_number,
                "INCOMING": c.call_type.to_string(), "CALL_DURATION": duration,
                "CALL_START_DATE": iso8601(c.start), "CALL_STATUS": i64::from(status == "200"),
                "CALL_VOTE": vote, "COST": cost, "COST_CURRENCY": currency,
                "CALL_FAILED_CODE": status, "CALL_FAILED_REASON": reason, "REST_APP_ID": "1",
                "REST_APP_NAME": "Emulator app", "CRM_ACTIVITY_ID": activity, "COMMENT": null,
                "CRM_ENTITY_TYPE": t, "CRM_ENTITY_ID": eid,
            });
            // The call's row in the statistics (`voximplant.statistic.get`):
            // its ID is the record's, its values strings, as the page shows.
            let mut row: Record = record
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| match v {
                    Value::Number(n) => (k.clone(), json!(n.to_string())),
                    v => (k.clone(), v.clone()),
                })
                .collect();
            row.insert("CALL_TYPE".into(), json!(c.call_type.to_string()));
            row.insert("CALL_CATEGORY".into(), json!("external"));
            row.insert("RECORD_FILE_ID".into(), json!(c.records.first()));
            let stat_id = st.insert(STATISTICS, &row);
            let mut record = record;
            record["ID"] = json!(stat_id);
            let data = json!({
                "CALL_ID": c.call_id, "CALL_TYPE": c.call_type.to_string(), "PHONE_NUMBER": c.phone_number,
                "PORTAL_NUMBER": format!("REST_APP:{}", c.line_number), "PORTAL_USER_ID": user_id.to_string(),
                "CALL_DURATION": duration.to_string(), "CALL_START_DATE": iso8601(c.start),
                "COST": cost.to_string(), "COST_CURRENCY": currency,
                "CALL_FAILED_CODE": status, "CALL_FAILED_REASON": reason,
                "CRM_ACTIVITY_ID": activity.to_string(),
            });
            let call_id = c.call_id.clone();
            c.finished = Some(record.clone());
            st.put(CALLS, id, &c);
            portal.emit(st, "ONVOXIMPLANTCALLEND", data, caller.user_id);
            portal.ui(UiEvent::CallCardHide {
                call_id,
                user_ids: vec![user_id],
            });
            Ok(Output::one(record))
        }
        "telephony.externalcall.show" | "telephony.externalcall.hide" => {
            let (_, c) = find(st)?;
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
            let (id, mut c) = find(st)?;
            let filename = str_param(params, "FILENAME").unwrap_or_default();
            if filename.is_empty() {
                return Err(core_error("FILENAME should be set"));
            }
            let has_content = param(params, "FILE_CONTENT").is_some_and(|v| !v.is_null())
                || str_param(params, "RECORD_URL").is_some_and(|s| !s.is_empty());
            if has_content {
                let file_id = st.next_seq();
                c.records.push(file_id);
                st.put(CALLS, id, &c);
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

/// `voximplant.statistic.get`: the finished calls, 50 a page, with `FILTER`
/// (v2 operators), `SORT` and `ORDER`, and `start`.
pub(super) fn call_statistics(st: &State, params: &Value) -> R {
    let filter = map_param(params, "FILTER").map_err(|()| {
        ApiError::argument(400, "FILTER", "Argument 'FILTER' must be an object".into())
    })?;
    let order = str_param(params, "SORT")
        .map(|field| store::OrderBy {
            field: field.to_uppercase(),
            desc: str_param(params, "ORDER").is_some_and(|o| o.eq_ignore_ascii_case("desc")),
        })
        .into_iter()
        .collect();
    let q = Query {
        filter: parse_filter(&filter),
        order,
        start: start_param(params),
    };
    Ok(list_page(st.family(STATISTICS), &q, &[]))
}
