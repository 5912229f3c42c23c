//! The bridge's HTTP handlers: the placement opening, the script, events
//! from the widget, its readiness, and the command long-poll and results.

use super::*;

#[derive(Deserialize)]
struct EventPost {
    event: String,
    #[serde(default)]
    args: Vec<Value>,
    seq: u64,
}

#[derive(Deserialize)]
struct CommandResult {
    id: u64,
    #[serde(default)]
    result: Option<Value>,
    #[serde(default, rename = "noReply")]
    no_reply: bool,
    /// A repeating command's callback is registered.
    #[serde(default)]
    bound: bool,
}

/// One call of a repeating command's callback.
#[derive(Deserialize)]
struct CallbackPost {
    id: u64,
    #[serde(default)]
    result: Option<Value>,
    seq: u64,
}

/// JSON safe inside `<script>`: no `</script>`, no HTML comment openers.
pub(super) fn script_json(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

pub(super) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(super) async fn open<E: InterfaceEvents>(
    State(b): State<Bridge<E>>,
    OriginalUri(uri): OriginalUri,
    body: Bytes,
) -> Result<Response, Reject> {
    if body.len() > MAX_OPENING_BODY {
        return Err(b.reject(StatusCode::PAYLOAD_TOO_LARGE, "placement body too large"));
    }
    let req = PlacementRequest::parse(&body)
        .map_err(|e| b.reject(StatusCode::BAD_REQUEST, e.to_string()))?;
    // A family code (`CRM_XXX_DETAIL_ACTIVITY`) serves each of its instances.
    if !crate::typed::placement_code_matches(E::PLACEMENT, &req.placement) {
        return Err(b.reject(
            StatusCode::BAD_REQUEST,
            format!(
                "placement {} opened at the handler of {}",
                req.placement,
                E::PLACEMENT
            ),
        ));
    }
    // No session exists before the authorization server vouched for AUTH_ID.
    let portal = b
        .inner
        .verifier
        .verify(&req)
        .await
        .map_err(|e| b.reject(e.status, format!("{}: {}", e.kind, e.reason)))?;
    let user_id = match &b.inner.resolver {
        Some(r) => r(req.clone())
            .await
            .map_err(|e| b.reject(StatusCode::UNAUTHORIZED, format!("user not resolved: {e}")))?,
        None => portal.as_ref().and_then(|p| p.user_id).unwrap_or(0),
    };
    let domain = portal.map_or_else(|| req.domain.clone(), |p| p.domain);
    let now = b.now();
    let claims = SessionClaims {
        session: token::hex(&token::random_bytes::<16>()),
        member_id: req.member_id.clone(),
        user_id,
        placement: E::PLACEMENT.to_owned(),
        expires: now + b.inner.ttl.as_secs(),
    };
    let token = b.inner.key.issue(&claims);
    {
        let mut sessions = b.lock();
        sessions.retain(|_, s| s.expires > now);
        if sessions.len() >= MAX_SESSIONS
            && let Some(k) = sessions
                .iter()
                .min_by_key(|(_, s)| s.expires)
                .map(|(k, _)| k.clone())
        {
            sessions.remove(&k);
        }
        sessions.insert(
            claims.session.clone(),
            Session {
                ctx: WidgetContext {
                    session: claims.session.clone(),
                    member_id: claims.member_id.clone(),
                    domain,
                    user_id,
                    placement: claims.placement.clone(),
                    client: None,
                },
                expires: claims.expires,
                last_seq: 0,
                ready_order: None,
                queue: VecDeque::new(),
                waiting: HashMap::new(),
                wake: Arc::new(Notify::new()),
            },
        );
    }
    let base = uri.path().trim_end_matches('/').to_owned();
    let mut resp = Html(b.render(&req, &token, &base)).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

pub(super) async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        BRIDGE_JS,
    )
        .into_response()
}

pub(super) async fn event<E: InterfaceEvents>(
    State(b): State<Bridge<E>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, Reject> {
    let (claims, post): (_, EventPost) = b.authenticate_body(&headers, &body, "event body")?;
    // The sequence number is spent before decoding, so a replay of a bad post
    // is refused too.
    let ctx = b.spend(&claims.session, post.seq, |s| s.ctx.clone())?;
    if !b.inner.subscriptions.contains(&post.event.as_str()) {
        return Err(b.reject(
            StatusCode::BAD_REQUEST,
            format!("event `{}` is not subscribed", post.event),
        ));
    }
    let decoded = decode_lenient::<E>(&post.event, &post.args)
        .map_err(|e| b.reject(StatusCode::BAD_REQUEST, e.to_string()))?;
    tracing::debug!(
        event = post.event,
        session = ctx.session,
        "widget bridge event"
    );
    let dispatch = Arc::clone(&b.inner.dispatch);
    CURRENT.scope(ctx.clone(), dispatch(ctx, decoded)).await;
    Ok(StatusCode::NO_CONTENT)
}

/// `B24Frame` hands an empty reply to the callback as `""`, so an event with
/// no data arrives as `[""]`; retry such a post as `[]`.
fn decode_lenient<E: InterfaceEvents>(name: &str, args: &[Value]) -> Result<E, DecodeError> {
    match E::decode(name, args) {
        Err(e @ DecodeError::ArgCount { .. }) if args == [Value::String(String::new())] => {
            E::decode(name, &[]).map_err(|_| e)
        }
        r => r,
    }
}

#[derive(Deserialize)]
struct ReadyPost {
    #[serde(default)]
    client: Option<String>,
}

pub(super) async fn ready<E: InterfaceEvents>(
    State(b): State<Bridge<E>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, Reject> {
    let (claims, post): (_, ReadyPost) = b.authenticate_body(&headers, &body, "ready body")?;
    {
        let mut sessions = b.lock();
        let order = sessions
            .values()
            .filter(|s| s.ready_order.is_some())
            .count() as u64;
        if let Some(s) = sessions.get_mut(&claims.session) {
            if s.ready_order.is_none() {
                s.ready_order = Some(order);
            }
            s.ctx.client = post.client.map(|c| c.chars().take(32).collect());
        }
    }
    b.inner.ready.notify_waiters();
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn poll<E: InterfaceEvents>(
    State(b): State<Bridge<E>>,
    headers: HeaderMap,
) -> Result<Response, Reject> {
    let claims = b.authenticate(&headers)?;
    let deadline = tokio::time::Instant::now() + POLL_HOLD;
    loop {
        let wake = {
            let mut sessions = b.lock();
            let Some(s) = sessions.get_mut(&claims.session) else {
                return Err(b.reject(StatusCode::UNAUTHORIZED, "unknown or closed session"));
            };
            if let Some(cmd) = s.queue.pop_front() {
                return Ok(axum::Json(cmd).into_response());
            }
            Arc::clone(&s.wake)
        };
        // notify_one keeps a permit, so a command queued between the check
        // and this wait is not missed.
        if tokio::time::timeout_at(deadline, wake.notified())
            .await
            .is_err()
        {
            return Ok(StatusCode::NO_CONTENT.into_response());
        }
    }
}

pub(super) async fn result<E: InterfaceEvents>(
    State(b): State<Bridge<E>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, Reject> {
    let (claims, r): (_, CommandResult) = b.authenticate_body(&headers, &body, "command result")?;
    let tx = b.lock().get_mut(&claims.session).and_then(|s| {
        let p = s.waiting.get_mut(&r.id)?;
        let tx = p.reply.take();
        if p.stream.is_none() {
            s.waiting.remove(&r.id);
        }
        tx
    });
    let Some(tx) = tx else {
        return Err(b.reject(
            StatusCode::BAD_REQUEST,
            format!("no command {} waiting", r.id),
        ));
    };
    let reply = if r.bound {
        Reply::Bound
    } else if r.no_reply {
        Reply::Silent
    } else {
        Reply::Result(r.result.unwrap_or(Value::Null))
    };
    // The sender may have timed out meanwhile; nothing to do then.
    let _ = tx.send(reply);
    Ok(StatusCode::NO_CONTENT)
}

/// A call of a repeating command's callback, sequenced with the events (one
/// counter, so a replay of either is refused), handed to the command's
/// stream. `410 Gone` tells the widget the app dropped the stream.
pub(super) async fn callback<E: InterfaceEvents>(
    State(b): State<Bridge<E>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, Reject> {
    let (claims, post): (_, CallbackPost) =
        b.authenticate_body(&headers, &body, "callback body")?;
    let tx = b.spend(&claims.session, post.seq, |s| {
        s.waiting.get(&post.id).and_then(|p| p.stream.clone())
    })?;
    let Some(tx) = tx else {
        return Err(b.reject(
            StatusCode::BAD_REQUEST,
            format!("no repeating command {}", post.id),
        ));
    };
    let value = post.result.unwrap_or(Value::Null);
    // Waits while the app's stream is full, up to the command timeout.
    match tokio::time::timeout(b.inner.command_timeout, tx.send(value)).await {
        Ok(Ok(())) => Ok(StatusCode::NO_CONTENT),
        Ok(Err(_)) => {
            if let Some(s) = b.lock().get_mut(&claims.session) {
                s.waiting.remove(&post.id);
            }
            Ok(StatusCode::GONE)
        }
        Err(_) => {
            tracing::warn!(
                placement = E::PLACEMENT,
                command = post.id,
                "widget bridge: the app does not read a command stream; a callback value was dropped"
            );
            Ok(StatusCode::SERVICE_UNAVAILABLE)
        }
    }
}
