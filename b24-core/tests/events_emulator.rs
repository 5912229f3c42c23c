//! REST events end to end against the emulator: install, typed bind,
//! delivery through the axum route, forged tokens, repeats, bad bodies,
//! unbind, and the offline queue.
#![cfg(feature = "axum")]

use std::sync::Arc;
use std::time::Duration;

use b24_core::events::{
    AuthServer, BindOptions, DeliveryContext, MemoryInstallStore, OfflineOptions, Receiver,
};
use b24_core::{Client, MemoryTokenStore, OAuthCredentials, TokenStore};
use b24_emulator::Emulator;
use futures::StreamExt;
use serde_json::json;
use tokio::sync::mpsc;

b24_macros::generate!("tests/specs/events_sample.yaml", runtime = "::b24_core");
use sample_events::{
    OnCrmDealAdd, OnCrmLeadAdd, OnVoximplantCallEnd, OnVoximplantCallInit, RestEvent,
};

/// Hang guard only: the emulator delivers in milliseconds.
const WAIT: Duration = Duration::from_secs(20);

struct App {
    emu: Emulator,
    client: Client,
    url: String,
    events: mpsc::UnboundedReceiver<(RestEvent, DeliveryContext)>,
    store: Arc<MemoryInstallStore>,
}

/// Starts the emulator and an app server, and installs the app: the
/// ONAPPINSTALL delivery stores the application token and the OAuth tokens
/// the client then calls with.
async fn app() -> App {
    let emu = Emulator::builder().start().await.unwrap();
    let tokens = Arc::new(MemoryTokenStore::default());
    let store = Arc::new(MemoryInstallStore::with_token_store(tokens.clone()));
    let (tx, events) = mpsc::unbounded_channel();
    let on_event = move |e: RestEvent, ctx: DeliveryContext| {
        let tx = tx.clone();
        async move {
            let _ = tx.send((e, ctx));
        }
    };
    // The emulator plays the authorization server too.
    let rx = Receiver::<RestEvent, _>::builder(on_event, store.clone())
        .auth_server(AuthServer::new(emu.rest_url()))
        .build();
    let router = axum::Router::new().route("/b24/events", b24_core::events::axum::route(rx));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/b24/events", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });

    let pair = emu.install(1, &url).await.unwrap();
    let inst = store
        .installation(&pair.member_id)
        .expect("ONAPPINSTALL stored");
    assert_eq!(inst.application_token.expose(), pair.application_token);
    let saved = tokens.load().await.unwrap().expect("install tokens saved");
    assert_eq!(saved.access_token.expose(), pair.access_token);

    let a = emu.oauth_app();
    let client = Client::builder()
        .oauth_shared(OAuthCredentials::new(a.client_id, a.client_secret), tokens)
        .build()
        .unwrap();
    let mut app = App {
        emu,
        client,
        url,
        events,
        store,
    };
    // The install itself was dispatched too.
    let (first, ctx) = app.next().await;
    assert!(matches!(first, RestEvent::OnAppInstall(ref i) if i.installed == Some(true)));
    assert_eq!(ctx.auth.member_id.as_deref(), Some(pair.member_id.as_str()));
    app
}

impl App {
    async fn next(&mut self) -> (RestEvent, DeliveryContext) {
        tokio::time::timeout(WAIT, self.events.recv())
            .await
            .expect("an event within the hang guard")
            .expect("channel open")
    }

    async fn post(&self, body: String) -> u16 {
        reqwest::Client::new()
            .post(&self.url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

#[tokio::test]
async fn bind_trigger_and_receive_typed() {
    let mut app = app().await;
    let c = app.client.clone();
    c.bind::<OnCrmDealAdd>(&app.url).await.unwrap();
    c.bind::<OnCrmLeadAdd>(&app.url).await.unwrap();
    c.bind::<OnVoximplantCallInit>(&app.url).await.unwrap();
    c.bind::<OnVoximplantCallEnd>(&app.url).await.unwrap();
    let bound = c.bound_handlers().await.unwrap();
    let mut codes: Vec<&str> = bound.iter().map(|b| b.event.as_str()).collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "ONCRMDEALADD",
            "ONCRMLEADADD",
            "ONVOXIMPLANTCALLEND",
            "ONVOXIMPLANTCALLINIT"
        ]
    );
    assert!(bound.iter().all(|b| b.handler == app.url && !b.offline));

    // crm.deal.add → ONCRMDEALADD.
    let id = c
        .raw("crm.deal.add")
        .params(json!({"fields": {"TITLE": "Event test"}}))
        .send()
        .await
        .unwrap()
        .result;
    let id = id.as_i64().or_else(|| id.as_str()?.parse().ok()).unwrap();
    let (e, ctx) = app.next().await;
    match e {
        RestEvent::OnCrmDealAdd(add) => assert_eq!(add.fields.unwrap().id, id),
        other => panic!("{other:?}"),
    }
    assert!(ctx.event_handler_id.is_some() && ctx.ts.is_some());

    // telephony.externalCall.register with CRM_CREATE → ONCRMLEADADD, ONVOXIMPLANTCALLINIT.
    let reg = c
        .raw("telephony.externalCall.register").params(json!({"USER_ID": 1, "PHONE_NUMBER": "+15550001122", "TYPE": 2, "CRM_CREATE": 1, "SHOW": 0})).send()
        .await
        .unwrap()
        .result;
    let call_id = reg["CALL_ID"].as_str().unwrap().to_owned();
    let (lead, _) = app.next().await;
    assert!(matches!(lead, RestEvent::OnCrmLeadAdd(_)), "{lead:?}");
    let (init, _) = app.next().await;
    match init {
        RestEvent::OnVoximplantCallInit(i) => {
            assert_eq!(i.call_id.as_deref(), Some(call_id.as_str()));
            assert_eq!(i.call_type, Some(2));
            assert_eq!(i.caller_id.as_deref(), Some("+15550001122"));
        }
        other => panic!("{other:?}"),
    }

    // telephony.externalCall.finish → ONVOXIMPLANTCALLEND.
    c.raw("telephony.externalCall.finish")
        .params(json!({"CALL_ID": call_id, "USER_ID": 1, "DURATION": 65, "STATUS_CODE": "200"}))
        .send()
        .await
        .unwrap();
    let (end, _) = app.next().await;
    match end {
        RestEvent::OnVoximplantCallEnd(e) => {
            assert_eq!(e.call_id.as_deref(), Some(call_id.as_str()));
            assert_eq!(e.call_duration, Some(65));
            assert_eq!(e.portal_user_id, Some(1));
        }
        other => panic!("{other:?}"),
    }

    // Unbind one event: the next deal is not delivered, a lead still is.
    assert_eq!(c.unbind::<OnCrmDealAdd>(&app.url).await.unwrap(), 1);
    assert_eq!(c.bound_handlers().await.unwrap().len(), 3);
    c.raw("crm.deal.add")
        .params(json!({"fields": {"TITLE": "Not delivered"}}))
        .send()
        .await
        .unwrap();
    c.raw("crm.lead.add")
        .params(json!({"fields": {"TITLE": "Delivered"}}))
        .send()
        .await
        .unwrap();
    let (next, _) = app.next().await;
    assert!(matches!(next, RestEvent::OnCrmLeadAdd(_)), "{next:?}");
    assert_eq!(<OnCrmDealAdd as b24_core::RestEvent>::SCOPE, "crm");
}

#[tokio::test]
async fn forged_duplicate_and_malformed_deliveries() {
    let mut app = app().await;
    app.client.bind::<OnCrmDealAdd>(&app.url).await.unwrap();
    app.client
        .raw("crm.deal.add")
        .params(json!({"fields": {"TITLE": "A"}}))
        .send()
        .await
        .unwrap();
    let (first, _) = app.next().await;
    assert!(matches!(first, RestEvent::OnCrmDealAdd(_)));

    // The exact body the portal sent, as recorded by the emulator.
    let delivered = app
        .emu
        .wait_deliveries(2, WAIT)
        .await
        .into_iter()
        .rfind(|d| d.event == "ONCRMDEALADD")
        .unwrap();
    assert_eq!(delivered.status, Some(200));

    // A forged token: 401, never dispatched.
    let forged = delivered.body.replace(
        &format!("={}", app.emu.oauth_app().application_token),
        "=00000000000000000000000000000000",
    );
    assert_ne!(forged, delivered.body);
    assert_eq!(app.post(forged).await, 401);
    // A repeat of the real delivery: 200, dispatched once.
    assert_eq!(app.post(delivered.body.clone()).await, 200);
    // Bad bodies: 400.
    assert_eq!(app.post("event[=x&&&".into()).await, 400);
    assert_eq!(
        app.post(format!("event=ONCRMDEALADD&data{}=1", "[a]".repeat(80)))
            .await,
        400
    );
    let bad_data = delivered
        .body
        .replace("data%5BFIELDS%5D%5BID%5D=", "data%5BFIELDS%5D%5BID%5D=x");
    assert_ne!(bad_data, delivered.body);
    assert_eq!(app.post(bad_data).await, 400);

    // The next event through is the next real one: nothing above leaked in.
    app.client
        .raw("crm.deal.add")
        .params(json!({"fields": {"TITLE": "B"}}))
        .send()
        .await
        .unwrap();
    let (second, _) = app.next().await;
    let (RestEvent::OnCrmDealAdd(a), RestEvent::OnCrmDealAdd(b)) = (&first, &second) else {
        panic!("{second:?}")
    };
    assert_ne!(a.fields.as_ref().unwrap().id, b.fields.as_ref().unwrap().id);
    assert!(app.events.try_recv().is_err());
    assert_eq!(app.store.len(), 1);
}

async fn add_deals(c: &Client, n: usize) {
    for i in 0..n {
        c.raw("crm.deal.add")
            .params(json!({"fields": {"TITLE": format!("Offline {i}")}}))
            .send()
            .await
            .unwrap();
    }
}

async fn drain(c: &Client, opts: OfflineOptions) -> Vec<i64> {
    let s = c.offline_events::<RestEvent>(opts);
    futures::pin_mut!(s);
    let mut ids = Vec::new();
    while let Some(item) = s.next().await {
        let ev = item.unwrap();
        match ev.event {
            RestEvent::OnCrmDealAdd(a) => ids.push(a.fields.unwrap().id),
            other => panic!("{other:?}"),
        }
    }
    ids
}

#[tokio::test]
async fn offline_queue_is_drained_exactly_once() {
    let app = app().await;
    let c = &app.client;
    c.bind_with::<OnCrmDealAdd>("", BindOptions::offline())
        .await
        .unwrap();
    assert!(c.bound_handlers().await.unwrap().iter().any(|b| b.offline));

    // clear=1: the portal deletes what it hands out.
    add_deals(c, 5).await;
    let got = drain(c, OfflineOptions::new().limit(2)).await;
    assert_eq!(got.len(), 5);
    let mut uniq = got.clone();
    uniq.dedup();
    assert_eq!(uniq, got);
    assert!(drain(c, OfflineOptions::new()).await.is_empty());

    // clear=0: each page is cleared after the consumer took it.
    add_deals(c, 3).await;
    assert_eq!(
        drain(c, OfflineOptions::new().clear(false).limit(2))
            .await
            .len(),
        3
    );
    assert!(drain(c, OfflineOptions::new()).await.is_empty());

    // Batches: acknowledge some, report the others as failed.
    add_deals(c, 3).await;
    let batches = c.offline_batches::<RestEvent>(OfflineOptions::new());
    futures::pin_mut!(batches);
    let batch = batches.next().await.unwrap().unwrap();
    assert!(batch.process_id.is_some());
    assert_eq!(batch.events.len(), 3);
    let failed = batch.events[0].as_ref().unwrap().id;
    batch.finish(&[failed]).await.unwrap();
    assert!(batches.next().await.is_none());
    assert!(drain(c, OfflineOptions::new()).await.is_empty());
    // The failed record comes back with error=1, once.
    assert_eq!(drain(c, OfflineOptions::new().errors()).await.len(), 1);
    assert!(drain(c, OfflineOptions::new().errors()).await.is_empty());
}

#[tokio::test]
async fn ui_triggered_telephony_events_decode_through_the_route() {
    // ONEXTERNALCALLSTART and ONEXTERNALCALLBACKSTART come from clicks in the
    // portal's UI, which no REST call triggers; post them as the portal would.
    let mut app = app().await;
    let token = app.emu.oauth_app().application_token;
    let member = app.store.member_ids().pop().unwrap();
    for (code, data) in [
        (
            "ONEXTERNALCALLSTART",
            json!({"PHONE_NUMBER": "+15550001122", "USER_ID": "1", "CALL_ID": "c1",
                   "CRM_ENTITY_TYPE": "CONTACT", "CRM_ENTITY_ID": "7", "LINE_NUMBER": "3"}),
        ),
        (
            "ONEXTERNALCALLBACKSTART",
            json!({"PHONE_NUMBER": "+15550001122", "TEXT": "Call me", "VOICE": "ru_RU_female",
                   "CRM_ENTITY_TYPE": "LEAD", "CRM_ENTITY_ID": "8", "LINE_NUMBER": "3"}),
        ),
    ] {
        let body = b24_form::encode(&json!({
            "event": code, "event_handler_id": "99", "data": data, "ts": "1766047124",
            "auth": {"domain": "d", "member_id": member, "application_token": token},
        }));
        assert_eq!(app.post(body).await, 200);
    }
    match app.next().await.0 {
        RestEvent::OnExternalCallStart(s) => {
            assert_eq!(s.user_id, Some(1));
            assert_eq!(s.crm_entity_id, Some(7));
        }
        other => panic!("{other:?}"),
    }
    match app.next().await.0 {
        RestEvent::OnExternalCallBackStart(s) => assert_eq!(s.text.as_deref(), Some("Call me")),
        other => panic!("{other:?}"),
    }
}

/// An allow-list of one portal domain.
struct OnlyDomain(String);

impl b24_core::events::InstallCheck for OnlyDomain {
    fn check<'a>(
        &'a self,
        d: &'a b24_core::events::EventDelivery,
    ) -> futures::future::BoxFuture<'a, Result<(), b24_core::events::StoreError>> {
        let ok = d.auth.domain.as_deref() == Some(self.0.as_str());
        Box::pin(async move {
            if ok {
                Ok(())
            } else {
                Err("portal not allowed".into())
            }
        })
    }
}

/// The install is verified with `app.info` on the configured authorization
/// server; an allow-list [`InstallCheck`] runs after it.
#[tokio::test]
async fn install_is_verified_on_the_auth_server_then_checked() {
    for (allowed, accepted) in [(true, true), (false, false)] {
        let emu = Emulator::builder().start().await.unwrap();
        let host = emu.base_url().trim_start_matches("http://").to_owned();
        let allowed_host = if allowed {
            host
        } else {
            "other.example".into()
        };
        let store = Arc::new(MemoryInstallStore::new());
        let only = OnlyDomain(allowed_host);
        let rx = Receiver::<RestEvent, _>::builder(
            |_e: RestEvent, _c: DeliveryContext| async {},
            store.clone(),
        )
        .auth_server(AuthServer::new(emu.rest_url()))
        .install_check(only)
        .build();
        let router = axum::Router::new().route("/ev", b24_core::events::axum::route(rx));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/ev", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        assert_eq!(emu.install(1, &url).await.is_ok(), accepted);
        assert_eq!(store.len(), usize::from(accepted));
        assert!(
            emu.calls()
                .iter()
                .any(|c| c.method.eq_ignore_ascii_case("app.info"))
        );
    }
}
