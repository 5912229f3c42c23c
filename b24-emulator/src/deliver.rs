//! Outgoing form POSTs: REST events, the install event and placement
//! openings. A single worker sends queued events in order.

use std::sync::Weak;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use crate::state::{Outgoing, Shared};

/// The largest handler answer kept.
const MAX_ANSWER: usize = 4 << 20;

/// POSTs a form body; returns the status, content type and body.
pub(crate) async fn post_form(url: &str, body: String) -> Result<(u16, String, String), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("only http:// handlers are supported, not {url}"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let stream = tokio::time::timeout(Duration::from_secs(10), TcpStream::connect(&addr))
        .await
        .map_err(|_| format!("connect to {addr} timed out"))?
        .map_err(|e| format!("connect to {addr}: {e}"))?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let req = hyper::Request::post(path)
        .header(hyper::header::HOST, authority)
        .header(
            hyper::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(hyper::header::USER_AGENT, "Bitrix24 Webhook Engine")
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| e.to_string())?;
    let resp = tokio::time::timeout(Duration::from_secs(30), sender.send_request(req))
        .await
        .map_err(|_| "handler timed out".to_owned())?
        .map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let ctype = resp
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = Limited::new(resp.into_body(), MAX_ANSWER)
        .collect()
        .await
        .map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned())
        .unwrap_or_default();
    Ok((status, ctype, body))
}

/// Sends queued deliveries one at a time and records the outcome.
pub(crate) async fn worker(shared: Weak<Shared>, mut rx: mpsc::UnboundedReceiver<Outgoing>) {
    while let Some(out) = rx.recv().await {
        let result = post_form(&out.url, out.body).await;
        let Some(shared) = shared.upgrade() else {
            return;
        };
        {
            let mut st = shared
                .state
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let result = result.map(|(status, _, _)| status);
            if let Err(e) = &result {
                tracing::warn!(url = %out.url, error = %e, "event delivery failed");
            }
            st.delivery_done(out.delivery_id, result);
        }
        shared.delivered.notify_waiters();
    }
}
