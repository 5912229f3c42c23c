//! The b24 runtime: what generated code calls, and the REST client.
//!
//! The client has five entry points: [`Client::send`] (a typed method, to
//! the REST generation its spec names), [`Client::raw`] (a method by name,
//! with JSON params), [`Client::list`] (a list as a stream; `.fast()` for
//! the `start=-1` ID-cursor traversal), [`Client::batch`] (REST v2 or
//! REST 3.0 batches of any size) and [`Client::bind`] (typed `event.bind`).
//!
//! ```ignore
//! let deal = client.send(&DealGet::new(42)).await?.result;
//! let raw = client.raw("crm.deal.get").params(json!({"id": 42})).send().await?;
//! let mut deals = client.list(&DealList::new()).fast();
//! while let Some(deal) = deals.try_next().await? { /* ... */ }
//! ```
//!
//! REST 3.0 lists take a typed [`V3Filter`] and [`V3Order`] over the
//! method's field enum ([`v3`]).
//!
//! Responses are read in `wire` (error bodies and envelopes), lenient
//! scalars in [`lenient`], form bodies and `$result` references by `b24-form`.
#![deny(missing_docs)]

pub mod decode;
pub mod lenient;
pub mod typed;

pub mod auth;
pub mod batch;
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
pub mod placement_options;
pub mod retry;
pub mod v3;
mod wire;

pub use decode::DecodeError;

pub use auth::{MemoryTokenStore, OAuthCredentials, Secret, TokenStore, Tokens};
pub use batch::{Batch, BatchResults, Cmd, Param, Ref, RefArray};
pub use client::{ApiVersion, Client, ClientBuilder, ClientStats, RawRequest, guess_idempotent};
pub use clock::{JumpClock, SystemClock, TimeSource};
pub use envelope::{Envelope, Time};
pub use error::{Error, ErrorInfo};
pub use limits::{BucketConfig, Limiter, LimitsConfig};
pub use list::{List, Progress};
pub use retry::RetryPolicy;
pub use typed::{
    InterfaceEvents, ListMethod, Method, MethodError, PlacementCommand, RestEvent, RestEvents,
    UndocumentedError,
};
pub use v3::{V3Filter, V3Order};

/// Paths used by generated code. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::decode::{arg_count, field, scalar};
    pub use crate::events::{DeliveryContext, EventHandler, concat_codes};
    pub use crate::idempotent::by_name as idempotent_by_name;
    pub use crate::lenient;
    pub use crate::placement_options::PlacementOptions;
    pub use crate::typed::{looks_not_found, normalize_description};
    pub use crate::v3::{FieldPath, V3Filter, V3Order};
    pub use crate::{
        ApiVersion, DecodeError, InterfaceEvents, ListMethod, Method, MethodError, Param,
        PlacementCommand, RestEvent, RestEvents, UndocumentedError,
    };
    pub use serde;
    pub use serde_json;
    pub use std;
}
