//! The one router (top layer): REST v2, REST 3.0, OAuth and the test
//! controls under `/_emulator/`.

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::routing::any;

use crate::http::v2::{advance_clock, click_to_call, install_app, oauth_authorize, oauth_token};
use crate::http::{v2, v3};
use crate::state::Portal;

/// The routes of a portal: `/rest/*`, `/oauth/token/`, `/oauth/authorize/`.
/// Merge more routes into it (an HTML portal page, for instance) before
/// serving; see [`crate::EmulatorBuilder::routes`].
pub fn router(portal: Portal) -> Router {
    Router::new()
        .route("/rest/{*path}", any(rest))
        .route("/oauth/token", any(oauth_token))
        .route("/oauth/token/", any(oauth_token))
        .route("/oauth/authorize", any(oauth_authorize))
        .route("/oauth/authorize/", any(oauth_authorize))
        .route("/_emulator/advance", any(advance_clock))
        .route("/_emulator/install", any(install_app))
        .route("/_emulator/click_to_call", any(click_to_call))
        .route("/_emulator/stats", any(stats))
        .with_state(portal)
}

/// `GET /_emulator/stats`: requests, operating seconds per method, refusals.
async fn stats(State(portal): State<Portal>) -> Response {
    v2::json_response(200, &portal.stats().to_json())
}

async fn rest(
    State(portal): State<Portal>,
    Path(path): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // A portal's web server folds repeated slashes, so
    // `/rest/1/code//crm.deal.add/` (an SDK joining a base URL that ends in
    // `/`) reaches the method.
    let path = if path.contains("//") {
        path.split('/')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("/")
            + if path.ends_with('/') { "/" } else { "" }
    } else {
        path
    };
    let arrived = portal.clock().unix();
    let (resp, processing) = crate::cost::processed(async {
        match path.strip_prefix("api/") {
            Some(v3_path) => v3::rest(portal.clone(), v3_path, &headers, body).await,
            None => v2::rest(portal.clone(), path, uri, headers, body).await,
        }
    })
    .await;
    portal.stats_mut().busy.add(arrived, processing);
    if portal.config().hold_processing {
        portal.clock().wait_until(arrived + processing).await;
    }
    resp
}
