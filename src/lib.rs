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
//! - [`Client`]: the REST client (webhook or OAuth, limits, retries, batch,
//!   list streams); typed methods go through [`Client::send`].
//! - [`generate!`]: the same code from your own spec files.
#![deny(missing_docs)]

// Generated code names the runtime `::b24`, also inside this crate.
extern crate self as b24;

pub use b24_core::*;
pub use b24_macros::generate;

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
