//! Decoding of event payloads, and the lenient scalar readers generated code
//! uses: Bitrix24 sends numbers and booleans as strings in many places
//! (`"ID": "6641"`, `"Y"`/`"N"`), and form-encoded bodies only have strings.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why an event payload could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The event name is not one this placement or scope documents.
    #[error("unknown event `{name}` for {set}")]
    UnknownEvent {
        /// The placement code or scope.
        set: &'static str,
        /// The name received.
        name: String,
    },
    /// The callback received a wrong number of arguments.
    #[error("event `{event}`: expected {min}..={max} argument(s), got {got}")]
    ArgCount {
        /// The event.
        event: &'static str,
        /// Required arguments.
        min: usize,
        /// Declared arguments.
        max: usize,
        /// Arguments received.
        got: usize,
    },
    /// A field has the wrong type or value.
    #[error("event `{event}`: field `{field}`: {message}")]
    Field {
        /// The event.
        event: &'static str,
        /// The path to the field, e.g. `additionalParams.failedCode`.
        field: String,
        /// What was wrong.
        message: String,
    },
    /// The body is not what the wire format prescribes.
    #[error("malformed event body: {0}")]
    Malformed(String),
}

/// Decodes one argument or payload, naming the field path on error.
pub fn field<T: DeserializeOwned>(
    event: &'static str,
    name: &str,
    value: Value,
) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            format!("{name}.{path}")
        };
        DecodeError::Field {
            event,
            field,
            message: e.into_inner().to_string(),
        }
    })
}

/// Checks the argument count of an interface event.
pub fn arg_count(
    event: &'static str,
    args: &[Value],
    min: usize,
    max: usize,
) -> Result<(), DecodeError> {
    if args.len() < min || args.len() > max {
        return Err(DecodeError::ArgCount {
            event,
            min,
            max,
            got: args.len(),
        });
    }
    Ok(())
}

/// Decodes a scalar argument with one of the [`lenient`] readers, naming
/// the argument on error.
pub fn scalar<T>(
    event: &'static str,
    name: &str,
    value: Value,
    read: fn(Value) -> Result<T, serde_json::Error>,
) -> Result<T, DecodeError> {
    read(value).map_err(|e| DecodeError::Field {
        event,
        field: name.to_owned(),
        message: e.to_string(),
    })
}

/// Lenient readers for `#[serde(deserialize_with = ...)]`.
pub mod lenient {
    use serde::{Deserialize, Deserializer, de::Error};
    use serde_json::Value;

    fn int_of<E: Error>(v: &Value) -> Result<i64, E> {
        match v {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
                .ok_or_else(|| E::custom(format!("expected an integer, found {n}"))),
            Value::String(s) => s
                .trim()
                .parse()
                .map_err(|_| E::custom(format!("expected an integer, found \"{s}\""))),
            Value::Bool(b) => Ok(*b as i64),
            other => Err(E::custom(format!("expected an integer, found {other}"))),
        }
    }
    fn num_of<E: Error>(v: &Value) -> Result<f64, E> {
        match v {
            Value::Number(n) => n.as_f64().ok_or_else(|| E::custom("number out of range")),
            Value::String(s) => s
                .trim()
                .parse()
                .map_err(|_| E::custom(format!("expected a number, found \"{s}\""))),
            other => Err(E::custom(format!("expected a number, found {other}"))),
        }
    }
    fn bool_of<E: Error>(v: &Value) -> Result<bool, E> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::Number(n) if n.as_i64() == Some(0) => Ok(false),
            Value::Number(n) if n.as_i64() == Some(1) => Ok(true),
            Value::String(s) => match s.as_str() {
                "Y" | "y" | "1" | "true" | "TRUE" | "True" => Ok(true),
                "N" | "n" | "0" | "false" | "FALSE" | "False" | "" => Ok(false),
                _ => Err(E::custom(format!("expected a boolean, found \"{s}\""))),
            },
            other => Err(E::custom(format!("expected a boolean, found {other}"))),
        }
    }
    fn string_of<E: Error>(v: Value) -> Result<String, E> {
        match v {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(E::custom(format!("expected a string, found {other}"))),
        }
    }

    /// An integer given as a number or a numeric string.
    pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        int_of(&Value::deserialize(d)?)
    }
    /// As [`int`], for optional fields; `null` and `""` are `None`.
    pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            Value::String(s) if s.is_empty() => Ok(None),
            v => int_of(&v).map(Some),
        }
    }
    /// A number given as a number or a numeric string.
    pub fn num<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        num_of(&Value::deserialize(d)?)
    }
    /// As [`num`], for optional fields.
    pub fn opt_num<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            Value::String(s) if s.is_empty() => Ok(None),
            v => num_of(&v).map(Some),
        }
    }
    /// A boolean given as `true`/`false`, `Y`/`N`, `1`/`0`.
    pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        bool_of(&Value::deserialize(d)?)
    }
    /// As [`boolean`], for optional fields.
    pub fn opt_boolean<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            v => bool_of(&v).map(Some),
        }
    }
    /// A string; numbers and booleans are accepted and printed.
    pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        string_of(Value::deserialize(d)?)
    }
    /// As [`string`], for optional fields.
    pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            v => string_of(v).map(Some),
        }
    }
}
