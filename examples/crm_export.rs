//! Exports every deal of a portal with the fast list traversal (`start=-1`
//! and an ID cursor, batched), against the embedded emulator:
//! `cargo run --example crm_export`. Prints how many deals were read, the
//! HTTP requests it took and the sum of their opportunities.
//!
//! With `B24_WEBHOOK_URL` set it exports from that portal instead.

use futures::TryStreamExt;

use b24::crm::deals::DealList;

/// Deals seeded into the embedded portal.
const SEEDED: u64 = 2_500;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, emu) = match std::env::var("B24_WEBHOOK_URL") {
        Ok(hook) => (b24::Client::from_webhook(&hook)?, None),
        Err(_) => {
            let emu = b24_emulator::Emulator::builder()
                .seed_deals(SEEDED)
                .start()
                .await?;
            (b24::Client::from_webhook(&emu.webhook_url())?, Some(emu))
        }
    };

    // Typed rows; `.fast()` pages by ID instead of by offset, so the
    // portal never counts the table and the export scales linearly.
    let list = DealList::new().select(vec!["ID".into(), "TITLE".into(), "OPPORTUNITY".into()]);
    let mut deals = client.list(&list).fast();
    let (mut count, mut last_id, mut total) = (0u64, 0i64, 0f64);
    while let Some(deal) = deals.try_next().await? {
        count += 1;
        let id = deal.id.unwrap_or_default();
        if id <= last_id {
            return Err(format!("deal {id} after {last_id}: the traversal went backwards").into());
        }
        last_id = id;
        total += deal.opportunity.unwrap_or_default();
    }
    let stats = client.stats();
    println!("deals exported: {count}");
    println!("last deal ID: {last_id}");
    println!("HTTP requests: {}", stats.http_requests);
    println!("sum of OPPORTUNITY: {total:.2}");
    if emu.is_some() && count != SEEDED {
        return Err(format!("expected {SEEDED} deals, read {count}").into());
    }
    Ok(())
}
