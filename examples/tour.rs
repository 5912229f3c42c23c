//! The README's tour, runnable against the embedded emulator:
//! `cargo run --example tour`.

use b24::placements::page_background_worker::{self as pbw, Handler};
use futures::TryStreamExt;

struct App;

impl Handler for App {
    async fn on_close_button_click(&self) {
        println!("the operator closed the call card");
    }
    async fn on_quality_meter_click(&self, rating: String) {
        println!("quality rating: {rating}");
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Interface events: decode what BX24.placement.bindEvent delivers, dispatch it.
    let ev = pbw::Event::decode(
        "BackgroundCallCard::qualityMeterClick",
        &[serde_json::json!("4")],
    )?;
    pbw::dispatch(&App, ev).await;
    pbw::dispatch(&App, pbw::Event::CloseButtonClick).await;

    // REST: a local portal with 1,000 seeded deals, reached by webhook.
    let emu = b24_emulator::Emulator::builder()
        .seed_deals(1_000)
        .start()
        .await?;
    let client = b24::Client::from_webhook(&emu.webhook_url())?;

    // A typed method: required parameters are constructor arguments,
    // optional ones setters; the result is a typed struct.
    let deal = client
        .send(&b24::crm::deals::DealGet::new(42))
        .await?
        .result;
    println!("deal 42: {:?} ({:?})", deal.title, deal.stage_id);

    // Any method by name, untyped: the same request loop, limits and retries.
    let raw = client
        .raw("crm.deal.get")
        .params(serde_json::json!({"id": 42}))
        .send()
        .await?;
    println!("deal 42 by name: {}", raw.result["TITLE"]);

    // A typed list as a stream: start=-1 and an ID cursor chained inside
    // batches, several batches in flight, memory flat in the number of rows.
    let list = b24::crm::deals::DealList::new().select(vec!["ID".to_owned(), "TITLE".to_owned()]);
    let mut deals = client.list(&list).fast();
    let mut n = 0;
    while let Some(_deal) = deals.try_next().await? {
        n += 1;
    }
    println!(
        "exported {n} deals in {} HTTP requests",
        client.stats().http_requests
    );
    Ok(())
}
