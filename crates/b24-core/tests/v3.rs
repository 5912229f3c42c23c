//! REST 3.0 (`/rest/api/`) against a scripted local server (the emulator
//! speaks REST v2 only): paths, `Idempotency-Key`, errors, safe resends.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use b24_core::{Client, Error, RetryPolicy};
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
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
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
        .call_v3("tasks.task.add", json!({"fields": {"title": "x"}}))
        .await
        .unwrap();
    assert_eq!(env.result["item"]["id"], 42);
    let env = c
        .call_v3("tasks.task.get", json!({"id": 42}))
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
        .call_v3("tasks.task.get", json!({}))
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
    let e = c.call("crm.deal.get", json!({"id": 1})).await.unwrap_err();
    assert!(matches!(e, Error::Decode(_)), "{e:?}");
    assert_eq!((e.method(), e.status()), ("crm.deal.get", Some(200)));
    let e = c.call("crm.deal.get", json!({"id": 1})).await.unwrap_err();
    assert!(matches!(e, Error::Http(_)), "{e:?}");
    assert_eq!(e.status(), Some(502));
    let e = c.call("crm.deal.get", json!({"id": 1})).await.unwrap_err();
    assert!(matches!(e, Error::Decode(_)), "{e:?}");
    // The webhook code is in the URL; no error text may show it.
    assert!(!format!("{e} {e:?}").contains("hookcode"));
    let e = c.call("crm.deal.add", json!({})).await.unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
    assert!(!format!("{e} {e:?}").contains("hookcode"), "{e}");
}
