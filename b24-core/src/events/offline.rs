//! The offline event queue (`event.offline.get`, `.clear`, `.error`) as a
//! stream, for apps without a public handler URL.

use std::collections::VecDeque;
use std::time::Duration;

use futures::Stream;
use serde_json::{Map, Value, json};

use crate::client::Client;
use crate::decode::DecodeError;
use crate::error::Error;
use crate::lenient;
use crate::typed::RestEvents;

/// Parameters of `event.offline.get` and how the stream uses them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct OfflineOptions {
    /// Records per request (`limit`, default 50).
    pub limit: u32,
    /// `true` (default): `clear=1`, the portal deletes records as it hands
    /// them out. `false`: `clear=0`; [`offline_events`] clears a page with
    /// `event.offline.clear` once the consumer has taken all of it, and
    /// reports undecodable records with `event.offline.error`. A page the
    /// consumer did not finish stays reserved under its `process_id`.
    ///
    /// [`offline_events`]: crate::Client::offline_events
    pub clear: bool,
    /// `filter`, e.g. `{"=EVENT_NAME": "ONCRMDEALADD"}`.
    pub filter: Option<Map<String, Value>>,
    /// `order`, e.g. `{"ID": "ASC"}` (the portal's default is `TIMESTAMP_X`).
    pub order: Option<Map<String, Value>>,
    /// `auth_connector`, as given to `event.bind`.
    pub auth_connector: Option<String>,
    /// `error=1`: return the records earlier marked as erroneous.
    pub error: bool,
    /// `process_id`: re-select the unprocessed records of an earlier process.
    pub process_id: Option<String>,
    /// `None` (default): the stream ends when the queue is empty. `Some(d)`:
    /// it waits `d` and asks again, forever.
    pub follow: Option<Duration>,
}

impl Default for OfflineOptions {
    fn default() -> Self {
        Self {
            limit: 50,
            clear: true,
            filter: None,
            order: None,
            auth_connector: None,
            error: false,
            process_id: None,
            follow: None,
        }
    }
}

impl OfflineOptions {
    /// Defaults: `clear=1`, 50 a request, end when empty.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets `limit`.
    #[must_use]
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = n;
        self
    }
    /// Sets `clear` (see the field).
    #[must_use]
    pub fn clear(mut self, clear: bool) -> Self {
        self.clear = clear;
        self
    }
    /// Sets `filter`.
    #[must_use]
    pub fn filter(mut self, filter: Map<String, Value>) -> Self {
        self.filter = Some(filter);
        self
    }
    /// Sets `order`.
    #[must_use]
    pub fn order(mut self, order: Map<String, Value>) -> Self {
        self.order = Some(order);
        self
    }
    /// Sets `auth_connector`.
    #[must_use]
    pub fn auth_connector(mut self, key: impl Into<String>) -> Self {
        self.auth_connector = Some(key.into());
        self
    }
    /// Returns erroneous records (`error=1`).
    #[must_use]
    pub fn errors(mut self) -> Self {
        self.error = true;
        self
    }
    /// Sets `process_id`.
    #[must_use]
    pub fn process_id(mut self, id: impl Into<String>) -> Self {
        self.process_id = Some(id.into());
        self
    }
    /// Keeps polling every `every` once the queue is empty.
    #[must_use]
    pub fn follow(mut self, every: Duration) -> Self {
        self.follow = Some(every);
        self
    }

    fn params(&self, clear: bool) -> Value {
        let mut p = Map::new();
        p.insert("limit".into(), json!(self.limit));
        p.insert("clear".into(), json!(if clear { 1 } else { 0 }));
        if self.error {
            p.insert("error".into(), json!(1));
        }
        if let Some(f) = &self.filter {
            p.insert("filter".into(), Value::Object(f.clone()));
        }
        if let Some(o) = &self.order {
            p.insert("order".into(), Value::Object(o.clone()));
        }
        if let Some(c) = &self.auth_connector {
            p.insert("auth_connector".into(), json!(c));
        }
        if let Some(id) = &self.process_id {
            p.insert("process_id".into(), json!(id));
        }
        Value::Object(p)
    }
}

/// One queued event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct OfflineEvent<E> {
    /// Record `ID`.
    pub id: i64,
    /// `MESSAGE_ID`: the same for repeats of one change.
    pub message_id: String,
    /// `TIMESTAMP_X`, as sent.
    pub timestamp: String,
    /// `EVENT_NAME`, as sent.
    pub code: String,
    /// The typed `EVENT_DATA`.
    pub event: E,
    /// `EVENT_ADDITIONAL` (`auth` details of the change), as sent.
    pub additional: Value,
    /// The reservation this record belongs to (`clear=0` only).
    pub process_id: Option<String>,
}

/// A failure of the offline stream.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum OfflineError {
    /// A REST call failed (or answered an unexpected shape). The stream ends
    /// after yielding it.
    #[error(transparent)]
    Call(#[from] Error),
    /// One record's data did not decode; the stream goes on.
    #[error("offline record {id} ({code}): {error}")]
    Decode {
        /// Record `ID`.
        id: i64,
        /// `MESSAGE_ID`.
        message_id: String,
        /// `EVENT_NAME`.
        code: String,
        /// Why.
        error: DecodeError,
    },
}

/// A page reserved with `clear=0`: handle its events, then call
/// [`finish`](Self::finish) to clear the handled ones and mark the failed ones.
#[derive(Debug)]
#[non_exhaustive]
pub struct OfflineBatch<E> {
    /// The reservation id from `event.offline.get`.
    pub process_id: Option<String>,
    /// The page's records, typed; undecodable ones as errors.
    pub events: Vec<Result<OfflineEvent<E>, OfflineError>>,
    client: Client,
}

impl<E> OfflineBatch<E> {
    /// Marks the records with IDs in `failed`, and every undecodable record,
    /// with `event.offline.error`, then clears the rest with
    /// `event.offline.clear`.
    pub async fn finish(self, failed: &[i64]) -> Result<(), Error> {
        let (ok, bad) = split(&self.events, failed);
        finish(&self.client, self.process_id.as_deref(), ok, bad).await
    }
}

/// Splits a page into the IDs to clear and the `MESSAGE_ID`s to mark failed.
fn split<E>(
    events: &[Result<OfflineEvent<E>, OfflineError>],
    failed: &[i64],
) -> (Vec<i64>, Vec<String>) {
    let mut ok_ids = Vec::new();
    let mut bad_messages = Vec::new();
    for e in events {
        match e {
            Ok(ev) if !failed.contains(&ev.id) => ok_ids.push(ev.id),
            Ok(ev) => bad_messages.push(ev.message_id.clone()),
            Err(OfflineError::Decode { message_id, .. }) => bad_messages.push(message_id.clone()),
            Err(OfflineError::Call(_)) => {}
        }
    }
    (ok_ids, bad_messages)
}

async fn finish(
    client: &Client,
    process_id: Option<&str>,
    ok_ids: Vec<i64>,
    bad_messages: Vec<String>,
) -> Result<(), Error> {
    let Some(pid) = process_id else {
        // Nothing was reserved (clear=1 or an empty page).
        return Ok(());
    };
    if !bad_messages.is_empty() {
        client
            .raw("event.offline.error")
            .params(json!({"process_id": pid, "message_id": bad_messages}))
            .send()
            .await?;
    }
    if !ok_ids.is_empty() {
        client
            .raw("event.offline.clear")
            .params(json!({"process_id": pid, "id": ok_ids}))
            .send()
            .await?;
    }
    Ok(())
}

type Page<E> = (Option<String>, Vec<Result<OfflineEvent<E>, OfflineError>>);

async fn fetch<E: RestEvents>(
    client: &Client,
    opts: &OfflineOptions,
    clear: bool,
) -> Result<Page<E>, Error> {
    const M: &str = "event.offline.get";
    let env = client.raw(M).params(opts.params(clear)).send().await?;
    let Value::Object(mut result) = env.result else {
        return Err(Error::decode(M, Some(200), "`result` is not an object"));
    };
    let process_id = match result.remove("process_id") {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        _ => None,
    };
    let rows = match result.remove("events") {
        Some(Value::Array(a)) => a,
        None | Some(Value::Null) => Vec::new(),
        // PHP encodes an empty list as `{}` sometimes.
        Some(Value::Object(m)) if m.is_empty() => Vec::new(),
        Some(_) => return Err(Error::decode(M, Some(200), "`events` is not a list")),
    };
    let events = rows
        .into_iter()
        .map(|r| record::<E>(r, process_id.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((process_id, events))
}

fn record<E: RestEvents>(
    r: Value,
    process_id: Option<&str>,
) -> Result<Result<OfflineEvent<E>, OfflineError>, Error> {
    const M: &str = "event.offline.get";
    let Value::Object(mut m) = r else {
        return Err(Error::decode(
            M,
            Some(200),
            "an event record is not an object",
        ));
    };
    let text = lenient::text_or_empty;
    let id = m
        .remove("ID")
        .and_then(|v| lenient::to_i64(&v).ok())
        .ok_or_else(|| Error::decode(M, Some(200), "an event record has no numeric ID"))?;
    let message_id = text(m.remove("MESSAGE_ID"));
    let timestamp = text(m.remove("TIMESTAMP_X"));
    let code = text(m.remove("EVENT_NAME"));
    // The docs show `false` for records without data.
    let data = match m.remove("EVENT_DATA") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Value::Object(Map::new()),
        Some(Value::Array(a)) if a.is_empty() => Value::Object(Map::new()),
        Some(v) => v,
    };
    let additional = m.remove("EVENT_ADDITIONAL").unwrap_or(Value::Null);
    Ok(match E::decode(&code, data) {
        Ok(event) => Ok(OfflineEvent {
            id,
            message_id,
            timestamp,
            code,
            event,
            additional,
            process_id: process_id.map(str::to_owned),
        }),
        Err(error) => Err(OfflineError::Decode {
            id,
            message_id,
            code,
            error,
        }),
    })
}

struct EventsState<E> {
    client: Client,
    opts: OfflineOptions,
    buf: VecDeque<Result<OfflineEvent<E>, OfflineError>>,
    /// The page handed out last, to settle before the next request
    /// (`clear=0`): its process, the IDs to clear, the messages that failed.
    unacked: Option<(Option<String>, Vec<i64>, Vec<String>)>,
    done: bool,
}

pub(crate) fn events<E: RestEvents>(
    client: Client,
    opts: OfflineOptions,
) -> impl Stream<Item = Result<OfflineEvent<E>, OfflineError>> + Send + 'static {
    let st = EventsState::<E> {
        client,
        opts,
        buf: VecDeque::new(),
        unacked: None,
        done: false,
    };
    futures::stream::unfold(st, |mut st| async move {
        loop {
            if st.done {
                return None;
            }
            if let Some(item) = st.buf.pop_front() {
                if let Some((_, ok, bad)) = &mut st.unacked {
                    match &item {
                        Ok(ev) => ok.push(ev.id),
                        Err(OfflineError::Decode { message_id, .. }) => {
                            bad.push(message_id.clone())
                        }
                        Err(OfflineError::Call(_)) => {}
                    }
                }
                return Some((item, st));
            }
            // The consumer has taken the whole page: acknowledge it.
            if let Some((pid, ok, bad)) = st.unacked.take()
                && let Err(e) = finish(&st.client, pid.as_deref(), ok, bad).await
            {
                st.done = true;
                return Some((Err(e.into()), st));
            }
            match fetch::<E>(&st.client, &st.opts, st.opts.clear).await {
                Err(e) => {
                    st.done = true;
                    return Some((Err(e.into()), st));
                }
                Ok((_, evs)) if evs.is_empty() => match st.opts.follow {
                    Some(d) => st.client.clock().sleep(d).await,
                    None => st.done = true,
                },
                Ok((pid, evs)) => {
                    if !st.opts.clear {
                        st.unacked = Some((pid, Vec::new(), Vec::new()));
                    }
                    st.buf.extend(evs);
                }
            }
        }
    })
}

pub(crate) fn batches<E: RestEvents>(
    client: Client,
    opts: OfflineOptions,
) -> impl Stream<Item = Result<OfflineBatch<E>, Error>> + Send + 'static {
    futures::stream::unfold((client, opts, false), |(client, opts, done)| async move {
        if done {
            return None;
        }
        loop {
            match fetch::<E>(&client, &opts, false).await {
                Err(e) => return Some((Err(e), (client, opts, true))),
                Ok((_, evs)) if evs.is_empty() => match opts.follow {
                    Some(d) => client.clock().sleep(d).await,
                    None => return None,
                },
                Ok((process_id, events)) => {
                    let batch = OfflineBatch {
                        process_id,
                        events,
                        client: client.clone(),
                    };
                    return Some((Ok(batch), (client, opts, false)));
                }
            }
        }
    })
}
