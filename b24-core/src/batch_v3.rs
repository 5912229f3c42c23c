//! REST 3.0 `batch` (`api-reference/rest-v3.md#batch`): the body is a JSON
//! array of `{method, query}` and `result` holds the results in that order.

use indexmap::IndexMap;
use serde_json::{Value, json};

use crate::batch::{BatchResults, Cmd, MAX_COMMANDS, typed_params};
use crate::client::{ApiVersion, Call, Client, guess_idempotent};
use crate::envelope::Envelope;
use crate::error::Error;
use crate::typed::Method;

/// A REST 3.0 batch: REST 3.0 methods only, sent 50 per request, results by
/// command. REST 3.0 answers a batch with a failing call with that one
/// error, so a request's results are all or nothing; the docs give no
/// syntax for referring to earlier results, so there are no references.
/// The body is an array with no place for an OAuth token: webhooks only.
#[must_use = "a batch does nothing until `send`"]
pub struct BatchV3 {
    client: Client,
    calls: Vec<V3Call>,
    invalid: Option<Error>,
}

struct V3Call {
    name: String,
    method: String,
    query: Value,
    idempotent: bool,
}

impl Client {
    /// Starts a REST 3.0 batch (`/rest/api/batch`).
    pub fn batch_v3(&self) -> BatchV3 {
        BatchV3 {
            client: self.clone(),
            calls: Vec::new(),
            invalid: None,
        }
    }
}

impl BatchV3 {
    fn push_call(&mut self, method: &str, query: Value, idempotent: bool) -> Cmd<Value> {
        let name = format!("cmd{}", self.calls.len());
        if method.eq_ignore_ascii_case("batch") && self.invalid.is_none() {
            self.invalid = Some(Error::invalid("batch", "batch cannot be nested"));
        }
        self.calls.push(V3Call {
            name: name.clone(),
            method: method.to_owned(),
            query,
            idempotent,
        });
        Cmd::named(name)
    }

    /// Adds `method` with JSON `query`.
    pub fn add(&mut self, method: &str, query: Value) -> Cmd<Value> {
        self.push_call(method, query, guess_idempotent(method))
    }

    /// Adds a typed REST 3.0 method (`M::API` must be `V3`).
    pub fn push<M: Method>(&mut self, m: &M) -> Cmd<M::Output> {
        let query = typed_params(m, ApiVersion::V3, &mut self.invalid);
        self.push_call(M::NAME, query, M::IDEMPOTENT).cast()
    }

    /// Number of calls.
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// Whether there are no calls.
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Sends the calls, 50 per request, one request after another. The
    /// outer `Err` is the first request that failed (the calls of later
    /// requests were not sent).
    pub async fn send(self) -> Result<BatchResults, Error> {
        if let Some(e) = self.invalid {
            return Err(e);
        }
        let mut entries = IndexMap::with_capacity(self.calls.len());
        for chunk in self.calls.chunks(MAX_COMMANDS) {
            let body = Value::Array(
                chunk
                    .iter()
                    .map(|c| {
                        let query = if c.query.is_null() {
                            json!({})
                        } else {
                            c.query.clone()
                        };
                        json!({"method": c.method, "query": query})
                    })
                    .collect(),
            );
            let budget: Vec<&str> = chunk.iter().map(|c| c.method.as_str()).collect();
            let env = self
                .client
                .execute(Call {
                    method: "batch",
                    params: &body,
                    idempotent: chunk.iter().all(|c| c.idempotent),
                    version: ApiVersion::V3,
                    budget: &budget,
                })
                .await?;
            let results = match env.result {
                Value::Array(a) if a.len() == chunk.len() => a,
                other => {
                    return Err(Error::decode(
                        "batch",
                        Some(200),
                        format!("expected {} results in an array, got {other}", chunk.len()),
                    ));
                }
            };
            for (c, result) in chunk.iter().zip(results) {
                let one = Envelope {
                    result,
                    total: None,
                    next: None,
                    time: env.time.clone(),
                };
                entries.insert(c.name.clone(), Ok(one));
            }
        }
        Ok(BatchResults::new(entries))
    }
}
