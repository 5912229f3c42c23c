//! Code examples: JSON and the JavaScript object literals of the docs, and
//! shapes inferred from example values.

use super::*;

/// A type from a JSON value without descending into objects.
pub(crate) fn shallow_shape(v: &Value) -> Shape {
    match v {
        Value::Null => Shape::of("any"),
        Value::Bool(_) => Shape::of("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Shape::of("integer"),
        Value::Number(_) => Shape::of("number"),
        Value::String(_) => Shape::of("string"),
        Value::Array(a) => {
            if a.is_empty() {
                return Shape::of("array");
            }
            let first = shallow_shape(&a[0]);
            let mut s = Shape::of("array");
            if a.iter().all(|x| shallow_shape(x).ty == first.ty) && first.ty != "object" {
                s.items = Some(Box::new(first));
            }
            s
        }
        Value::Object(_) => Shape::of("object"),
    }
}

pub(crate) fn infer_shape(v: &Value) -> Shape {
    match v {
        Value::Object(o) => {
            let mut s = Shape::of("object");
            s.fields = infer_fields(o);
            s
        }
        Value::Array(a) => {
            let mut s = Shape::of("array");
            if let Some(first) = a.first() {
                s.items = Some(Box::new(infer_shape(first)));
            }
            s
        }
        other => shallow_shape(other),
    }
}

pub(super) fn infer_fields(o: &serde_json::Map<String, Value>) -> Vec<Field> {
    let mut out = Vec::new();
    for (k, v) in o {
        if is_pattern_name(k) || k.is_empty() {
            continue;
        }
        out.push(Field {
            name: k.clone(),
            shape: infer_shape(v),
            ..Field::default()
        });
    }
    out
}

/// The value of `"key": "..."` in text that is not valid JSON.
pub(super) fn json_string_key(text: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    let p = text.find(&pat)?;
    let rest = text[p + pat.len()..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_owned())
}

/// The text between `open` and its matching `)`.
pub(super) fn call_args<'a>(text: &'a str, open: &str) -> Option<&'a str> {
    let p = text.find(open)?;
    let body = &text[p + open.len()..];
    let mut depth = 1i32;
    let mut in_str: Option<char> = None;
    let mut esc = false;
    for (i, c) in body.char_indices() {
        if let Some(q) = in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == q {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&body[..i]);
                }
            }
            _ => {}
        }
    }
    None
}

pub(super) fn matching_brace(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut in_str: Option<char> = None;
    let mut esc = false;
    for (i, c) in s.char_indices() {
        if let Some(q) = in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == q {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some(c),
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Turns a simple JS object literal (`{muted: true, 'a': 'b'}`, trailing
/// commas and `// ...` comments allowed) into JSON.
pub(super) fn js_to_json(js: &str) -> Option<String> {
    let mut out = String::new();
    let chars: Vec<char> = js.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' || c == '"' {
            let q = c;
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != q {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    out.push(chars[i]);
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                if chars[i] == '"' {
                    out.push('\\');
                }
                out.push(chars[i]);
                i += 1;
            }
            out.push('"');
            i += 1;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let mut k = i;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            if k < chars.len() && chars[k] == ':' {
                out.push('"');
                out.push_str(&word);
                out.push('"');
            } else if matches!(word.as_str(), "true" | "false" | "null") {
                out.push_str(&word);
            } else {
                return None;
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == ',' {
            // the next character that is not space or comment
            let mut k = i + 1;
            loop {
                while chars.get(k).is_some_and(|c| c.is_whitespace()) {
                    k += 1;
                }
                if chars.get(k) == Some(&'/') && chars.get(k + 1) == Some(&'/') {
                    while chars.get(k).is_some_and(|c| *c != '\n') {
                        k += 1;
                    }
                } else {
                    break;
                }
            }
            if matches!(chars.get(k), Some(']' | '}')) {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    let v: Value = serde_json::from_str(&out).ok()?;
    serde_json::to_string(&v).ok()
}

/// How deep a result inferred from examples nests before the rest is `any`.
const MAX_INFER_DEPTH: usize = 8;

/// The shape of a result as the docs' JSON answers show it, for results the
/// tables leave untyped. Conservative, because a wrong type breaks decoding
/// of real answers: every field is optional; numbers are `number` (an
/// example's `0` may be `0.5` in another answer) except under keys named
/// like identifiers; a string stays a string even when it holds digits;
/// `null`, `{}`, `[]`, objects whose keys are data (numeric, dotted, ...)
/// and values the examples disagree on are `any`. `None` without values.
pub(crate) fn infer_result(values: &[&Value]) -> Option<Shape> {
    let values: Vec<&Value> = values.iter().copied().filter(|v| !v.is_null()).collect();
    if values.is_empty() {
        return None;
    }
    Some(infer_merged(&values, "", 0))
}

fn infer_merged(values: &[&Value], key: &str, depth: usize) -> Shape {
    let non_null: Vec<&Value> = values.iter().copied().filter(|v| !v.is_null()).collect();
    let nullable = non_null.len() < values.len();
    let Some(first) = non_null.first() else {
        let mut s = Shape::of("any");
        s.nullable = true;
        return s;
    };
    let same_kind = non_null
        .iter()
        .all(|v| std::mem::discriminant(*v) == std::mem::discriminant(*first));
    let mut s = if depth > MAX_INFER_DEPTH || !same_kind {
        // a number and a numeric string are one lenient number
        if non_null
            .iter()
            .all(|v| v.is_number() || v.as_str().is_some_and(|s| s.parse::<f64>().is_ok()))
            && non_null.iter().any(|v| v.is_number())
        {
            Shape::of("number")
        } else {
            Shape::of("any")
        }
    } else {
        match first {
            Value::Bool(_) => Shape::of("boolean"),
            Value::Number(_) => {
                let integral = non_null.iter().all(|v| v.is_i64() || v.is_u64());
                Shape::of(if integral && is_id_key(key) {
                    "integer"
                } else {
                    "number"
                })
            }
            Value::String(_) => Shape::of("string"),
            Value::Array(_) => {
                let items: Vec<&Value> = non_null
                    .iter()
                    .filter_map(|v| v.as_array())
                    .flatten()
                    .collect();
                // an empty `[]` is PHP's empty array: a list or a map
                if items.is_empty() {
                    Shape::of("any")
                } else {
                    let mut s = Shape::of("array");
                    s.items = Some(Box::new(infer_merged(&items, key, depth + 1)));
                    s
                }
            }
            Value::Object(_) => {
                let objects: Vec<&serde_json::Map<String, Value>> =
                    non_null.iter().filter_map(|v| v.as_object()).collect();
                infer_object(&objects, depth)
            }
            Value::Null => Shape::of("any"),
        }
    };
    s.nullable = nullable;
    s
}

fn infer_object(objects: &[&serde_json::Map<String, Value>], depth: usize) -> Shape {
    // What the examples do not spell out stays `any`: an empty `{}` may be a
    // date or a list in a real answer, and a map of data keys may come as
    // PHP's `[]` when empty.
    let mut s = Shape::of("any");
    let mut keys: Vec<&String> = Vec::new();
    for o in objects {
        for k in o.keys() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    // keys that are data, not field names (identifiers): a map
    if keys.iter().any(|k| !is_ident(k)) {
        return s;
    }
    // two keys one Rust name apart (`ID`/`id`): a map too
    let mut seen = std::collections::HashSet::new();
    if !keys
        .iter()
        .all(|k| seen.insert(k.to_ascii_lowercase().replace('_', "")))
    {
        return s;
    }
    if keys.is_empty() {
        return s;
    }
    s.ty = "object".into();
    for k in keys {
        let vals: Vec<&Value> = objects.iter().filter_map(|o| o.get(k.as_str())).collect();
        s.fields.push(Field {
            name: k.clone(),
            shape: infer_merged(&vals, k, depth + 1),
            ..Field::default()
        });
    }
    s
}

/// A key named like an identifier (`ID`, `userId`, `OWNER_ID`): its whole
/// numbers stay integers.
pub(super) fn is_id_key(k: &str) -> bool {
    k.eq_ignore_ascii_case("id") || k.ends_with("_ID") || k.ends_with("_id") || k.ends_with("Id")
}
