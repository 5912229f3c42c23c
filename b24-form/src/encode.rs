//! `http_build_query`: a JSON tree into a form body or query string.

use serde_json::Value;

/// How [`encode_with`] writes values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EncodeOptions {
    /// Leave a string value that is exactly a `$result[...]` batch reference
    /// (see [`result_ref`](crate::result_ref)) unescaped, so the portal finds
    /// it in a batch command's query whatever order it decodes and
    /// substitutes in.
    pub raw_result_refs: bool,
}

impl EncodeOptions {
    /// The defaults: everything percent-encoded.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`EncodeOptions::raw_result_refs`].
    #[must_use]
    pub fn raw_result_refs(mut self, raw: bool) -> Self {
        self.raw_result_refs = raw;
        self
    }
}

/// Encodes a JSON value the way PHP's `http_build_query` does.
///
/// Objects and arrays nest as `a[b][0]=x` (brackets percent-encoded); `true`
/// is `1`, `false` is `0`; `null` and empty containers are left out. A scalar
/// at the top level has no name, so it encodes to an empty string.
pub fn encode(value: &Value) -> String {
    encode_with(value, &EncodeOptions::default())
}

/// [`encode`] with options.
pub fn encode_with(value: &Value, options: &EncodeOptions) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                encode_into(&mut out, k, v, options);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                encode_into(&mut out, &i.to_string(), v, options);
            }
        }
        _ => {}
    }
    out
}

fn encode_into(out: &mut String, prefix: &str, value: &Value, options: &EncodeOptions) {
    match value {
        Value::Null => {}
        Value::Bool(b) => push_pair(out, prefix, if *b { "1" } else { "0" }),
        Value::Number(n) => push_pair(out, prefix, &n.to_string()),
        Value::String(s) if options.raw_result_refs && crate::result_ref::is_ref(s) => {
            push_pair(out, prefix, "");
            out.push_str(s);
        }
        Value::String(s) => push_pair(out, prefix, s),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                encode_into(out, &format!("{prefix}[{i}]"), v, options);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                encode_into(out, &format!("{prefix}[{k}]"), v, options);
            }
        }
    }
}

fn push_pair(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    encode_component(out, key);
    out.push('=');
    encode_component(out, value);
}

/// PHP's `urlencode`: keeps `A-Za-z0-9-_.`, writes a space as `+`.
fn encode_component(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn encodes_like_http_build_query() {
        let v = json!({"a_event": "ONCRMDEALADD", "b_data": {"FIELDS": {"ID": 7}}, "c_ids": [1, 2],
                       "d_t": true, "e_f": false, "f_n": null, "g_e": [], "h_s": "a b&c"});
        assert_eq!(
            encode(&v),
            "a_event=ONCRMDEALADD&b_data%5BFIELDS%5D%5BID%5D=7&c_ids%5B0%5D=1&c_ids%5B1%5D=2&d_t=1&e_f=0&h_s=a+b%26c"
        );
        assert_eq!(encode(&json!("scalar")), "");
    }

    #[test]
    fn result_refs_stay_raw_when_asked() {
        let v =
            json!({"filter": {">ID": "$result[p3][49][ID]"}, "x": "$result[bad name]", "y": "a b"});
        let raw = EncodeOptions::new().raw_result_refs(true);
        assert_eq!(
            encode_with(&v, &raw),
            "filter%5B%3EID%5D=$result[p3][49][ID]&x=%24result%5Bbad+name%5D&y=a+b"
        );
        assert_eq!(
            encode(&v),
            "filter%5B%3EID%5D=%24result%5Bp3%5D%5B49%5D%5BID%5D&x=%24result%5Bbad+name%5D&y=a+b"
        );
        assert_eq!(
            crate::parse(&encode_with(&v, &raw)).unwrap()["filter"][">ID"],
            "$result[p3][49][ID]",
            "a raw reference decodes to itself"
        );
    }
}
