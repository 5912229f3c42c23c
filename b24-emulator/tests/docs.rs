//! Checks against copies of the documentation pages (tests/fixtures).

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use b24_emulator::Emulator;
use common::{get, post_json};
use serde_json::{Value, json};

/// `(status, code)` rows of the system error table.
fn system_errors() -> Vec<(u16, String)> {
    let page = include_str!("fixtures/system-errors.md");
    page.lines()
        .filter_map(|l| {
            let l = l.strip_prefix("|| `")?;
            let (status, rest) = l.split_once("` | `")?;
            let code = rest.split('`').next()?;
            Some((status.parse().ok()?, code.to_owned()))
        })
        .collect()
}

#[tokio::test]
async fn system_error_statuses_match_the_table() {
    let table = system_errors();
    assert!(table.len() >= 10, "table parsed: {table:?}");
    let e = Emulator::builder()
        .webhook(1, "all", &[])
        .webhook(2, "narrow", &["user"])
        .seed_users(2)
        .seed_deals(5)
        .bucket(8, 0.01)
        .token_lifetime(Duration::from_secs(10))
        .start()
        .await
        .unwrap();
    let base = e.base_url();
    let mut seen: Vec<(u16, String)> = Vec::new();
    let mut hit =
        |(s, v): (u16, Value)| seen.push((s, v["error"].as_str().unwrap_or("").to_owned()));
    hit(get(&format!("{base}/rest/crm.deal.get?id=1")).await);
    hit(get(&format!("{base}/rest/2/narrow/crm.deal.get?id=1")).await);
    let t = e.authorize(2, &[]);
    hit(get(&format!(
        "{base}/rest/event.offline.get?auth={}",
        t.access_token
    ))
    .await);
    e.clock().advance(Duration::from_secs(11));
    hit(get(&format!(
        "{base}/rest/crm.deal.get?id=1&auth={}",
        t.access_token
    ))
    .await);
    for _ in 0..6 {
        hit(get(&format!("{base}/rest/1/all/user.current")).await);
    }
    for code in [
        "NO_AUTH_FOUND",
        "insufficient_scope",
        "ACCESS_DENIED",
        "expired_token",
        "QUERY_LIMIT_EXCEEDED",
    ] {
        let ours = seen
            .iter()
            .find(|(_, c)| c == code)
            .unwrap_or_else(|| panic!("{code} not produced: {seen:?}"));
        let doc = table
            .iter()
            .find(|(_, c)| c == code)
            .unwrap_or_else(|| panic!("{code} not in the table"));
        assert_eq!(
            ours.0, doc.0,
            "{code}: emulator {} vs docs {}",
            ours.0, doc.0
        );
    }
}

/// The first JSON example of the batch page that shows `result_time`.
fn batch_example() -> Value {
    let page = include_str!("fixtures/batch.md");
    let mut blocks = page.split("```json").skip(1);
    blocks
        .find_map(|b| {
            let body = b.split("```").next()?;
            let v: Value = serde_json::from_str(body.trim()).ok()?;
            v["result"].get("result_time").is_some().then_some(v)
        })
        .expect("a batch response example")
}

#[tokio::test]
async fn batch_response_has_the_documented_shape() {
    let doc = batch_example();
    let e = Emulator::builder().seed_deals(5).start().await.unwrap();
    let (_, ours) = post_json(
        &format!("{}batch", e.webhook_url()),
        &json!({"halt": 0, "cmd": {"get_user": "user.current", "get_department": "crm.deal.list"}}),
    )
    .await;
    let keys = |v: &Value| {
        v.as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(keys(&ours), keys(&doc));
    assert_eq!(keys(&ours["result"]), keys(&doc["result"]));
    assert_eq!(
        keys(&ours["time"]),
        keys(&doc["time"]),
        "the outer batch time has no operating fields"
    );
    assert!(
        keys(&ours["result"]["result_time"]["get_user"])
            .is_superset(&keys(&doc["result"]["result_time"]["get_user"]))
    );
    assert_eq!(
        ours["result"]["result_error"],
        json!([]),
        "an empty PHP array, as in the docs"
    );
    assert!(ours["result"]["result_total"]["get_department"].is_number());
}
