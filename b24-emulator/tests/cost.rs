//! The realistic cost model: the docs' figures in `time.processing` and
//! `time.operating`, the operating limit on the virtual clock, and the
//! `/_emulator/stats` endpoint.

use b24_emulator::cost::{COUNTED_PAGE_SECS, PAGE_SECS};
use serde_json::{Value, json};

mod common;
use common::post_json as post;

#[tokio::test]
async fn docs_figures_and_the_operating_limit() {
    // The docs' measurement: 2,387,743 items.
    let emu = b24_emulator::Emulator::builder()
        .seed_deals(2_387_743)
        .bucket(10_000, 1000.0)
        .realistic(true)
        .start()
        .await
        .unwrap();
    let url = format!("{}crm.deal.list", emu.webhook_url());
    let (s, fast) = post(
        &url,
        &json!({"start": -1, "order": {"ID": "ASC"}, "filter": {">ID": 0}}),
    )
    .await;
    assert_eq!(s, 200);
    let p = fast["time"]["processing"].as_f64().unwrap();
    assert!((p - PAGE_SECS).abs() < 1e-9, "{p}");
    let (s, counted) = post(&url, &json!({"start": 0})).await;
    assert_eq!(s, 200);
    assert_eq!(counted["total"], json!(2_387_743));
    let p = counted["time"]["processing"].as_f64().unwrap();
    assert!((p - COUNTED_PAGE_SECS).abs() < 0.01, "{p}");
    // A deep offset costs more than the first page.
    let (_, deep) = post(&url, &json!({"start": 1_000_000})).await;
    assert!(deep["time"]["processing"].as_f64().unwrap() > p + 10.0);
    // Counting pages pass 480 s of operating time within the 10 minutes:
    // the next call is refused, on the virtual clock.
    let mut refused = None;
    for i in 0..20 {
        let (s, v) = post(&url, &json!({"start": 0})).await;
        if s != 200 {
            refused = Some((i, s, v["error"].clone()));
            break;
        }
    }
    let (i, s, code) = refused.expect("the operating limit refuses");
    assert_eq!((s, code), (429, json!("OPERATION_TIME_LIMIT")));
    assert!(i >= 7, "refused after {i} calls");
    // Ten virtual minutes later it runs again.
    emu.clock().advance(std::time::Duration::from_secs(601));
    assert_eq!(post(&url, &json!({"start": -1})).await.0, 200);
    let stats: Value = reqwest::get(format!("{}/_emulator/stats", emu.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["refusals"]["OPERATION_TIME_LIMIT"], json!(1));
    assert!(stats["operating"]["crm.deal.list"].as_f64().unwrap() > 480.0);
    assert_eq!(stats["requests"].as_u64(), Some(emu.stats().requests));
    emu.shutdown().await;
}

/// Runs the emulator's clock fast: one virtual second every 2 ms.
fn fast_clock(emu: &b24_emulator::Emulator) -> tokio::task::JoinHandle<()> {
    let clock = emu.clock().clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
            clock.advance(std::time::Duration::from_secs(1));
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_wait_for_their_processing_and_busy_time_counts_overlap_once() {
    // 50,000 deals: a counted page takes 1.1 s, long enough that two
    // requests sent together overlap even on a loaded machine.
    let emu = b24_emulator::Emulator::builder()
        .seed_deals(50_000)
        .bucket(10_000, 1000.0)
        .realistic(true)
        .hold_processing(true)
        .start()
        .await
        .unwrap();
    let speed = fast_clock(&emu);
    // A batch of 40 counted pages: the portal runs them one after another,
    // so the answer comes when their processing has passed.
    let cmd: serde_json::Map<String, Value> = (0..40)
        .map(|i| {
            (
                format!("p{i}"),
                json!(format!("crm.deal.list?start={}", i * 50)),
            )
        })
        .collect();
    let (s, v) = post(&format!("{}batch", emu.webhook_url()), &json!({"cmd": cmd})).await;
    assert_eq!(s, 200, "{v}");
    let times = v["result"]["result_time"].as_object().unwrap();
    let sum: f64 = times
        .values()
        .map(|t| t["processing"].as_f64().unwrap())
        .sum();
    let start = v["time"]["start"].as_f64().unwrap();
    assert!(sum > 40.0 * PAGE_SECS, "{sum}");
    assert!(
        emu.clock().unix() >= start + sum,
        "answered before its processing passed on the virtual clock"
    );
    let busy = emu.stats().busy.seconds();
    assert!((busy - sum).abs() < 1e-6, "busy {busy} vs {sum}");

    // Two counted pages in flight together: busy time counts the overlap
    // once, so it is less than the sum of their processing. The clock runs
    // at real speed here (1.1 s each), so both arrive at about the same
    // virtual time.
    speed.abort();
    let url = format!("{}crm.deal.list", emu.webhook_url());
    let counted = json!({"start": 0});
    let (a, b) = tokio::join!(post(&url, &counted), post(&url, &counted));
    let pa = a.1["time"]["processing"].as_f64().unwrap();
    let pb = b.1["time"]["processing"].as_f64().unwrap();
    let stats = emu.stats();
    let added = stats.busy.seconds() - busy;
    assert!(added < pa + pb - 1e-9, "{added} vs {pa} + {pb}");
    assert!(added >= pa.max(pb) - 1e-9, "{added}");
    let reported = emu.stats().to_json()["busy_seconds"].as_f64().unwrap();
    assert!((reported - stats.busy.seconds()).abs() < 1e-9);
    emu.shutdown().await;
}
