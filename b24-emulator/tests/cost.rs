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
