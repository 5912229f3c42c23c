//! REST 3.0 (`api-reference/rest-v3.md`): `/rest/api/{user_id}/{code}/{method}`
//! and `/rest/api/{method}` with the token in the body's `auth`. JSON bodies
//! only, never the query string; `{"result": …, "time": …}` on success and
//! `{"error": {"code", "message", "validation"?}}` with a 4xx otherwise;
//! `Idempotency-Key`; `batch` as a JSON array; `rest.documentation.openapi`
//! and `rest.scope.list`. The leaky bucket, operating time, credentials and
//! the call log are the ones REST v2 uses.

use std::time::Instant;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::handlers::tasks;
use crate::handlers::{eventlog, spec};
use crate::http::v2::{Executed, Target, accounted, authenticate, json_response, target};
use crate::protocol::{ApiError, Caller, Output, V3Error, operation_time_limit};
use crate::registry::openapi as openapi_schema;
use crate::registry::{Entry, registry};
use crate::state::replays::request_hash;
use crate::state::{AuthKind, CallRecord, Portal, has_scope};

mod openapi;
#[allow(unused_imports)]
pub(crate) use openapi::*;

mod batch;
use batch::{Call, batch};

/// A REST 3.0 method the emulator knows.
pub(crate) struct Spec {
    pub name: &'static str,
    /// The scope it needs (`basic`: none).
    pub scope: &'static str,
    /// Creates, changes or deletes data, so `Idempotency-Key` applies.
    pub changes: bool,
    pub summary: &'static str,
    /// The OpenAPI tag (the module).
    pub tag: &'static str,
}

/// The emulated REST 3.0 methods. The task pages name the deprecated scope
/// `tasks`; `scopes/permissions.md` says the scope is `task`, so either
/// grants them (see [`scope_ok`]).
pub(crate) const SPECS: &[Spec] = &[
    Spec {
        name: "rest.documentation.openapi",
        scope: "basic",
        changes: false,
        summary: "OpenAPI documentation of the REST 3.0 methods",
        tag: "rest",
    },
    Spec {
        name: "documentation",
        scope: "basic",
        changes: false,
        summary: "Synonym of rest.documentation.openapi",
        tag: "rest",
    },
    Spec {
        name: "rest.scope.list",
        scope: "basic",
        changes: false,
        summary: "Method-to-scope mapping",
        tag: "rest",
    },
    Spec {
        name: "batch",
        scope: "basic",
        changes: false,
        summary: "Several calls in one request",
        tag: "rest",
    },
    Spec {
        name: "tasks.task.add",
        scope: "task",
        changes: true,
        summary: "Adds a task",
        tag: "tasks",
    },
    Spec {
        name: "tasks.task.get",
        scope: "task",
        changes: false,
        summary: "Returns a task by its identifier",
        tag: "tasks",
    },
    Spec {
        name: "tasks.task.update",
        scope: "task",
        changes: true,
        summary: "Updates a task",
        tag: "tasks",
    },
    Spec {
        name: "tasks.task.delete",
        scope: "task",
        changes: true,
        summary: "Deletes a task",
        tag: "tasks",
    },
    Spec {
        name: "tasks.task.list",
        scope: "task",
        changes: false,
        summary: "Returns a list of tasks",
        tag: "tasks",
    },
];

fn spec_of(method: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == method)
}

/// A REST 3.0 method as the call path sees it.
struct Resolved {
    scope: String,
    /// Creates, changes or deletes data, so `Idempotency-Key` applies.
    changes: bool,
    /// Its registry entry, when it has no stateful handler here.
    from_spec: Option<&'static Entry>,
}

fn resolve(method: &str) -> Option<Resolved> {
    if let Some(s) = spec_of(method) {
        return Some(Resolved {
            scope: s.scope.to_owned(),
            changes: s.changes,
            from_spec: None,
        });
    }
    let e = registry().get(method, true)?;
    Some(Resolved {
        scope: e.scope.clone(),
        changes: !e.idempotent,
        from_spec: Some(e),
    })
}

/// The method exists in REST 3.0 and the caller has its scope.
fn allowed(caller: &Caller, method: &str) -> Result<Resolved, V3Error> {
    // rest-v3.md: errors carry the BITRIX_REST_V3_EXCEPTION_ prefix; an
    // unknown method is the METHODNOTFOUND exception, not v2's code.
    let spec = resolve(method).ok_or_else(|| {
        V3Error::new(
            404,
            "METHODNOTFOUNDEXCEPTION",
            format!("Method `{method}` not found"),
        )
    })?;
    if !has_scope(&caller.scopes, &spec.scope) {
        return Err(V3Error::new(
            403,
            "INSUFFICIENTSCOPEEXCEPTION",
            format!(
                "The method `{method}` requires the `{}` scope, which the {} does not have",
                spec.scope,
                match caller.auth {
                    AuthKind::Webhook { .. } => "webhook",
                    _ => "application",
                }
            ),
        ));
    }
    Ok(spec)
}

/// A valid key: 1 to 255 printable ASCII characters.
fn valid_key(key: &[u8]) -> bool {
    (1..=255).contains(&key.len()) && key.iter().all(|b| (0x20..=0x7e).contains(b))
}

fn with_headers(mut resp: Response, key: Option<&str>, replayed: bool) -> Response {
    if let Some(v) = key.and_then(|k| HeaderValue::from_str(k).ok()) {
        resp.headers_mut().insert("idempotency-key", v);
    }
    if replayed {
        resp.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    resp
}

fn error_response(e: &V3Error) -> Response {
    json_response(e.status, &e.body())
}

/// A 200 with an already serialised JSON body (a stored answer).
fn json_bytes(body: Vec<u8>) -> Response {
    let ctype = [(header::CONTENT_TYPE, "application/json; charset=utf-8")];
    (ctype, body).into_response()
}

/// A bug must not drop the connection: the documented 500.
fn internal_error() -> Response {
    let e = ApiError::new(500, "INTERNAL_SERVER_ERROR", "Internal server error");
    error_response(&e.into())
}

/// Runs one REST 3.0 method with the shared accounting.
fn execute(
    portal: &Portal,
    caller: &Caller,
    method: &str,
    params: Value,
    in_batch: bool,
) -> Executed<V3Error> {
    let start = portal.clock().unix();
    let status = |e: &V3Error| (e.status, e.code.clone());
    let mut done = accounted(
        portal,
        caller,
        method,
        params,
        in_batch,
        status,
        |p, waited| {
            let resolved = allowed(caller, method)?;
            if portal.operating().blocked(&caller.principal, method, start) {
                return Err(operation_time_limit().into());
            }
            let one = |result| Output {
                result,
                total: None,
                next: None,
                rows: 1,
                synthesized: false,
            };
            if eventlog::handles(method) {
                return eventlog::call(portal, caller, method, p);
            }
            if let Some(entry) = resolved.from_spec {
                return spec::call_v3(registry(), entry, p);
            }
            match method {
                "rest.documentation.openapi" | "documentation" => Ok(one(openapi())),
                "rest.scope.list" => Ok(one(scope_list())),
                m => tasks::call(portal, caller, m, p, waited),
            }
        },
    );
    done.record.v3 = true;
    done
}

/// Handles `/rest/api/{path}`.
pub(crate) async fn rest(portal: Portal, path: &str, headers: &HeaderMap, body: Body) -> Response {
    let start = portal.clock().unix();
    let started = Instant::now();
    let target = target(path);
    let method = match &target {
        Target::Webhook { method, .. } | Target::OAuth { method } => method.clone(),
        Target::Unknown => path.to_ascii_lowercase(),
    };
    let key_header = headers
        .get("idempotency-key")
        .map(|v| v.as_bytes().to_vec());
    let refuse = |e: V3Error, params: Value, auth: AuthKind, key: Option<&str>| {
        portal.record([CallRecord {
            v3: true,
            idempotency_key: key.map(str::to_owned),
            ..CallRecord::new(
                &method,
                params,
                auth,
                e.status,
                Some(e.code.clone()),
                portal.clock().now(),
            )
        }]);
        with_headers(error_response(&e), key, false)
    };
    // Read (bounded) even when refused, so keep-alive connections stay usable.
    let max = portal.config().max_body;
    let bytes = axum::body::to_bytes(body, max).await;
    if !portal.bucket().hit(portal.clock().elapsed()) {
        let e = ApiError::new(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
        return refuse(e.into(), Value::Null, AuthKind::None, None);
    }
    let Ok(bytes) = bytes else {
        let e = ApiError::new(
            413,
            "INVALID_REQUEST",
            &format!("Request body exceeds {max} bytes"),
        );
        return refuse(e.into(), Value::Null, AuthKind::None, None);
    };
    // Parameters come from the JSON body only; a body-less GET or POST calls
    // the method without parameters.
    let body: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Map::new())
    } else {
        match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(e) => {
                let e = V3Error::invalid_json(&format!("Invalid JSON in the request body: {e}"));
                return refuse(e, Value::Null, AuthKind::None, None);
            }
        }
    };
    let (mut params, batch_calls) = match body {
        // The keyed form SDKs send ({"0": {method, query, as}, ...}); the
        // token may ride next to the calls.
        Value::Object(m) if method == "batch" && batch::is_keyed(&m) => {
            let (calls, rest) = batch::keyed(m);
            (rest, Some(calls))
        }
        Value::Object(m) => (m, None),
        // `batch` takes an array at the root (its token cannot ride in it,
        // and the docs name no other place: batch is for webhooks).
        Value::Array(a) if method == "batch" => (
            Map::new(),
            Some(a.into_iter().map(|v| Call { key: None, body: v }).collect()),
        ),
        Value::Array(a) if a.is_empty() => (Map::new(), None),
        _ => {
            let e = V3Error::invalid_json("The request body must be a JSON object");
            return refuse(e, Value::Null, AuthKind::None, None);
        }
    };
    let authenticated = {
        let st = portal.read();
        authenticate(&portal, &st, &target, &params)
    };
    params.remove("auth");
    let params = Value::Object(params);
    let caller = match authenticated {
        Ok(c) => c,
        Err(e) => return refuse(e.into(), params, AuthKind::None, None),
    };
    let spec = match allowed(&caller, &method) {
        Ok(s) => s,
        Err(e) => return refuse(e, params, caller.auth, None),
    };
    if method == "batch" {
        let calls = match batch_calls {
            Some(c) => c,
            None => {
                let e = V3Error::invalid_select(
                    "The batch body must be a JSON array of {\"method\", \"query\"} objects; the `cmd` form of REST v2 is not accepted",
                );
                return refuse(e, params, caller.auth, None);
            }
        };
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            batch(&portal, &caller, calls, start, started)
        }));
        return ran.unwrap_or_else(|_| internal_error());
    }
    // The header matters only to methods that change data.
    let key = match key_header.filter(|_| spec.changes) {
        None => None,
        Some(k) if valid_key(&k) => Some(String::from_utf8_lossy(&k).into_owned()),
        Some(_) => {
            let e = V3Error::new(
                400,
                "INVALIDIDEMPOTENCYKEYEXCEPTION",
                "The Idempotency-Key header must be 1 to 255 printable ASCII characters",
            );
            return refuse(e, params, caller.auth, None);
        }
    };
    let replay_key = key.as_ref().map(|k| {
        (
            caller.principal.clone(),
            caller.user_id,
            method.clone(),
            k.clone(),
        )
    });
    let request = request_hash(&params);
    if let Some(rk) = &replay_key {
        let now = portal.clock().unix();
        let stored = portal
            .replays()
            .get(rk, now)
            .map(|s| (s.request, s.body.clone()));
        match stored {
            Some((hash, body)) if hash == request => {
                portal.record([CallRecord {
                    v3: true,
                    idempotency_key: key.clone(),
                    replayed: true,
                    ..CallRecord::new(
                        &method,
                        params,
                        caller.auth.clone(),
                        200,
                        None,
                        portal.clock().now(),
                    )
                }]);
                return with_headers(json_bytes(body), key.as_deref(), true);
            }
            Some(_) => {
                let e = V3Error::new(
                    422,
                    "IDEMPOTENCYKEYREUSEDEXCEPTION",
                    "The Idempotency-Key was already used with a different request body",
                );
                return refuse(e, params, caller.auth, key.as_deref());
            }
            None => {}
        }
    }
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        execute(&portal, &caller, &method, params, false)
    }));
    let Ok(Executed {
        outcome,
        time,
        mut record,
        ..
    }) = ran
    else {
        return internal_error();
    };
    record.idempotency_key = key.clone();
    portal.record([record]);
    let resp = match outcome {
        Ok(out) => {
            let body = json!({"result": out.result, "time": time});
            let bytes = serde_json::to_vec(&body).unwrap_or_default();
            // Only successful answers are kept: an error is run again.
            if let Some(rk) = replay_key {
                let now = portal.clock().unix();
                portal.replays().put(rk, request, bytes.clone(), now);
            }
            json_bytes(bytes)
        }
        Err(e) => error_response(&e),
    };
    with_headers(resp, key.as_deref(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert!(valid_key(b"9f1c1a7e-5f1b-4a1e-9a2c-2f5f2b6c7d80"));
        assert!(valid_key(&[b'a'; 255]));
        assert!(!valid_key(&[b'a'; 256]));
        assert!(!valid_key(b""));
        assert!(!valid_key("ключ".as_bytes()));
        assert!(!valid_key(b"a\tb"));
    }
}
