//! Reading the portal's answers: error bodies (REST v2, REST 3.0, the OAuth
//! server) and success envelopes, from the raw HTTP response up. The error
//! and envelope types know nothing of the wire; this module depends on both.

use std::time::Duration;

use serde_json::Value;

use crate::envelope::{Envelope, Time};
use crate::error::{Error, ErrorInfo};
use crate::lenient;

/// Turns one HTTP response into the envelope or the error it carries:
/// a body that is not JSON, an error body, a non-success status without an
/// error body, and a success body without `result` each become a typed error
/// naming `method`.
pub(crate) fn read_response(
    method: &str,
    status: u16,
    retry_after: Option<Duration>,
    bytes: &[u8],
) -> Result<Envelope<Value>, Error> {
    let ok = (200..300).contains(&status);
    let body: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            let snippet = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
            let mut info = ErrorInfo::new(method, format!("body is not JSON ({e}): {snippet}"));
            info.status = Some(status);
            info.retry_after = retry_after;
            return Err(if ok {
                Error::Decode(Box::new(info))
            } else {
                Error::Http(Box::new(info))
            });
        }
    };
    if let Some(err) = parse_error_body(method, Some(status), &body) {
        return Err(err.with_retry_after(retry_after));
    }
    if !ok {
        let mut info = ErrorInfo::new(method, format!("HTTP {status} without an error code"));
        info.status = Some(status);
        info.retry_after = retry_after;
        return Err(Error::Http(Box::new(info)));
    }
    envelope_from_body(method, status, body)
}

/// Splits a success body into the envelope. Fails when `result` is missing.
/// Splits a success body into the envelope. Fails when `result` is missing.
pub(crate) fn envelope_from_body(
    method: &str,
    status: u16,
    mut body: Value,
) -> Result<Envelope<Value>, Error> {
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
        total: obj.get("total").and_then(|v| lenient::to_u64(v).ok()),
        next: obj.get("next").and_then(|v| lenient::to_u64(v).ok()),
        time: obj.get("time").and_then(Time::from_value),
    })
}

impl Error {
    /// The error a response carries: `body` is the parsed JSON of an answer
    /// with HTTP `status` to `method`. `None` when the body is not an error.
    pub fn from_response(method: &str, status: u16, body: &Value) -> Option<Error> {
        parse_error_body(method, Some(status), body)
    }
}

/// Parses an error body (REST v2 `{"error": CODE, "error_description": ..}`,
/// REST 3.0 `{"error": {"code", "message", "validation"}}`, OAuth server
/// errors). Returns `None` when the body is not an error body.
pub(crate) fn parse_error_body(method: &str, status: Option<u16>, body: &Value) -> Option<Error> {
    let err = body.get("error")?;
    let mut info = ErrorInfo {
        method: method.to_owned(),
        status,
        ..ErrorInfo::default()
    };
    match err {
        Value::String(code) => {
            info.code = code.clone();
            info.description = body
                .get("error_description")
                .and_then(|d| d.as_str())
                .unwrap_or_default()
                .to_owned();
        }
        Value::Object(o) => {
            info.code = o
                .get("code")
                .and_then(|c| c.as_str())
                .unwrap_or_default()
                .to_owned();
            info.description = o
                .get("message")
                .and_then(|c| c.as_str())
                .unwrap_or_default()
                .to_owned();
            info.validation = o.get("validation").cloned();
        }
        Value::Null => return None,
        other => {
            info.code = other.to_string();
        }
    }
    // CRM methods answer `{"error": "", "error_description": "Not found"}`:
    // an empty code is still an error when something says so.
    if info.code.is_empty() && info.description.is_empty() && status.is_none_or(|s| s < 400) {
        return None;
    }
    info.operating_reset_at = body
        .get("time")
        .and_then(|t| t.get("operating_reset_at"))
        .and_then(|v| lenient::to_f64(v).ok());
    Some(Error::from_info(info))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[test]
    fn v2_error_body_maps_to_variant() {
        let e = parse_error_body(
            "crm.deal.list",
            Some(503),
            &json!({"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"}),
        )
        .unwrap();
        assert!(matches!(e, Error::QueryLimitExceeded(_)));
        assert_eq!(e.method(), "crm.deal.list");
        assert_eq!(e.status(), Some(503));
        assert_eq!(e.description(), "Too many requests");
        assert!(e.request_did_not_run());
    }

    #[test]
    fn v3_error_body_maps_to_variant() {
        let e = parse_error_body(
            "tasks.task.get",
            Some(400),
            &json!({"error": {"code": "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION",
                    "message": "Error validating request object",
                    "validation": [{"message": "Required field `id` is not specified", "field": "id"}]}}),
        )
        .unwrap();
        assert!(matches!(e, Error::V3Validation(_)));
        assert!(e.info().validation.is_some());
        assert_eq!(e.description(), "Error validating request object");
    }

    #[test]
    fn unknown_code_keeps_code() {
        let e = parse_error_body(
            "x.y",
            Some(400),
            &json!({"error": "SOMETHING_NEW", "error_description": "d"}),
        )
        .unwrap();
        assert!(matches!(e, Error::Api(_)));
        assert_eq!(e.code(), "SOMETHING_NEW");
        assert!(!e.request_did_not_run());
    }

    #[test]
    fn not_an_error_body() {
        assert!(parse_error_body("m", Some(200), &json!({"result": 1})).is_none());
        assert!(parse_error_body("m", Some(200), &json!({"error": ""})).is_none());
        let crm = parse_error_body(
            "crm.deal.get",
            Some(400),
            &json!({"error": "", "error_description": "Not found"}),
        );
        assert!(matches!(crm, Some(Error::Api(_))));
    }

    #[test]
    fn envelope_with_time() {
        let body = json!({"result": [{"ID": "1"}], "total": 120, "next": "50", "time": {
            "start": 1778747192.910734, "finish": 1778747193.530359, "duration": 0.6196250915527344,
            "processing": 0.032338857650756836, "date_start": "2026-05-14T10:26:32+02:00",
            "date_finish": "2026-05-14T10:26:33+02:00", "operating_reset_at": 1778747792,
            "operating": 3.307_624_101_638_794}});
        let e = envelope_from_body("crm.deal.list", 200, body).unwrap();
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
        let e = envelope_from_body("m", 200, json!({"time": {}})).unwrap_err();
        assert!(matches!(e, Error::Decode(_)));
        let e = envelope_from_body("m", 200, json!([1])).unwrap_err();
        assert!(matches!(e, Error::Decode(_)));
    }

    #[test]
    fn raw_responses() {
        let e = read_response("m", 502, Some(Duration::from_secs(2)), b"<html>").unwrap_err();
        assert!(matches!(e, Error::Http(_)), "{e:?}");
        assert_eq!(e.info().retry_after, Some(Duration::from_secs(2)));
        assert!(matches!(
            read_response("m", 200, None, b"<html>"),
            Err(Error::Decode(_))
        ));
        assert!(matches!(
            read_response("m", 500, None, b"{}"),
            Err(Error::Http(_))
        ));
        let e = read_response("m", 503, None, br#"{"error":"QUERY_LIMIT_EXCEEDED"}"#).unwrap_err();
        assert!(matches!(e, Error::QueryLimitExceeded(_)));
        assert_eq!(
            read_response("m", 200, None, br#"{"result":1}"#)
                .unwrap()
                .result,
            json!(1)
        );
    }
}
