//! Scope checks and the `auth` block of deliveries.

#[allow(unused_imports)]
use super::*;

/// `true` when every scope in `needed` is granted.
pub(crate) fn has_scope(granted: &[String], needed: &str) -> bool {
    // The docs name the tasks scope both `task` and `tasks`.
    let alias = match needed {
        "task" => "tasks",
        "tasks" => "task",
        other => other,
    };
    needed == "basic" || granted.iter().any(|g| g == needed || g == alias)
}

/// The `auth` block of a delivery, as the docs show it: strings throughout,
/// the refresh token only for app handlers, and the application token last.
pub(crate) fn auth_block(pair: &TokenPair, with_refresh: bool) -> Value {
    let mut auth = json!({
        "access_token": pair.access_token,
        "expires": pair.expires.to_string(),
        "expires_in": pair.expires_in.to_string(),
        "scope": pair.scope,
        "domain": pair.domain,
        "server_endpoint": pair.server_endpoint,
        "status": pair.status,
        "client_endpoint": pair.client_endpoint,
        "member_id": pair.member_id,
        "user_id": pair.user_id.to_string(),
    });
    if with_refresh {
        auth["refresh_token"] = json!(pair.refresh_token);
    }
    auth["application_token"] = json!(pair.application_token);
    auth
}
