//! Decoding of event payloads: the errors, and the helpers generated
//! decoders call. Lenient scalars are in [`crate::lenient`].

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

/// Decodes a scalar argument with one of the [`lenient`](crate::lenient) readers, naming
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
