//! The call log and the counters behind `/_emulator/stats`.

use std::collections::VecDeque;
use std::sync::MutexGuard;

use serde_json::{Value, json};

use super::{CallRecord, Portal};

/// Calls kept by [`Portal::calls`]; older ones are dropped.
const MAX_CALLS: usize = 200_000;
/// Bytes of parameters kept per recorded call (roughly).
const MAX_RECORDED_PARAMS: usize = 64 * 1024;

/// Whether a value fits in `budget` bytes (roughly), stopping early.
fn fits(v: &Value, budget: &mut usize) -> bool {
    let cost = match v {
        Value::String(s) => s.len() + 2,
        Value::Array(_) | Value::Object(_) => 2,
        _ => 8,
    };
    if cost > *budget {
        return false;
    }
    *budget -= cost;
    match v {
        Value::Array(a) => a.iter().all(|x| fits(x, budget)),
        Value::Object(m) => m.iter().all(|(k, x)| {
            *budget = budget.saturating_sub(k.len());
            fits(x, budget)
        }),
        _ => true,
    }
}

impl Portal {
    fn call_log(&self) -> MutexGuard<'_, VecDeque<CallRecord>> {
        self.shared
            .calls
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Appends calls to the log, together (a batch and its commands).
    pub(crate) fn record(&self, calls: impl IntoIterator<Item = CallRecord>) {
        let calls: Vec<CallRecord> = calls
            .into_iter()
            .map(|mut call| {
                tracing::debug!(method = %call.method, status = call.status, error = ?call.error, "call");
                // Keep the log small even when clients send huge parameters.
                let mut budget = MAX_RECORDED_PARAMS;
                if !fits(&call.params, &mut budget) {
                    call.params = json!({"_truncated": true});
                }
                call
            })
            .collect();
        {
            let mut stats = self.stats_mut();
            for call in &calls {
                if call.in_batch {
                    stats.calls += 1;
                } else {
                    stats.requests += 1;
                    if call.method != "batch" {
                        stats.calls += 1;
                    }
                }
                if let Some(code) = call
                    .error
                    .as_deref()
                    .filter(|c| matches!(*c, "QUERY_LIMIT_EXCEEDED" | "OPERATION_TIME_LIMIT"))
                {
                    *stats.refusals.entry(code.to_owned()).or_default() += 1;
                }
            }
        }
        let mut log = self.call_log();
        for call in calls {
            if log.len() >= MAX_CALLS {
                log.pop_front();
            }
            log.push_back(call);
        }
    }

    pub(crate) fn stats_mut(&self) -> MutexGuard<'_, crate::cost::Stats> {
        self.shared
            .stats
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Requests, operating seconds per method and refusals so far.
    pub fn stats(&self) -> crate::cost::Stats {
        self.stats_mut().clone()
    }

    /// Every call received so far (oldest first, at most 200,000).
    pub fn calls(&self) -> Vec<CallRecord> {
        self.call_log().iter().cloned().collect()
    }

    /// Forgets recorded calls.
    pub fn clear_calls(&self) {
        self.call_log().clear();
    }
}
