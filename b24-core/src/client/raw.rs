//! Untyped calls: `client.raw("crm.deal.get").params(json!({"id": 42})).send()`.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{ApiVersion, Call, Client, guess_idempotent};
use crate::envelope::Envelope;
use crate::error::Error;
use crate::list::List;

/// A call of a method by name, with JSON params. Made by [`Client::raw`];
/// nothing is sent until [`send`](RawRequest::send),
/// [`send_as`](RawRequest::send_as) or [`list`](RawRequest::list).
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until `send`"]
pub struct RawRequest {
    client: Client,
    method: String,
    params: Result<Value, Error>,
    idempotent: Option<bool>,
    version: ApiVersion,
}

impl RawRequest {
    pub(super) fn new(client: Client, method: String) -> Self {
        RawRequest {
            client,
            method,
            params: Ok(Value::Null),
            idempotent: None,
            version: ApiVersion::V2,
        }
    }

    /// The params: a JSON object (`json!({...})`), or anything that
    /// serializes to one. A value that does not serialize fails the call.
    pub fn params(mut self, params: impl Serialize) -> Self {
        self.params = serde_json::to_value(params)
            .map_err(|e| Error::invalid(&self.method, format!("params do not serialize: {e}")));
        self
    }

    /// Calls REST 3.0 (`/rest/api/`) instead of the classic `/rest/`. Writes
    /// then carry an `Idempotency-Key`, so they are resent safely.
    pub fn v3(self) -> Self {
        self.api(ApiVersion::V3)
    }

    /// Calls the given REST generation.
    pub fn api(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// Whether resending the call is harmless. By default it is guessed
    /// from the method name ([`guess_idempotent`]: `*.get`, `*.list`, ...).
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// The method name.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// Sends the call; `result` stays JSON.
    pub async fn send(self) -> Result<Envelope<Value>, Error> {
        let params = self.params?;
        let idempotent = self
            .idempotent
            .unwrap_or_else(|| guess_idempotent(&self.method));
        self.client
            .execute(Call {
                method: &self.method,
                params: &params,
                idempotent,
                version: self.version,
                budget: &[&self.method],
            })
            .await
    }

    /// Sends the call and decodes `result` into `T`.
    pub async fn send_as<T: DeserializeOwned>(self) -> Result<Envelope<T>, Error> {
        let method = self.method.clone();
        self.send().await?.decode(&method)
    }

    /// Walks a list method's rows (JSON) instead of sending one call: a
    /// [`List`] stream, paged with `start`, or with `.fast()` the `start=-1`
    /// ID-cursor traversal. REST v2 only.
    pub fn list(self) -> List<Value> {
        let params = self.params.and_then(|p| {
            if self.version == ApiVersion::V3 {
                Err(Error::invalid(
                    &self.method,
                    "lists page REST v2 methods; REST 3.0 has no `start`/`next`",
                ))
            } else {
                Ok(p)
            }
        });
        List::new(self.client, self.method, params, |_, v| Ok(v))
    }
}
