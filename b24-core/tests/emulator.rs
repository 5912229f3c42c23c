//! The client against b24-emulator: limits, tokens, batch, lists.

mod common;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use b24_core::{
    BucketConfig, Client, Error, LimitsConfig, ListMethod, Method, OAuthCredentials, RetryPolicy,
    Tokens,
};
use b24_emulator::Emulator;
use common::{EmuClock, webhook_client};
use futures::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

fn limits(bucket: BucketConfig) -> LimitsConfig {
    LimitsConfig::default().bucket(bucket)
}

/// 1,000 concurrent calls, half of them `crm.deal.add`, against a 50/2
/// bucket. Everything succeeds, and the call log shows each add ran once.
async fn storm(client_bucket: BucketConfig) -> (usize, usize) {
    let emu = Emulator::builder()
        .seed_deals(100)
        .bucket(50, 2.0)
        .start()
        .await
        .unwrap();
    let client = webhook_client(&emu, limits(client_bucket));
    let tasks: Vec<_> = (0..1000)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move {
                if i % 2 == 0 {
                    c.raw("crm.deal.add")
                        .params(json!({"fields": {"TITLE": format!("storm-{i}")}}))
                        .send()
                        .await
                        .map(|_| ())
                } else {
                    c.raw("crm.deal.get")
                        .params(json!({"id": 1 + i % 100}))
                        .send()
                        .await
                        .map(|_| ())
                }
            })
        })
        .collect();
    let mut failed = Vec::new();
    for t in tasks {
        if let Err(e) = t.await.unwrap() {
            failed.push(e);
        }
    }
    assert!(
        failed.is_empty(),
        "{} calls failed, first: {}",
        failed.len(),
        failed[0]
    );
    let calls = emu.calls();
    let mut ran: HashMap<String, usize> = HashMap::new();
    for c in calls
        .iter()
        .filter(|c| c.method == "crm.deal.add" && c.status == 200)
    {
        let title = c.params["fields"]["TITLE"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        *ran.entry(title).or_default() += 1;
    }
    assert_eq!(ran.len(), 500, "every add ran");
    assert!(
        ran.values().all(|n| *n == 1),
        "no add ran twice: {:?}",
        ran.iter().find(|(_, n)| **n > 1)
    );
    let gets = calls
        .iter()
        .filter(|c| c.method == "crm.deal.get" && c.status == 200)
        .count();
    assert_eq!(gets, 500);
    let refused = calls
        .iter()
        .filter(|c| c.error.as_deref() == Some("QUERY_LIMIT_EXCEEDED"))
        .count();
    emu.shutdown().await;
    (refused, client.stats().retries as usize)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limit_storm_with_client_bucket() {
    let (refused, _) = storm(BucketConfig::STANDARD).await;
    // Pacing on the client keeps the portal from refusing (almost) anything.
    assert!(refused < 50, "{refused} refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limit_storm_without_client_bucket_retries_refusals() {
    let (refused, retries) = storm(BucketConfig::UNLIMITED).await;
    assert!(refused > 0, "the storm must hit the portal's limit");
    assert!(retries >= refused, "every refusal was retried");
}

fn oauth_client(emu: &Emulator, clock: Option<std::sync::Arc<EmuClock>>) -> Client {
    let pair = emu.authorize(1, &["crm", "user"]);
    let app = emu.oauth_app();
    let tokens = Tokens::new(pair.access_token, pair.refresh_token)
        .expires_at(pair.expires as f64)
        .client_endpoint(pair.client_endpoint)
        .server_endpoint(pair.server_endpoint)
        .member_id(pair.member_id)
        .domain(pair.domain)
        .scope(pair.scope);
    let mut b = Client::builder()
        .oauth(
            OAuthCredentials::new(app.client_id, app.client_secret),
            b24_core::MemoryTokenStore::new(tokens),
        )
        .oauth_token_url(app.token_endpoint)
        .limits(limits(BucketConfig::UNLIMITED));
    if let Some(c) = clock {
        b = b
            .clock(c.clone())
            .limiter(b24_core::Limiter::new(limits(BucketConfig::UNLIMITED), c));
    }
    b.build().unwrap()
}

async fn run_gets(client: &Client, n: usize) -> Vec<Result<(), Error>> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move {
                c.raw("crm.deal.get")
                    .params(json!({"id": 1 + i % 50}))
                    .send()
                    .await
                    .map(|_| ())
            })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

/// The portal says `expired_token` to many concurrent calls; they share one
/// refresh and are retried.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_expires_mid_run_and_work_continues() {
    let emu = Emulator::builder()
        .seed_deals(50)
        .bucket(10_000, 1_000.0)
        .token_lifetime(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    // Real clock on the client: it cannot see the expiry coming, so it meets
    // `expired_token` from the portal.
    let client = oauth_client(&emu, None);
    assert!(run_gets(&client, 50).await.iter().all(Result::is_ok));
    assert_eq!(client.stats().token_refreshes, 0);
    emu.clock().advance(Duration::from_secs(2 * 3600));
    let results = run_gets(&client, 200).await;
    assert!(
        results.iter().all(Result::is_ok),
        "{:?}",
        results.iter().find(|r| r.is_err())
    );
    assert_eq!(client.stats().token_refreshes, 1, "single-flight refresh");
    let expired = emu
        .calls()
        .iter()
        .filter(|c| c.error.as_deref() == Some("expired_token"))
        .count();
    assert!(expired >= 1, "the portal refused the old token");
    emu.shutdown().await;
}

/// With the client on the portal's clock, the refresh happens before the
/// token expires: the portal never has to refuse it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_is_refreshed_ahead_of_expiry() {
    let emu = Emulator::builder()
        .seed_deals(50)
        .bucket(10_000, 1_000.0)
        .token_lifetime(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let client = oauth_client(&emu, Some(EmuClock::new(&emu)));
    assert!(run_gets(&client, 20).await.iter().all(Result::is_ok));
    emu.clock().advance(Duration::from_secs(3600 - 30));
    assert!(run_gets(&client, 100).await.iter().all(Result::is_ok));
    assert_eq!(client.stats().token_refreshes, 1);
    assert!(
        !emu.calls()
            .iter()
            .any(|c| c.error.as_deref() == Some("expired_token"))
    );
    let dbg = format!("{client:?}");
    assert!(!dbg.contains(&emu.oauth_app().client_secret));
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_with_one_failing_command() {
    let emu = Emulator::builder()
        .seed_deals(20)
        .bucket(10_000, 1_000.0)
        .start()
        .await
        .unwrap();
    let client = webhook_client(&emu, limits(BucketConfig::UNLIMITED));

    #[derive(Deserialize)]
    struct Deal {
        #[serde(rename = "ID")]
        id: Value,
        #[serde(rename = "TITLE")]
        title: String,
    }
    let mut b = client.batch();
    let first = b.add(
        "first",
        "crm.deal.list",
        json!({"order": {"ID": "ASC"}, "select": ["ID", "TITLE"]}),
    );
    let missing = b.add("missing", "crm.deal.get", json!({"id": 999_999}));
    let linked = b.add(
        "linked",
        "crm.deal.get",
        json!({"id": first.index(1).field("ID")}),
    );
    let user = b.add("me", "user.current", json!({}));
    let res = b.send().await.unwrap();
    assert_eq!(res.len(), 4);
    let rows: Vec<Deal> = res.get(&first.cast::<Vec<Deal>>()).unwrap().result;
    assert_eq!(rows.len(), 20);
    let err = res.get(&missing).unwrap_err();
    assert_eq!(err.method(), "crm.deal.get");
    assert_eq!(err.info().command.as_deref(), Some("missing"));
    assert_eq!(err.description(), "Not found", "{err}");
    let linked: Deal = serde_json::from_value(res.get(&linked).unwrap().result).unwrap();
    assert_eq!(linked.id.to_string().trim_matches('"'), "2");
    assert!(!linked.title.is_empty());
    assert!(res.get(&user).is_ok());
    assert_eq!(res.errors().count(), 1);

    // halt: commands after the failure do not run.
    let mut b = client.batch();
    b.halt(true);
    b.add("ok", "crm.deal.get", json!({"id": 1}));
    let bad = b.add("bad", "crm.deal.get", json!({"id": 999_999}));
    let after = b.add("after", "crm.deal.get", json!({"id": 2}));
    let res = b.send().await.unwrap();
    assert!(res.get_json("ok").unwrap().is_ok());
    assert!(res.get(&bad).is_err());
    assert!(
        matches!(res.get(&after), Err(Error::Skipped(_))),
        "{:?}",
        res.get(&after).err()
    );

    // 120 commands: three requests, with a reference across requests resolved
    // on the client.
    emu.clear_calls();
    let mut b = client.batch();
    let head = b.add("head", "crm.deal.get", json!({"id": 3}));
    for i in 0..118 {
        b.add(&format!("g{i}"), "crm.deal.get", json!({"id": 1 + i % 20}));
    }
    let tail = b.add("tail", "crm.deal.get", json!({"id": head.field("ID")}));
    let res = b.send().await.unwrap();
    assert_eq!(res.len(), 120);
    assert_eq!(res.errors().count(), 0);
    assert_eq!(
        res.get(&tail).unwrap().result["ID"],
        res.get(&head).unwrap().result["ID"]
    );
    let batches = emu.calls().iter().filter(|c| c.method == "batch").count();
    assert_eq!(batches, 3);
    emu.shutdown().await;
}

/// What generated code looks like for `crm.deal.list`.
#[derive(Serialize, Default)]
struct DealList {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    select: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<Value>,
}
impl Method for DealList {
    const NAME: &'static str = "crm.deal.list";
    const SCOPE: &'static str = "crm";
    const IDEMPOTENT: bool = true;
    type Output = Vec<DealRow>;
    type Error = b24_core::UndocumentedError;
}
impl ListMethod for DealList {
    type Item = DealRow;
    const ITEMS_PATH: Option<&'static str> = None;
    const ID_FIELD: &'static str = "ID";
}
#[derive(Deserialize, Debug)]
struct DealRow {
    #[serde(rename = "ID", deserialize_with = "lenient_u64")]
    id: u64,
}
fn lenient_u64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = Value::deserialize(d)?;
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .ok_or_else(|| serde::de::Error::custom("not an id"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_of_100k_rows_is_complete_without_duplicates() {
    const N: usize = 100_000;
    let emu = Emulator::builder()
        .seed_deals(N as u64)
        .bucket(100_000, 10_000.0)
        .start()
        .await
        .unwrap();
    let client = webhook_client(&emu, limits(BucketConfig::UNLIMITED));
    let m = DealList {
        select: vec!["ID".into(), "TITLE".into()],
        filter: None,
    };
    let mut seen = vec![false; N + 1];
    let mut count = 0usize;
    let mut rows = client.list(&m).fast();
    while let Some(row) = rows.next().await {
        let id = row.unwrap().id as usize;
        assert!((1..=N).contains(&id), "unexpected id {id}");
        assert!(!seen[id], "duplicate id {id}");
        seen[id] = true;
        count += 1;
    }
    assert_eq!(count, N);
    let calls = emu.calls();
    let requests = calls.iter().filter(|c| !c.in_batch).count();
    // 2,500 rows in every request, the first one included.
    assert_eq!(requests, N / 2500, "{requests} requests");
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fast_list_respects_filters_and_items_path() {
    let emu = Emulator::builder()
        .seed_deals(3_000)
        .seed_items(1038, 1_234)
        .bucket(100_000, 10_000.0)
        .start()
        .await
        .unwrap();
    let client = webhook_client(&emu, limits(BucketConfig::UNLIMITED));
    // Caller bounds: IDs in (100, 2_600].
    let ids: Vec<u64> = client
        .list(&DealList {
            select: vec!["ID".into()],
            filter: Some(json!({">ID": 100, "<=ID": 2600})),
        })
        .fast()
        .map_ok(|r| r.id)
        .try_collect()
        .await
        .unwrap();
    let set: HashSet<u64> = ids.iter().copied().collect();
    assert_eq!(set.len(), ids.len());
    assert_eq!(set, (101..=2600).collect());
    // crm.item.list: rows under `items`, cursor on `id`.
    let items: Vec<Value> = client
        .raw("crm.item.list")
        .params(json!({"entityTypeId": 1038, "select": ["id", "title"]}))
        .list()
        .items_path("items")
        .id_field("id")
        .fast()
        .try_collect()
        .await
        .unwrap();
    let set: HashSet<u64> = items.iter().map(|r| r["id"].as_u64().unwrap()).collect();
    assert_eq!((items.len(), set.len()), (1_234, 1_234));
    // Plain paging gives the same rows.
    let plain: Vec<Value> = client
        .raw("crm.deal.list")
        .params(json!({"filter": {"<=ID": 260}, "select": ["ID"]}))
        .list()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(plain.len(), 260);
    // A non-ID order falls back to plain paging and still returns everything.
    let by_title: Vec<Value> = client
        .raw("crm.deal.list")
        .params(json!({"order": {"TITLE": "ASC"}, "filter": {"<=ID": 120}}))
        .list()
        .fast()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(by_title.len(), 120);
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fast_list_edges() {
    let emu = Emulator::builder()
        .seed_deals(60)
        .bucket(100_000, 10_000.0)
        .start()
        .await
        .unwrap();
    let client = webhook_client(&emu, limits(BucketConfig::UNLIMITED));
    for (filter, want) in [
        (json!({}), (1..=60).collect::<Vec<u64>>()),
        (json!({"<=ID": 50}), (1..=50).collect()),
        (json!({"<=ID": 49}), (1..=49).collect()),
        (json!({"<ID": 11}), (1..=10).collect()),
        (json!({">ID": 9, "<=ID": 59}), (10..=59).collect()),
        (json!({">ID": 1000}), vec![]),
    ] {
        let mut ids: Vec<u64> = client
            .list(&DealList {
                select: vec!["ID".into()],
                filter: Some(filter.clone()),
            })
            .fast()
            .map_ok(|r| r.id)
            .try_collect()
            .await
            .unwrap();
        ids.sort_unstable();
        assert_eq!(ids, want, "{filter}");
    }
    let requests = emu.calls().iter().filter(|c| !c.in_batch).count();
    assert_eq!(requests, 6, "one request each");
    emu.shutdown().await;
}

/// The portal blocks a method once its operating time passes the limit;
/// the client waits for the basket reset and carries on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operation_time_limit_then_recovery() {
    let emu = Emulator::builder()
        .seed_deals(10)
        .bucket(10_000, 1_000.0)
        .operating(Duration::from_secs(100), Duration::ZERO)
        .start()
        .await
        .unwrap();
    // A client that does not know the limit (budget far above it): it meets
    // OPERATION_TIME_LIMIT, waits for operating_reset_at, and retries.
    let blind = webhook_client(&emu, limits(BucketConfig::UNLIMITED).operating_limit(1e9));
    for i in 0..12 {
        blind
            .raw("crm.deal.get")
            .params(json!({"id": 1 + i % 10}))
            .send()
            .await
            .unwrap_or_else(|e| panic!("call {i}: {e}"));
    }
    let blocked = emu
        .calls()
        .iter()
        .filter(|c| c.error.as_deref() == Some("OPERATION_TIME_LIMIT"))
        .count();
    assert!(blocked >= 1, "the portal blocked the method at least once");
    // A client with the documented budget stops before the limit and is never refused.
    emu.clear_calls();
    let careful = webhook_client(&emu, limits(BucketConfig::UNLIMITED));
    for i in 0..12 {
        careful
            .raw("crm.deal.list")
            .params(json!({"filter": {"ID": 1 + i % 10}}))
            .send()
            .await
            .unwrap();
    }
    assert!(
        !emu.calls()
            .iter()
            .any(|c| c.error.as_deref() == Some("OPERATION_TIME_LIMIT"))
    );
    // Other methods were never held up.
    careful.raw("user.current").send().await.unwrap();
    emu.shutdown().await;
}

/// Deterministic errors are not retried; `*.add` is not resent after a
/// failure that may have run it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deterministic_errors_are_sent_once() {
    let emu = Emulator::builder()
        .seed_deals(5)
        .bucket(10_000, 1_000.0)
        .start()
        .await
        .unwrap();
    let client = webhook_client(&emu, limits(BucketConfig::UNLIMITED));
    let e = client
        .raw("crm.deal.get")
        .params(json!({"id": 999_999}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(400));
    let e = client.raw("no.such.method").send().await.unwrap_err();
    assert!(matches!(e, Error::MethodNotFound(_)), "{e:?}");
    let sent = emu
        .calls()
        .iter()
        .filter(|c| c.method == "crm.deal.get" || c.method == "no.such.method")
        .count();
    assert_eq!(sent, 2);
    assert_eq!(client.stats().retries, 0);
    // A server that reads the request and hangs up: the request may have
    // run, so an add is sent once and a get is retried.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        while let Ok((mut sock, _)) = listener.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            drop(sock);
        }
    });
    let hangup = Client::builder()
        .webhook(&format!("http://127.0.0.1:{port}/rest/1/x/"))
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .limiter(b24_core::Limiter::standard())
        .build()
        .unwrap();
    let e = hangup
        .raw("crm.deal.add")
        .params(json!({"fields": {"TITLE": "once"}}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
    assert_eq!(
        accepted.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "add sent once"
    );
    let e = hangup
        .raw("crm.deal.get")
        .params(json!({"id": 1}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
    assert_eq!(
        accepted.load(std::sync::atomic::Ordering::SeqCst),
        1 + 5,
        "get sent 1 + 4 retries"
    );
    // An add that opts in is resent.
    let e = hangup
        .raw("crm.deal.add")
        .params(json!({}))
        .idempotent(true)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)));
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 6 + 5);
    // Connection refused: the request never left, so even an add is retried.
    let dead = Client::builder()
        .webhook("http://127.0.0.1:1/rest/1/x/")
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let e = dead
        .raw("crm.deal.add")
        .params(json!({"fields": {}}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)));
    assert_eq!(dead.stats().retries, 4);
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_send_and_call_as() {
    let emu = Emulator::builder()
        .seed_deals(5)
        .bucket(10_000, 1_000.0)
        .start()
        .await
        .unwrap();
    let client = webhook_client(&emu, limits(BucketConfig::UNLIMITED));
    let env = client
        .send(&DealList {
            select: vec!["ID".into()],
            filter: None,
        })
        .await
        .unwrap();
    assert_eq!(env.result.len(), 5);
    assert_eq!(env.total, Some(5));
    assert!(env.time.as_ref().and_then(|t| t.operating).is_some());
    let id: Value = client
        .raw("crm.deal.add")
        .params(json!({"fields": {"TITLE": "x"}}))
        .send_as::<Value>()
        .await
        .unwrap()
        .result;
    assert!(!id.is_null());
    emu.shutdown().await;
}

/// Two clients of one portal share the limiter.
#[tokio::test]
async fn clients_of_one_portal_share_the_limiter() {
    let a = Client::from_webhook("http://portal.example:8080/rest/1/aaa/").unwrap();
    let b = Client::from_webhook("http://portal.example:8080/rest/2/bbb/").unwrap();
    let c = Client::from_webhook("http://other.example/rest/1/aaa/").unwrap();
    assert!(std::sync::Arc::ptr_eq(
        a.limiter().unwrap(),
        b.limiter().unwrap()
    ));
    assert!(!std::sync::Arc::ptr_eq(
        a.limiter().unwrap(),
        c.limiter().unwrap()
    ));
}
