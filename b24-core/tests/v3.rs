//! REST 3.0 (`/rest/api/`): `Client::call_v3` against the emulator (a task
//! added, read and listed; typed errors; the `Idempotency-Key` the portal
//! saw), and against a scripted local server for what the emulator cannot
//! do: hang up mid-call, so resends and their reused key can be checked.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use b24_core::{Client, Error, RetryPolicy};
use b24_emulator::Emulator;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What the server does with each connection, in order.
#[derive(Clone)]
enum Reply {
    /// Read the request, then hang up without answering.
    HangUp,
    /// Answer with this status and JSON body.
    Json(u16, String),
}

/// Starts a server; returns its port and the raw requests it received.
async fn server(replies: Vec<Reply>) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        let mut replies = replies.into_iter();
        while let Ok((mut sock, _)) = listener.accept().await {
            let mut buf = vec![0u8; 64 * 1024];
            let mut len = 0;
            // Read headers and the body (Content-Length).
            loop {
                let n = sock.read(&mut buf[len..]).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                len += n;
                let text = String::from_utf8_lossy(&buf[..len]).to_string();
                if let Some(h) = text.find("\r\n\r\n") {
                    let cl = text[..h]
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                        })
                        .unwrap_or(0);
                    if len >= h + 4 + cl {
                        break;
                    }
                }
            }
            log.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&buf[..len]).to_string());
            match replies.next().unwrap_or(Reply::HangUp) {
                Reply::HangUp => drop(sock),
                Reply::Json(status, body) => {
                    let resp = format!(
                        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = sock.write_all(resp.as_bytes()).await;
                }
            }
        }
    });
    (port, seen)
}

fn client(port: u16) -> Client {
    Client::builder()
        .webhook(&format!("http://127.0.0.1:{port}/rest/7/hookcode/"))
        .limiter(b24_core::Limiter::standard())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap()
}

fn header<'a>(req: &'a str, name: &str) -> Option<&'a str> {
    req.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then_some(v.trim())
    })
}

#[tokio::test]
async fn v3_paths_keys_and_safe_resend() {
    let ok = r#"{"result":{"item":{"id":42}},"time":{"start":1,"finish":1.1,"duration":0.1,"processing":0.1,"date_start":"","date_finish":""}}"#;
    let (port, seen) = server(vec![
        Reply::HangUp,
        Reply::Json(200, ok.into()),
        Reply::Json(200, ok.into()),
    ])
    .await;
    let c = client(port);
    // A non-idempotent v3 call carries a key, so it is resent after the hang-up.
    let env = c
        .raw("tasks.task.add")
        .params(json!({"fields": {"title": "x"}}))
        .v3()
        .send()
        .await
        .unwrap();
    assert_eq!(env.result["item"]["id"], 42);
    let env = c
        .raw("tasks.task.get")
        .params(json!({"id": 42}))
        .v3()
        .send()
        .await
        .unwrap();
    assert_eq!(env.result["item"]["id"], 42);
    let reqs = seen.lock().unwrap().clone();
    assert_eq!(reqs.len(), 3);
    assert!(
        reqs[0].starts_with("POST /rest/api/7/hookcode/tasks.task.add "),
        "{}",
        reqs[0]
    );
    let k0 = header(&reqs[0], "idempotency-key").expect("key on add");
    let k1 = header(&reqs[1], "idempotency-key").expect("key on resend");
    assert_eq!(
        k0, k1,
        "the resend reuses the key, so the portal replays instead of running twice"
    );
    assert!(reqs[2].starts_with("POST /rest/api/7/hookcode/tasks.task.get "));
    assert!(header(&reqs[2], "idempotency-key").is_none());
    assert!(
        reqs[0].ends_with(r#"{"fields":{"title":"x"}}"#),
        "JSON body: {}",
        reqs[0]
    );
}

#[tokio::test]
async fn v3_error_body() {
    let body = r#"{"error":{"code":"BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION","message":"Error validating request object","validation":[{"message":"Required field `id` is not specified","field":"id"}]}}"#;
    let (port, seen) = server(vec![Reply::Json(400, body.into())]).await;
    let e = client(port)
        .raw("tasks.task.get")
        .params(json!({}))
        .v3()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::V3Validation(_)), "{e:?}");
    assert_eq!((e.method(), e.status()), ("tasks.task.get", Some(400)));
    assert_eq!(e.info().validation.as_ref().unwrap()[0]["field"], "id");
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "a validation error is not retried"
    );
}

#[tokio::test]
async fn bad_bodies_are_errors_not_panics() {
    let (port, _) = server(vec![
        Reply::Json(200, "<html>oops</html>".into()),
        Reply::Json(502, "Bad gateway".into()),
        Reply::Json(200, r#"{"time":{}}"#.into()),
        Reply::HangUp,
    ])
    .await;
    let c = Client::builder()
        .webhook(&format!("http://127.0.0.1:{port}/rest/7/hookcode/"))
        .limiter(b24_core::Limiter::standard())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let e = c
        .raw("crm.deal.get")
        .params(json!({"id": 1}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Decode(_)), "{e:?}");
    assert_eq!((e.method(), e.status()), ("crm.deal.get", Some(200)));
    let e = c
        .raw("crm.deal.get")
        .params(json!({"id": 1}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Http(_)), "{e:?}");
    assert_eq!(e.status(), Some(502));
    let e = c
        .raw("crm.deal.get")
        .params(json!({"id": 1}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Decode(_)), "{e:?}");
    // The webhook code is in the URL; no error text may show it.
    assert!(!format!("{e} {e:?}").contains("hookcode"));
    let e = c.raw("crm.deal.add").send().await.unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
    assert!(!format!("{e} {e:?}").contains("hookcode"), "{e}");
}

/// A client for the emulator's webhook, given in its `/rest/api/` form.
async fn on_emulator() -> (Emulator, Client) {
    let emu = Emulator::builder()
        .seed_users(3)
        .bucket(10_000, 100.0)
        .start()
        .await
        .unwrap();
    let client = Client::from_webhook(&emu.v3_webhook_url()).unwrap();
    (emu, client)
}

#[tokio::test]
async fn emulator_task_add_get_list() {
    let (emu, c) = on_emulator().await;
    let env = c
        .raw("tasks.task.add")
        .params(
            json!({"fields": {"title": "Prepare a report", "creatorId": 1, "responsibleId": 2,
                              "deadline": "2025-12-31T23:59:59+02:00"}}),
        )
        .v3()
        .send()
        .await
        .unwrap();
    let id = env.result["item"]["id"].as_u64().unwrap();
    assert_eq!(env.result["item"]["status"], "pending");
    assert!(env.time.is_some());
    let env = c
        .raw("tasks.task.get")
        .params(json!({"id": id, "select": ["id", "title", "responsible.email"]}))
        .v3()
        .send()
        .await
        .unwrap();
    assert_eq!(
        env.result["item"],
        json!({"id": id, "title": "Prepare a report", "responsible": {"email": "user2@example.com"}})
    );
    c.raw("tasks.task.add")
        .params(json!({"fields": {"title": "Other", "creatorId": 1, "responsibleId": 1}}))
        .v3()
        .send()
        .await
        .unwrap();
    let env = c
        .raw("tasks.task.list")
        .params(json!({"select": ["id", "title"], "filter": [["id", "in", [id]]]}))
        .v3()
        .send()
        .await
        .unwrap();
    assert_eq!(
        env.result["items"],
        json!([{"id": id, "title": "Prepare a report"}])
    );
    // The portal saw a key on each add (they change data), none on reads.
    let calls = emu.calls();
    assert!(calls.iter().all(|c| c.v3 && !c.replayed));
    let keys: Vec<(&str, Option<&str>)> = calls
        .iter()
        .map(|c| (c.method.as_str(), c.idempotency_key.as_deref()))
        .collect();
    assert_eq!(keys.len(), 4);
    assert!(matches!(keys[0], ("tasks.task.add", Some(k)) if !k.is_empty()));
    assert!(matches!(keys[2], ("tasks.task.add", Some(k)) if Some(k) != keys[0].1));
    assert_eq!(keys[1], ("tasks.task.get", None));
    assert_eq!(keys[3], ("tasks.task.list", None));
}

#[tokio::test]
async fn emulator_errors_are_typed() {
    let (emu, c) = on_emulator().await;
    let e = c
        .raw("tasks.task.add")
        .params(json!({"fields": {"title": "x"}}))
        .v3()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::V3Validation(_)), "{e:?}");
    assert_eq!((e.method(), e.status()), ("tasks.task.add", Some(400)));
    let fields: Vec<&str> = e
        .info()
        .validation
        .as_ref()
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["field"].as_str())
        .collect();
    assert_eq!(fields, ["creatorId", "responsibleId"]);
    let e = c
        .raw("tasks.task.get")
        .params(json!({"id": 404}))
        .v3()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::V3EntityNotFound(_)), "{e:?}");
    let e = c
        .raw("crm.deal.list")
        .params(json!({}))
        .v3()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::MethodNotFound(_)), "{e:?}");
    // Neither is resent: one request each.
    assert_eq!(emu.calls().len(), 3);
}

/// REST 3.0 batch: a JSON array answered in order, 50 calls per request,
/// results by command; a failing call fails its request as a whole.
#[tokio::test]
async fn emulator_batch_v3() {
    let (emu, c) = on_emulator().await;
    let mut b = c.batch();
    b.v3();
    let first = b.add_auto(
        "tasks.task.add",
        json!({"fields": {"title": "One", "creatorId": 1, "responsibleId": 1}}),
    );
    let gets: Vec<_> = (0..59)
        .map(|_| {
            b.add_auto(
                "tasks.task.get",
                json!({"id": 1, "select": ["id", "title"]}),
            )
        })
        .collect();
    assert_eq!(b.len(), 60);
    let res = b.send().await.unwrap();
    assert_eq!(res.get(&first).unwrap().result["item"]["title"], "One");
    for g in &gets {
        assert_eq!(
            res.get(g).unwrap().result["item"],
            json!({"id": 1, "title": "One"})
        );
    }
    // Two requests (50 + 10); each inner call is logged on its own.
    let calls = emu.calls();
    assert_eq!(
        calls
            .iter()
            .filter(|c| c.method == "tasks.task.get")
            .count(),
        59
    );
    assert_eq!(c.stats().http_requests, 2);

    // One failing call: the request's one error, typed.
    let mut b = c.batch();
    b.v3();
    b.add_auto("tasks.task.get", json!({"id": 1}));
    b.add_auto("tasks.task.get", json!({}));
    let e = b.send().await.unwrap_err();
    assert!(matches!(e, Error::V3Validation(_)), "{e:?}");

    // Only REST 3.0 calls, never nested.
    let mut b = c.batch();
    b.v3();
    b.add_auto("batch", json!([]));
    assert!(matches!(b.send().await, Err(Error::InvalidArgument(_))));

    // REST 3.0 substitutes whole values only: a reference inside text is
    // refused before sending (batch_v3_refs.rs covers the substitutions).
    let sent = c.stats().http_requests;
    let mut b = c.batch();
    b.v3();
    let first = b.add_auto("tasks.task.get", json!({"id": 1}));
    b.add_auto(
        "tasks.task.get",
        json!({"id": format!("#{}", first.field("item"))}),
    );
    let e = b.send().await.unwrap_err();
    assert!(matches!(e, Error::InvalidArgument(_)), "{e:?}");
    assert_eq!(c.stats().http_requests, sent);
}
