//! `batch`: a typed builder with `$result[...]` references, automatic
//! chunking into batches of 50, `halt`, per-command results, and REST 3.0's
//! own batch format.

mod send;
mod v3;

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::client::{ApiVersion, Client, guess_idempotent};
use crate::envelope::{Envelope, decode_value};
use crate::error::Error;
use crate::typed::Method;

pub(crate) use send::send_chunk;
pub use v3::RefArray;

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

/// A typed parameter: a value, or a reference to an earlier batch command's
/// result. Generated constructors and setters take `impl Into<Param<T>>` for
/// scalar parameters, so `DealGet::new(42)` and
/// `DealGet::new(add.result())` (with `add` an earlier command) both work and
/// a chained batch names no method by string.
#[derive(Debug, Clone, PartialEq)]
pub enum Param<T> {
    /// A value.
    Value(T),
    /// `$result[cmd][path]`: resolved by the portal (or by the client across
    /// requests of 50) when the batch runs.
    Ref(Ref),
}

impl<T> Param<T> {
    /// The value, unless this is a reference.
    pub fn value(&self) -> Option<&T> {
        match self {
            Param::Value(v) => Some(v),
            Param::Ref(_) => None,
        }
    }
}

impl<T: Serialize> Serialize for Param<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Param::Value(v) => v.serialize(s),
            Param::Ref(r) => r.serialize(s),
        }
    }
}

impl<T> From<Ref> for Param<T> {
    fn from(r: Ref) -> Self {
        Param::Ref(r)
    }
}

impl<T> From<&Ref> for Param<T> {
    fn from(r: &Ref) -> Self {
        Param::Ref(r.clone())
    }
}

/// `From<source> for Param<target>` for each source convertible into the target.
macro_rules! param_from {
    ($target:ty: $($src:ty),*) => {$(
        impl From<$src> for Param<$target> {
            fn from(v: $src) -> Self {
                Param::Value(v.into())
            }
        }
    )*};
}

param_from!(i64: i64, i32, i16, i8, u32, u16, u8);
param_from!(f64: f64, f32, i32, u32);
param_from!(bool: bool);
param_from!(String: String, &str, &String, Box<str>, std::borrow::Cow<'_, str>, char);

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
/// requests of 50.
///
/// A batch speaks the REST generation of its first typed command
/// ([`Method::API`]), or REST 3.0 after [`Batch::v3`]; commands of the other
/// generation fail it at `send`.
///
/// - REST v2 (`/rest/batch`): commands may refer to earlier results with
///   [`Ref`] (`$result[name][field]`); references to commands of an earlier
///   request are resolved on the client from that request's results.
///   [`Batch::halt`] stops at the first failure.
/// - REST 3.0 (`/rest/api/batch`, `api-reference/rest-v3.md#batch`): the body
///   is a JSON array of `{method, query}`, answered in order. A failing call
///   fails its whole request, so each request's results are all or nothing.
///   Earlier results are "structurally substituted": a [`Ref`] that is a
///   whole value and a [`RefArray`] ([`Cmd::each`]) go out as `$ref` /
///   `$refArray` markers (see `v3.rs`). The array has no place for an
///   OAuth token: webhooks only.
#[must_use = "a batch does nothing until `send`"]
pub struct Batch {
    client: Client,
    commands: Vec<Command>,
    names: HashSet<String>,
    halt: bool,
    invalid: Option<Error>,
    api: Option<ApiVersion>,
}

impl fmt::Debug for Batch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch")
            .field("commands", &self.commands.len())
            .field("halt", &self.halt)
            .field("api", &self.api)
            .finish()
    }
}

fn valid_name(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl Client {
    /// Starts a batch (see [`Batch`] for REST v2 and REST 3.0).
    pub fn batch(&self) -> Batch {
        Batch {
            client: self.clone(),
            commands: Vec::new(),
            names: HashSet::new(),
            halt: false,
            invalid: None,
            api: None,
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
            } else if method.eq_ignore_ascii_case("batch") {
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

    /// Adds a typed method under `name`. The first typed method fixes the
    /// batch's REST generation.
    pub fn push_named<M: Method>(&mut self, name: &str, m: &M) -> Cmd<M::Output> {
        let api = *self.api.get_or_insert(M::API);
        let params = typed_params(m, api, &mut self.invalid);
        self.push_cmd(name.to_owned(), M::NAME, params, M::IDEMPOTENT)
    }

    /// Adds a typed method under a generated name.
    pub fn push<M: Method>(&mut self, m: &M) -> Cmd<M::Output> {
        let n = self.auto_name();
        self.push_named(&n, m)
    }

    /// Sends the batch to REST 3.0 (`/rest/api/batch`) even if it holds no
    /// typed REST 3.0 method yet. Fails at `send` if a REST v2 method was
    /// pushed before.
    pub fn v3(&mut self) -> &mut Self {
        if *self.api.get_or_insert(ApiVersion::V3) != ApiVersion::V3 {
            self.invalid.get_or_insert_with(|| {
                Error::invalid("batch", "a REST v2 batch cannot be switched to REST 3.0")
            });
        }
        self
    }

    /// The REST generation the batch is sent to.
    pub fn api(&self) -> ApiVersion {
        self.api.unwrap_or_default()
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
    /// Sends all commands, 50 per request. The outer `Err` means a whole
    /// request failed (or the batch is invalid: a bad or duplicate name, a
    /// reference to a later or unknown command, a method of the other REST
    /// generation); per-command failures are in the results.
    ///
    /// REST v2 chunks run concurrently unless a command refers to an
    /// earlier chunk or `halt` is set. REST 3.0 requests go one after
    /// another and the first failing one ends the batch.
    pub async fn send(self) -> Result<BatchResults, Error> {
        if let Some(e) = self.invalid {
            return Err(e);
        }
        match self.api.unwrap_or_default() {
            ApiVersion::V2 => send::send_v2(self.client, self.commands, self.halt).await,
            ApiVersion::V3 => v3::send(&self.client, &self.commands).await,
        }
    }
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
