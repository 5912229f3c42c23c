//! The authorization server's word on an access token: `app.info` called on
//! the app's configured server endpoint (`settings/oauth/simple-way.md`:
//! "to obtain a trusted status, call app.info on the authorization server").
//!
//! The endpoint is configuration, never taken from a request: a forged
//! request naming its own `server_endpoint` or `client_endpoint` would
//! otherwise answer its own question.

use std::time::Duration;

use serde_json::Value;

use crate::auth::Secret;
use crate::events::verify::InstallStore;

/// Bitrix24's authorization server, the default [`AuthServer`].
pub const DEFAULT_SERVER_ENDPOINT: &str = "https://oauth.bitrix.info/rest/";

/// The portal a verified token belongs to, as the authorization server
/// tells it (not as the request claims).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PortalContext {
    /// The portal's `member_id`.
    pub member_id: String,
    /// The portal's domain.
    pub domain: String,
    /// The portal's REST address, from the server's answer.
    pub client_endpoint: String,
    /// The user the token belongs to, when known.
    pub user_id: Option<u64>,
}

/// Why a token, an opening or an install was not verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The request carries no access token to verify.
    #[error("no access token to verify")]
    NoToken,
    /// The authorization server did not accept the token.
    #[error("the authorization server refused the token: {0}")]
    Refused(String),
    /// The authorization server could not be reached or answered nonsense.
    #[error("the authorization server could not verify the token: {0}")]
    Unavailable(String),
    /// The token belongs to another portal than the request names.
    #[error("the token belongs to portal `{actual}`, the request names `{claimed}`")]
    MemberMismatch {
        /// The request's `member_id`.
        claimed: String,
        /// The server's.
        actual: String,
    },
    /// The request's domain is not the token's portal.
    #[error("the request names domain `{claimed}`, the token's portal is `{actual}`")]
    DomainMismatch {
        /// The request's domain.
        claimed: String,
        /// The server's.
        actual: String,
    },
    /// The portal never installed the app (or uninstalled it).
    #[error("the app is not installed on portal `{0}`")]
    NotInstalled(String),
    /// The install store failed.
    #[error("install store: {0}")]
    Store(String),
}

impl VerifyError {
    /// A stable name for the kind of failure, safe to answer with.
    pub fn kind(&self) -> &'static str {
        match self {
            VerifyError::NoToken => "no_access_token",
            VerifyError::Refused(_) => "token_refused",
            VerifyError::Unavailable(_) => "auth_server_unavailable",
            VerifyError::MemberMismatch { .. } => "member_mismatch",
            VerifyError::DomainMismatch { .. } => "domain_mismatch",
            VerifyError::NotInstalled(_) => "not_installed",
            VerifyError::Store(_) => "store",
        }
    }

    /// The HTTP status to answer with: 503 when the server or the store
    /// failed (the portal may retry), 401 otherwise.
    pub fn status(&self) -> u16 {
        match self {
            VerifyError::Unavailable(_) | VerifyError::Store(_) => 503,
            _ => 401,
        }
    }
}

/// The authorization server the app asks about tokens. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AuthServer {
    endpoint: String,
    http: reqwest::Client,
}

impl Default for AuthServer {
    fn default() -> Self {
        Self::new(DEFAULT_SERVER_ENDPOINT)
    }
}

impl AuthServer {
    /// The server at `endpoint` (its REST address, e.g.
    /// `https://oauth.bitrix.info/rest/`; the emulator's `rest_url()`).
    pub fn new(endpoint: impl Into<String>) -> Self {
        let mut endpoint = endpoint.into();
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .build()
            .unwrap_or_default();
        Self { endpoint, http }
    }

    /// The configured REST address.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Asks `app.info` with `access_token`: the portal and user it belongs to.
    pub async fn verify_token(&self, access_token: &Secret) -> Result<PortalContext, VerifyError> {
        if access_token.expose().is_empty() {
            return Err(VerifyError::NoToken);
        }
        let result = self.call(&self.endpoint, "app.info", access_token).await?;
        let install = result
            .get("install")
            .ok_or_else(|| VerifyError::Refused("no `install` in the app.info answer".into()))?;
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let member_id = text(install, "member_id")
            .filter(|m| !m.is_empty())
            .ok_or_else(|| VerifyError::Refused("no member_id in the app.info answer".into()))?;
        let client_endpoint = text(install, "client_endpoint").unwrap_or_default();
        let domain = text(install, "domain").unwrap_or_default();
        let user_id = result.get("user_id").and_then(as_u64);
        Ok(PortalContext {
            member_id,
            domain,
            client_endpoint,
            user_id,
        })
    }

    /// Verifies a placement opening or an install: the token is the
    /// portal's, `member_id` and `domain` (host, maybe with a port) are the
    /// ones the request claims, and, for openings, the user is known
    /// (`user.current` on the server-given `client_endpoint` when `app.info`
    /// does not name the user).
    pub async fn verify_claims(
        &self,
        access_token: &Secret,
        member_id: &str,
        domain: Option<&str>,
        need_user: bool,
    ) -> Result<PortalContext, VerifyError> {
        let mut portal = self.verify_token(access_token).await?;
        if portal.member_id != member_id {
            return Err(VerifyError::MemberMismatch {
                claimed: member_id.to_owned(),
                actual: portal.member_id,
            });
        }
        if let Some(d) = domain
            && !portal.domain.is_empty()
            && !d.eq_ignore_ascii_case(&portal.domain)
        {
            return Err(VerifyError::DomainMismatch {
                claimed: d.to_owned(),
                actual: portal.domain,
            });
        }
        if need_user && portal.user_id.is_none() {
            if !portal.client_endpoint.starts_with("http") {
                return Err(VerifyError::Refused(
                    "no client_endpoint to ask for the user".into(),
                ));
            }
            let me = self
                .call(&portal.client_endpoint, "user.current", access_token)
                .await?;
            portal.user_id = me.get("ID").and_then(as_u64);
            if portal.user_id.is_none() {
                return Err(VerifyError::Refused("user.current named no user".into()));
            }
        }
        Ok(portal)
    }

    /// Verifies a placement opening: as [`verify_claims`](Self::verify_claims),
    /// and the portal must be installed in `installs`.
    pub async fn verify_opening(
        &self,
        installs: &dyn InstallStore,
        access_token: &Secret,
        member_id: &str,
        domain: &str,
    ) -> Result<PortalContext, VerifyError> {
        // The cheap local check first: unknown portals cost no round trip.
        let installed = installs
            .application_token(member_id)
            .await
            .map_err(|e| VerifyError::Store(e.to_string()))?;
        if installed.is_none() {
            return Err(VerifyError::NotInstalled(member_id.to_owned()));
        }
        self.verify_claims(access_token, member_id, Some(domain), true)
            .await
    }

    async fn call(&self, base: &str, method: &str, token: &Secret) -> Result<Value, VerifyError> {
        let url = format!("{}{method}", base_with_slash(base));
        let resp = self
            .http
            .post(&url)
            .form(&[("auth", token.expose())])
            .send()
            .await
            .map_err(|e| VerifyError::Unavailable(format!("{method}: {}", e.without_url())))?;
        let status = resp.status();
        let body: Value = resp
            .json()
            .await
            .map_err(|e| VerifyError::Unavailable(format!("{method}: {}", e.without_url())))?;
        if let Some(err) = body.get("error") {
            let code = err.as_str().unwrap_or("error");
            return Err(VerifyError::Refused(format!(
                "{method}: {code} (HTTP {status})"
            )));
        }
        if status.is_server_error() {
            return Err(VerifyError::Unavailable(format!("{method}: HTTP {status}")));
        }
        match body.get("result") {
            Some(r) if status.is_success() => Ok(r.clone()),
            _ => Err(VerifyError::Refused(format!(
                "{method}: HTTP {status}, no result"
            ))),
        }
    }
}

fn base_with_slash(s: &str) -> String {
    if s.ends_with('/') {
        s.to_owned()
    } else {
        format!("{s}/")
    }
}

fn as_u64(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// How a receiver or a bridge checks what the portal sends.
#[derive(Debug, Clone)]
pub(crate) enum Verification {
    /// `app.info` on this authorization server.
    Server(AuthServer),
    /// No check, for the stated reason.
    Skipped(&'static str),
}

impl Default for Verification {
    fn default() -> Self {
        Verification::Server(AuthServer::default())
    }
}
