//! Layer 0, the protocol types every other layer shares: who calls
//! ([`Caller`], [`AuthKind`]), what a method answers ([`Output`]) and the
//! documented errors of REST v2 ([`ApiError`]) and REST 3.0 ([`V3Error`]).
//! It imports nothing from the crate.

use serde_json::{Map, Value, json};

/// A documented error: HTTP status, `error`, `error_description`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// `error`.
    pub code: String,
    /// `error_description`.
    pub description: String,
    /// `argument`, for `ERROR_ARGUMENT`.
    pub argument: Option<String>,
}

impl ApiError {
    /// An error with a status, code and description.
    pub fn new(status: u16, code: &str, description: &str) -> ApiError {
        ApiError {
            status,
            code: code.to_owned(),
            description: description.to_owned(),
            argument: None,
        }
    }

    /// A 400 with a code: how a portal refuses a call's arguments.
    pub(crate) fn bad(code: &str, description: &str) -> ApiError {
        ApiError::new(400, code, description)
    }

    /// The CRM legacy form: 400 with an empty code.
    pub(crate) fn crm(description: &str) -> ApiError {
        ApiError::new(400, "", description)
    }

    pub(crate) fn argument(status: u16, name: &str, description: String) -> ApiError {
        ApiError {
            status,
            code: "ERROR_ARGUMENT".into(),
            description,
            argument: Some(name.to_owned()),
        }
    }

    pub(crate) fn wrong_auth_type() -> ApiError {
        ApiError::new(
            403,
            "WRONG_AUTH_TYPE",
            "Current authorization type is denied for this method Application context required",
        )
    }

    pub(crate) fn access_denied() -> ApiError {
        ApiError::new(403, "ACCESS_DENIED", "Access denied!")
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut v = json!({"error": self.code, "error_description": self.description});
        if let Some(a) = &self.argument {
            v["argument"] = json!(a);
        }
        v
    }
}

/// Who is calling, after authentication.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    pub auth: AuthKind,
    pub user_id: u64,
    pub scopes: Vec<String>,
    /// Webhook or app, for the operating limit.
    pub principal: String,
    /// The arrival order of this call's `order` keys, which `serde_json::Map`
    /// does not keep (PHP arrays do, and it decides sort precedence).
    pub order_keys: Option<Vec<String>>,
}

/// Key orders PHP keeps and a sorted map loses: a batch's `cmd` and a
/// list's `order`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hints {
    pub cmd: Option<Vec<String>>,
    pub order: Option<Vec<String>>,
}

fn push_unique(list: &mut Vec<String>, key: &str) {
    if !list.iter().any(|k| k == key) {
        list.push(key.to_owned());
    }
}

impl Hints {
    /// From a query string or form body (`cmd[a]=…&order[ID]=…`).
    pub(crate) fn from_form(s: &str) -> Hints {
        let mut h = Hints::default();
        for (k, _) in b24_form::decoded_pairs(s) {
            let Some(path) = b24_form::key_path(&k) else {
                continue;
            };
            let (Some(Some(first)), Some(Some(second))) = (path.first(), path.get(1)) else {
                continue;
            };
            if first.eq_ignore_ascii_case("cmd") {
                push_unique(h.cmd.get_or_insert_with(Vec::new), second);
            } else if first.eq_ignore_ascii_case("order") {
                push_unique(h.order.get_or_insert_with(Vec::new), second);
            }
        }
        h
    }

    /// From a JSON body, read a second time with an order-keeping map.
    pub(crate) fn from_json(bytes: &[u8]) -> Hints {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Keys {
            Map(indexmap::IndexMap<String, serde::de::IgnoredAny>),
            Other(serde::de::IgnoredAny),
        }
        #[derive(serde::Deserialize)]
        struct Probe {
            #[serde(default)]
            cmd: Option<Keys>,
            #[serde(default)]
            order: Option<Keys>,
        }
        let keys = |k: Option<Keys>| match k {
            Some(Keys::Map(m)) => Some(m.into_keys().collect()),
            Some(Keys::Other(_)) | None => None,
        };
        match serde_json::from_slice::<Probe>(bytes) {
            Ok(p) => Hints {
                cmd: keys(p.cmd),
                order: keys(p.order),
            },
            Err(_) => Hints::default(),
        }
    }

    /// `later` (the body) wins over `self` (the query string).
    pub(crate) fn merge(self, later: Hints) -> Hints {
        Hints {
            cmd: later.cmd.or(self.cmd),
            order: later.order.or(self.order),
        }
    }
}

/// A map's entries in arrival order when known, else in map order.
pub(crate) fn ordered(map: &Map<String, Value>, hint: Option<&[String]>) -> Vec<(String, Value)> {
    let mut v: Vec<(String, Value)> = map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    if let Some(h) = hint {
        v.sort_by_key(|(k, _)| h.iter().position(|x| x == k).unwrap_or(usize::MAX));
    }
    v
}

impl Caller {
    pub(crate) fn is_app(&self) -> bool {
        matches!(self.auth, AuthKind::OAuth { .. })
    }
}

/// A method's answer before it is wrapped in the envelope.
#[derive(Debug, Clone)]
pub(crate) struct Output {
    pub result: Value,
    pub total: Option<u64>,
    pub next: Option<u64>,
    /// Rows returned, for the simulated operating cost.
    pub rows: u64,
    /// Built from the spec (an example or the result shape), not by a
    /// stateful handler.
    pub synthesized: bool,
}

impl Output {
    pub(crate) fn one(result: Value) -> Output {
        Output {
            result,
            total: None,
            next: None,
            rows: 1,
            synthesized: false,
        }
    }
}

pub(crate) fn method_not_found() -> ApiError {
    ApiError::new(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
}

/// Ordered pairs to a JSON value, PHP-style: keys `0..n` make a list.
pub(crate) fn php_array(pairs: Vec<(String, Value)>) -> Value {
    if pairs.is_empty() {
        return json!([]);
    }
    if pairs
        .iter()
        .enumerate()
        .all(|(i, (k, _))| *k == i.to_string())
    {
        Value::Array(pairs.into_iter().map(|(_, v)| v).collect())
    } else {
        obj(pairs)
    }
}

/// How a call was authorised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthKind {
    /// An inbound webhook (`/rest/{user_id}/{code}/`).
    Webhook {
        /// The webhook's user.
        user_id: u64,
        /// The webhook code.
        code: String,
    },
    /// An OAuth access token of the emulator's app.
    OAuth {
        /// The token's user.
        user_id: u64,
    },
    /// No valid credentials (the call was refused).
    None,
}

/// Builds a JSON object from pairs, keeping their order.
pub(crate) fn obj(pairs: Vec<(String, Value)>) -> Value {
    Value::Object(pairs.into_iter().collect::<Map<String, Value>>())
}

/// `OPERATION_TIME_LIMIT` (429), for a method whose operating time is spent.
pub(crate) fn operation_time_limit() -> ApiError {
    ApiError::new(
        429,
        "OPERATION_TIME_LIMIT",
        "Method is blocked due to operation time limit.",
    )
}

/// At most this many commands run in one `batch`.
pub const MAX_BATCH: usize = 50;

/// Every REST 3.0 error code starts with this.
const PREFIX: &str = "BITRIX_REST_V3_EXCEPTION_";

/// A REST 3.0 error: status, `code`, `message` and, for request validation,
/// the `validation` list of `(field, message)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct V3Error {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub validation: Vec<(String, String)>,
}

impl V3Error {
    /// `BITRIX_REST_V3_EXCEPTION_{name}` with a status and message.
    pub(crate) fn new(status: u16, name: &str, message: impl Into<String>) -> V3Error {
        V3Error {
            status,
            code: format!("{PREFIX}{name}"),
            message: message.into(),
            validation: Vec::new(),
        }
    }

    /// `VALIDATION_REQUESTVALIDATIONEXCEPTION` (400) for these fields.
    pub(crate) fn validation(fields: Vec<(String, String)>) -> V3Error {
        V3Error {
            validation: fields,
            ..V3Error::new(
                400,
                "VALIDATION_REQUESTVALIDATIONEXCEPTION",
                "Error during request object validation",
            )
        }
    }

    /// One field's validation error.
    pub(crate) fn field(field: &str, message: impl Into<String>) -> V3Error {
        V3Error::validation(vec![(field.to_owned(), message.into())])
    }

    /// `Unknown field `{field}` for entity `{entity}``, 400.
    pub(crate) fn unknown_field(field: &str, entity: &str) -> V3Error {
        V3Error::new(
            400,
            "UNKNOWNDTOPROPERTYEXCEPTION",
            format!("Unknown field `{field}` for entity `{entity}`"),
        )
    }

    /// `ACCESSDENIEDEXCEPTION`, 403.
    pub(crate) fn access_denied() -> V3Error {
        V3Error::new(403, "ACCESSDENIEDEXCEPTION", "Access denied")
    }

    pub(crate) fn invalid_json(message: &str) -> V3Error {
        V3Error::new(400, "INVALIDJSONEXCEPTION", message)
    }

    pub(crate) fn invalid_select(message: &str) -> V3Error {
        V3Error::new(400, "INVALIDSELECTEXCEPTION", message)
    }

    pub(crate) fn body(&self) -> Value {
        let mut e = json!({"code": self.code, "message": self.message});
        if !self.validation.is_empty() {
            e["validation"] = self
                .validation
                .iter()
                .map(|(f, m)| json!({"message": m, "field": f}))
                .collect();
        }
        json!({ "error": e })
    }
}

/// Errors REST 3.0 shares with v2 (no credentials, bad or expired token,
/// `QUERY_LIMIT_EXCEEDED` 503, `OPERATION_TIME_LIMIT` 429,
/// `ERROR_METHOD_NOT_FOUND` 404): the docs give their statuses but no v3
/// codes, so they keep the v2 code and status inside the v3 error shape.
impl From<ApiError> for V3Error {
    fn from(e: ApiError) -> V3Error {
        V3Error {
            status: e.status,
            code: e.code,
            message: e.description,
            validation: Vec::new(),
        }
    }
}
