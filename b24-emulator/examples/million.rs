//! Memory and speed figures for 1,000,000 seeded deals (no asserts: run it
//! and read the numbers).
//!
//! ```text
//! cargo run --release -p b24-emulator --example million
//! ```

use std::time::Instant;

use serde_json::{Value, json};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

async fn post(client: &reqwest::Client, url: &str, body: Value) -> Value {
    client
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let before = rss_kib();
    let emu = b24_emulator::Emulator::builder()
        .seed_deals(1_000_000)
        .seed_contacts(1_000_000)
        .bucket(1_000_000, 1000.0)
        .start()
        .await
        .unwrap();
    let started = rss_kib();
    println!(
        "RSS before start: {before} KiB; with 1M deals + 1M contacts seeded: {started} KiB (+{} KiB)",
        started.saturating_sub(before)
    );
    let client = reqwest::Client::new();
    let hook = emu.webhook_url();

    let t = Instant::now();
    let v = post(
        &client,
        &format!("{hook}crm.deal.list"),
        json!({"filter": {">ID": 999_900}, "order": {"ID": "ASC"}, "start": -1}),
    )
    .await;
    println!(
        "crm.deal.list start=-1 >ID near the end: {} rows in {:?}",
        v["result"].as_array().map_or(0, Vec::len),
        t.elapsed()
    );

    let t = Instant::now();
    let v = post(
        &client,
        &format!("{hook}crm.deal.list"),
        json!({"select": ["ID"]}),
    )
    .await;
    println!(
        "crm.deal.list first page with total ({}): {:?}",
        v["total"],
        t.elapsed()
    );

    let t = Instant::now();
    let v = post(
        &client,
        &format!("{hook}crm.deal.list"),
        json!({"filter": {"=STAGE_ID": "WON"}, "select": ["ID"]}),
    )
    .await;
    println!(
        "crm.deal.list filter STAGE_ID=WON with total ({}), full scan: {:?}",
        v["total"],
        t.elapsed()
    );

    let t = Instant::now();
    let v = post(
        &client,
        &format!("{hook}crm.deal.list"),
        json!({"order": {"OPPORTUNITY": "DESC"}, "select": ["ID", "OPPORTUNITY"], "start": 500}),
    )
    .await;
    println!(
        "crm.deal.list order by OPPORTUNITY DESC, start=500 (top-k sort over 1M): {:?}; first {}",
        t.elapsed(),
        v["result"][0]
    );

    let cmd: Vec<String> = (0..50)
        .map(|i| {
            format!(
                "crm.deal.list?start=-1&order[ID]=ASC&filter[>ID]={}&select[]=ID&select[]=TITLE",
                500_000 + i * 50
            )
        })
        .collect();
    let t = Instant::now();
    let v = post(&client, &format!("{hook}batch"), json!({"cmd": cmd})).await;
    let rows: usize = v["result"]["result"].as_array().map_or(0, |a| {
        a.iter().map(|x| x.as_array().map_or(0, Vec::len)).sum()
    });
    println!(
        "batch of 50 fast list pages: {rows} rows in {:?}",
        t.elapsed()
    );

    let t = Instant::now();
    for i in 0..1000 {
        post(
            &client,
            &format!("{hook}crm.deal.update"),
            json!({"id": i * 997 + 1, "fields": {"TITLE": "edited"}}),
        )
        .await;
    }
    println!("1000 updates: {:?}; RSS now {} KiB", t.elapsed(), rss_kib());
    emu.shutdown().await;
}
