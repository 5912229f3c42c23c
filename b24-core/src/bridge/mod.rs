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

mod form;
mod routes;
mod token;
mod verified;

use routes::{callback, event, html_escape, open, poll, ready, result, script, script_json};

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

/// Who sent an event: the session the placement page opened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WidgetContext {
    /// The session ID; pass it to [`Bridge::send`].
    pub session: String,
    /// The portal's `member_id` (verified by the authorization server).
    pub member_id: String,
    /// The portal's domain (verified likewise).
    pub domain: String,
    /// The user the authorization server named (or the user resolver's
    /// answer; 0 when verification is skipped and no resolver is set).
    pub user_id: u64,
    /// The placement code.
    pub placement: String,
    /// The frame client the widget uses (`builtin`, `bx24`, `b24jssdk`), once
    /// it reported ready.
    pub client: Option<String>,
}

tokio::task_local! {
    static CURRENT: WidgetContext;
}

/// The session of the event being dispatched, inside a handler method.
pub fn current() -> Option<WidgetContext> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Which frame client the widget page loads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum FrameClient {
    /// `BX24` or `B24Js` if the page has one, else the built-in client.
    #[default]
    Auto,
    /// Load `@bitrix24/b24jssdk`'s UMD build from this URL and use its
    /// `initializeB24Frame()`.
    B24JsSdk {
        /// Where the app serves `dist/umd/index.min.js`.
        script_url: String,
    },
}

/// Why a command did not produce a result.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// No such open session.
    #[error("no open widget session `{0}`")]
    UnknownSession(String),
    /// The command belongs to another placement.
    #[error("command {command} is for {expected}, the bridge serves {actual}")]
    WrongPlacement {
        /// The command.
        command: &'static str,
        /// Its placement.
        expected: &'static str,
        /// The bridge's placement.
        actual: &'static str,
    },
    /// The widget ran the command but the portal never called back (in the
    /// browser, `CallCardStartTimer`/`CallCardStopTimer` succeed silently).
    #[error("the portal did not answer the command")]
    NoReply,
    /// The widget did not answer in time.
    #[error("the widget did not answer within {0:?}")]
    Timeout(Duration),
    /// The parameters did not serialize, or the result did not decode.
    #[error("command result: {0}")]
    Json(#[from] serde_json::Error),
    /// [`Bridge::send`] of a command whose callback fires repeatedly: it
    /// needs [`Bridge::subscribe`].
    #[error("command {0} calls back repeatedly: use Bridge::subscribe")]
    Repeating(&'static str),
    /// [`Bridge::subscribe`] to a command that calls back once: it needs
    /// [`Bridge::send`].
    #[error("command {0} calls back once: use Bridge::send")]
    NotRepeating(&'static str),
}

/// The calls of a repeating command's callback, typed, in the order the
/// widget saw them. Ends when the session closes: [`Bridge::close`], or an
/// expired session dropped when the next placement opens. Dropping it tells
/// the widget to stop forwarding (its next post is answered `410 Gone`).
#[must_use = "a dropped stream stops the callbacks"]
pub struct CommandStream<T> {
    rx: mpsc::Receiver<Value>,
    _t: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for CommandStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommandStream").finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> Stream for CommandStream<T> {
    type Item = Result<T, CommandError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx).map(|v| v.map(decode_reply))
    }
}

/// Decodes a callback value. `B24Frame` hands an empty reply over as `""`;
/// such a value decodes as `null` when `""` itself does not fit.
fn decode_reply<T: DeserializeOwned>(v: Value) -> Result<T, CommandError> {
    match serde_json::from_value(v.clone()) {
        Err(e) if v == Value::String(String::new()) => {
            serde_json::from_value(Value::Null).map_err(|_| CommandError::Json(e))
        }
        r => r.map_err(CommandError::Json),
    }
}

type DispatchFn<E> = Arc<dyn Fn(WidgetContext, E) -> BoxFuture<'static, ()> + Send + Sync>;
/// Resolves the user of a placement opening after it was verified (for
/// example an app's own user table); an error refuses the opening (401).
pub type UserResolver =
    Arc<dyn Fn(PlacementRequest) -> BoxFuture<'static, Result<u64, String>> + Send + Sync>;

/// Configures a [`Bridge`].
pub struct BridgeBuilder<E: InterfaceEvents> {
    key: Option<SessionKey>,
    ttl: Duration,
    subscriptions: &'static [&'static str],
    frame: FrameClient,
    resolver: Option<UserResolver>,
    verifier: PlacementVerifier,
    clock: Arc<dyn TimeSource>,
    command_timeout: Duration,
    no_reply: Duration,
    dispatch: Option<DispatchFn<E>>,
}

impl<E: InterfaceEvents> Default for BridgeBuilder<E> {
    fn default() -> Self {
        Self {
            key: None,
            ttl: Duration::from_secs(12 * 3600),
            subscriptions: E::NAMES,
            frame: FrameClient::Auto,
            resolver: None,
            verifier: PlacementVerifier::unconfigured(),
            clock: Arc::new(SystemClock::default()),
            command_timeout: Duration::from_secs(30),
            no_reply: Duration::from_millis(900),
            dispatch: None,
        }
    }
}

impl<E: InterfaceEvents> BridgeBuilder<E> {
    /// Signs session tokens with this secret (default: a random key, so
    /// tokens die with the process).
    pub fn secret(mut self, secret: &[u8]) -> Self {
        self.key = Some(SessionKey::from_secret(secret));
        self
    }
    /// How long a session token is valid (default 12 h).
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }
    /// The events the widget subscribes to (default: all).
    pub fn subscriptions(mut self, names: &'static [&'static str]) -> Self {
        self.subscriptions = names;
        self
    }
    /// The frame client of the widget page.
    pub fn frame_client(mut self, frame: FrameClient) -> Self {
        self.frame = frame;
        self
    }
    /// The installed portals: an opening from any other `member_id` is
    /// refused. Required unless verification is skipped (openings are
    /// refused with 500 until it is set). Pass the store the REST event
    /// receiver fills from ONAPPINSTALL.
    pub fn installs(mut self, store: impl crate::events::InstallStore) -> Self {
        self.verifier = self.verifier.with_installs(Arc::new(store));
        self
    }
    /// The authorization server that verifies each opening's `AUTH_ID`
    /// with `app.info` (default `https://oauth.bitrix.info/rest/`).
    pub fn auth_server(mut self, server: crate::events::AuthServer) -> Self {
        self.verifier = self.verifier.with_server(server);
        self
    }
    /// Opens sessions for any POST that looks like a placement form,
    /// without asking the authorization server.
    ///
    /// Don't, outside tests: anyone can then open a session as any portal
    /// (`member_id`) and have the handler act on its events; the user is 0
    /// unless a [`user_resolver`](Self::user_resolver) names one.
    pub fn insecure_skip_verification_because(mut self, reason: &'static str) -> Self {
        self.verifier = PlacementVerifier::insecure_skip_verification_because(reason);
        self
    }
    /// Resolves and checks the user of each placement opening, after the
    /// authorization server verified it; its answer replaces the user id.
    pub fn user_resolver<F, Fut>(mut self, f: F) -> Self
    where
        F: Fn(PlacementRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<u64, String>> + Send + 'static,
    {
        self.resolver = Some(Arc::new(move |r| Box::pin(f(r))));
        self
    }
    /// The clock for token expiry (tests).
    pub fn clock(mut self, clock: Arc<dyn TimeSource>) -> Self {
        self.clock = clock;
        self
    }
    /// How long [`Bridge::send`] waits for the widget (default 30 s).
    pub fn command_timeout(mut self, d: Duration) -> Self {
        self.command_timeout = d;
        self
    }
    /// How long the widget waits for the portal's callback before it reports
    /// [`CommandError::NoReply`] (default 900 ms, as `B24Frame` does).
    pub fn no_reply_after(mut self, d: Duration) -> Self {
        self.no_reply = d;
        self
    }
    /// The event handler: every decoded event, with its session.
    pub fn on_event<F, Fut>(mut self, f: F) -> Self
    where
        F: Fn(WidgetContext, E) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.dispatch = Some(Arc::new(move |c, e| Box::pin(f(c, e))));
        self
    }
    /// Builds the bridge. Without [`on_event`](Self::on_event), events are
    /// checked, decoded and dropped.
    pub fn build(self) -> Bridge<E> {
        Bridge {
            inner: Arc::new(Inner {
                key: self.key.unwrap_or_else(SessionKey::generate),
                ttl: self.ttl,
                subscriptions: self.subscriptions,
                frame: self.frame,
                resolver: self.resolver,
                verifier: self.verifier,
                clock: self.clock,
                command_timeout: self.command_timeout,
                no_reply: self.no_reply,
                dispatch: self
                    .dispatch
                    .unwrap_or_else(|| Arc::new(|_, _| Box::pin(async {}))),
                sessions: Mutex::new(HashMap::new()),
                ready: Notify::new(),
                next_command: AtomicU64::new(1),
                rejected: AtomicU64::new(0),
                _e: PhantomData,
            }),
        }
    }
}

/// Builds a [`BridgeBuilder`] whose events go to a generated placement
/// module's `Handler` trait: `placement_bridge!(page_background_worker, App)`.
/// The widget subscribes to `Handler::subscriptions`.
#[macro_export]
macro_rules! placement_bridge {
    ($($m:ident)::+, $handler:expr) => {{
        let handler = ::std::sync::Arc::new($handler);
        let subscriptions = $($m)::+::Handler::subscriptions(&*handler);
        $crate::bridge::Bridge::<$($m)::+::Event>::builder()
            .subscriptions(subscriptions)
            .on_event(move |_ctx, event| {
                let handler = ::std::sync::Arc::clone(&handler);
                async move { $($m)::+::dispatch(&*handler, event).await }
            })
    }};
}

/// An `axum::Router` serving a generated placement module's `Handler` at the
/// path of the placement's handler URL: `placement_router!(m, App, "/placement")` (see [`placement_bridge!`] to keep the [`Bridge`]
/// for commands).
#[macro_export]
macro_rules! placement_router {
    ($($m:ident)::+, $handler:expr, $path:expr) => {
        $crate::placement_bridge!($($m)::+, $handler).build().router($path)
    };
}

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

/// A command the widget has not answered, or a repeating one whose callback
/// values still flow.
struct Pending {
    reply: Option<oneshot::Sender<Reply>>,
    stream: Option<mpsc::Sender<Value>>,
}

enum Reply {
    Result(Value),
    Silent,
    /// A repeating command's callback is registered.
    Bound,
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
/// Callback values a [`CommandStream`] buffers before the widget's posts wait.
const STREAM_BUFFER: usize = 64;

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

    /// Sends a command to the widget of `session` and waits for its typed
    /// result.
    pub async fn send<C: PlacementCommand>(
        &self,
        session: &str,
        command: &C,
    ) -> Result<C::Output, CommandError> {
        if C::REPEATS {
            return Err(CommandError::Repeating(C::NAME));
        }
        let (id, rx) = self.enqueue(session, command, None)?;
        match self.reply(session, id, rx).await? {
            Reply::Result(v) => decode_reply(v),
            Reply::Silent => Err(CommandError::NoReply),
            // A one-shot command has no callback stream to bind.
            Reply::Bound => Err(CommandError::NoReply),
        }
    }

    /// Runs a command whose callback fires repeatedly
    /// ([`PlacementCommand::REPEATS`]) in the widget of `session`, and returns
    /// once the widget has registered the callback: every later call of it is
    /// an item of the stream.
    pub async fn subscribe<C: PlacementCommand>(
        &self,
        session: &str,
        command: &C,
    ) -> Result<CommandStream<C::Output>, CommandError> {
        if !C::REPEATS {
            return Err(CommandError::NotRepeating(C::NAME));
        }
        let (tx, rx_values) = mpsc::channel(STREAM_BUFFER);
        let (id, rx) = self.enqueue(session, command, Some(tx.clone()))?;
        let first = match self.reply(session, id, rx).await {
            Ok(Reply::Bound) => None,
            // A widget that answers once (an older bridge.js): that answer
            // is the first call.
            Ok(Reply::Result(v)) => Some(v),
            Ok(Reply::Silent) => None,
            Err(e) => {
                if let Some(s) = self.lock().get_mut(session) {
                    s.waiting.remove(&id);
                }
                return Err(e);
            }
        };
        if let Some(v) = first {
            // The buffer is empty: the stream was just made.
            let _ = tx.try_send(v);
        }
        Ok(CommandStream {
            rx: rx_values,
            _t: PhantomData,
        })
    }

    /// Queues a command for the widget; `stream` marks a repeating one.
    fn enqueue<C: PlacementCommand>(
        &self,
        session: &str,
        command: &C,
        stream: Option<mpsc::Sender<Value>>,
    ) -> Result<(u64, oneshot::Receiver<Reply>), CommandError> {
        if C::PLACEMENT != E::PLACEMENT {
            return Err(CommandError::WrongPlacement {
                command: C::NAME,
                expected: C::PLACEMENT,
                actual: E::PLACEMENT,
            });
        }
        // Exactly what the command serializes to: `0`, `null`, `""` and
        // `false` stay what they are.
        let params = serde_json::to_value(command)?;
        let id = self.inner.next_command.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        let mut sessions = self.lock();
        let s = sessions
            .get_mut(session)
            .ok_or_else(|| CommandError::UnknownSession(session.to_owned()))?;
        let repeat = stream.is_some();
        s.waiting.insert(
            id,
            Pending {
                reply: Some(tx),
                stream,
            },
        );
        s.queue
            .push_back(json!({"id": id, "command": C::NAME, "params": params, "repeat": repeat}));
        s.wake.notify_one();
        Ok((id, rx))
    }

    /// Waits for the widget's answer to command `id`.
    async fn reply(
        &self,
        session: &str,
        id: u64,
        rx: oneshot::Receiver<Reply>,
    ) -> Result<Reply, CommandError> {
        let out = tokio::time::timeout(self.inner.command_timeout, rx).await;
        if let Some(s) = self.lock().get_mut(session)
            && s.waiting.get(&id).is_some_and(|p| p.stream.is_none())
        {
            s.waiting.remove(&id);
        }
        match out {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(_)) | Err(_) => Err(CommandError::Timeout(self.inner.command_timeout)),
        }
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
