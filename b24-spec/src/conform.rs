//! Whether a JSON value fits a shape, read as leniently as the generated
//! decoders read it (`"6641"` is an integer, `"Y"` a boolean). The importer
//! and the tests use it to hold specs to the examples the docs show.

use serde_json::Value;

use crate::{BUILTIN_TYPES, Field, Shape, SpecFile};

/// Whether a non-null `value` fits the builtin scalar type `ty`, read as the
/// generated decoders read it; `None` when `ty` is not a scalar type.
pub fn scalar_fits(ty: &str, value: &Value) -> Option<bool> {
    Some(match ty {
        "string" | "date" | "datetime" => {
            matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
        }
        "integer" => match value {
            Value::Number(n) => n.is_i64() || n.as_f64().is_some_and(|f| f.fract() == 0.0),
            Value::String(s) => s.is_empty() || s.trim().parse::<i64>().is_ok(),
            Value::Bool(_) => true,
            _ => false,
        },
        "number" => match value {
            Value::Number(_) => true,
            Value::String(s) => s.is_empty() || s.trim().parse::<f64>().is_ok(),
            _ => false,
        },
        "boolean" => match value {
            Value::Bool(_) => true,
            Value::Number(n) => matches!(n.as_i64(), Some(0 | 1)),
            Value::String(s) => {
                matches!(
                    s.as_str(),
                    "Y" | "N" | "y" | "n" | "0" | "1" | "true" | "false" | ""
                )
            }
            _ => false,
        },
        _ => return None,
    })
}

/// Checks `value` against `shape`; the error names the path that differs.
pub fn conforms(file: &SpecFile, shape: &Shape, value: &Value) -> Result<(), String> {
    check(
        file,
        &shape.ty.value,
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
    check(file, "object", fields, None, value, at, 0)
}

fn check(
    file: &SpecFile,
    ty: &str,
    fields: &[Field],
    items: Option<&Shape>,
    value: &Value,
    at: &str,
    depth: usize,
) -> Result<(), String> {
    if depth > 32 {
        return Ok(());
    }
    // Absent and null values are `None` in the generated `Option` fields.
    if value.is_null() {
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
    if let Some(fits) = scalar_fits(ty, value) {
        let want = match ty {
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "a boolean",
            _ => "a string",
        };
        return if fits { Ok(()) } else { mismatch(want) };
    }
    match ty {
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
                        &f.shape.ty.value,
                        &f.shape.fields,
                        f.shape.items.as_deref(),
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
