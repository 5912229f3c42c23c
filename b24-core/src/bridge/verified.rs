//! Verified placement openings: the bridge's `open` and the
//! [`VerifiedPlacement`] extractor for plain placement pages both ask the
//! authorization server about `AUTH_ID` before anything else happens.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::form::PlacementRequest;
use crate::auth::Secret;
use crate::events::{AuthServer, InstallStore, PortalContext, Verification};
use crate::placement_options::PlacementOptions;

/// Placement bodies larger than this are refused before parsing (the
/// documented form is a dozen short fields plus the options JSON).
pub const MAX_OPENING_BODY: usize = 256 * 1024;

/// Verifies placement openings: `app.info` with `AUTH_ID` on the
/// configured authorization server, `member_id` and `DOMAIN` must be the
/// token's, and the portal must be installed. Cheap to clone.
#[derive(Clone)]
pub struct PlacementVerifier {
    verification: Verification,
    installs: Option<Arc<dyn InstallStore>>,
}

impl std::fmt::Debug for PlacementVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlacementVerifier")
            .field("verification", &self.verification)
            .field("installs", &self.installs.is_some())
            .finish()
    }
}

impl PlacementVerifier {
    /// Verifies against `server`; `installs` holds the installed portals
    /// (the store the REST event receiver fills from ONAPPINSTALL).
    pub fn new(server: AuthServer, installs: impl InstallStore) -> Self {
        Self {
            verification: Verification::Server(server),
            installs: Some(Arc::new(installs)),
        }
    }

    /// Trusts every opening as it claims to be, with no user (0).
    ///
    /// Don't, outside tests: anyone can then POST a placement form with any
    /// `member_id`, and the page acts for a portal and user it never saw.
    pub fn insecure_skip_verification_because(reason: &'static str) -> Self {
        Self {
            verification: Verification::Skipped(reason),
            installs: None,
        }
    }

    pub(crate) fn unconfigured() -> Self {
        Self {
            verification: Verification::default(),
            installs: None,
        }
    }

    pub(crate) fn with_server(mut self, server: AuthServer) -> Self {
        self.verification = Verification::Server(server);
        self
    }

    pub(crate) fn with_installs(mut self, installs: Arc<dyn InstallStore>) -> Self {
        if let Verification::Skipped(_) = self.verification {
            self.verification = Verification::default();
        }
        self.installs = Some(installs);
        self
    }

    /// Verifies one opening. `Ok(None)`: verification is skipped.
    pub async fn verify(
        &self,
        req: &PlacementRequest,
    ) -> Result<Option<PortalContext>, PlacementRefused> {
        let server = match &self.verification {
            Verification::Server(s) => s,
            Verification::Skipped(reason) => {
                tracing::debug!(
                    member_id = req.member_id,
                    reason,
                    "placement opening unverified"
                );
                return Ok(None);
            }
        };
        // Fail closed: without the installed portals nothing can be checked.
        let installs = self.installs.as_deref().ok_or_else(|| PlacementRefused {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            kind: "not_configured",
            reason: "no install store configured: set `.installs(store)` (or explicitly skip \
                     verification)"
                .into(),
        })?;
        let token = Secret::new(req.auth_id.clone());
        server
            .verify_opening(installs, &token, &req.member_id, &req.domain)
            .await
            .map(Some)
            .map_err(|e| PlacementRefused {
                status: StatusCode::from_u16(e.status()).unwrap_or(StatusCode::UNAUTHORIZED),
                kind: e.kind(),
                reason: e.to_string(),
            })
    }
}

/// A refused placement opening: its status and the logged reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("placement opening refused ({status}): {reason}")]
pub struct PlacementRefused {
    /// 400 (bad form), 401 (not verified), 413 (too large), 503
    /// (authorization server unreachable), 500 (not configured).
    pub status: StatusCode,
    /// A stable name for the kind of refusal (`token_refused`,
    /// `not_installed`, `domain_mismatch`, `malformed`, ...): the answer's body.
    pub kind: &'static str,
    /// Why (logged, not answered: it may name portals).
    pub reason: String,
}

impl IntoResponse for PlacementRefused {
    fn into_response(self) -> Response {
        tracing::warn!(status = self.status.as_u16(), "{}", self.reason);
        (self.status, self.kind).into_response()
    }
}

/// A plain placement page's opening, verified like the bridge's: an axum
/// extractor (state must give a [`PlacementVerifier`] via `FromRef`) that
/// hands the handler the typed `PLACEMENT_OPTIONS` and the portal.
///
/// ```ignore
/// async fn page(p: VerifiedPlacement<CallCardOptions>) -> String {
///     format!("call {} for user {}", p.options.call_id, p.portal.user_id.unwrap_or(0))
/// }
/// let app = Router::new().route("/card", post(page)).with_state(verifier);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct VerifiedPlacement<T> {
    /// The typed `PLACEMENT_OPTIONS`.
    pub options: T,
    /// The portal and user, as the authorization server named them (a
    /// context built from the form, user 0, when verification is skipped).
    pub portal: PortalContext,
    /// The whole form.
    pub request: PlacementRequest,
}

impl<S, T> FromRequest<S> for VerifiedPlacement<T>
where
    S: Send + Sync,
    PlacementVerifier: FromRef<S>,
    T: PlacementOptions,
{
    type Rejection = PlacementRefused;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = PlacementVerifier::from_ref(state);
        let body = axum::body::to_bytes(req.into_body(), MAX_OPENING_BODY)
            .await
            .map_err(|e| PlacementRefused {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                kind: "too_large",
                reason: format!("placement body: {e}"),
            })?;
        let request = PlacementRequest::parse(&body).map_err(|e| PlacementRefused {
            status: StatusCode::BAD_REQUEST,
            kind: "malformed",
            reason: e.to_string(),
        })?;
        if !crate::typed::placement_code_matches(T::PLACEMENT, &request.placement) {
            return Err(PlacementRefused {
                status: StatusCode::BAD_REQUEST,
                kind: "wrong_placement",
                reason: format!(
                    "placement {} opened at the handler of {}",
                    request.placement,
                    T::PLACEMENT
                ),
            });
        }
        // Verify before decoding the options: nothing unverified is read.
        let portal = verifier
            .verify(&request)
            .await?
            .unwrap_or_else(|| PortalContext {
                member_id: request.member_id.clone(),
                domain: request.domain.clone(),
                client_endpoint: String::new(),
                user_id: None,
            });
        let options = crate::placement_options::decode_value(
            &request.placement,
            request.placement_options.clone(),
        )
        .map_err(|e| PlacementRefused {
            status: StatusCode::BAD_REQUEST,
            kind: "bad_options",
            reason: e.to_string(),
        })?;
        Ok(Self {
            options,
            portal,
            request,
        })
    }
}
