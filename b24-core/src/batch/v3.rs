//! REST 3.0 `batch` (`api-reference/rest-v3.md#batch`): the body is a JSON
//! array of `{method, query}` and `result` holds the results in that order.

use b24_form::result_ref;
use indexmap::IndexMap;
use serde_json::{Value, json};

use super::{BatchResults, Command, MAX_COMMANDS};
use crate::client::{ApiVersion, Call, Client};
use crate::envelope::Envelope;
use crate::error::Error;

/// Sends REST 3.0 commands, 50 per request, one request after another. The
/// outer `Err` is the first request that failed (later ones were not sent).
pub(super) async fn send(client: &Client, commands: &[Command]) -> Result<BatchResults, Error> {
    if let Some(c) = commands.iter().find(|c| has_ref(&c.params)) {
        let mut e = Error::invalid(
            &c.method,
            "REST 3.0 batches have no `$result[...]` references; send the calls in two batches",
        );
        if let Error::InvalidArgument(i) = &mut e {
            i.command = Some(c.name.clone());
        }
        return Err(e);
    }
    let mut entries = IndexMap::with_capacity(commands.len());
    for chunk in commands.chunks(MAX_COMMANDS) {
        let body = Value::Array(
            chunk
                .iter()
                .map(|c| {
                    let query = if c.params.is_null() {
                        json!({})
                    } else {
                        c.params.clone()
                    };
                    json!({"method": c.method, "query": query})
                })
                .collect(),
        );
        let budget: Vec<&str> = chunk.iter().map(|c| c.method.as_str()).collect();
        let env = client
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

fn has_ref(v: &Value) -> bool {
    match v {
        Value::String(s) => !result_ref::find(s).is_empty(),
        Value::Array(a) => a.iter().any(has_ref),
        Value::Object(o) => o.values().any(has_ref),
        _ => false,
    }
}
