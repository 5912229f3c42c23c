//! The widget bridge: interface events from the placement iframe to a typed
//! Rust handler, and typed commands back.
//!
//! Interface events (`BackgroundCallCard::closeButtonClick`, ...) are JS-only:
//! they exist inside the placement's iframe, subscribed with
//! `BX24.placement.bindEvent` and carried by `postMessage` between the iframe
//! and the portal page. There is no REST method to subscribe to them. The
//! bridge closes the gap:
//!
//! 1. The app serves [`Bridge::router`] at its placement `HANDLER` URL. The
//!    portal POSTs the placement form there; the bridge parses it
//!    ([`PlacementRequest`]), opens a session, and answers with a small page
//!    that loads `bridge.js` with a session token ([`SessionKey`]).
//! 2. In the iframe, `bridge.js` subscribes to the events the handler wants
//!    (through `BX24`, `@bitrix24/b24jssdk`'s `B24Frame`, or its own minimal
//!    frame client) and POSTs each one as `{event, args, seq}`.
//! 3. The bridge checks the token (HMAC, constant time, expiry) and the
//!    sequence number (no replays), decodes the event into the generated enum
//!    and dispatches it. Anything else is answered 401 or 400 and logged.
//! 4. [`Bridge::send`] queues a typed [`PlacementCommand`]; the widget runs it
//!    with `placement.call` and the typed result comes back. The parameters go
//!    out as they are: `setValue(0)` sends `0`, `bind*Callback(null)` sends
//!    `null`, never `{}`.
//! 5. A command whose callback fires again and again
//!    ([`PlacementCommand::REPEATS`], the `bind*Callback`s of the CRM activity
//!    placements) goes through [`Bridge::subscribe`]: each call of the callback
//!    arrives as a typed item of a [`CommandStream`], until the session closes
//!    or the app drops the stream.
//!
//! ```ignore
//! b24::generate!("specs/placements/page_background_worker.yaml");
//! struct App;
//! impl page_background_worker::Handler for App {
//!     async fn on_close_button_click(&self) { println!("closed"); }
//! }
//! let bridge = b24_core::placement_bridge!(page_background_worker, App).build();
//! let app = axum::Router::new().merge(bridge.router("/placement"));
//! ```

mod builder;
mod commands;
mod context;
mod form;
mod routes;
mod token;
mod verified;

use routes::{callback, event, html_escape, open, poll, ready, result, script, script_json};

use builder::DispatchFn;
use commands::{Pending, Reply};
use context::CURRENT;

pub use builder::{BridgeBuilder, UserResolver};
pub use commands::{CommandError, CommandStream};
pub use context::{FrameClient, WidgetContext, current};
pub use form::{PlacementFormError, PlacementRequest};
pub use token::{SessionClaims, SessionKey, TokenError};
pub use verified::{MAX_OPENING_BODY, PlacementRefused, PlacementVerifier, VerifiedPlacement};

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use futures::Stream;
use futures::future::BoxFuture;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc, oneshot};

use crate::clock::{SystemClock, TimeSource};
use crate::decode::DecodeError;
use crate::typed::{InterfaceEvents, PlacementCommand};

/// The widget script, served at `{base}/bridge.js`.
pub const BRIDGE_JS: &str = include_str!("bridge.js");
const WIDGET_HTML: &str = include_str!("widget.html");

/// The server side of the widget bridge for one placement's events `E`.
pub struct Bridge<E: InterfaceEvents> {
    inner: Arc<Inner<E>>,
}

impl<E: InterfaceEvents> Clone for Bridge<E> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

struct Inner<E> {
    key: SessionKey,
    ttl: Duration,
    subscriptions: &'static [&'static str],
    frame: FrameClient,
    resolver: Option<UserResolver>,
    verifier: PlacementVerifier,
    clock: Arc<dyn TimeSource>,
    command_timeout: Duration,
    no_reply: Duration,
    dispatch: DispatchFn<E>,
    sessions: Mutex<HashMap<String, Session>>,
    ready: Notify,
    next_command: AtomicU64,
    rejected: AtomicU64,
    _e: PhantomData<fn() -> E>,
}

struct Session {
    ctx: WidgetContext,
    expires: u64,
    last_seq: u64,
    ready_order: Option<u64>,
    queue: VecDeque<Value>,
    waiting: HashMap<u64, Pending>,
    wake: Arc<Notify>,
}

/// A refused request: status, and the reason that is logged.
struct Reject(StatusCode, String);

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        (self.0, self.1).into_response()
    }
}

/// Sessions kept at most; the oldest are dropped past this.
const MAX_SESSIONS: usize = 10_000;
/// How long a command poll is held open.
const POLL_HOLD: Duration = Duration::from_secs(20);

impl<E: InterfaceEvents> Bridge<E> {
    /// A builder with defaults.
    pub fn builder() -> BridgeBuilder<E> {
        BridgeBuilder::default()
    }

    /// The routes, mounted at `path` (the path of the placement's `HANDLER`
    /// URL, e.g. `/placement`): `POST {path}` and `POST {path}/` (the
    /// placement opening), `GET {path}/bridge.js`, `POST {path}/events`,
    /// `POST {path}/ready`, `GET {path}/commands`, `POST {path}/commands/result`,
    /// `POST {path}/commands/callback`. Merge it into the app's router.
    pub fn router(&self, path: &str) -> Router {
        let base = path.trim_end_matches('/');
        let mut r = Router::new().route(&format!("{base}/"), post(open::<E>));
        if !base.is_empty() {
            r = r.route(base, post(open::<E>));
        }
        r.route(&format!("{base}/bridge.js"), get(script))
            .route(&format!("{base}/events"), post(event::<E>))
            .route(&format!("{base}/ready"), post(ready::<E>))
            .route(&format!("{base}/commands"), get(poll::<E>))
            .route(&format!("{base}/commands/result"), post(result::<E>))
            .route(&format!("{base}/commands/callback"), post(callback::<E>))
            .with_state(self.clone())
    }

    /// Closes a session: its token stops working and its command streams
    /// end. Returns whether it was open.
    pub fn close(&self, session: &str) -> bool {
        self.lock().remove(session).is_some()
    }

    /// The sessions whose widget reported ready, oldest first.
    pub fn sessions(&self) -> Vec<WidgetContext> {
        let sessions = self.lock();
        let mut v: Vec<_> = sessions
            .values()
            .filter_map(|s| s.ready_order.map(|o| (o, s.ctx.clone())))
            .collect();
        v.sort_by_key(|(o, _)| *o);
        v.into_iter().map(|(_, c)| c).collect()
    }

    /// Waits until at least `n` widgets have reported ready and returns the
    /// newest one.
    pub async fn wait_ready(&self, n: usize) -> WidgetContext {
        loop {
            let notified = self.inner.ready.notified();
            let s = self.sessions();
            if s.len() >= n
                && let Some(c) = s.into_iter().last()
            {
                return c;
            }
            notified.await;
        }
    }

    /// Requests refused so far (bad token, replay, bad body).
    pub fn rejected(&self) -> u64 {
        self.inner.rejected.load(Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        // A panic while holding the lock leaves plain data; keep serving.
        self.inner
            .sessions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    fn now(&self) -> u64 {
        self.inner.clock.unix_now().max(0.0) as u64
    }

    fn reject(&self, status: StatusCode, why: impl Into<String>) -> Reject {
        let why = why.into();
        self.inner.rejected.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(
            placement = E::PLACEMENT,
            status = status.as_u16(),
            "widget bridge refused a request: {why}"
        );
        Reject(status, why)
    }

    /// Spends an event or callback sequence number of `session` (a number
    /// not above the last one is a replay), then runs `f` on the session.
    fn spend<T>(
        &self,
        session: &str,
        seq: u64,
        f: impl FnOnce(&mut Session) -> T,
    ) -> Result<T, Reject> {
        let mut sessions = self.lock();
        let Some(s) = sessions.get_mut(session) else {
            drop(sessions);
            return Err(self.reject(StatusCode::UNAUTHORIZED, "unknown or closed session"));
        };
        if seq <= s.last_seq {
            let why = format!("replayed post (seq {seq} after {})", s.last_seq);
            drop(sessions);
            return Err(self.reject(StatusCode::UNAUTHORIZED, why));
        }
        s.last_seq = seq;
        Ok(f(s))
    }

    /// Checks the bearer token and that its session is open.
    fn authenticate(&self, headers: &HeaderMap) -> Result<SessionClaims, Reject> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| self.reject(StatusCode::UNAUTHORIZED, "no session token"))?;
        let claims = self
            .inner
            .key
            .verify(token.trim(), self.now())
            .map_err(|e| self.reject(StatusCode::UNAUTHORIZED, e.to_string()))?;
        if claims.placement != E::PLACEMENT {
            return Err(self.reject(StatusCode::UNAUTHORIZED, "token of another placement"));
        }
        if !self.lock().contains_key(&claims.session) {
            return Err(self.reject(StatusCode::UNAUTHORIZED, "unknown or closed session"));
        }
        Ok(claims)
    }

    /// [`authenticate`](Self::authenticate)s a post and parses its JSON
    /// body; a body that does not parse is refused 400, the reason led by `what`.
    fn authenticate_body<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        what: &str,
    ) -> Result<(SessionClaims, T), Reject> {
        let claims = self.authenticate(headers)?;
        let post = serde_json::from_slice(body)
            .map_err(|e| self.reject(StatusCode::BAD_REQUEST, format!("{what}: {e}")))?;
        Ok((claims, post))
    }

    fn render(&self, req: &PlacementRequest, token: &str, base: &str) -> String {
        let config = json!({
            "token": token,
            "base": base,
            "placement": E::PLACEMENT,
            "subscriptions": self.inner.subscriptions,
            "portalOrigin": req.portal_origin(),
            "appSid": req.app_sid,
            "noReplyMs": self.inner.no_reply.as_millis() as u64,
        });
        let sdk = match &self.inner.frame {
            FrameClient::Auto => String::new(),
            FrameClient::B24JsSdk { script_url } => {
                format!("<script src=\"{}\"></script>", html_escape(script_url))
            }
        };
        WIDGET_HTML
            .replace("{{SDK}}", &sdk)
            .replace("{{CONFIG}}", &script_json(&config))
            .replace("{{BASE}}", &html_escape(base))
            .replace("{{PLACEMENT}}", E::PLACEMENT)
    }
}

#[cfg(test)]
mod tests;
