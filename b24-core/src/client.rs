//! The REST client: credentials, the request loop with limits and retries,
//! and the typed entry points.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::auth::{MemoryTokenStore, OAuthApp, OAuthState, Secret, TokenStore, Tokens};
use crate::clock::{Clock, SystemClock};
use crate::envelope::Envelope;
use crate::error::{Error, parse_error_body};
use crate::limits::{BucketConfig, Limiter, LimitsConfig};
use crate::retry::{Decision, RetryPolicy, decide, random_u64};
use crate::typed::Method;

/// Which REST generation to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiVersion {
    /// `/rest/...`: the classic API.
    #[default]
    V2,
    /// `/rest/api/...`: REST 3.0 (JSON only, `Idempotency-Key`).
    V3,
}

/// Per-call options for [`Client::call_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// Whether resending is harmless. `None`: guessed from the method name
    /// (`*.get`, `*.list`, `*.fields` ... are; anything else is not).
    pub idempotent: Option<bool>,
    /// The API generation.
    pub version: ApiVersion,
}

/// Counters of one client.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClientStats {
    /// HTTP requests sent to the portal (each attempt counts).
    pub http_requests: u64,
    /// Attempts that were retries.
    pub retries: u64,
    /// OAuth refreshes performed by this client.
    pub token_refreshes: u64,
    /// Sum of the portal's `time.duration` over successful responses, seconds.
    pub server_seconds: f64,
    /// Sum of `result_time[..].duration` of batch commands, seconds: the
    /// portal's own processing, without time spent queueing for it.
    pub command_seconds: f64,
}

pub(crate) enum AuthMode {
    Webhook {
        /// `scheme://host[:port][/prefix]`, no trailing slash.
        origin: String,
        user_id: String,
        code: Secret,
    },
    OAuth(OAuthState),
}

impl fmt::Debug for AuthMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthMode::Webhook {
                origin, user_id, ..
            } => f
                .debug_struct("Webhook")
                .field("origin", origin)
                .field("user_id", user_id)
                .field("code", &"***")
                .finish(),
            AuthMode::OAuth(s) => s.fmt(f),
        }
    }
}

/// A Bitrix24 REST client. Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    http: reqwest::Client,
    auth: AuthMode,
    limiter: OnceLock<Arc<Limiter>>,
    limits: LimitsConfig,
    pub(crate) clock: Arc<dyn Clock>,
    retry: RetryPolicy,
    requests: AtomicU64,
    retries: AtomicU64,
    server_micros: AtomicU64,
    pub(crate) command_micros: AtomicU64,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("auth", &self.inner.auth)
            .field("limiter", &self.inner.limiter.get())
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    auth: Option<Result<AuthMode, Error>>,
    oauth_parts: Option<(OAuthApp, Arc<dyn TokenStore>)>,
    token_url: Option<String>,
    refresh_skew: Duration,
    http: Option<reqwest::Client>,
    timeout: Duration,
    limits: LimitsConfig,
    limiter: Option<Arc<Limiter>>,
    clock: Option<Arc<dyn Clock>>,
    retry: RetryPolicy,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            auth: None,
            oauth_parts: None,
            token_url: None,
            refresh_skew: Duration::from_secs(60),
            http: None,
            timeout: Duration::from_secs(90),
            limits: LimitsConfig::default(),
            limiter: None,
            clock: None,
            retry: RetryPolicy::default(),
        }
    }
}

impl ClientBuilder {
    /// Authenticates with an incoming webhook URL,
    /// `https://portal/rest/{user_id}/{code}/` (a trailing method name is ignored).
    pub fn webhook(mut self, url: &str) -> Self {
        self.auth = Some(parse_webhook(url));
        self
    }

    /// Authenticates as an OAuth application whose tokens live in `store`.
    pub fn oauth(mut self, app: OAuthApp, store: impl TokenStore) -> Self {
        self.oauth_parts = Some((app, Arc::new(store)));
        self
    }

    /// Like [`ClientBuilder::oauth`] with a shared store.
    pub fn oauth_shared(mut self, app: OAuthApp, store: Arc<dyn TokenStore>) -> Self {
        self.oauth_parts = Some((app, store));
        self
    }

    /// The OAuth token endpoint. Default: derived from the tokens'
    /// `server_endpoint` (`.../rest/` → `.../oauth/token/`), else
    /// `https://oauth.bitrix.info/oauth/token/`.
    pub fn oauth_token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// Refresh access tokens this long before they expire (default 60 s).
    pub fn refresh_skew(mut self, d: Duration) -> Self {
        self.refresh_skew = d;
        self
    }

    /// The leaky bucket preset (default [`BucketConfig::STANDARD`]).
    pub fn bucket(mut self, bucket: BucketConfig) -> Self {
        self.limits.bucket = bucket;
        self
    }

    /// All limiter settings.
    pub fn limits(mut self, limits: LimitsConfig) -> Self {
        self.limits = limits;
        self
    }

    /// Use this limiter instead of the process-wide one of the portal.
    pub fn limiter(mut self, limiter: Arc<Limiter>) -> Self {
        self.limiter = Some(limiter);
        self
    }

    /// The clock for pacing, backoff and token expiry (default: real time).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Per-request timeout (default 90 s; the portal stops requests at 60 s).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// A preconfigured `reqwest` client (its timeout then applies).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let auth = match (self.auth, self.oauth_parts) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "client",
                    "give either a webhook or OAuth credentials, not both",
                ));
            }
            (Some(a), None) => a?,
            (None, Some((app, store))) => AuthMode::OAuth(OAuthState::new(
                app,
                store,
                self.token_url,
                self.refresh_skew,
            )),
            (None, None) => {
                return Err(Error::invalid(
                    "client",
                    "no credentials: call .webhook(..) or .oauth(..)",
                ));
            }
        };
        let http = match self.http {
            Some(h) => h,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .pool_idle_timeout(Duration::from_secs(50))
                .build()
                .map_err(|e| Error::transport("client", &e))?,
        };
        let clock = self
            .clock
            .unwrap_or_else(|| Arc::new(SystemClock::default()));
        let limiter = OnceLock::new();
        if let Some(l) = self.limiter {
            let _ = limiter.set(l);
        } else if let AuthMode::Webhook { origin, .. } = &auth {
            let _ = limiter.set(Limiter::shared(
                &portal_key(origin),
                self.limits.clone(),
                clock.clone(),
            ));
        }
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                auth,
                limiter,
                limits: self.limits,
                clock,
                retry: self.retry,
                requests: AtomicU64::new(0),
                retries: AtomicU64::new(0),
                server_micros: AtomicU64::new(0),
                command_micros: AtomicU64::new(0),
            }),
        })
    }
}

/// REST 3.0's `batch` takes a JSON array of `{method, query}` as its body.
fn v3_batch(call: &Call<'_>) -> bool {
    call.version == ApiVersion::V3 && call.method == "batch"
}

fn parse_webhook(url: &str) -> Result<AuthMode, Error> {
    let bad = |why: &str| Error::auth("webhook", format!("bad webhook URL: {why}"));
    let parsed = reqwest::Url::parse(url).map_err(|_| bad("not a URL"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("scheme must be http or https"));
    }
    let segs: Vec<&str> = parsed
        .path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    let rest = segs
        .iter()
        .position(|s| *s == "rest")
        .ok_or_else(|| bad("no /rest/ segment"))?;
    let (user_id, code) = match (segs.get(rest + 1), segs.get(rest + 2)) {
        (Some(&"api"), _) => match (segs.get(rest + 2), segs.get(rest + 3)) {
            (Some(u), Some(c)) => (*u, *c),
            _ => return Err(bad("expected /rest/api/{user_id}/{code}/")),
        },
        (Some(u), Some(c)) => (*u, *c),
        _ => return Err(bad("expected /rest/{user_id}/{code}/")),
    };
    if !user_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("user id is not a number"));
    }
    let mut origin = format!(
        "{}://{}",
        parsed.scheme(),
        parsed.host_str().unwrap_or_default()
    );
    if let Some(p) = parsed.port() {
        origin.push_str(&format!(":{p}"));
    }
    for s in &segs[..rest] {
        origin.push('/');
        origin.push_str(s);
    }
    Ok(AuthMode::Webhook {
        origin,
        user_id: user_id.to_owned(),
        code: Secret::new(code),
    })
}

/// The limiter key: scheme, host and port.
fn portal_key(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(u) => format!(
            "{}://{}:{}",
            u.scheme(),
            u.host_str().unwrap_or_default(),
            u.port_or_known_default().unwrap_or(0)
        ),
        Err(_) => url.to_owned(),
    }
}

/// Whether resending `method` is harmless, judged from its name: the one
/// rule of [`crate::idempotent::by_name`], which generated methods use too.
pub use crate::idempotent::by_name as guess_idempotent;

/// One logical call, as the request loop sees it.
pub(crate) struct Call<'a> {
    pub method: &'a str,
    pub params: &'a Value,
    pub idempotent: bool,
    pub version: ApiVersion,
    /// Methods whose operating budget gates this call (a batch's inner methods).
    pub budget: &'a [&'a str],
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client for an incoming webhook URL with default limits.
    pub fn from_webhook(url: &str) -> Result<Client, Error> {
        Self::builder().webhook(url).build()
    }

    /// A client for an OAuth app with tokens held in memory.
    pub fn from_oauth(app: OAuthApp, tokens: Tokens) -> Result<Client, Error> {
        Self::builder()
            .oauth(app, MemoryTokenStore::new(tokens))
            .build()
    }

    /// Counters.
    pub fn stats(&self) -> ClientStats {
        ClientStats {
            http_requests: self.inner.requests.load(Ordering::Relaxed),
            retries: self.inner.retries.load(Ordering::Relaxed),
            server_seconds: self.inner.server_micros.load(Ordering::Relaxed) as f64 / 1e6,
            command_seconds: self.inner.command_micros.load(Ordering::Relaxed) as f64 / 1e6,
            token_refreshes: match &self.inner.auth {
                AuthMode::OAuth(s) => s.refresh_count(),
                AuthMode::Webhook { .. } => 0,
            },
        }
    }

    /// The limiter in use (after the first call for OAuth clients).
    pub fn limiter(&self) -> Option<&Arc<Limiter>> {
        self.inner.limiter.get()
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.inner.clock
    }

    /// Calls `method` with JSON `params` (REST v2). Resends only if the method
    /// looks idempotent ([`guess_idempotent`]) or the request did not run.
    pub async fn call(&self, method: &str, params: Value) -> Result<Envelope<Value>, Error> {
        self.call_with(method, params, CallOptions::default()).await
    }

    /// [`Client::call`], decoding `result` into `T`.
    pub async fn call_as<T: DeserializeOwned>(
        &self,
        method: &str,
        params: Value,
    ) -> Result<Envelope<T>, Error> {
        self.call(method, params).await?.decode(method)
    }

    /// A REST 3.0 call (`/rest/api/`). Non-idempotent calls carry an
    /// `Idempotency-Key`, so they too are resent safely after transport errors.
    pub async fn call_v3(&self, method: &str, params: Value) -> Result<Envelope<Value>, Error> {
        self.call_with(
            method,
            params,
            CallOptions {
                version: ApiVersion::V3,
                idempotent: None,
            },
        )
        .await
    }

    /// A call with explicit options.
    pub async fn call_with(
        &self,
        method: &str,
        params: Value,
        opts: CallOptions,
    ) -> Result<Envelope<Value>, Error> {
        let idempotent = opts.idempotent.unwrap_or_else(|| guess_idempotent(method));
        self.execute(Call {
            method,
            params: &params,
            idempotent,
            version: opts.version,
            budget: &[method],
        })
        .await
    }

    /// Sends a typed method to its REST generation (`M::API`: `/rest/` or
    /// REST 3.0's `/rest/api/`); resends it only if `M::IDEMPOTENT` (or the
    /// request did not run).
    pub async fn send<M: Method>(&self, m: &M) -> Result<Envelope<M::Output>, Error> {
        self.send_with(m, M::API).await
    }

    /// Sends a typed method to REST 3.0, whatever its spec says.
    pub async fn send_v3<M: Method>(&self, m: &M) -> Result<Envelope<M::Output>, Error> {
        self.send_with(m, ApiVersion::V3).await
    }

    async fn send_with<M: Method>(
        &self,
        m: &M,
        version: ApiVersion,
    ) -> Result<Envelope<M::Output>, Error> {
        let params = serde_json::to_value(m)
            .map_err(|e| Error::invalid(M::NAME, format!("params do not serialize: {e}")))?;
        let env = self
            .execute(Call {
                method: M::NAME,
                params: &params,
                idempotent: M::IDEMPOTENT,
                version,
                budget: &[M::NAME],
            })
            .await?;
        env.decode(M::NAME)
    }

    fn limiter_for(&self, endpoint: &str) -> Arc<Limiter> {
        self.inner
            .limiter
            .get_or_init(|| {
                Limiter::shared(
                    &portal_key(endpoint),
                    self.inner.limits.clone(),
                    self.inner.clock.clone(),
                )
            })
            .clone()
    }

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
                .send_once(&call, tokens.as_deref(), idem_key.as_deref())
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
        let body: Value = match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(e) => {
                let snippet: String =
                    String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
                let mut info = crate::error::ErrorInfo::new(
                    method,
                    format!("body is not JSON ({e}): {snippet}"),
                );
                info.status = Some(status);
                info.retry_after = retry_after;
                return Err(if (200..300).contains(&status) {
                    Error::Decode(Box::new(info))
                } else {
                    Error::Http(Box::new(info))
                });
            }
        };
        if let Some(err) = parse_error_body(method, Some(status), &body) {
            return Err(err.with_retry_after(retry_after));
        }
        if !(200..300).contains(&status) {
            let mut info = crate::error::ErrorInfo::new(
                method,
                format!("HTTP {status} without an error code"),
            );
            info.status = Some(status);
            info.retry_after = retry_after;
            return Err(Error::Http(Box::new(info)));
        }
        Envelope::from_body(method, status, body)
    }
}

fn named(mut e: Error, method: &str) -> Error {
    if let Error::Auth(i) = &mut e
        && i.method == "oauth"
    {
        i.method = method.to_owned();
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_urls() {
        let AuthMode::Webhook {
            origin,
            user_id,
            code,
        } = parse_webhook("http://127.0.0.1:8080/rest/1/devcode/").unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (origin.as_str(), user_id.as_str(), code.expose()),
            ("http://127.0.0.1:8080", "1", "devcode")
        );
        let AuthMode::Webhook { origin, .. } =
            parse_webhook("https://p.bitrix24.com/sub/rest/7/abc/crm.deal.add.json").unwrap()
        else {
            panic!()
        };
        assert_eq!(origin, "https://p.bitrix24.com/sub");
        assert!(parse_webhook("https://p.bitrix24.com/rest/x/abc/").is_err());
        assert!(parse_webhook("nope").is_err());
        assert!(parse_webhook("https://p.bitrix24.com/hook/1/abc").is_err());
    }

    #[test]
    fn debug_hides_webhook_code() {
        let c = Client::from_webhook("https://p.example/rest/1/s3cr3tcode/").unwrap();
        let d = format!("{c:?}");
        assert!(!d.contains("s3cr3tcode"), "{d}");
    }
}
