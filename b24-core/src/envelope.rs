//! The response envelope: `result`, `total`, `next`, `time`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;
use crate::lenient;

/// One successful response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Envelope<T> {
    /// The method's `result`.
    pub result: T,
    /// `total` of list methods (absent, or `0` with `start=-1`).
    pub total: Option<u64>,
    /// `next` of list methods: the `start` of the next page.
    pub next: Option<u64>,
    /// Timing and the operating-time counters.
    pub time: Option<Time>,
}

/// The `time` object of a response (`api-reference/data-types.md#time`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Time {
    /// Unix seconds when processing started.
    pub start: Option<f64>,
    /// Unix seconds when processing finished.
    pub finish: Option<f64>,
    /// Seconds the request took.
    pub duration: Option<f64>,
    /// Seconds of processing.
    pub processing: Option<f64>,
    /// ISO date of `start`.
    pub date_start: Option<String>,
    /// ISO date of `finish`.
    pub date_finish: Option<String>,
    /// Unix seconds when the oldest operating-time basket drops out.
    pub operating_reset_at: Option<f64>,
    /// Accumulated execution time of this method in the 10-minute window, seconds.
    pub operating: Option<f64>,
}

impl Time {
    /// Reads a `time` object leniently (numbers may come as strings; missing
    /// keys are fine).
    pub fn from_value(v: &Value) -> Option<Time> {
        let o = v.as_object()?;
        let f = |k: &str| o.get(k).and_then(|v| lenient::to_f64(v).ok());
        let s = |k: &str| o.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        Some(Time {
            start: f("start"),
            finish: f("finish"),
            duration: f("duration"),
            processing: f("processing"),
            date_start: s("date_start"),
            date_finish: s("date_finish"),
            operating_reset_at: f("operating_reset_at"),
            operating: f("operating"),
        })
    }
}

impl Envelope<Value> {
    /// Decodes `result` into `T`, keeping the rest.
    pub fn decode<T: DeserializeOwned>(self, method: &str) -> Result<Envelope<T>, Error> {
        let result = decode_value(method, self.result)?;
        Ok(Envelope {
            result,
            total: self.total,
            next: self.next,
            time: self.time,
        })
    }
}

/// Decodes a JSON value into `T`, naming the failing path.
pub(crate) fn decode_value<T: DeserializeOwned>(method: &str, v: Value) -> Result<T, Error> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        Error::decode(
            method,
            Some(200),
            format!("result at `{path}`: {}", e.into_inner()),
        )
    })
}

impl<T> Envelope<T> {
    /// An envelope holding only `result` (for tests and mocks).
    pub fn new(result: T) -> Self {
        Envelope {
            result,
            total: None,
            next: None,
            time: None,
        }
    }

    /// Maps the result, keeping `total`, `next` and `time`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Envelope<U> {
        Envelope {
            result: f(self.result),
            total: self.total,
            next: self.next,
            time: self.time,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_decode_error_names_path() {
        let e = Envelope {
            result: json!({"a": "x"}),
            total: None,
            next: None,
            time: None,
        };
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct R {
            a: u32,
        }
        let err = e.decode::<R>("m").unwrap_err();
        assert!(err.description().contains("`a`"), "{err}");
    }
}
