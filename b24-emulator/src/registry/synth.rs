//! Answers from the spec alone: checking parameters against the declared
//! ones, and a result built from a documented example or from the result
//! shape, so that every answer fits the shape (`b24_spec::conforms`).

use b24_spec::{Field, Shape, SpecFile, conforms, scalar_fits};
use serde_json::{Map, Value, json};

use super::{Entry, Registry};
use crate::protocol::ApiError;

/// Nesting depth up to which objects are filled in.
const MAX_DEPTH: usize = 6;

/// What is wrong with one parameter: its name and the message.
pub(crate) type ParamProblem = (String, String);

fn find<'a>(params: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    params.get(name).or_else(|| {
        params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// Whether a value has the kind a declared type asks for, read as leniently
/// as a PHP portal reads form data (lists arrive as maps, numbers as strings).
fn fits(file: &SpecFile, ty: &str, v: &Value) -> bool {
    if v.is_null() {
        return true;
    }
    if let Some(ok) = scalar_fits(ty, v) {
        return ok;
    }
    match ty {
        "array" => v.is_array() || v.is_object() || v.is_string() || v.is_number(),
        "object" => v.is_object() || v.is_array(),
        "any" => true,
        named => match file.types.get(named) {
            Some(s) if s.ty.value != named => fits(file, &s.ty.value, v),
            _ => true,
        },
    }
}

/// The problems of `params` against the declared parameters: required ones
/// missing, scalars of the wrong type. Unknown parameters are let through,
/// as the portal does.
pub(crate) fn param_problems(
    file: &SpecFile,
    declared: &[Field],
    params: &Value,
) -> Vec<ParamProblem> {
    let empty = Map::new();
    let map = params.as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    for f in declared {
        let name = &f.name.value;
        // A key that is another declared parameter's exact name is that one's
        // (department.get declares `sort`, the field to sort by, and `SORT`).
        let value = map.get(name).or_else(|| {
            map.iter()
                .find(|(k, _)| {
                    k.eq_ignore_ascii_case(name) && !declared.iter().any(|d| d.name.value == **k)
                })
                .map(|(_, v)| v)
        });
        match value {
            None if f.required && !alternative_given(declared, name, map) && !waived_by(f, map) => {
                out.push((
                    name.clone(),
                    format!("Required parameter `{name}` is missing"),
                ))
            }
            Some(v) if !fits(file, &f.shape.ty.value, v) => out.push((
                name.clone(),
                format!("Parameter `{name}` must be of type {}", f.shape.ty.value),
            )),
            _ => {}
        }
    }
    out
}

/// Whether a parameter named in a "one of the parameters" note of the docs
/// (`At least one of the parameters must be specified: `IBLOCK_ID` or
/// `IBLOCK_CODE``, on either field) together with `name` was sent: the
/// importer marks every member of such a group required, a portal wants one.
fn alternative_given(declared: &[Field], name: &str, map: &Map<String, Value>) -> bool {
    declared.iter().any(|f| {
        let Some(text) = f.shape.description.as_deref() else {
            return false;
        };
        let lower = text.to_ascii_lowercase();
        let Some(at) = lower.find("one of the parameters") else {
            return false;
        };
        // The backticked names of the note's sentence.
        let note = &text[at..];
        let note = note.split(['\n', '.']).next().unwrap_or(note);
        let group: Vec<&str> = note.split('`').skip(1).step_by(2).collect();
        group.iter().any(|g| g.eq_ignore_ascii_case(name))
            && group
                .iter()
                .any(|g| find(map, g).is_some_and(|v| !v.is_null()))
    })
}

/// Whether a field's own description waives it when another parameter was
/// sent: "Required if `DIALOG_ID` is not provided" (`im-disk-folder-get.md`
/// and the other chat pages), "… if the `companyUuid` parameter is not
/// provided", "… if `code` is not specified".
fn waived_by(field: &Field, map: &Map<String, Value>) -> bool {
    let Some(text) = field.shape.description.as_deref() else {
        return false;
    };
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find("required if") else {
        return false;
    };
    let sentence = &text[at..];
    let sentence = sentence.split(['\n', '.']).next().unwrap_or(sentence);
    let lower = sentence.to_ascii_lowercase();
    if !(lower.contains("not provided") || lower.contains("not specified")) {
        return false;
    }
    sentence
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|g| find(map, g).is_some_and(|v| !v.is_null()))
}

/// The REST v2 error for a parameter problem: the documented code whose
/// description names the parameter (or says something is required or
/// missing) when the docs give one, else `ERROR_ARGUMENT` (400).
pub(crate) fn v2_error(entry: &Entry, (name, message): &ParamProblem) -> ApiError {
    let lname = name.to_ascii_lowercase();
    let documented = entry.method.errors.iter().find(|e| {
        let d = e.description.as_deref().unwrap_or("").to_ascii_lowercase();
        !e.code.is_empty()
            && e.status.is_none_or(|s| s == 400)
            && (d.contains(&format!("`{lname}`"))
                || d.contains(&format!("'{lname}'"))
                || d.contains(&format!("\"{lname}\""))
                || d.contains(&format!(" {lname} ")))
    });
    match documented {
        Some(e) => ApiError {
            status: e.status.unwrap_or(400),
            code: e.code.clone(),
            description: e.description.clone().unwrap_or_else(|| message.clone()),
            argument: Some(name.clone()),
        },
        None => ApiError {
            status: 400,
            code: "ERROR_ARGUMENT".into(),
            description: message.clone(),
            argument: Some(name.clone()),
        },
    }
}

/// The `result` of a documented example, when it fits the shape.
fn example(file: &SpecFile, shape: Option<&Shape>, text: &str) -> Option<Value> {
    let v: Value = serde_json::from_str(text).ok()?;
    let has_result_field = shape.is_some_and(|s| s.fields.iter().any(|f| f.name.value == "result"));
    let v = match v {
        Value::Object(mut m)
            if m.contains_key("result") && (m.contains_key("time") || !has_result_field) =>
        {
            m.remove("result")?
        }
        other => other,
    };
    match shape {
        Some(s) if conforms(file, s, &v).is_err() => None,
        _ => Some(v),
    }
}

/// A value of the shape: the first enum value, a sample scalar, objects
/// with every declared field, arrays of one element.
pub(crate) fn build(file: &SpecFile, shape: &Shape) -> Value {
    value(file, shape, 0)
}

fn value(file: &SpecFile, shape: &Shape, depth: usize) -> Value {
    if let Some(v) = shape.values.first() {
        return serde_json::to_value(&v.value).unwrap_or(Value::Null);
    }
    match shape.ty.value.as_str() {
        "string" => json!("sample"),
        "integer" => json!(1),
        "number" => json!(1.5),
        "boolean" => json!(true),
        "date" => json!("2026-01-01"),
        "datetime" => json!("2026-01-01T10:00:00+00:00"),
        "any" => Value::Null,
        _ if depth >= MAX_DEPTH => Value::Null,
        "object" => Value::Object(
            shape
                .fields
                .iter()
                .map(|f| (f.name.value.clone(), value(file, &f.shape, depth + 1)))
                .collect(),
        ),
        "array" => match shape.items.as_deref() {
            Some(s) => json!([value(file, s, depth + 1)]),
            None => json!([]),
        },
        named => match file.types.get(named) {
            Some(s) => value(file, s, depth + 1),
            None => Value::Null,
        },
    }
}

/// The synthesized `result` of a method: its first documented example that
/// fits the result shape, else a value built from the shape, else `true`.
pub(crate) fn result(reg: &Registry, entry: &Entry) -> Value {
    let file = reg.file(entry);
    let shape = entry.method.result.as_ref();
    for text in &entry.method.result_examples {
        if let Some(v) = example(file, shape, text) {
            return v;
        }
    }
    match shape {
        Some(s) => build(file, s),
        None => json!(true),
    }
}

/// Parameters that satisfy a method's declared ones: its first documented
/// example request when it parses as an object, else every required
/// parameter built from its shape.
pub(crate) fn sample_params(reg: &Registry, entry: &Entry) -> Value {
    let file = reg.file(entry);
    for text in &entry.method.examples {
        if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(text)
            && param_problems(file, &entry.method.params, &Value::Object(m.clone())).is_empty()
        {
            return Value::Object(m);
        }
    }
    let mut m = Map::new();
    for f in entry.method.params.iter().filter(|f| f.required) {
        m.insert(f.name.value.clone(), build(file, &f.shape));
    }
    Value::Object(m)
}

/// Makes a stored answer fit the result shape: a value the shape does not
/// allow (the app wrote a list where the docs show a map) becomes `null`,
/// which every shape allows; a top-level mismatch gives the synthesized
/// answer instead.
pub(crate) fn fit(reg: &Registry, entry: &Entry, mut value: Value) -> Value {
    let file = reg.file(entry);
    let Some(shape) = entry.method.result.as_ref() else {
        return value;
    };
    as_text(file, shape, &mut value, 0);
    for _ in 0..64 {
        let Err(e) = conforms(file, shape, &value) else {
            return value;
        };
        let path = e.split(": ").next().unwrap_or("");
        match path.strip_prefix("result") {
            Some("") | None => return result(reg, entry),
            Some(rest) => {
                if !nullify(&mut value, rest) {
                    return result(reg, entry);
                }
            }
        }
    }
    result(reg, entry)
}

/// A number the app wrote where the shape declares a string becomes its
/// text: a portal answers such fields as strings whatever the request sent
/// (`crm-activity-get.md`'s `"OWNER_TYPE_ID": "1"` after an add with `1`);
/// a stored record's `ID` takes the `id` name a shape declares.
fn as_text(file: &SpecFile, shape: &Shape, v: &mut Value, depth: usize) {
    let mut s = shape;
    for _ in 0..8 {
        match file.types.get(&s.ty.value) {
            Some(t) => s = t,
            None => break,
        }
    }
    if depth > 16 {
        return;
    }
    match v {
        Value::Number(n) if s.ty.value == "string" => *v = Value::String(n.to_string()),
        Value::Object(m) => {
            // The generic store keys every record by `ID`; a shape that
            // declares `id` (biconnector-source-add.md: `{"id": 12}`) gets it
            // under that name, as the integer it declares.
            let declares = |n: &str| s.fields.iter().any(|f| f.name.value == n);
            if declares("id")
                && !declares("ID")
                && !m.contains_key("id")
                && let Some(id) = m.shift_remove("ID")
            {
                let int = id.as_str().and_then(|t| t.parse::<u64>().ok());
                let id_shape = s.fields.iter().find(|f| f.name.value == "id");
                let wants_int = id_shape.is_some_and(|f| f.shape.ty.value == "integer");
                let id = match int {
                    Some(n) if wants_int => Value::from(n),
                    _ => id,
                };
                m.insert("id".into(), id);
            }
            for f in &s.fields {
                if let Some(x) = m.get_mut(&f.name.value) {
                    as_text(file, &f.shape, x, depth + 1);
                }
            }
        }
        Value::Array(a) => {
            if let Some(items) = s.items.as_deref() {
                for x in a {
                    as_text(file, items, x, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Sets the value at `.a.b[2].c` to null; false when the path is not there.
fn nullify(v: &mut Value, path: &str) -> bool {
    let mut cur = v;
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let Some((i, after)) = r.split_once(']') else {
                return false;
            };
            let Some(next) = i.parse::<usize>().ok().and_then(|i| cur.get_mut(i)) else {
                return false;
            };
            cur = next;
            rest = after;
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let Some(next) = cur.get_mut(&r[..end]) else {
                return false;
            };
            cur = next;
            rest = &r[end..];
        } else {
            return false;
        }
    }
    *cur = Value::Null;
    true
}
