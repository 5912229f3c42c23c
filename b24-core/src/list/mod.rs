//! List methods as streams.
//!
//! [`Client::list`] (typed) and [`RawRequest::list`](crate::RawRequest::list)
//! (JSON) give a [`List`]: a stream of rows that pages with `start`/`next`,
//! one request per page. [`List::fast`] switches to the fast traversal:
//! `start=-1` (no count), an ID cursor chained inside each batch
//! (`>ID = $result[prev][49][ID]`), and several batches in flight over
//! disjoint ID ranges. Memory is bounded by the batches in flight, not by
//! the number of rows.

mod fast;

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, BoxStream, Stream, StreamExt};
use serde_json::{Map, Value, json};

use crate::client::{ApiVersion, Call, Client};
use crate::envelope::decode_value;
use crate::error::Error;
use crate::lenient;
use crate::typed::ListMethod;

/// How to walk a list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListOptions {
    /// Where rows sit in `result` (`Some("items")` for `crm.item.list`).
    pub items_path: Option<String>,
    /// The ID field, for ordering, the cursor filter and `$result` references.
    pub id_field: String,
    /// Rows per page (50 on Bitrix24).
    pub page_size: usize,
    /// Batches in flight at once (fast traversal).
    pub concurrency: usize,
}

impl Default for ListOptions {
    fn default() -> Self {
        Self {
            items_path: None,
            id_field: "ID".into(),
            page_size: 50,
            concurrency: 8,
        }
    }
}

/// The rows of a list method, as a [`Stream`] (read it with
/// `futures::TryStreamExt::try_next`). Nothing is sent until it is first
/// polled; the builder methods configure the walk before that.
///
/// ```ignore
/// let mut deals = client.list(&DealList::new()).fast();
/// while let Some(deal) = deals.try_next().await? { /* ... */ }
/// ```
#[must_use = "a list does nothing until polled"]
pub struct List<T> {
    client: Client,
    method: String,
    params: Option<Result<Value, Error>>,
    opts: ListOptions,
    fast: bool,
    decode: fn(&str, Value) -> Result<T, Error>,
    rows: Option<BoxStream<'static, Result<T, Error>>>,
}

impl<T> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List")
            .field("method", &self.method)
            .field("opts", &self.opts)
            .field("fast", &self.fast)
            .field("started", &self.rows.is_some())
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static> List<T> {
    pub(crate) fn new(
        client: Client,
        method: String,
        params: Result<Value, Error>,
        decode: fn(&str, Value) -> Result<T, Error>,
    ) -> Self {
        List {
            client,
            method,
            params: Some(params),
            opts: ListOptions::default(),
            fast: false,
            decode,
            rows: None,
        }
    }

    /// The fast traversal for big lists: `start=-1` (no count), an ID
    /// cursor chained inside each batch, several batches in flight over
    /// disjoint ID ranges. Rows come ordered by ID within each range, but
    /// ranges finish in any order. It reads a snapshot: rows added during
    /// the walk above the first request's top page are not read. `filter`
    /// may bound the ID (`>ID`, `>=ID`, `<ID`, `<=ID`); the ID is added to
    /// `select`; an `order` other than ascending ID falls back to paging.
    /// A failed command ends the stream with its error, except
    /// `OPERATION_TIME_LIMIT`, after which the range resumes once the
    /// budget allows.
    pub fn fast(mut self) -> Self {
        self.fast = true;
        self
    }

    /// Batches in flight at once in the fast traversal (default 8).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.opts.concurrency = n.max(1);
        self
    }

    /// Rows per page (default 50, what Bitrix24 sends).
    pub fn page_size(mut self, n: usize) -> Self {
        self.opts.page_size = n.max(1);
        self
    }

    /// Where the rows sit in `result` (`items` for `crm.item.list`); typed
    /// methods set it from their spec.
    pub fn items_path(mut self, key: impl Into<String>) -> Self {
        self.opts.items_path = Some(key.into());
        self
    }

    /// The ID field the fast traversal orders and filters by (default `ID`);
    /// typed methods set it from their spec.
    pub fn id_field(mut self, field: impl Into<String>) -> Self {
        self.opts.id_field = field.into();
        self
    }

    fn start(&mut self) -> BoxStream<'static, Result<T, Error>> {
        let params = match self.params.take() {
            Some(Ok(p)) => p,
            Some(Err(e)) => return stream::once(async move { Err(e) }).boxed(),
            None => return stream::empty().boxed(),
        };
        let rows = if self.fast {
            fast::stream(&self.client, &self.method, params, self.opts.clone())
        } else {
            paged(
                &self.client,
                &self.method,
                params,
                self.opts.items_path.clone(),
            )
        };
        let (method, decode) = (self.method.clone(), self.decode);
        rows.map(move |r| r.and_then(|v| decode(&method, v)))
            .boxed()
    }
}

impl<T: Send + 'static> Stream for List<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.rows.is_none() {
            this.rows = Some(this.start());
        }
        match &mut this.rows {
            Some(rows) => rows.poll_next_unpin(cx),
            None => Poll::Ready(None),
        }
    }
}

impl Client {
    /// The rows of a typed list method as a [`List`] stream: plain paging,
    /// or `.fast()` for the `start=-1` ID-cursor traversal.
    pub fn list<M: ListMethod>(&self, m: &M) -> List<M::Item> {
        let params = serde_json::to_value(m)
            .map_err(|e| Error::invalid(M::NAME, format!("params do not serialize: {e}")));
        let mut list = List::new(
            self.clone(),
            M::NAME.to_owned(),
            params,
            decode_value::<M::Item>,
        )
        .id_field(M::ID_FIELD);
        list.opts.items_path = M::ITEMS_PATH.map(str::to_owned);
        list
    }
}

/// The rows of one page's `result`.
fn rows_of(result: Value, items_path: Option<&str>) -> Vec<Value> {
    let v = match items_path {
        Some(p) => match result {
            Value::Object(mut o) => o.remove(p).unwrap_or(Value::Null),
            _ => Value::Null,
        },
        None => result,
    };
    match v {
        Value::Array(a) => a,
        // Some methods key rows by ID.
        Value::Object(o) => o.into_iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    }
}

fn row_id(row: &Value, id_field: &str) -> Option<u64> {
    row.get(id_field).and_then(|v| lenient::to_u64(v).ok())
}

/// Pages through `method` with `start`/`next`, one request per page.
fn paged(
    client: &Client,
    method: &str,
    params: Value,
    items_path: Option<String>,
) -> BoxStream<'static, Result<Value, Error>> {
    struct S {
        client: Client,
        method: String,
        params: Map<String, Value>,
        items_path: Option<String>,
        next: Option<u64>,
        buf: VecDeque<Value>,
    }
    let params = match params {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let s = S {
        client: client.clone(),
        method: method.to_owned(),
        params,
        items_path,
        next: Some(0),
        buf: VecDeque::new(),
    };
    stream::unfold(s, |mut s| async move {
        loop {
            if let Some(row) = s.buf.pop_front() {
                return Some((Ok(row), s));
            }
            let start = s.next.take()?;
            let mut p = s.params.clone();
            p.insert("start".into(), json!(start));
            let page = s
                .client
                .execute(Call {
                    method: &s.method,
                    params: &Value::Object(p),
                    idempotent: true,
                    version: ApiVersion::V2,
                    budget: &[&s.method],
                })
                .await;
            match page {
                Ok(env) => {
                    s.next = env.next.filter(|n| *n > start);
                    s.buf.extend(rows_of(env.result, s.items_path.as_deref()));
                }
                Err(e) => return Some((Err(e), s)),
            }
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_shapes() {
        assert_eq!(rows_of(json!([1, 2]), None).len(), 2);
        assert_eq!(rows_of(json!({"items": [1]}), Some("items")).len(), 1);
        assert_eq!(rows_of(json!({"5": {"ID": 5}}), None).len(), 1);
        assert!(rows_of(json!(null), None).is_empty());
    }

    #[test]
    fn invalid_lists_fail_without_sending() {
        use futures::TryStreamExt;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        // Port 9 (discard) is never reached: both fail before a request.
        let client = Client::from_webhook("http://127.0.0.1:9/rest/1/x/").unwrap();
        let v3: Result<Vec<Value>, _> =
            rt.block_on(client.raw("tasks.task.list").v3().list().try_collect());
        assert!(matches!(v3, Err(Error::InvalidArgument(_))), "{v3:?}");
        let bad_map: std::collections::HashMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let bad: Result<Vec<Value>, _> = rt.block_on(
            client
                .raw("crm.deal.list")
                .params(bad_map)
                .list()
                .fast()
                .try_collect(),
        );
        assert!(matches!(bad, Err(Error::InvalidArgument(_))), "{bad:?}");
        assert_eq!(client.stats().http_requests, 0);
    }
}
