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
//! Security, by default: ONAPPINSTALL is verified with `app.info` on the
//! authorization server ([`AuthServer`], `https://oauth.bitrix.info/rest/`
//! unless configured otherwise; never an address from the request): the
//! delivered access token must belong to the `member_id` and domain the
//! body names. A portal already installed keeps its `application_token`
//! until ONAPPUNINSTALL, which removes it. Every other delivery must carry
//! the stored `application_token` of an installed `member_id` (compared in
//! constant time); deliveries from unknown portals are refused. See
//! `api-reference/events/safe-event-handlers.md`. Opting out is explicit:
//! [`ReceiverBuilder::insecure_skip_verification_because`].

mod authserver;
mod bind;
mod combine;
mod dedup;
mod delivery;
mod offline;
mod receiver;
mod verify;

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "axum")]
pub(crate) use authserver::Verification;
pub use authserver::{AuthServer, DEFAULT_SERVER_ENDPOINT, PortalContext, VerifyError};
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
    InstallCheck, InstallStore, Installation, MemoryInstallStore, StoreError, constant_time_eq,
};
