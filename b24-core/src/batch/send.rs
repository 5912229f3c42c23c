//! REST v2 `batch` on the wire: `cmd` as `method?query` strings in order,
//! references across requests resolved on the client, per-command results.

use std::collections::HashMap;

use b24_form::result_ref;
use futures::StreamExt;
use indexmap::IndexMap;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use super::{BatchResults, Command, MAX_COMMANDS};
use crate::client::{ApiVersion, Call, Client};
use crate::envelope::{Envelope, Time};
use crate::error::{Error, ErrorInfo};
use crate::lenient;
use crate::wire::parse_error_body;

/// Sends REST v2 commands, 50 per request; see [`Batch::send`](super::Batch::send).
pub(super) async fn send_v2(
    client: Client,
    commands: Vec<Command>,
    halt: bool,
) -> Result<BatchResults, Error> {
    let chunk_of: HashMap<&str, usize> = commands
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i / MAX_COMMANDS))
        .collect();
    let mut cross = false;
    for (i, c) in commands.iter().enumerate() {
        let mut bad = None;
        visit_refs(&c.params, &mut |r| {
            if let Some(name) = result_ref::parse(r).map(|r| r.command) {
                match chunk_of.get(name) {
                    Some(&k) if k < i / MAX_COMMANDS => cross = true,
                    Some(&k)
                        if k == i / MAX_COMMANDS
                            && commands[..i].iter().any(|p| p.name == name) => {}
                    _ => bad = Some(name.to_owned()),
                }
            }
        });
        if let Some(name) = bad {
            return Err(Error::invalid(
                "batch",
                format!(
                    "command `{}` refers to `{name}`, which is not an earlier command",
                    c.name
                ),
            ));
        }
    }
    let chunks: Vec<Vec<Command>> = commands
        .chunks(MAX_COMMANDS)
        .map(<[Command]>::to_vec)
        .collect();
    let mut results = BatchResults {
        entries: IndexMap::with_capacity(commands.len()),
    };
    if cross || halt {
        let mut stop = false;
        for chunk in chunks {
            if stop {
                for c in chunk {
                    let e = skipped(&c);
                    results.entries.insert(c.name, Err(e));
                }
                continue;
            }
            let chunk = resolve_cross_refs(chunk, &results);
            let (to_send, failed): (Vec<_>, Vec<_>) =
                chunk.into_iter().partition(|c| c.1.is_none());
            for (c, e) in failed {
                results.entries.insert(
                    c.name,
                    Err(e.unwrap_or_else(|| Error::invalid("batch", ""))),
                );
            }
            let cmds: Vec<Command> = to_send.into_iter().map(|c| c.0).collect();
            let part = send_chunk(&client, &cmds, halt).await?;
            if halt && part.values().any(Result::is_err) {
                stop = true;
            }
            results.entries.extend(part);
        }
    } else {
        let concurrency = client
            .limiter()
            .map(|l| l.concurrency.limit())
            .unwrap_or(4)
            .max(1);
        let client = &client;
        let mut parts: Vec<(usize, CommandResults)> = futures::stream::iter(
            chunks.iter().enumerate(),
        )
        .map(|(i, cmds)| async move { send_chunk(client, cmds, false).await.map(|p| (i, p)) })
        .buffer_unordered(concurrency)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
        parts.sort_by_key(|p| p.0);
        for (_, p) in parts {
            results.entries.extend(p);
        }
    }
    Ok(results)
}

fn skipped(c: &Command) -> Error {
    let mut info = ErrorInfo::new(
        &c.method,
        "not run: an earlier command failed and the batch halts on errors",
    );
    info.command = Some(c.name.clone());
    Error::Skipped(Box::new(info))
}

fn visit_refs(v: &Value, f: &mut impl FnMut(&str)) {
    match v {
        Value::String(s) if s.starts_with("$result[") => f(s),
        Value::Array(a) => a.iter().for_each(|x| visit_refs(x, f)),
        Value::Object(o) => o.values().for_each(|x| visit_refs(x, f)),
        _ => {}
    }
}

/// Inlines references to commands of earlier chunks with their values.
fn resolve_cross_refs(chunk: Vec<Command>, done: &BatchResults) -> Vec<(Command, Option<Error>)> {
    chunk
        .into_iter()
        .map(|mut c| {
            let mut err = None;
            let name = c.name.clone();
            let method = c.method.clone();
            replace_refs(&mut c.params, &mut |r| {
                let parsed = result_ref::parse(r)?;
                let target = parsed.command;
                let entry = done.entries.get(target)?;
                let found = entry.as_ref().ok().and_then(|env| lookup(&env.result, &parsed.path).cloned());
                if found.is_none() && err.is_none() {
                    let mut info =
                        ErrorInfo::new(&method, format!("reference `{r}` does not resolve: `{target}` failed or has no such field"));
                    info.command = Some(name.clone());
                    err = Some(Error::InvalidArgument(Box::new(info)));
                }
                found
            });
            (c, err)
        })
        .collect()
}

fn replace_refs(v: &mut Value, f: &mut impl FnMut(&str) -> Option<Value>) {
    match v {
        Value::String(s) if s.starts_with("$result[") => {
            if let Some(new) = f(s) {
                *v = new;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| replace_refs(x, f)),
        Value::Object(o) => o.values_mut().for_each(|x| replace_refs(x, f)),
        _ => {}
    }
}

pub(crate) fn lookup<'a>(mut v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    for p in path {
        v = match v {
            Value::Object(o) => o.get(*p)?,
            Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

/// The body of one `batch` request.
pub(crate) fn encode_chunk(cmds: &[Command], halt: bool) -> Value {
    // A reference left raw is substituted whatever order the portal decodes in.
    let raw_refs = b24_form::EncodeOptions::new().raw_result_refs(true);
    let cmd: serde_json::Map<String, Value> = cmds
        .iter()
        .map(|c| {
            let q = b24_form::encode_with(&c.params, &raw_refs);
            let s = if q.is_empty() {
                c.method.clone()
            } else {
                format!("{}?{q}", c.method)
            };
            (c.name.clone(), Value::String(s))
        })
        .collect();
    json!({"halt": if halt { 1 } else { 0 }, "cmd": ordered(cmds, cmd)})
}

/// `cmd` in command order even when serde_json sorts its maps: the portal
/// runs commands in the order given, and references need that order.
fn ordered(cmds: &[Command], mut map: serde_json::Map<String, Value>) -> Value {
    let ordered: IndexMap<String, Value> = cmds
        .iter()
        .filter_map(|c| map.remove(&c.name).map(|v| (c.name.clone(), v)))
        .collect();
    serde_json::to_value(OrderedCmd(ordered)).unwrap_or(Value::Null)
}

struct OrderedCmd(IndexMap<String, Value>);

impl Serialize for OrderedCmd {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Per-command results of one request, in command order.
pub(crate) type CommandResults = IndexMap<String, Result<Envelope<Value>, Error>>;

/// Sends one request of at most 50 commands; splits the response per command.
pub(crate) async fn send_chunk(
    client: &Client,
    cmds: &[Command],
    halt: bool,
) -> Result<IndexMap<String, Result<Envelope<Value>, Error>>, Error> {
    let mut out = IndexMap::with_capacity(cmds.len());
    if cmds.is_empty() {
        return Ok(out);
    }
    let body = encode_chunk(cmds, halt);
    let methods: Vec<&str> = {
        let mut m: Vec<&str> = cmds.iter().map(|c| c.method.as_str()).collect();
        m.sort_unstable();
        m.dedup();
        m
    };
    let idempotent = cmds.iter().all(|c| c.idempotent);
    let env = client
        .execute(Call {
            method: "batch",
            params: &body,
            idempotent,
            version: ApiVersion::V2,
            budget: &methods,
        })
        .await?;
    let limiter = client.limiter().cloned();
    let mut r = env.result;
    // Move the rows out instead of cloning them: a page set can be megabytes.
    let mut results = match r.get_mut("result") {
        Some(Value::Object(m)) => std::mem::take(m),
        _ => serde_json::Map::new(),
    };
    let r = &r;
    let field = |k: &str| r.get(k).filter(|v| v.is_object());
    let (errors, totals, nexts, times) = (
        field("result_error"),
        field("result_total"),
        field("result_next"),
        field("result_time"),
    );
    let mut any_error = false;
    for c in cmds {
        let time = times
            .and_then(|t| t.get(&c.name))
            .and_then(Time::from_value);
        if let Some(d) = time.as_ref().and_then(|t| t.duration) {
            client.inner.command_micros.fetch_add(
                (d.max(0.0) * 1e6) as u64,
                std::sync::atomic::Ordering::Relaxed,
            );
        }
        if let (Some(l), Some(t)) = (&limiter, &time) {
            l.record_operating(&c.method, t.operating, t.operating_reset_at);
        }
        if let Some(e) = errors.and_then(|e| e.get(&c.name)) {
            any_error = true;
            let err = parse_error_body(&c.method, None, e).unwrap_or_else(|| {
                Error::decode(
                    &c.method,
                    None,
                    format!("unreadable batch error entry: {e}"),
                )
            });
            out.insert(c.name.clone(), Err(err.with_command(&c.name)));
            continue;
        }
        match results.remove(&c.name) {
            Some(v) => {
                let env = Envelope {
                    result: v,
                    total: totals
                        .and_then(|t| t.get(&c.name))
                        .and_then(|v| lenient::to_u64(v).ok()),
                    next: nexts
                        .and_then(|t| t.get(&c.name))
                        .and_then(|v| lenient::to_u64(v).ok()),
                    time,
                };
                out.insert(c.name.clone(), Ok(env));
            }
            None if halt && any_error => {
                out.insert(c.name.clone(), Err(skipped(c)));
            }
            None => {
                out.insert(
                    c.name.clone(),
                    Ok(Envelope {
                        result: Value::Null,
                        total: None,
                        next: None,
                        time,
                    }),
                );
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Ref;

    fn client() -> Client {
        Client::from_webhook("http://127.0.0.1:9/rest/1/x/").unwrap()
    }

    #[test]
    fn refs_and_encoding() {
        let mut b = client().batch();
        let user = b.add("get_user", "user.current", json!({}));
        let dept = b.add(
            "get_department",
            "department.get",
            json!({"ID": user.field("UF_DEPARTMENT").index(0)}),
        );
        assert_eq!(dept.name(), "get_department");
        let body = encode_chunk(&b.commands, true);
        assert_eq!(body["halt"], 1);
        assert_eq!(body["cmd"]["get_user"], "user.current");
        assert_eq!(
            body["cmd"]["get_department"],
            "department.get?ID=$result[get_user][UF_DEPARTMENT][0]"
        );
        let s = serde_json::to_string(&body["cmd"]).unwrap();
        assert!(
            s.find("get_user").unwrap() < s.find("get_department").unwrap(),
            "command order kept: {s}"
        );
    }

    #[test]
    fn cross_chunk_refs_resolve_from_earlier_results() {
        let mut done = BatchResults::default();
        done.entries.insert(
            "u".into(),
            Ok(Envelope {
                result: json!({"UF_DEPARTMENT": [7]}),
                total: None,
                next: None,
                time: None,
            }),
        );
        done.entries
            .insert("bad".into(), Err(Error::invalid("m", "x")));
        let cmds = vec![
            Command {
                name: "d".into(),
                method: "department.get".into(),
                params: json!({"ID": "$result[u][UF_DEPARTMENT][0]"}),
                idempotent: true,
            },
            Command {
                name: "e".into(),
                method: "department.get".into(),
                params: json!({"ID": "$result[bad][ID]"}),
                idempotent: true,
            },
        ];
        let out = resolve_cross_refs(cmds, &done);
        assert_eq!(out[0].0.params, json!({"ID": 7}));
        assert!(out[0].1.is_none());
        assert!(matches!(out[1].1, Some(Error::InvalidArgument(_))));
    }

    #[test]
    fn lookup_paths() {
        let v = json!({"items": [{"id": 5}]});
        assert_eq!(lookup(&v, &["items", "0", "id"]), Some(&json!(5)));
        assert_eq!(lookup(&v, &["items", "1", "id"]), None);
    }

    #[test]
    fn bad_names_and_refs_are_rejected_before_sending() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mut b = client().batch();
        b.add("a b", "user.current", json!({}));
        assert!(matches!(
            rt.block_on(b.send()),
            Err(Error::InvalidArgument(_))
        ));
        let mut b = client().batch();
        b.add("x", "user.current", json!({}));
        b.add("x", "user.current", json!({}));
        assert!(matches!(
            rt.block_on(b.send()),
            Err(Error::InvalidArgument(_))
        ));
        let mut b = client().batch();
        b.add(
            "first",
            "crm.deal.get",
            json!({"id": Ref::to("later").field("ID")}),
        );
        b.add("later", "user.current", json!({}));
        assert!(matches!(
            rt.block_on(b.send()),
            Err(Error::InvalidArgument(_))
        ));
    }
}
