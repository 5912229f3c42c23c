//! The b24 runtime: what generated code calls, and the REST client.
#![deny(missing_docs)]

pub mod decode;
pub mod typed;

pub mod auth;
pub mod batch;
pub mod batch_v3;
#[cfg(feature = "axum")]
pub mod bridge;
mod client;
pub mod clock;
pub mod envelope;
pub mod error;
pub mod events;
pub mod idempotent;
pub mod limits;
pub mod list;
pub mod query;
pub mod retry;

pub use decode::DecodeError;

pub use auth::{MemoryTokenStore, OAuthApp, Secret, TokenStore, Tokens};
pub use batch::{Batch, BatchResults, Cmd, Ref};
pub use batch_v3::BatchV3;
pub use client::{ApiVersion, CallOptions, Client, ClientBuilder, ClientStats, guess_idempotent};
pub use clock::{Clock, JumpClock, SystemClock};
pub use envelope::{Envelope, Time};
pub use error::{Error, ErrorInfo};
pub use limits::{BucketConfig, Limiter, LimitsConfig};
pub use list::ListOptions;
pub use retry::RetryPolicy;
pub use typed::{InterfaceEvents, ListMethod, Method, PlacementCommand, RestEvent, RestEvents};

/// Paths used by generated code. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::decode::{arg_count, field, lenient, scalar};
    pub use crate::events::{EventContext, EventHandler, concat_codes};
    pub use crate::idempotent::by_name as idempotent_by_name;
    pub use crate::{
        ApiVersion, DecodeError, InterfaceEvents, ListMethod, Method, PlacementCommand, RestEvent,
        RestEvents,
    };
    pub use serde;
    pub use serde_json;
    pub use std;
}
