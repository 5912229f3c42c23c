//! REST v2 `batch`: commands one after another, `$result[...]` references (the one small parser, to be replaced by the shared one in b24-form).

#[allow(unused_imports)]
use super::*;

mod refs;
#[allow(unused_imports)]
pub(in crate::http) use refs::*;

/// Runs a batch's commands one after another, each taking the state lock
/// for itself only, so other requests run between them. Returns the
/// `result` block and the time spent waiting for locks; the batch and its
/// commands are logged together at the end.
pub(super) fn batch(
    portal: &Portal,
    caller: &Caller,
    params: &Value,
    hints: &Hints,
) -> Result<(Value, Duration), ApiError> {
    let cmds: Vec<(String, Value)> = match params.get("cmd") {
        // Commands run in the order they were sent: later ones may refer to
        // earlier results.
        Some(Value::Object(m)) => ordered(m, hints.cmd.as_deref()),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v.clone()))
            .collect(),
        _ => {
            return Err(ApiError::new(
                400,
                "ERROR_ARGUMENT",
                "Argument 'cmd' is null or empty",
            ));
        }
    };
    let halt = match params.get("halt") {
        Some(Value::Bool(b)) => *b,
        Some(v) => {
            !matches!(v.as_str().map(str::trim), Some("" | "0" | "false" | "N"))
                && v.as_i64() != Some(0)
        }
        None => false,
    };
    let mut records = vec![CallRecord::new(
        "batch",
        params.clone(),
        caller.auth.clone(),
        200,
        None,
        portal.clock().now(),
    )];
    let mut waited = Duration::ZERO;
    let mut results: Vec<(String, Value)> = Vec::new();
    let mut errors: Vec<(String, Value)> = Vec::new();
    let mut totals: Vec<(String, Value)> = Vec::new();
    let mut nexts: Vec<(String, Value)> = Vec::new();
    let mut times: Vec<(String, Value)> = Vec::new();
    for (i, (key, cmd)) in cmds.into_iter().enumerate() {
        if i >= MAX_BATCH {
            let e = ApiError::new(
                400,
                "ERROR_BATCH_LENGTH_EXCEEDED",
                "Max batch length exceeded",
            );
            errors.push((key, e.body()));
            continue;
        }
        let Some(cmd) = cmd.as_str() else {
            errors.push((key, crate::protocol::method_not_found().body()));
            if halt {
                break;
            }
            continue;
        };
        let (raw_method, query) = cmd.split_once('?').unwrap_or((cmd, ""));
        let method = method_name(raw_method.trim());
        let outcome = if method == "batch" {
            Err(ApiError::new(
                405,
                "ERROR_BATCH_METHOD_NOT_ALLOWED",
                "Method is not allowed for batch usage",
            ))
        } else {
            match b24_form::parse(query) {
                Ok(mut p) => {
                    let refs = Refs {
                        result: &results,
                        error: &errors,
                        total: &totals,
                        next: &nexts,
                        time: &times,
                    };
                    substitute(&mut p, &refs);
                    if let Value::Object(m) = &mut p {
                        m.remove("auth");
                    }
                    let mut inner = caller.clone();
                    inner.order_keys = Hints::from_form(query).order;
                    let Executed {
                        outcome,
                        time,
                        record,
                        waited: w,
                    } = execute(portal, &inner, &method, p, true);
                    records.push(record);
                    waited += w;
                    if outcome.is_ok() {
                        times.push((key.clone(), time));
                    }
                    outcome
                }
                Err(e) => Err(ApiError::new(400, "INVALID_REQUEST", &e.to_string())),
            }
        };
        match outcome {
            Ok(out) => {
                results.push((key.clone(), out.result));
                if let Some(t) = out.total {
                    totals.push((key.clone(), json!(t)));
                }
                if let Some(n) = out.next {
                    nexts.push((key, json!(n)));
                }
            }
            Err(e) => {
                errors.push((key, e.body()));
                if halt {
                    break;
                }
            }
        }
    }
    portal.record(records);
    let result = json!({
        "result": php_array(results),
        "result_error": php_array(errors),
        "result_total": php_array(totals),
        "result_next": php_array(nexts),
        "result_time": php_array(times),
    });
    Ok((result, waited))
}
