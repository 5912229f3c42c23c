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
//! the database reads and discards them. Costs are virtual: nothing sleeps.

use std::collections::BTreeMap;

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
            "model": {
                "page_secs": PAGE_SECS,
                "count_secs_per_row": COUNT_SECS_PER_ROW,
                "offset_secs_per_row": OFFSET_SECS_PER_ROW,
                "source": "settings/performance/huge-data.md",
            },
        })
    }
}
