//! The REST events generated from the imported `specs/events/` files,
//! end to end against the emulator: the app is installed (ONAPPINSTALL
//! stores its token), binds typed events with `event.bind`, REST calls
//! trigger them, and the axum route delivers them to typed handlers.

use std::sync::Arc;
use std::time::Duration;

use b24::events::{EventContext, EventsExt, MemoryInstallStore, common, crm_deals, telephony};
use b24::{Client, MemoryTokenStore, OAuthApp};
use serde_json::json;
use tokio::sync::mpsc;

/// Hang guard only: the emulator delivers in milliseconds.
const WAIT: Duration = Duration::from_secs(20);

/// Mounts the route of one scope's events and returns its URL and inbox.
fn route<E: b24::RestEvents + std::fmt::Debug>(
    router: axum::Router,
    base: &str,
    path: &str,
    store: Arc<MemoryInstallStore>,
) -> (axum::Router, String, mpsc::UnboundedReceiver<E>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let on_event = move |e: E, _ctx: EventContext| {
        let tx = tx.clone();
        async move {
            let _ = tx.send(e);
        }
    };
    let router = router.route(path, b24::axum::rest_events::<E, _>(on_event, store));
    (router, format!("{base}{path}"), rx)
}

async fn next<E>(rx: &mut mpsc::UnboundedReceiver<E>) -> E {
    tokio::time::timeout(WAIT, rx.recv())
        .await
        .expect("an event in time")
        .expect("open")
}

#[tokio::test]
async fn imported_events_arrive_typed() {
    let emu = b24_emulator::Emulator::builder().start().await.unwrap();
    let tokens = Arc::new(MemoryTokenStore::default());
    let store = Arc::new(MemoryInstallStore::with_token_store(tokens.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());

    let router = axum::Router::new();
    let (router, install_url, mut installs) =
        route::<common::RestEvent>(router, &base, "/events/app", store.clone());
    let (router, crm_url, mut crm) =
        route::<crm_deals::RestEvent>(router, &base, "/events/crm", store.clone());
    let (router, tel_url, mut tel) =
        route::<telephony::RestEvent>(router, &base, "/events/telephony", store.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });

    // Installing POSTs ONAPPINSTALL; the route stores the application token
    // and the OAuth tokens the client then uses.
    let pair = emu.install(1, &install_url).await.unwrap();
    assert!(matches!(
        next(&mut installs).await,
        common::RestEvent::OnAppInstall(_)
    ));
    let app = emu.oauth_app();
    let client = Client::builder()
        .oauth_shared(OAuthApp::new(app.client_id, app.client_secret), tokens)
        .build()
        .unwrap();
    assert_eq!(
        store.installation(&pair.member_id).map(|i| i.domain),
        Some(pair.domain.clone())
    );

    client
        .bind::<crm_deals::OnCrmDealAdd>(&crm_url)
        .await
        .unwrap();
    client
        .bind::<telephony::Onvoximplantcallinit>(&tel_url)
        .await
        .unwrap();
    client
        .bind::<telephony::Onvoximplantcallend>(&tel_url)
        .await
        .unwrap();
    // Events fired by the portal's UI can be bound the same way.
    client
        .bind::<telephony::OnExternalCallStart>(&tel_url)
        .await
        .unwrap();
    let bound = client.bound_handlers().await.unwrap();
    assert_eq!(bound.len(), 4, "{bound:?}");

    let id = client
        .call(
            "crm.deal.add",
            json!({"fields": {"TITLE": "From the test"}}),
        )
        .await
        .unwrap()
        .result;
    let ev = next(&mut crm).await;
    let crm_deals::RestEvent::OnCrmDealAdd(deal) = ev else {
        panic!("{ev:?}")
    };
    assert_eq!(deal.fields.and_then(|f| f.id), id.as_i64());

    let call = client
        .call(
            "telephony.externalCall.register",
            json!({"USER_ID": 1, "PHONE_NUMBER": "+19001234567", "TYPE": 2}),
        )
        .await
        .unwrap()
        .result;
    let call_id = call["CALL_ID"].as_str().unwrap().to_owned();
    let telephony::RestEvent::Onvoximplantcallinit(init) = next(&mut tel).await else {
        panic!("init")
    };
    assert_eq!(init.call_id.as_deref(), Some(call_id.as_str()));

    client
        .call(
            "telephony.externalCall.finish",
            json!({"CALL_ID": call_id, "USER_ID": 1, "DURATION": 42}),
        )
        .await
        .unwrap();
    let telephony::RestEvent::Onvoximplantcallend(end) = next(&mut tel).await else {
        panic!("end")
    };
    assert_eq!(end.call_id.as_deref(), Some(call_id.as_str()));
    assert_eq!(end.call_duration, Some(42));
}
