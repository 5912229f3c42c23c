//! Export benchmark: N deals from b24-emulator through the fast list
//! traversal with default limits (bucket 50/2). Prints figures; asserts
//! nothing about speed.
//!
//! `cargo bench -p b24-core --bench export` runs N = 50,000 and N = 200,000,
//! each in a child process so peak RSS is per N. `-- --n 200000` runs one N
//! in this process.

use std::time::Instant;

use b24_core::Client;
use b24_emulator::Emulator;
use futures::StreamExt;
use serde_json::json;

/// Rows one batch request can return: 50 commands of 50 rows.
const ROWS_PER_REQUEST: f64 = 2500.0;
const BURST: f64 = 50.0;
const DRAIN_PER_SEC: f64 = 2.0;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// The emulator's processing time for one full batch request (50 pages of
/// 50 deals), measured on a fresh emulator with one request at a time, so
/// no request waits for another (the emulator runs requests one by one).
async fn calibrate() -> f64 {
    const CAL_ROWS: u64 = 25_000;
    let emu = Emulator::builder()
        .seed_deals(CAL_ROWS)
        .start()
        .await
        .expect("emulator");
    let client = Client::builder()
        .webhook(&emu.webhook_url())
        .limiter(b24_core::Limiter::standard())
        .build()
        .expect("client");
    let mut s = client
        .raw("crm.deal.list")
        .params(json!({}))
        .list()
        .fast()
        .concurrency(1);
    while s.next().await.is_some() {}
    let stats = client.stats();
    emu.shutdown().await;
    stats.server_seconds / stats.http_requests.max(1) as f64
}

/// The earliest finish of `requests` requests when request i may start at
/// its bucket time (a burst of 50, then 2 per second) and the portal
/// processes one request at a time for `p` seconds each.
fn bound_secs(requests: u64, p: f64) -> f64 {
    let mut finish: f64 = 0.0;
    for i in 1..=requests {
        let allowed = (i as f64 - BURST).max(0.0) / DRAIN_PER_SEC;
        finish = finish.max(allowed) + p;
    }
    finish
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default()
}

fn run_one(n: u64) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let emu = Emulator::builder().seed_deals(n).start().await.expect("emulator");
        let client = Client::from_webhook(&emu.webhook_url()).expect("client");
        let started = Instant::now();
        let mut seen = vec![false; n as usize + 1];
        let (mut rows, mut dups, mut errors) = (0u64, 0u64, 0u64);
        let mut stream = client.raw("crm.deal.list").params(json!({})).list().fast();
        while let Some(row) = stream.next().await {
            match row {
                Ok(r) => {
                    let id = r["ID"].as_str().and_then(|s| s.parse::<usize>().ok()).or_else(|| r["ID"].as_u64().map(|x| x as usize));
                    match id {
                        Some(i) if i < seen.len() && !seen[i] => seen[i] = true,
                        _ => dups += 1,
                    }
                    rows += 1;
                }
                Err(e) => {
                    errors += 1;
                    eprintln!("error: {e}");
                }
            }
        }
        let wall = started.elapsed().as_secs_f64();
        let calls = emu.calls();
        let http = calls.iter().filter(|c| !c.in_batch).count();
        let refused = calls.iter().filter(|c| c.error.as_deref() == Some("QUERY_LIMIT_EXCEEDED")).count();
        let stats = client.stats();
        let min_requests = (n as f64 / ROWS_PER_REQUEST).ceil() as u64;
        // Processing per request, measured in this run: the emulator's own
        // time for the commands (inside its lock), so it reflects the load
        // the machine is under now. The calibration run is printed beside it.
        let p = stats.command_seconds / stats.http_requests.max(1) as f64;
        let p_sequential = calibrate().await;
        let bound = bound_secs(min_requests, p);
        println!(
            "N={n} rows={rows} duplicates={dups} errors={errors} wall={wall:.2}s http_requests={http} (client sent {}, refused {refused}, retries {}) min_requests={min_requests} processing_per_request={p:.3}s (sequential calibration {p_sequential:.3}s, load {}) bucket_only={:.2}s bound={bound:.2}s ratio={:.3} rows_per_s={:.0} peak_rss={:.1}MiB",
            stats.http_requests,
            stats.retries,
            load_average(),
            bound_secs(min_requests, 0.0),
            wall / bound,
            rows as f64 / wall,
            peak_rss_mib(),
        );
        emu.shutdown().await;
    });
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo test --all-targets` runs bench binaries without `--bench`: a
    // small export then checks that the bench still works, quickly.
    if !args.iter().any(|a| a == "--bench" || a == "--n") {
        run_one(5_000);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--n") {
        let n = args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(200_000);
        run_one(n);
        return;
    }
    let exe = std::env::current_exe().expect("current exe");
    for n in [50_000u64, 200_000] {
        let out = std::process::Command::new(&exe)
            .arg("--n")
            .arg(n.to_string())
            .output()
            .expect("child run");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
    }
    println!("targets: ratio <= 1.15 at N=200000; peak_rss flat in N");
}
