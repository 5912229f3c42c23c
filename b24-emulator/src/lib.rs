//! A local Bitrix24 portal for tests and demos.
//!
//! It speaks REST v2 as documented: webhook and OAuth calls, JSON and PHP
//! form bodies, the `result`/`time` envelope and documented errors, the leaky
//! bucket and operating-time limits, `batch`, CRM and user lists over
//! generated data, OAuth tokens, placements, REST events and external-call
//! telephony. REST 3.0 (`/rest/api/…`) is emulated too: JSON bodies, the
//! unified answer and error format, `Idempotency-Key`, `batch`, the OpenAPI
//! document, `rest.scope.list` and the v3 `tasks.task.*` methods.
//!
//! ```no_run
//! # async fn demo() -> Result<(), b24_emulator::Error> {
//! let emu = b24_emulator::Emulator::builder().seed_deals(1000).start().await?;
//! println!("{}", emu.webhook_url()); // http://127.0.0.1:PORT/rest/1/devcode/
//! emu.shutdown().await;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod clock;
pub mod cost;
mod deliver;
pub mod filter;
mod handlers;
mod http;
mod limits;
mod protocol;
mod registry;
mod router;
mod server;
mod state;
pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use clock::Clock;
pub use limits::OPERATING_LIMIT;
pub use protocol::{ApiError, MAX_BATCH};
pub use registry::{RegistryInfo, SpecMethod, check_result, registry_info, spec_methods};
pub use router::router;
pub use server::CERT_NAMES;
pub use state::{
    AuthKind, CallRecord, Config, Delivery, OAuthApp, OutgoingWebhook, Portal, TokenPair, UiEvent,
    Webhook, all_scopes,
};

mod actions;
#[allow(unused_imports)]
pub(crate) use actions::*;

/// Why the emulator could not start or act.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Binding the port or writing the certificate failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// The certificate or TLS setup failed.
    #[error("tls: {0}")]
    Tls(String),
    /// No placement handler is bound for the code.
    #[error("no handler is bound to placement {0}")]
    NoPlacement(String),
    /// An outgoing POST failed.
    #[error("delivery failed: {0}")]
    Delivery(String),
    /// The portal refused the action, as it would in its UI.
    #[error("refused: {0}")]
    Rejected(String),
}

/// Routes added to the portal's router, given the portal handle.
type RoutesFn = Box<dyn FnOnce(Portal) -> axum::Router + Send>;

/// Configures and starts an [`Emulator`].
pub struct EmulatorBuilder {
    port: u16,
    host: [u8; 4],
    https: bool,
    cert_dir: Option<PathBuf>,
    seed: state::Seed,
    default_webhook: bool,
    token_lifetime: Duration,
    cost_per_call: Duration,
    cost_per_row: Duration,
    realistic: bool,
    hold_processing: bool,
    seed_tasks: u64,
    max_body: usize,
    routes: Vec<RoutesFn>,
}

impl std::fmt::Debug for EmulatorBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorBuilder")
            .field("port", &self.port)
            .field("https", &self.https)
            .finish_non_exhaustive()
    }
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            port: 0,
            host: [127, 0, 0, 1],
            https: false,
            cert_dir: None,
            seed: state::Seed {
                deals: 0,
                contacts: 0,
                users: 1,
                items: Vec::new(),
                webhooks: vec![Webhook {
                    user_id: 1,
                    code: "devcode".into(),
                    scopes: all_scopes(),
                }],
                outgoing: Vec::new(),
                app_scopes: all_scopes(),
                client_id: None,
                bucket: (50, 2.0),
                operating_limit: None,
            },
            default_webhook: true,
            token_lifetime: Duration::from_secs(3600),
            cost_per_call: Duration::ZERO,
            cost_per_row: Duration::ZERO,
            realistic: false,
            hold_processing: false,
            seed_tasks: 0,
            max_body: 16 << 20,
            routes: Vec::new(),
        }
    }
}

impl EmulatorBuilder {
    /// Adds an inbound webhook. The first call replaces the default
    /// (user 1, code `devcode`, every scope); later calls add more. An empty
    /// scope list means every scope.
    pub fn webhook(mut self, user_id: u64, code: &str, scopes: &[&str]) -> Self {
        if self.default_webhook {
            self.seed.webhooks.clear();
            self.default_webhook = false;
        }
        let scopes = if scopes.is_empty() {
            all_scopes()
        } else {
            scopes.iter().map(|s| (*s).to_owned()).collect()
        };
        self.seed.webhooks.push(Webhook {
            user_id,
            code: code.to_owned(),
            scopes,
        });
        self
    }

    /// Adds an outgoing webhook: every listed event is POSTed to `url`.
    pub fn outgoing_webhook(mut self, url: &str, events: &[&str]) -> Self {
        self.seed.outgoing.push((
            url.to_owned(),
            events.iter().map(|e| (*e).to_owned()).collect(),
        ));
        self
    }

    /// Seeds `n` deals (IDs 1..=n), generated on demand.
    pub fn seed_deals(mut self, n: u64) -> Self {
        self.seed.deals = n;
        self
    }

    /// Seeds `n` contacts.
    pub fn seed_contacts(mut self, n: u64) -> Self {
        self.seed.contacts = n;
        self
    }

    /// Seeds `n` users (at least user 1, the administrator, always exists).
    pub fn seed_users(mut self, n: u64) -> Self {
        self.seed.users = n.max(1);
        self
    }

    /// Seeds `n` tasks (REST 3.0 `tasks.task.*`), created and assigned by
    /// user 1. Unlike deals they are stored, not computed.
    pub fn seed_tasks(mut self, n: u64) -> Self {
        self.seed_tasks = n;
        self
    }

    /// Seeds `n` items of a CRM type (1 lead, 2 deal, 3 contact, 4 company,
    /// others smart processes, which then exist for `crm.item.*`).
    pub fn seed_items(mut self, entity_type_id: i64, n: u64) -> Self {
        self.seed.items.push((entity_type_id, n));
        self
    }

    /// The leaky bucket: `size` requests, draining at `drain_per_sec`
    /// (50/2 by default; Enterprise is 250/5).
    pub fn bucket(mut self, size: u32, drain_per_sec: f64) -> Self {
        self.seed.bucket = (size, drain_per_sec);
        self
    }

    /// Charges each call what the docs' figures say it costs on a real
    /// portal ([`cost`]): `time.processing` and `time.operating` carry it,
    /// and the operating limit (480 s per 10 minutes) applies to it.
    pub fn realistic(mut self, on: bool) -> Self {
        self.realistic = on;
        self
    }

    /// Answers a request only when the emulator's clock has passed the
    /// processing it was charged (a batch: its commands' sum, as a portal
    /// runs them one after another), so a client that waits for each answer
    /// pays that time as it would on a real portal. The wait is on the
    /// virtual clock: advance it ([`Emulator::clock`]) to make it pass
    /// faster than real time. Off by default; `--hold-processing`.
    pub fn hold_processing(mut self, on: bool) -> Self {
        self.hold_processing = on;
        self
    }

    /// Simulated operating time per call and per returned row (when not
    /// [`realistic`](Self::realistic)).
    pub fn operating(mut self, cost_per_call: Duration, cost_per_row: Duration) -> Self {
        self.cost_per_call = cost_per_call;
        self.cost_per_row = cost_per_row;
        self
    }

    /// The operating limit per method in 10 minutes (480 s by default).
    pub fn operating_limit(mut self, limit: Duration) -> Self {
        self.seed.operating_limit = Some(limit);
        self
    }

    /// Access-token lifetime (3600 s by default).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Fixes the OAuth app's `client_id` and `client_secret`.
    pub fn oauth_client(mut self, client_id: &str, client_secret: &str) -> Self {
        self.seed.client_id = Some((client_id.to_owned(), client_secret.to_owned()));
        self
    }

    /// The scopes granted to the OAuth app (every scope by default).
    pub fn app_scopes(mut self, scopes: &[&str]) -> Self {
        self.seed.app_scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        self
    }

    /// Serves HTTPS (and still HTTP) on the port, with a generated
    /// certificate whose CA is written as PEM (see [`Emulator::cert_pem_path`]).
    pub fn https(mut self, on: bool) -> Self {
        self.https = on;
        self
    }

    /// Where the CA PEM goes (the system temp dir by default).
    pub fn cert_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cert_dir = Some(dir.into());
        self
    }

    /// A fixed port (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Listens on all interfaces instead of loopback only.
    pub fn public(mut self, on: bool) -> Self {
        self.host = if on { [0, 0, 0, 0] } else { [127, 0, 0, 1] };
        self
    }

    /// The largest request body accepted (16 MiB by default).
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Adds routes (an HTML portal page, say) next to the REST ones.
    pub fn routes(mut self, f: impl FnOnce(Portal) -> axum::Router + Send + 'static) -> Self {
        self.routes.push(Box::new(f));
        self
    }

    /// Binds the port and starts serving.
    pub async fn start(self) -> Result<Emulator, Error> {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((self.host, self.port))).await?;
        let addr = listener.local_addr()?;
        let host = if self.host == [0, 0, 0, 0] {
            "127.0.0.1".to_owned()
        } else {
            addr.ip().to_string()
        };
        let domain = format!("{host}:{}", addr.port());
        let tls = if self.https {
            let dir = self.cert_dir.clone().unwrap_or_else(std::env::temp_dir);
            let tag = format!("{}-{}", std::process::id(), addr.port());
            Some(server::make_tls(&dir, &tag)?)
        } else {
            None
        };
        let scheme = if self.https { "https" } else { "http" };
        let config = Config {
            base_url: format!("{scheme}://{domain}"),
            domain: domain.clone(),
            member_id: member_id(&domain),
            token_lifetime: self.token_lifetime,
            cost_per_call: self.cost_per_call,
            cost_per_row: self.cost_per_row,
            realistic: self.realistic,
            hold_processing: self.hold_processing,
            max_body: self.max_body,
            lang: "en".into(),
        };
        let clock = Clock::new();
        let tasks = self.seed_tasks;
        let (portal, rx) = Portal::new(config, clock, self.seed);
        if tasks > 0 {
            let now = portal.clock().unix() as i64;
            handlers::tasks::seed(&mut portal.lock(), tasks, now);
        }
        let worker = tokio::spawn(deliver::worker(Arc::downgrade(&portal.shared), rx));
        let mut app = router(portal.clone()).merge(state::page::router(portal.clone()));
        for f in self.routes {
            app = app.merge(f(portal.clone()));
        }
        let (stop, stopped) = watch::channel(false);
        let server = tokio::spawn(server::serve(
            listener,
            app,
            tls.as_ref().map(|t| t.acceptor.clone()),
            stopped,
        ));
        Ok(Emulator {
            portal,
            addr,
            cert: tls.map(|t| t.ca_pem_path),
            stop,
            server: Some(server),
            worker,
        })
    }
}

fn member_id(domain: &str) -> String {
    // Stable per address, 32 hex chars like a real member_id.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in domain.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}{:016x}", h.rotate_left(29) ^ 0x5bd1_e995)
}

/// A bound placement handler.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementInfo {
    /// The placement code.
    pub placement: String,
    /// The handler URL.
    pub handler: String,
    /// Its title.
    pub title: String,
    /// `OPTIONS` given at bind time.
    pub options: Value,
    /// The user it is bound for (0: everyone).
    pub user_id: u64,
}

/// A running emulated portal. Dropping it stops the server.
pub struct Emulator {
    portal: Portal,
    addr: SocketAddr,
    cert: Option<PathBuf>,
    stop: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
    worker: JoinHandle<()>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.base_url())
            .finish_non_exhaustive()
    }
}

/// What a placement handler answered when the portal opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementResponse {
    /// The handler URL.
    pub handler: String,
    /// The form fields POSTed.
    pub form: Value,
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: String,
    /// The body (the page to show in the iframe).
    pub body: String,
}

impl Emulator {
    /// A builder with the defaults: random loopback port, webhook
    /// `1/devcode` with every scope, no seeded records, bucket 50/2.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// Starts with the defaults.
    pub async fn start() -> Result<Emulator, Error> {
        Emulator::builder().start().await
    }

    /// `http://127.0.0.1:PORT` (or `https://…`).
    pub fn base_url(&self) -> String {
        self.portal.config().base_url.clone()
    }

    /// The first webhook's URL, `…/rest/1/devcode/`.
    pub fn webhook_url(&self) -> String {
        let hooks = self.portal.webhooks();
        match hooks.first() {
            Some(w) => format!("{}/rest/{}/{}/", self.base_url(), w.user_id, w.code),
            None => format!("{}/rest/", self.base_url()),
        }
    }

    /// The first webhook's REST 3.0 URL, `…/rest/api/1/devcode/`.
    pub fn v3_webhook_url(&self) -> String {
        let hooks = self.portal.webhooks();
        match hooks.first() {
            Some(w) => format!("{}/rest/api/{}/{}/", self.base_url(), w.user_id, w.code),
            None => format!("{}/rest/api/", self.base_url()),
        }
    }

    /// The OAuth `…/rest/` endpoint (pass `auth=<token>`).
    pub fn rest_url(&self) -> String {
        format!("{}/rest/", self.base_url())
    }

    /// The bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The OAuth app's credentials.
    pub fn oauth_app(&self) -> OAuthApp {
        self.portal.oauth_app()
    }

    /// Tokens for `user_id` as a finished installation would give them,
    /// without a browser. Empty `scopes` means the app's scopes.
    pub fn authorize(&self, user_id: u64, scopes: &[&str]) -> TokenPair {
        self.portal.authorize(user_id, scopes)
    }

    /// Installs the app for `user_id`: issues tokens and POSTs `ONAPPINSTALL`
    /// to `handler` as the docs show, waiting for the handler's answer.
    pub async fn install(&self, user_id: u64, handler: &str) -> Result<TokenPair, Error> {
        self.portal.install(user_id, handler).await
    }

    /// Uninstalls the app: POSTs `ONAPPUNINSTALL` to `handler`.
    pub async fn uninstall(&self, handler: &str) -> Result<(), Error> {
        self.portal.uninstall(handler).await
    }

    /// Opens a placement as the portal would: POSTs `DOMAIN`, `PROTOCOL`,
    /// `LANG`, `APP_SID`, `AUTH_ID`, `AUTH_EXPIRES`, `REFRESH_ID`,
    /// `member_id`, `status`, `PLACEMENT` and `PLACEMENT_OPTIONS` (a JSON
    /// string) to the first handler bound to `placement`, for `user_id`.
    pub async fn open_placement(
        &self,
        placement: &str,
        options: &Value,
        user_id: u64,
    ) -> Result<PlacementResponse, Error> {
        self.portal
            .open_placement(placement, options, user_id)
            .await
    }

    /// An employee clicks a phone number in the CRM: see
    /// [`Portal::click_to_call`].
    pub fn click_to_call(
        &self,
        user_id: u64,
        phone: &str,
        crm_entity: Option<(&str, u64)>,
    ) -> Result<String, Error> {
        self.portal.click_to_call(user_id, phone, crm_entity)
    }

    /// The portal handle (state, UI events) shared with the HTTP layer.
    pub fn portal(&self) -> &Portal {
        &self.portal
    }

    /// Requests, operating seconds per method and refusals since start
    /// (also at `GET /_emulator/stats`).
    pub fn stats(&self) -> cost::Stats {
        self.portal.stats()
    }

    /// Every call received (oldest first). Commands inside `batch` appear
    /// one by one after their `batch` call.
    pub fn calls(&self) -> Vec<CallRecord> {
        self.portal.calls()
    }

    /// Forgets the recorded calls.
    pub fn clear_calls(&self) {
        self.portal.clear_calls();
    }

    /// Outgoing POSTs (events, installs, placements) so far.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.portal.deliveries()
    }

    /// Waits until at least `n` deliveries have an outcome, or `timeout`.
    pub async fn wait_deliveries(&self, n: usize, timeout: Duration) -> Vec<Delivery> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.portal.shared.delivered.notified();
            let done = self.deliveries();
            let finished = done
                .iter()
                .filter(|d| d.status.is_some() || d.error.is_some())
                .count();
            if finished >= n || tokio::time::Instant::now() >= deadline {
                return done;
            }
            let _ = tokio::time::timeout_at(
                deadline.min(tokio::time::Instant::now() + Duration::from_millis(50)),
                notified,
            )
            .await;
        }
    }

    /// Subscribes to portal UI events (call cards, placements).
    pub fn ui_events(&self) -> tokio::sync::broadcast::Receiver<UiEvent> {
        self.portal.ui_events()
    }

    /// The virtual clock: `clock().advance(d)` moves the bucket, operating
    /// windows and token expiry forward.
    pub fn clock(&self) -> &Clock {
        self.portal.clock()
    }

    /// The CA certificate (PEM) to trust, when serving HTTPS.
    pub fn cert_pem_path(&self) -> Option<PathBuf> {
        self.cert.clone()
    }

    /// Stops serving and waits for the listener to close.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.worker.abort();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        self.worker.abort();
        if let Some(cert) = &self.cert {
            let _ = std::fs::remove_file(cert);
        }
    }
}
