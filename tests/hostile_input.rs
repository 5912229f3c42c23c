//! Hostile input, as a table: forged tokens, other portals, replayed
//! installs, foreign domains and endpoints, oversized and broken bodies,
//! unknown events and wrong application tokens, against the event route,
//! the widget bridge's opening and a plain `VerifiedPlacement` page. Each
//! case gets its refusal (status and error kind), none panics, none reaches
//! a handler (handler calls are counted), and no request makes the app call
//! a host taken from the request. The emulator is the portal and the
//! authorization server; everything runs offline.
//!
//! Run with `--nocapture` to see the case -> outcome table.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::FromRef;
use axum::routing::post;
use b24::axum::{Bridge, PlacementVerifier, VerifiedPlacement};
use b24::crm::deals as crm_deals;
use b24::events::{AuthServer, DeliveryContext, MemoryInstallStore, Receiver};
use b24::placements::page_background_worker as pbw;
use serde_json::json;

b24::rest_events! {
    /// What the hostile app listens to.
    enum AppEvent {
        App(b24::basic::common),
        Deals(crm_deals),
    }
}

/// A hand-written `PLACEMENT_OPTIONS` type for the plain page.
#[derive(Debug, serde::Deserialize)]
struct CardOptions {
    #[serde(rename = "CALL_ID")]
    call_id: String,
}

impl b24::placement_options::PlacementOptions for CardOptions {
    const PLACEMENT: &'static str = "CALL_CARD";
}

#[derive(Clone)]
struct PageState {
    verifier: PlacementVerifier,
    hits: Arc<AtomicU64>,
}

impl FromRef<PageState> for PlacementVerifier {
    fn from_ref(s: &PageState) -> Self {
        s.verifier.clone()
    }
}

async fn page(
    axum::extract::State(s): axum::extract::State<PageState>,
    p: VerifiedPlacement<CardOptions>,
) -> String {
    s.hits.fetch_add(1, Ordering::SeqCst);
    format!(
        "{} {} {}",
        p.options.call_id,
        p.portal.member_id,
        p.portal.user_id.unwrap_or(0)
    )
}

struct Rig {
    http: reqwest::Client,
    app: String,
    /// Handler calls: REST events, bridge openings (user resolver runs
    /// after verification), plain pages.
    events: Arc<AtomicU64>,
    openings: Arc<AtomicU64>,
    pages: Arc<AtomicU64>,
    /// Requests that reached the "foreign" host a request named.
    foreign_hits: Arc<AtomicU64>,
    foreign: String,
}

impl Rig {
    async fn post(&self, path: &str, content_type: &str, body: Vec<u8>) -> (u16, String) {
        let r = self
            .http
            .post(format!("{}{path}", self.app))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap_or_default())
    }
    /// A deal event and a bridge opening: their statuses.
    async fn event_and_opening(&self, event: Vec<u8>, opening: &[u8]) -> (u16, u16) {
        let (e, _) = self.post("/events", FORM, event).await;
        let (o, _) = self.post("/placement/", FORM, opening.to_vec()).await;
        (e, o)
    }
    fn counts(&self) -> (u64, u64, u64) {
        (
            self.events.load(Ordering::SeqCst),
            self.openings.load(Ordering::SeqCst),
            self.pages.load(Ordering::SeqCst),
        )
    }
}

const FORM: &str = "application/x-www-form-urlencoded";

fn form(v: &serde_json::Value) -> Vec<u8> {
    b24_form::encode(v).into_bytes()
}

#[tokio::test]
async fn hostile_input_is_refused() {
    let emu = b24_emulator::Emulator::builder().start().await.unwrap();
    let auth = AuthServer::new(emu.rest_url());
    let store = Arc::new(MemoryInstallStore::new());

    // A host the attacker names in its requests; it must never be called.
    let foreign_hits = Arc::new(AtomicU64::new(0));
    let fh = foreign_hits.clone();
    let foreign_app = axum::Router::new().fallback(move || {
        let fh = fh.clone();
        async move {
            fh.fetch_add(1, Ordering::SeqCst);
            axum::Json(json!({"result": {"install": {"member_id": "x"}}, "user_id": 1}))
        }
    });
    let fl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let foreign = format!("http://{}", fl.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(fl, foreign_app).await });

    let events = Arc::new(AtomicU64::new(0));
    let ev = events.clone();
    let on_event = move |_e: AppEvent, _ctx: DeliveryContext| {
        let ev = ev.clone();
        async move {
            ev.fetch_add(1, Ordering::SeqCst);
        }
    };
    let rx = Receiver::<AppEvent, _>::builder(on_event, store.clone())
        .auth_server(auth.clone())
        .build();

    let openings = Arc::new(AtomicU64::new(0));
    let op = openings.clone();
    let bridge: Bridge<pbw::Event> = Bridge::builder()
        .auth_server(auth.clone())
        .installs(store.clone())
        .user_resolver(move |_r| {
            let op = op.clone();
            async move {
                op.fetch_add(1, Ordering::SeqCst);
                Ok(1)
            }
        })
        .build();
    let pages = Arc::new(AtomicU64::new(0));
    let state = PageState {
        verifier: PlacementVerifier::new(auth.clone(), store.clone()),
        hits: pages.clone(),
    };
    let router = axum::Router::new()
        .route("/card", post(page))
        .with_state(state)
        .route("/events", b24::axum::rest_events_route(rx))
        .merge(bridge.router("/placement"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    let rig = Rig {
        http: reqwest::Client::new(),
        app,
        events,
        openings,
        pages,
        foreign_hits,
        foreign,
    };

    // The genuine install, then genuine traffic: the controls.
    let pair = emu
        .install(1, &format!("{}/events", rig.app))
        .await
        .unwrap();
    assert!(store.installation(&pair.member_id).is_some());
    let user = emu.authorize(1, &[]);
    let (m, d, tok) = (&pair.member_id, &pair.domain, &pair.application_token);

    let opening = |auth_id: &str, member: &str, domain: &str, placement: &str, opts: &str| {
        form(&json!({
            "DOMAIN": domain, "PROTOCOL": "0", "LANG": "en", "APP_SID": "s",
            "AUTH_ID": auth_id, "AUTH_EXPIRES": "3600", "REFRESH_ID": "r",
            "member_id": member, "status": "L", "PLACEMENT": placement,
            "PLACEMENT_OPTIONS": opts,
        }))
    };
    let deal_event = |member: &str, app_token: &str, event: &str, id: u64| {
        form(&json!({
            "event": event, "event_handler_id": "3", "ts": id.to_string(),
            "data": {"FIELDS": {"ID": id.to_string()}},
            "auth": {"domain": d, "member_id": member, "application_token": app_token},
        }))
    };
    let install = |access: &str, member: &str, domain: &str, app_token: &str, endpoint: &str| {
        form(&json!({
            "event": "ONAPPINSTALL", "event_handler_id": "0", "ts": "1",
            "data": {"VERSION": "1", "ACTIVE": "Y", "INSTALLED": "Y", "LANGUAGE_ID": "en"},
            "auth": {
                "access_token": access, "expires_in": "3600", "domain": domain,
                "member_id": member, "application_token": app_token, "refresh_token": "r",
                "server_endpoint": endpoint, "client_endpoint": endpoint,
            },
        }))
    };
    let pbw_code = pbw::PLACEMENT;
    let good_opts = r#"{"CALL_ID":"c1"}"#;
    let other_member = "0123456789abcdef0123456789abcdef";
    let forged = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
    let big = vec![b'a'; 3 * 1024 * 1024];
    let foreign_rest = format!("{}/rest/", rig.foreign);

    // Controls: genuine requests pass and reach their handler once each.
    let (before_ev, before_op, before_pg) = rig.counts();
    let genuine_opening = opening(&user.access_token, m, d, pbw_code, "{}");
    let genuine = rig
        .event_and_opening(deal_event(m, tok, "ONCRMDEALADD", 1), &genuine_opening)
        .await;
    assert_eq!(genuine, (200, 200));
    let (s, body) = rig
        .post(
            "/card",
            FORM,
            opening(&user.access_token, m, d, "CALL_CARD", good_opts),
        )
        .await;
    assert_eq!((s, body), (200, format!("c1 {m} 1")));
    for _ in 0..100 {
        if rig.counts().0 > before_ev {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(rig.counts(), (before_ev + 1, before_op + 1, before_pg + 1));

    // (case, path, content type, body, expected status, the error kind
    // the answer names).
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        Vec<u8>,
        u16,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        // Placement openings: the bridge and a plain page.
        (
            "bridge: forged AUTH_ID",
            "/placement/",
            FORM,
            opening(forged, m, d, pbw_code, "{}"),
            401,
            "token_refused",
        ),
        (
            "bridge: another portal's member_id",
            "/placement/",
            FORM,
            opening(&user.access_token, other_member, d, pbw_code, "{}"),
            401,
            "not_installed",
        ),
        (
            "bridge: DOMAIN pointing elsewhere",
            "/placement/",
            FORM,
            opening(&user.access_token, m, "evil.example", pbw_code, "{}"),
            401,
            "domain_mismatch",
        ),
        (
            "bridge: oversized body",
            "/placement/",
            FORM,
            big.clone(),
            413,
            "length limit",
        ),
        (
            "bridge: broken body",
            "/placement/",
            FORM,
            b"\xff\xfe%%%&&==".to_vec(),
            400,
            "missing `DOMAIN`",
        ),
        (
            "bridge: broken PLACEMENT_OPTIONS",
            "/placement/",
            FORM,
            opening(&user.access_token, m, d, pbw_code, "{not json"),
            400,
            "PLACEMENT_OPTIONS",
        ),
        (
            "bridge: another placement's form",
            "/placement/",
            FORM,
            opening(&user.access_token, m, d, "CALL_CARD", "{}"),
            400,
            "opened at the handler of",
        ),
        (
            "page: forged AUTH_ID",
            "/card",
            FORM,
            opening(forged, m, d, "CALL_CARD", good_opts),
            401,
            "token_refused",
        ),
        (
            "page: another portal's member_id",
            "/card",
            FORM,
            opening(&user.access_token, other_member, d, "CALL_CARD", good_opts),
            401,
            "not_installed",
        ),
        (
            "page: DOMAIN pointing elsewhere",
            "/card",
            FORM,
            opening(
                &user.access_token,
                m,
                "evil.example",
                "CALL_CARD",
                good_opts,
            ),
            401,
            "domain_mismatch",
        ),
        (
            "page: oversized body",
            "/card",
            FORM,
            big.clone(),
            413,
            "too_large",
        ),
        (
            "page: broken body",
            "/card",
            FORM,
            b"\xff\xfe%%%&&==".to_vec(),
            400,
            "malformed",
        ),
        (
            "page: options of the wrong shape",
            "/card",
            FORM,
            opening(&user.access_token, m, d, "CALL_CARD", r#"{"CALL_ID":5}"#),
            400,
            "bad_options",
        ),
        // Event deliveries and installs.
        (
            "event: wrong application_token",
            "/events",
            FORM,
            deal_event(m, forged, "ONCRMDEALADD", 2),
            401,
            "token_mismatch",
        ),
        (
            "event: another portal's member_id",
            "/events",
            FORM,
            deal_event(other_member, tok, "ONCRMDEALADD", 3),
            401,
            "not_installed",
        ),
        (
            "event: unknown event name",
            "/events",
            FORM,
            deal_event(m, tok, "ONSOMETHINGODD", 4),
            400,
            "unknown_event",
        ),
        (
            "event: oversized body",
            "/events",
            FORM,
            big.clone(),
            413,
            "length limit",
        ),
        (
            "event: broken form body",
            "/events",
            FORM,
            b"\xff\xfe".to_vec(),
            400,
            "malformed",
        ),
        (
            "event: broken JSON body",
            "/events",
            "application/json",
            b"{\"event\":".to_vec(),
            400,
            "malformed",
        ),
        (
            "event: no event name",
            "/events",
            FORM,
            b"auth[member_id]=x".to_vec(),
            400,
            "malformed",
        ),
        (
            "install: forged access token, new portal",
            "/events",
            FORM,
            install(forged, other_member, "evil.example", forged, &foreign_rest),
            401,
            "token_refused",
        ),
        (
            "install: replay with another application_token",
            "/events",
            FORM,
            install(&user.access_token, m, d, forged, &foreign_rest),
            401,
            "install_refused",
        ),
        (
            "install: genuine token, DOMAIN elsewhere",
            "/events",
            FORM,
            install(&user.access_token, m, "evil.example", tok, &foreign_rest),
            401,
            "domain_mismatch",
        ),
        (
            "install: genuine token, another member_id",
            "/events",
            FORM,
            install(&user.access_token, other_member, d, forged, &foreign_rest),
            401,
            "member_mismatch",
        ),
        (
            "install: endpoints pointing elsewhere, forged token",
            "/events",
            FORM,
            install(forged, m, d, tok, &foreign_rest),
            401,
            "token_refused",
        ),
    ];

    let mut table = String::from("| case | status | answer |\n|---|---|---|\n");
    for (name, path, ct, body, want, kind) in cases {
        let before = rig.counts();
        let (status, text) = rig.post(path, ct, body).await;
        table.push_str(&format!(
            "| {name} | {status} | {} |\n",
            text.chars().take(60).collect::<String>()
        ));
        assert_eq!(status, want, "{name}: {text}");
        assert!(
            text.contains(kind),
            "{name}: `{text}` does not name `{kind}`"
        );
        assert_eq!(rig.counts(), before, "{name} reached a handler");
    }
    // Give a wrongly spawned dispatch the chance to show up.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    println!("\n{table}");
    assert_eq!(rig.counts(), (before_ev + 1, before_op + 1, before_pg + 1));
    assert_eq!(
        rig.foreign_hits.load(Ordering::SeqCst),
        0,
        "a request-named host was called"
    );
    // The genuine install's token survived every attempt to replace it.
    assert_eq!(
        store.installation(m).unwrap().application_token.expose(),
        tok.as_str()
    );
    assert!(store.installation(other_member).is_none());

    // Uninstall removes the portal; its openings and events are refused then.
    emu.uninstall(&format!("{}/events", rig.app)).await.unwrap();
    assert!(store.installation(m).is_none());
    let after = rig
        .event_and_opening(deal_event(m, tok, "ONCRMDEALADD", 9), &genuine_opening)
        .await;
    assert_eq!(after, (401, 401));
}
