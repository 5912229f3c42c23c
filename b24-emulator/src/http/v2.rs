//! HTTP: `/rest/…` (webhook and OAuth calls, `batch`), `/oauth/token/` and
//! `/oauth/authorize/`; the response envelope and its `time` block.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::clock::iso8601;
use crate::handlers as methods;
use crate::limits::Spent;
use crate::protocol::{
    ApiError, Caller, Hints, MAX_BATCH, Output, operation_time_limit, ordered, php_array,
};
use crate::registry::registry;
use crate::state::{AuthKind, CallRecord, Portal, State as PortalState, has_scope};

mod oauth;
#[allow(unused_imports)]
pub(crate) use oauth::*;

mod batch;
#[allow(unused_imports)]
pub(crate) use batch::*;

mod positional;
pub(crate) use positional::param_map;

pub(crate) fn json_response(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // Straight to bytes: `to_string` goes through `fmt::Write`, slower for
    // the megabytes of a batch of lists. Serialising a `Value` cannot fail.
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        bytes,
    )
        .into_response()
}

fn error_response(e: &ApiError) -> Response {
    json_response(e.status, &e.body())
}

/// Reads query and body into one parameter object (body keys win), with
/// the key orders the map loses.
async fn read_params(
    portal: &Portal,
    uri: &Uri,
    headers: &HeaderMap,
    body: Body,
) -> Result<(Map<String, Value>, Hints), ApiError> {
    let bad = |d: &str| ApiError::new(400, "INVALID_REQUEST", d);
    let mut params = match uri.query() {
        Some(q) => match b24_form::parse(q) {
            Ok(v) => param_map(v).unwrap_or_default(),
            Err(e) => return Err(bad(&e.to_string())),
        },
        None => Map::new(),
    };
    let mut hints = uri.query().map(Hints::from_form).unwrap_or_default();
    let max = portal.config().max_body;
    let bytes = axum::body::to_bytes(body, max).await.map_err(|_| {
        ApiError::new(
            413,
            "INVALID_REQUEST",
            &format!("Request body exceeds {max} bytes"),
        )
    })?;
    if bytes.is_empty() {
        return Ok((params, hints));
    }
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let body_params = if ctype.contains("json") {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(m)) => {
                hints = hints.merge(Hints::from_json(&bytes));
                m
            }
            // A list names the parameters by position (`positional`).
            Ok(v @ Value::Array(_)) => param_map(v).unwrap_or_default(),
            Ok(_) => return Err(bad("JSON body must be an object or an array")),
            Err(e) => return Err(bad(&format!("Invalid JSON body: {e}"))),
        }
    } else if ctype.starts_with("multipart/") {
        return Err(bad("multipart bodies are not supported by the emulator"));
    } else {
        let text = String::from_utf8_lossy(&bytes);
        match b24_form::parse(&text) {
            Ok(v) => {
                hints = hints.merge(Hints::from_form(&text));
                param_map(v).unwrap_or_default()
            }
            Err(e) => return Err(bad(&e.to_string())),
        }
    };
    params.extend(body_params);
    Ok((params, hints))
}

/// The `time` block: `duration` is the wall time from `start`, `processing`
/// the part of it spent working (not waiting for another request's lock).
pub(crate) fn time_block(
    start: f64,
    duration: f64,
    processing: f64,
    spent: Option<Spent>,
) -> Value {
    let finish = start + duration;
    let mut t = json!({
        "start": start,
        "finish": finish,
        "duration": duration,
        "processing": processing,
        "date_start": iso8601(start as i64),
        "date_finish": iso8601(finish as i64),
    });
    // `batch` itself is not counted, so its time has no operating fields
    // (batch.md's example); fast_bitrix24 relies on that.
    if let Some(spent) = spent {
        t["operating_reset_at"] = json!(spent.reset_at);
        t["operating"] = json!(spent.operating);
    }
    t
}

/// Splits `/rest/…` into credentials and method.
pub(crate) enum Target {
    Webhook {
        user_id: Option<u64>,
        code: String,
        method: String,
    },
    OAuth {
        method: String,
    },
    Unknown,
}

pub(crate) fn method_name(raw: &str) -> String {
    let m = raw.strip_suffix(".json").unwrap_or(raw);
    m.to_ascii_lowercase()
}

pub(crate) fn target(path: &str) -> Target {
    let segs: Vec<&str> = path.split('/').collect();
    match segs.as_slice() {
        ["api", ..] => Target::Unknown,
        [method] | [method, ""] => Target::OAuth {
            method: method_name(method),
        },
        [user, code, method] | [user, code, method, ""] => Target::Webhook {
            user_id: user.parse().ok(),
            code: (*code).to_owned(),
            method: method_name(method),
        },
        _ => Target::Unknown,
    }
}

pub(crate) fn authenticate(
    portal: &Portal,
    st: &PortalState,
    target: &Target,
    params: &Map<String, Value>,
) -> Result<Caller, ApiError> {
    let no_auth = || ApiError::new(401, "NO_AUTH_FOUND", "Wrong authorization data");
    match target {
        Target::Webhook { user_id, code, .. } => {
            let hook = st
                .webhooks
                .iter()
                .find(|w| Some(w.user_id) == *user_id && w.code == *code)
                .ok_or_else(no_auth)?;
            Ok(Caller {
                auth: AuthKind::Webhook {
                    user_id: hook.user_id,
                    code: hook.code.clone(),
                },
                user_id: hook.user_id,
                scopes: hook.scopes.clone(),
                principal: format!("webhook:{}:{}", hook.user_id, hook.code),
                order_keys: None,
            })
        }
        Target::OAuth { .. } => {
            let token = match params.get("auth") {
                Some(Value::String(s)) if !s.is_empty() => s,
                _ => return Err(no_auth()),
            };
            let t = st.access.get(token).ok_or_else(|| {
                ApiError::new(
                    401,
                    "invalid_token",
                    "The access token provided is invalid.",
                )
            })?;
            if portal.clock().unix() >= t.expires {
                return Err(ApiError::new(
                    401,
                    "expired_token",
                    "The access token provided has expired.",
                ));
            }
            Ok(Caller {
                auth: AuthKind::OAuth { user_id: t.user_id },
                user_id: t.user_id,
                scopes: t.scopes.clone(),
                principal: format!("app:{}", st.app.client_id),
                order_keys: None,
            })
        }
        Target::Unknown => Err(crate::protocol::method_not_found()),
    }
}

/// What [`execute`] (or [`accounted`]) did.
pub(crate) struct Executed<E = ApiError> {
    pub outcome: Result<Output, E>,
    /// The call's `time` block.
    pub time: Value,
    /// The call, for the log ([`Portal::record`]).
    pub record: CallRecord,
    /// Time spent waiting for the state lock.
    pub waited: Duration,
}

/// One method call: scope, operating limit, the method, its cost, the record.
/// The state lock is held only around the method itself: shared for
/// methods that only read ([`methods::is_read_only`]), alone otherwise.
/// The `time` block counts the work, not the wait for the lock.
fn execute(
    portal: &Portal,
    caller: &Caller,
    method: &str,
    params: Value,
    in_batch: bool,
) -> Executed {
    let start = portal.clock().unix();
    let status = |e: &ApiError| (e.status, e.code.clone());
    let (params, refused) = match positional::name_positions(method, &params) {
        Ok(Some(named)) => (named, None),
        Ok(None) => (params, None),
        Err(e) => (params, Some(e)),
    };
    accounted(
        portal,
        caller,
        method,
        params,
        in_batch,
        status,
        |params, waited| {
            if let Some(e) = refused {
                return Err(e);
            }
            // 1. Look the method up: a hand-written handler keeps its
            // documented scope; every other method comes from the registry.
            let reg = registry();
            let handled = methods::scope_of(method);
            let entry = reg.get(method, false);
            let scope = match (handled, entry) {
                (Some(s), _) => s,
                (None, Some(e)) => e.scope.as_str(),
                (None, None) => return Err(crate::protocol::method_not_found()),
            };
            // 2. The scope.
            if !has_scope(&caller.scopes, scope) {
                let by = match caller.auth {
                    AuthKind::Webhook { .. } => "webhook token",
                    _ => "access token",
                };
                return Err(ApiError::new(
                    403,
                    "insufficient_scope",
                    &format!("The request requires higher privileges than provided by the {by}"),
                ));
            }
            if portal.operating().blocked(&caller.principal, method, start) {
                return Err(operation_time_limit());
            }
            // 3-5. The parameters and the answer: a stateful handler, or
            // the spec.
            if handled.is_none()
                && let Some(entry) = entry
            {
                if let Some((family, op)) = methods::bindings::route(method) {
                    methods::spec::check_v2(reg, entry, params)?;
                    let before = Instant::now();
                    let mut st = portal.lock();
                    *waited = before.elapsed();
                    return methods::bindings::call(&mut st, entry, &family, op, params);
                }
                let crud = methods::entity::route(method)
                    .filter(|(_, verb)| *verb != "fields")
                    .or_else(|| methods::support::crud_without_get(method));
                if let Some((family, verb)) = crud {
                    methods::spec::check_v2(reg, entry, params)?;
                    let filled = methods::defaults::filled(method, params, caller.user_id);
                    let params = filled.as_ref().unwrap_or(params);
                    let now = portal.clock().unix() as i64;
                    let before = Instant::now();
                    let mut st = portal.lock();
                    *waited = before.elapsed();
                    return methods::entity::call(
                        &mut st, caller, entry, &family, verb, params, now,
                    );
                }
                return methods::spec::call_v2(reg, entry, params);
            }
            if methods::is_read_only(method) {
                let before = Instant::now();
                let st = portal.read();
                *waited = before.elapsed();
                methods::call_read(&st, caller, method, params)
            } else {
                let before = Instant::now();
                let mut st = portal.lock();
                *waited = before.elapsed();
                methods::call(portal, &mut st, caller, method, params)
            }
        },
    )
}

/// The accounting every call shares, REST v2 and 3.0 alike: `run` checks and
/// runs the method, noting how long it waited for the state lock; this adds
/// the work to the method's operating time (refusals with 403, 404 or 429
/// cost nothing) and builds the `time` block and the call record.
/// `status` gives an error's HTTP status and code.
pub(crate) fn accounted<E>(
    portal: &Portal,
    caller: &Caller,
    method: &str,
    params: Value,
    in_batch: bool,
    status: impl Fn(&E) -> (u16, String),
    run: impl FnOnce(&Value, &mut Duration) -> Result<Output, E>,
) -> Executed<E> {
    let start = portal.clock().unix();
    let arrived = Instant::now();
    let mut waited = Duration::ZERO;
    let outcome = run(&params, &mut waited);
    let work = arrived.elapsed().saturating_sub(waited).as_secs_f64();
    let refused = match &outcome {
        Err(e) => matches!(status(e).0, 403 | 404 | 429),
        Ok(_) => false,
    };
    let spent = if refused {
        None
    } else {
        let cfg = portal.config();
        let rows = outcome.as_ref().map(|o| o.rows).unwrap_or(0);
        let cost = if cfg.realistic {
            let total = outcome.as_ref().ok().and_then(|o| o.total);
            crate::cost::processing(&params, total)
        } else {
            work + cfg.cost_per_call.as_secs_f64() + cfg.cost_per_row.as_secs_f64() * rows as f64
        };
        *portal
            .stats_mut()
            .operating
            .entry(method.to_owned())
            .or_default() += cost;
        Some((
            cost,
            portal
                .operating()
                .add(&caller.principal, method, start, cost),
        ))
    };
    let processing = match spent {
        Some((cost, _)) if portal.config().realistic => cost,
        _ => work,
    };
    crate::cost::charge(processing);
    let time = time_block(start, processing, processing, spent.map(|(_, s)| s));
    let (status, error) = match &outcome {
        Ok(_) => (200, None),
        Err(e) => {
            let (s, c) = status(e);
            (s, Some(c))
        }
    };
    let record = CallRecord {
        in_batch,
        synthesized: outcome.as_ref().is_ok_and(|o| o.synthesized),
        ..CallRecord::new(
            method,
            params,
            caller.auth.clone(),
            status,
            error,
            portal.clock().now(),
        )
    };
    Executed {
        outcome,
        time,
        record,
        waited,
    }
}

/// A REST v2 call (`/rest/…` except `/rest/api/…`).
pub(crate) async fn rest(
    portal: Portal,
    path: String,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let start = portal.clock().unix();
    let started = Instant::now();
    let target = target(&path);
    let method = match &target {
        Target::Webhook { method, .. } | Target::OAuth { method } => method.clone(),
        Target::Unknown => path.to_ascii_lowercase(),
    };
    let refuse = |portal: &Portal, e: ApiError, params: Value, auth: AuthKind| {
        portal.record([CallRecord::new(
            &method,
            params,
            auth,
            e.status,
            Some(e.code.clone()),
            portal.clock().now(),
        )]);
        error_response(&e)
    };
    // The body is read (bounded) even when the request is refused, so the
    // connection stays usable for keep-alive clients.
    let params = read_params(&portal, &uri, &headers, body).await;
    {
        let now = portal.clock().elapsed();
        if !portal.bucket().hit(now) {
            return refuse(
                &portal,
                ApiError::new(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"),
                Value::Null,
                AuthKind::None,
            );
        }
    }
    let (mut params, hints) = match params {
        Ok(p) => p,
        Err(e) => return refuse(&portal, e, Value::Null, AuthKind::None),
    };
    // A bug must not drop the connection: answer with the documented 500.
    let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let authenticated = {
            let before = Instant::now();
            let st = portal.read();
            let waited = before.elapsed();
            authenticate(&portal, &st, &target, &params).map(|c| (c, waited))
        };
        let (mut caller, auth_wait) = match authenticated {
            Ok(c) => c,
            Err(e) => {
                params.remove("auth");
                return refuse(&portal, e, Value::Object(params), AuthKind::None);
            }
        };
        params.remove("auth");
        let params = Value::Object(params);
        if method == "batch" {
            if !has_scope(&caller.scopes, "basic") {
                return refuse(
                    &portal,
                    crate::protocol::method_not_found(),
                    params,
                    caller.auth,
                );
            }
            return match batch(&portal, &caller, &params, &hints) {
                Ok((result, waited)) => {
                    // Serialised outside every lock.
                    let duration = started.elapsed();
                    let processing = duration.saturating_sub(waited + auth_wait);
                    let time = time_block(
                        start,
                        duration.as_secs_f64(),
                        processing.as_secs_f64(),
                        None,
                    );
                    json_response(200, &json!({"result": result, "time": time}))
                }
                Err(e) => refuse(&portal, e, params, caller.auth),
            };
        }
        caller.order_keys = hints.order;
        let Executed {
            outcome,
            time,
            record,
            ..
        } = execute(&portal, &caller, &method, params, false);
        portal.record([record]);
        match outcome {
            Ok(out) => {
                let mut body = Map::new();
                body.insert("result".into(), out.result);
                if let Some(n) = out.next {
                    body.insert("next".into(), json!(n));
                }
                if let Some(t) = out.total {
                    body.insert("total".into(), json!(t));
                }
                body.insert("time".into(), time);
                json_response(200, &Value::Object(body))
            }
            Err(e) => error_response(&e),
        }
    }));
    handled.unwrap_or_else(|_| {
        error_response(&ApiError::new(
            500,
            "INTERNAL_SERVER_ERROR",
            "Internal server error",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let results = vec![
            ("a".to_owned(), json!([{"ID": "7"}, {"ID": "9"}])),
            ("b".to_owned(), json!({"items": [{"id": 3}]})),
        ];
        let refs = Refs {
            result: &results,
            error: &[],
            total: &[("a".into(), json!(120))],
            next: &[],
            time: &[],
        };
        let mut v = json!({"filter": {">ID": "$result[a][1][ID]"}, "x": "id=$result[b][items][0][id];t=$result_total[a]",
                           "ids": "$result[a]", "missing": "$result[zz][0]"});
        substitute(&mut v, &refs);
        assert_eq!(v["filter"][">ID"], "9");
        assert_eq!(v["x"], "id=3;t=120");
        assert!(v["ids"].is_array());
        assert_eq!(v["missing"], "");
    }

    #[test]
    fn targets() {
        assert!(
            matches!(target("1/abc/crm.deal.list.json"), Target::Webhook { method, .. } if method == "crm.deal.list")
        );
        assert!(
            matches!(target("CRM.Deal.List"), Target::OAuth { method } if method == "crm.deal.list")
        );
        assert!(matches!(target("api/crm.deal.list"), Target::Unknown));
        assert!(matches!(target("a/b/c/d/e"), Target::Unknown));
    }
}
