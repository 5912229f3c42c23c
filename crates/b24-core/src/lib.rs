//! The b24 runtime: what generated code calls, and the REST client.
#![deny(missing_docs)]

pub mod decode;
pub mod typed;

pub use decode::DecodeError;
pub use typed::{InterfaceEvents, ListMethod, Method, PlacementCommand, RestEvent, RestEvents};

/// Paths used by generated code. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::decode::{arg_count, field, lenient, scalar};
    pub use crate::{
        DecodeError, InterfaceEvents, ListMethod, Method, PlacementCommand, RestEvent, RestEvents,
    };
    pub use serde;
    pub use serde_json;
    pub use std;
}
