//! REST events delivered to a handler URL: reading the form body, proving
//! it came from the portal, dropping repeats, dispatching to typed handlers;
//! `event.bind`/`unbind`/`get` helpers; and the offline queue as a stream.
//!
//! ```ignore
//! let store = Arc::new(MemoryInstallStore::new());
//! let on_event = |e: telephony::RestEvent, ctx: DeliveryContext| async move { /* ... */ };
//! let app = axum::Router::new()
//!     .route("/b24/events", b24_core::events::axum::rest_events(on_event, store.clone()));
//! client.bind::<telephony::OnExternalCallStart>("https://app.example/b24/events").await?;
//! ```
//!
//! Security: every delivery but ONAPPINSTALL must carry the
//! `application_token` stored at install for its `member_id`; the
//! comparison is constant-time. ONAPPINSTALL itself is trusted on first use
//! per portal, or through an [`InstallCheck`] (see
//! `api-reference/events/safe-event-handlers.md`).

mod bind;
mod combine;
mod dedup;
mod delivery;
mod offline;
mod receiver;
mod verify;

#[cfg(feature = "axum")]
pub mod axum;

pub use bind::{BindOptions, BoundHandler, EventType};
#[doc(hidden)]
pub use combine::concat_codes;
pub use dedup::Dedup;
pub use delivery::{DeliveryContext, DeliveryError, EventAuth, EventDelivery};
pub use offline::{OfflineBatch, OfflineError, OfflineEvent, OfflineOptions};
pub use receiver::{
    Accepted, EventHandler, ON_APP_INSTALL, ON_APP_UNINSTALL, Received, Receiver, ReceiverBuilder,
    Rejection, Unauthorized,
};
pub use verify::{
    AppInfoCheck, InstallCheck, InstallStore, Installation, MemoryInstallStore, StoreError,
    constant_time_eq,
};
