//! The portal's state: who may call, what has been called, the records, the
//! bound handlers and placements, and the queue of outgoing requests.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};
use tokio::sync::{broadcast, mpsc};

use crate::clock::Clock;
use crate::limits::{Bucket, Operating};
use crate::store::{Kind, Store};

pub(crate) mod families;
/// The portal page (iframes, frame protocol, call card).
pub(crate) mod page;
pub(crate) mod replays;

pub use crate::protocol::AuthKind;

mod types;
#[allow(unused_imports)]
pub use types::*;

mod calls;
mod outgoing;
mod scopes;
#[allow(unused_imports)]
pub(crate) use scopes::*;

/// Every scope: those the registry's methods need, and the user and task
/// scope spellings the docs use besides them. The default webhook has them
/// all.
pub fn all_scopes() -> Vec<String> {
    let mut v: Vec<String> = crate::registry::registry()
        .scopes()
        .into_iter()
        .map(str::to_owned)
        .collect();
    for extra in ["user_brief", "user_basic", "event", "task", "tasks"] {
        if !v.iter().any(|s| s == extra) {
            v.push(extra.to_owned());
        }
    }
    v
}

/// The portal's records and registrations, behind one read-write lock:
/// reads (lists, gets) share it, changes take it alone. What every call
/// touches (the bucket, operating time, the call log) has locks of its own
/// in [`Shared`], held only briefly.
pub(crate) struct State {
    pub webhooks: Vec<Webhook>,
    pub outgoing: Vec<OutgoingWebhook>,
    pub app: OAuthApp,
    pub app_installed: bool,
    pub access: HashMap<String, AccessToken>,
    pub refresh: HashMap<String, RefreshToken>,
    pub codes: HashMap<String, (u64, Vec<String>, f64)>,
    pub deals: Store,
    pub contacts: Store,
    pub leads: Store,
    pub companies: Store,
    pub users: Store,
    pub items: HashMap<i64, Store>,
    /// The generic entity store: one [`Store`] per CRUD family of the
    /// specs (`catalog.product`, `calendar.event`, `department`, …) and
    /// per family of the portal's own handlers ([`families`]).
    pub entities: HashMap<String, Store>,
    /// Row lists by (list family, owner ID): `crm.deal.productrows`,
    /// `crm.deal.contact.items`, … ([`crate::handlers::bindings`]).
    pub bindings: HashMap<(String, u64), Vec<serde_json::Value>>,
    /// The last ID given to a row of [`State::bindings`].
    pub binding_ids: u64,
    pub deliveries: VecDeque<Delivery>,
    pub seq: u64,
    rng: u64,
}

impl State {
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// A fresh random-looking token of `len` lowercase hex/alnum chars.
    pub(crate) fn token(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut out = String::with_capacity(len);
        while out.len() < len {
            self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.rng;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            for i in 0..8 {
                if out.len() < len {
                    out.push(ALPHABET[((z >> (i * 8)) % 36) as usize] as char);
                }
            }
        }
        out
    }

    /// The store for a CRM entity type ID (1 lead, 2 deal, 3 contact,
    /// 4 company, others smart processes).
    pub(crate) fn store_for(&mut self, entity_type_id: i64) -> Option<&mut Store> {
        match entity_type_id {
            1 => Some(&mut self.leads),
            2 => Some(&mut self.deals),
            3 => Some(&mut self.contacts),
            4 => Some(&mut self.companies),
            t => self.items.get_mut(&t),
        }
    }

    /// [`State::store_for`], to read.
    pub(crate) fn store_ref(&self, entity_type_id: i64) -> Option<&Store> {
        match entity_type_id {
            1 => Some(&self.leads),
            2 => Some(&self.deals),
            3 => Some(&self.contacts),
            4 => Some(&self.companies),
            t => self.items.get(&t),
        }
    }

    pub(crate) fn user_exists(&self, id: u64) -> bool {
        self.users.row(id).is_some()
    }

    pub(crate) fn is_admin(&self, user_id: u64) -> bool {
        user_id == 1
    }
}

/// Seeding and other choices made by the builder.
#[derive(Debug, Clone)]
pub(crate) struct Seed {
    pub deals: u64,
    pub contacts: u64,
    pub users: u64,
    pub items: Vec<(i64, u64)>,
    pub webhooks: Vec<Webhook>,
    pub outgoing: Vec<(String, Vec<String>)>,
    pub app_scopes: Vec<String>,
    pub client_id: Option<(String, String)>,
    pub bucket: (u32, f64),
    pub operating_limit: Option<Duration>,
}

/// A queued outgoing POST for the delivery worker.
#[derive(Debug)]
pub(crate) struct Outgoing {
    pub delivery_id: u64,
    pub url: String,
    pub body: String,
}

/// The shared handle on a running portal: cheap to clone, used by the HTTP
/// layer and by [`crate::Emulator`].
#[derive(Clone)]
pub struct Portal {
    pub(crate) shared: Arc<Shared>,
}

pub(crate) struct Shared {
    pub config: Config,
    pub clock: Clock,
    pub state: RwLock<State>,
    /// The leaky bucket (every request).
    pub bucket: Mutex<Bucket>,
    /// Operating time per principal and method (every call).
    pub operating: Mutex<Operating>,
    /// The call log, oldest first.
    pub calls: Mutex<VecDeque<CallRecord>>,
    /// Requests, operating seconds per method, refusals.
    pub stats: Mutex<crate::cost::Stats>,
    /// Stored REST 3.0 answers by `Idempotency-Key`.
    pub replays: Mutex<crate::state::replays::Replays>,
    pub ui: broadcast::Sender<UiEvent>,
    pub outbox: mpsc::UnboundedSender<Outgoing>,
    pub delivered: tokio::sync::Notify,
}

impl std::fmt::Debug for Portal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Portal")
            .field("base_url", &self.shared.config.base_url)
            .finish_non_exhaustive()
    }
}

impl Portal {
    pub(crate) fn new(
        config: Config,
        clock: Clock,
        seed: Seed,
    ) -> (Portal, mpsc::UnboundedReceiver<Outgoing>) {
        let users = seed.users.max(1);
        let mut items = HashMap::new();
        for (t, n) in &seed.items {
            if !matches!(t, 1..=4) {
                items.insert(*t, Store::new(Kind::Item(*t), *n, users, seed.contacts));
            }
        }
        let mut leads = Store::new(Kind::Lead, 0, users, seed.contacts);
        let mut companies = Store::new(Kind::Company, 0, users, seed.contacts);
        let mut deals = Store::new(Kind::Deal, seed.deals, users, seed.contacts);
        let mut contacts = Store::new(Kind::Contact, seed.contacts, users, seed.contacts);
        for (t, n) in &seed.items {
            let s = match t {
                1 => &mut leads,
                2 => &mut deals,
                3 => &mut contacts,
                4 => &mut companies,
                _ => continue,
            };
            *s = Store::new(s.kind, *n, users, seed.contacts);
        }
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
        let mut state = State {
            webhooks: seed.webhooks,
            outgoing: Vec::new(),
            app: OAuthApp {
                client_id: String::new(),
                client_secret: String::new(),
                application_token: String::new(),
                scopes: seed.app_scopes,
                token_endpoint: format!("{}/oauth/token/", config.base_url),
                authorize_endpoint: format!("{}/oauth/authorize/", config.base_url),
            },
            app_installed: false,
            access: HashMap::new(),
            refresh: HashMap::new(),
            codes: HashMap::new(),
            deals,
            contacts,
            leads,
            companies,
            users: Store::new(Kind::User, users, users, 0),
            items,
            entities: HashMap::new(),
            bindings: HashMap::new(),
            binding_ids: 0,
            deliveries: VecDeque::new(),
            seq: 0,
            rng: nanos,
        };
        let (client_id, client_secret) = seed.client_id.unwrap_or_else(|| {
            (
                format!("local.{}.{}", state.token(14), state.token(8)),
                state.token(50),
            )
        });
        state.app.client_id = client_id;
        state.app.client_secret = client_secret;
        state.app.application_token = state.token(32);
        for (url, events) in seed.outgoing {
            let id = state.next_seq();
            let application_token = state.token(32);
            state.outgoing.push(OutgoingWebhook {
                id,
                url,
                events: events.iter().map(|e| e.to_uppercase()).collect(),
                application_token,
            });
        }
        let (ui, _) = broadcast::channel(256);
        let (outbox, rx) = mpsc::unbounded_channel();
        (
            Portal {
                shared: Arc::new(Shared {
                    config,
                    clock,
                    state: RwLock::new(state),
                    bucket: Mutex::new(Bucket::new(seed.bucket.0, seed.bucket.1)),
                    operating: Mutex::new(Operating::new(seed.operating_limit)),
                    calls: Mutex::new(VecDeque::new()),
                    replays: Mutex::new(crate::state::replays::Replays::default()),
                    stats: Mutex::new(crate::cost::Stats::default()),
                    ui,
                    outbox,
                    delivered: tokio::sync::Notify::new(),
                }),
            },
            rx,
        )
    }

    /// The state, to change it (one holder at a time).
    pub(crate) fn lock(&self) -> RwLockWriteGuard<'_, State> {
        // A panic while holding the lock must not take the portal down.
        self.shared
            .state
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The state, to read it (shared with other readers).
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, State> {
        self.shared
            .state
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The leaky bucket, briefly.
    pub(crate) fn bucket(&self) -> MutexGuard<'_, Bucket> {
        self.shared
            .bucket
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The operating-time accounts, briefly.
    pub(crate) fn operating(&self) -> MutexGuard<'_, Operating> {
        self.shared
            .operating
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The stored REST 3.0 answers, briefly.
    pub(crate) fn replays(&self) -> MutexGuard<'_, crate::state::replays::Replays> {
        self.shared
            .replays
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Settings fixed at start.
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// The portal's virtual clock.
    pub fn clock(&self) -> &Clock {
        &self.shared.clock
    }

    /// Subscribes to UI events (call cards, placements).
    pub fn ui_events(&self) -> broadcast::Receiver<UiEvent> {
        self.shared.ui.subscribe()
    }

    pub(crate) fn ui(&self, ev: UiEvent) {
        // No subscriber is fine: nobody is looking at the portal.
        let _ = self.shared.ui.send(ev);
    }

    /// The outgoing POSTs made or queued so far.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.lock().deliveries.iter().cloned().collect()
    }

    /// The OAuth app.
    pub fn oauth_app(&self) -> OAuthApp {
        self.lock().app.clone()
    }

    /// The inbound webhooks.
    pub fn webhooks(&self) -> Vec<Webhook> {
        self.lock().webhooks.clone()
    }
}
