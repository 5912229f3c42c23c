//! b24: the typed Rust SDK for Bitrix24, generated from YAML specs.
//!
//! - [`placements`]: every placement's interface events (a decoder, a
//!   handler trait, `dispatch`) and commands, from `specs/placements/`.
//! - [`methods`] and [`events`]: typed REST methods and REST events of the
//!   enabled scope features, from `specs/methods/` and `specs/events/`.
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

/// Typed REST events, one module per spec file of an enabled scope.
pub mod events {
    include!(concat!(env!("OUT_DIR"), "/events.rs"));
}
