//! The REST events generated from the imported `specs/events/` files,
//! end to end against the emulator: the app is installed (ONAPPINSTALL
//! stores its token), binds typed events with `event.bind`, REST calls
//! trigger them, and the axum route delivers them to typed handlers.

use std::sync::Arc;
use std::time::Duration;

use b24::basic::common;
use b24::crm::deals as crm_deals;
use b24::events::{AuthServer, DeliveryContext, MemoryInstallStore, Receiver};
use b24::telephony::telephony;
use b24::{Client, MemoryTokenStore, OAuthCredentials};
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
    auth: &AuthServer,
) -> (axum::Router, String, mpsc::UnboundedReceiver<E>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let on_event = move |e: E, _ctx: DeliveryContext| {
        let tx = tx.clone();
        async move {
            let _ = tx.send(e);
        }
    };
    let receiver = Receiver::<E, _>::builder(on_event, store)
        .auth_server(auth.clone())
        .build();
    let router = router.route(path, b24::axum::rest_events_route(receiver));
    (router, format!("{base}{path}"), rx)
}

async fn next<E>(rx: &mut mpsc::UnboundedReceiver<E>) -> E {
    tokio::time::timeout(WAIT, rx.recv())
        .await
        .expect("an event in time")
        .expect("open")
}

/// Registers an external call (the emulator then fires ONVOXIMPLANTCALLINIT);
/// its CALL_ID.
async fn register_call(client: &Client) -> String {
    let call = client
        .raw("telephony.externalCall.register")
        .params(json!({"USER_ID": 1, "PHONE_NUMBER": "+19001234567", "TYPE": 2}))
        .send()
        .await
        .unwrap()
        .result;
    call["CALL_ID"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn imported_events_arrive_typed() {
    let emu = b24_emulator::Emulator::builder().start().await.unwrap();
    let tokens = Arc::new(MemoryTokenStore::default());
    let store = Arc::new(MemoryInstallStore::with_token_store(tokens.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());

    // The emulator plays the authorization server that verifies installs.
    let auth = AuthServer::new(emu.rest_url());
    let router = axum::Router::new();
    let (router, install_url, mut installs) =
        route::<common::RestEvent>(router, &base, "/events/app", store.clone(), &auth);
    let (router, crm_url, mut crm) =
        route::<crm_deals::RestEvent>(router, &base, "/events/crm", store.clone(), &auth);
    let (router, tel_url, mut tel) =
        route::<telephony::RestEvent>(router, &base, "/events/telephony", store.clone(), &auth);
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
        .oauth_shared(
            OAuthCredentials::new(app.client_id, app.client_secret),
            tokens,
        )
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
        .bind::<telephony::OnVoximplantCallInit>(&tel_url)
        .await
        .unwrap();
    client
        .bind::<telephony::OnVoximplantCallEnd>(&tel_url)
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
        .raw("crm.deal.add")
        .params(json!({"fields": {"TITLE": "From the test"}}))
        .send()
        .await
        .unwrap()
        .result;
    let ev = next(&mut crm).await;
    let crm_deals::RestEvent::OnCrmDealAdd(deal) = ev else {
        panic!("{ev:?}")
    };
    assert_eq!(deal.fields.and_then(|f| f.id), id.as_i64());

    let call_id = register_call(&client).await;
    let telephony::RestEvent::OnVoximplantCallInit(init) = next(&mut tel).await else {
        panic!("init")
    };
    assert_eq!(init.call_id.as_deref(), Some(call_id.as_str()));

    client
        .raw("telephony.externalCall.finish")
        .params(json!({"CALL_ID": call_id, "USER_ID": 1, "DURATION": 42}))
        .send()
        .await
        .unwrap();
    let telephony::RestEvent::OnVoximplantCallEnd(end) = next(&mut tel).await else {
        panic!("end")
    };
    assert_eq!(end.call_id.as_deref(), Some(call_id.as_str()));
    assert_eq!(end.call_duration, Some(42));
}

b24::rest_events! {
    /// What the app below hears at its one handler URL.
    enum AppEvent {
        App(b24::basic::common),
        Deals(crm_deals),
        Telephony(b24::telephony::telephony),
    }
}

/// Implements the handler trait of every module of `AppEvent`; each method
/// reports which one was called.
struct App(mpsc::UnboundedSender<String>);

impl common::RestHandler for App {
    async fn on_app_install(&self, data: common::OnAppInstall, ctx: DeliveryContext) {
        let _ = data;
        // Each handler knows its portal.
        assert!(ctx.auth.member_id.is_some());
        let _ = self.0.send("install".into());
    }
}
impl crm_deals::RestHandler for App {
    async fn on_crm_deal_add(&self, data: crm_deals::OnCrmDealAdd, ctx: DeliveryContext) {
        let id = data.fields.and_then(|f| f.id).unwrap_or_default();
        let domain = ctx.auth.domain.unwrap_or_default();
        let _ = self.0.send(format!("deal {id} from {domain}"));
    }
}
impl telephony::RestHandler for App {
    async fn on_voximplant_call_init(
        &self,
        data: telephony::OnVoximplantCallInit,
        _ctx: DeliveryContext,
    ) {
        let _ = self
            .0
            .send(format!("call {}", data.call_id.unwrap_or_default()));
    }
    // Typed since the complete docs snapshot has its page.
    async fn on_external_call_start(
        &self,
        data: telephony::OnExternalCallStart,
        _ctx: DeliveryContext,
    ) {
        let _ = self.0.send(format!(
            "click {} {} {}",
            data.call_id.unwrap_or_default(),
            data.phone_number.unwrap_or_default(),
            data.user_id.unwrap_or_default()
        ));
    }
    async fn on_voximplant_call_end(
        &self,
        data: telephony::OnVoximplantCallEnd,
        _ctx: DeliveryContext,
    ) {
        let _ = self.0.send(format!(
            "end {} {}",
            data.call_id.unwrap_or_default(),
            data.call_duration.unwrap_or_default()
        ));
    }
}

#[test]
fn combined_enum_routes_codes_to_modules() {
    use b24::RestEvents as _;
    // Every module's codes, in order, and nothing else.
    let want: Vec<&str> = [
        common::RestEvent::CODES,
        crm_deals::RestEvent::CODES,
        telephony::RestEvent::CODES,
    ]
    .concat();
    assert_eq!(AppEvent::CODES, want.as_slice());

    let ev = AppEvent::decode("onCrmDealAdd", json!({"FIELDS": {"ID": "7"}})).unwrap();
    assert!(
        matches!(&ev, AppEvent::Deals(crm_deals::RestEvent::OnCrmDealAdd(_))),
        "{ev:?}"
    );
    assert_eq!(ev.code(), "ONCRMDEALADD");

    let ev = AppEvent::decode("ONSOMETHINGNEW", json!({"X": 1})).unwrap();
    assert_eq!(
        ev,
        AppEvent::Unknown {
            code: "ONSOMETHINGNEW".into(),
            data: json!({"X": 1})
        }
    );
    assert_eq!(ev.code(), "ONSOMETHINGNEW");

    // A known code with data that does not fit is the module's typed error.
    let err = AppEvent::decode("ONCRMDEALADD", json!({"FIELDS": {"ID": {"no": 1}}})).unwrap_err();
    assert!(err.to_string().contains("ONCRMDEALADD"), "{err}");
}

/// One route for three scopes: the install, a deal and a call arrive at the
/// same URL and reach the right trait's method.
#[tokio::test]
async fn one_route_for_several_scopes() {
    let emu = b24_emulator::Emulator::builder().start().await.unwrap();
    let tokens = Arc::new(MemoryTokenStore::default());
    let store = Arc::new(MemoryInstallStore::with_token_store(tokens.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/events", listener.local_addr().unwrap());

    let (tx, mut rx) = mpsc::unbounded_channel();
    let app = Arc::new(App(tx));
    let on_event = move |e: AppEvent, ctx: DeliveryContext| {
        let app = app.clone();
        async move { e.dispatch(&*app, ctx).await }
    };
    let receiver = Receiver::<AppEvent, _>::builder(on_event, store)
        .auth_server(AuthServer::new(emu.rest_url()))
        .build();
    let router = axum::Router::new().route("/events", b24::axum::rest_events_route(receiver));
    tokio::spawn(async move { axum::serve(listener, router).await });

    emu.install(1, &url).await.unwrap();
    assert_eq!(next(&mut rx).await, "install");
    let app = emu.oauth_app();
    let client = Client::builder()
        .oauth_shared(
            OAuthCredentials::new(app.client_id, app.client_secret),
            tokens,
        )
        .build()
        .unwrap();
    client.bind::<crm_deals::OnCrmDealAdd>(&url).await.unwrap();
    client
        .bind::<telephony::OnVoximplantCallInit>(&url)
        .await
        .unwrap();

    let id = client
        .raw("crm.deal.add")
        .params(json!({"fields": {"TITLE": "One route"}}))
        .send()
        .await
        .unwrap()
        .result;
    let host = emu.base_url().trim_start_matches("http://").to_owned();
    assert_eq!(next(&mut rx).await, format!("deal {id} from {host}"));

    let call_id = register_call(&client).await;
    assert_eq!(next(&mut rx).await, format!("call {call_id}"));

    // Click-to-call in the CRM: the app hears ONEXTERNALCALLSTART and
    // finishes the portal's CALL_ID (then ONVOXIMPLANTCALLEND arrives).
    client
        .bind::<telephony::OnExternalCallStart>(&url)
        .await
        .unwrap();
    client
        .bind::<telephony::OnVoximplantCallEnd>(&url)
        .await
        .unwrap();
    let clicked = emu.click_to_call(1, "+4930999", None).unwrap();
    assert_eq!(next(&mut rx).await, format!("click {clicked} +4930999 1"));
    client
        .raw("telephony.externalCall.finish")
        .params(json!({"CALL_ID": clicked, "USER_ID": 1, "DURATION": 7}))
        .send()
        .await
        .unwrap();
    assert_eq!(next(&mut rx).await, format!("end {clicked} 7"));
}
