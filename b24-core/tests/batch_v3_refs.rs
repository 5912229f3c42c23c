//! REST 3.0 batch references (`api-reference/rest-v3.md#batch`: "data from
//! previous steps is structurally substituted") against b24-emulator, within
//! one request and across the 50-call request boundary.

mod common;

use b24_core::LimitsConfig;
use b24_emulator::Emulator;
use common::webhook_client;
use serde_json::{Value, json};

#[tokio::test]
async fn v3_batch_references_substitute_earlier_results() {
    let emu = Emulator::builder()
        .seed_tasks(3)
        .bucket(10_000, 100.0)
        .start()
        .await
        .unwrap();
    let client = webhook_client(&emu, LimitsConfig::default());
    let mut b = client.batch();
    b.v3();
    let first = b.add(
        "first",
        "tasks.task.get",
        json!({"id": 2, "select": ["id", "title"]}),
    );
    let again = b.add(
        "again",
        "tasks.task.get",
        json!({"id": first.field("item").field("id"), "select": ["id"]}),
    );
    let list = b.add(
        "list",
        "tasks.task.list",
        json!({"select": ["id"], "filter": [["id", "<=", 2]]}),
    );
    // 50 fillers push `far` into a second request: its references are
    // substituted by the client from the first request's results.
    for i in 0..50 {
        b.add(&format!("fill{i}"), "tasks.task.get", json!({"id": 1}));
    }
    let far = b.add(
        "far",
        "tasks.task.list",
        json!({"select": ["id"], "filter": [["id", "in", list.each("id")]]}),
    );
    let res = b.send().await.unwrap();
    assert_eq!(res.get(&first).unwrap().result["item"]["title"], "Task #2");
    assert_eq!(res.get(&again).unwrap().result["item"]["id"], 2);
    let ids = |v: &Value| -> Vec<u64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["id"].as_u64())
            .collect()
    };
    assert_eq!(ids(&res.get(&list).unwrap().result), vec![1, 2]);
    assert_eq!(ids(&res.get(&far).unwrap().result), vec![1, 2]);
}
