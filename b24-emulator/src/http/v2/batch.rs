//! REST v2 `batch`: commands one after another, `$result[...]` references (the one small parser, to be replaced by the shared one in b24-form).

#[allow(unused_imports)]
use super::*;

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

pub(super) struct Refs<'a> {
    pub(super) result: &'a [(String, Value)],
    pub(super) error: &'a [(String, Value)],
    pub(super) total: &'a [(String, Value)],
    pub(super) next: &'a [(String, Value)],
    pub(super) time: &'a [(String, Value)],
}

impl Refs<'_> {
    /// Resolves `$result[cmd][a][b]` style references.
    pub(super) fn resolve(&self, base: &str, path: &[String]) -> Option<Value> {
        let list = match base {
            "result" => self.result,
            "result_error" => self.error,
            "result_total" => self.total,
            "result_next" => self.next,
            "result_time" => self.time,
            _ => return None,
        };
        let (first, rest) = path.split_first()?;
        let mut cur = list.iter().find(|(k, _)| k == first).map(|(_, v)| v)?;
        for p in rest {
            cur = match cur {
                Value::Object(m) => m.get(p)?,
                Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur.clone())
    }
}

/// Finds `$result…[..][..]` references in a string: (start, end, base, path).
pub(super) fn find_refs(s: &str) -> Vec<(usize, usize, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = s[from..].find("$result") {
        let start = from + at;
        let mut pos = start + 1;
        let base_end = s[pos..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(s.len(), |e| pos + e);
        let base = s[pos..base_end].to_owned();
        pos = base_end;
        let mut path = Vec::new();
        while s[pos..].starts_with('[') {
            let Some(close) = s[pos..].find(']') else {
                break;
            };
            path.push(s[pos + 1..pos + close].to_owned());
            pos += close + 1;
        }
        if !path.is_empty() {
            out.push((start, pos, base, path));
        }
        from = pos.max(start + 1);
    }
    out
}

pub(super) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "1" } else { "" }.into(),
        other => other.to_string(),
    }
}

pub(super) fn substitute(v: &mut Value, refs: &Refs<'_>) {
    match v {
        Value::String(s) if s.contains("$result") => {
            let found = find_refs(s);
            if let [(0, end, base, path)] = found.as_slice()
                && *end == s.len()
            {
                // A whole-value reference keeps its structure (an array of IDs).
                *v = match refs.resolve(base, path) {
                    Some(Value::Array(a)) => Value::Array(a),
                    Some(Value::Object(o)) => Value::Object(o),
                    Some(other) => Value::String(scalar_text(&other)),
                    None => Value::String(String::new()),
                };
                return;
            }
            let mut out = String::with_capacity(s.len());
            let mut last = 0;
            for (start, end, base, path) in found {
                out.push_str(&s[last..start]);
                out.push_str(
                    &refs
                        .resolve(&base, &path)
                        .map(|v| scalar_text(&v))
                        .unwrap_or_default(),
                );
                last = end;
            }
            out.push_str(&s[last..]);
            *s = out;
        }
        Value::Array(a) => a.iter_mut().for_each(|x| substitute(x, refs)),
        Value::Object(m) => m.values_mut().for_each(|x| substitute(x, refs)),
        _ => {}
    }
}
