//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::routing::any;
use serde_json::Value;

/// A local handler that records every POST (path and form body).
#[derive(Clone, Default)]
pub struct Capture {
    pub hits: Arc<Mutex<Vec<(String, String)>>>,
}

impl Capture {
    /// Starts the handler; returns its base URL.
    pub async fn start(&self) -> String {
        async fn hit(State(c): State<Capture>, uri: Uri, body: Bytes) -> &'static str {
            c.hits.lock().unwrap().push((
                uri.path().to_owned(),
                String::from_utf8_lossy(&body).into_owned(),
            ));
            "<html><body>handler page</body></html>"
        }
        let app = Router::new()
            .route("/{*path}", any(hit))
            .with_state(self.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        format!("http://{addr}")
    }

    /// The decoded bodies posted to `path`.
    pub fn bodies(&self, path: &str) -> Vec<Value> {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, b)| b24_form::parse(b).unwrap())
            .collect()
    }
}

/// The eight fields of the `time` block (`data-types.md#time`).
pub const TIME_FIELDS: [&str; 8] = [
    "start",
    "finish",
    "duration",
    "processing",
    "date_start",
    "date_finish",
    "operating_reset_at",
    "operating",
];

/// GET/POST helper returning (status, JSON body).
pub async fn post_json(url: &str, body: &Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(url)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

pub async fn post_form(url: &str, body: &str) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

pub async fn get(url: &str) -> (u16, Value) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// `post_json` with owned arguments, for closures.
pub async fn post(url: String, body: Value) -> (u16, Value) {
    post_json(&url, &body).await
}
