//! Code examples: JSON and the JavaScript object literals of the docs, and
//! shapes inferred from example values.

use super::*;

/// A type from a JSON value without descending into objects.
pub(super) fn shallow_shape(v: &Value) -> Shape {
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
