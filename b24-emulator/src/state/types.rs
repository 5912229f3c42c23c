//! The portal's public records (calls, deliveries, UI events, webhooks, config) and its internal registrations.

#[allow(unused_imports)]
use super::*;

/// One REST call the emulator received. Commands inside `batch` are recorded
/// one by one (with `in_batch` set), after the `batch` call itself.
#[derive(Debug, Clone)]
pub struct CallRecord {
    /// The method name, lower case, without `.json`.
    pub method: String,
    /// The decoded parameters (query and body merged; `auth` removed).
    pub params: Value,
    /// Who called.
    pub auth: AuthKind,
    /// The HTTP status of the answer (for a batch command: the status it
    /// would have had on its own).
    pub status: u16,
    /// The error code, when the call failed.
    pub error: Option<String>,
    /// Virtual time of the call.
    pub at: SystemTime,
    /// True for a command run inside `batch`.
    pub in_batch: bool,
    /// True for a REST 3.0 call (`/rest/api/…`).
    pub v3: bool,
    /// The `Idempotency-Key` header a REST 3.0 call that changes data carried.
    pub idempotency_key: Option<String>,
    /// True when the answer was a stored one (`Idempotent-Replayed: true`):
    /// the method did not run.
    pub replayed: bool,
    /// True when the answer was synthesized from the method's spec (a
    /// documented example or a value of the result shape) rather than
    /// computed by a stateful handler.
    pub synthesized: bool,
}

impl CallRecord {
    /// A REST v2 call outside `batch`, answered at virtual time `at`.
    pub(crate) fn new(
        method: &str,
        params: Value,
        auth: AuthKind,
        status: u16,
        error: Option<String>,
        at: SystemTime,
    ) -> CallRecord {
        CallRecord {
            method: method.to_owned(),
            params,
            auth,
            status,
            error,
            at,
            in_batch: false,
            v3: false,
            idempotency_key: None,
            replayed: false,
            synthesized: false,
        }
    }
}

/// The emulator's OAuth application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthApp {
    /// `client_id`.
    pub client_id: String,
    /// `client_secret`.
    pub client_secret: String,
    /// The token sent in `auth[application_token]` of every event to the app.
    pub application_token: String,
    /// Scopes the app was granted.
    pub scopes: Vec<String>,
    /// Where to exchange codes and refresh tokens (`…/oauth/token/`).
    pub token_endpoint: String,
    /// Where a user would authorise the app (`…/oauth/authorize/`).
    pub authorize_endpoint: String,
}

/// What a finished installation or token exchange gives an app. It
/// serializes with the field names of the OAuth token response.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenPair {
    /// The access token (`auth` parameter).
    pub access_token: String,
    /// The refresh token.
    pub refresh_token: String,
    /// Seconds the access token lives.
    pub expires_in: u64,
    /// Unix time the access token expires.
    pub expires: i64,
    /// The portal's member ID.
    pub member_id: String,
    /// The portal's domain (`127.0.0.1:PORT`).
    pub domain: String,
    /// `…/rest/` of the portal.
    pub client_endpoint: String,
    /// `…/rest/` of the authorisation server (the emulator itself).
    pub server_endpoint: String,
    /// The app's application token.
    pub application_token: String,
    /// Comma-separated scopes.
    pub scope: String,
    /// The user the tokens act for.
    pub user_id: u64,
    /// The app status (`L`, local).
    pub status: String,
}

/// An outgoing POST (REST event, install event, placement opening).
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Sequence number.
    pub id: u64,
    /// The handler URL.
    pub url: String,
    /// The event code (`ONCRMDEALADD`), or `PLACEMENT:{code}` for a placement.
    pub event: String,
    /// The form body sent.
    pub body: String,
    /// The HTTP status the handler answered, once known.
    pub status: Option<u16>,
    /// The transport error, if the POST failed.
    pub error: Option<String>,
}

/// Something the portal's UI would show; the future portal page listens to
/// these through [`Portal::ui_events`].
#[derive(Debug, Clone, PartialEq)]
pub enum UiEvent {
    /// `telephony.externalCall.register` (with `SHOW` not 0) or
    /// `telephony.externalCall.show`: raise the call card for these users.
    CallCardShow {
        /// `CALL_ID`.
        call_id: String,
        /// Users whose card opens.
        user_ids: Vec<u64>,
        /// The client's number.
        phone_number: String,
        /// 1 outgoing, 2 incoming, 3 incoming redirected, 4 callback, 5 info.
        call_type: i64,
        /// The CRM entity bound to the call, as `(TYPE, ID)`.
        crm_entity: Option<(String, u64)>,
    },
    /// `telephony.externalCall.hide` or `finish`: close the card.
    CallCardHide {
        /// `CALL_ID`.
        call_id: String,
        /// Users whose card closes.
        user_ids: Vec<u64>,
    },
    /// A placement handler was bound.
    PlacementBound {
        /// The placement code.
        placement: String,
        /// The handler URL.
        handler: String,
    },
}

/// A registered inbound webhook.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// The user it acts for.
    pub user_id: u64,
    /// Its secret code.
    pub code: String,
    /// Its scopes.
    pub scopes: Vec<String>,
}

/// An outgoing webhook configured on the portal.
#[derive(Debug, Clone)]
pub struct OutgoingWebhook {
    /// Handler ID.
    pub id: u64,
    /// Handler URL.
    pub url: String,
    /// Event codes, upper case.
    pub events: Vec<String>,
    /// Its application token.
    pub application_token: String,
}

#[derive(Debug, Clone)]
pub(crate) struct AccessToken {
    pub user_id: u64,
    pub scopes: Vec<String>,
    pub expires: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct RefreshToken {
    pub user_id: u64,
    pub scopes: Vec<String>,
    pub expires: f64,
}

/// An `event.bind` registration: the typed view of a record of
/// [`EVENT_HANDLERS`](super::families::EVENT_HANDLERS), whose store gives the ID.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) struct EventHandler {
    pub event: String,
    pub handler: String,
    pub auth_type: u64,
    pub offline: bool,
    pub connector: String,
}

/// A `placement.bind` registration: the typed view of a record of
/// [`PLACEMENTS`](super::families::PLACEMENTS).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) struct Placement {
    pub placement: String,
    pub handler: String,
    pub title: String,
    pub description: String,
    pub options: Value,
    pub lang_all: Value,
    pub user_id: u64,
}

/// A registered external call: the typed view of a record of
/// [`CALLS`](super::families::CALLS), whose store gives the ID.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE", default)]
pub(crate) struct ExternalCall {
    pub call_id: String,
    pub external_call_id: Option<String>,
    pub user_id: u64,
    pub phone_number: String,
    pub call_type: i64,
    pub line_number: String,
    pub start: i64,
    pub registered_at: f64,
    pub crm_entity: Option<(String, u64)>,
    pub finished: Option<Value>,
    pub records: Vec<u64>,
}

/// Settings fixed at start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `http://127.0.0.1:PORT` or `https://…`.
    pub base_url: String,
    /// `127.0.0.1:PORT`.
    pub domain: String,
    /// The portal's member ID.
    pub member_id: String,
    /// Access-token lifetime.
    pub token_lifetime: Duration,
    /// Simulated operating time per call.
    pub cost_per_call: Duration,
    /// Simulated operating time per returned row.
    pub cost_per_row: Duration,
    /// The cost model of [`crate::cost`] (figures from the docs) instead
    /// of real work plus the per-call and per-row figures.
    pub realistic: bool,
    /// Answers wait, on the virtual clock, for the processing they were
    /// charged ([`crate::EmulatorBuilder::hold_processing`]).
    pub hold_processing: bool,
    /// Largest request body accepted.
    pub max_body: usize,
    /// Page language sent to placements.
    pub lang: String,
}
