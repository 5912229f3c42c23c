//! Whether a JSON value fits a shape, read as leniently as the generated
//! decoders read it (`"6641"` is an integer, `"Y"` a boolean). The importer
//! and the tests use it to hold specs to the examples the docs show.

use serde_json::Value;

use crate::{BUILTIN_TYPES, Field, Shape, SpecFile};

/// Checks `value` against `shape`; the error names the path that differs.
pub fn conforms(file: &SpecFile, shape: &Shape, value: &Value) -> Result<(), String> {
    check(
        file,
        &shape.ty.value,
        shape.nullable,
        &shape.fields,
        shape.items.as_deref(),
        value,
        "result",
        0,
    )
}

/// Checks `value` against the fields of an object.
pub fn fields_conform(
    file: &SpecFile,
    fields: &[Field],
    value: &Value,
    at: &str,
) -> Result<(), String> {
    check(file, "object", false, fields, None, value, at, 0)
}

#[allow(clippy::too_many_arguments)]
fn check(
    file: &SpecFile,
    ty: &str,
    nullable: bool,
    fields: &[Field],
    items: Option<&Shape>,
    value: &Value,
    at: &str,
    depth: usize,
) -> Result<(), String> {
    if depth > 32 {
        return Ok(());
    }
    if value.is_null() {
        // Absent and null optional values are `None`; a null where the spec
        // says a value always comes is still accepted by `Option` fields.
        let _ = nullable;
        return Ok(());
    }
    let kind = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    let mismatch = |want: &str| Err(format!("{at}: expected {want}, found {}", kind(value)));
    match ty {
        "string" | "date" | "datetime" => match value {
            Value::String(_) | Value::Number(_) | Value::Bool(_) => Ok(()),
            _ => mismatch("a string"),
        },
        "integer" => match value {
            Value::Number(n) if n.is_i64() || n.as_f64().is_some_and(|f| f.fract() == 0.0) => {
                Ok(())
            }
            Value::String(s) if s.trim().parse::<i64>().is_ok() || s.is_empty() => Ok(()),
            Value::Bool(_) => Ok(()),
            _ => mismatch("an integer"),
        },
        "number" => match value {
            Value::Number(_) => Ok(()),
            Value::String(s) if s.trim().parse::<f64>().is_ok() || s.is_empty() => Ok(()),
            _ => mismatch("a number"),
        },
        "boolean" => match value {
            Value::Bool(_) => Ok(()),
            Value::Number(n) if matches!(n.as_i64(), Some(0 | 1)) => Ok(()),
            Value::String(s)
                if matches!(
                    s.as_str(),
                    "Y" | "N" | "y" | "n" | "0" | "1" | "true" | "false" | ""
                ) =>
            {
                Ok(())
            }
            _ => mismatch("a boolean"),
        },
        "any" => Ok(()),
        "object" => {
            let Value::Object(map) = value else {
                // PHP sends an empty object as an empty array.
                if value.as_array().is_some_and(|a| a.is_empty()) {
                    return Ok(());
                }
                return mismatch("an object");
            };
            for f in fields {
                if let Some(v) = map.get(&f.name.value) {
                    let path = format!("{at}.{}", f.name.value);
                    check(
                        file,
                        &f.ty.value,
                        f.nullable,
                        &f.fields,
                        f.items.as_deref(),
                        v,
                        &path,
                        depth + 1,
                    )?;
                }
            }
            Ok(())
        }
        "array" => {
            let Value::Array(list) = value else {
                return mismatch("an array");
            };
            if let Some(item) = items {
                for (i, v) in list.iter().enumerate() {
                    let path = format!("{at}[{i}]");
                    check(
                        file,
                        &item.ty.value,
                        item.nullable,
                        &item.fields,
                        item.items.as_deref(),
                        v,
                        &path,
                        depth + 1,
                    )?;
                }
            }
            Ok(())
        }
        named if !BUILTIN_TYPES.contains(&named) => match file.types.get(named) {
            Some(s) => check(
                file,
                &s.ty.value,
                s.nullable,
                &s.fields,
                s.items.as_deref(),
                value,
                at,
                depth + 1,
            ),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}
