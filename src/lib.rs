//! b24: the typed Rust SDK for Bitrix24, generated from YAML specs.
//!
//! - [`placements`] (feature `placements`, crate `b24-placements`): every
//!   placement's interface events (a decoder, a handler trait, `dispatch`)
//!   and commands, from `specs/placements/`.
//! - one module per scope (`b24::crm`, `b24::telephony`, ...; feature of the
//!   same name, crate `b24-crm`, ...): typed REST methods and REST events,
//!   from `specs/methods/` and `specs/events/`. `full` enables every scope.
//! - [`events`]: the REST event runtime (delivery decoding, token checks,
//!   dedup, typed `event.bind`, offline events) and the `events` scope.
//! - [`axum`] (feature `axum`): the widget bridge and the REST event route.
//! - [`Client`]: the REST client (webhook or OAuth, limits, retries):
//!   [`Client::send`] for typed methods, [`Client::raw`] for calls by name,
//!   [`Client::list`] for list streams, [`Client::batch`] for batches.
//! - [`generate!`]: the same code from your own spec files.
//!
//! ```no_run
//! # async fn demo() -> Result<(), b24::Error> {
//! use futures::TryStreamExt;
//! let client = b24::Client::from_webhook("https://portal.bitrix24.com/rest/1/secret/")?;
//! let deal = client.send(&b24::crm::deals::DealGet::new(42)).await?.result;
//! let raw = client.raw("crm.deal.get").params(serde_json::json!({"id": 42})).send().await?;
//! let mut deals = client.list(&b24::crm::deals::DealList::new()).fast();
//! while let Some(row) = deals.try_next().await? { /* ... */ }
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

// Generated code names the runtime `::b24`, also inside this crate.
extern crate self as b24;

// The runtime's public surface, named one by one so that what `b24` offers
// is a decision, not whatever `b24-core` happens to make public.
pub use b24_core::{
    // The client and what it returns.
    ApiVersion,
    Batch,
    BatchResults,
    // Limits, retries and time.
    BucketConfig,
    Client,
    ClientBuilder,
    ClientStats,
    Cmd,
    // Errors.
    DecodeError,
    Envelope,
    Error,
    ErrorInfo,
    // What generated code implements.
    InterfaceEvents,
    JumpClock,
    Limiter,
    LimitsConfig,
    List,
    ListMethod,
    // Credentials.
    MemoryTokenStore,
    Method,
    MethodError,
    OAuthCredentials,
    Param,
    PlacementCommand,
    RawRequest,
    Ref,
    RestEvent,
    RestEvents,
    RetryPolicy,
    Secret,
    SystemClock,
    Time,
    TimeSource,
    TokenStore,
    Tokens,
    UndocumentedError,
    // REST 3.0 list queries.
    V3Filter,
    V3Order,
};
pub use b24_core::{lenient, placement_options, rest_events, v3};
#[cfg(feature = "axum")]
pub use b24_core::{placement_bridge, placement_router};
pub use b24_macros::generate;

/// Paths used by generated code (`::b24::__private::...`). Not a public API.
#[doc(hidden)]
pub use b24_core::__private;

/// Error codes: every documented code with its variant of [`Error`].
pub mod error {
    pub use b24_core::error::KNOWN_CODES;
}

/// Interface events and commands of every documented placement.
#[cfg(feature = "placements")]
#[doc(inline)]
pub use b24_placements as placements;

mod sdk;
pub use sdk::*;

/// The REST event runtime (delivery decoding, token checks, dedup, typed
/// `event.bind`, offline events) and, with the `events` feature, the typed
/// methods and events of the `events` scope (crate `b24-events`).
pub mod events {
    pub use b24_core::events::*;
    #[cfg(feature = "events")]
    #[doc(inline)]
    pub use b24_events::*;
}

/// axum integration: the placement widget bridge (interface events from the
/// browser to a typed handler, typed commands back) and the REST event route.
#[cfg(feature = "axum")]
pub mod axum {
    pub use b24_core::bridge::*;
    pub use b24_core::events::axum::{rest_events, route as rest_events_route};
    pub use b24_core::{placement_bridge, placement_router};
}
