//! The REST client: credentials and configuration here, the request loop
//! in [`transport`], untyped calls in [`raw`]; batches and lists have their
//! own modules.

mod raw;
mod transport;

pub use raw::RawRequest;
pub(crate) use transport::Call;

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::auth::{MemoryTokenStore, OAuthCredentials, OAuthState, Secret, TokenStore, Tokens};
use crate::clock::{SystemClock, TimeSource};
use crate::envelope::Envelope;
use crate::error::Error;
use crate::limits::{BucketConfig, Limiter, LimitsConfig};
use crate::retry::RetryPolicy;
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

/// Counters of one client.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
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
    pub(crate) clock: Arc<dyn TimeSource>,
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
    oauth_parts: Option<(OAuthCredentials, Arc<dyn TokenStore>)>,
    token_url: Option<String>,
    refresh_skew: Duration,
    http: Option<reqwest::Client>,
    timeout: Duration,
    limits: LimitsConfig,
    limiter: Option<Arc<Limiter>>,
    clock: Option<Arc<dyn TimeSource>>,
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
    pub fn oauth(mut self, app: OAuthCredentials, store: impl TokenStore) -> Self {
        self.oauth_parts = Some((app, Arc::new(store)));
        self
    }

    /// Like [`ClientBuilder::oauth`] with a shared store.
    pub fn oauth_shared(mut self, app: OAuthCredentials, store: Arc<dyn TokenStore>) -> Self {
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
    pub fn clock(mut self, clock: Arc<dyn TimeSource>) -> Self {
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
    pub fn from_oauth(app: OAuthCredentials, tokens: Tokens) -> Result<Client, Error> {
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
    pub fn clock(&self) -> &Arc<dyn TimeSource> {
        &self.inner.clock
    }

    /// Sends a typed method to its REST generation (`M::API`: `/rest/` or
    /// REST 3.0's `/rest/api/`). It is resent after a failure only if
    /// `M::IDEMPOTENT`, or if the request did not run; REST 3.0 writes carry
    /// an `Idempotency-Key`, so they are resent safely too.
    pub async fn send<M: Method>(&self, m: &M) -> Result<Envelope<M::Output>, Error> {
        let params = serde_json::to_value(m)
            .map_err(|e| Error::invalid(M::NAME, format!("params do not serialize: {e}")))?;
        let env = self
            .execute(Call {
                method: M::NAME,
                params: &params,
                idempotent: M::IDEMPOTENT,
                version: M::API,
                budget: &[M::NAME],
            })
            .await?;
        env.decode(M::NAME)
    }

    /// An untyped call of `method`, built up and then sent:
    /// `client.raw("crm.deal.get").params(json!({"id": 42})).send().await`.
    pub fn raw(&self, method: impl Into<String>) -> RawRequest {
        RawRequest::new(self.clone(), method.into())
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
