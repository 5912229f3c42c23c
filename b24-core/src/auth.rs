//! Credentials: webhooks and OAuth tokens, their storage, and the
//! single-flight refresh.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::clock::TimeSource;
use crate::error::Error;
use crate::wire::parse_error_body;

/// A secret string (token, webhook code, client secret). `Debug` and
/// `Display` print `***`; read it with [`Secret::expose`].
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    /// The value. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_owned())
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

/// An OAuth application's credentials.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct OAuthCredentials {
    /// `client_id`.
    pub client_id: String,
    /// `client_secret` (sent only to the OAuth server).
    pub client_secret: Secret,
}

impl OAuthCredentials {
    /// An app.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }
}

/// An OAuth token pair and what the OAuth server said with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Tokens {
    /// `access_token`.
    pub access_token: Secret,
    /// `refresh_token`.
    pub refresh_token: Secret,
    /// When the access token expires, Unix seconds (0: unknown).
    pub expires_at: f64,
    /// The portal's REST address, e.g. `https://portal.bitrix24.com/rest/`.
    pub client_endpoint: String,
    /// The OAuth server's REST address, e.g. `https://oauth.bitrix.info/rest/`.
    pub server_endpoint: String,
    /// The portal's `member_id`.
    pub member_id: String,
    /// The `domain` field as sent.
    pub domain: String,
    /// Granted scopes, comma-separated.
    pub scope: String,
}

impl Tokens {
    /// A token pair with nothing else known yet (expiry 0: unknown, so the
    /// first call refreshes when the portal says it expired); the setters
    /// fill in the rest: `Tokens::new(access, refresh).client_endpoint(url)`.
    pub fn new(access_token: impl Into<Secret>, refresh_token: impl Into<Secret>) -> Self {
        Tokens {
            access_token: access_token.into(),
            refresh_token: refresh_token.into(),
            expires_at: 0.0,
            client_endpoint: String::new(),
            server_endpoint: String::new(),
            member_id: String::new(),
            domain: String::new(),
            scope: String::new(),
        }
    }

    /// Sets [`Tokens::expires_at`](Self::expires_at).
    #[must_use]
    pub fn expires_at(mut self, expires_at: f64) -> Self {
        self.expires_at = expires_at;
        self
    }

    /// Sets [`Tokens::client_endpoint`](Self::client_endpoint).
    #[must_use]
    pub fn client_endpoint(mut self, client_endpoint: impl Into<String>) -> Self {
        self.client_endpoint = client_endpoint.into();
        self
    }

    /// Sets [`Tokens::server_endpoint`](Self::server_endpoint).
    #[must_use]
    pub fn server_endpoint(mut self, server_endpoint: impl Into<String>) -> Self {
        self.server_endpoint = server_endpoint.into();
        self
    }

    /// Sets [`Tokens::member_id`](Self::member_id).
    #[must_use]
    pub fn member_id(mut self, member_id: impl Into<String>) -> Self {
        self.member_id = member_id.into();
        self
    }

    /// Sets [`Tokens::domain`](Self::domain).
    #[must_use]
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = domain.into();
        self
    }

    /// Sets [`Tokens::scope`](Self::scope).
    #[must_use]
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// Reads an OAuth server response (`access_token`, `refresh_token`,
    /// `expires_in` or `expires`, endpoints ...) received at `unix_now`.
    pub fn from_oauth_response(v: &Value, unix_now: f64) -> Option<Tokens> {
        let s = |k: &str| {
            v.get(k)
                .and_then(|x| x.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let access = v.get("access_token")?.as_str()?.to_owned();
        let refresh = s("refresh_token");
        let expires_in = v
            .get("expires_in")
            .and_then(|x| crate::lenient::to_f64(x).ok());
        let expires = v
            .get("expires")
            .and_then(|x| crate::lenient::to_f64(x).ok());
        let expires_at = match (expires_in, expires) {
            (Some(i), _) => unix_now + i,
            (None, Some(e)) => e,
            _ => 0.0,
        };
        Some(Tokens {
            access_token: Secret(access),
            refresh_token: Secret(refresh),
            expires_at,
            client_endpoint: s("client_endpoint"),
            server_endpoint: s("server_endpoint"),
            member_id: s("member_id"),
            domain: s("domain"),
            scope: s("scope"),
        })
    }
}

/// Where tokens live between calls and restarts. Implement it to persist
/// tokens (database, file); [`MemoryTokenStore`] is the default.
pub trait TokenStore: Send + Sync + 'static {
    /// The current tokens, if any.
    fn load(&self) -> BoxFuture<'_, Result<Option<Tokens>, Error>>;
    /// Keeps new tokens (after a refresh). The old refresh token is dead by then.
    fn save(&self, tokens: Tokens) -> BoxFuture<'_, Result<(), Error>>;
    /// Drops the tokens of portal `member_id` (after ONAPPUNINSTALL), so
    /// nothing keeps calling a portal that removed the app.
    fn forget<'a>(&'a self, member_id: &'a str) -> BoxFuture<'a, Result<(), Error>>;
}

/// Tokens in memory.
#[derive(Default)]
pub struct MemoryTokenStore {
    tokens: RwLock<Option<Tokens>>,
}

impl fmt::Debug for MemoryTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryTokenStore").finish_non_exhaustive()
    }
}

impl MemoryTokenStore {
    /// A store holding `tokens`.
    pub fn new(tokens: Tokens) -> Self {
        Self {
            tokens: RwLock::new(Some(tokens)),
        }
    }
    /// The tokens held now.
    pub fn get(&self) -> Option<Tokens> {
        self.tokens.read().ok().and_then(|t| t.clone())
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<Tokens>, Error>> {
        let t = self.get();
        Box::pin(async move { Ok(t) })
    }
    fn save(&self, tokens: Tokens) -> BoxFuture<'_, Result<(), Error>> {
        if let Ok(mut g) = self.tokens.write() {
            *g = Some(tokens);
        }
        Box::pin(async { Ok(()) })
    }
    fn forget<'a>(&'a self, member_id: &'a str) -> BoxFuture<'a, Result<(), Error>> {
        if let Ok(mut g) = self.tokens.write()
            && g.as_ref().is_some_and(|t| t.member_id == member_id)
        {
            *g = None;
        }
        Box::pin(async { Ok(()) })
    }
}

/// The default OAuth token endpoint.
pub const OAUTH_TOKEN_URL: &str = "https://oauth.bitrix.info/oauth/token/";

/// OAuth state of one client: the current tokens and the refresh lock.
pub(crate) struct OAuthState {
    pub app: OAuthCredentials,
    pub store: Arc<dyn TokenStore>,
    pub token_url: Option<String>,
    /// Refresh this long before `expires_at`.
    pub refresh_skew: Duration,
    current: RwLock<Option<Arc<Tokens>>>,
    refresh_lock: tokio::sync::Mutex<()>,
    refreshes: std::sync::atomic::AtomicU64,
}

impl fmt::Debug for OAuthState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth")
            .field("client_id", &self.app.client_id)
            .field("refreshes", &self.refresh_count())
            .finish_non_exhaustive()
    }
}

impl OAuthState {
    pub fn new(
        app: OAuthCredentials,
        store: Arc<dyn TokenStore>,
        token_url: Option<String>,
        refresh_skew: Duration,
    ) -> Self {
        Self {
            app,
            store,
            token_url,
            refresh_skew,
            current: RwLock::new(None),
            refresh_lock: tokio::sync::Mutex::new(()),
            refreshes: Default::default(),
        }
    }

    pub fn refresh_count(&self) -> u64 {
        self.refreshes.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn cached(&self) -> Option<Arc<Tokens>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    /// Tokens to call with: cached, else loaded; refreshed first when they
    /// expire within `refresh_skew`.
    pub async fn tokens(
        &self,
        http: &reqwest::Client,
        clock: &dyn TimeSource,
    ) -> Result<Arc<Tokens>, Error> {
        let t = match self.cached() {
            Some(t) => t,
            None => {
                let _g = self.refresh_lock.lock().await;
                match self.cached() {
                    Some(t) => t,
                    None => {
                        let loaded = self.store.load().await?.ok_or_else(|| {
                            Error::auth(
                                "oauth",
                                "the token store holds no tokens; authorize the app first",
                            )
                        })?;
                        let t = Arc::new(loaded);
                        if let Ok(mut c) = self.current.write() {
                            *c = Some(t.clone());
                        }
                        t
                    }
                }
            }
        };
        let now = clock.unix_now();
        if t.expires_at > 0.0 && t.expires_at - self.refresh_skew.as_secs_f64() <= now {
            tracing::debug!("access token expires soon; refreshing ahead of time");
            return match self.refresh(&t, http, clock).await {
                Ok(fresh) => Ok(fresh),
                // The old token still works for a while: use it, and let the
                // portal's `expired_token` trigger the next attempt.
                Err(e) if t.expires_at > now => {
                    tracing::warn!(error = %e, "early token refresh failed; using the current token");
                    Ok(t)
                }
                Err(e) => Err(e),
            };
        }
        Ok(t)
    }

    /// Single-flight refresh: callers that saw the same `stale` tokens share
    /// one request to the OAuth server; later callers get its result.
    pub async fn refresh(
        &self,
        stale: &Arc<Tokens>,
        http: &reqwest::Client,
        clock: &dyn TimeSource,
    ) -> Result<Arc<Tokens>, Error> {
        let _g = self.refresh_lock.lock().await;
        if let Some(cur) = self.cached()
            && cur.access_token != stale.access_token
        {
            return Ok(cur);
        }
        // Another process may have refreshed and saved already.
        if let Some(stored) = self.store.load().await?
            && stored.access_token != stale.access_token
            && stored.refresh_token != stale.refresh_token
        {
            let t = Arc::new(stored);
            if let Ok(mut c) = self.current.write() {
                *c = Some(t.clone());
            }
            return Ok(t);
        }
        let url = self
            .token_url
            .clone()
            .unwrap_or_else(|| token_url_for(&stale.server_endpoint));
        let query = [
            ("grant_type", "refresh_token"),
            ("client_id", self.app.client_id.as_str()),
            ("client_secret", self.app.client_secret.expose()),
            ("refresh_token", stale.refresh_token.expose()),
        ];
        const M: &str = "oauth/token";
        let url = reqwest::Url::parse_with_params(&url, &query)
            .map_err(|_| Error::auth(M, "the OAuth token URL is not a valid URL"))?;
        let resp = http
            .get(url)
            .send()
            .await
            .map_err(|e| Error::transport(M, &e))?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.map_err(|e| Error::transport(M, &e))?;
        let body: Value = serde_json::from_slice(&bytes).map_err(|e| {
            Error::decode(M, Some(status), format!("token response is not JSON: {e}"))
        })?;
        if let Some(err) = parse_error_body(M, Some(status), &body) {
            return Err(err);
        }
        let mut fresh = Tokens::from_oauth_response(&body, clock.unix_now())
            .ok_or_else(|| Error::decode(M, Some(status), "token response has no access_token"))?;
        if fresh.refresh_token.expose().is_empty() {
            fresh.refresh_token = stale.refresh_token.clone();
        }
        if fresh.client_endpoint.is_empty() {
            fresh.client_endpoint = stale.client_endpoint.clone();
        }
        if fresh.server_endpoint.is_empty() {
            fresh.server_endpoint = stale.server_endpoint.clone();
        }
        self.store.save(fresh.clone()).await?;
        self.refreshes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::info!(client_id = %self.app.client_id, "OAuth tokens refreshed");
        let t = Arc::new(fresh);
        if let Ok(mut c) = self.current.write() {
            *c = Some(t.clone());
        }
        Ok(t)
    }
}

/// `https://oauth.bitrix.info/rest/` → `https://oauth.bitrix.info/oauth/token/`.
fn token_url_for(server_endpoint: &str) -> String {
    let trimmed = server_endpoint.trim_end_matches('/');
    match trimmed.strip_suffix("/rest") {
        Some(base) if !base.is_empty() => format!("{base}/oauth/token/"),
        _ => OAUTH_TOKEN_URL.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_never_print() {
        let t = Tokens {
            access_token: "acc-123".into(),
            refresh_token: "ref-456".into(),
            expires_at: 1.0,
            client_endpoint: "https://p/rest/".into(),
            server_endpoint: "https://oauth.bitrix.info/rest/".into(),
            member_id: "m".into(),
            domain: "d".into(),
            scope: "crm".into(),
        };
        let dbg = format!("{t:?} {}", t.access_token);
        assert!(
            !dbg.contains("acc-123") && !dbg.contains("ref-456"),
            "{dbg}"
        );
        let app = OAuthCredentials::new("app.1", "very-secret");
        assert!(!format!("{app:?}").contains("very-secret"));
    }

    #[test]
    fn token_response() {
        let v = json!({"access_token": "a", "refresh_token": "r", "expires_in": 3600,
            "client_endpoint": "https://portal/rest/", "server_endpoint": "https://oauth.bitrix.info/rest/",
            "member_id": "m", "domain": "oauth.bitrix.info", "scope": "crm", "status": "F"});
        let t = Tokens::from_oauth_response(&v, 1000.0).unwrap();
        assert_eq!(t.expires_at, 4600.0);
        assert_eq!(t.access_token.expose(), "a");
        assert!(Tokens::from_oauth_response(&json!({"error": "invalid_grant"}), 0.0).is_none());
    }

    #[test]
    fn token_url_from_server_endpoint() {
        assert_eq!(
            token_url_for("https://oauth.bitrix.info/rest/"),
            "https://oauth.bitrix.info/oauth/token/"
        );
        assert_eq!(
            token_url_for("http://127.0.0.1:9/rest/"),
            "http://127.0.0.1:9/oauth/token/"
        );
        assert_eq!(token_url_for(""), OAUTH_TOKEN_URL);
    }
}
