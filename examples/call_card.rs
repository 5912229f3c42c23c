//! The README's main command: `cargo run --example call_card`.
//!
//! Starts the embedded emulator (the portal and the authorization server)
//! and an example app whose PAGE_BACKGROUND_WORKER handler is the widget
//! bridge. The app is installed first (ONAPPINSTALL, verified with
//! `app.info`): the bridge opens sessions only for an installed portal's
//! verified `AUTH_ID`. Then it binds the placement with the typed
//! `placement.bind`, registers an external call with
//! `telephony.externalCall.register`, and prints the portal page's URL.
//! Open it in a browser and click the call card's buttons: each typed event
//! is printed here.
//!
//! `B24_EXAMPLE_SMOKE=1` (the examples test): the portal opens the placement
//! itself, the example checks the verified session and exits.
//!
//! With `B24_WEBHOOK_URL` set it talks to that real portal instead (the app
//! must then be reachable from the browser at `B24_APP_URL`, installed with
//! its install handler at `{B24_APP_URL}/b24/install`, and `placement.bind`
//! needs an application context, not a webhook).

#[path = "../tests/browser/demo.rs"]
mod demo;

use b24::events::AuthServer;

#[tokio::main]
async fn main() {
    let smoke = std::env::var_os("B24_EXAMPLE_SMOKE").is_some();
    let webhook = std::env::var("B24_WEBHOOK_URL").ok();
    let emu = match webhook {
        Some(_) => None,
        None => Some(
            b24_emulator::Emulator::builder()
                .start()
                .await
                .expect("emulator"),
        ),
    };
    // The real authorization server, or the emulator playing it.
    let auth = emu
        .as_ref()
        .map_or_else(AuthServer::default, |e| AuthServer::new(e.rest_url()));
    let demo = demo::start_verified_app(true, auth).await;
    let app_url = std::env::var("B24_APP_URL")
        .map(|u| u.trim_end_matches('/').to_owned())
        .unwrap_or_else(|_| demo.url.clone());
    let handler = format!("{app_url}/placement/");
    println!("app: placement handler at {handler}");

    let (rest, page) = match (&webhook, &emu) {
        (Some(hook), _) => {
            let rest = b24::Client::from_webhook(hook).expect("B24_WEBHOOK_URL");
            let portal = hook.split("/rest/").next().unwrap_or(hook).to_owned();
            (rest, format!("{portal}/"))
        }
        (None, Some(emu)) => {
            let install = format!("{}{}", demo.url, demo::INSTALL_PATH);
            emu.install(1, &install).await.expect("install");
            println!(
                "installed: {} portal(s) verified by app.info",
                demo.installs.len()
            );
            let page = format!("{}/portal/?user=1", emu.base_url());
            (demo::app_client(emu), page)
        }
        (None, None) => unreachable!("the emulator runs without a webhook"),
    };

    match demo::bind(&rest, &handler).await {
        Ok(()) => println!("placement.bind PAGE_BACKGROUND_WORKER -> {handler}: ok"),
        Err(e) => println!("placement.bind failed: {e}"),
    }
    match demo::register_call(&rest, "+19001234567").await {
        Ok(r) => println!("telephony.externalCall.register: {r}"),
        Err(e) => println!("telephony.externalCall.register failed: {e}"),
    }
    if smoke && let Some(emu) = &emu {
        let opened = emu
            .open_placement(demo::pbw::PLACEMENT, &serde_json::json!({}), 1)
            .await
            .expect("placement opening");
        println!("placement opened by the portal: HTTP {}", opened.status);
        if opened.status != 200 || !opened.body.contains("\"token\"") {
            eprintln!("the verified opening was refused: {}", opened.body);
            std::process::exit(1);
        }
        return;
    }
    println!("\nOpen the portal page and click the call card's buttons:\n\n    {page}\n");
    let ctx = demo.bridge.wait_ready(1).await;
    println!(
        "widget ready (session {}, portal {}, user {}, frame client {})",
        ctx.session,
        ctx.domain,
        ctx.user_id,
        ctx.client.as_deref().unwrap_or("?")
    );
    let title = demo::pbw::CallCardSetCardTitle::new("b24 demo: typed commands work");
    // Commands work once the card is open: wait for its `initialized` event.
    while !demo
        .app
        .events
        .lock()
        .map(|e| {
            e.iter()
                .any(|e| matches!(e, demo::pbw::Event::Initialized(_)))
        })
        .unwrap_or(false)
    {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    match demo.bridge.send(&ctx.session, &title).await {
        Ok(r) => println!("CallCardSetCardTitle -> {r:?}"),
        Err(e) => println!("CallCardSetCardTitle failed: {e}"),
    }
    println!("Ctrl-C to stop.");
    let _ = tokio::signal::ctrl_c().await;
}
