//! [`BridgeBuilder`] and the macros that build a bridge for a generated
//! placement module.

use super::*;

pub(super) type DispatchFn<E> =
    Arc<dyn Fn(WidgetContext, E) -> BoxFuture<'static, ()> + Send + Sync>;
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
