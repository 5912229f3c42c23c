//! PHP-style query strings (`FIELDS[TITLE]=x&filter[%3EID]=10`), the form a
//! batch command takes (`method?query`).

use serde_json::Value;

/// Encodes JSON params the way PHP's `http_build_query` does: nested keys in
/// brackets, `true`/`false` as `1`/`0`, `null` and empty containers dropped.
/// A string value that is exactly a `$result[...]` reference is left raw, so
/// the portal substitutes it whatever its decoding order.
pub fn php_query(params: &Value) -> String {
    let mut out = String::new();
    if let Value::Object(map) = params {
        for (k, v) in map {
            push(&mut out, &encode(k), v);
        }
    }
    out
}

fn push(out: &mut String, key: &str, v: &Value) {
    match v {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                push(out, &format!("{key}[{}]", encode(k)), v);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                push(out, &format!("{key}[{i}]"), v);
            }
        }
        scalar => {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            match scalar {
                Value::Bool(b) => out.push(if *b { '1' } else { '0' }),
                Value::Number(n) => out.push_str(&n.to_string()),
                Value::String(s) if is_reference(s) => out.push_str(s),
                Value::String(s) => out.push_str(&encode(s)),
                _ => {}
            }
        }
    }
}

/// `$result[name]` followed by any number of `[key]` parts, nothing else.
pub(crate) fn is_reference(s: &str) -> bool {
    parse_reference(s).is_some()
}

/// Splits `$result[name][a][0]` into `("name", ["a", "0"])`.
pub(crate) fn parse_reference(s: &str) -> Option<(&str, Vec<&str>)> {
    let rest = s.strip_prefix("$result[")?;
    let end = rest.find(']')?;
    let name = &rest[..end];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let mut rest = &rest[end + 1..];
    let mut path = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let end = inner.find(']')?;
        let part = &inner[..end];
        if part.is_empty() || part.contains(['[', '$', '&', '=', '#', ' ']) {
            return None;
        }
        path.push(part);
        rest = &inner[end + 1..];
    }
    Some((name, path))
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_php_style() {
        let q = php_query(&json!({
            "filter": {">ID": 10, "STAGE_ID": "NEW"},
            "select": ["ID", "TITLE"],
            "order": {"ID": "ASC"},
            "start": -1,
            "flag": true,
            "skip": null,
            "empty": [],
            "text": "a b&c=d",
        }));
        // Key order follows the map (serde_json may sort): compare as sets.
        let mut got: Vec<&str> = q.split('&').collect();
        got.sort_unstable();
        let mut want = vec![
            "filter[%3EID]=10",
            "filter[STAGE_ID]=NEW",
            "select[0]=ID",
            "select[1]=TITLE",
            "order[ID]=ASC",
            "start=-1",
            "flag=1",
            "text=a%20b%26c%3Dd",
        ];
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn references_stay_raw() {
        let q = php_query(&json!({"filter": {">ID": "$result[p3][49][ID]"}}));
        assert_eq!(q, "filter[%3EID]=$result[p3][49][ID]");
        let q = php_query(&json!({"x": "$result[bad name]"}));
        assert_eq!(q, "x=%24result%5Bbad%20name%5D");
        assert_eq!(
            parse_reference("$result[a_1][items][49][id]"),
            Some(("a_1", vec!["items", "49", "id"]))
        );
        assert_eq!(parse_reference("$result[a]"), Some(("a", vec![])));
        assert!(parse_reference("$result[a]x").is_none());
        assert!(parse_reference("$result[]").is_none());
    }
}
