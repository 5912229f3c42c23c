//! List methods as streams.
//!
//! [`Client::list`] (typed) and [`RawRequest::list`](crate::RawRequest::list)
//! (JSON) give a [`List`]: a stream of rows that pages with `start`/`next`,
//! one request per page. [`List::fast`] switches to the fast traversal:
//! `start=-1` (no count), an ID cursor chained inside each batch
//! (`>ID = $result[prev][49][ID]`), and several batches in flight over
//! disjoint ID ranges. Memory is bounded by the batches in flight, not by
//! the number of rows.
//!
//! A REST 3.0 list (a typed method of `api: v3` with `pagination`) pages
//! with `pagination: {limit, page}`, up to the documented 1,000 rows a page.
//! Every list reports [`List::progress`]: rows so far and the portal's
//! `total` when it sends one.

mod fast;

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// REST v2 (`start`/`next`) or REST 3.0 (`pagination`).
    pub api: ApiVersion,
}

impl Default for ListOptions {
    fn default() -> Self {
        Self {
            items_path: None,
            id_field: "ID".into(),
            page_size: 50,
            concurrency: 8,
            api: ApiVersion::V2,
        }
    }
}

/// The most rows a REST 3.0 list page holds (`pagination.limit`, e.g.
/// `api-reference/tasks/tasks-task-list-rest-v3.md`).
pub const V3_MAX_PAGE: usize = 1000;

/// How far a [`List`] has got: rows delivered so far, and the number of rows
/// the portal expects (its `total`) when it sent one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Rows the stream has yielded.
    pub rows: u64,
    /// The portal's `total`; `None` before the first page and for walks
    /// that do not count (`start=-1`, REST 3.0 lists without `total`).
    pub total: Option<u64>,
}

impl Progress {
    /// `rows / total` in `0.0..=1.0`, when the total is known.
    pub fn fraction(&self) -> Option<f64> {
        self.total.map(|t| {
            if t == 0 {
                1.0
            } else {
                (self.rows as f64 / t as f64).min(1.0)
            }
        })
    }
}

/// Shared between a [`List`] and the pages it sends.
#[derive(Debug, Default)]
struct Counter {
    rows: AtomicU64,
    /// `total + 1`, 0 while unknown.
    total: AtomicU64,
}

impl Counter {
    fn set_total(&self, total: Option<u64>) {
        if let Some(t) = total {
            self.total.store(t.saturating_add(1), Ordering::Relaxed);
        }
    }

    fn progress(&self) -> Progress {
        Progress {
            rows: self.rows.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed).checked_sub(1),
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
    counter: Arc<Counter>,
    on_progress: Option<Box<dyn FnMut(Progress) + Send>>,
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
            counter: Arc::default(),
            on_progress: None,
        }
    }

    /// Rows so far and the expected total (when the portal gives one).
    pub fn progress(&self) -> Progress {
        self.counter.progress()
    }

    /// Calls `f` with the [`Progress`] after every row.
    pub fn on_progress(mut self, f: impl FnMut(Progress) + Send + 'static) -> Self {
        self.on_progress = Some(Box::new(f));
        self
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

    /// Rows per page: 50 for REST v2 (what Bitrix24 sends); for REST 3.0
    /// the `pagination.limit`, default and at most 1,000.
    pub fn page_size(mut self, n: usize) -> Self {
        self.opts.page_size = match self.opts.api {
            ApiVersion::V3 => n.clamp(1, V3_MAX_PAGE),
            ApiVersion::V2 => n.max(1),
        };
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
        let counter = self.counter.clone();
        let rows = if self.opts.api == ApiVersion::V3 {
            // REST 3.0 pages are already big; `.fast()` changes nothing.
            v3_paged(&self.client, &self.method, params, &self.opts, counter)
        } else if self.fast {
            fast::stream(
                &self.client,
                &self.method,
                params,
                self.opts.clone(),
                counter,
            )
        } else {
            paged(
                &self.client,
                &self.method,
                params,
                self.opts.items_path.clone(),
                counter,
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
        let polled = match &mut this.rows {
            Some(rows) => rows.poll_next_unpin(cx),
            None => Poll::Ready(None),
        };
        if let Poll::Ready(Some(Ok(_))) = &polled {
            this.counter.rows.fetch_add(1, Ordering::Relaxed);
            if this.on_progress.is_some() {
                let p = this.progress();
                if let Some(f) = &mut this.on_progress {
                    f(p);
                }
            }
        }
        polled
    }
}

impl Client {
    /// The rows of a typed list method as a [`List`] stream: plain paging,
    /// or `.fast()` for the `start=-1` ID-cursor traversal. A REST 3.0
    /// method pages with `pagination` ([`V3_MAX_PAGE`] rows a page).
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
        if M::API == ApiVersion::V3 {
            list.opts.api = ApiVersion::V3;
            list.opts.page_size = V3_MAX_PAGE;
        }
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
    counter: Arc<Counter>,
) -> BoxStream<'static, Result<Value, Error>> {
    let params = match params {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    pages(
        client,
        method,
        params,
        items_path,
        Cursor::Start(0),
        counter,
    )
}

/// Where the next page of a list starts.
enum Cursor {
    /// REST v2: `start`, from the previous page's `next`.
    Start(u64),
    /// REST 3.0: `pagination: {limit, page}`; a short page is the last.
    Page { limit: u64, page: u64 },
}

/// Sends the pages of a list one after another from `cursor`, yielding
/// their rows, until the portal says there are no more.
fn pages(
    client: &Client,
    method: &str,
    params: Map<String, Value>,
    items_path: Option<String>,
    cursor: Cursor,
    counter: Arc<Counter>,
) -> BoxStream<'static, Result<Value, Error>> {
    struct S {
        counter: Arc<Counter>,
        client: Client,
        method: String,
        params: Map<String, Value>,
        items_path: Option<String>,
        next: Option<Cursor>,
        buf: VecDeque<Value>,
    }
    let s = S {
        counter,
        client: client.clone(),
        method: method.to_owned(),
        params,
        items_path,
        next: Some(cursor),
        buf: VecDeque::new(),
    };
    stream::unfold(s, |mut s| async move {
        loop {
            if let Some(row) = s.buf.pop_front() {
                return Some((Ok(row), s));
            }
            let cursor = s.next.take()?;
            let mut p = s.params.clone();
            let version = match cursor {
                Cursor::Start(start) => {
                    p.insert("start".into(), json!(start));
                    ApiVersion::V2
                }
                Cursor::Page { limit, page } => {
                    p.insert("pagination".into(), json!({"limit": limit, "page": page}));
                    ApiVersion::V3
                }
            };
            let answer = s
                .client
                .execute(Call {
                    method: &s.method,
                    params: &Value::Object(p),
                    idempotent: true,
                    version,
                    budget: &[&s.method],
                })
                .await;
            match answer {
                Ok(env) => {
                    s.counter.set_total(env.total);
                    let rows = rows_of(env.result, s.items_path.as_deref());
                    s.next = match cursor {
                        Cursor::Start(start) => env.next.filter(|n| *n > start).map(Cursor::Start),
                        Cursor::Page { limit, page } => {
                            (rows.len() as u64 >= limit).then_some(Cursor::Page {
                                limit,
                                page: page + 1,
                            })
                        }
                    };
                    s.buf.extend(rows);
                }
                Err(e) => return Some((Err(e), s)),
            }
        }
    })
    .boxed()
}

/// Pages through a REST 3.0 list with `pagination: {limit, page}`: the
/// caller's `limit` (at most 1,000) or the list's page size, from the
/// caller's `page` (default 1), until a page comes back short.
fn v3_paged(
    client: &Client,
    method: &str,
    params: Value,
    opts: &ListOptions,
    counter: Arc<Counter>,
) -> BoxStream<'static, Result<Value, Error>> {
    let mut params = match params {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let given = params.remove("pagination");
    let given = given.as_ref().and_then(Value::as_object);
    let read = |k: &str| {
        given
            .and_then(|g| g.get(k))
            .and_then(|v| lenient::to_u64(v).ok())
    };
    let cursor = Cursor::Page {
        limit: read("limit")
            .unwrap_or(opts.page_size as u64)
            .clamp(1, V3_MAX_PAGE as u64),
        page: read("page").unwrap_or(1).max(1),
    };
    let items_path = Some(opts.items_path.clone().unwrap_or_else(|| "items".into()));
    pages(client, method, params, items_path, cursor, counter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_fraction() {
        let c = Counter::default();
        c.rows.store(250, Ordering::Relaxed);
        c.set_total(Some(1000));
        let p = c.progress();
        assert_eq!(p.total, Some(1000));
        assert_eq!(p.fraction(), Some(0.25));
        assert_eq!(Progress::default().fraction(), None);
    }

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
