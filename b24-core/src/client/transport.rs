//! The request loop: budget, concurrency, bucket, send, classify, retry.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Map, Value};
use tracing::Instrument;

use super::{ApiVersion, AuthMode, Client};
use crate::auth::Tokens;
use crate::envelope::Envelope;
use crate::error::Error;
use crate::retry::{Decision, decide, random_u64};
use crate::wire::read_response;

/// One logical call, as the request loop sees it.
pub(crate) struct Call<'a> {
    pub method: &'a str,
    pub params: &'a Value,
    pub idempotent: bool,
    pub version: ApiVersion,
    /// Methods whose operating budget gates this call (a batch's inner methods).
    pub budget: &'a [&'a str],
}

/// REST 3.0's `batch` takes a JSON array of `{method, query}` as its body.
fn v3_batch(call: &Call<'_>) -> bool {
    call.version == ApiVersion::V3 && call.method == "batch"
}

impl Client {
    /// The request loop: budget → concurrency → bucket → send → classify.
    pub(crate) async fn execute(&self, call: Call<'_>) -> Result<Envelope<Value>, Error> {
        let inner = &*self.inner;
        let oauth = matches!(inner.auth, AuthMode::OAuth(_));
        let idem_key = (call.version == ApiVersion::V3 && !call.idempotent)
            .then(|| format!("{:016x}{:016x}", random_u64(), random_u64()));
        let idempotent = call.idempotent || idem_key.is_some();
        let (mut transient, mut limited, mut refreshed, mut attempt) = (0u32, 0u32, 0u32, 0u32);
        loop {
            let tokens = match &inner.auth {
                AuthMode::OAuth(s) => Some(
                    s.tokens(&inner.http, &*inner.clock)
                        .await
                        .map_err(|e| named(e, call.method))?,
                ),
                AuthMode::Webhook { .. } => None,
            };
            let limiter = match (&inner.auth, &tokens) {
                (_, Some(t)) => self.limiter_for(&t.client_endpoint),
                (AuthMode::Webhook { origin, .. }, None) => self.limiter_for(origin),
                _ => return Err(Error::auth(call.method, "no tokens")),
            };
            limiter.wait_operating(call.budget.iter().copied()).await;
            let permit = limiter.concurrency.acquire().await;
            limiter.wait_bucket().await;
            if attempt > 0 {
                inner.retries.fetch_add(1, Ordering::Relaxed);
            }
            attempt += 1;
            let res = self
                .send_once(&call, tokens.as_deref(), idem_key.as_deref(), attempt)
                .await;
            drop(permit);
            let err = match res {
                Ok(env) => {
                    if let Some(d) = env.time.as_ref().and_then(|t| t.duration) {
                        inner
                            .server_micros
                            .fetch_add((d.max(0.0) * 1e6) as u64, Ordering::Relaxed);
                    }
                    if call.method != "batch"
                        && let Some(t) = &env.time
                    {
                        limiter.record_operating(call.method, t.operating, t.operating_reset_at);
                    }
                    limiter.concurrency.on_success();
                    return Ok(env);
                }
                Err(e) => e,
            };
            let decision = decide(&err, idempotent, oauth, &inner.retry);
            tracing::debug!(method = call.method, status = ?err.status(), code = err.code(), ?decision, attempt, "b24 call failed");
            let now = inner.clock.now();
            match decision {
                Decision::Refresh if refreshed < 2 => {
                    refreshed += 1;
                    if let (AuthMode::OAuth(s), Some(t)) = (&inner.auth, &tokens) {
                        s.refresh(t, &inner.http, &*inner.clock)
                            .await
                            .map_err(|e| named(e, call.method))?;
                    }
                }
                Decision::RateLimited if limited < inner.retry.max_limit_retries => {
                    limiter.bucket.on_rejected(now);
                    limiter.concurrency.on_overload(now);
                    let wait = inner.retry.backoff(limited.min(6), err.info().retry_after);
                    limited += 1;
                    inner.clock.sleep(wait).await;
                }
                Decision::OperatingLimited if limited < inner.retry.max_limit_retries => {
                    limited += 1;
                    let until = limiter.operating.on_limit(
                        call.method,
                        err.info().operating_reset_at,
                        inner.clock.unix_now(),
                    );
                    tracing::info!(
                        method = call.method,
                        wait_s = until - inner.clock.unix_now(),
                        "OPERATION_TIME_LIMIT; waiting for the basket reset"
                    );
                    if let Some(r) = err.info().retry_after {
                        inner.clock.sleep(r).await;
                    }
                }
                Decision::Transient if transient < inner.retry.max_retries => {
                    limiter.concurrency.on_overload(now);
                    let wait = inner.retry.backoff(transient, err.info().retry_after);
                    transient += 1;
                    inner.clock.sleep(wait).await;
                }
                _ => return Err(err),
            }
        }
    }

    async fn send_once(
        &self,
        call: &Call<'_>,
        tokens: Option<&Tokens>,
        idem_key: Option<&str>,
        attempt: u32,
    ) -> Result<Envelope<Value>, Error> {
        let inner = &*self.inner;
        // The portal is the host only: the URL's path may hold a webhook code.
        let portal = match (&inner.auth, tokens) {
            (AuthMode::Webhook { origin, .. }, _) => host(origin),
            (_, Some(t)) if !t.domain.is_empty() => t.domain.as_str(),
            (_, Some(t)) => host(&t.client_endpoint),
            _ => "",
        };
        let span = tracing::info_span!(
            "b24_call",
            method = call.method,
            portal,
            attempt,
            status = tracing::field::Empty,
            error = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = std::time::Instant::now();
        let out = self
            .send_attempt(call, tokens, idem_key, &span)
            .instrument(span.clone())
            .await;
        span.record("duration_ms", started.elapsed().as_secs_f64() * 1e3);
        if let Err(e) = &out {
            // The code only: descriptions may quote what the portal echoed.
            let code = e.code();
            span.record("error", if code.is_empty() { "transport" } else { code });
        }
        out
    }

    async fn send_attempt(
        &self,
        call: &Call<'_>,
        tokens: Option<&Tokens>,
        idem_key: Option<&str>,
        span: &tracing::Span,
    ) -> Result<Envelope<Value>, Error> {
        let inner = &*self.inner;
        let api = if call.version == ApiVersion::V3 {
            "api/"
        } else {
            ""
        };
        let method = call.method;
        let with_auth;
        let (url, body) = match (&inner.auth, tokens) {
            (
                AuthMode::Webhook {
                    origin,
                    user_id,
                    code,
                },
                _,
            ) => (
                format!("{origin}/rest/{api}{user_id}/{}/{method}", code.expose()),
                call.params,
            ),
            (AuthMode::OAuth(_), Some(t)) => {
                let mut map = match call.params {
                    Value::Object(m) => m.clone(),
                    Value::Null => Map::new(),
                    Value::Array(_) if v3_batch(call) => {
                        return Err(Error::invalid(
                            method,
                            "a REST 3.0 batch body is a JSON array, which has no place for the \
                             OAuth `auth` field; send the calls one by one or use a webhook",
                        ));
                    }
                    _ => return Err(Error::invalid(method, "params must be a JSON object")),
                };
                map.insert(
                    "auth".into(),
                    Value::String(t.access_token.expose().to_owned()),
                );
                with_auth = Value::Object(map);
                let base = t.client_endpoint.trim_end_matches('/');
                (format!("{base}/{api}{method}"), &with_auth)
            }
            (AuthMode::OAuth(_), None) => return Err(Error::auth(method, "no tokens")),
        };
        let array_ok = body.is_array() && v3_batch(call);
        if !(matches!(body, Value::Object(_) | Value::Null) || array_ok) {
            return Err(Error::invalid(method, "params must be a JSON object"));
        }
        let mut req = inner.http.post(url).header("Accept", "application/json");
        req = if body.is_null() {
            req.json(&Map::new())
        } else {
            req.json(body)
        };
        if let Some(k) = idem_key {
            req = req.header("Idempotency-Key", k);
        }
        inner.requests.fetch_add(1, Ordering::Relaxed);
        let resp = req.send().await.map_err(|e| Error::transport(method, &e))?;
        let status = resp.status().as_u16();
        span.record("status", status);
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(Duration::from_secs_f64);
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| Error::transport(method, &e))?;
        tracing::trace!(method, status, bytes = bytes.len(), "b24 response");
        read_response(method, status, retry_after, &bytes)
    }
}
/// `https://host:port/rest/...` -> `host:port`.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or_default()
}

fn named(mut e: Error, method: &str) -> Error {
    if let Error::Auth(i) = &mut e
        && i.method == "oauth"
    {
        i.method = method.to_owned();
    }
    e
}
