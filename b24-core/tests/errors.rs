//! Every documented error code maps to its own variant, with the method,
//! the status and the description. The codes are read from copies of the
//! documentation pages in `fixtures/` (see `fixtures/NOTICE.md`).

mod common;

use std::time::Duration;

use b24_core::{BucketConfig, Client, Error, LimitsConfig, RetryPolicy};
use b24_emulator::Emulator;
use serde_json::json;

/// (code, documented status) from the table rows of a fixture page.
fn codes(page: &str) -> Vec<(String, Option<u16>)> {
    let mut out = Vec::new();
    for line in page.lines().filter(|l| l.starts_with("|| ")) {
        let cells: Vec<&str> = line
            .trim_start_matches("|| ")
            .split(" | ")
            .take(2)
            .collect();
        // The code is in the first cell, or in the second after a status.
        let (status, code_cell) = match cells[0].trim().trim_matches('`').parse::<u16>() {
            Ok(s) => (Some(s), cells.get(1).copied().unwrap_or_default()),
            Err(_) => (
                cells.get(1).and_then(|c| c.trim().parse::<u16>().ok()),
                cells[0],
            ),
        };
        let mut found = Vec::new();
        {
            for tok in code_cell.split('`').skip(1).step_by(2) {
                if tok.len() > 3
                    && tok.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && !tok.starts_with("**")
                {
                    found.push(tok.to_owned());
                }
            }
        }
        out.extend(found.into_iter().map(|c| (c, status)));
    }
    out
}

#[test]
fn every_documented_code_maps_to_its_variant() {
    let pages = [
        (
            "system-errors.md",
            include_str!("fixtures/system-errors.md"),
        ),
        (
            "limits-errors.md",
            include_str!("fixtures/limits-errors.md"),
        ),
        (
            "oauth-error-codes.md",
            include_str!("fixtures/oauth-error-codes.md"),
        ),
        (
            "rest-v3-errors.md",
            include_str!("fixtures/rest-v3-errors.md"),
        ),
    ];
    let mut checked = 0;
    for (page, text) in pages {
        let found = codes(text);
        assert!(!found.is_empty(), "{page}: no codes found");
        for (code, status) in found {
            let http = status.unwrap_or(400);
            let body = if code.starts_with("BITRIX_REST_V3_") {
                json!({"error": {"code": code, "message": "why"}})
            } else {
                json!({"error": code, "error_description": "why"})
            };
            let e = Error::from_response("some.method", http, &body)
                .unwrap_or_else(|| panic!("{page}: {code}: not an error"));
            assert!(
                !matches!(
                    e,
                    Error::Api(_) | Error::Http(_) | Error::Decode(_) | Error::Transport(_)
                ),
                "{page}: {code} has no variant of its own: {e:?}"
            );
            assert_eq!(e.code(), code);
            assert_eq!(e.method(), "some.method");
            assert_eq!(e.status(), Some(http));
            assert_eq!(e.description(), "why");
            if let Some(s) = status {
                assert_eq!(Error::documented_status(&code), Some(s), "{page}: {code}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 25, "{checked}");
}

#[test]
fn specific_variants() {
    let e = |code: &str, status: u16| {
        Error::from_response(
            "m",
            status,
            &json!({"error": code, "error_description": ""}),
        )
        .unwrap()
    };
    assert!(matches!(
        e("QUERY_LIMIT_EXCEEDED", 503),
        Error::QueryLimitExceeded(_)
    ));
    assert!(matches!(
        e("OPERATION_TIME_LIMIT", 429),
        Error::OperationTimeLimit(_)
    ));
    assert!(matches!(e("expired_token", 401), Error::ExpiredToken(_)));
    assert!(matches!(
        e("insufficient_scope", 403),
        Error::InsufficientScope(_)
    ));
    assert!(matches!(
        e("invalid_grant", 400),
        Error::OAuthInvalidGrant(_)
    ));
    assert!(matches!(
        e("ERROR_BATCH_METHOD_NOT_ALLOWED", 405),
        Error::BatchMethodNotAllowed(_)
    ));
    assert!(matches!(e("SOMETHING_ELSE", 400), Error::Api(_)));
}

/// The codes the emulator produces arrive as their variants over HTTP.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emulator_errors_arrive_as_variants() {
    let emu = Emulator::builder()
        .webhook(1, "narrow", &["user"])
        .seed_deals(3)
        .bucket(2, 0.001)
        .operating(Duration::from_secs(500), Duration::ZERO)
        .start()
        .await
        .unwrap();
    let no_retry = |url: &str| {
        Client::builder()
            .webhook(url)
            .retry(RetryPolicy::none())
            .limits(LimitsConfig::default().bucket(BucketConfig::UNLIMITED))
            .limiter(b24_core::Limiter::new(
                LimitsConfig::default()
                    .bucket(BucketConfig::UNLIMITED)
                    .operating_limit(1e9),
                std::sync::Arc::new(b24_core::SystemClock::default()),
            ))
            .build()
            .unwrap()
    };
    let client = no_retry(&emu.webhook_url());
    let e = client.raw("crm.deal.list").send().await.unwrap_err();
    assert!(matches!(e, Error::InsufficientScope(_)), "{e:?}");
    assert_eq!((e.method(), e.status()), ("crm.deal.list", Some(403)));
    let bad = no_retry(&format!("{}/rest/1/wrongcode/", emu.base_url()));
    let e = bad.raw("user.current").send().await.unwrap_err();
    assert!(matches!(e, Error::NoAuthFound(_)), "{e:?}");
    let e = client.raw("user.current").send().await.unwrap_err();
    assert!(matches!(e, Error::QueryLimitExceeded(_)), "{e:?}");
    assert_eq!(e.status(), Some(503));
    emu.shutdown().await;

    let emu = Emulator::builder()
        .seed_deals(3)
        .bucket(1000, 100.0)
        .operating(Duration::from_secs(500), Duration::ZERO)
        .start()
        .await
        .unwrap();
    let client = no_retry(&emu.webhook_url());
    client
        .raw("crm.deal.get")
        .params(json!({"id": 1}))
        .send()
        .await
        .unwrap();
    let e = client
        .raw("crm.deal.get")
        .params(json!({"id": 1}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::OperationTimeLimit(_)), "{e:?}");
    assert_eq!(e.status(), Some(429));
    let e = client.raw("nope.nothing").send().await.unwrap_err();
    assert!(matches!(e, Error::MethodNotFound(_)), "{e:?}");
    emu.shutdown().await;
}
