//! REST 3.0 `batch` (rest-v3.md#batch): calls run in order and "data from
//! previous steps is structurally substituted": a `{"$ref": "alias.path"}`
//! value in a call's `query` becomes that value of an earlier result, and
//! `{"$refArray": "alias.field"}` the field of every row of an earlier list
//! result. An alias is a call's `as`, its key, or its position.
//!
//! Two body forms: the documented array of `{method, query}`, and the object
//! keyed `"0"`, `"1"`, ... (with `as` and `parallel`) the JS SDK sends; the
//! answer's `result` has the same form as the request.

use std::time::Instant;

use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{error_response, execute};
use crate::http::v2::{Executed, json_response, time_block};
use crate::protocol::{ApiError, Caller, MAX_BATCH, V3Error};
use crate::state::{CallRecord, Portal};

/// One call of a batch: its key in the keyed form, and its `{method, query}`.
pub(super) struct Call {
    pub key: Option<String>,
    pub body: Value,
}

/// Whether an object body is the keyed form: every entry but `auth` a call.
pub(super) fn is_keyed(m: &Map<String, Value>) -> bool {
    let mut calls = m.iter().filter(|(k, _)| *k != "auth").peekable();
    calls.peek().is_some() && calls.all(|(_, v)| v.get("method").is_some_and(Value::is_string))
}

/// Splits a keyed body into its calls (in key order as sent) and the rest.
pub(super) fn keyed(m: Map<String, Value>) -> (Vec<Call>, Map<String, Value>) {
    let mut rest = Map::new();
    let mut calls = Vec::new();
    for (k, v) in m {
        if k == "auth" {
            rest.insert(k, v);
        } else {
            calls.push(Call {
                key: Some(k),
                body: v,
            });
        }
    }
    (calls, rest)
}

/// Why a reference could not be substituted.
fn bad_ref(kind: &str, path: &str) -> V3Error {
    V3Error::field(
        "query",
        format!("Unable to resolve the batch reference `{kind}: {path}`"),
    )
}

/// The earlier results, each once with its aliases (position, key, `as`).
#[derive(Default)]
struct Context {
    named: Vec<(Vec<String>, Value)>,
}

impl Context {
    fn get(&self, alias: &str) -> Option<&Value> {
        self.named
            .iter()
            .rev()
            .find(|(names, _)| names.iter().any(|n| n == alias))
            .map(|(_, v)| v)
    }

    /// Walks `rest` (dot-separated keys or indexes) into `v`; a single-item
    /// answer (`{"item": {...}}`) is looked into when the key is not there.
    fn walk<'a>(mut v: &'a Value, rest: &[&str]) -> Option<&'a Value> {
        for seg in rest {
            v = match v {
                Value::Object(m) => match m.get(*seg) {
                    Some(x) => x,
                    None => m.get("item")?.get(*seg)?,
                },
                Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(v)
    }

    fn one(&self, path: &str) -> Option<Value> {
        let segs: Vec<&str> = path.split('.').collect();
        let (alias, rest) = segs.split_first()?;
        Self::walk(self.get(alias)?, rest).cloned()
    }

    fn many(&self, path: &str) -> Option<Value> {
        let segs: Vec<&str> = path.split('.').collect();
        let (alias, rest) = segs.split_first()?;
        if rest.is_empty() {
            return None;
        }
        let found = self.get(alias)?;
        let rows = match found {
            Value::Array(a) => a,
            Value::Object(m) => m.get("items")?.as_array()?,
            _ => return None,
        };
        Some(Value::Array(
            rows.iter()
                .filter_map(|r| Self::walk(r, rest).cloned())
                .collect(),
        ))
    }

    /// Replaces every reference object inside `v`.
    fn substitute(&self, v: &mut Value) -> Result<(), V3Error> {
        if let Value::Object(m) = v
            && m.len() == 1
        {
            let found = match m.iter().next() {
                Some((k, Value::String(path))) if k == "$ref" => {
                    Some(self.one(path).ok_or_else(|| bad_ref("$ref", path)))
                }
                Some((k, Value::String(path))) if k == "$refArray" => {
                    Some(self.many(path).ok_or_else(|| bad_ref("$refArray", path)))
                }
                _ => None,
            };
            if let Some(found) = found {
                *v = found?;
                return Ok(());
            }
        }
        match v {
            Value::Object(m) => m.values_mut().try_for_each(|x| self.substitute(x)),
            Value::Array(a) => a.iter_mut().try_for_each(|x| self.substitute(x)),
            _ => Ok(()),
        }
    }
}

/// Runs the calls in order. The docs show no per-call errors, so the first
/// failing call stops the batch and its error is the answer (calls before it
/// have run). Each call counts against its own method; the batch itself is
/// not counted, as in v2.
pub(super) fn batch(
    portal: &Portal,
    caller: &Caller,
    calls: Vec<Call>,
    start: f64,
    started: Instant,
) -> Response {
    let keyed = calls.iter().any(|c| c.key.is_some());
    let logged = if keyed {
        Value::Object(
            calls
                .iter()
                .map(|c| (c.key.clone().unwrap_or_default(), c.body.clone()))
                .collect(),
        )
    } else {
        Value::Array(calls.iter().map(|c| c.body.clone()).collect())
    };
    let mut records = vec![CallRecord {
        v3: true,
        ..CallRecord::new(
            "batch",
            logged,
            caller.auth.clone(),
            200,
            None,
            portal.clock().now(),
        )
    }];
    let mut keys: Vec<String> = Vec::with_capacity(calls.len().min(MAX_BATCH));
    let mut context = Context::default();
    let mut waited = std::time::Duration::ZERO;
    let mut operating = Map::new();
    let mut failure = None;
    if calls.len() > MAX_BATCH {
        failure = Some(V3Error::from(ApiError::new(
            400,
            "ERROR_BATCH_LENGTH_EXCEEDED",
            "Max batch length exceeded",
        )));
    }
    let take = if failure.is_some() { 0 } else { MAX_BATCH };
    for (i, call) in calls.into_iter().take(take).enumerate() {
        let key = call.key.unwrap_or_else(|| i.to_string());
        let (method, query, alias) = match &call.body {
            Value::Object(m) => (
                m.get("method").and_then(Value::as_str),
                m.get("query").or_else(|| m.get("params")).cloned(),
                m.get("as").and_then(Value::as_str).map(str::to_owned),
            ),
            _ => (None, None, None),
        };
        let Some(method) = method else {
            failure = Some(V3Error::invalid_select(
                "Each batch element must be an object with a `method` string and a `query` object",
            ));
            break;
        };
        let method = crate::http::v2::method_name(method);
        let mut query = match query.unwrap_or_else(|| json!({})) {
            Value::Object(mut m) => {
                m.remove("auth");
                Value::Object(m)
            }
            Value::Array(a) if a.is_empty() => json!({}),
            _ => {
                failure = Some(V3Error::invalid_select(&format!(
                    "The `query` of the batch call `{method}` must be an object"
                )));
                break;
            }
        };
        if method == "batch" {
            failure = Some(
                ApiError::new(
                    405,
                    "ERROR_BATCH_METHOD_NOT_ALLOWED",
                    "Method is not allowed for batch usage",
                )
                .into(),
            );
            break;
        }
        if let Err(e) = context.substitute(&mut query) {
            failure = Some(e);
            break;
        }
        let Executed {
            outcome,
            record,
            waited: w,
            time: call_time,
        } = execute(portal, caller, &method, query, true);
        // A portal's v3 batch `time` carries `operating: 0` (the batch is
        // not counted) and the window's `operating_reset_at`, which SDKs
        // read as each call's (b24jssdk's actions-v3-batch.spec.ts).
        if let Some(v) = call_time.get("operating_reset_at") {
            operating.insert("operating".to_owned(), json!(0));
            operating.insert("operating_reset_at".to_owned(), v.clone());
        }
        records.push(record);
        waited += w;
        match outcome {
            Ok(out) => {
                let mut names = vec![i.to_string()];
                if key != names[0] {
                    names.push(key.clone());
                }
                names.extend(alias);
                context.named.push((names, out.result));
                keys.push(key);
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    if let Some(e) = &failure {
        records[0].status = e.status;
        records[0].error = Some(e.code.clone());
    }
    portal.record(records);
    match failure {
        Some(e) => error_response(&e),
        None => {
            let duration = started.elapsed();
            let processing = duration.saturating_sub(waited).as_secs_f64();
            let mut time = time_block(start, duration.as_secs_f64(), processing, None);
            if let Value::Object(t) = &mut time {
                t.extend(operating);
            }
            let results = context.named.into_iter().map(|(_, v)| v);
            let result = if keyed {
                Value::Object(keys.into_iter().zip(results).collect())
            } else {
                Value::Array(results.collect())
            };
            json_response(200, &json!({"result": result, "time": time}))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_substitute_structurally() {
        let mut ctx = Context::default();
        ctx.named.push((
            vec!["newTask".into()],
            json!({"item": {"id": 7, "title": "t"}}),
        ));
        ctx.named.push((
            vec!["1".into()],
            json!({"items": [{"id": 3, "userId": 1}, {"id": 4, "userId": 2}]}),
        ));
        let mut q = json!({
            "id": {"$ref": "newTask.item.id"},
            "short": {"$ref": "newTask.id"},
            "filter": [["userId", "in", {"$refArray": "1.userId"}], ["id", "in", [1, {"$ref": "1.items.1.id"}]]],
        });
        ctx.substitute(&mut q).unwrap();
        assert_eq!(
            q,
            json!({"id": 7, "short": 7, "filter": [["userId", "in", [1, 2]], ["id", "in", [1, 4]]]})
        );
        let mut missing = json!({"id": {"$ref": "nope.id"}});
        assert!(ctx.substitute(&mut missing).is_err());
        assert!(ctx.many("1").is_none());
    }

    #[test]
    fn keyed_bodies() {
        let m = json!({"0": {"method": "a"}, "x": {"method": "b", "as": "y"}, "auth": "t"});
        let m = m.as_object().unwrap().clone();
        assert!(is_keyed(&m));
        let (calls, rest) = keyed(m);
        assert_eq!(calls.len(), 2);
        assert_eq!(rest.len(), 1);
        assert!(!is_keyed(json!({"cmd": {"a": "b"}}).as_object().unwrap()));
    }
}
