//! A REST-event app from the first line to a typed delivery, against the
//! embedded emulator (which is the portal and the authorization server):
//! `cargo run --example rest_events_app`.
//!
//! 1. The app serves one handler URL. The portal POSTs ONAPPINSTALL there;
//!    the receiver verifies it with `app.info` on the authorization server,
//!    stores the portal's `application_token` and hands the OAuth tokens to
//!    the token store.
//! 2. An OAuth client on that token store calls the portal as the app.
//! 3. `client.bind::<OnCrmDealAdd>(url)` subscribes the handler URL
//!    (`event.bind` needs the app's OAuth context: webhooks cannot bind).
//! 4. A new deal makes the portal deliver ONCRMDEALADD; the receiver checks
//!    its `application_token` and calls the typed `RestHandler` method with
//!    the delivery context (which portal sent it).
//!
//! Exits 0 once the deal's event arrived, 1 if it did not within 20 s.

use std::sync::Arc;
use std::time::Duration;

use b24::basic::common;
use b24::crm::deals as crm_deals;
use b24::events::{AuthServer, DeliveryContext, MemoryInstallStore, Receiver};
use b24::{Client, MemoryTokenStore, OAuthCredentials};
use tokio::sync::mpsc;

b24::rest_events! {
    /// Everything this app hears at its one handler URL.
    enum AppEvent {
        App(b24::basic::common),
        Deals(crm_deals),
    }
}

/// The app's typed handlers; each reports to `main`.
struct App(mpsc::UnboundedSender<String>);

impl common::RestHandler for App {
    async fn on_app_install(&self, _data: common::OnAppInstall, ctx: DeliveryContext) {
        let portal = ctx.auth.domain.unwrap_or_default();
        let _ = self.0.send(format!("installed on {portal}"));
    }
}

impl crm_deals::RestHandler for App {
    async fn on_crm_deal_add(&self, data: crm_deals::OnCrmDealAdd, ctx: DeliveryContext) {
        let id = data.fields.and_then(|f| f.id).unwrap_or_default();
        let portal = ctx.auth.member_id.unwrap_or_default();
        let _ = self.0.send(format!("deal {id} added on portal {portal}"));
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emu = b24_emulator::Emulator::builder().start().await?;

    // Tokens the client uses; installs land in both stores.
    let tokens = Arc::new(MemoryTokenStore::default());
    let installs = Arc::new(MemoryInstallStore::with_token_store(tokens.clone()));

    let (tx, mut inbox) = mpsc::unbounded_channel();
    let app = Arc::new(App(tx));
    let on_event = move |e: AppEvent, ctx: DeliveryContext| {
        let app = app.clone();
        async move { e.dispatch(&*app, ctx).await }
    };
    // In production the default authorization server is right
    // (https://oauth.bitrix.info/rest/); here the emulator plays it.
    let receiver = Receiver::<AppEvent, _>::builder(on_event, installs.clone())
        .auth_server(AuthServer::new(emu.rest_url()))
        .build();
    let router = axum::Router::new().route("/b24/events", b24::axum::rest_events_route(receiver));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/b24/events", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });

    // 1. Install: the portal POSTs ONAPPINSTALL to the handler URL.
    emu.install(1, &url).await?;
    println!("{}", next(&mut inbox).await?);
    println!("installed portals: {}", installs.len());

    // 2. The OAuth client, on the tokens the install delivered.
    let oauth = emu.oauth_app();
    let client = Client::builder()
        .oauth_shared(
            OAuthCredentials::new(oauth.client_id, oauth.client_secret),
            tokens,
        )
        .build()?;

    // 3. Subscribe the handler URL to a typed event.
    client.bind::<crm_deals::OnCrmDealAdd>(&url).await?;
    println!("bound ONCRMDEALADD -> {url}");

    // 4. A new deal; its event arrives typed.
    let id = client
        .raw("crm.deal.add")
        .params(serde_json::json!({"fields": {"TITLE": "From the example"}}))
        .send()
        .await?
        .result;
    println!("crm.deal.add -> {id}");
    println!("{}", next(&mut inbox).await?);
    Ok(())
}

async fn next(inbox: &mut mpsc::UnboundedReceiver<String>) -> Result<String, String> {
    match tokio::time::timeout(Duration::from_secs(20), inbox.recv()).await {
        Ok(Some(m)) => Ok(m),
        _ => Err("no event within 20 s".into()),
    }
}
