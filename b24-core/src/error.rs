//! The one error type of the client.
//!
//! Every documented error code has its own variant; codes the table does not
//! know land in [`Error::Api`] with the code kept. HTTP failures without an
//! error body, undecodable bodies and transport failures have their own
//! variants. Each variant carries the same [`ErrorInfo`]: the method, the HTTP
//! status, the code and the description.

use std::fmt;
use std::time::Duration;

/// What every [`Error`] carries.
#[derive(Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ErrorInfo {
    /// The REST method (`crm.deal.add`), `batch`, or the OAuth token endpoint.
    pub method: String,
    /// The HTTP status of the response that carried the error. `None` for
    /// transport failures and for the inner commands of a batch (which arrive
    /// inside a `200`).
    pub status: Option<u16>,
    /// The error code as sent (`QUERY_LIMIT_EXCEEDED`), empty when there was none.
    pub code: String,
    /// The error description as sent, or what went wrong on our side.
    pub description: String,
    /// The batch command name, when the error belongs to one command of a batch.
    pub command: Option<String>,
    /// The server's `Retry-After`, if it sent one.
    pub retry_after: Option<Duration>,
    /// `time.operating_reset_at` (Unix seconds), if the error body carried it.
    pub operating_reset_at: Option<f64>,
    /// REST 3.0 `validation` details, if any.
    pub validation: Option<serde_json::Value>,
    /// For transport errors: the request never reached the server (connect
    /// failure), so resending it cannot duplicate anything.
    pub not_sent: bool,
}

impl ErrorInfo {
    /// Context for `method` with a description.
    pub fn new(method: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            method: method.into(),
            description: description.into(),
            ..Self::default()
        }
    }

    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = code.into();
        self
    }
}

impl fmt::Debug for ErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ErrorInfo");
        d.field("method", &self.method)
            .field("status", &self.status)
            .field("code", &self.code);
        d.field("description", &self.description);
        if let Some(c) = &self.command {
            d.field("command", c);
        }
        if let Some(r) = &self.retry_after {
            d.field("retry_after", r);
        }
        if let Some(r) = &self.operating_reset_at {
            d.field("operating_reset_at", r);
        }
        if let Some(v) = &self.validation {
            d.field("validation", v);
        }
        if self.not_sent {
            d.field("not_sent", &true);
        }
        d.finish()
    }
}

impl fmt::Display for ErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.method)?;
        if let Some(c) = &self.command {
            write!(f, " (batch command `{c}`)")?;
        }
        if !self.code.is_empty() {
            write!(f, ": {}", self.code)?;
        }
        if let Some(s) = self.status {
            write!(f, " (HTTP {s})")?;
        }
        if !self.description.is_empty() {
            write!(f, ": {}", self.description)?;
        }
        Ok(())
    }
}

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $status:expr; )*) => {
        /// A failed call. Match on the variant; read the context with
        /// [`Error::info`] (or [`Error::method`], [`Error::status`],
        /// [`Error::code`], [`Error::description`]).
        #[derive(Debug, Clone, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nCode `", $code, "`.")]
                #[error("{0}")]
                $variant(Box<ErrorInfo>),
            )*
            /// A documented-shape error whose code is not in the table above
            /// (method-specific codes such as `ERROR_CORE` variants of pages).
            #[error("{0}")]
            Api(Box<ErrorInfo>),
            /// A non-success HTTP status without an error body.
            #[error("{0}")]
            Http(Box<ErrorInfo>),
            /// The body could not be decoded (not JSON, or not the expected shape).
            #[error("{0}")]
            Decode(Box<ErrorInfo>),
            /// The request failed below HTTP: connect, TLS, timeout, broken body.
            #[error("{0}")]
            Transport(Box<ErrorInfo>),
            /// No usable credentials: no tokens in the store, or a bad webhook URL.
            #[error("{0}")]
            Auth(Box<ErrorInfo>),
            /// The call was rejected before sending: bad arguments, a batch
            /// reference to an unknown command, a closed client.
            #[error("{0}")]
            InvalidArgument(Box<ErrorInfo>),
            /// A batch command that did not run because an earlier command
            /// failed and the batch was sent with `halt`.
            #[error("{0}")]
            Skipped(Box<ErrorInfo>),
        }

        /// Every code with its own variant, with the HTTP status the docs give
        /// it (`None` where the docs give none or several).
        pub const KNOWN_CODES: &[(&str, Option<u16>)] = &[$(($code, $status)),*];

        impl Error {
            /// Builds the variant for `info.code` (exact, case-sensitive match:
            /// OAuth's `invalid_request` and the system `INVALID_REQUEST` differ).
            pub fn from_info(info: ErrorInfo) -> Self {
                let info = Box::new(info);
                match info.code.as_str() {
                    $($code => Error::$variant(info),)*
                    // REST 3.0's spelling of an unknown method (the JS SDK
                    // treats it as such); the same condition as v2's code.
                    "BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION" => Error::MethodNotFound(info),
                    _ => Error::Api(info),
                }
            }

            /// The context of this error.
            pub fn info(&self) -> &ErrorInfo {
                match self {
                    $(Error::$variant(i))|* | Error::Api(i) | Error::Http(i) | Error::Decode(i)
                    | Error::Transport(i) | Error::Auth(i) | Error::InvalidArgument(i) | Error::Skipped(i) => i,
                }
            }

            fn info_mut(&mut self) -> &mut ErrorInfo {
                match self {
                    $(Error::$variant(i))|* | Error::Api(i) | Error::Http(i) | Error::Decode(i)
                    | Error::Transport(i) | Error::Auth(i) | Error::InvalidArgument(i) | Error::Skipped(i) => i,
                }
            }
        }
    };
}

error_codes! {
    // System errors (_includes/system-errors.md).
    /// Internal server error.
    InternalServerError = "INTERNAL_SERVER_ERROR", Some(500);
    /// The server returned an unexpected answer.
    UnexpectedAnswer = "ERROR_UNEXPECTED_ANSWER", Some(500);
    /// The request-rate leaky bucket is full. The request did not run.
    QueryLimitExceeded = "QUERY_LIMIT_EXCEEDED", Some(503);
    /// The method may not be called inside `batch`.
    BatchMethodNotAllowed = "ERROR_BATCH_METHOD_NOT_ALLOWED", Some(405);
    /// More than 50 commands in one batch.
    BatchLengthExceeded = "ERROR_BATCH_LENGTH_EXCEEDED", Some(400);
    /// Wrong access token or webhook code.
    NoAuthFound = "NO_AUTH_FOUND", Some(401);
    /// The request was refused, e.g. "Https required".
    InvalidRequest = "INVALID_REQUEST", Some(400);
    /// REST is blocked manually for overload; retrying does not help.
    OverloadLimit = "OVERLOAD_LIMIT", Some(503);
    /// Access denied (REST only on commercial plans, or no permission).
    AccessDenied = "ACCESS_DENIED", Some(403);
    /// The user behind the token or webhook lacks permissions.
    InvalidCredentials = "INVALID_CREDENTIALS", Some(403);
    /// The manifest is not available.
    ManifestNotAvailable = "ERROR_MANIFEST_IS_NOT_AVAILABLE", Some(404);
    /// The token or webhook lacks the scope. Also an OAuth server code.
    InsufficientScope = "insufficient_scope", Some(403);
    /// The access token has expired; the client refreshes and retries.
    ExpiredToken = "expired_token", Some(401);
    /// The access token is unknown (revoked, or replaced by a refresh); the
    /// client refreshes and retries, like for `expired_token`.
    InvalidToken = "invalid_token", Some(401);
    /// The user has no access to the application.
    UserAccessError = "user_access_error", Some(403);
    /// The portal's public part is closed or the portal was deleted.
    PortalDeleted = "PORTAL_DELETED", Some(500);
    // Limits (limits.md).
    /// The method's accumulated execution time is over the limit. The request
    /// did not run; it is allowed again after `operating_reset_at`.
    OperationTimeLimit = "OPERATION_TIME_LIMIT", Some(429);
    // REST 3.0 (api-reference/rest-v3.md).
    /// The method does not exist (REST 3.0 answers this for v3-only methods
    /// called via v2; under `/rest/api/` the code is
    /// `BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION`, typed here too).
    MethodNotFound = "ERROR_METHOD_NOT_FOUND", Some(404);
    /// REST 3.0: a required field is missing or has the wrong type.
    V3Validation = "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION", Some(400);
    /// REST 3.0: the body is not valid JSON.
    V3InvalidJson = "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION", Some(400);
    /// REST 3.0: an unknown field in `filter` or a related `select`.
    V3UnknownDtoProperty = "BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION", Some(400);
    /// REST 3.0: an unknown filter operator.
    V3UnknownFilterOperator = "BITRIX_REST_V3_EXCEPTION_UNKNOWNFILTEROPERATOREXCEPTION", Some(400);
    /// REST 3.0: the object with the given id does not exist.
    V3EntityNotFound = "BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION", Some(400);
    /// REST 3.0: no permission for the object.
    V3AccessDenied = "BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION", Some(403);
    /// REST 3.0: the webhook or application lacks the scope.
    V3InsufficientScope = "BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION", Some(403);
    /// REST 3.0: the `Idempotency-Key` was used with another body.
    V3IdempotencyKeyReused = "BITRIX_REST_V3_EXCEPTION_IDEMPOTENCYKEYREUSEDEXCEPTION", Some(422);
    /// REST 3.0: the `Idempotency-Key` is malformed.
    V3InvalidIdempotencyKey = "BITRIX_REST_V3_EXCEPTION_INVALIDIDEMPOTENCYKEYEXCEPTION", Some(400);
    /// REST 3.0: v2-style batch or a bad `select`.
    V3InvalidSelect = "BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION", None;
    // The most frequent method-level codes of the method pages.
    /// A method-level core error.
    ErrorCore = "ERROR_CORE", Some(400);
    /// A method-level invalid argument.
    ErrorArgument = "ERROR_ARGUMENT", Some(400);
    /// The method needs OAuth application authorization.
    WrongAuthType = "WRONG_AUTH_TYPE", Some(403);
    /// Required parameters are missing.
    MissingParams = "MISSING_PARAMS", Some(400);
    /// The object was not found.
    NotFound = "NOT_FOUND", None;
    /// The object was not found.
    ErrorNotFound = "ERROR_NOT_FOUND", None;
    /// Access error.
    AccessError = "ACCESS_ERROR", None;
    // OAuth server (settings/oauth/error-codes.md).
    /// OAuth: malformed authorization request.
    OAuthInvalidRequest = "invalid_request", None;
    /// OAuth: bad client_id/client_secret, or the app is not installed.
    OAuthInvalidClient = "invalid_client", None;
    /// OAuth: requested scope exceeds the app card.
    OAuthInvalidScope = "invalid_scope", None;
    /// OAuth: bad or expired refresh token; the user must authorize again.
    OAuthInvalidGrant = "invalid_grant", None;
    /// OAuth: the trial or paid period has expired.
    PaymentRequired = "PAYMENT_REQUIRED", None;
}

impl Error {
    /// The method the error belongs to.
    pub fn method(&self) -> &str {
        &self.info().method
    }
    /// The HTTP status, if a response carried the error.
    pub fn status(&self) -> Option<u16> {
        self.info().status
    }
    /// The error code as sent (empty for HTTP/decode/transport errors).
    pub fn code(&self) -> &str {
        &self.info().code
    }
    /// The description.
    pub fn description(&self) -> &str {
        &self.info().description
    }

    /// Whether the portal answered with an error body (a system code, a
    /// method code, or an empty code with a description), as opposed to a
    /// failure on the way (HTTP without a body, transport, decoding, bad
    /// arguments, no credentials, a skipped batch command).
    pub fn is_from_portal(&self) -> bool {
        !matches!(
            self,
            Error::Http(_)
                | Error::Decode(_)
                | Error::Transport(_)
                | Error::Auth(_)
                | Error::InvalidArgument(_)
                | Error::Skipped(_)
        )
    }

    /// The error as method `M`'s documented error enum, when the portal
    /// answered with an error body: `err.code_for::<DealGet>()` is
    /// `Some(DealGetError::NotFound)` for a bad id. `None` for failures
    /// that carry no portal error ([`Error::is_from_portal`]).
    pub fn code_for<M: crate::Method>(&self) -> Option<M::Error> {
        use crate::MethodError as _;
        self.is_from_portal()
            .then(|| M::Error::from_wire(self.code(), self.description()))
    }

    /// Whether the portal says the object does not exist: `NOT_FOUND`,
    /// `ERROR_NOT_FOUND`, REST 3.0's entity-not-found, or a method error
    /// with an empty code and a "Not found" description.
    pub fn is_not_found(&self) -> bool {
        match self {
            Error::NotFound(_) | Error::ErrorNotFound(_) | Error::V3EntityNotFound(_) => true,
            Error::Api(i) => {
                crate::typed::looks_not_found(&i.code)
                    || (i.code.is_empty() || i.code == "0")
                        && crate::typed::looks_not_found(&i.description)
            }
            _ => false,
        }
    }

    pub(crate) fn transport(method: &str, e: &reqwest::Error) -> Self {
        // `without_url`: the URL holds the webhook code or the OAuth secrets.
        let not_sent = e.is_connect();
        let mut description = strip_url(e);
        if e.is_timeout() {
            description = format!("timeout: {description}");
        }
        let mut info = ErrorInfo::new(method, description);
        info.not_sent = not_sent;
        info.status = e.status().map(|s| s.as_u16());
        Error::Transport(Box::new(info))
    }

    pub(crate) fn decode(method: &str, status: Option<u16>, what: impl fmt::Display) -> Self {
        let mut info = ErrorInfo::new(method, what.to_string());
        info.status = status;
        Error::Decode(Box::new(info))
    }

    pub(crate) fn invalid(method: &str, what: impl Into<String>) -> Self {
        Error::InvalidArgument(Box::new(ErrorInfo::new(method, what)))
    }

    pub(crate) fn auth(method: &str, what: impl Into<String>) -> Self {
        Error::Auth(Box::new(ErrorInfo::new(method, what)))
    }

    pub(crate) fn with_command(mut self, command: &str) -> Self {
        self.info_mut().command = Some(command.to_owned());
        self
    }

    pub(crate) fn with_retry_after(mut self, d: Option<Duration>) -> Self {
        if d.is_some() {
            self.info_mut().retry_after = d;
        }
        self
    }

    /// The documented HTTP status of `code`, when the docs give exactly one.
    pub fn documented_status(code: &str) -> Option<u16> {
        KNOWN_CODES
            .iter()
            .find(|(c, _)| *c == code)
            .and_then(|(_, s)| *s)
    }

    /// Whether the request is known not to have run on the server, so sending
    /// it again cannot duplicate anything.
    pub fn request_did_not_run(&self) -> bool {
        match self {
            Error::QueryLimitExceeded(_)
            | Error::OperationTimeLimit(_)
            | Error::ExpiredToken(_)
            | Error::InvalidToken(_)
            | Error::NoAuthFound(_)
            | Error::InvalidArgument(_)
            | Error::Skipped(_)
            | Error::Auth(_) => true,
            Error::Transport(i) => i.not_sent,
            _ => false,
        }
    }
}

fn strip_url(e: &reqwest::Error) -> String {
    use std::error::Error as _;
    // reqwest's Display names the URL; rebuild the message from the chain.
    let mut parts = Vec::new();
    let mut src = e.source();
    while let Some(s) = src {
        parts.push(s.to_string());
        src = s.source();
    }
    let kind = if e.is_connect() {
        "connect error"
    } else if e.is_timeout() {
        "timed out"
    } else if e.is_body() {
        "body error"
    } else if e.is_decode() {
        "decode error"
    } else if e.is_request() {
        "request error"
    } else {
        "transport error"
    };
    if parts.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {}", parts.join(": "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_matters_for_oauth_vs_system_codes() {
        let a = Error::from_info(ErrorInfo::new("m", "").with_code("invalid_request"));
        let b = Error::from_info(ErrorInfo::new("m", "").with_code("INVALID_REQUEST"));
        assert!(matches!(a, Error::OAuthInvalidRequest(_)));
        assert!(matches!(b, Error::InvalidRequest(_)));
    }

    #[test]
    fn not_found_from_code_or_description() {
        let empty = Error::from_info(ErrorInfo::new("crm.deal.get", "Not found"));
        assert!(empty.is_not_found() && empty.is_from_portal());
        let coded = Error::from_info(ErrorInfo::new("m", "x").with_code("NOT_FOUND"));
        assert!(coded.is_not_found());
        let other = Error::from_info(ErrorInfo::new("m", "Access denied"));
        assert!(!other.is_not_found());
        // A transport failure is not a portal answer.
        let t = Error::Transport(Box::new(ErrorInfo::new("m", "Not found")));
        assert!(!t.is_from_portal() && !t.is_not_found());
    }

    #[test]
    fn display_has_context() {
        let e = Error::from_info(
            ErrorInfo::new("crm.deal.add", "Access denied")
                .with_code("ACCESS_DENIED")
                .with_status(403),
        );
        assert_eq!(
            e.to_string(),
            "crm.deal.add: ACCESS_DENIED (HTTP 403): Access denied"
        );
    }
}
