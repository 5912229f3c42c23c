//! The README's main command: `cargo run --example call_card`.
//!
//! Starts the embedded emulator and an example app whose
//! PAGE_BACKGROUND_WORKER handler is the widget bridge, binds the placement
//! with the typed `placement.bind`, registers an external call with
//! `telephony.externalCall.register`, and prints the portal page's URL. Open
//! it in a browser and click the call card's buttons: each typed event is
//! printed here.
//!
//! With `B24_WEBHOOK_URL` set it talks to that real portal instead (the app
//! must then be reachable from the browser at `B24_APP_URL`, and
//! `placement.bind` needs an application context, not a webhook).

#[path = "../tests/browser/demo.rs"]
mod demo;

#[tokio::main]
async fn main() {
    let demo = demo::start_app(true, None).await;
    let handler = match std::env::var("B24_APP_URL") {
        Ok(u) => format!("{}/placement/", u.trim_end_matches('/')),
        Err(_) => format!("{}/placement/", demo.url),
    };
    println!("app: placement handler at {handler}");

    let (rest, page, _emu) = match std::env::var("B24_WEBHOOK_URL") {
        Ok(hook) => {
            let rest = b24::Client::from_webhook(&hook).expect("B24_WEBHOOK_URL");
            let portal = hook.split("/rest/").next().unwrap_or(&hook).to_owned();
            (rest, format!("{portal}/"), None)
        }
        Err(_) => {
            let emu = b24_emulator::Emulator::builder()
                .start()
                .await
                .expect("emulator");
            let rest = demo::app_client(&emu);
            let page = format!("{}/portal/?user=1", emu.base_url());
            (rest, page, Some(emu))
        }
    };

    match demo::bind(&rest, &handler).await {
        Ok(()) => println!("placement.bind PAGE_BACKGROUND_WORKER -> {handler}: ok"),
        Err(e) => println!("placement.bind failed: {e}"),
    }
    match demo::register_call(&rest, "+19001234567").await {
        Ok(r) => println!("telephony.externalCall.register: {r}"),
        Err(e) => println!("telephony.externalCall.register failed: {e}"),
    }
    println!("\nOpen the portal page and click the call card's buttons:\n\n    {page}\n");
    let ctx = demo.bridge.wait_ready(1).await;
    println!(
        "widget ready (session {}, frame client {})",
        ctx.session,
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
