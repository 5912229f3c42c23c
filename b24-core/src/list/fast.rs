//! The fast traversal of a list: `start=-1`, an ID cursor chained inside
//! batches with `$result` references, batches in flight over disjoint ID
//! ranges (`settings/performance/huge-data.md`).

use std::collections::VecDeque;
use std::sync::Arc;

use futures::stream::{self, BoxStream, FuturesUnordered, StreamExt};
use indexmap::IndexMap;
use serde_json::{Map, Value, json};
use tokio::task::JoinHandle;

use super::{ListOptions, paged, row_id, rows_of};
use crate::batch::{Command, MAX_COMMANDS, send_chunk};
use crate::client::Client;
use crate::envelope::Envelope;
use crate::error::Error;
use crate::lenient;

/// The fast traversal of `method`, or plain paging when `params` ask for an
/// order the ID cursor cannot follow.
pub(super) fn stream(
    client: &Client,
    method: &str,
    params: Value,
    opts: ListOptions,
    counter: std::sync::Arc<super::Counter>,
) -> BoxStream<'static, Result<Value, Error>> {
    let plan = match Plan::new(method, params.clone(), &opts) {
        Ok(p) => p,
        Err(Fallback) => {
            tracing::debug!(method, "order is not by ascending ID; using plain paging");
            return paged(client, method, params, opts.items_path, counter);
        }
    };
    let state = FastState {
        client: client.clone(),
        plan: Arc::new(plan),
        opts,
        inflight: FuturesUnordered::new(),
        buf: VecDeque::new(),
        queue: VecDeque::new(),
        next_lo: 0,
        max: 0,
        span: 0,
        started: false,
        finished: false,
    };
    stream::unfold(state, |mut s| async move {
        let item = s.next_row().await?;
        Some((item, s))
    })
    .boxed()
}

struct Fallback;

/// The fixed part of every command of a fast traversal.
struct Plan {
    method: String,
    /// Params without order/start, with `filter` minus our ID bounds.
    base: Map<String, Value>,
    filter: Map<String, Value>,
    /// Exclusive lower bound from the caller's filter.
    lo: u64,
    /// Inclusive upper bound from the caller's filter.
    hi: Option<u64>,
    gt: String,
    le: String,
}

impl Plan {
    fn new(method: &str, params: Value, opts: &ListOptions) -> Result<Plan, Fallback> {
        let id = opts.id_field.as_str();
        let mut base = match params {
            Value::Object(m) => m,
            Value::Null => Map::new(),
            _ => return Err(Fallback),
        };
        base.remove("start");
        if let Some(order) = base.remove("order") {
            let ok = match &order {
                Value::Object(o) => {
                    o.is_empty()
                        || (o.len() == 1
                            && o.get(id)
                                .and_then(Value::as_str)
                                .is_some_and(|d| d.eq_ignore_ascii_case("asc")))
                }
                Value::Null => true,
                _ => false,
            };
            if !ok {
                return Err(Fallback);
            }
        }
        let mut filter = match base.remove("filter") {
            Some(Value::Object(f)) => f,
            None | Some(Value::Null) => Map::new(),
            Some(_) => return Err(Fallback),
        };
        let num = |v: Option<Value>| -> Result<Option<i128>, Fallback> {
            match v {
                None => Ok(None),
                Some(v) => lenient::to_u64(&v)
                    .map(|n| Some(n as i128))
                    .map_err(|_| Fallback),
            }
        };
        let gt = num(filter.remove(&format!(">{id}")))?;
        let ge = num(filter.remove(&format!(">={id}")))?;
        let lt = num(filter.remove(&format!("<{id}")))?;
        let le = num(filter.remove(&format!("<={id}")))?;
        let lo = gt
            .into_iter()
            .chain(ge.map(|g| g - 1))
            .max()
            .unwrap_or(0)
            .max(0) as u64;
        let hi = lt
            .map(|l| l - 1)
            .into_iter()
            .chain(le)
            .min()
            .map(|h| h.max(0) as u64);
        if let Some(Value::Array(sel)) = base.get_mut("select")
            && !sel
                .iter()
                .any(|s| s.as_str().is_some_and(|s| s == id || s == "*"))
        {
            sel.push(Value::String(id.to_owned()));
        }
        Ok(Plan {
            method: method.to_owned(),
            base,
            filter,
            lo,
            hi,
            gt: format!(">{id}"),
            le: format!("<={id}"),
        })
    }

    fn command(&self, name: String, after: Value, hi: Option<u64>, order: &str) -> Command {
        let mut p = self.base.clone();
        let mut f = self.filter.clone();
        f.insert(self.gt.clone(), after);
        if let Some(h) = hi {
            f.insert(self.le.clone(), json!(h));
        }
        p.insert("filter".into(), Value::Object(f));
        p.insert("order".into(), json!({ self.gt[1..].to_owned(): order }));
        p.insert("start".into(), json!(-1));
        Command {
            name,
            method: self.method.clone(),
            params: Value::Object(p),
            idempotent: true,
        }
    }

    /// `n` commands chained on the ID cursor, starting after `lo`.
    fn chain(&self, lo: u64, hi: Option<u64>, n: usize, opts: &ListOptions) -> Vec<Command> {
        let id = &self.gt[1..];
        let items = opts
            .items_path
            .as_deref()
            .map(|p| format!("[{p}]"))
            .unwrap_or_default();
        let last = opts.page_size.saturating_sub(1);
        (0..n)
            .map(|i| {
                let after = if i == 0 {
                    json!(lo)
                } else {
                    Value::String(format!("$result[p{}]{items}[{last}][{id}]", i - 1))
                };
                self.command(format!("p{i}"), after, hi, "ASC")
            })
            .collect()
    }
}

/// A part of the ID axis still to read: IDs in `(lo, hi]`.
#[derive(Debug, Clone, Copy)]
struct Range {
    lo: u64,
    hi: Option<u64>,
}

type ChunkResult = Result<IndexMap<String, Result<Envelope<Value>, Error>>, Error>;

struct FastState {
    client: Client,
    plan: Arc<Plan>,
    opts: ListOptions,
    inflight: FuturesUnordered<JoinHandle<(Range, usize, ChunkResult)>>,
    buf: VecDeque<Value>,
    /// Ranges to resume (remainders of ranges a batch did not finish).
    queue: VecDeque<Range>,
    /// Start of the unclaimed part of `(next_lo, max]`.
    next_lo: u64,
    max: u64,
    /// ID span claimed per batch (one batch's rows if IDs are dense).
    span: u64,
    started: bool,
    finished: bool,
}

impl Drop for FastState {
    fn drop(&mut self) {
        for h in self.inflight.iter() {
            h.abort();
        }
    }
}

/// What a batch's per-command results say about its range.
enum Outcome {
    /// The range is done.
    Exhausted,
    /// Resume the range after this ID.
    Resume(u64),
}

impl FastState {
    fn batch_rows(&self) -> usize {
        self.opts.page_size * MAX_COMMANDS
    }

    async fn next_row(&mut self) -> Option<Result<Value, Error>> {
        loop {
            if let Some(row) = self.buf.pop_front() {
                return Some(Ok(row));
            }
            if self.finished {
                return None;
            }
            if !self.started {
                self.started = true;
                if let Err(e) = self.probe().await {
                    self.finished = true;
                    return Some(Err(e));
                }
                continue;
            }
            while self.inflight.len() < self.opts.concurrency.max(1) {
                let Some(r) = self.claim() else { break };
                self.spawn(r);
            }
            let Some(joined) = self.inflight.next().await else {
                self.finished = true;
                return None;
            };
            let (range, n, res) = match joined {
                Ok(x) => x,
                Err(e) => {
                    self.finished = true;
                    return Some(Err(Error::invalid(
                        &self.plan.method,
                        format!("list task failed: {e}"),
                    )));
                }
            };
            match res.and_then(|cmds| self.absorb(range, n, cmds)) {
                Ok(Outcome::Exhausted) => {}
                Ok(Outcome::Resume(after)) => self.queue.push_front(Range {
                    lo: after,
                    hi: range.hi,
                }),
                Err(e) => {
                    self.finished = true;
                    return Some(Err(e));
                }
            }
        }
    }

    /// One batch: the top page (descending), and a chain of 49 ascending
    /// pages from the start: 2,500 rows, as many as any batch carries. The
    /// top page bounds the ID axis; the ranges cover what lies between.
    /// Small lists end here.
    async fn probe(&mut self) -> Result<(), Error> {
        let plan = self.plan.clone();
        let mut cmds = plan.chain(plan.lo, plan.hi, MAX_COMMANDS - 1, &self.opts);
        cmds.insert(
            0,
            plan.command("top".into(), json!(plan.lo), plan.hi, "DESC"),
        );
        let n = cmds.len() - 1;
        let mut results = send_chunk(&self.client, &cmds, false).await?;
        let top_env = results
            .shift_remove("top")
            .unwrap_or_else(|| Err(Error::invalid(&plan.method, "missing probe result")))?;
        let top_rows = rows_of(top_env.result, self.opts.items_path.as_deref());
        let mut top_ids = Vec::with_capacity(top_rows.len());
        for r in &top_rows {
            top_ids.push(row_id(r, &self.opts.id_field).ok_or_else(|| {
                Error::decode(
                    &plan.method,
                    Some(200),
                    format!("a row has no numeric `{}`", self.opts.id_field),
                )
            })?);
        }
        let everything = Range {
            lo: plan.lo,
            hi: plan.hi,
        };
        let Some(&lowest_top) = top_ids.iter().min() else {
            return Ok(()); // Empty list.
        };
        self.span = self.batch_rows() as u64;
        if top_rows.len() < self.opts.page_size {
            // Less than a page in all: the first ascending page has it all.
            self.absorb(everything, n, results)?;
            return Ok(());
        }
        // The top page holds every row above `mid`; the chain and the
        // ranges read (lo, mid].
        let mid = lowest_top - 1;
        self.max = mid;
        let below = Range {
            lo: plan.lo,
            hi: Some(mid),
        };
        match self.absorb(below, n, results)? {
            Outcome::Exhausted => self.next_lo = self.max,
            Outcome::Resume(after) => self.next_lo = after,
        }
        // Descending on the wire; ascending out.
        self.buf.extend(top_rows.into_iter().rev());
        Ok(())
    }

    /// The next range to read: a remainder first, else a fresh slice of the
    /// ID axis up to the top page.
    fn claim(&mut self) -> Option<Range> {
        if let Some(r) = self.queue.pop_front() {
            return Some(r);
        }
        if self.next_lo >= self.max {
            return None;
        }
        let end = self.next_lo.saturating_add(self.span.max(1)).min(self.max);
        let r = Range {
            lo: self.next_lo,
            hi: Some(end),
        };
        self.next_lo = end;
        Some(r)
    }

    fn spawn(&mut self, r: Range) {
        let page = self.opts.page_size.max(1) as u64;
        // With unique integer IDs, (lo, hi] holds at most hi - lo rows.
        let bound =
            r.hi.unwrap_or(self.max.max(r.lo) + page)
                .saturating_sub(r.lo);
        let n = (bound.div_ceil(page) as usize).clamp(1, MAX_COMMANDS);
        let cmds = self.plan.chain(r.lo, r.hi, n, &self.opts);
        let client = self.client.clone();
        self.inflight.push(tokio::spawn(async move {
            let res = send_chunk(&client, &cmds, false).await;
            (r, n, res)
        }));
    }

    /// Takes the rows of a chained batch over `range`, in command order, up
    /// to the first short page (which ends the range). Commands after it
    /// referred to a row that does not exist; their results are ignored.
    fn absorb(
        &mut self,
        range: Range,
        n: usize,
        mut cmds: IndexMap<String, Result<Envelope<Value>, Error>>,
    ) -> Result<Outcome, Error> {
        let mut cursor = range.lo;
        for i in 0..n {
            let env = match cmds.shift_remove(&format!("p{i}")) {
                Some(Ok(env)) => env,
                Some(Err(Error::OperationTimeLimit(info))) => {
                    let now = self.client.clock().unix_now();
                    if let Some(l) = self.client.limiter() {
                        l.operating
                            .on_limit(&self.plan.method, info.operating_reset_at, now);
                    }
                    return Ok(Outcome::Resume(cursor));
                }
                Some(Err(e)) => return Err(e),
                None => {
                    return Err(Error::decode(
                        &self.plan.method,
                        Some(200),
                        format!("batch result lacks command p{i}"),
                    ));
                }
            };
            let rows = rows_of(env.result, self.opts.items_path.as_deref());
            let full = rows.len() >= self.opts.page_size;
            let mut past_end = false;
            for row in rows {
                let Some(id) = row_id(&row, &self.opts.id_field) else {
                    return Err(Error::decode(
                        &self.plan.method,
                        Some(200),
                        format!("a row has no numeric `{}`", self.opts.id_field),
                    ));
                };
                // Guards against a portal that ignores a filter: never emit
                // a row twice or outside the range.
                if range.hi.is_some_and(|h| id > h) {
                    past_end = true;
                    continue;
                }
                if id <= cursor {
                    continue;
                }
                cursor = id;
                self.buf.push_back(row);
            }
            // Rows come in ascending ID order: a short page, or a row past
            // the range's end, means nothing of the range is left.
            if !full || past_end {
                return Ok(Outcome::Exhausted);
            }
        }
        // Full pages up to the range's end: nothing is left in it.
        if range.hi.is_some_and(|h| cursor >= h) {
            return Ok(Outcome::Exhausted);
        }
        Ok(Outcome::Resume(cursor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ListOptions {
        ListOptions::default()
    }

    #[test]
    fn plan_takes_bounds_from_filter_and_adds_id_to_select() {
        let p = Plan::new(
            "crm.deal.list",
            json!({"filter": {">ID": "10", "<=ID": 500, "STAGE_ID": "WON"}, "select": ["TITLE"], "order": {"ID": "asc"}, "start": 0}),
            &opts(),
        )
        .ok()
        .unwrap();
        assert_eq!((p.lo, p.hi), (10, Some(500)));
        assert_eq!(p.base["select"], json!(["TITLE", "ID"]));
        let chain = p.chain(10, Some(500), 3, &opts());
        assert_eq!(
            chain[0].params["filter"],
            json!({"STAGE_ID": "WON", ">ID": 10, "<=ID": 500})
        );
        assert_eq!(chain[1].params["filter"][">ID"], "$result[p0][49][ID]");
        assert_eq!(chain[2].params["filter"][">ID"], "$result[p1][49][ID]");
        assert_eq!(chain[2].params["start"], -1);
        assert_eq!(chain[2].params["order"], json!({"ID": "ASC"}));
    }

    #[test]
    fn plan_items_path_reference() {
        let o = ListOptions {
            items_path: Some("items".into()),
            id_field: "id".into(),
            ..opts()
        };
        let p = Plan::new("crm.item.list", json!({"entityTypeId": 2}), &o)
            .ok()
            .unwrap();
        let chain = p.chain(0, None, 2, &o);
        assert_eq!(
            chain[1].params["filter"][">id"],
            "$result[p0][items][49][id]"
        );
        assert_eq!(chain[1].params["entityTypeId"], 2);
    }

    #[test]
    fn other_orders_fall_back() {
        assert!(Plan::new("m", json!({"order": {"TITLE": "ASC"}}), &opts()).is_err());
        assert!(Plan::new("m", json!({"order": {"ID": "DESC"}}), &opts()).is_err());
        assert!(Plan::new("m", json!({"filter": {">ID": "abc"}}), &opts()).is_err());
    }
}
