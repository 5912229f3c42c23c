//! b24: the typed Rust SDK for Bitrix24, generated from YAML specs.
//!
//! - [`placements`]: every placement's interface events (a decoder, a
//!   handler trait, `dispatch`) and commands, from `specs/placements/`.
//! - [`methods`] and [`events`]: typed REST methods and REST events of the
//!   enabled scope features, from `specs/methods/` and `specs/events/`.
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
pub mod placements {
    include!(concat!(env!("OUT_DIR"), "/placements.rs"));
}

/// Typed REST methods, one module per spec file of an enabled scope.
pub mod methods {
    include!(concat!(env!("OUT_DIR"), "/methods.rs"));
}

/// Typed REST events, one module per spec file of an enabled scope, and the
/// runtime that receives them (delivery decoding, token checks, dedup,
/// typed `event.bind`, offline events).
pub mod events {
    pub use b24_core::events::*;
    include!(concat!(env!("OUT_DIR"), "/events.rs"));
}

/// axum integration: the placement widget bridge (interface events from the
/// browser to a typed handler, typed commands back) and the REST event route.
#[cfg(feature = "axum")]
pub mod axum {
    pub use b24_core::bridge::*;
    pub use b24_core::events::axum::{rest_events, route as rest_events_route};
    pub use b24_core::{placement_bridge, placement_router};
}
