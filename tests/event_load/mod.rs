//! Shared by the load test (`tests/rest_events_load.rs`) and the delivery
//! benchmark (`benches/event_delivery.rs`): an app whose REST event route
//! counts every dispatch per deal, and a client that POSTs deliveries with
//! bounded concurrency, timing each.
#![allow(dead_code)] // each user takes what it needs

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use b24::crm::deals as crm_deals;
use b24::events::{DeliveryContext, Installation, MemoryInstallStore, Receiver};
use futures::StreamExt;

pub const MEMBER: &str = "a223c6b3710f85df22e9377d6c4f7553";
pub const TOKEN: &str = "ec1b2074a9d3f5c81b6e40d27a95cf38";

/// Dispatches seen, per deal ID.
pub type Handled = Arc<Mutex<HashMap<i64, u32>>>;

/// The app, listening on a loopback port: its event URL and its counts.
pub async fn start_app(dedup_capacity: usize) -> (String, Handled) {
    let installs = MemoryInstallStore::new();
    installs.insert(Installation::new(MEMBER, "load.bitrix24.com", TOKEN));
    let handled: Handled = Arc::default();
    let h = handled.clone();
    let on_event = move |e: crm_deals::RestEvent, ctx: DeliveryContext| {
        let h = h.clone();
        async move {
            assert_eq!(ctx.auth.member_id.as_deref(), Some(MEMBER));
            if let crm_deals::RestEvent::OnCrmDealAdd(d) = e {
                let id = d.fields.and_then(|f| f.id).unwrap_or(-1);
                *h.lock().unwrap().entry(id).or_default() += 1;
            }
        }
    };
    // Deal events only: no install arrives, so nothing is verified remotely.
    let receiver = Receiver::<crm_deals::RestEvent, _>::builder(on_event, installs)
        .dedup_capacity(dedup_capacity)
        .build();
    let router = axum::Router::new().route("/events", b24::axum::rest_events_route(receiver));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/events", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, handled)
}

/// The form body the portal sends for deal `id` (ts and handler fixed per
/// deal, so a resend is the same delivery).
pub fn deal_add(id: i64) -> String {
    format!(
        "event=ONCRMDEALADD&event_handler_id=7&ts={}&data%5BFIELDS%5D%5BID%5D={id}\
         &auth%5Bdomain%5D=load.bitrix24.com&auth%5Bmember_id%5D={MEMBER}\
         &auth%5Bapplication_token%5D={TOKEN}",
        1_700_000_000 + id
    )
}

/// `unique` deals, then `dups` resends of some of them, in a fixed
/// pseudo-random order (each resend comes after its original's slot).
pub fn schedule(unique: i64, dups: i64) -> Vec<i64> {
    let mut order: Vec<i64> = (1..=unique).collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..dups {
        let id = (next() % unique as u64) as i64 + 1;
        // Somewhere at or after the original's position.
        let at = (id as usize - 1) + (next() % 400) as usize;
        order.insert(at.min(order.len()), id);
    }
    order
}

/// POSTs one delivery per entry of `order`, `concurrency` at a time; the
/// statuses and the latency of each request.
pub async fn deliver(url: &str, order: &[i64], concurrency: usize) -> Vec<(u16, Duration)> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .unwrap();
    futures::stream::iter(order.iter().copied())
        .map(|id| {
            let http = http.clone();
            async move {
                let started = Instant::now();
                let status = http
                    .post(url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(deal_add(id))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0);
                (status, started.elapsed())
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await
}

/// Waits (hang guard only) until `n` deals were handled.
pub async fn wait_handled(handled: &Handled, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while handled.lock().unwrap().len() < n && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
