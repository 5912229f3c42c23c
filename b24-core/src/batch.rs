//! `batch`: a typed builder with `$result[...]` references, automatic
//! chunking into batches of 50, `halt`, and per-command results.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

use futures::StreamExt;
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use crate::client::{ApiVersion, Call, Client, guess_idempotent};
use crate::envelope::{Envelope, Time, decode_value, lenient_u64};
use crate::error::{Error, ErrorInfo, parse_error_body};
use crate::query::{parse_reference, php_query};
use crate::typed::Method;

/// At most this many commands per `batch` request.
pub const MAX_COMMANDS: usize = 50;

/// A reference to an earlier command's result, `$result[name][field]...`.
/// Put it anywhere in a later command's params; it serializes to the string.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Ref(String);

impl Ref {
    /// `$result[name]`.
    pub fn to(name: &str) -> Ref {
        Ref(format!("$result[{name}]"))
    }
    /// Descends into field `key`.
    pub fn field(mut self, key: &str) -> Ref {
        self.0.push('[');
        self.0.push_str(key);
        self.0.push(']');
        self
    }
    /// Descends into element `i` of a list result.
    pub fn index(self, i: usize) -> Ref {
        self.field(&i.to_string())
    }
    /// The reference text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Ref {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl From<Ref> for Value {
    fn from(r: Ref) -> Value {
        Value::String(r.0)
    }
}

/// The params of a typed method joining a batch of REST generation `api`;
/// the first problem (it does not serialize, or it belongs to the other
/// generation) is kept in `invalid` and fails the batch at `send`.
pub(crate) fn typed_params<M: Method>(
    m: &M,
    api: ApiVersion,
    invalid: &mut Option<Error>,
) -> Value {
    if M::API != api {
        invalid.get_or_insert_with(|| {
            let (of, batch) = match M::API {
                ApiVersion::V3 => ("REST 3.0", "REST v2"),
                ApiVersion::V2 => ("REST v2", "REST 3.0"),
            };
            Error::invalid(
                M::NAME,
                format!("a {of} method cannot join a {batch} batch"),
            )
        });
    }
    serde_json::to_value(m).unwrap_or_else(|e| {
        invalid.get_or_insert_with(|| {
            Error::invalid(M::NAME, format!("params do not serialize: {e}"))
        });
        Value::Null
    })
}

/// A handle to one command of a [`Batch`]; `T` is its `result` type.
pub struct Cmd<T> {
    name: String,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Cmd<T> {
    fn clone(&self) -> Self {
        Cmd::named(self.name.clone())
    }
}

impl<T> fmt::Debug for Cmd<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cmd({})", self.name)
    }
}

impl<T> Cmd<T> {
    pub(crate) fn named(name: String) -> Self {
        Cmd {
            name,
            _t: PhantomData,
        }
    }

    /// The command name (the key in `cmd` and in the results).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The same command with its result read as `U`.
    pub fn cast<U>(&self) -> Cmd<U> {
        Cmd::named(self.name.clone())
    }
    /// `$result[name]`.
    pub fn result(&self) -> Ref {
        Ref::to(&self.name)
    }
    /// `$result[name][key]`.
    pub fn field(&self, key: &str) -> Ref {
        Ref::to(&self.name).field(key)
    }
    /// `$result[name][i]`.
    pub fn index(&self, i: usize) -> Ref {
        Ref::to(&self.name).index(i)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Command {
    pub name: String,
    pub method: String,
    pub params: Value,
    pub idempotent: bool,
}

/// A batch under construction. Any number of commands: they go out in
/// requests of 50. References to commands of an earlier request are
/// resolved on the client from that request's results.
pub struct Batch {
    client: Client,
    commands: Vec<Command>,
    names: HashSet<String>,
    halt: bool,
    invalid: Option<Error>,
}

impl fmt::Debug for Batch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch")
            .field("commands", &self.commands.len())
            .field("halt", &self.halt)
            .finish()
    }
}

fn valid_name(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl Client {
    /// Starts a batch.
    pub fn batch(&self) -> Batch {
        Batch {
            client: self.clone(),
            commands: Vec::new(),
            names: HashSet::new(),
            halt: false,
            invalid: None,
        }
    }
}

impl Batch {
    fn push_cmd<T>(
        &mut self,
        name: String,
        method: &str,
        params: Value,
        idempotent: bool,
    ) -> Cmd<T> {
        if self.invalid.is_none() {
            if !valid_name(&name) {
                self.invalid = Some(Error::invalid(
                    "batch",
                    format!("command name `{name}` must be [A-Za-z0-9_]+"),
                ));
            } else if !self.names.insert(name.clone()) {
                self.invalid = Some(Error::invalid(
                    "batch",
                    format!("duplicate command name `{name}`"),
                ));
            } else if method == "batch" {
                self.invalid = Some(Error::invalid("batch", "batch cannot be nested"));
            }
        }
        self.commands.push(Command {
            name: name.clone(),
            method: method.to_owned(),
            params,
            idempotent,
        });
        Cmd::named(name)
    }

    fn auto_name(&self) -> String {
        let mut i = self.commands.len();
        loop {
            let n = format!("cmd{i}");
            if !self.names.contains(&n) {
                return n;
            }
            i += 1;
        }
    }

    /// Adds `method` with JSON `params` under `name`.
    pub fn add(&mut self, name: &str, method: &str, params: Value) -> Cmd<Value> {
        self.push_cmd(name.to_owned(), method, params, guess_idempotent(method))
    }

    /// Adds `method` under a generated name.
    pub fn add_auto(&mut self, method: &str, params: Value) -> Cmd<Value> {
        let n = self.auto_name();
        self.push_cmd(n, method, params, guess_idempotent(method))
    }

    /// Adds a typed method under `name`.
    pub fn push_named<M: Method>(&mut self, name: &str, m: &M) -> Cmd<M::Output> {
        // REST 3.0 has its own batch format (`BatchV3`); this one is REST v2's.
        let params = typed_params(m, ApiVersion::V2, &mut self.invalid);
        self.push_cmd(name.to_owned(), M::NAME, params, M::IDEMPOTENT)
    }

    /// Adds a typed method under a generated name.
    pub fn push<M: Method>(&mut self, m: &M) -> Cmd<M::Output> {
        let n = self.auto_name();
        self.push_named(&n, m)
    }

    /// Stop at the first failing command (`halt=1`); later commands come
    /// back as [`Error::Skipped`].
    pub fn halt(&mut self, halt: bool) -> &mut Self {
        self.halt = halt;
        self
    }

    /// Number of commands.
    pub fn len(&self) -> usize {
        self.commands.len()
    }

    /// Whether there are no commands.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// Sends all commands, 50 per request. Chunks run concurrently unless a
    /// command refers to an earlier chunk or `halt` is set. The outer `Err`
    /// means a whole request failed; per-command failures are in the results.
    pub async fn send(self) -> Result<BatchResults, Error> {
        if let Some(e) = self.invalid {
            return Err(e);
        }
        let chunk_of: HashMap<&str, usize> = self
            .commands
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.as_str(), i / MAX_COMMANDS))
            .collect();
        let mut cross = false;
        for (i, c) in self.commands.iter().enumerate() {
            let mut bad = None;
            visit_refs(&c.params, &mut |r| {
                if let Some((name, _)) = parse_reference(r) {
                    match chunk_of.get(name) {
                        Some(&k) if k < i / MAX_COMMANDS => cross = true,
                        Some(&k)
                            if k == i / MAX_COMMANDS
                                && self.commands[..i].iter().any(|p| p.name == name) => {}
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
        let chunks: Vec<Vec<Command>> = self
            .commands
            .chunks(MAX_COMMANDS)
            .map(<[Command]>::to_vec)
            .collect();
        let mut results = BatchResults {
            entries: IndexMap::with_capacity(self.commands.len()),
        };
        if cross || self.halt {
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
                let part = send_chunk(&self.client, &cmds, self.halt).await?;
                if self.halt && part.values().any(Result::is_err) {
                    stop = true;
                }
                results.entries.extend(part);
            }
        } else {
            let concurrency = self
                .client
                .limiter()
                .map(|l| l.concurrency.limit())
                .unwrap_or(4)
                .max(1);
            let client = &self.client;
            let mut parts: Vec<(usize, CommandResults)> =
                futures::stream::iter(chunks.iter().enumerate())
                    .map(|(i, cmds)| async move {
                        send_chunk(client, cmds, false).await.map(|p| (i, p))
                    })
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
                let (target, path) = parse_reference(r)?;
                let entry = done.entries.get(target)?;
                let found = entry.as_ref().ok().and_then(|env| lookup(&env.result, &path).cloned());
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
    let cmd: serde_json::Map<String, Value> = cmds
        .iter()
        .map(|c| {
            let q = php_query(&c.params);
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
                    total: totals.and_then(|t| t.get(&c.name)).and_then(lenient_u64),
                    next: nexts.and_then(|t| t.get(&c.name)).and_then(lenient_u64),
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

/// The results of a [`Batch`], in command order.
#[derive(Debug, Default)]
pub struct BatchResults {
    entries: IndexMap<String, Result<Envelope<Value>, Error>>,
}

impl BatchResults {
    pub(crate) fn new(entries: IndexMap<String, Result<Envelope<Value>, Error>>) -> Self {
        BatchResults { entries }
    }

    /// The typed result of `cmd`.
    pub fn get<T: DeserializeOwned>(&self, cmd: &Cmd<T>) -> Result<Envelope<T>, Error> {
        match self.entries.get(&cmd.name) {
            Some(Ok(env)) => {
                let result = decode_value(&cmd.name, env.result.clone())?;
                Ok(Envelope {
                    result,
                    total: env.total,
                    next: env.next,
                    time: env.time.clone(),
                })
            }
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::invalid(
                "batch",
                format!("no command `{}` in this batch", cmd.name),
            )),
        }
    }

    /// The JSON result of the command named `name`.
    pub fn get_json(&self, name: &str) -> Option<&Result<Envelope<Value>, Error>> {
        self.entries.get(name)
    }

    /// Every command's result, keyed by name, in command order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Result<Envelope<Value>, Error>)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The failed commands.
    pub fn errors(&self) -> impl Iterator<Item = (&str, &Error)> {
        self.entries
            .iter()
            .filter_map(|(k, v)| v.as_ref().err().map(|e| (k.as_str(), e)))
    }

    /// Number of commands.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no results.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The results as a map.
    pub fn into_map(self) -> IndexMap<String, Result<Envelope<Value>, Error>> {
        self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
