//! Typed `event.bind`, `event.unbind` and `event.get`.

use futures::Stream;
use serde_json::{Map, Value, json};

use crate::client::Client;
use crate::error::Error;
use crate::events::offline::{self, OfflineBatch, OfflineError, OfflineEvent, OfflineOptions};
use crate::lenient;
use crate::typed::{RestEvent, RestEvents};

/// `event_type` of `event.bind`/`event.unbind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventType {
    /// Delivered to the handler URL (the default).
    #[default]
    Online,
    /// Queued for `event.offline.get`.
    Offline,
}

impl EventType {
    fn wire(self) -> &'static str {
        match self {
            EventType::Online => "online",
            EventType::Offline => "offline",
        }
    }
}

/// The optional parameters of `event.bind` (and, where they apply, `event.unbind`).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct BindOptions {
    /// The user the handler is authorized as (`auth_type`). Default: the
    /// user whose action fired the event.
    pub auth_type: Option<i64>,
    /// Online or offline.
    pub event_type: EventType,
    /// Source key for offline events (`auth_connector`): changes made with
    /// this key do not queue events.
    pub auth_connector: Option<String>,
    /// Event-specific settings (`options`), e.g. `{"minTimeout": 5}` for ONOFFLINEEVENT.
    pub options: Option<Map<String, Value>>,
}

impl BindOptions {
    /// Online, with defaults.
    pub fn new() -> Self {
        Self::default()
    }
    /// Offline, with defaults.
    pub fn offline() -> Self {
        Self {
            event_type: EventType::Offline,
            ..Self::default()
        }
    }
    /// Sets `auth_type`.
    #[must_use]
    pub fn auth_type(mut self, user_id: i64) -> Self {
        self.auth_type = Some(user_id);
        self
    }
    /// Sets `auth_connector`.
    #[must_use]
    pub fn auth_connector(mut self, key: impl Into<String>) -> Self {
        self.auth_connector = Some(key.into());
        self
    }
    /// Sets `options`.
    #[must_use]
    pub fn options(mut self, options: Map<String, Value>) -> Self {
        self.options = Some(options);
        self
    }
}

/// One row of `event.get`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BoundHandler {
    /// The event code, upper case.
    pub event: String,
    /// The handler URL (empty for offline bindings without one).
    pub handler: String,
    /// The user the handler is authorized as; `None` (sent as `0`): the
    /// user who fired the event.
    pub auth_type: Option<i64>,
    /// Whether it is an offline binding.
    pub offline: bool,
    /// Keys not listed above.
    pub extra: Map<String, Value>,
}

impl BoundHandler {
    fn from_value(v: Value) -> Option<BoundHandler> {
        let Value::Object(mut m) = v else { return None };
        let text = lenient::text_or_empty;
        let int = |v: Option<Value>| v.and_then(|v| lenient::to_i64(&v).ok());
        let event = text(m.remove("event"));
        let handler = text(m.remove("handler"));
        let auth_type = int(m.remove("auth_type")).filter(|u| *u != 0);
        let offline = int(m.remove("offline")).unwrap_or(0) != 0;
        Some(BoundHandler {
            event,
            handler,
            auth_type,
            offline,
            extra: m,
        })
    }
}

fn bind_params(code: &str, handler: &str, opts: &BindOptions, unbind: bool) -> Value {
    let mut p = Map::new();
    p.insert("event".into(), json!(code));
    if !handler.is_empty() {
        p.insert("handler".into(), json!(handler));
    }
    if let Some(u) = opts.auth_type {
        p.insert("auth_type".into(), json!(u));
    }
    if opts.event_type != EventType::Online {
        p.insert("event_type".into(), json!(opts.event_type.wire()));
    }
    if !unbind {
        if let Some(c) = &opts.auth_connector {
            p.insert("auth_connector".into(), json!(c));
        }
        if let Some(o) = &opts.options {
            p.insert("options".into(), Value::Object(o.clone()));
        }
    }
    Value::Object(p)
}

/// Typed `event.*` helpers. They need application (OAuth) authorization:
/// the portal refuses `event.*` to webhooks.
impl Client {
    /// `event.bind` of event `E` to `handler` (online, defaults).
    pub async fn bind<E: RestEvent>(&self, handler: &str) -> Result<(), Error> {
        self.bind_code(E::CODE, handler, BindOptions::default())
            .await
    }

    /// `event.bind` of event `E` with options (offline, `auth_type`, ...).
    pub async fn bind_with<E: RestEvent>(
        &self,
        handler: &str,
        opts: BindOptions,
    ) -> Result<(), Error> {
        self.bind_code(E::CODE, handler, opts).await
    }

    /// `event.unbind` of event `E` from `handler`; the number removed.
    pub async fn unbind<E: RestEvent>(&self, handler: &str) -> Result<u64, Error> {
        self.unbind_code(E::CODE, handler, BindOptions::default())
            .await
    }

    /// `event.bind` by code, for events without a generated type.
    pub async fn bind_code(
        &self,
        code: &str,
        handler: &str,
        opts: BindOptions,
    ) -> Result<(), Error> {
        const M: &str = "event.bind";
        let env = self
            .raw(M)
            .params(bind_params(code, handler, &opts, false))
            .send()
            .await?;
        match env.result {
            Value::Bool(true) => Ok(()),
            other => Err(Error::decode(
                M,
                Some(200),
                format!("expected `true`, got {other}"),
            )),
        }
    }

    /// `event.unbind` by code (`auth_type` and `event_type` of `opts` apply).
    pub async fn unbind_code(
        &self,
        code: &str,
        handler: &str,
        opts: BindOptions,
    ) -> Result<u64, Error> {
        const M: &str = "event.unbind";
        let env = self
            .raw(M)
            .params(bind_params(code, handler, &opts, true))
            .send()
            .await?;
        let count = env
            .result
            .get("count")
            .and_then(|c| lenient::to_u64(c).ok());
        count.ok_or_else(|| {
            Error::decode(
                M,
                Some(200),
                format!("expected {{\"count\": n}}, got {}", env.result),
            )
        })
    }

    /// `event.get`: the handlers bound by this app.
    pub async fn bound_handlers(&self) -> Result<Vec<BoundHandler>, Error> {
        const M: &str = "event.get";
        let env = self.raw(M).send().await?;
        let Value::Array(rows) = env.result else {
            return Err(Error::decode(M, Some(200), "expected an array"));
        };
        rows.into_iter()
            .map(|r| {
                BoundHandler::from_value(r)
                    .ok_or_else(|| Error::decode(M, Some(200), "a row is not an object"))
            })
            .collect()
    }

    /// The offline queue as a stream of typed events (`event.offline.get`).
    /// See [`OfflineOptions`] for clearing, following and error records.
    pub fn offline_events<E: RestEvents>(
        &self,
        opts: OfflineOptions,
    ) -> impl Stream<Item = Result<OfflineEvent<E>, OfflineError>> + Send + 'static {
        offline::events(self.clone(), opts)
    }

    /// The offline queue as reserved batches (`clear=0`) that the consumer
    /// acknowledges with [`OfflineBatch::finish`] once handled.
    pub fn offline_batches<E: RestEvents>(
        &self,
        opts: OfflineOptions,
    ) -> impl Stream<Item = Result<OfflineBatch<E>, Error>> + Send + 'static {
        offline::batches(self.clone(), opts)
    }
}
