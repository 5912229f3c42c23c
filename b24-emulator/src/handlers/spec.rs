//! Methods without a stateful handler, answered from their spec entry:
//! parameters checked against the declared ones, then a documented example
//! or a value of the result shape (marked as synthesized in the call log).

use serde_json::Value;

use crate::protocol::{ApiError, Output, V3Error};
use crate::registry::synth::{self, ParamProblem};
use crate::registry::{Entry, Registry};

/// The rows of a synthesized list answer, for `total`.
fn rows(entry: &Entry, result: &Value) -> u64 {
    let list = match entry.method.list.as_ref().and_then(|l| l.path.as_deref()) {
        Some(path) => result.get(path),
        None => Some(result),
    };
    match list {
        Some(Value::Array(a)) => a.len() as u64,
        Some(Value::Object(m)) => m.len() as u64,
        _ => 1,
    }
}

fn answer(reg: &Registry, entry: &Entry) -> Output {
    let result = synth::result(reg, entry);
    let rows = rows(entry, &result);
    Output {
        total: entry.is_list().then_some(rows),
        next: None,
        rows,
        synthesized: true,
        result,
    }
}

fn problems(reg: &Registry, entry: &Entry, params: &Value) -> Vec<ParamProblem> {
    synth::param_problems(reg.file(entry), &entry.method.params, params)
}

/// Checks REST v2 parameters against the spec.
pub(crate) fn check_v2(reg: &Registry, entry: &Entry, params: &Value) -> Result<(), ApiError> {
    match problems(reg, entry, params).first() {
        Some(p) => Err(synth::v2_error(entry, p)),
        None => Ok(()),
    }
}

/// A REST v2 method from its spec.
pub(crate) fn call_v2(reg: &Registry, entry: &Entry, params: &Value) -> Result<Output, ApiError> {
    check_v2(reg, entry, params)?;
    Ok(answer(reg, entry))
}

/// A REST 3.0 method from its spec; parameter problems are the documented
/// request validation error (400) listing every field.
pub(crate) fn call_v3(reg: &Registry, entry: &Entry, params: &Value) -> Result<Output, V3Error> {
    let found = problems(reg, entry, params);
    if !found.is_empty() {
        return Err(V3Error::validation(found));
    }
    Ok(answer(reg, entry))
}
