//! The export of N deals side by side: b24's fast list traversal against
//! fast_bitrix24 `get_all`, b24pysdk `as_list_fast` and b24jssdk `callList`
//! (installed by `scripts/setup/20-fidelity.sh` under `target/fidelity`).
//! Each client gets a fresh emulator with the default bucket (50/2) and the
//! realistic costs (`b24_emulator::cost`, figures from
//! `settings/performance/huge-data.md`). Prints figures; asserts nothing.
//!
//! `cargo bench -p b24-emulator --bench export_peers` (N = 200,000;
//! `-- --n 50000` for another N). Without `--bench` (as `cargo test
//! --all-targets` runs it) it exports 2,000 deals with b24 only.
//!
//! Per client: wall time (the peers' emulators run their virtual clock
//! `ACCEL` times faster so that waits for the bucket and the operating
//! window pass quickly; b24's runs at real speed, see [`b24`]), HTTP requests, calls (batch commands one by one),
//! operating seconds, refusals, busy seconds, and the time predicted on a
//! real portal: the largest of the bucket bound, (requests − 50) / 2 s, the
//! operating seconds / 0.8 (480 s of operating time per method per 600 s),
//! and the busy seconds. The emulators hold each answer for its processing
//! on the virtual clock (`hold_processing`), as a portal that runs a batch's
//! commands one after another does, so a client that waits for each answer
//! before sending the next pays that time: busy seconds are the union of
//! its requests' processing intervals (`b24_emulator::cost::Busy`).

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use b24_core::Client;
use b24_emulator::Emulator;
use b24_emulator::cost::PAGE_SECS;
use futures::StreamExt;
use serde_json::json;

/// How much faster than real time the emulator's clock runs.
const ACCEL: u32 = 50;
/// A peer that has not finished by then is stopped and reported as such.
const PEER_TIMEOUT: Duration = Duration::from_secs(600);
const BURST: f64 = 50.0;
const DRAIN: f64 = 2.0;
/// The operating limit: seconds a method may accumulate in 10 minutes.
const OPERATING_LIMIT: f64 = 480.0;
/// Operating seconds a method may spend per second, on average.
const OPERATING_RATE: f64 = OPERATING_LIMIT / 600.0;

struct Run {
    client: &'static str,
    rows: u64,
    wall: f64,
    requests: u64,
    calls: u64,
    operating: f64,
    refusals: u64,
    busy: f64,
    /// Operating seconds per method (`batch` itself is not counted).
    per_method: Vec<f64>,
    note: String,
}

fn bucket_bound(requests: u64) -> f64 {
    (requests as f64 - BURST).max(0.0) / DRAIN
}

/// The sustained model: the bucket, operating seconds at 480 per 600 s,
/// and the busy time.
fn predicted(requests: u64, operating: f64, busy: f64) -> f64 {
    bucket_bound(requests)
        .max(operating / OPERATING_RATE)
        .max(busy)
}

/// The window model of `settings/performance/limits.md`: the portal checks
/// a method's operating time accumulated in the last 10 minutes before each
/// call and blocks it only past 480 s, so a method spending `t` seconds
/// waits for the window only beyond the first 480 (fluid approximation of
/// the one-minute baskets): the bucket, the busy time and that wait.
fn predicted_window(requests: u64, per_method: &[f64], busy: f64) -> f64 {
    let window = per_method
        .iter()
        .map(|t| (t - OPERATING_LIMIT).max(0.0) / OPERATING_RATE)
        .fold(0.0, f64::max);
    bucket_bound(requests).max(busy).max(window)
}

fn fidelity() -> PathBuf {
    std::env::var_os("B24_FIDELITY_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/fidelity"))
}

fn peer_script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("benches/peers")
        .join(name)
}

async fn emulator(n: u64, https: bool, accel: u32) -> (Emulator, tokio::task::JoinHandle<()>) {
    let emu = Emulator::builder()
        .seed_deals(n)
        .realistic(true)
        .hold_processing(true)
        .https(https)
        .start()
        .await
        .expect("emulator");
    let speed = accelerate(&emu, accel);
    (emu, speed)
}

/// Runs the emulator's clock `accel` times faster than real time.
fn accelerate(emu: &Emulator, accel: u32) -> tokio::task::JoinHandle<()> {
    let clock = emu.clock().clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            clock.advance(Duration::from_millis(100) * accel.saturating_sub(1));
        }
    })
}

fn finish(client: &'static str, emu: &Emulator, rows: u64, wall: f64, note: String) -> Run {
    let s = emu.stats();
    Run {
        client,
        rows,
        wall,
        requests: s.requests,
        calls: s.calls,
        operating: s.operating_total(),
        refusals: s.refusals.values().sum(),
        busy: s.busy.seconds(),
        per_method: s.operating.values().copied().collect(),
        note,
    }
}

/// The REST 3.0 export: `tasks.task.list` ordered by `id`, filtered on
/// `id > last`, 1,000 rows a page (`pagination.limit`, the most the docs
/// allow). A 503 or 429 is retried after a short pause.
async fn v3_tasks(n: u64) -> Run {
    let emu = Emulator::builder()
        .seed_tasks(n)
        .realistic(true)
        .hold_processing(true)
        .start()
        .await
        .expect("emulator");
    let speed = accelerate(&emu, ACCEL);
    let http = reqwest::Client::new();
    let url = format!("{}tasks.task.list", emu.v3_webhook_url());
    let started = Instant::now();
    let (mut rows, mut last, mut note) = (0u64, 0u64, String::new());
    loop {
        let body = json!({
            "select": ["id", "title"],
            "filter": [["id", ">", last]],
            "order": {"id": "asc"},
            "pagination": {"limit": 1000},
        });
        let resp = match http.post(&url).json(&body).send().await {
            Ok(r) => r,
            Err(e) => {
                note = format!("http error: {e}");
                break;
            }
        };
        let status = resp.status().as_u16();
        let v: serde_json::Value = resp.json().await.unwrap_or_default();
        if status == 503 || status == 429 {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        }
        let Some(items) = v["result"]["items"].as_array() else {
            note = format!("{status}: {v}");
            break;
        };
        rows += items.len() as u64;
        match items.last().and_then(|t| t["id"].as_u64()) {
            Some(id) if items.len() == 1000 => last = id,
            _ => break,
        }
    }
    let wall = started.elapsed().as_secs_f64();
    speed.abort();
    let run = finish("b24 REST 3.0 tasks", &emu, rows, wall, note);
    emu.shutdown().await;
    run
}

async fn b24(n: u64) -> Run {
    // b24 paces its requests by the bucket in real time and keeps batches
    // of disjoint ID ranges in flight together; on a clock 50x faster each
    // batch's held answer would come back before the next is sent, hiding
    // the overlap a real portal sees. So it runs at real speed (about 35 s
    // for N = 200,000). The peers wait for each answer before sending the
    // next, so their busy time is the sum of their processing at any speed.
    let (emu, speed) = emulator(n, false, 1).await;
    let client = Client::from_webhook(&emu.webhook_url()).expect("client");
    let started = Instant::now();
    let (mut rows, mut errors) = (0u64, 0u64);
    let mut stream = client
        .raw("crm.deal.list")
        .params(json!({"select": ["ID", "TITLE"]}))
        .list()
        .fast();
    while let Some(r) = stream.next().await {
        match r {
            Ok(_) => rows += 1,
            Err(e) => {
                errors += 1;
                eprintln!("b24: {e}");
            }
        }
    }
    let wall = started.elapsed().as_secs_f64();
    speed.abort();
    let run = finish(
        "b24 list_fast",
        &emu,
        rows,
        wall,
        if errors > 0 {
            format!("{errors} errors")
        } else {
            String::new()
        },
    );
    emu.shutdown().await;
    run
}

async fn peer(
    client: &'static str,
    n: u64,
    installed: PathBuf,
    program: PathBuf,
    script: &str,
) -> Run {
    if !installed.exists() {
        return Run {
            client,
            rows: 0,
            wall: 0.0,
            requests: 0,
            calls: 0,
            operating: 0.0,
            refusals: 0,
            busy: 0.0,
            per_method: Vec::new(),
            note: format!(
                "not installed ({}); run scripts/setup/20-fidelity.sh",
                installed.display()
            ),
        };
    }
    let (emu, speed) = emulator(n, true, ACCEL).await;
    let ca = emu.cert_pem_path().expect("ca");
    let node_dir = fidelity().join("node");
    let mut cmd = tokio::process::Command::new(&program);
    cmd.arg(peer_script(script))
        .env("EMU_WEBHOOK_URL", emu.webhook_url())
        .env("EMU_DOMAIN", emu.addr().to_string())
        .env("EMU_WEBHOOK", "1/devcode")
        .env("EMU_ACCEL", ACCEL.to_string())
        .env("EMU_NODE_DIR", &node_dir)
        .env("SSL_CERT_FILE", &ca)
        .env("REQUESTS_CA_BUNDLE", &ca)
        .env("NODE_EXTRA_CA_CERTS", &ca)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let started = Instant::now();
    let child = cmd.spawn().expect("peer starts");
    let out = tokio::time::timeout(PEER_TIMEOUT, child.wait_with_output()).await;
    let wall = started.elapsed().as_secs_f64();
    speed.abort();
    let (rows, note) = match out {
        Err(_) => (0, format!("stopped after {}s", PEER_TIMEOUT.as_secs())),
        Ok(Err(e)) => (0, format!("failed to run: {e}")),
        Ok(Ok(o)) => {
            let stdout = String::from_utf8_lossy(&o.stdout);
            let rows = stdout
                .lines()
                .find_map(|l| l.strip_prefix("ROWS "))
                .and_then(|r| r.trim().parse().ok())
                .unwrap_or(0);
            let note = if o.status.success() {
                String::new()
            } else {
                let err = String::from_utf8_lossy(&o.stderr);
                let last = err
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                format!(
                    "exit {}: {}",
                    o.status,
                    last.chars().take(120).collect::<String>()
                )
            };
            (rows, note)
        }
    };
    let run = finish(client, &emu, rows, wall, note);
    emu.shutdown().await;
    run
}

fn print(n: u64, runs: &[Run]) {
    let pages = n.div_ceil(50);
    let min_requests = n.div_ceil(2500);
    // Every page costs one page's processing; disjoint ID ranges can be
    // walked in parallel, so the bound has no busy floor of its own.
    let serial = pages as f64 * PAGE_SECS;
    let bound = predicted(min_requests, serial, 0.0);
    println!(
        "\nexport of N={n} deals, default bucket 50/2, realistic costs ({PAGE_SECS:.4} s a page, counted rows and offsets {:.2} us each)",
        b24_emulator::cost::COUNT_SECS_PER_ROW * 1e6
    );
    println!(
        "bound: {min_requests} requests (bucket {:.1} s), {pages} pages x {PAGE_SECS:.4} s = {:.1} s operating -> {bound:.1} s",
        bucket_bound(min_requests),
        pages as f64 * PAGE_SECS
    );
    println!(
        "window bound (limits.md: blocked only past 480 s in 10 min): {:.1} s",
        predicted_window(min_requests, &[serial], 0.0)
    );
    println!(
        "{:<22} {:>8} {:>8} {:>9} {:>7} {:>11} {:>8} {:>8} {:>11} {:>8} {:>7} {:>11} {:>7}  note",
        "client",
        "rows",
        "wall s",
        "requests",
        "calls",
        "operating s",
        "refusals",
        "busy s",
        "sustained s",
        "x bound",
        "x b24",
        "window s",
        "x b24"
    );
    let b24 = runs.first();
    let b24_pred = b24
        .map(|r| predicted(r.requests, r.operating, r.busy))
        .unwrap_or(f64::NAN);
    let b24_window = b24
        .map(|r| predicted_window(r.requests, &r.per_method, r.busy))
        .unwrap_or(f64::NAN);
    for r in runs {
        let p = predicted(r.requests, r.operating, r.busy);
        let w = predicted_window(r.requests, &r.per_method, r.busy);
        println!(
            "{:<22} {:>8} {:>8.1} {:>9} {:>7} {:>11.1} {:>8} {:>8.1} {:>11.1} {:>8.2} {:>7.2} {:>11.1} {:>7.2}  {}",
            r.client,
            r.rows,
            r.wall,
            r.requests,
            r.calls,
            r.operating,
            r.refusals,
            r.busy,
            p,
            p / bound,
            p / b24_pred,
            w,
            w / b24_window,
            r.note
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // The registry is parsed on first use; its cost is paid once per process.
    let started = Instant::now();
    let info = b24_emulator::registry_info();
    println!(
        "registry: {} REST v2 + {} REST 3.0 methods, {} scopes, {} embedded files; parsed in {:.3} s (first use {:.3} s)",
        info.v2_methods,
        info.v3_methods,
        info.scopes,
        info.files,
        info.load_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    if !args.iter().any(|a| a == "--bench" || a == "--n") {
        let run = rt.block_on(b24(2_000));
        print(2_000, &[run]);
        return;
    }
    let n = args
        .iter()
        .position(|a| a == "--n")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let only: Option<String> = std::env::var("B24_BENCH_ONLY").ok();
    let want = |name: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|x| name.contains(x)))
    };
    let python = fidelity().join("venv/bin/python");
    let runs = rt.block_on(async {
        let mut runs = vec![b24(n).await];
        if want("fast_bitrix24") {
            runs.push(
                peer(
                    "fast_bitrix24 get_all",
                    n,
                    python.clone(),
                    python.clone(),
                    "fastb24_export.py",
                )
                .await,
            );
        }
        if want("b24pysdk") {
            runs.push(
                peer(
                    "b24pysdk as_list_fast",
                    n,
                    python.clone(),
                    python.clone(),
                    "pysdk_export.py",
                )
                .await,
            );
        }
        if want("b24jssdk") {
            let js = fidelity().join("node/node_modules/@bitrix24/b24jssdk");
            runs.push(
                peer(
                    "b24jssdk callList",
                    n,
                    js,
                    PathBuf::from("node"),
                    "jssdk_export.cjs",
                )
                .await,
            );
        }
        runs
    });
    print(n, &runs);
    if want("v3") {
        let n3: u64 = std::env::var("B24_BENCH_V3_N")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(n);
        let run = rt.block_on(v3_tasks(n3));
        let pages = n3.div_ceil(1000);
        let serial = pages as f64 * PAGE_SECS;
        let bound = predicted(pages, serial, 0.0);
        let v2_serial = n3.div_ceil(50) as f64 * PAGE_SECS;
        println!(
            "\nREST 3.0 tasks export of N={n3}: bound {pages} requests of 1,000 rows -> {bound:.1} s (the v2 bound for the same N: {:.1} s)",
            predicted(n3.div_ceil(2500), v2_serial, 0.0)
        );
        let p = predicted(run.requests, run.operating, run.busy);
        println!(
            "{:<22} {:>8} {:>9.1} {:>9} {:>8} {:>12.1} {:>9} {:>8.1} {:>12.1} {:>9.2}  {}",
            run.client,
            run.rows,
            run.wall,
            run.requests,
            run.calls,
            run.operating,
            run.refusals,
            run.busy,
            p,
            p / bound,
            run.note
        );
    }
}
