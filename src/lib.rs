//! b24: the typed Rust SDK for Bitrix24, generated from YAML specs.
//!
//! Interface events and commands of every placement live in [`placements`];
//! [`generate!`] turns your own spec files into the same kind of module.
#![deny(missing_docs)]

// Generated code names the runtime `::b24`, also inside this crate.
extern crate self as b24;

pub use b24_core::*;
pub use b24_macros::generate;
