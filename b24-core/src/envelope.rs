//! The response envelope: `result`, `total`, `next`, `time`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;

/// One successful response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
        let f = |k: &str| o.get(k).and_then(lenient_f64);
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

pub(crate) fn lenient_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(crate) fn lenient_u64(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl Envelope<Value> {
    /// Splits a success body into the envelope. Fails when `result` is missing.
    pub(crate) fn from_body(method: &str, status: u16, mut body: Value) -> Result<Self, Error> {
        let Some(obj) = body.as_object_mut() else {
            return Err(Error::decode(
                method,
                Some(status),
                "response body is not a JSON object",
            ));
        };
        let Some(result) = obj.remove("result") else {
            return Err(Error::decode(
                method,
                Some(status),
                "response has neither `result` nor `error`",
            ));
        };
        Ok(Envelope {
            result,
            total: obj.get("total").and_then(lenient_u64),
            next: obj.get("next").and_then(lenient_u64),
            time: obj.get("time").and_then(Time::from_value),
        })
    }

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
    fn envelope_with_time() {
        let body = json!({"result": [{"ID": "1"}], "total": 120, "next": "50", "time": {
            "start": 1778747192.910734, "finish": 1778747193.530359, "duration": 0.6196250915527344,
            "processing": 0.032338857650756836, "date_start": "2026-05-14T10:26:32+02:00",
            "date_finish": "2026-05-14T10:26:33+02:00", "operating_reset_at": 1778747792,
            "operating": 3.307_624_101_638_794}});
        let e = Envelope::from_body("crm.deal.list", 200, body).unwrap();
        assert_eq!(e.total, Some(120));
        assert_eq!(e.next, Some(50));
        let t = e.time.clone().unwrap();
        assert_eq!(t.operating_reset_at, Some(1778747792.0));
        assert!((t.operating.unwrap() - 3.3076).abs() < 1e-3);
        #[derive(Deserialize)]
        struct Row {
            #[serde(rename = "ID")]
            id: String,
        }
        let typed: Envelope<Vec<Row>> = e.decode("crm.deal.list").unwrap();
        assert_eq!(typed.result[0].id, "1");
    }

    #[test]
    fn missing_result_is_decode_error() {
        let e = Envelope::from_body("m", 200, json!({"time": {}})).unwrap_err();
        assert!(matches!(e, Error::Decode(_)));
        let e = Envelope::from_body("m", 200, json!([1])).unwrap_err();
        assert!(matches!(e, Error::Decode(_)));
    }

    #[test]
    fn typed_decode_error_names_path() {
        let e = Envelope::from_body("m", 200, json!({"result": {"a": "x"}})).unwrap();
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct R {
            a: u32,
        }
        let err = e.decode::<R>("m").unwrap_err();
        assert!(err.description().contains("`a`"), "{err}");
    }
}
