//! REST event deliveries over HTTP into the axum route (parse, verify the
//! application token, dedup, decode, dispatch): throughput and latency
//! percentiles at 200 concurrent deliveries, 20% of them resends.
//!
//! `cargo bench --bench event_delivery`; under `cargo test` it runs a small
//! smoke round whose figures mean nothing.

#[path = "../tests/event_load/mod.rs"]
mod event_load;

use std::time::{Duration, Instant};

use event_load::{deliver, schedule, start_app, wait_handled};

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (unique, dups) = if full { (40_000, 10_000) } else { (800, 200) };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    if !full {
        println!("smoke run (cargo test): figures are not meaningful; use cargo bench");
    }
    if let Ok(l) = std::fs::read_to_string("/proc/loadavg") {
        let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
        println!("machine: {cpus} CPUs, load average {}", l.trim());
    }
    rt.block_on(async {
        let (url, handled) = start_app((unique + dups) as usize).await;
        // Warm the connection pool and the code paths.
        let warm: Vec<i64> = (1_000_000..1_000_200).collect();
        deliver(&url, &warm, 200).await;

        let order = schedule(unique, dups);
        let started = Instant::now();
        let answers = deliver(&url, &order, 200).await;
        let elapsed = started.elapsed();
        wait_handled(&handled, unique as usize + warm.len()).await;

        let ok = answers.iter().filter(|(s, _)| *s == 200).count();
        let mut lat: Vec<Duration> = answers.iter().map(|(_, d)| *d).collect();
        lat.sort();
        let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
        let handled_n = handled.lock().unwrap().len() - warm.len();
        println!(
            "{} deliveries ({} unique), 200 concurrent: {:.0} deliveries/s, {ok} answered 200, {handled_n} handled",
            order.len(),
            unique,
            order.len() as f64 / elapsed.as_secs_f64()
        );
        println!(
            "latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            pct(0.50).as_secs_f64() * 1e3,
            pct(0.99).as_secs_f64() * 1e3,
            lat[lat.len() - 1].as_secs_f64() * 1e3
        );
    });
}
