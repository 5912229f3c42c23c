//! The transport-free core of a REST event endpoint: verify, decode,
//! deduplicate, then dispatch.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use tracing::Instrument;

use crate::clock::{SystemClock, TimeSource};
use crate::events::authserver::{AuthServer, PortalContext, Verification, VerifyError};
use crate::events::dedup::{DEFAULT_CAPACITY, Dedup};
use crate::events::delivery::{DeliveryContext, DeliveryError, EventDelivery};
use crate::events::verify::{
    InstallCheck, InstallStore, Installation, StoreError, constant_time_eq,
};
use crate::typed::RestEvents;

/// The event that installs the app and carries the first `application_token`.
pub const ON_APP_INSTALL: &str = "ONAPPINSTALL";
/// The event after which the portal's token must no longer be accepted.
pub const ON_APP_UNINSTALL: &str = "ONAPPUNINSTALL";

/// Receives typed events. Closures `Fn(E, DeliveryContext) -> impl Future`
/// implement it; wrap a generated `RestHandler` with its `dispatch_rest`:
///
/// ```ignore
/// let h = Arc::new(MyHandler);
/// let on_event = move |e, ctx| {
///     let h = h.clone();
///     async move { telephony::dispatch_rest(&*h, e, ctx).await }
/// };
/// ```
pub trait EventHandler<E>: Send + Sync + 'static {
    /// Handles one event.
    fn handle(&self, event: E, ctx: DeliveryContext) -> impl Future<Output = ()> + Send;
}

impl<E, F, Fut> EventHandler<E> for F
where
    F: Fn(E, DeliveryContext) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send,
{
    fn handle(&self, event: E, ctx: DeliveryContext) -> impl Future<Output = ()> + Send {
        self(event, ctx)
    }
}

/// Why a delivery was refused. Each maps to an HTTP status with
/// [`Rejection::status`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The body is not a delivery, or its data does not fit the event (400).
    #[error(transparent)]
    Malformed(#[from] DeliveryError),
    /// The delivery cannot be shown to come from an installed portal (401).
    #[error(transparent)]
    Unauthorized(#[from] Unauthorized),
    /// The install store failed (500: the portal may try again).
    #[error("install store: {0}")]
    Store(StoreError),
    /// The authorization server could not be asked (503: the portal may
    /// try again).
    #[error(transparent)]
    Unavailable(VerifyError),
    /// A verified delivery of an event the receiver's event set does not
    /// list (400; see [`ReceiverBuilder::accept_unknown_events`]).
    #[error("event `{0}` is not one this endpoint handles")]
    UnknownEvent(String),
}

impl Rejection {
    /// A stable name for the kind of refusal; the event route answers
    /// with it (the details, which may name portals, go to the log).
    pub fn kind(&self) -> &'static str {
        match self {
            Rejection::Malformed(_) => "malformed",
            Rejection::UnknownEvent(_) => "unknown_event",
            Rejection::Store(_) => "store",
            Rejection::Unavailable(e) => e.kind(),
            Rejection::Unauthorized(u) => match u {
                Unauthorized::NoToken => "no_application_token",
                Unauthorized::NoMember => "no_member_id",
                Unauthorized::NotInstalled => "not_installed",
                Unauthorized::Mismatch => "token_mismatch",
                Unauthorized::InstallRefused(_) => "install_refused",
                Unauthorized::Unverified(e) => e.kind(),
            },
        }
    }

    /// The HTTP status to answer with.
    pub fn status(&self) -> u16 {
        match self {
            Rejection::Malformed(_) | Rejection::UnknownEvent(_) => 400,
            Rejection::Unauthorized(_) => 401,
            Rejection::Store(_) => 500,
            Rejection::Unavailable(_) => 503,
        }
    }
}

/// Why a delivery's `auth` was not trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Unauthorized {
    /// No `auth[application_token]`.
    #[error("no application_token")]
    NoToken,
    /// No `auth[member_id]`, so no stored token to compare with.
    #[error("no member_id")]
    NoMember,
    /// The portal never installed the app (or uninstalled it).
    #[error("the app is not installed on this portal")]
    NotInstalled,
    /// The token differs from the one stored at install.
    #[error("application_token does not match")]
    Mismatch,
    /// An ONAPPINSTALL that was not trusted.
    #[error("install refused: {0}")]
    InstallRefused(String),
    /// The authorization server did not vouch for the install's token, or
    /// named another portal.
    #[error("install not verified: {0}")]
    Unverified(VerifyError),
}

/// What happened to an accepted delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Received {
    /// Verified and handed to the handler.
    Dispatched,
    /// Verified, but seen before: not dispatched again.
    Duplicate,
}

/// A verified, decoded delivery, not yet dispatched.
#[derive(Debug)]
#[non_exhaustive]
pub struct Accepted<E> {
    /// The typed event.
    pub event: E,
    /// Everything else the delivery carried.
    pub ctx: DeliveryContext,
}

/// A REST event endpoint without the HTTP server: give it bodies, it
/// verifies `application_token`, stores installs, drops repeats, decodes
/// with `E` and calls the handler. Cheap to clone.
pub struct Receiver<E, H> {
    inner: Arc<Inner<H>>,
    _events: PhantomData<fn() -> E>,
}

struct Inner<H> {
    handler: H,
    store: Arc<dyn InstallStore>,
    check: Option<Arc<dyn InstallCheck>>,
    verification: Verification,
    accept_unknown: bool,
    dedup: Dedup,
    clock: Arc<dyn TimeSource>,
}

impl<E, H> Clone for Receiver<E, H> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            _events: PhantomData,
        }
    }
}

impl<E, H> fmt::Debug for Receiver<E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("dedup", &self.inner.dedup)
            .field("install_check", &self.inner.check.is_some())
            .field("verification", &self.inner.verification)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Receiver`].
pub struct ReceiverBuilder<E, H> {
    handler: H,
    store: Arc<dyn InstallStore>,
    check: Option<Arc<dyn InstallCheck>>,
    verification: Verification,
    accept_unknown: bool,
    capacity: usize,
    clock: Arc<dyn TimeSource>,
    _events: PhantomData<fn() -> E>,
}

impl<E, H> fmt::Debug for ReceiverBuilder<E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceiverBuilder")
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

impl<E: RestEvents, H: EventHandler<E>> ReceiverBuilder<E, H> {
    /// Remembers the last `n` deliveries to drop repeats (default 4096).
    pub fn dedup_capacity(mut self, n: usize) -> Self {
        self.capacity = n;
        self
    }

    /// Runs `check` on every ONAPPINSTALL, after the authorization
    /// server's verification (e.g. an allow-list of portals).
    pub fn install_check(mut self, check: impl InstallCheck) -> Self {
        self.check = Some(Arc::new(check));
        self
    }

    /// The authorization server that verifies ONAPPINSTALL (default
    /// [`DEFAULT_SERVER_ENDPOINT`](crate::events::DEFAULT_SERVER_ENDPOINT);
    /// the emulator's `rest_url()` in tests).
    pub fn auth_server(mut self, server: AuthServer) -> Self {
        self.verification = Verification::Server(server);
        self
    }

    /// Trusts ONAPPINSTALL without asking the authorization server: the
    /// first install of a portal plants its `application_token` (and the
    /// OAuth tokens, with the endpoints the body names) unchecked.
    ///
    /// Don't, outside tests and closed networks: anyone who knows a
    /// portal's `member_id` can then install "for" it before the real
    /// install arrives, and forge every later event of that portal.
    /// `reason` is logged once per install.
    pub fn insecure_skip_verification_because(mut self, reason: &'static str) -> Self {
        self.verification = Verification::Skipped(reason);
        self
    }

    /// Dispatches events the event set `E` does not list (as its `Unknown`
    /// variant) instead of refusing them with 400.
    pub fn accept_unknown_events(mut self) -> Self {
        self.accept_unknown = true;
        self
    }

    /// The clock that turns `expires_in` into an expiry time.
    pub fn clock(mut self, clock: Arc<dyn TimeSource>) -> Self {
        self.clock = clock;
        self
    }

    /// The receiver.
    pub fn build(self) -> Receiver<E, H> {
        Receiver {
            inner: Arc::new(Inner {
                handler: self.handler,
                store: self.store,
                check: self.check,
                verification: self.verification,
                accept_unknown: self.accept_unknown,
                dedup: Dedup::new(self.capacity),
                clock: self.clock,
            }),
            _events: PhantomData,
        }
    }
}

impl<E: RestEvents, H: EventHandler<E>> Receiver<E, H> {
    /// A receiver with default settings: ONAPPINSTALL verified with
    /// `app.info` on [`DEFAULT_SERVER_ENDPOINT`](crate::events::DEFAULT_SERVER_ENDPOINT),
    /// unknown events refused, the last 4096 deliveries remembered.
    pub fn new(handler: H, store: impl InstallStore) -> Self {
        Self::builder(handler, store).build()
    }

    /// A builder.
    pub fn builder(handler: H, store: impl InstallStore) -> ReceiverBuilder<E, H> {
        ReceiverBuilder {
            handler,
            store: Arc::new(store),
            check: None,
            verification: Verification::default(),
            accept_unknown: false,
            capacity: DEFAULT_CAPACITY,
            clock: Arc::new(SystemClock::default()),
            _events: PhantomData,
        }
    }

    /// The handler.
    pub fn handler(&self) -> &H {
        &self.inner.handler
    }

    /// Verifies, decodes and deduplicates a delivery, and applies
    /// ONAPPINSTALL/ONAPPUNINSTALL to the store. `Ok(None)`: a repeat.
    pub async fn accept(&self, delivery: EventDelivery) -> Result<Option<Accepted<E>>, Rejection> {
        let inner = &*self.inner;
        let member = delivery
            .auth
            .member_id
            .clone()
            .ok_or(Unauthorized::NoMember)?;
        let token = delivery
            .auth
            .application_token
            .clone()
            .ok_or(Unauthorized::NoToken)?;
        let stored = inner
            .store
            .application_token(&member)
            .await
            .map_err(Rejection::Store)?;
        let same = stored
            .as_ref()
            .is_some_and(|s| constant_time_eq(s.expose().as_bytes(), token.expose().as_bytes()));
        let install = delivery.event.eq_ignore_ascii_case(ON_APP_INSTALL);
        let uninstall = delivery.event.eq_ignore_ascii_case(ON_APP_UNINSTALL);
        let mut verified = None;
        if install {
            // Even a verified install may not replace a stored token: any
            // user of the portal holds a valid access token.
            if stored.is_some() && !same {
                return Err(Unauthorized::InstallRefused(
                    "the portal is installed with another application_token (ONAPPUNINSTALL first)"
                        .into(),
                )
                .into());
            }
            verified = self.verify_install(&delivery, &member).await?;
            if let Some(check) = &inner.check {
                check
                    .check(&delivery)
                    .await
                    .map_err(|e| Unauthorized::InstallRefused(e.to_string()))?;
            }
        } else if stored.is_none() {
            return Err(Unauthorized::NotInstalled.into());
        } else if !same {
            return Err(Unauthorized::Mismatch.into());
        } else if !uninstall
            && !inner.accept_unknown
            && !E::CODES
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&delivery.event))
        {
            return Err(Rejection::UnknownEvent(delivery.event.clone()));
        }

        let key = inner.dedup.key(&delivery);
        let installation = install.then(|| {
            let mut tokens = delivery.auth.tokens(inner.clock.unix_now());
            let mut domain = delivery.auth.domain.clone().unwrap_or_default();
            // The client calls the endpoints the server named, not the body's.
            if let (Some(p), Verification::Server(s)) = (&verified, &inner.verification) {
                domain = p.domain.clone();
                if let Some(t) = &mut tokens {
                    t.client_endpoint = p.client_endpoint.clone();
                    t.server_endpoint = s.endpoint().to_owned();
                    t.domain = p.domain.clone();
                }
            }
            Installation {
                member_id: member.clone(),
                domain,
                application_token: token,
                tokens,
            }
        });
        let (event, ctx) = delivery.decode::<E>()?;
        if let Some(k) = key
            && !inner.dedup.first_time(k)
        {
            return Ok(None);
        }
        let stored_effect = if let Some(i) = installation {
            inner.store.save(i).await
        } else if uninstall {
            inner.store.remove(&member).await
        } else {
            Ok(())
        };
        if let Err(e) = stored_effect {
            // Let the portal's retry through the dedup.
            if let Some(k) = key {
                inner.dedup.forget(k);
            }
            return Err(Rejection::Store(e));
        }
        Ok(Some(Accepted { event, ctx }))
    }

    /// Asks the authorization server about an install's access token.
    async fn verify_install(
        &self,
        delivery: &EventDelivery,
        member: &str,
    ) -> Result<Option<PortalContext>, Rejection> {
        let server = match &self.inner.verification {
            Verification::Server(s) => s,
            Verification::Skipped(reason) => {
                tracing::warn!(
                    member_id = member,
                    reason,
                    "ONAPPINSTALL trusted unverified"
                );
                return Ok(None);
            }
        };
        let token = delivery
            .auth
            .access_token
            .as_ref()
            .ok_or(Unauthorized::Unverified(VerifyError::NoToken))?;
        match server
            .verify_claims(token, member, delivery.auth.domain.as_deref(), false)
            .await
        {
            Ok(p) => Ok(Some(p)),
            Err(e) if e.status() == 503 => Err(Rejection::Unavailable(e)),
            Err(e) => Err(Unauthorized::Unverified(e).into()),
        }
    }

    /// Accepts a delivery and dispatches it on a spawned task, so the caller
    /// can answer the portal at once. Outside a tokio runtime it dispatches
    /// inline.
    pub async fn receive(&self, delivery: EventDelivery) -> Result<Received, Rejection> {
        let Some(a) = self.accept(delivery).await? else {
            return Ok(Received::Duplicate);
        };
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                let this = self.clone();
                rt.spawn(async move { this.dispatch(a).await });
            }
            Err(_) => self.dispatch(a).await,
        }
        Ok(Received::Dispatched)
    }

    /// Accepts a delivery and awaits its handler.
    pub async fn receive_inline(&self, delivery: EventDelivery) -> Result<Received, Rejection> {
        match self.accept(delivery).await? {
            Some(a) => {
                self.dispatch(a).await;
                Ok(Received::Dispatched)
            }
            None => Ok(Received::Duplicate),
        }
    }

    /// Reads a body (by `Content-Type`) and [`receive`](Self::receive)s it.
    pub async fn receive_body(
        &self,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Received, Rejection> {
        let d = EventDelivery::from_body(content_type, body)?;
        self.receive(d).await
    }

    /// Calls the handler in a span; a panicking handler is logged, not
    /// propagated.
    pub async fn dispatch(&self, a: Accepted<E>) {
        let span = tracing::info_span!(
            "b24_event",
            event = %a.ctx.event,
            member_id = a.ctx.auth.member_id.as_deref().unwrap_or(""),
            event_handler_id = a.ctx.event_handler_id,
            ts = a.ctx.ts,
        );
        let fut = self.inner.handler.handle(a.event, a.ctx);
        let done = AssertUnwindSafe(fut)
            .catch_unwind()
            .instrument(span.clone())
            .await;
        if done.is_err() {
            span.in_scope(|| tracing::error!("event handler panicked"));
        }
    }
}
