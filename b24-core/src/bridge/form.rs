//! The form a portal POSTs to a placement handler when it opens the placement.

use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

/// The placement opening, as POSTed by the portal (`app-url.md`,
/// `background-worker.md`): who, where, and `PLACEMENT_OPTIONS` decoded.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PlacementRequest {
    /// `DOMAIN`: the portal host, maybe with a port (`127.0.0.1:8024`).
    pub domain: String,
    /// `PROTOCOL`: `true` for HTTPS (`1`).
    pub https: bool,
    /// `LANG`.
    pub lang: String,
    /// `APP_SID`: the frame's ID in the portal page's frame protocol.
    pub app_sid: String,
    /// `AUTH_ID`: an OAuth access token of the user.
    pub auth_id: String,
    /// `AUTH_EXPIRES`: seconds the access token lives.
    pub auth_expires: i64,
    /// `REFRESH_ID`.
    pub refresh_id: String,
    /// `member_id`.
    pub member_id: String,
    /// `status`.
    pub status: String,
    /// `PLACEMENT`: the placement code (`DEFAULT` when opened as the app).
    pub placement: String,
    /// `PLACEMENT_OPTIONS`, parsed from its JSON string (`{}` when absent).
    pub placement_options: Value,
    /// Other fields, kept as sent.
    pub extra: BTreeMap<String, String>,
}

/// Why a placement POST was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlacementFormError {
    /// A required field is missing or empty.
    #[error("placement form: missing `{0}`")]
    Missing(&'static str),
    /// A field has the wrong format.
    #[error("placement form: bad `{field}`: {reason}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
}

impl PlacementRequest {
    /// Parses an `application/x-www-form-urlencoded` body.
    pub fn parse(body: &[u8]) -> Result<Self, PlacementFormError> {
        // Flat pairs, not PHP nesting: every documented field is a plain
        // name, and `extra` keeps other fields exactly as they were named.
        let mut f: BTreeMap<String, String> =
            b24_form::decoded_pairs(&String::from_utf8_lossy(body))
                .into_iter()
                .collect();
        let mut take = |k: &'static str| f.remove(k).unwrap_or_default();
        let domain = take("DOMAIN");
        let protocol = take("PROTOCOL");
        let lang = take("LANG");
        let app_sid = take("APP_SID");
        let auth_id = take("AUTH_ID");
        let auth_expires = take("AUTH_EXPIRES");
        let refresh_id = take("REFRESH_ID");
        let member_id = take("member_id");
        let status = take("status");
        let placement = take("PLACEMENT");
        let options = take("PLACEMENT_OPTIONS");
        for (name, v) in [
            ("DOMAIN", &domain),
            ("AUTH_ID", &auth_id),
            ("member_id", &member_id),
        ] {
            if v.is_empty() {
                return Err(PlacementFormError::Missing(name));
            }
        }
        // The host must be a bare host[:port]; it becomes a postMessage origin.
        if !domain
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b".-:[]".contains(&c))
        {
            return Err(PlacementFormError::Invalid {
                field: "DOMAIN",
                reason: "not a host name".into(),
            });
        }
        let auth_expires = crate::lenient::opt_i64(&Value::String(auth_expires))
            .map_err(|_| PlacementFormError::Invalid {
                field: "AUTH_EXPIRES",
                reason: "not an integer".into(),
            })?
            .unwrap_or(0);
        let placement_options = if options.trim().is_empty() {
            Value::Object(Default::default())
        } else {
            serde_json::from_str(&options).map_err(|e| PlacementFormError::Invalid {
                field: "PLACEMENT_OPTIONS",
                reason: e.to_string(),
            })?
        };
        Ok(Self {
            domain,
            https: protocol.trim() == "1",
            lang,
            app_sid,
            auth_id,
            auth_expires,
            refresh_id,
            member_id,
            status,
            placement: if placement.is_empty() {
                "DEFAULT".into()
            } else {
                placement
            },
            placement_options,
            extra: f,
        })
    }

    /// `PLACEMENT_OPTIONS` as a typed struct.
    pub fn options<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(&self.placement_options)
    }

    /// The portal's origin (`http://127.0.0.1:8024`), the frame protocol's
    /// postMessage target.
    pub fn portal_origin(&self) -> String {
        let host = self.domain.trim_end_matches(":443").trim_end_matches(":80");
        format!("{}://{}", if self.https { "https" } else { "http" }, host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const BODY: &str = "DOMAIN=127.0.0.1%3A8024&PROTOCOL=0&LANG=en&APP_SID=sid1\
        &AUTH_ID=tok&AUTH_EXPIRES=3600&REFRESH_ID=ref&member_id=m1&status=L\
        &PLACEMENT=PAGE_BACKGROUND_WORKER\
        &PLACEMENT_OPTIONS=%7B%22errorHandlerUrl%22%3A%22http%3A%2F%2Fx%22%7D&extra=1+2&n[a]=3";

    #[test]
    fn parses_documented_fields() {
        let r = PlacementRequest::parse(BODY.as_bytes()).unwrap();
        assert_eq!(r.domain, "127.0.0.1:8024");
        assert!(!r.https);
        assert_eq!(r.app_sid, "sid1");
        assert_eq!(r.auth_expires, 3600);
        assert_eq!(r.member_id, "m1");
        assert_eq!(r.placement, "PAGE_BACKGROUND_WORKER");
        assert_eq!(r.placement_options, json!({"errorHandlerUrl": "http://x"}));
        assert_eq!(r.extra.get("extra").map(String::as_str), Some("1 2"));
        assert_eq!(r.extra.get("n[a]").map(String::as_str), Some("3"));
        assert_eq!(r.portal_origin(), "http://127.0.0.1:8024");
        #[derive(serde::Deserialize)]
        struct O {
            #[serde(rename = "errorHandlerUrl")]
            url: String,
        }
        assert_eq!(r.options::<O>().unwrap().url, "http://x");
    }

    #[test]
    fn rejects_bad_forms() {
        assert_eq!(
            PlacementRequest::parse(b"AUTH_ID=x&member_id=m"),
            Err(PlacementFormError::Missing("DOMAIN"))
        );
        assert!(matches!(
            PlacementRequest::parse(b"DOMAIN=a&AUTH_ID=x&member_id=m&PLACEMENT_OPTIONS=%7B"),
            Err(PlacementFormError::Invalid {
                field: "PLACEMENT_OPTIONS",
                ..
            })
        ));
        assert!(matches!(
            PlacementRequest::parse(b"DOMAIN=a%2Fb&AUTH_ID=x&member_id=m"),
            Err(PlacementFormError::Invalid {
                field: "DOMAIN",
                ..
            })
        ));
        assert!(matches!(
            PlacementRequest::parse(b"DOMAIN=a&AUTH_ID=x&member_id=m&AUTH_EXPIRES=z"),
            Err(PlacementFormError::Invalid {
                field: "AUTH_EXPIRES",
                ..
            })
        ));
        let r =
            PlacementRequest::parse(b"DOMAIN=a%3A443&PROTOCOL=1&AUTH_ID=x&member_id=m").unwrap();
        assert_eq!(r.placement, "DEFAULT");
        assert_eq!(r.portal_origin(), "https://a");
    }
}
