//! REST 3.0 `batch` (`api-reference/rest-v3.md#batch`): the body is a JSON
//! array of `{method, query}` and `result` holds the results in that order.
//!
//! References: the page says "data from previous steps is structurally
//! substituted, arrays from the results of the previous method can be used".
//! A [`Ref`](super::Ref) that is the whole of a value (`cmd.field("item")`)
//! goes out as `{"$ref": "name.item"}`, a [`RefArray`] as
//! `{"$refArray": "name.field"}`; each call carries `as: name` so the server
//! can find it. A reference to a command of an earlier request (the batch
//! is sent 50 calls at a time) is substituted here from that request's
//! results. A reference inside a longer string has no structural meaning
//! and is refused, as are the non-`$result` sources, which REST 3.0 lacks.

use b24_form::result_ref::{self, Source};
use indexmap::IndexMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value, json};

use super::{BatchResults, Cmd, Command, MAX_COMMANDS};
use crate::client::{ApiVersion, Call, Client};
use crate::envelope::Envelope;
use crate::error::Error;

/// A REST 3.0 batch reference to one field of every row of an earlier list
/// result: `{"$refArray": "name.field"}`, a list of values where it stands
/// (an `in` filter, say). REST v2 batches do not know it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RefArray {
    command: String,
    path: Vec<String>,
}

impl RefArray {
    /// `field` (dot-separated for nested keys) of each row of `cmd`'s list.
    pub fn of<T>(cmd: &Cmd<T>, field: &str) -> RefArray {
        RefArray {
            command: cmd.name().to_owned(),
            path: field.split('.').map(str::to_owned).collect(),
        }
    }

    /// The marker's path, `name.field`.
    pub fn path(&self) -> String {
        std::iter::once(self.command.as_str())
            .chain(self.path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(".")
    }
}

impl Serialize for RefArray {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        json!({ "$refArray": self.path() }).serialize(s)
    }
}

impl From<RefArray> for Value {
    fn from(r: RefArray) -> Value {
        json!({ "$refArray": r.path() })
    }
}

impl<T> Cmd<T> {
    /// `field` of every row of this command's list result (REST 3.0 only).
    pub fn each(&self, field: &str) -> RefArray {
        RefArray::of(self, field)
    }
}

/// What a reference names: the command, and the path below its result.
struct Target<'a> {
    command: &'a str,
    path: Vec<&'a str>,
    array: bool,
}

fn target_of<'a>(v: &'a Value) -> Option<Result<Target<'a>, String>> {
    match v {
        Value::String(s) => {
            if let Some(r) = result_ref::parse(s) {
                if r.source != Source::Result {
                    return Some(Err(format!(
                        "`{s}`: REST 3.0 batches substitute results only, not ${}",
                        r.source.name()
                    )));
                }
                return Some(Ok(Target {
                    command: r.command,
                    path: r.path,
                    array: false,
                }));
            }
            (!result_ref::find(s).is_empty()).then(|| {
                Err(format!(
                    "`{s}`: a REST 3.0 batch substitutes whole values, not references inside text"
                ))
            })
        }
        Value::Object(m) if m.len() == 1 => {
            let path = m.get("$refArray").or_else(|| m.get("$ref"))?.as_str()?;
            let mut parts = path.split('.');
            let command = parts.next()?;
            Some(Ok(Target {
                command,
                path: parts.collect(),
                array: m.contains_key("$refArray"),
            }))
        }
        _ => None,
    }
}

/// Walks `path` (keys or list indexes) into `v`.
fn walk<'a>(mut v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    for p in path {
        v = match v {
            Value::Object(m) => m.get(*p)?,
            Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

/// Rewrites the references in `v` for the request holding `here` (names of
/// its commands so far): those commands' become markers, earlier requests'
/// become their values from `done`.
fn rewrite(
    v: &mut Value,
    here: &[&str],
    done: &IndexMap<String, Result<Envelope<Value>, Error>>,
) -> Result<(), String> {
    if let Some(t) = target_of(v) {
        let t = t?;
        let path = std::iter::once(t.command)
            .chain(t.path.iter().copied())
            .collect::<Vec<_>>()
            .join(".");
        let key = if t.array { "$refArray" } else { "$ref" };
        if here.contains(&t.command) {
            *v = json!({ key: path });
            return Ok(());
        }
        let earlier = match done.get(t.command) {
            Some(Ok(env)) => &env.result,
            Some(Err(_)) => return Err(format!("`{path}` refers to a failed command")),
            None => {
                return Err(format!(
                    "`{path}` refers to no earlier command of this batch"
                ));
            }
        };
        let found = if t.array {
            let rows = match earlier {
                Value::Array(a) => Some(a),
                Value::Object(m) => m.get("items").and_then(Value::as_array),
                _ => None,
            };
            rows.map(|rows| {
                Value::Array(
                    rows.iter()
                        .filter_map(|r| walk(r, &t.path).cloned())
                        .collect(),
                )
            })
        } else {
            walk(earlier, &t.path).cloned()
        };
        *v = found.ok_or_else(|| format!("`{path}` names nothing in that result"))?;
        return Ok(());
    }
    match v {
        Value::Array(a) => a.iter_mut().try_for_each(|x| rewrite(x, here, done)),
        Value::Object(m) => m.values_mut().try_for_each(|x| rewrite(x, here, done)),
        _ => Ok(()),
    }
}

/// The body of one request: `{method, query, as}` per command, references
/// rewritten.
fn request_body(
    chunk: &[Command],
    done: &IndexMap<String, Result<Envelope<Value>, Error>>,
) -> Result<Value, Error> {
    let mut calls = Vec::with_capacity(chunk.len());
    let mut here: Vec<&str> = Vec::with_capacity(chunk.len());
    for c in chunk {
        let mut query = if c.params.is_null() {
            json!({})
        } else {
            c.params.clone()
        };
        rewrite(&mut query, &here, done).map_err(|why| {
            let mut e = Error::invalid(&c.method, why);
            if let Error::InvalidArgument(i) = &mut e {
                i.command = Some(c.name.clone());
            }
            e
        })?;
        let mut call = Map::new();
        call.insert("method".into(), json!(c.method));
        call.insert("query".into(), query);
        call.insert("as".into(), json!(c.name));
        calls.push(Value::Object(call));
        here.push(&c.name);
    }
    Ok(Value::Array(calls))
}

/// Sends REST 3.0 commands, 50 per request, one request after another. The
/// outer `Err` is the first request that failed (later ones were not sent)
/// or a reference that cannot be sent.
pub(super) async fn send(client: &Client, commands: &[Command]) -> Result<BatchResults, Error> {
    let mut entries = IndexMap::with_capacity(commands.len());
    for chunk in commands.chunks(MAX_COMMANDS) {
        let body = request_body(chunk, &entries)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(name: &str, params: Value) -> Command {
        Command {
            name: name.into(),
            method: "tasks.task.list".into(),
            params,
            idempotent: true,
        }
    }

    #[test]
    fn references_become_markers_or_values() {
        let first: Cmd<Value> = Cmd::named("first".into());
        let list: Cmd<Value> = Cmd::named("list".into());
        let chunk = vec![
            cmd("first", json!({"id": 1})),
            cmd(
                "second",
                json!({"id": first.field("item").field("id"), "filter": [["id", "in", list.each("id")]]}),
            ),
        ];
        let mut done = IndexMap::new();
        done.insert(
            "list".to_owned(),
            Ok(Envelope {
                result: json!({"items": [{"id": 4}, {"id": 5}]}),
                total: None,
                next: None,
                time: None,
            }),
        );
        let body = request_body(&chunk, &done).unwrap();
        assert_eq!(body[0]["as"], "first");
        assert_eq!(body[1]["query"]["id"], json!({"$ref": "first.item.id"}));
        assert_eq!(body[1]["query"]["filter"][0][2], json!([4, 5]));
    }

    #[test]
    fn refused_references() {
        let done = IndexMap::new();
        for params in [
            json!({"title": "task $result[first][id]"}),
            json!({"id": "$result_total[first]"}),
            json!({"id": "$result[later][id]"}),
        ] {
            let chunk = vec![cmd("first", json!({})), cmd("second", params)];
            let e = request_body(&chunk, &done).unwrap_err();
            assert!(matches!(e, Error::InvalidArgument(_)), "{e:?}");
        }
        let x: Cmd<Value> = Cmd::named("x".into());
        assert_eq!(
            serde_json::to_value(x.each("a.b")).unwrap(),
            json!({"$refArray": "x.a.b"})
        );
    }
}
