//! Telephony, event handlers, placements and tasks keep their records in
//! the one entity store: what an app writes through one method it reads
//! back through another, filtered, ordered and paged by the store's query
//! code (`filter`, `start`, `start=-1`, `>ID`).

mod common;

use b24_emulator::Emulator;
use serde_json::{Value, json};

use common::post;

/// A portal whose bucket never refuses: the tests make hundreds of calls.
async fn portal() -> (Emulator, String) {
    let e = Emulator::builder()
        .seed_contacts(50)
        .seed_users(3)
        .bucket(1_000_000, 100_000.0)
        .start()
        .await
        .unwrap();
    let token = e.authorize(1, &[]).access_token;
    (e, token)
}

/// Calls an app method with the app's token.
async fn app(e: &Emulator, token: &str, method: &str, mut body: Value) -> Value {
    body["auth"] = json!(token);
    let (s, v) = post(format!("{}{method}", e.rest_url()), body).await;
    assert_eq!(s, 200, "{method}: {v}");
    v
}

async fn hook(e: &Emulator, method: &str, body: Value) -> Value {
    let (s, v) = post(format!("{}{method}", e.webhook_url()), body).await;
    assert_eq!(s, 200, "{method}: {v}");
    v
}

async fn v3(e: &Emulator, method: &str, body: Value) -> (u16, Value) {
    post(format!("{}{method}", e.v3_webhook_url()), body).await
}

fn ids(rows: &Value, key: &str) -> Vec<u64> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| match &r[key] {
            Value::String(s) => s.parse().unwrap(),
            v => v.as_u64().unwrap(),
        })
        .collect()
}

#[tokio::test]
async fn external_calls_read_back_through_statistics_and_search() {
    let (e, t) = portal().await;
    let mut finished = Vec::new();
    for i in 0..55u64 {
        let v = app(
            &e,
            &t,
            "telephony.externalCall.register",
            json!({"USER_ID": 1 + i % 3, "PHONE_NUMBER": format!("+1 555 000 {:04}", i + 1),
                   "TYPE": 2, "SHOW": 0}),
        )
        .await;
        let call_id = v["result"]["CALL_ID"].as_str().unwrap().to_owned();
        let v = app(
            &e,
            &t,
            "telephony.externalCall.finish",
            json!({"CALL_ID": call_id, "USER_ID": 1 + i % 3, "DURATION": i}),
        )
        .await;
        finished.push((call_id, v["result"]["ID"].as_u64().unwrap()));
    }
    // A call registered and not finished has no statistics row.
    app(
        &e,
        &t,
        "telephony.externalCall.register",
        json!({"USER_ID": 1, "PHONE_NUMBER": "+4930999", "TYPE": 1, "SHOW": 0, "CRM_CREATE": 1}),
    )
    .await;

    // By CALL_ID: the one row, with the ID the finish answered.
    let (call_id, id) = &finished[7];
    let v = hook(
        &e,
        "voximplant.statistic.get",
        json!({"FILTER": {"CALL_ID": call_id}}),
    )
    .await;
    assert_eq!(ids(&v["result"], "ID"), vec![*id]);
    assert_eq!(v["result"][0]["CALL_DURATION"], "7");
    assert_eq!(v["result"][0]["PORTAL_USER_ID"], "2");
    assert_eq!(v["total"], 1);

    // Paging: 50, then the rest; `next` and `total` as every v2 list.
    let v = hook(&e, "voximplant.statistic.get", json!({})).await;
    assert_eq!(
        (v["total"].as_u64(), v["next"].as_u64()),
        (Some(55), Some(50))
    );
    let first = ids(&v["result"], "ID");
    let v = hook(&e, "voximplant.statistic.get", json!({"start": 50})).await;
    let rest = ids(&v["result"], "ID");
    assert_eq!(rest.len(), 5);
    assert!(v.get("next").is_none());
    let all: Vec<u64> = first.into_iter().chain(rest).collect();
    let want: Vec<u64> = finished.iter().map(|(_, id)| *id).collect();
    assert_eq!(all, want);

    // `>ID` with `start=-1`: the page after a cursor, not counted.
    let cursor = want[9];
    let v = hook(
        &e,
        "voximplant.statistic.get",
        json!({"FILTER": {">ID": cursor, "PORTAL_USER_ID": 1}, "start": -1}),
    )
    .await;
    let got = ids(&v["result"], "ID");
    let expect: Vec<u64> = finished
        .iter()
        .enumerate()
        .filter(|(i, (_, id))| *id > cursor && i % 3 == 0)
        .map(|(_, (_, id))| *id)
        .collect();
    assert_eq!(got, expect);
    assert_eq!(v["total"], 0);

    // Sorted by duration, longest first.
    let v = hook(
        &e,
        "voximplant.statistic.get",
        json!({"FILTER": {">=CALL_DURATION": 50}, "SORT": "CALL_DURATION", "ORDER": "DESC"}),
    )
    .await;
    let durations: Vec<&str> = v["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["CALL_DURATION"].as_str().unwrap())
        .collect();
    assert_eq!(durations, ["54", "53", "52", "51", "50"]);

    // The lead the unknown number made is found by its phone.
    let v = app(
        &e,
        &t,
        "telephony.externalCall.searchCrmEntities",
        json!({"PHONE_NUMBER": "+4930999"}),
    )
    .await;
    assert_eq!(v["result"][0]["CRM_ENTITY_TYPE"], "LEAD");
    e.shutdown().await;
}

#[tokio::test]
async fn event_handlers_read_back() {
    let (e, t) = portal().await;
    for (event, handler) in [
        ("ONCRMDEALADD", "https://app.example/a"),
        ("ONCRMDEALADD", "https://app.example/b"),
        ("ONCRMCONTACTADD", "https://app.example/a"),
    ] {
        app(
            &e,
            &t,
            "event.bind",
            json!({"event": event, "handler": handler}),
        )
        .await;
    }
    let v = app(&e, &t, "event.get", json!({})).await;
    let rows = |v: &Value| -> Vec<(String, String)> {
        v["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["event"].as_str().unwrap().to_owned(),
                    h["handler"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        rows(&v),
        [
            pair("ONCRMDEALADD", "https://app.example/a"),
            pair("ONCRMDEALADD", "https://app.example/b"),
            pair("ONCRMCONTACTADD", "https://app.example/a"),
        ]
    );
    // event.get documents no parameters: a filter is ignored, as a portal does.
    let filtered = app(
        &e,
        &t,
        "event.get",
        json!({"filter": {"event": "ONCRMDEALADD"}}),
    )
    .await;
    assert_eq!(rows(&filtered), rows(&v));

    let v = app(
        &e,
        &t,
        "event.unbind",
        json!({"event": "ONCRMDEALADD", "handler": "https://app.example/a"}),
    )
    .await;
    assert_eq!(v["result"]["count"], 1);
    let v = app(&e, &t, "event.get", json!({})).await;
    assert_eq!(
        rows(&v),
        [
            pair("ONCRMDEALADD", "https://app.example/b"),
            pair("ONCRMCONTACTADD", "https://app.example/a"),
        ]
    );
    e.shutdown().await;
}

#[tokio::test]
async fn placements_read_back() {
    let (e, t) = portal().await;
    for (placement, handler) in [
        ("CRM_DEAL_DETAIL_TAB", "https://app.example/deal"),
        ("CRM_CONTACT_DETAIL_TAB", "https://app.example/contact"),
        ("CRM_DEAL_LIST_MENU", "https://app.example/deal"),
    ] {
        app(
            &e,
            &t,
            "placement.bind",
            json!({"PLACEMENT": placement, "HANDLER": handler, "TITLE": placement}),
        )
        .await;
    }
    let codes = |v: &Value| -> Vec<String> {
        v["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["placement"].as_str().unwrap().to_owned())
            .collect()
    };
    let v = app(&e, &t, "placement.get", json!({})).await;
    assert_eq!(
        codes(&v),
        [
            "CRM_DEAL_DETAIL_TAB",
            "CRM_CONTACT_DETAIL_TAB",
            "CRM_DEAL_LIST_MENU"
        ]
    );
    assert_eq!(v["result"][0]["handler"], "https://app.example/deal");
    assert_eq!(v["result"][0]["title"], "CRM_DEAL_DETAIL_TAB");
    // placement.get documents no parameters: a filter is ignored.
    let filtered = app(
        &e,
        &t,
        "placement.get",
        json!({"filter": {"placement": "CRM_DEAL_DETAIL_TAB"}}),
    )
    .await;
    assert_eq!(codes(&filtered), codes(&v));

    let v = app(
        &e,
        &t,
        "placement.unbind",
        json!({"PLACEMENT": "CRM_DEAL_DETAIL_TAB"}),
    )
    .await;
    assert_eq!(v["result"]["count"], 1);
    let v = app(&e, &t, "placement.get", json!({})).await;
    assert_eq!(v["result"].as_array().unwrap().len(), 2);
    // The Rust view reads the same rows.
    let bound: Vec<String> = e
        .portal()
        .placements()
        .into_iter()
        .map(|p| p.placement)
        .collect();
    assert_eq!(bound, ["CRM_CONTACT_DETAIL_TAB", "CRM_DEAL_LIST_MENU"]);
    e.shutdown().await;
}

#[tokio::test]
async fn v2_tasks_read_back_through_rest_3_and_the_reverse() {
    let (e, _) = portal().await;
    // REST v2 writes, REST 3.0 reads: a filter and `>id` paging.
    let mut made = Vec::new();
    for i in 0..60u64 {
        let v = hook(
            &e,
            "tasks.task.add",
            json!({"fields": {"TITLE": format!("v2 task {i}"), "RESPONSIBLE_ID": 1 + i % 3,
                              "PRIORITY": "2"}}),
        )
        .await;
        assert_eq!(v["result"]["task"]["title"], format!("v2 task {i}"));
        made.push(
            v["result"]["task"]["id"]
                .as_str()
                .unwrap()
                .parse::<u64>()
                .unwrap(),
        );
    }
    let (s, v) = v3(&e, "tasks.task.get", json!({"id": made[4]})).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["result"]["item"]["title"], "v2 task 4");
    assert_eq!(v["result"]["item"]["priority"], "high");
    // The page's example: numbers as strings, a date without a zone.
    let v = hook(
        &e,
        "tasks.task.add",
        json!({"fields": {"TITLE": "example", "RESPONSIBLE_ID": "2", "CREATED_BY": "3",
                          "ACCOMPLICES": ["1", "3"], "DEADLINE": "2025-12-31T23:59:59",
                          "UF_CRM_TASK": ["D_10"]}}),
    )
    .await;
    let example = &v["result"]["task"];
    assert_eq!(
        (&example["responsibleId"], &example["creatorId"]),
        (&json!("2"), &json!("3"))
    );
    let (_, v) = v3(
        &e,
        "tasks.task.get",
        json!({"id": example["id"].as_str().unwrap().parse::<u64>().unwrap()}),
    )
    .await;
    assert_eq!(
        v["result"]["item"]["deadline"].as_str().map(|d| &d[..10]),
        Some("2025-12-31")
    );
    let (_, v) = v3(
        &e,
        "tasks.task.get",
        json!({"id": example["id"].as_str().unwrap().parse::<u64>().unwrap(),
               "select": ["accomplices"]}),
    )
    .await;
    assert_eq!(v["result"]["item"]["accomplices"], json!([1, 3]));
    let mut seen = Vec::new();
    let mut cursor = 0;
    loop {
        let (s, v) = v3(
            &e,
            "tasks.task.list",
            json!({"filter": [["id", ">", cursor], ["id", "<=", made[59]]],
                   "order": {"id": "asc"}, "select": ["id", "title"],
                   "pagination": {"limit": 7}}),
        )
        .await;
        assert_eq!(s, 200, "{v}");
        let page = ids(&v["result"]["items"], "id");
        let Some(last) = page.last() else { break };
        cursor = *last;
        seen.extend(page);
    }
    assert_eq!(seen, made);

    // REST 3.0 writes, REST v2 reads: filter, order, `start` and `start=-1`.
    let mut made3 = Vec::new();
    for i in 0..55u64 {
        let (s, v) = v3(
            &e,
            "tasks.task.add",
            json!({"fields": {"title": format!("v3 task {i}"), "creatorId": 1,
                              "responsibleId": 3}}),
        )
        .await;
        assert_eq!(s, 200, "{v}");
        made3.push(v["result"]["item"]["id"].as_u64().unwrap());
    }
    let filter = json!({">=ID": made3[0], "%TITLE": "v3 task"});
    let v = hook(
        &e,
        "tasks.task.list",
        json!({"filter": filter, "order": {"ID": "asc"}, "select": ["ID", "TITLE"]}),
    )
    .await;
    assert_eq!(
        (v["total"].as_u64(), v["next"].as_u64()),
        (Some(55), Some(50))
    );
    assert_eq!(ids(&v["result"]["tasks"], "id"), made3[..50]);
    let v = hook(
        &e,
        "tasks.task.list",
        json!({"filter": filter, "order": {"ID": "asc"}, "start": 50}),
    )
    .await;
    assert_eq!(ids(&v["result"]["tasks"], "id"), made3[50..]);
    let v = hook(
        &e,
        "tasks.task.list",
        json!({"filter": {">ID": made3[52]}, "start": -1}),
    )
    .await;
    // By default v2 lists the newest first.
    assert_eq!(ids(&v["result"]["tasks"], "id"), [made3[54], made3[53]]);
    assert_eq!(v["total"], 0);

    // An update through one API and a delete through the other.
    hook(
        &e,
        "tasks.task.update",
        json!({"taskId": made3[0], "fields": {"TITLE": "renamed"}}),
    )
    .await;
    let (_, v) = v3(&e, "tasks.task.get", json!({"id": made3[0]})).await;
    assert_eq!(v["result"]["item"]["title"], "renamed");
    let (s, _) = v3(&e, "tasks.task.delete", json!({"id": made3[1]})).await;
    assert_eq!(s, 200);
    let v = hook(&e, "tasks.task.get", json!({"taskId": made3[1]})).await;
    assert_eq!(v["result"], json!([]));
    let v = hook(&e, "tasks.task.delete", json!({"taskId": made[0]})).await;
    assert_eq!(v["result"]["task"], true);
    let (s, v) = v3(&e, "tasks.task.get", json!({"id": made[0]})).await;
    assert_eq!(s, 400, "{v}");
    e.shutdown().await;
}

#[tokio::test]
async fn the_report_and_the_cost_model_count_these_families() {
    use b24_emulator::cost::{COUNT_SECS_PER_ROW, PAGE_SECS};
    let e = Emulator::builder()
        .seed_users(3)
        .seed_tasks(1_000)
        .bucket(1_000_000, 100_000.0)
        .realistic(true)
        .start()
        .await
        .unwrap();
    let t = e.authorize(1, &[]).access_token;
    // A counted v2 page of the store's tasks costs the page and its rows;
    // `start=-1` only the page.
    let counted = hook(&e, "tasks.task.list", json!({"start": 0})).await;
    assert_eq!(counted["total"], 1_000);
    let p = counted["time"]["processing"].as_f64().unwrap();
    assert!(
        (p - (PAGE_SECS + 1_000.0 * COUNT_SECS_PER_ROW)).abs() < 1e-9,
        "{p}"
    );
    let fast = hook(&e, "tasks.task.list", json!({"start": -1})).await;
    let p = fast["time"]["processing"].as_f64().unwrap();
    assert!((p - PAGE_SECS).abs() < 1e-9, "{p}");
    let (s, _) = v3(
        &e,
        "tasks.task.list",
        json!({"pagination": {"limit": 1000}}),
    )
    .await;
    assert_eq!(s, 200);
    app(
        &e,
        &t,
        "event.bind",
        json!({"event": "ONCRMDEALADD", "handler": "https://a.example/"}),
    )
    .await;
    app(&e, &t, "event.get", json!({})).await;
    app(
        &e,
        &t,
        "placement.bind",
        json!({"PLACEMENT": "LEFT_MENU", "HANDLER": "https://a.example/"}),
    )
    .await;
    hook(&e, "voximplant.statistic.get", json!({})).await;
    let (_, stats) = common::get(&format!("{}/_emulator/stats", e.base_url())).await;
    for method in [
        "tasks.task.list",
        "event.bind",
        "event.get",
        "placement.bind",
        "voximplant.statistic.get",
    ] {
        assert!(
            stats["operating"][method].as_f64().is_some_and(|s| s > 0.0),
            "{method}: {stats}"
        );
    }
    assert_eq!(stats["requests"], 7);
    e.shutdown().await;
}
