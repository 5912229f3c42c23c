//! The `$result[name][field]` references of a batch command, read by the
//! shared parser of b24-form and resolved against earlier answers.

#[allow(unused_imports)]
use super::*;

pub(in crate::http) struct Refs<'a> {
    pub(in crate::http) result: &'a [(String, Value)],
    pub(in crate::http) error: &'a [(String, Value)],
    pub(in crate::http) total: &'a [(String, Value)],
    pub(in crate::http) next: &'a [(String, Value)],
    pub(in crate::http) time: &'a [(String, Value)],
}

impl Refs<'_> {
    /// Resolves `$result[cmd][a][b]` style references.
    pub(in crate::http) fn resolve(&self, base: &str, path: &[String]) -> Option<Value> {
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

/// Finds `$result…[..][..]` references in a string, with the parser the
/// client uses to write them (`b24_form::result_ref`): (start, end, base,
/// path), where the path starts with the command's name.
pub(in crate::http) fn find_refs(s: &str) -> Vec<(usize, usize, String, Vec<String>)> {
    b24_form::result_ref::find(s)
        .into_iter()
        .map(|(range, r)| {
            let mut path = vec![r.command.to_owned()];
            path.extend(r.path.iter().map(|p| (*p).to_owned()));
            (range.start, range.end, r.source.name().to_owned(), path)
        })
        .collect()
}

pub(in crate::http) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "1" } else { "" }.into(),
        other => other.to_string(),
    }
}

pub(in crate::http) fn substitute(v: &mut Value, refs: &Refs<'_>) {
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
