//! REST event throughput: decode + verify + dispatch of one delivery
//! (target: under 10 µs), and events/s through the axum route on loopback.
//!
//! `cargo bench -p b24-core --features axum --bench events`

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use b24_core::events::{
    DeliveryContext, EventDelivery, Installation, MemoryInstallStore, Receiver,
};
use futures::StreamExt;

b24_macros::generate!("tests/specs/events_sample.yaml", runtime = "::b24_core");
use sample_events::RestEvent;

const MEMBER: &str = "a223c6b3710f85df22e9377d6c4f7553";
const TOKEN: &str = "51856fefc120afa4b628cc82d3935cce";

/// An ONCRMDEALADD body as the portal sends it (full OAuth `auth`).
fn deal_add(i: u64) -> String {
    format!(
        "event=ONCRMDEALADD&event_handler_id=185&data%5BFIELDS%5D%5BID%5D={i}&ts={}\
         &auth%5Baccess_token%5D=s6p6eclrvim6da22ft9ch94ekreb52lv&auth%5Bexpires%5D=1766050724\
         &auth%5Bexpires_in%5D=3600&auth%5Bscope%5D=crm&auth%5Bdomain%5D=some-domain.bitrix24.com\
         &auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bstatus%5D=L\
         &auth%5Bclient_endpoint%5D=https%3A%2F%2Fsome-domain.bitrix24.com%2Frest%2F\
         &auth%5Bmember_id%5D={MEMBER}&auth%5Buser_id%5D=1&auth%5Bapplication_token%5D={TOKEN}",
        1766047124 + i / 100
    )
}

/// An ONVOXIMPLANTCALLEND body: twelve data fields.
fn call_end(i: u64) -> String {
    format!(
        "event=ONVOXIMPLANTCALLEND&event_handler_id=7&ts={i}\
         &data%5BCALL_ID%5D=externalCall.7b0c7de811455ef32b18dc5917e4306a.{i}&data%5BCALL_TYPE%5D=1\
         &data%5BPHONE_NUMBER%5D=%2B499061234567&data%5BPORTAL_NUMBER%5D=REST_APP%3A3\
         &data%5BPORTAL_USER_ID%5D=1&data%5BCALL_DURATION%5D=65\
         &data%5BCALL_START_DATE%5D=2026-03-11T15%3A28%3A47%2B03%3A00&data%5BCOST%5D=0.0000\
         &data%5BCOST_CURRENCY%5D=RUB&data%5BCALL_FAILED_CODE%5D=200&data%5BCALL_FAILED_REASON%5D=\
         &data%5BCRM_ACTIVITY_ID%5D=12&auth%5Bdomain%5D=d&auth%5Bmember_id%5D={MEMBER}\
         &auth%5Bapplication_token%5D={TOKEN}"
    )
}

/// Nanoseconds this thread has spent on a CPU (Linux), so time spent
/// descheduled on a busy shared machine does not count.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Runs `f` `n` times in 20 rounds and prints per call: the best and the
/// median round's wall time, and the on-CPU time over all rounds. Returns
/// the on-CPU time (the best round's wall time where that is unavailable).
fn per_op(label: &str, n: u64, mut f: impl FnMut(u64)) -> Duration {
    for i in 0..n / 10 {
        f(i);
    }
    let rounds = 20;
    let per_round = n / rounds;
    let cpu0 = thread_cpu_ns();
    let mut times: Vec<Duration> = (0..rounds)
        .map(|r| {
            let t = Instant::now();
            for i in 0..per_round {
                f(n + r * per_round + i);
            }
            t.elapsed() / per_round as u32
        })
        .collect();
    let cpu = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) => Some(Duration::from_nanos((b - a) / (rounds * per_round))),
        _ => None,
    };
    times.sort();
    let (best, median) = (times[0], times[times.len() / 2]);
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "{label:<66} wall best {:>6.2} µs, median {:>6.2} µs; on-CPU {:>6.2} µs",
        us(best),
        us(median),
        us(cpu.unwrap_or(best))
    );
    cpu.unwrap_or(best)
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let store = Arc::new(MemoryInstallStore::new());
    store.insert(Installation::new(MEMBER, "some-domain.bitrix24.com", TOKEN));
    let hits = Arc::new(AtomicU64::new(0));
    let h = hits.clone();
    let on_event = move |e: RestEvent, _ctx: DeliveryContext| {
        let h = h.clone();
        async move {
            black_box(e);
            h.fetch_add(1, Ordering::Relaxed);
        }
    };
    let rx = Receiver::<RestEvent, _>::new(on_event, store);

    // `cargo test --all-targets` runs bench binaries without `--bench`:
    // a few iterations then check that the bench still works.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n: u64 = if quick { 200 } else { 100_000 };
    if quick {
        println!("smoke run (cargo test): figures are not meaningful; use cargo bench");
    }
    println!("REST events, {n} iterations each");
    if let Ok(l) = std::fs::read_to_string("/proc/loadavg") {
        let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
        println!("machine: {cpus} CPUs, load average {}", l.trim());
    }
    let bodies: Vec<String> = (0..2 * n + n / 10).map(deal_add).collect();
    let ends: Vec<String> = (0..2 * n + n / 10).map(call_end).collect();
    // Calibration: the same delivery as JSON through serde_json alone.
    let as_json: Vec<String> = bodies
        .iter()
        .map(|b| b24_form::parse(b).unwrap().to_string())
        .collect();
    per_op(
        "calibration: serde_json::from_str of the same delivery",
        n,
        |i| {
            black_box(serde_json::from_str::<serde_json::Value>(&as_json[i as usize]).unwrap());
        },
    );
    per_op("b24_form::parse alone", n, |i| {
        black_box(b24_form::parse(&bodies[i as usize]).unwrap());
    });
    per_op("parse form body (ONCRMDEALADD, full auth)", n, |i| {
        black_box(EventDelivery::from_form(&bodies[i as usize]).unwrap());
    });
    per_op("parse + decode typed (ONCRMDEALADD)", n, |i| {
        let d = EventDelivery::from_form(&bodies[i as usize]).unwrap();
        black_box(d.decode::<RestEvent>().unwrap());
    });
    // The handler runs inline here; the route spawns it instead.
    let one = per_op(
        "parse + verify + dedup + decode + dispatch (ONCRMDEALADD)",
        n,
        |i| {
            let d = EventDelivery::from_form(&bodies[i as usize]).unwrap();
            futures::executor::block_on(rx.receive_inline(d)).unwrap();
        },
    );
    assert!(hits.load(Ordering::Relaxed) >= n);
    let end = per_op(
        "parse + verify + dedup + decode + dispatch (ONVOXIMPLANTCALLEND)",
        n,
        |i| {
            let d = EventDelivery::from_form(&ends[i as usize]).unwrap();
            futures::executor::block_on(rx.receive_inline(d)).unwrap();
        },
    );
    let target = Duration::from_micros(10);
    println!(
        "decode and dispatch of one event, on-CPU: {:.2} µs / {:.2} µs (target < 10 µs): {}",
        one.as_secs_f64() * 1e6,
        end.as_secs_f64() * 1e6,
        if one < target && end < target {
            "met"
        } else {
            "MISSED"
        }
    );

    // Through HTTP: axum route on loopback, 64 requests in flight.
    rt.block_on(async {
        let store = Arc::new(MemoryInstallStore::new());
        store.insert(Installation::new(MEMBER, "d", TOKEN));
        let hits = Arc::new(AtomicU64::new(0));
        let h = hits.clone();
        let on_event = move |_e: RestEvent, _ctx: DeliveryContext| {
            let h = h.clone();
            async move {
                h.fetch_add(1, Ordering::Relaxed);
            }
        };
        let app = axum::Router::new().route(
            "/events",
            b24_core::events::axum::rest_events::<RestEvent, _>(on_event, store),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/events", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(64)
            .build()
            .unwrap();
        let reqs: u64 = if quick { 100 } else { 20_000 };
        let bodies: Vec<String> = (0..reqs).map(|i| deal_add(1_000_000 + i)).collect();
        let t = Instant::now();
        let ok = futures::stream::iter(bodies)
            .map(|b| {
                let http = http.clone();
                let url = url.clone();
                async move {
                    http.post(&url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(b)
                        .send()
                        .await
                        .map(|r| r.status().is_success())
                        .unwrap_or(false)
                }
            })
            .buffer_unordered(64)
            .filter(|ok| futures::future::ready(*ok))
            .count()
            .await;
        let secs = t.elapsed().as_secs_f64();
        // Dispatch runs on spawned tasks; let the last ones finish.
        while hits.load(Ordering::Relaxed) < ok as u64 {
            tokio::task::yield_now().await;
        }
        println!(
            "axum route on loopback: {ok}/{reqs} accepted, {:.0} events/s \
             (client and server share 2 worker threads)",
            ok as f64 / secs
        );
    });
}
