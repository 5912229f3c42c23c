//! Lenient scalars: Bitrix24 sends numbers and booleans as strings in many
//! places (`"ID": "6641"`, `"Y"`/`"N"`), and form bodies carry nothing but
//! strings. Every reader of such values in the runtime, and the generated
//! code (through `#[serde(deserialize_with = ...)]`), goes through here.
//!
//! The `to_*` functions read a [`Value`]; the `opt_*` ones also take `null`
//! and `""` as absent. The serde adapters ([`int`], [`opt_int`], ...) wrap
//! them for `deserialize_with`.

use serde::{Deserialize, Deserializer, de::Error as _};
use serde_json::Value;

/// An integer: a number without a fraction, a numeric string, or a boolean
/// (`1`/`0`).
pub fn to_i64(v: &Value) -> Result<i64, String> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18)
                    .map(|f| f as i64)
            })
            .ok_or_else(|| format!("expected an integer, found {n}")),
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|_| format!("expected an integer, found \"{s}\"")),
        Value::Bool(b) => Ok(i64::from(*b)),
        other => Err(format!("expected an integer, found {other}")),
    }
}

/// A non-negative integer (`total`, `next`, row IDs), as [`to_i64`] reads it.
pub fn to_u64(v: &Value) -> Result<u64, String> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1.8e19)
                    .map(|f| f as u64)
            })
            .ok_or_else(|| format!("expected a non-negative integer, found {n}")),
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|_| format!("expected a non-negative integer, found \"{s}\"")),
        other => Err(format!("expected a non-negative integer, found {other}")),
    }
}

/// A number, or a numeric string.
pub fn to_f64(v: &Value) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| "number out of range".to_owned()),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .ok_or_else(|| format!("expected a number, found \"{s}\"")),
        other => Err(format!("expected a number, found {other}")),
    }
}

/// A boolean: `true`/`false`, `Y`/`N`, `1`/`0` (as numbers or strings); `""`
/// is `false`, as PHP writes it.
pub fn to_bool(v: &Value) -> Result<bool, String> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) if n.as_i64() == Some(0) => Ok(false),
        Value::Number(n) if n.as_i64() == Some(1) => Ok(true),
        Value::String(s) => match s.as_str() {
            "Y" | "y" | "1" | "true" | "TRUE" | "True" => Ok(true),
            "N" | "n" | "0" | "false" | "FALSE" | "False" | "" => Ok(false),
            _ => Err(format!("expected a boolean, found \"{s}\"")),
        },
        other => Err(format!("expected a boolean, found {other}")),
    }
}

/// A string; numbers and booleans are printed.
pub fn to_text(v: Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(format!("expected a string, found {other}")),
    }
}

/// Whether `v` stands for "no value": `null` or `""`.
pub fn is_absent(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// [`to_i64`], with `null` and `""` as `None`.
pub fn opt_i64(v: &Value) -> Result<Option<i64>, String> {
    if is_absent(v) {
        return Ok(None);
    }
    to_i64(v).map(Some)
}

/// [`to_text`], with `null` and `""` as `None`.
pub fn opt_text(v: Value) -> Result<Option<String>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        v => to_text(v).map(Some),
    }
}

/// A text field of a portal record: printed when it is a string, number or
/// boolean, empty when absent, `null` or anything else.
pub fn text_or_empty(v: Option<Value>) -> String {
    v.and_then(|v| to_text(v).ok()).unwrap_or_default()
}

/// Reads the value under `d` with `read`, as a serde error on failure.
fn adapt<'de, D: Deserializer<'de>, T>(
    d: D,
    read: impl FnOnce(Value) -> Result<T, String>,
) -> Result<T, D::Error> {
    read(Value::deserialize(d)?).map_err(D::Error::custom)
}

/// Serde adapter: an integer given as a number or a numeric string.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    adapt(d, |v| to_i64(&v))
}
/// As [`int`], for optional fields; `null` and `""` are `None`.
pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    adapt(d, |v| opt_i64(&v))
}
/// Serde adapter: a number given as a number or a numeric string.
pub fn num<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    adapt(d, |v| to_f64(&v))
}
/// As [`num`], for optional fields; `null` and `""` are `None`.
pub fn opt_num<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    adapt(d, |v| (!is_absent(&v)).then(|| to_f64(&v)).transpose())
}
/// Serde adapter: a boolean given as `true`/`false`, `Y`/`N`, `1`/`0`.
pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    adapt(d, |v| to_bool(&v))
}
/// As [`boolean`], for optional fields; `null` is `None` (`""` is `false`).
pub fn opt_boolean<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    adapt(d, |v| (!v.is_null()).then(|| to_bool(&v)).transpose())
}
/// Serde adapter: a string; numbers and booleans are accepted and printed.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    adapt(d, to_text)
}
/// As [`string`], for optional fields; `null` is `None` (`""` stays `""`).
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    adapt(d, |v| {
        if v.is_null() {
            Ok(None)
        } else {
            to_text(v).map(Some)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers() {
        assert_eq!(to_i64(&json!("6641")), Ok(6641));
        assert_eq!(to_i64(&json!(" 7 ")), Ok(7));
        assert_eq!(to_i64(&json!(3.0)), Ok(3));
        assert_eq!(to_i64(&json!(true)), Ok(1));
        assert!(to_i64(&json!(3.5)).is_err());
        assert!(to_i64(&json!("x")).unwrap_err().contains("\"x\""));
        assert_eq!(to_u64(&json!("50")), Ok(50));
        assert!(to_u64(&json!(-1)).is_err());
        assert!(to_u64(&json!(1e300)).is_err());
        assert_eq!(opt_i64(&json!("")), Ok(None));
        assert_eq!(opt_i64(&json!(null)), Ok(None));
    }

    #[test]
    fn other_scalars() {
        assert_eq!(to_bool(&json!("Y")), Ok(true));
        assert_eq!(to_bool(&json!("N")), Ok(false));
        assert_eq!(to_bool(&json!(1)), Ok(true));
        assert!(to_bool(&json!("yes")).unwrap_err().contains("\"yes\""));
        assert_eq!(to_f64(&json!("1.5")), Ok(1.5));
        assert!(to_f64(&json!("NaN")).is_err());
        assert_eq!(to_text(json!(5)), Ok("5".to_owned()));
        assert!(to_text(json!([])).is_err());
        assert_eq!(opt_text(json!("")), Ok(None));
        assert_eq!(opt_text(json!(" a")), Ok(Some(" a".to_owned())));
    }

    #[test]
    fn serde_adapters() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Row {
            #[serde(deserialize_with = "int")]
            id: i64,
            #[serde(deserialize_with = "opt_int", default)]
            owner: Option<i64>,
            #[serde(deserialize_with = "opt_num", default)]
            sum: Option<f64>,
            #[serde(deserialize_with = "boolean")]
            open: bool,
            #[serde(deserialize_with = "opt_boolean", default)]
            won: Option<bool>,
            #[serde(deserialize_with = "opt_string", default)]
            note: Option<String>,
        }
        let r: Row = serde_json::from_value(json!({"id": "6641", "owner": "", "sum": "1.5",
            "open": "Y", "won": null, "note": 7}))
        .unwrap();
        assert_eq!(
            r,
            Row {
                id: 6641,
                owner: None,
                sum: Some(1.5),
                open: true,
                won: None,
                note: Some("7".into())
            }
        );
        let e = serde_json::from_value::<Row>(json!({"id": 1, "open": "yes"})).unwrap_err();
        assert!(
            e.to_string().contains("expected a boolean, found \"yes\""),
            "{e}"
        );
    }
}
