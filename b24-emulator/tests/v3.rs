//! REST 3.0 (`/rest/api/`) over HTTP, as `api-reference/rest-v3.md` and the
//! v3 task pages describe it.

mod common;

use std::time::Duration;

use b24_emulator::{AuthKind, Emulator};
use common::{get, post_form, post_json};
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};

const V: &str = "BITRIX_REST_V3_EXCEPTION_";

async fn emu() -> Emulator {
    Emulator::builder()
        .seed_users(5)
        .bucket(10_000, 100.0)
        .start()
        .await
        .unwrap()
}

/// `…/rest/api/1/devcode/` (the first webhook).
fn api(e: &Emulator) -> String {
    e.v3_webhook_url()
}

/// A POST with a raw body and optional `Idempotency-Key`: status, headers, JSON.
async fn send(url: &str, body: &str, key: Option<&[u8]>) -> (u16, HeaderMap, Value) {
    let mut req = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(k) = key {
        req = req.header("idempotency-key", HeaderValue::from_bytes(k).unwrap());
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.unwrap();
    let v = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, headers, v)
}

/// The error's code, after checking the v3 error shape.
fn code(v: &Value) -> &str {
    assert!(v.get("result").is_none(), "an error has no result: {v}");
    assert!(v["error"]["message"].is_string(), "{v}");
    v["error"]["code"].as_str().unwrap_or("")
}

/// The `(field, message)` pairs of a validation error.
fn validation(v: &Value) -> Vec<(String, String)> {
    assert_eq!(code(v), format!("{V}VALIDATION_REQUESTVALIDATIONEXCEPTION"));
    v["error"]["validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["field"].as_str().unwrap().to_owned(),
                x["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn add(e: &Emulator, fields: Value) -> u64 {
    let (s, v) = post_json(
        &format!("{}tasks.task.add", api(e)),
        &json!({ "fields": fields }),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    v["result"]["item"]["id"].as_u64().unwrap()
}

fn task(title: &str, responsible: u64) -> Value {
    json!({"title": title, "creatorId": 1, "responsibleId": responsible})
}

#[tokio::test]
async fn webhook_and_oauth_calls_answer_in_the_unified_format() {
    let e = emu().await;
    let (s, v) = post_json(
        &format!("{}tasks.task.add", api(&e)),
        &json!({"fields": {"title": "Task Title", "deadline": "2025-12-31T23:59:59+02:00",
                           "creatorId": 1, "responsibleId": 2, "crmItemIds": ["L_1000959"]}}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let item = &v["result"]["item"];
    assert_eq!(item["title"], "Task Title");
    assert_eq!(item["deadline"], "2025-12-31T21:59:59+00:00");
    assert_eq!(
        (&item["status"], &item["priority"]),
        (&json!("pending"), &json!("average"))
    );
    assert_eq!(item["crmItemIds"], json!(["L_1000959"]));
    assert_eq!(item["rights"]["edit"], true);
    // The page's example: no IDs of related users without `select`.
    assert!(item.get("responsibleId").is_none() && item.get("creatorId").is_none());
    for k in common::TIME_FIELDS {
        assert!(v["time"].get(k).is_some(), "time.{k} missing in {v}");
    }
    let id = item["id"].as_u64().unwrap();

    // OAuth: /rest/api/{method}, the token in the body's `auth`; `.json` too.
    let t = e.authorize(1, &[]);
    let (s, v) = post_json(
        &format!("{}/rest/api/tasks.task.get.json", e.base_url()),
        &json!({"id": id, "select": ["id", "title"], "auth": t.access_token}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["result"],
        json!({"item": {"id": id, "title": "Task Title"}})
    );

    let (s, v) = post_json(
        &format!("{}tasks.task.update", api(&e)),
        &json!({"id": id, "fields": {"status": "completed"}}),
    )
    .await;
    assert_eq!((s, &v["result"]), (200, &json!({"result": true})));
    let (_, v) = post_json(
        &format!("{}tasks.task.get", api(&e)),
        &json!({"id": id, "select": ["status", "closed", "closedById", "statusChangedBy.name"]}),
    )
    .await;
    let item = &v["result"]["item"];
    assert_eq!(
        (&item["status"], &item["closedById"]),
        (&json!("completed"), &json!(1))
    );
    assert!(item["closed"].is_string());
    assert_eq!(item["statusChangedBy"], json!({"name": "Admin Emulator"}));

    let (s, v) = post_json(&format!("{}tasks.task.delete", api(&e)), &json!({"id": id})).await;
    assert_eq!((s, &v["result"]), (200, &json!({"result": true})));
    let (s, v) = post_json(&format!("{}tasks.task.get", api(&e)), &json!({"id": id})).await;
    assert_eq!(s, 400);
    assert_eq!(code(&v), format!("{V}ENTITYNOTFOUNDEXCEPTION"));
    assert_eq!(
        v["error"]["message"],
        format!("Record with ID = `{id}` not found")
    );
    // Deleting or updating what is not there: access denied.
    let (s, v) = post_json(&format!("{}tasks.task.delete", api(&e)), &json!({"id": id})).await;
    assert_eq!(
        (s, code(&v)),
        (403, "BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION")
    );

    let calls = e.calls();
    assert!(calls.iter().all(|c| c.v3));
    assert!(matches!(calls[1].auth, AuthKind::OAuth { user_id: 1 }));
    assert_eq!(calls[1].method, "tasks.task.get");
}

#[tokio::test]
async fn json_bodies_only_and_never_the_query_string() {
    let e = emu().await;
    let id = add(&e, task("a", 1)).await;
    let (s, v) = post_form(&format!("{}tasks.task.get", api(&e)), &format!("id={id}")).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION")
    );
    let (s, _, v) = send(&format!("{}tasks.task.get", api(&e)), "{\"id\": ", None).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION")
    );
    let (s, _, v) = send(&format!("{}tasks.task.get", api(&e)), "42", None).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION")
    );
    // The overview's example: GET …/tasks.task.get?id=51 is a validation error.
    let (s, v) = get(&format!("{}tasks.task.get?id={id}", api(&e))).await;
    assert_eq!(s, 400);
    assert_eq!(
        validation(&v),
        vec![("id".into(), "Required field `id` is missing".into())]
    );
    // A body still wins nothing from the query string.
    let (s, v) = post_json(
        &format!("{}tasks.task.get?select[]=title", api(&e)),
        &json!({"id": id, "select": ["id"]}),
    )
    .await;
    assert_eq!((s, &v["result"]["item"]), (200, &json!({"id": id})));
    let (s, v) = post_json(&format!("{}tasks.task.get", api(&e)), &json!({"id": "1"})).await;
    assert_eq!(s, 400);
    assert_eq!(
        validation(&v),
        vec![(
            "id".into(),
            "Field `id` requires data type `int` for this request".into()
        )]
    );
    // A method without parameters takes GET.
    let (s, v) = get(&format!("{}rest.scope.list", api(&e))).await;
    assert_eq!(s, 200, "{v}");
}

#[tokio::test]
async fn auth_scope_and_method_errors() {
    let e = Emulator::builder()
        .webhook(1, "all", &[])
        .webhook(1, "crmonly", &["crm"])
        .webhook(1, "oldscope", &["tasks"])
        .seed_users(2)
        .token_lifetime(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let base = e.base_url();
    let body = json!({"select": ["id"]});
    let (s, v) = post_json(&format!("{base}/rest/api/1/crmonly/tasks.task.list"), &body).await;
    assert_eq!(
        (s, code(&v)),
        (403, "BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION")
    );
    // The task pages name the deprecated `tasks` scope; it still grants them.
    let (s, v) = post_json(
        &format!("{base}/rest/api/1/oldscope/tasks.task.list"),
        &body,
    )
    .await;
    assert_eq!((s, &v["result"]), (200, &json!({"items": []})));
    // A v2-only method under /rest/api/, a v3-only one under /rest/.
    // rest-v3.md: REST 3.0 errors carry the BITRIX_REST_V3_EXCEPTION_ prefix.
    let (s, v) = post_json(&format!("{base}/rest/api/1/all/crm.deal.list"), &json!({})).await;
    assert_eq!(
        (s, code(&v)),
        (404, "BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION")
    );
    // (`tasks.task.add` is documented for REST v2 as well, so the specs
    // hold a v2 entry and /rest/ answers it from there.)
    for m in ["rest.scope.list", "rest.documentation.openapi"] {
        let (s, v) = post_json(&format!("{base}/rest/1/all/{m}"), &json!({})).await;
        assert_eq!(
            (s, v["error"].as_str()),
            (404, Some("ERROR_METHOD_NOT_FOUND")),
            "{m}"
        );
    }
    // Credentials: the v2 codes and statuses in the v3 shape.
    let (s, v) = post_json(&format!("{base}/rest/api/1/nope/tasks.task.list"), &body).await;
    assert_eq!((s, code(&v)), (401, "NO_AUTH_FOUND"));
    let (s, v) = post_json(&format!("{base}/rest/api/tasks.task.list"), &body).await;
    assert_eq!((s, code(&v)), (401, "NO_AUTH_FOUND"));
    let t = e.authorize(1, &["crm"]);
    let (s, v) = post_json(
        &format!("{base}/rest/api/tasks.task.list"),
        &json!({"auth": t.access_token}),
    )
    .await;
    assert_eq!(
        (s, code(&v)),
        (403, "BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION")
    );
    e.clock().advance(Duration::from_secs(61));
    let (s, v) = post_json(
        &format!("{base}/rest/api/tasks.task.list"),
        &json!({"auth": t.access_token}),
    )
    .await;
    assert_eq!((s, code(&v)), (401, "expired_token"));
    // The log keeps the refused calls apart from v2 ones.
    let calls = e.calls();
    assert_eq!(calls.iter().filter(|c| !c.v3).count(), 2);
    assert!(
        calls
            .iter()
            .any(|c| c.v3 && c.error.as_deref() == Some("expired_token"))
    );
}

#[tokio::test]
async fn task_validation_and_access() {
    let e = Emulator::builder()
        .webhook(1, "devcode", &[])
        .webhook(3, "three", &[])
        .seed_users(5)
        .start()
        .await
        .unwrap();
    let url = |m: &str| format!("{}tasks.task.{m}", api(&e));
    let (s, v) = post_json(&url("add"), &json!({})).await;
    assert_eq!(s, 400);
    assert_eq!(
        validation(&v),
        vec![("fields".into(), "Required field `fields` is missing".into())]
    );
    let (_, v) = post_json(&url("add"), &json!({"fields": {"description": "x"}})).await;
    let fields: Vec<String> = validation(&v).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["title", "creatorId", "responsibleId"]);
    let (_, v) = post_json(
        &url("add"),
        &json!({"fields": {"title": "t", "creatorId": 1, "responsibleId": 1, "deadline": "tomorrow"}}),
    )
    .await;
    // The add page's example, word for word.
    assert_eq!(
        v["error"]["message"],
        "Error during request object validation"
    );
    assert_eq!(
        validation(&v),
        vec![(
            "deadline".into(),
            "Field `deadline` requires data type `DateTime` for this request".into()
        )]
    );
    let (_, v) = post_json(&url("add"), &json!({"fields": task("t", 99)})).await;
    assert_eq!(
        validation(&v),
        vec![(
            "responsibleId".into(),
            "User specified in the \"Executor\" field not found".into()
        )]
    );
    let (s, v) = post_json(
        &url("add"),
        &json!({"fields": {"title": "t", "creatorId": 1, "responsibleId": 1, "stageId": 2}}),
    )
    .await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION")
    );
    let (_, v) = post_json(
        &url("add"),
        &json!({"fields": {"title": "t", "creatorId": 1, "responsibleId": 1,
                           "startPlan": "2025-12-31T18:00:00+02:00", "endPlan": "2025-12-31T06:00:00+02:00"}}),
    )
    .await;
    assert_eq!(validation(&v)[0].0, "endPlan");
    let (_, v) = post_json(
        &url("add"),
        &json!({"fields": {"title": "t", "creatorId": 1, "responsibleId": 1, "priority": "urgent"}}),
    )
    .await;
    assert_eq!(validation(&v)[0].0, "priority");

    let mine = add(&e, task("admin's", 2)).await;
    let theirs = add(&e, task("for three", 3)).await;
    // The update page's example.
    let (s, v) = post_json(
        &url("update"),
        &json!({"id": mine, "fields": {"title": "x", "creatorId": 29}}),
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(
        validation(&v),
        vec![(
            "creatorId".into(),
            "In DTO `TaskDto`, the field `creatorId` requires the presence of the `Editable` attribute for such a request".into()
        )]
    );
    let (_, v) = post_json(
        &url("update"),
        &json!({"id": mine, "fields": {"parentId": mine}}),
    )
    .await;
    assert_eq!(
        validation(&v),
        vec![("parentId".into(), "Cannot bind a node to itself".into())]
    );
    let (s, v) = post_json(
        &url("update"),
        &json!({"id": 999, "fields": {"title": "x"}}),
    )
    .await;
    assert_eq!(
        (s, code(&v)),
        (403, "BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION")
    );

    // User 3 sees the task they are responsible for, not the other one, and
    // may not change a task someone else created.
    let three = format!("{}/rest/api/3/three/", e.base_url());
    let (s, v) = post_json(&format!("{three}tasks.task.get"), &json!({"id": mine})).await;
    assert_eq!(
        (s, code(&v)),
        (403, "BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION")
    );
    let (s, v) = post_json(
        &format!("{three}tasks.task.get"),
        &json!({"id": theirs, "select": ["id"]}),
    )
    .await;
    assert_eq!((s, &v["result"]["item"]["id"]), (200, &json!(theirs)));
    let (_, v) = post_json(&format!("{three}tasks.task.list"), &json!({})).await;
    assert_eq!(v["result"]["items"], json!([{"id": theirs}]));
    let (s, v) = post_json(&format!("{three}tasks.task.delete"), &json!({"id": theirs})).await;
    assert_eq!(
        (s, code(&v)),
        (403, "BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION")
    );
    // Their own task is theirs to change.
    let (s, v) = post_json(
        &format!("{three}tasks.task.add"),
        &json!({"fields": {"title": "own", "creatorId": 3, "responsibleId": 3}}),
    )
    .await;
    let own = v["result"]["item"]["id"].as_u64().unwrap();
    assert_eq!(s, 200);
    let (s, _) = post_json(
        &format!("{three}tasks.task.update"),
        &json!({"id": own, "fields": {"status": "in_progress", "parentId": theirs}}),
    )
    .await;
    assert_eq!(s, 200);
    let (_, v) = post_json(
        &url("get"),
        &json!({"id": theirs, "select": ["containsSubTasks"]}),
    )
    .await;
    assert_eq!(v["result"]["item"]["containsSubTasks"], true);
}

#[tokio::test]
async fn idempotency_key_replays_the_stored_answer() {
    let e = emu().await;
    let add_url = format!("{}tasks.task.add", api(&e));
    let body = json!({"fields": {"title": "Prepare a report", "responsibleId": 1, "creatorId": 1}})
        .to_string();
    let key: &[u8] = b"9f1c1a7e-5f1b-4a1e-9a2c-2f5f2b6c7d80";
    let (s, h1, first) = send(&add_url, &body, Some(key)).await;
    assert_eq!(s, 200, "{first}");
    assert_eq!(
        h1["idempotency-key"],
        "9f1c1a7e-5f1b-4a1e-9a2c-2f5f2b6c7d80"
    );
    assert!(h1.get("idempotent-replayed").is_none());
    // The same call again (keys in another order: the same body).
    let same = json!({"fields": {"creatorId": 1, "responsibleId": 1, "title": "Prepare a report"}})
        .to_string();
    let (s, h2, second) = send(&add_url, &same, Some(key)).await;
    assert_eq!(s, 200);
    assert_eq!(h2["idempotent-replayed"], "true");
    assert_eq!(h2["idempotency-key"], h1["idempotency-key"]);
    assert_eq!(second, first, "the stored answer, time block included");
    let adds: Vec<_> = e
        .calls()
        .into_iter()
        .filter(|c| c.method == "tasks.task.add")
        .collect();
    assert_eq!(adds.len(), 2);
    assert_eq!(
        adds.iter().map(|c| c.replayed).collect::<Vec<_>>(),
        [false, true],
        "the method ran once"
    );
    assert!(
        adds.iter()
            .all(|c| c.idempotency_key.as_deref() == Some("9f1c1a7e-5f1b-4a1e-9a2c-2f5f2b6c7d80"))
    );
    let count = || async {
        let (_, v) = post_json(&format!("{}tasks.task.list", api(&e)), &json!({})).await;
        v["result"]["items"].as_array().unwrap().len()
    };
    assert_eq!(count().await, 1);

    // The same key with another body.
    let other =
        json!({"fields": {"title": "Other", "responsibleId": 1, "creatorId": 1}}).to_string();
    let (s, h, v) = send(&add_url, &other, Some(key)).await;
    assert_eq!(
        (s, code(&v)),
        (
            422,
            "BITRIX_REST_V3_EXCEPTION_IDEMPOTENCYKEYREUSEDEXCEPTION"
        )
    );
    assert_eq!(h["idempotency-key"], h1["idempotency-key"]);
    // The key is per method: the same key on update is another call.
    let id = first["result"]["item"]["id"].as_u64().unwrap();
    let upd = json!({"id": id, "fields": {"title": "Renamed"}}).to_string();
    let (s, _, _) = send(&format!("{}tasks.task.update", api(&e)), &upd, Some(key)).await;
    assert_eq!(s, 200);
    // Bad keys.
    for bad in [&[b'k'; 256][..], "ключ".as_bytes()] {
        let (s, _, v) = send(&add_url, &body, Some(bad)).await;
        assert_eq!(
            (s, code(&v)),
            (
                400,
                "BITRIX_REST_V3_EXCEPTION_INVALIDIDEMPOTENCYKEYEXCEPTION"
            )
        );
    }
    // Reading methods ignore the header.
    let (s, h, _) = send(
        &format!("{}tasks.task.get", api(&e)),
        &json!({"id": id}).to_string(),
        Some(&[b'k'; 300]),
    )
    .await;
    assert_eq!(s, 200);
    assert!(h.get("idempotency-key").is_none());
    // An error is not stored: the repeat runs again, and a fixed body is fine.
    let broken = json!({"fields": {"title": "no users"}}).to_string();
    for _ in 0..2 {
        let (s, h, _) = send(&add_url, &broken, Some(b"k2")).await;
        assert_eq!(s, 400);
        assert!(h.get("idempotent-replayed").is_none());
    }
    let (s, h, _) = send(&add_url, &other, Some(b"k2")).await;
    assert_eq!(s, 200);
    assert!(h.get("idempotent-replayed").is_none());
    assert_eq!(count().await, 2);
    // After 24 hours of virtual time the answer is gone: the call runs again.
    e.clock().advance(Duration::from_secs(86_400 + 1));
    let (s, h, v) = send(&add_url, &body, Some(key)).await;
    assert_eq!(s, 200);
    assert!(h.get("idempotent-replayed").is_none());
    assert_ne!(v["result"]["item"]["id"], first["result"]["item"]["id"]);
    assert_eq!(count().await, 3);
    // Another webhook (or app) has keys of its own.
    let t = e.authorize(1, &[]);
    let mut with_auth: Value = serde_json::from_str(&body).unwrap();
    with_auth["auth"] = json!(t.access_token);
    let (s, h, _) = send(
        &format!("{}/rest/api/tasks.task.add", e.base_url()),
        &with_auth.to_string(),
        Some(key),
    )
    .await;
    assert_eq!(s, 200);
    assert!(h.get("idempotent-replayed").is_none());
    assert_eq!(count().await, 4);
}

#[tokio::test]
async fn batch_takes_a_json_array() {
    let e = emu().await;
    let a = add(&e, task("first", 2)).await;
    let b = add(&e, task("second", 3)).await;
    e.clear_calls();
    let url = format!("{}batch", api(&e));
    let (s, v) = post_json(
        &url,
        &json!([
            {"method": "tasks.task.get", "query": {"id": a, "select": ["id", "title"]}},
            {"method": "tasks.task.get", "query": {"id": b, "select": ["id", "title"]}},
            {"method": "tasks.task.add", "query": {"fields": task("third", 1)}},
            {"method": "tasks.task.list", "query": {"select": ["title"], "order": {"id": "DESC"}}},
        ]),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let r = v["result"].as_array().unwrap();
    assert_eq!(r[0], json!({"item": {"id": a, "title": "first"}}));
    assert_eq!(r[1], json!({"item": {"id": b, "title": "second"}}));
    assert_eq!(r[2]["item"]["title"], "third");
    assert_eq!(
        r[3]["items"],
        json!([{"title": "third"}, {"title": "second"}, {"title": "first"}])
    );
    // The batch itself is not counted (`operating: 0`); its calls are, each
    // as itself; the batch's time names the window's reset.
    assert_eq!(v["time"]["operating"], json!(0), "{v}");
    assert!(v["time"]["operating_reset_at"].as_i64().is_some(), "{v}");
    let calls = e.calls();
    assert_eq!(calls.len(), 5);
    assert_eq!(calls[0].method, "batch");
    assert!(calls[1..].iter().all(|c| c.in_batch && c.v3));
    assert_eq!(calls[3].method, "tasks.task.add");

    // The v2 `cmd` form.
    let (s, v) = post_json(&url, &json!({"cmd": {"a": "tasks.task.get?id=1"}})).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION")
    );
    let (s, v) = post_json(&url, &json!(["tasks.task.get?id=1"])).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION")
    );
    // More than 50 calls.
    let many: Vec<Value> = (0..51)
        .map(|_| json!({"method": "tasks.task.list", "query": {}}))
        .collect();
    let (s, v) = post_json(&url, &json!(many)).await;
    assert_eq!((s, code(&v)), (400, "ERROR_BATCH_LENGTH_EXCEEDED"));
    // A failing call is the batch's answer; calls after it do not run.
    let before = e.calls().len();
    let (s, v) = post_json(
        &url,
        &json!([
            {"method": "tasks.task.get", "query": {"id": 9999}},
            {"method": "tasks.task.add", "query": {"fields": task("never", 1)}},
        ]),
    )
    .await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION")
    );
    assert_eq!(e.calls().len(), before + 2);
    let (s, v) = post_json(&url, &json!([{"method": "batch", "query": {}}])).await;
    assert_eq!((s, code(&v)), (405, "ERROR_BATCH_METHOD_NOT_ALLOWED"));
    let (s, v) = post_json(&url, &json!([{"method": "crm.deal.list"}])).await;
    assert_eq!(
        (s, code(&v)),
        (404, "BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION")
    );
}

#[tokio::test]
async fn openapi_and_scope_list() {
    let e = emu().await;
    let (s, doc) = get(&format!("{}rest.documentation.openapi", api(&e))).await;
    assert_eq!(s, 200, "{doc}");
    let doc = &doc["result"];
    assert_eq!(doc["openapi"], "3.0.0");
    assert_eq!(doc["info"]["title"], "Bitrix24 REST V3 API");
    for m in ["add", "get", "update", "delete", "list"] {
        assert!(
            doc["paths"][format!("/tasks.task.{m}")]["post"].is_object(),
            "{m}"
        );
    }
    assert!(
        doc["tags"]
            .as_array()
            .unwrap()
            .contains(&json!({"name": "tasks", "description": "tasks module methods"}))
    );
    assert!(doc["components"]["schemas"]["TaskDto"]["properties"]["title"].is_object());
    let (s, same) = post_json(&format!("{}documentation", api(&e)), &json!({})).await;
    assert_eq!((s, &same["result"]), (200, doc));

    let (s, v) = post_json(&format!("{}rest.scope.list", api(&e)), &json!({})).await;
    assert_eq!(s, 200);
    let items = v["result"]["items"].as_array().unwrap();
    assert!(items.contains(&json!({"method": "tasks.task.add", "scope": "task"})));
    assert_eq!(items.len(), doc["paths"].as_object().unwrap().len());
}

#[tokio::test]
async fn select_with_related_fields() {
    let e = emu().await;
    let parent = add(&e, task("parent", 1)).await;
    let id = add(
        &e,
        json!({"title": "child", "creatorId": 1, "responsibleId": 2, "accomplices": [3, 4],
               "parentId": parent}),
    )
    .await;
    let get_url = format!("{}tasks.task.get", api(&e));
    // The overview's example: related fields alone keep the basic set.
    let (s, v) = post_json(
        &get_url,
        &json!({"id": id, "select": ["responsible.name", "responsible.email"]}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let item = v["result"]["item"].as_object().unwrap();
    let keys: Vec<&str> = item.keys().map(String::as_str).take(5).collect();
    assert_eq!(
        keys,
        ["id", "title", "description", "responsible", "deadline"]
    );
    let (_, users) = post_json(
        &format!("{}/rest/1/devcode/user.get", e.base_url()),
        &json!({"ID": 2}),
    )
    .await;
    let u = &users["result"][0];
    assert_eq!(
        item["responsible"],
        json!({"name": format!("{} {}", u["NAME"].as_str().unwrap(), u["LAST_NAME"].as_str().unwrap()),
               "email": u["EMAIL"]})
    );
    // An unknown own field is dropped; an unknown related field is an error.
    let (s, v) = post_json(&get_url, &json!({"id": id, "select": ["id", "stageId"]})).await;
    assert_eq!((s, &v["result"]["item"]), (200, &json!({"id": id})));
    let (s, v) = post_json(
        &get_url,
        &json!({"id": id, "select": ["responsible.stageId"]}),
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(
        v["error"]["code"],
        format!("{V}UNKNOWNDTOPROPERTYEXCEPTION")
    );
    assert_eq!(
        v["error"]["message"],
        "Unknown field `stageId` for entity `UserDto`"
    );
    let (s, v) = post_json(
        &get_url,
        &json!({"id": id, "select": ["id", "accomplices.id", "parent.title", "parent.creator.name",
                                      "creator.id", "group.name", "chat.entityId"]}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["result"]["item"],
        json!({"id": id, "creator": {"id": 1}, "group": null,
               "accomplices": [{"id": 3}, {"id": 4}],
               "parent": {"title": "parent", "creator": {"name": "Admin Emulator"}},
               "chat": {"entityId": id}})
    );
    let (_, v) = post_json(
        &get_url,
        &json!({"id": id, "select": ["accomplices", "auditors", "parentId"]}),
    )
    .await;
    assert_eq!(
        v["result"]["item"],
        json!({"accomplices": [3, 4], "auditors": [], "parentId": parent})
    );
    let (s, v) = post_json(&get_url, &json!({"id": id, "select": "title"})).await;
    assert_eq!((s, validation(&v)[0].0.as_str()), (400, "select"));
}

#[tokio::test]
async fn list_filter_order_and_pagination() {
    let e = emu().await;
    let ids: Vec<u64> = {
        let mut v = Vec::new();
        for (i, title) in ["delta", "alpha", "echo", "bravo", "foxtrot", "charlie"]
            .iter()
            .enumerate()
        {
            v.push(add(&e, task(title, 1 + i as u64 % 3)).await);
        }
        v
    };
    let url = format!("{}tasks.task.list", api(&e));
    let list = |body: Value| {
        let url = url.clone();
        async move { post_json(&url, &body).await }
    };
    let idlist = |v: &Value| -> Vec<u64> {
        v["result"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_u64().unwrap())
            .collect()
    };
    // Without `select`: only `id`, ascending.
    let (s, v) = list(json!({})).await;
    assert_eq!(s, 200);
    assert_eq!(v["result"]["items"][0], json!({"id": ids[0]}));
    assert_eq!(idlist(&v), ids);
    // The overview's grammar: AND at one level, an OR group, the shorthand.
    let (_, v) = list(json!({"filter": [
        ["id", ">", ids[0]],
        {"logic": "or", "conditions": [["id", [ids[1], ids[2]]], ["id", "in", [ids[4]]]]},
    ]}))
    .await;
    assert_eq!(idlist(&v), [ids[1], ids[2], ids[4]]);
    let (_, v) =
        list(json!({"filter": [["id", "between", [ids[1], ids[3]]], ["id", "!=", ids[2]]]})).await;
    assert_eq!(idlist(&v), [ids[1], ids[3]]);
    let (_, v) = list(json!({"filter": [["id", ids[5]]]})).await;
    assert_eq!(idlist(&v), [ids[5]]);
    let (_, v) = list(json!({"filter": [["id", "<=", ids[1]], ["id", ">=", ids[1]]]})).await;
    assert_eq!(idlist(&v), [ids[1]]);
    // Order and pages.
    let (_, v) = list(
        json!({"select": ["id", "title", "responsibleId"], "order": {"title": "DESC"},
                             "pagination": {"page": 2, "limit": 2}}),
    )
    .await;
    assert_eq!(
        v["result"]["items"],
        json!([{"id": ids[0], "title": "delta", "responsibleId": 1},
               {"id": ids[5], "title": "charlie", "responsibleId": 3}])
    );
    let (_, v) = list(json!({"order": {"responsibleId": "ASC", "id": "DESC"},
                             "pagination": {"offset": 1, "limit": 3}}))
    .await;
    assert_eq!(idlist(&v), [ids[0], ids[4], ids[1]]);
    let (s, _) = post_json(
        &format!("{}tasks.task.update", api(&e)),
        &json!({"id": ids[3], "fields": {"priority": "low"}}),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = post_json(
        &format!("{}tasks.task.update", api(&e)),
        &json!({"id": ids[4], "fields": {"priority": "high"}}),
    )
    .await;
    assert_eq!(s, 200);
    let (_, v) = list(json!({"order": {"priority": "DESC"}, "pagination": {"limit": 3}})).await;
    assert_eq!(idlist(&v), [ids[4], ids[0], ids[1]]);
    // Errors.
    let (s, v) = list(json!({"filter": [["id", "like", 1]]})).await;
    assert_eq!(
        (s, code(&v)),
        (
            400,
            "BITRIX_REST_V3_EXCEPTION_UNKNOWNFILTEROPERATOREXCEPTION"
        )
    );
    let (s, v) = list(json!({"filter": [["colour", "=", 1]]})).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION")
    );
    let (s, v) = list(json!({"filter": [["status", "=", "pending"]]})).await;
    assert_eq!(s, 400);
    assert_eq!(
        validation(&v),
        vec![(
            "status".into(),
            "In DTO `TaskDto`, the `status` field requires the `Filterable` attribute for such a request".into()
        )]
    );
    let (s, v) = list(json!({"filter": [["id", "=", "seven"]]})).await;
    assert_eq!((s, validation(&v)[0].0.as_str()), (400, "id"));
    let (s, v) = list(json!({"filter": {"id": 1}})).await;
    assert_eq!((s, validation(&v)[0].0.as_str()), (400, "filter"));
    let mut deep = json!([["id", 1]]);
    for _ in 0..40 {
        deep = json!([{"logic": "or", "conditions": deep}]);
    }
    let (s, v) = list(json!({ "filter": deep.clone() })).await;
    assert_eq!((s, validation(&v)[0].0.as_str()), (400, "filter"));
    // Deeper than JSON parsing goes: still an answer, not a crash.
    for _ in 0..100 {
        deep = json!([{"logic": "or", "conditions": deep}]);
    }
    let (s, v) = list(json!({ "filter": deep })).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION")
    );
    let (s, v) = list(json!({"pagination": {"limit": "abc"}})).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDPAGINATIONEXCEPTION")
    );
    // The list page's example message.
    assert_eq!(
        v["error"]["message"],
        "Unable to recognize the pagination parameter `{\"limit\":\"abc\"}`"
    );
    let (s, v) = list(json!({"order": {"description": "ASC"}})).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDORDEREXCEPTION")
    );
}

#[tokio::test]
async fn limits_are_shared_with_v2() {
    let e = Emulator::builder().bucket(4, 0.001).start().await.unwrap();
    for _ in 0..2 {
        let (s, _) = get(&format!("{}user.current", e.webhook_url())).await;
        assert_eq!(s, 200);
    }
    for _ in 0..2 {
        let (s, _) = post_json(&format!("{}tasks.task.list", api(&e)), &json!({})).await;
        assert_eq!(s, 200);
    }
    let (s, v) = post_json(&format!("{}tasks.task.list", api(&e)), &json!({})).await;
    assert_eq!((s, code(&v)), (503, "QUERY_LIMIT_EXCEEDED"));
    let (s, v) = get(&format!("{}user.current", e.webhook_url())).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (503, Some("QUERY_LIMIT_EXCEEDED"))
    );

    // Operating time: 300 s a call against a 400 s limit.
    let e = Emulator::builder()
        .bucket(10_000, 100.0)
        .operating(Duration::from_secs(300), Duration::ZERO)
        .operating_limit(Duration::from_secs(400))
        .start()
        .await
        .unwrap();
    let url = format!("{}tasks.task.list", api(&e));
    let (_, v) = post_json(&url, &json!({})).await;
    assert!(v["time"]["operating"].as_f64().unwrap() >= 300.0, "{v}");
    let (s, _) = post_json(&url, &json!({})).await;
    assert_eq!(s, 200);
    let (s, v) = post_json(&url, &json!({})).await;
    assert_eq!((s, code(&v)), (429, "OPERATION_TIME_LIMIT"));
    // Another method has its own budget.
    let (s, _) = post_json(&format!("{}rest.scope.list", api(&e)), &json!({})).await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn hostile_bodies_are_documented_errors() {
    let e = Emulator::builder().max_body(4096).start().await.unwrap();
    let url = format!("{}tasks.task.add", api(&e));
    let big = format!("{{\"fields\": {{\"title\": \"{}\"}}}}", "x".repeat(10_000));
    let (s, _, v) = send(&url, &big, None).await;
    assert_eq!((s, code(&v)), (413, "INVALID_REQUEST"));
    let (s, _, v) = send(&url, "\u{0}\u{1}garbage", None).await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION")
    );
    for weird in [
        json!({"fields": []}),
        json!({"fields": {"title": ["x"], "creatorId": -1, "responsibleId": 1e300}}),
        json!({"fields": {"title": "t", "creatorId": 1, "responsibleId": 1, "deadline": "9999-99-99T99:99:99+99:99"}}),
        json!({"fields": {"title": "t", "creatorId": 1, "responsibleId": 1, "accomplices": [1, "2"]}}),
        json!({"fields": {"title": "t", "creatorId": 1, "responsibleId": 1, "parentId": u64::MAX}}),
    ] {
        let (s, v) = post_json(&url, &weird).await;
        assert_eq!(s, 400, "{weird} -> {v}");
        assert!(code(&v).starts_with(V), "{v}");
    }
    let (s, v) = post_json(
        &format!("{}tasks.task.list", api(&e)),
        &json!({"filter": [["id", "between", [1]]], "pagination": {"page": u64::MAX, "limit": 1000}}),
    )
    .await;
    assert_eq!((s, validation(&v)[0].0.as_str()), (400, "id"));
    let (s, v) = post_json(
        &format!("{}tasks.task.list", api(&e)),
        &json!({"select": ["a.b.c.d", ""], "pagination": {"page": u64::MAX, "limit": 1000}}),
    )
    .await;
    assert_eq!(
        (s, code(&v)),
        (400, "BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION")
    );
    let (s, v) = post_json(
        &format!("{}tasks.task.list", api(&e)),
        &json!({"select": [""], "pagination": {"page": u64::MAX, "limit": 1000}}),
    )
    .await;
    assert_eq!((s, &v["result"]), (200, &json!({"items": []})));
}

/// `(code, status)` rows of the overview's error tables.
fn documented_errors() -> Vec<(String, u16)> {
    let page = include_str!("fixtures/rest-v3.md");
    let mut rows: Vec<(String, u16)> = page
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix("|| `BITRIX_REST_V3_EXCEPTION_")?;
            let (name, rest) = l.split_once("` | ")?;
            let status = rest.split(' ').next()?.parse().ok()?;
            Some((format!("{V}{name}"), status))
        })
        .collect();
    rows.sort();
    rows.dedup();
    rows
}

#[tokio::test]
async fn every_documented_error_code_comes_with_its_status() {
    let table = documented_errors();
    assert!(table.len() >= 9, "table parsed: {table:?}");
    let e = Emulator::builder()
        .webhook(1, "devcode", &[])
        .webhook(2, "narrow", &["crm"])
        .seed_users(2)
        .start()
        .await
        .unwrap();
    let id = add(&e, task("a", 1)).await;
    let url = |m: &str| format!("{}tasks.task.{m}", api(&e));
    let narrow = format!("{}/rest/api/2/narrow/tasks.task.list", e.base_url());
    let mut seen: Vec<(String, u16)> = Vec::new();
    let mut note = |s: u16, v: &Value| seen.push((code(v).to_owned(), s));
    let (s, v) = post_json(&url("get"), &json!({})).await;
    note(s, &v);
    let (s, _, v) = send(&url("get"), "{", None).await;
    note(s, &v);
    let (s, v) = post_json(&url("get"), &json!({"id": id, "select": ["creator.x"]})).await;
    note(s, &v);
    let (s, v) = post_json(&url("list"), &json!({"filter": [["id", "~", 1]]})).await;
    note(s, &v);
    let (s, v) = post_json(&url("get"), &json!({"id": id + 1})).await;
    note(s, &v);
    let (s, v) = post_json(&url("delete"), &json!({"id": id + 1})).await;
    note(s, &v);
    let (s, v) = post_json(&narrow, &json!({})).await;
    note(s, &v);
    let body = json!({"id": id, "fields": {"title": "b"}}).to_string();
    send(&url("update"), &body, Some(b"k")).await;
    let (s, _, v) = send(
        &url("update"),
        &json!({"id": id, "fields": {}}).to_string(),
        Some(b"k"),
    )
    .await;
    note(s, &v);
    let (s, _, v) = send(&url("update"), &body, Some(b"")).await;
    note(s, &v);
    seen.sort();
    seen.dedup();
    assert_eq!(seen, table);
}
