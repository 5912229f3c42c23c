//! The axum route for REST events (cargo feature `axum`).
//!
//! ```ignore
//! let app = axum::Router::new().route(
//!     "/b24/events",
//!     b24_core::events::axum::rest_events::<telephony::RestEvent, _>(on_event, MemoryInstallStore::new()),
//! );
//! ```

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{MethodRouter, post};

use crate::events::receiver::{EventHandler, Receiver, Rejection};

use crate::events::verify::InstallStore;
use crate::typed::RestEvents;

/// A `POST` route that verifies, decodes and deduplicates deliveries,
/// answers `200` at once and dispatches to `handler` on a spawned task.
/// A bad body or an unknown event gets `400`, a forged or unknown token
/// `401`, a store failure `500`, an unreachable authorization server `503`;
/// the body names the [`Rejection::kind`]. ONAPPINSTALL is verified on the
/// default authorization server; configure another one (or the emulator)
/// with [`route`] and [`Receiver::builder`]`.auth_server(..)`.
pub fn rest_events<E, H>(handler: H, store: impl InstallStore) -> MethodRouter
where
    E: RestEvents,
    H: EventHandler<E>,
{
    route(Receiver::new(handler, store))
}

/// As [`rest_events`], for a configured [`Receiver`].
pub fn route<E, H>(receiver: Receiver<E, H>) -> MethodRouter
where
    E: RestEvents,
    H: EventHandler<E>,
{
    post(move |headers: HeaderMap, body: Bytes| {
        let receiver = receiver.clone();
        async move {
            let ct = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok());
            match receiver.receive_body(ct, &body).await {
                Ok(_) => (StatusCode::OK, "OK".to_owned()),
                Err(e) => {
                    let status =
                        StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
                    tracing::warn!(status = status.as_u16(), error = %e, "REST event refused");
                    // The kind, and for bad bodies what was wrong with them.
                    let text = match &e {
                        Rejection::Malformed(m) => format!("{}: {m}", e.kind()),
                        _ => e.kind().to_owned(),
                    };
                    (status, text)
                }
            }
        }
    })
}
