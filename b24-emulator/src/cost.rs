//! The cost model (state layer): how much processing time, and so operating
//! time, a call would take on a real portal. On with `--realistic`
//! ([`crate::EmulatorBuilder::realistic`]); off, a call costs its real work
//! plus the configured per-call and per-row figures.
//!
//! The figures come from `settings/performance/huge-data.md` (b24restdocs),
//! which lists one `crm.item.list` page on 2,387,743 items both ways:
//! - with `start >= 0` the portal counts `total`: `processing` 49.899916887283 s;
//! - with `start = -1` it does not: `processing` 0.068500995635986 s.
//!
//! So a call costs [`PAGE_SECS`], and counting `total` adds
//! [`COUNT_SECS_PER_ROW`] = (49.8999 − 0.0685) / 2,387,743 ≈ 20.9 µs per
//! matching row. The docs say deep offsets cost more but give no figure; the
//! model charges each skipped row (`start = N`) the same per-row figure, as
//! the database reads and discards them. Costs are virtual: nothing sleeps,
//! unless [`crate::EmulatorBuilder::hold_processing`] asks the portal to
//! answer only when the virtual clock has passed a request's processing, as
//! a portal that runs a batch's commands one after another does.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::future::Future;

use serde_json::{Value, json};

/// Processing of one call (one list page of up to 50 rows, `start = -1`).
pub const PAGE_SECS: f64 = 0.068_500_995_635_986;
/// Processing of the counted page on 2,387,743 items.
pub const COUNTED_PAGE_SECS: f64 = 49.899_916_887_283;
/// Items in the docs' measurement.
pub const MEASURED_ROWS: f64 = 2_387_743.0;
/// Extra processing per matching row when `total` is counted.
pub const COUNT_SECS_PER_ROW: f64 = (COUNTED_PAGE_SECS - PAGE_SECS) / MEASURED_ROWS;
/// Extra processing per row skipped by `start` (an assumption: the docs'
/// per-row figure).
pub const OFFSET_SECS_PER_ROW: f64 = COUNT_SECS_PER_ROW;

/// The modelled processing of a call: its parameters (`start`) and what it
/// answered (`total`, present when counted).
pub fn processing(params: &Value, total: Option<u64>) -> f64 {
    let start = params
        .as_object()
        .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case("start")))
        .and_then(|(_, v)| match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .unwrap_or(0)
        .max(0) as f64;
    let counted = total.unwrap_or(0) as f64;
    PAGE_SECS + counted * COUNT_SECS_PER_ROW + start * OFFSET_SECS_PER_ROW
}

tokio::task_local! {
    /// The processing charged to the request being answered.
    static PROCESSING: Cell<f64>;
}

/// Charges a call's processing to the request being answered; a batch's
/// commands add up, as a portal runs them one after another.
pub(crate) fn charge(secs: f64) {
    // Outside a request (a unit test calling a handler) there is no one to charge.
    let _ = PROCESSING.try_with(|p| p.set(p.get() + secs));
}

/// Runs a request's handler; its output and the processing it was charged.
pub(crate) async fn processed<F: Future>(handler: F) -> (F::Output, f64) {
    PROCESSING
        .scope(Cell::new(0.0), async {
            let out = handler.await;
            (out, PROCESSING.with(Cell::get))
        })
        .await
}

/// How long a client keeps the portal processing its requests: the union of
/// each request's `[arrival, arrival + processing]` on the virtual clock, so
/// requests in flight together count once. With the portal holding answers
/// for their processing, a client that waits for each answer before sending
/// the next pays the sum; one that keeps several in flight pays less. It is a
/// floor under the client's time on a real portal, beside the bucket and
/// operating-time bounds.
#[derive(Debug, Clone, Default)]
pub struct Busy {
    /// Seconds of intervals merged and dropped (ended before the horizon).
    settled: f64,
    /// Recent intervals, unsorted: requests finish out of order.
    open: Vec<(f64, f64)>,
    /// Settle when `open` grows past this; doubled past what a settle
    /// keeps, so a client whose intervals are all recent does not pay a
    /// sort on every request.
    settle_at: usize,
}

/// Intervals ending this long before the latest arrival are settled; an
/// answer is never held longer (a counted page of 2.4 M rows takes 50 s).
const HORIZON_SECS: f64 = 3600.0;
/// Intervals kept before the first settle.
const MIN_SETTLE: usize = 4096;

impl Busy {
    /// Adds a request that arrived at `start` (virtual Unix seconds) and was
    /// charged `secs` of processing.
    pub fn add(&mut self, start: f64, secs: f64) {
        if secs <= 0.0 || !secs.is_finite() {
            return;
        }
        self.open.push((start, start + secs));
        if self.open.len() > self.settle_at.max(MIN_SETTLE) {
            self.settle(start - HORIZON_SECS);
            self.settle_at = 2 * self.open.len();
        }
    }

    fn merged(&self) -> Vec<(f64, f64)> {
        let mut v = self.open.clone();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out: Vec<(f64, f64)> = Vec::with_capacity(v.len());
        for (s, e) in v {
            match out.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => out.push((s, e)),
            }
        }
        out
    }

    fn settle(&mut self, before: f64) {
        let (old, recent): (Vec<_>, Vec<_>) = self.merged().into_iter().partition(|i| i.1 < before);
        self.settled += old.iter().map(|(s, e)| e - s).sum::<f64>();
        self.open = recent;
    }

    /// Seconds during which at least one request was being processed.
    pub fn seconds(&self) -> f64 {
        self.settled + self.merged().iter().map(|(s, e)| e - s).sum::<f64>()
    }
}

/// What the portal has done since it started, for `/_emulator/stats`.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// HTTP requests (a `batch` is one).
    pub requests: u64,
    /// Method calls, `batch` commands one by one.
    pub calls: u64,
    /// Operating seconds per method (never reset by the window).
    pub operating: BTreeMap<String, f64>,
    /// Refused calls by error code (`QUERY_LIMIT_EXCEEDED`,
    /// `OPERATION_TIME_LIMIT`).
    pub refusals: BTreeMap<String, u64>,
    /// Processing on the clients' path, requests in flight together
    /// counted once ([`Busy`]).
    pub busy: Busy,
}

impl Stats {
    /// Total operating seconds over all methods.
    pub fn operating_total(&self) -> f64 {
        self.operating.values().sum()
    }

    /// The JSON of `/_emulator/stats`.
    pub fn to_json(&self) -> Value {
        json!({
            "requests": self.requests,
            "calls": self.calls,
            "operating": self.operating,
            "operating_total": self.operating_total(),
            "refusals": self.refusals,
            "busy_seconds": self.busy.seconds(),
            "model": {
                "page_secs": PAGE_SECS,
                "count_secs_per_row": COUNT_SECS_PER_ROW,
                "offset_secs_per_row": OFFSET_SECS_PER_ROW,
                "source": "settings/performance/huge-data.md",
            },
        })
    }
}
