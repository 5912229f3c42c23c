//! The portal page: hosts the app's placement handlers in iframes the way a
//! portal does (a form POSTed into the frame), speaks the portal side of the
//! frame protocol over `postMessage` (`assets/portal.js`), and shows the call
//! card that `telephony.externalCall.register` raises. `CALL_CARD` handlers
//! are tabs of that card: each opens with the card, the call context in its
//! `PLACEMENT_OPTIONS`.
//!
//! Every other bound placement whose spec documents interface events or
//! commands (`page_interface`) is hosted too: the page answers its commands
//! with their documented results (keeping `setValue`, `setPropertyValue` and
//! `setLayout` state), keeps the callbacks of repeating commands
//! (`bind*Callback`) registered, and fires events and callbacks on demand.
//!
//! Routes: `GET /portal/?user=ID` (the page), `GET /portal/ui?after=N` (the
//! page's long poll for call cards and fired events), `POST
//! /portal/refresh-auth?user=ID` (the frame's `refreshAuth`), `GET
//! /portal/portal.js`, `POST /portal/fired?seq=N&delivered=K` (the page
//! reports a fired event), and the test control, not part of Bitrix24, `POST
//! /_emulator/placement/fire` with `{placement, event, args}` (an interface
//! event) or `{placement, command, value}` (a call of the callbacks a
//! repeating command registered; `value.id` selects those bound to one
//! block), answering `{delivered: K}` once the page has fired it.

#[path = "page_interface.rs"]
mod page_interface;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::{Notify, oneshot};

use super::families::{CALLS, PLACEMENTS};
use super::{Portal, UiEvent};
use crate::store::eq;

const PAGE_HTML: &str = include_str!("../../assets/portal.html");
const PAGE_JS: &str = include_str!("../../assets/portal.js");

/// UI events kept for late pollers.
const MAX_LOG: usize = 1000;
/// How long `/_emulator/placement/fire` waits for an open page to fire.
const FIRE_WAIT: Duration = Duration::from_secs(20);

type Log = Arc<(Mutex<Vec<Value>>, Notify)>;

#[derive(Clone)]
struct Page {
    portal: Portal,
    log: Log,
    /// Fired events waiting for the page's report, by log sequence number.
    fired: Arc<Mutex<HashMap<u64, oneshot::Sender<u64>>>>,
}

/// Appends a UI event to the log with the next sequence number.
fn push(log: &Log, mut v: Value) -> u64 {
    let mut l = log.0.lock().unwrap_or_else(|p| p.into_inner());
    let seq = l
        .last()
        .and_then(|e: &Value| e["seq"].as_u64())
        .unwrap_or(0)
        + 1;
    v["seq"] = json!(seq);
    l.push(v);
    if l.len() > MAX_LOG {
        l.remove(0);
    }
    drop(l);
    log.1.notify_waiters();
    seq
}

/// The page's routes. Starts a task that records the portal's UI events.
pub(crate) fn router(portal: Portal) -> Router {
    let log = Arc::new((Mutex::new(Vec::new()), Notify::new()));
    let mut rx = portal.ui_events();
    let (weak, sink) = (portal.clone(), Arc::clone(&log));
    tokio::spawn(async move {
        while let Ok(ev) = rx.recv().await {
            push(&sink, card_event(&weak, &ev));
        }
    });
    Router::new()
        .route("/portal", get(page))
        .route("/portal/", get(page))
        .route("/portal/portal.js", get(script))
        .route("/portal/ui", get(ui))
        .route("/portal/refresh-auth", post(refresh))
        .route("/portal/fired", post(fired))
        .route("/_emulator/placement/fire", post(fire))
        .with_state(Page {
            portal,
            log,
            fired: Arc::default(),
        })
}

/// The external call with this `CALL_ID`.
fn call(portal: &Portal, call_id: &str) -> Option<super::ExternalCall> {
    let st = portal.read();
    st.row(CALLS, &[eq("CALL_ID", call_id)]).map(|(_, c)| c)
}

/// A UI event as the page consumes it; a raised card carries the
/// `BackgroundCallCard::initialized` data.
fn card_event(portal: &Portal, ev: &UiEvent) -> Value {
    match ev {
        UiEvent::CallCardShow {
            call_id,
            user_ids,
            phone_number,
            call_type,
            crm_entity,
        } => {
            let line = call(portal, call_id)
                .map(|c| c.line_number)
                .unwrap_or_default();
            let (etype, eid) = crm_entity.clone().unwrap_or_default();
            let direction = match call_type {
                1 => "outgoing",
                4 => "callback",
                _ => "incoming",
            };
            json!({
                "type": "show",
                "users": user_ids,
                "card": {
                    "CALL_ID": call_id,
                    "PHONE_NUMBER": phone_number,
                    "LINE_NUMBER": line,
                    "LINE_NAME": "",
                    "CRM_ENTITY_TYPE": etype,
                    "CRM_ENTITY_ID": eid,
                    "CRM_BINDINGS": if eid > 0 { json!([{"ENTITY_TYPE": etype, "ENTITY_ID": eid}]) } else { json!([]) },
                    "CALL_DIRECTION": direction,
                    // The conversation has not started yet.
                    "CALL_STATE": "idle",
                    "CALL_LIST_MODE": false,
                },
            })
        }
        UiEvent::CallCardHide { call_id, user_ids } => {
            // `telephony.externalCall.finish` ends the conversation (with its
            // SIP code when it failed); `externalCall.hide` only hides the card.
            let finished = call(portal, call_id).and_then(|c| c.finished);
            let failed = finished
                .as_ref()
                .and_then(|r| r["CALL_FAILED_CODE"].as_str())
                .filter(|code| *code != "200")
                .map(str::to_owned);
            json!({"type": "hide", "users": user_ids, "callId": call_id,
                   "finished": finished.is_some(), "failedCode": failed})
        }
        UiEvent::PlacementBound { placement, handler } => {
            json!({"type": "bound", "placement": placement, "handler": handler})
        }
    }
}

#[derive(Deserialize)]
struct UserQuery {
    user: Option<u64>,
}

fn frame_auth(portal: &Portal, user: u64) -> (super::TokenPair, String) {
    let mut st = portal.lock();
    let scopes = st.app.scopes.clone();
    let pair = portal.issue(&mut st, user, scopes);
    let sid = st.token(32);
    (pair, sid)
}

async fn page(State(p): State<Page>, Query(q): Query<UserQuery>) -> Response {
    let user = q.user.unwrap_or(1);
    let cfg = p.portal.config().clone();
    let https = cfg.base_url.starts_with("https");
    let bound: Vec<(String, String, Value)> = p
        .portal
        .read()
        .rows::<super::Placement>(PLACEMENTS, &[])
        .into_iter()
        .filter(|(_, b)| b.user_id == 0 || b.user_id == user)
        .map(|(_, b)| (b.placement, b.handler, b.options))
        .collect();
    let frames: Vec<Value> = bound
        .into_iter()
        .filter_map(|(placement, handler, options)| {
            let iface = page_interface::interface(&placement)?;
            let (pair, sid) = frame_auth(&p.portal, user);
            let opening = if placement == "PAGE_BACKGROUND_WORKER" {
                json!({})
            } else {
                options
            };
            Some(json!({
                "placement": placement,
                "handler": handler,
                "appSid": sid,
                "interface": iface,
                "form": {
                    "DOMAIN": cfg.domain,
                    "PROTOCOL": if https { "1" } else { "0" },
                    "LANG": cfg.lang,
                    "APP_SID": sid,
                    "AUTH_ID": pair.access_token,
                    "AUTH_EXPIRES": pair.expires_in.to_string(),
                    "REFRESH_ID": pair.refresh_token,
                    "member_id": pair.member_id,
                    "status": pair.status,
                    "PLACEMENT": placement,
                    "PLACEMENT_OPTIONS": opening.to_string(),
                },
                "init": {
                    "LANG": cfg.lang,
                    "DOMAIN": cfg.domain,
                    "PROTOCOL": if https { 1 } else { 0 },
                    "PATH": "/rest",
                    "AUTH_ID": pair.access_token,
                    "AUTH_EXPIRES": pair.expires_in,
                    "REFRESH_ID": pair.refresh_token,
                    "MEMBER_ID": pair.member_id,
                    "FIRST_RUN": false,
                    "IS_ADMIN": true,
                    "INSTALL": false,
                    "USER_OPTIONS": {},
                    "APP_OPTIONS": {},
                    "PLACEMENT": placement,
                    // What getInitData and B24Frame's placement.options show.
                    "PLACEMENT_OPTIONS": opening,
                },
            }))
        })
        .collect();
    let after = p
        .log
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .last()
        .and_then(|e| e["seq"].as_u64())
        .unwrap_or(0);
    // Cards raised before the page opened and not finished yet.
    let open: Vec<Value> = p
        .log
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|e| {
            e["type"] == "show"
                && e["users"]
                    .as_array()
                    .is_some_and(|u| u.contains(&json!(user)))
        })
        .filter(|e| {
            let id = e["card"]["CALL_ID"].as_str().unwrap_or_default().to_owned();
            call(&p.portal, &id).is_some_and(|c| c.finished.is_none())
        })
        .cloned()
        .collect();
    let config = json!({"user": user, "frames": frames, "after": after, "open": open});
    let html = PAGE_HTML.replace(
        "{{CONFIG}}",
        &config
            .to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026"),
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        PAGE_JS,
    )
        .into_response()
}

#[derive(Deserialize)]
struct After {
    after: Option<u64>,
    user: Option<u64>,
}

async fn ui(State(p): State<Page>, Query(q): Query<After>) -> Response {
    let after = q.after.unwrap_or(0);
    let user = json!(q.user.unwrap_or(1));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let notified = p.log.1.notified();
        let events: Vec<Value> = p
            .log
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|e| e["seq"].as_u64().unwrap_or(0) > after)
            .cloned()
            .collect();
        if !events.is_empty() || tokio::time::Instant::now() >= deadline {
            let last = events
                .last()
                .and_then(|e| e["seq"].as_u64())
                .unwrap_or(after);
            let mine: Vec<Value> = events
                .into_iter()
                .filter(|e| {
                    e.get("users")
                        .and_then(Value::as_array)
                        .is_none_or(|u| u.contains(&user))
                })
                .collect();
            return axum::Json(json!({"after": last, "events": mine})).into_response();
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

async fn refresh(State(p): State<Page>, Query(q): Query<UserQuery>) -> Response {
    let (pair, _) = frame_auth(&p.portal, q.user.unwrap_or(1));
    axum::Json(json!({
        "AUTH_ID": pair.access_token,
        "AUTH_EXPIRES": pair.expires_in,
        "REFRESH_ID": pair.refresh_token,
    }))
    .into_response()
}

#[derive(Deserialize)]
struct Fire {
    placement: String,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    args: Vec<Value>,
    #[serde(default)]
    command: Option<String>,
    #[serde(default)]
    value: Value,
}

fn refuse(status: StatusCode, why: String) -> Response {
    (status, axum::Json(json!({"error": why}))).into_response()
}

/// Test control: fires an interface event, or calls the callbacks of a
/// repeating command, in the open portal page, and answers how many
/// subscriptions received it once the page reports back.
async fn fire(State(p): State<Page>, body: Bytes) -> Response {
    let f: Fire = match serde_json::from_slice(&body) {
        Ok(f) => f,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, format!("fire: {e}")),
    };
    let Some(iface) = page_interface::interface(&f.placement) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            format!("{} documents no interface", f.placement),
        );
    };
    let ev = match (&f.event, &f.command) {
        (Some(e), None)
            if iface["events"]
                .as_array()
                .is_some_and(|l| l.contains(&json!(e))) =>
        {
            json!({"type": "fire", "placement": f.placement, "event": e, "args": f.args})
        }
        (None, Some(c)) if iface["commands"][c]["repeats"] == true => {
            json!({"type": "fire", "placement": f.placement, "command": c, "value": f.value})
        }
        _ => {
            return refuse(
                StatusCode::BAD_REQUEST,
                format!(
                    "fire: give one documented event, or one repeating command, of {}",
                    f.placement
                ),
            );
        }
    };
    let (tx, rx) = oneshot::channel();
    let seq = {
        // Registered before the page can see the event.
        let mut waiting = p.fired.lock().unwrap_or_else(|e| e.into_inner());
        let seq = push(&p.log, ev);
        waiting.insert(seq, tx);
        seq
    };
    match tokio::time::timeout(FIRE_WAIT, rx).await {
        Ok(Ok(delivered)) => axum::Json(json!({"delivered": delivered})).into_response(),
        _ => {
            // Nobody reported it: drop the waiter rather than keep it forever.
            p.fired
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&seq);
            refuse(
                StatusCode::GATEWAY_TIMEOUT,
                "no open portal page fired it".into(),
            )
        }
    }
}

#[derive(Deserialize)]
struct Fired {
    seq: u64,
    delivered: u64,
}

/// The page fired event `seq` to `delivered` subscriptions.
async fn fired(State(p): State<Page>, Query(q): Query<Fired>) -> StatusCode {
    let tx = p
        .fired
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&q.seq);
    match tx {
        Some(tx) => {
            let _ = tx.send(q.delivered);
            StatusCode::NO_CONTENT
        }
        None => StatusCode::NOT_FOUND,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    #[tokio::test]
    async fn fire_takes_documented_events_and_repeating_commands_only() {
        let emu = crate::Emulator::start().await.unwrap();
        let http = reqwest::Client::new();
        let url = format!("{}/_emulator/placement/fire", emu.base_url());
        let refused = [
            json!({"placement": "NO_SUCH_PLACEMENT", "event": "X::y"}),
            json!({"placement": "CALL_CARD", "event": "CallCard::Nope"}),
            // A command that answers once has no callbacks to call.
            json!({"placement": "CRM_DEAL_DETAIL_ACTIVITY", "command": "setLayout"}),
            json!({"placement": "CRM_DEAL_DETAIL_ACTIVITY", "command": "bindValueChangeCallback",
                   "event": "X::y"}),
            json!({"placement": "CALL_CARD"}),
        ];
        for body in refused {
            let r = http.post(&url).json(&body).send().await.unwrap();
            assert_eq!(r.status(), 400, "{body}");
            let v: Value = r.json().await.unwrap();
            assert!(v["error"].is_string(), "{v}");
        }
        let r = http.post(&url).body("{").send().await.unwrap();
        assert_eq!(r.status(), 400);
        // A report of an event nobody fired.
        let r = http
            .post(format!(
                "{}/portal/fired?seq=77&delivered=1",
                emu.base_url()
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        emu.shutdown().await;
    }
}
