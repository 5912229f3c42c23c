//! OAuth (`/oauth/token/`, `/oauth/authorize/`) and the test controls under `/_emulator/`.

#[allow(unused_imports)]
use super::*;

/// Test control, not part of Bitrix24: `/_emulator/advance?seconds=N` moves
/// the virtual clock, so scripts in other languages can expire tokens or
/// drain the bucket without sleeping.
pub(crate) async fn advance_clock(State(portal): State<Portal>, uri: Uri) -> Response {
    let secs = uri
        .query()
        .and_then(|q| b24_form::parse(q).ok())
        .and_then(|v| {
            v.get("seconds")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<f64>().ok())
        })
        .filter(|s| s.is_finite() && *s >= 0.0 && *s < 1e9);
    match secs {
        Some(s) => {
            portal
                .clock()
                .advance(std::time::Duration::from_secs_f64(s));
            json_response(
                200,
                &json!({"offset": portal.clock().offset().as_secs_f64()}),
            )
        }
        None => json_response(
            400,
            &json!({"error": "INVALID_REQUEST", "error_description": "seconds must be a non-negative number"}),
        ),
    }
}

/// Test control, not part of Bitrix24: `/_emulator/install?handler=URL[&user_id=N]`
/// installs the app as [`crate::Emulator::install`] does (POSTs `ONAPPINSTALL`
/// to the handler) and answers with the token pair.
pub(crate) async fn install_app(State(portal): State<Portal>, uri: Uri) -> Response {
    let q = uri
        .query()
        .and_then(|q| b24_form::parse(q).ok())
        .unwrap_or(Value::Null);
    let handler = q.get("handler").and_then(Value::as_str).unwrap_or("");
    let user_id = q
        .get("user_id")
        .and_then(Value::as_str)
        .and_then(|u| u.parse().ok())
        .unwrap_or(1);
    if handler.is_empty() {
        return json_response(
            400,
            &json!({"error": "INVALID_REQUEST", "error_description": "handler is required"}),
        );
    }
    match portal.install(user_id, handler).await {
        Ok(p) => json_response(200, &json!(p)),
        Err(e) => json_response(
            502,
            &json!({"error": "INSTALL_FAILED", "error_description": e.to_string()}),
        ),
    }
}

/// Test control, not part of Bitrix24:
/// `/_emulator/click_to_call?phone=N[&user_id=N][&entity_type=CONTACT&entity_id=N]`
/// clicks a phone number in the CRM as [`Portal::click_to_call`] does and
/// answers `{"CALL_ID": ...}`.
pub(crate) async fn click_to_call(State(portal): State<Portal>, uri: Uri) -> Response {
    let q = uri
        .query()
        .and_then(|q| b24_form::parse(q).ok())
        .unwrap_or(Value::Null);
    let get = |k: &str| q.get(k).and_then(Value::as_str).unwrap_or("");
    let user_id = get("user_id").parse().unwrap_or(1);
    let entity = match (get("entity_type"), get("entity_id").parse::<u64>()) {
        (t, Ok(id)) if !t.is_empty() => Some((t, id)),
        _ => None,
    };
    match portal.click_to_call(user_id, get("phone"), entity) {
        Ok(call_id) => json_response(200, &json!({"CALL_ID": call_id})),
        Err(e) => json_response(
            400,
            &json!({"error": "INVALID_REQUEST", "error_description": e.to_string()}),
        ),
    }
}

pub(super) fn oauth_error(status: u16, code: &str, description: &str) -> Response {
    json_response(
        status,
        &json!({"error": code, "error_description": description}),
    )
}

/// A text parameter of an OAuth request, empty when absent.
fn text_param(params: &serde_json::Map<String, Value>, key: &str) -> String {
    params
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

pub(crate) async fn oauth_token(
    State(portal): State<Portal>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let params = match read_params(&portal, &uri, &headers, body).await {
        Ok((p, _)) => p,
        Err(e) => return oauth_error(400, "invalid_request", &e.description),
    };
    let get = |k: &str| text_param(&params, k);
    let mut st = portal.lock();
    let now = portal.clock().unix();
    // error-codes.md names the code but no status; oauth.bitrix.info
    // answers 400 (b24pysdk's test_errors_oauth.py, and RFC 6749 5.2 for a
    // client that authenticates in the request body, as apps do here).
    if get("client_id") != st.app.client_id || get("client_secret") != st.app.client_secret {
        return oauth_error(400, "invalid_client", "Invalid client data");
    }
    let (user_id, scopes) = match get("grant_type").as_str() {
        "authorization_code" => match st.codes.remove(&get("code")) {
            Some((u, s, exp)) if exp > now => (u, s),
            _ => return oauth_error(400, "invalid_grant", "Invalid authorization code"),
        },
        "refresh_token" => match st.refresh.remove(&get("refresh_token")) {
            Some(r) if r.expires > now => (r.user_id, r.scopes),
            Some(_) => return oauth_error(400, "invalid_grant", "The refresh token has expired"),
            None => return oauth_error(400, "invalid_grant", "Invalid refresh token"),
        },
        "" => return oauth_error(400, "invalid_request", "grant_type is required"),
        _ => return oauth_error(400, "invalid_request", "Unsupported grant_type"),
    };
    st.app_installed = true;
    let pair = portal.issue(&mut st, user_id, scopes);
    json_response(
        200,
        &json!({
            "access_token": pair.access_token,
            "expires": pair.expires,
            "expires_in": pair.expires_in,
            "scope": pair.scope,
            "domain": pair.domain,
            "server_endpoint": pair.server_endpoint,
            "status": pair.status,
            "client_endpoint": pair.client_endpoint,
            "member_id": pair.member_id,
            "user_id": pair.user_id,
            "refresh_token": pair.refresh_token,
        }),
    )
}

/// The authorisation step without a login form: the emulator's user 1 (or
/// `user_id`) agrees at once, and the code is sent to `redirect_uri` or
/// returned as JSON.
pub(crate) async fn oauth_authorize(
    State(portal): State<Portal>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let params = match read_params(&portal, &uri, &headers, body).await {
        Ok((p, _)) => p,
        Err(e) => return oauth_error(400, "invalid_request", &e.description),
    };
    let get = |k: &str| text_param(&params, k);
    let mut st = portal.lock();
    if get("client_id") != st.app.client_id {
        return oauth_error(401, "invalid_client", "Invalid client data");
    }
    let user_id = get("user_id").parse().unwrap_or(1);
    let code = st.token(32);
    let scopes = st.app.scopes.clone();
    let expires = portal.clock().unix() + 30.0;
    st.codes
        .insert(code.clone(), (user_id, scopes.clone(), expires));
    let cfg = portal.config();
    let answer = json!({
        "code": code,
        "state": get("state"),
        "domain": cfg.domain,
        "member_id": cfg.member_id,
        "scope": scopes.join(","),
        "server_domain": cfg.domain,
    });
    let redirect = get("redirect_uri");
    if redirect.is_empty() {
        return json_response(200, &answer);
    }
    let sep = if redirect.contains('?') { '&' } else { '?' };
    let location = format!("{redirect}{sep}{}", b24_form::encode(&answer));
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}
