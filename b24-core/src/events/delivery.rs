//! The envelope a portal POSTs to a handler URL: `event`, `event_handler_id`,
//! `data[...]`, `ts` and `auth[...]`.

use std::fmt;

use serde_json::{Map, Value};

use crate::auth::{Secret, Tokens};
use crate::decode::DecodeError;
use crate::lenient;
use crate::typed::RestEvents;

/// Why a delivery body could not be read. Every variant means "answer 400".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeliveryError {
    /// The form body breaks the form decoder's limits (too deep, too many pairs).
    #[error("malformed form body: {0}")]
    Form(#[from] b24_form::Error),
    /// The JSON body is not valid JSON, or not an object.
    #[error("malformed JSON body: {0}")]
    Json(String),
    /// A required top-level key is missing or empty.
    #[error("the delivery has no `{0}`")]
    Missing(&'static str),
    /// A top-level key has the wrong type.
    #[error("delivery field `{field}`: {message}")]
    Field {
        /// The key (`event`, `ts`, `auth.expires_in`, ...).
        field: &'static str,
        /// What was wrong.
        message: String,
    },
    /// The `data` object does not fit the event's documented shape.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

/// The `auth` object of a delivery. Outgoing webhooks and events fired by
/// robots or agents get only some of these keys, so each is optional.
///
/// `Debug` prints `***` for every token.
#[derive(Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct EventAuth {
    /// OAuth access token of the user behind the event.
    pub access_token: Option<Secret>,
    /// When the access token expires, Unix seconds.
    pub expires: Option<i64>,
    /// Seconds until the access token expires.
    pub expires_in: Option<i64>,
    /// The scope the event belongs to (or the app's scopes, on install).
    pub scope: Option<String>,
    /// The portal's domain.
    pub domain: Option<String>,
    /// The OAuth server's REST address.
    pub server_endpoint: Option<String>,
    /// App status: `L`, `F`, `D`, `T`, `P`.
    pub status: Option<String>,
    /// The portal's REST address.
    pub client_endpoint: Option<String>,
    /// The portal's `member_id`.
    pub member_id: Option<String>,
    /// The user behind the tokens.
    pub user_id: Option<i64>,
    /// Refresh token (sent with ONAPPINSTALL and ONOFFLINEEVENT).
    pub refresh_token: Option<Secret>,
    /// The token that proves the portal sent this delivery.
    pub application_token: Option<Secret>,
    /// Keys not listed above, as received.
    pub extra: Map<String, Value>,
}

impl fmt::Debug for EventAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("EventAuth");
        let shown = |s: &Option<Secret>| s.as_ref().map(|_| "***");
        d.field("access_token", &shown(&self.access_token))
            .field("expires", &self.expires)
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .field("domain", &self.domain)
            .field("server_endpoint", &self.server_endpoint)
            .field("status", &self.status)
            .field("client_endpoint", &self.client_endpoint)
            .field("member_id", &self.member_id)
            .field("user_id", &self.user_id)
            .field("refresh_token", &shown(&self.refresh_token))
            .field("application_token", &shown(&self.application_token));
        // Unknown keys may be secrets too: show their names only.
        let extra: Vec<&str> = self.extra.keys().map(String::as_str).collect();
        d.field("extra_keys", &extra).finish()
    }
}

impl EventAuth {
    /// Reads an `auth` object. Numbers may come as strings (form bodies
    /// carry nothing else); empty strings count as absent.
    pub fn from_value(v: &Value) -> Result<EventAuth, DeliveryError> {
        Self::from_owned(v.clone())
    }

    fn from_owned(v: Value) -> Result<EventAuth, DeliveryError> {
        let map = match v {
            Value::Object(map) => map,
            Value::Null => return Ok(EventAuth::default()),
            Value::String(s) if s.is_empty() => return Ok(EventAuth::default()),
            _ => {
                return Err(DeliveryError::Field {
                    field: "auth",
                    message: "expected an object".into(),
                });
            }
        };
        let mut a = EventAuth::default();
        for (k, v) in map {
            match k.as_str() {
                "access_token" => {
                    a.access_token = opt_string(v, "auth.access_token")?.map(Secret::new)
                }
                "refresh_token" => {
                    a.refresh_token = opt_string(v, "auth.refresh_token")?.map(Secret::new)
                }
                "application_token" => {
                    a.application_token = opt_string(v, "auth.application_token")?.map(Secret::new)
                }
                "expires" => a.expires = opt_int(&v, "auth.expires")?,
                "expires_in" => a.expires_in = opt_int(&v, "auth.expires_in")?,
                "user_id" => a.user_id = opt_int(&v, "auth.user_id")?,
                "scope" => a.scope = opt_string(v, "auth.scope")?,
                "domain" => a.domain = opt_string(v, "auth.domain")?,
                "server_endpoint" => a.server_endpoint = opt_string(v, "auth.server_endpoint")?,
                "status" => a.status = opt_string(v, "auth.status")?,
                "client_endpoint" => a.client_endpoint = opt_string(v, "auth.client_endpoint")?,
                "member_id" => a.member_id = opt_string(v, "auth.member_id")?,
                _ => {
                    a.extra.insert(k, v);
                }
            }
        }
        Ok(a)
    }

    /// The OAuth tokens this delivery carries, when it carries an access
    /// token, for a [`TokenStore`](crate::TokenStore). `unix_now` turns
    /// `expires_in` into an expiry time.
    pub fn tokens(&self, unix_now: f64) -> Option<Tokens> {
        let access = self.access_token.clone()?;
        let expires_at = match (self.expires_in, self.expires) {
            (Some(i), _) => unix_now + i as f64,
            (None, Some(e)) => e as f64,
            _ => 0.0,
        };
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        Some(Tokens {
            access_token: access,
            refresh_token: self.refresh_token.clone().unwrap_or_default(),
            expires_at,
            client_endpoint: s(&self.client_endpoint),
            server_endpoint: s(&self.server_endpoint),
            member_id: s(&self.member_id),
            domain: s(&self.domain),
            scope: s(&self.scope),
        })
    }
}

/// One REST event delivery, before its `data` is typed.
///
/// `Debug` never prints tokens (see [`EventAuth`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct EventDelivery {
    /// The event code as sent (upper case, e.g. `ONCRMDEALADD`).
    pub event: String,
    /// The handler registration that produced it (absent on ONAPPINSTALL).
    pub event_handler_id: Option<i64>,
    /// When the queue sent it, Unix seconds.
    pub ts: Option<i64>,
    /// The event's `data` object (an empty object when absent).
    pub data: Value,
    /// The `auth` object.
    pub auth: EventAuth,
}

impl EventDelivery {
    /// Reads a form-urlencoded body with PHP-style nested keys, as the
    /// portal sends it.
    pub fn from_form(body: &str) -> Result<EventDelivery, DeliveryError> {
        let v = b24_form::parse(body)?;
        Self::from_value(v)
    }

    /// Reads a JSON delivery, as the docs show them.
    pub fn from_json(v: &Value) -> Result<EventDelivery, DeliveryError> {
        Self::from_value(v.clone())
    }

    /// Reads a JSON body.
    pub fn from_json_slice(body: &[u8]) -> Result<EventDelivery, DeliveryError> {
        let v: Value =
            serde_json::from_slice(body).map_err(|e| DeliveryError::Json(e.to_string()))?;
        Self::from_value(v)
    }

    /// Reads a body by its `Content-Type`: JSON when it says `json`, a form
    /// otherwise (the portal sends forms, often without a charset).
    pub fn from_body(
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<EventDelivery, DeliveryError> {
        if content_type.is_some_and(|c| c.to_ascii_lowercase().contains("json")) {
            return Self::from_json_slice(body);
        }
        // Form bodies are ASCII after percent-encoding; stray bytes are a bad body.
        let text = std::str::from_utf8(body).map_err(|e| DeliveryError::Field {
            field: "body",
            message: format!("not UTF-8: {e}"),
        })?;
        Self::from_form(text)
    }

    fn from_value(v: Value) -> Result<EventDelivery, DeliveryError> {
        let Value::Object(mut map) = v else {
            return Err(DeliveryError::Json("the body is not an object".into()));
        };
        let event = match map.remove("event") {
            Some(Value::String(s)) if !s.trim().is_empty() => s,
            Some(Value::String(_)) | None | Some(Value::Null) => {
                return Err(DeliveryError::Missing("event"));
            }
            Some(_) => {
                return Err(DeliveryError::Field {
                    field: "event",
                    message: "expected a string".into(),
                });
            }
        };
        let event_handler_id = match map.get("event_handler_id") {
            Some(v) => opt_int(v, "event_handler_id")?,
            None => None,
        };
        let ts = match map.get("ts") {
            Some(v) => opt_int(v, "ts")?,
            None => None,
        };
        let auth = match map.remove("auth") {
            Some(v) => EventAuth::from_owned(v)?,
            None => EventAuth::default(),
        };
        let data = match map.remove("data") {
            None | Some(Value::Null) => Value::Object(Map::new()),
            // A form cannot send an empty object: `data=` is one.
            Some(Value::String(s)) if s.is_empty() => Value::Object(Map::new()),
            // PHP's json_encode writes an empty array for an empty map (ONOFFLINEEVENT).
            Some(Value::Array(a)) if a.is_empty() => Value::Object(Map::new()),
            Some(v) => v,
        };
        Ok(EventDelivery {
            event,
            event_handler_id,
            ts,
            data,
            auth,
        })
    }

    /// Types the `data` with event set `E`. Codes `E` does not list decode
    /// to its `Unknown` variant.
    pub fn decode<E: RestEvents>(self) -> Result<(E, DeliveryContext), DeliveryError> {
        let EventDelivery {
            event,
            event_handler_id,
            ts,
            data,
            auth,
        } = self;
        let typed = E::decode(&event, data)?;
        Ok((
            typed,
            DeliveryContext {
                event,
                event_handler_id,
                ts,
                auth,
            },
        ))
    }
}

/// Everything of a delivery except its `data`: what a handler gets next to
/// the typed event (who, where, and the tokens to call back with).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DeliveryContext {
    /// The event code as sent.
    pub event: String,
    /// The handler registration that produced it.
    pub event_handler_id: Option<i64>,
    /// When the queue sent it, Unix seconds.
    pub ts: Option<i64>,
    /// The `auth` object.
    pub auth: EventAuth,
}

impl DeliveryContext {
    /// A context for an event that arrived some other way (offline queue, tests).
    pub fn new(event: impl Into<String>) -> Self {
        Self {
            event: event.into(),
            event_handler_id: None,
            ts: None,
            auth: EventAuth::default(),
        }
    }
}

fn opt_int(v: &Value, field: &'static str) -> Result<Option<i64>, DeliveryError> {
    lenient::opt_i64(v).map_err(|message| DeliveryError::Field { field, message })
}

fn opt_string(v: Value, field: &'static str) -> Result<Option<String>, DeliveryError> {
    lenient::opt_text(v).map_err(|message| DeliveryError::Field { field, message })
}
