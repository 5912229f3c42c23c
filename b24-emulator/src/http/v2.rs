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
            Ok(Value::Object(m)) => m,
            Ok(_) => Map::new(),
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
            Ok(Value::Array(a)) if a.is_empty() => Map::new(),
            Ok(_) => return Err(bad("JSON body must be an object")),
            Err(e) => return Err(bad(&format!("Invalid JSON body: {e}"))),
        }
    } else if ctype.starts_with("multipart/") {
        return Err(bad("multipart bodies are not supported by the emulator"));
    } else {
        let text = String::from_utf8_lossy(&bytes);
        match b24_form::parse(&text) {
            Ok(Value::Object(m)) => {
                hints = hints.merge(Hints::from_form(&text));
                m
            }
            Ok(_) => Map::new(),
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
    accounted(
        portal,
        caller,
        method,
        params,
        in_batch,
        status,
        |params, waited| {
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
                if let Some((family, verb)) = methods::entity::route(method)
                    && verb != "fields"
                {
                    methods::spec::check_v2(reg, entry, params)?;
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

/// Runs a batch's commands one after another, each taking the state lock
/// for itself only, so other requests run between them. Returns the
/// `result` block and the time spent waiting for locks; the batch and its
/// commands are logged together at the end.
fn batch(
    portal: &Portal,
    caller: &Caller,
    params: &Value,
    hints: &Hints,
) -> Result<(Value, Duration), ApiError> {
    let cmds: Vec<(String, Value)> = match params.get("cmd") {
        // Commands run in the order they were sent: later ones may refer to
        // earlier results.
        Some(Value::Object(m)) => ordered(m, hints.cmd.as_deref()),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v.clone()))
            .collect(),
        _ => {
            return Err(ApiError::new(
                400,
                "ERROR_ARGUMENT",
                "Argument 'cmd' is null or empty",
            ));
        }
    };
    let halt = match params.get("halt") {
        Some(Value::Bool(b)) => *b,
        Some(v) => {
            !matches!(v.as_str().map(str::trim), Some("" | "0" | "false" | "N"))
                && v.as_i64() != Some(0)
        }
        None => false,
    };
    let mut records = vec![CallRecord::new(
        "batch",
        params.clone(),
        caller.auth.clone(),
        200,
        None,
        portal.clock().now(),
    )];
    let mut waited = Duration::ZERO;
    let mut results: Vec<(String, Value)> = Vec::new();
    let mut errors: Vec<(String, Value)> = Vec::new();
    let mut totals: Vec<(String, Value)> = Vec::new();
    let mut nexts: Vec<(String, Value)> = Vec::new();
    let mut times: Vec<(String, Value)> = Vec::new();
    for (i, (key, cmd)) in cmds.into_iter().enumerate() {
        if i >= MAX_BATCH {
            let e = ApiError::new(
                400,
                "ERROR_BATCH_LENGTH_EXCEEDED",
                "Max batch length exceeded",
            );
            errors.push((key, e.body()));
            continue;
        }
        let Some(cmd) = cmd.as_str() else {
            errors.push((key, crate::protocol::method_not_found().body()));
            if halt {
                break;
            }
            continue;
        };
        let (raw_method, query) = cmd.split_once('?').unwrap_or((cmd, ""));
        let method = method_name(raw_method.trim());
        let outcome = if method == "batch" {
            Err(ApiError::new(
                405,
                "ERROR_BATCH_METHOD_NOT_ALLOWED",
                "Method is not allowed for batch usage",
            ))
        } else {
            match b24_form::parse(query) {
                Ok(mut p) => {
                    let refs = Refs {
                        result: &results,
                        error: &errors,
                        total: &totals,
                        next: &nexts,
                        time: &times,
                    };
                    substitute(&mut p, &refs);
                    if let Value::Object(m) = &mut p {
                        m.remove("auth");
                    }
                    let mut inner = caller.clone();
                    inner.order_keys = Hints::from_form(query).order;
                    let Executed {
                        outcome,
                        time,
                        record,
                        waited: w,
                    } = execute(portal, &inner, &method, p, true);
                    records.push(record);
                    waited += w;
                    if outcome.is_ok() {
                        times.push((key.clone(), time));
                    }
                    outcome
                }
                Err(e) => Err(ApiError::new(400, "INVALID_REQUEST", &e.to_string())),
            }
        };
        match outcome {
            Ok(out) => {
                results.push((key.clone(), out.result));
                if let Some(t) = out.total {
                    totals.push((key.clone(), json!(t)));
                }
                if let Some(n) = out.next {
                    nexts.push((key, json!(n)));
                }
            }
            Err(e) => {
                errors.push((key, e.body()));
                if halt {
                    break;
                }
            }
        }
    }
    portal.record(records);
    let result = json!({
        "result": php_array(results),
        "result_error": php_array(errors),
        "result_total": php_array(totals),
        "result_next": php_array(nexts),
        "result_time": php_array(times),
    });
    Ok((result, waited))
}

struct Refs<'a> {
    result: &'a [(String, Value)],
    error: &'a [(String, Value)],
    total: &'a [(String, Value)],
    next: &'a [(String, Value)],
    time: &'a [(String, Value)],
}

impl Refs<'_> {
    /// Resolves `$result[cmd][a][b]` style references.
    fn resolve(&self, base: &str, path: &[String]) -> Option<Value> {
        let list = match base {
            "result" => self.result,
            "result_error" => self.error,
            "result_total" => self.total,
            "result_next" => self.next,
            "result_time" => self.time,
            _ => return None,
        };
        let (first, rest) = path.split_first()?;
        let mut cur = list.iter().find(|(k, _)| k == first).map(|(_, v)| v)?;
        for p in rest {
            cur = match cur {
                Value::Object(m) => m.get(p)?,
                Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur.clone())
    }
}

/// Finds `$result…[..][..]` references in a string: (start, end, base, path).
fn find_refs(s: &str) -> Vec<(usize, usize, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = s[from..].find("$result") {
        let start = from + at;
        let mut pos = start + 1;
        let base_end = s[pos..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(s.len(), |e| pos + e);
        let base = s[pos..base_end].to_owned();
        pos = base_end;
        let mut path = Vec::new();
        while s[pos..].starts_with('[') {
            let Some(close) = s[pos..].find(']') else {
                break;
            };
            path.push(s[pos + 1..pos + close].to_owned());
            pos += close + 1;
        }
        if !path.is_empty() {
            out.push((start, pos, base, path));
        }
        from = pos.max(start + 1);
    }
    out
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "1" } else { "" }.into(),
        other => other.to_string(),
    }
}

fn substitute(v: &mut Value, refs: &Refs<'_>) {
    match v {
        Value::String(s) if s.contains("$result") => {
            let found = find_refs(s);
            if let [(0, end, base, path)] = found.as_slice()
                && *end == s.len()
            {
                // A whole-value reference keeps its structure (an array of IDs).
                *v = match refs.resolve(base, path) {
                    Some(Value::Array(a)) => Value::Array(a),
                    Some(Value::Object(o)) => Value::Object(o),
                    Some(other) => Value::String(scalar_text(&other)),
                    None => Value::String(String::new()),
                };
                return;
            }
            let mut out = String::with_capacity(s.len());
            let mut last = 0;
            for (start, end, base, path) in found {
                out.push_str(&s[last..start]);
                out.push_str(
                    &refs
                        .resolve(&base, &path)
                        .map(|v| scalar_text(&v))
                        .unwrap_or_default(),
                );
                last = end;
            }
            out.push_str(&s[last..]);
            *s = out;
        }
        Value::Array(a) => a.iter_mut().for_each(|x| substitute(x, refs)),
        Value::Object(m) => m.values_mut().for_each(|x| substitute(x, refs)),
        _ => {}
    }
}

/// Test control, not part of Bitrix24: `/_emulator/advance?seconds=N` moves
/// the virtual clock, so scripts in other languages can expire tokens or
/// drain the bucket without sleeping.
pub(crate) async fn advance_clock(State(portal): State<Portal>, uri: Uri) -> Response {
    let secs = uri
        .query()
        .and_then(|q| b24_form::parse(q).ok())
        .and_then(|v| {
            v.get("seconds")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<f64>().ok())
        })
        .filter(|s| s.is_finite() && *s >= 0.0 && *s < 1e9);
    match secs {
        Some(s) => {
            portal
                .clock()
                .advance(std::time::Duration::from_secs_f64(s));
            json_response(
                200,
                &json!({"offset": portal.clock().offset().as_secs_f64()}),
            )
        }
        None => json_response(
            400,
            &json!({"error": "INVALID_REQUEST", "error_description": "seconds must be a non-negative number"}),
        ),
    }
}

/// Test control, not part of Bitrix24: `/_emulator/install?handler=URL[&user_id=N]`
/// installs the app as [`crate::Emulator::install`] does (POSTs `ONAPPINSTALL`
/// to the handler) and answers with the token pair.
pub(crate) async fn install_app(State(portal): State<Portal>, uri: Uri) -> Response {
    let q = uri
        .query()
        .and_then(|q| b24_form::parse(q).ok())
        .unwrap_or(Value::Null);
    let handler = q.get("handler").and_then(Value::as_str).unwrap_or("");
    let user_id = q
        .get("user_id")
        .and_then(Value::as_str)
        .and_then(|u| u.parse().ok())
        .unwrap_or(1);
    if handler.is_empty() {
        return json_response(
            400,
            &json!({"error": "INVALID_REQUEST", "error_description": "handler is required"}),
        );
    }
    match portal.install(user_id, handler).await {
        Ok(p) => json_response(200, &json!(p)),
        Err(e) => json_response(
            502,
            &json!({"error": "INSTALL_FAILED", "error_description": e.to_string()}),
        ),
    }
}

/// Test control, not part of Bitrix24:
/// `/_emulator/click_to_call?phone=N[&user_id=N][&entity_type=CONTACT&entity_id=N]`
/// clicks a phone number in the CRM as [`Portal::click_to_call`] does and
/// answers `{"CALL_ID": ...}`.
pub(crate) async fn click_to_call(State(portal): State<Portal>, uri: Uri) -> Response {
    let q = uri
        .query()
        .and_then(|q| b24_form::parse(q).ok())
        .unwrap_or(Value::Null);
    let get = |k: &str| q.get(k).and_then(Value::as_str).unwrap_or("");
    let user_id = get("user_id").parse().unwrap_or(1);
    let entity = match (get("entity_type"), get("entity_id").parse::<u64>()) {
        (t, Ok(id)) if !t.is_empty() => Some((t, id)),
        _ => None,
    };
    match portal.click_to_call(user_id, get("phone"), entity) {
        Ok(call_id) => json_response(200, &json!({"CALL_ID": call_id})),
        Err(e) => json_response(
            400,
            &json!({"error": "INVALID_REQUEST", "error_description": e.to_string()}),
        ),
    }
}

fn oauth_error(status: u16, code: &str, description: &str) -> Response {
    json_response(
        status,
        &json!({"error": code, "error_description": description}),
    )
}

pub(crate) async fn oauth_token(
    State(portal): State<Portal>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let params = match read_params(&portal, &uri, &headers, body).await {
        Ok((p, _)) => p,
        Err(e) => return oauth_error(400, "invalid_request", &e.description),
    };
    let get = |k: &str| {
        params
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let mut st = portal.lock();
    let now = portal.clock().unix();
    if get("client_id") != st.app.client_id || get("client_secret") != st.app.client_secret {
        return oauth_error(401, "invalid_client", "Invalid client data");
    }
    let (user_id, scopes) = match get("grant_type").as_str() {
        "authorization_code" => match st.codes.remove(&get("code")) {
            Some((u, s, exp)) if exp > now => (u, s),
            _ => return oauth_error(400, "invalid_grant", "Invalid authorization code"),
        },
        "refresh_token" => match st.refresh.remove(&get("refresh_token")) {
            Some(r) if r.expires > now => (r.user_id, r.scopes),
            Some(_) => return oauth_error(400, "invalid_grant", "The refresh token has expired"),
            None => return oauth_error(400, "invalid_grant", "Invalid refresh token"),
        },
        "" => return oauth_error(400, "invalid_request", "grant_type is required"),
        _ => return oauth_error(400, "invalid_request", "Unsupported grant_type"),
    };
    st.app_installed = true;
    let pair = portal.issue(&mut st, user_id, scopes);
    json_response(
        200,
        &json!({
            "access_token": pair.access_token,
            "expires": pair.expires,
            "expires_in": pair.expires_in,
            "scope": pair.scope,
            "domain": pair.domain,
            "server_endpoint": pair.server_endpoint,
            "status": pair.status,
            "client_endpoint": pair.client_endpoint,
            "member_id": pair.member_id,
            "user_id": pair.user_id,
            "refresh_token": pair.refresh_token,
        }),
    )
}

/// The authorisation step without a login form: the emulator's user 1 (or
/// `user_id`) agrees at once, and the code is sent to `redirect_uri` or
/// returned as JSON.
pub(crate) async fn oauth_authorize(
    State(portal): State<Portal>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let params = match read_params(&portal, &uri, &headers, body).await {
        Ok((p, _)) => p,
        Err(e) => return oauth_error(400, "invalid_request", &e.description),
    };
    let get = |k: &str| {
        params
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let mut st = portal.lock();
    if get("client_id") != st.app.client_id {
        return oauth_error(401, "invalid_client", "Invalid client data");
    }
    let user_id = get("user_id").parse().unwrap_or(1);
    let code = st.token(32);
    let scopes = st.app.scopes.clone();
    let expires = portal.clock().unix() + 30.0;
    st.codes
        .insert(code.clone(), (user_id, scopes.clone(), expires));
    let cfg = portal.config();
    let answer = json!({
        "code": code,
        "state": get("state"),
        "domain": cfg.domain,
        "member_id": cfg.member_id,
        "scope": scopes.join(","),
        "server_domain": cfg.domain,
    });
    let redirect = get("redirect_uri");
    if redirect.is_empty() {
        return json_response(200, &answer);
    }
    let sep = if redirect.contains('?') { '&' } else { '?' };
    let location = format!("{redirect}{sep}{}", b24_form::encode(&answer));
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
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
