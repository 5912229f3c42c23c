//! The typed REST methods the client uses (generated from `specs/methods/`,
//! imported from the docs) against the emulator: parameters serialize to what
//! the portal expects and results decode into their generated types.

use b24::basic::common;
use b24::crm::{deals as crm_deals, universal as crm_universal};
use b24::events::events;
use b24::placement::widgets;
use b24::telephony::telephony;
use b24::user::user;
use futures::TryStreamExt;
use serde_json::json;

async fn portal() -> (b24_emulator::Emulator, b24::Client, b24::Client) {
    let emu = b24_emulator::Emulator::builder()
        .seed_deals(300)
        .seed_items(1036, 120)
        .start()
        .await
        .expect("emulator");
    let hook = b24::Client::from_webhook(&emu.webhook_url()).expect("webhook client");
    // Placement and telephony methods need an application context: OAuth.
    let pair = emu.authorize(
        1,
        &["placement", "telephony", "crm", "user", "event", "basic"],
    );
    let app = emu.oauth_app();
    let response = serde_json::to_value(&pair).expect("token pair");
    let tokens = b24::Tokens::from_oauth_response(&response, 0.0).expect("token response");
    let oauth = b24::Client::builder()
        .oauth(
            b24::OAuthCredentials::new(app.client_id, app.client_secret),
            b24::MemoryTokenStore::new(tokens),
        )
        .oauth_token_url(app.token_endpoint)
        .build()
        .expect("oauth client");
    (emu, hook, oauth)
}

#[tokio::test]
async fn placement_methods() {
    let (_emu, _hook, app) = portal().await;
    let handler = "https://app.example/placement/";
    // The docs answer a missing OPTIONS[errorHandlerUrl] with HTTP 200 and an error code.
    let err = app
        .send(&widgets::Bind::new("PAGE_BACKGROUND_WORKER", handler))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "EMPTY_ERROR_HANDLER_URL", "{err}");
    let mut options = serde_json::Map::new();
    options.insert("errorHandlerUrl".into(), json!("https://app.example/error"));
    let bound = app
        .send(
            &widgets::Bind::new("PAGE_BACKGROUND_WORKER", handler)
                .title("Calls")
                .options(options),
        )
        .await
        .expect("placement.bind");
    assert!(bound.result);
    let list = app
        .send(&widgets::List::new())
        .await
        .expect("placement.list")
        .result;
    assert!(
        list.iter().any(|p| p == "PAGE_BACKGROUND_WORKER"),
        "{list:?}"
    );
    let got = app
        .send(&widgets::Get::new())
        .await
        .expect("placement.get")
        .result;
    assert!(format!("{got:?}").contains(handler), "{got:?}");
    // PAGE_BACKGROUND_WORKER takes one handler: a second is a documented error
    // (ERROR_PLACEMENT_MAX_COUNT). The docs list no error for an unknown code.
    let mut again = serde_json::Map::new();
    again.insert("errorHandlerUrl".into(), json!("https://app.example/error"));
    let err = app
        .send(&widgets::Bind::new("PAGE_BACKGROUND_WORKER", handler).options(again))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "ERROR_PLACEMENT_MAX_COUNT", "{err}");
    let unbound = app
        .send(&widgets::Unbind::new().placement("PAGE_BACKGROUND_WORKER"))
        .await
        .expect("placement.unbind");
    assert!(!format!("{:?}", unbound.result).is_empty());
}

#[tokio::test]
async fn event_methods() {
    let (_emu, _hook, app) = portal().await;
    let bound = app
        .send(&events::EventBind::new(
            "ONCRMDEALADD",
            "https://app.example/events",
        ))
        .await
        .expect("event.bind");
    assert!(bound.result);
    let got = app
        .send(&events::EventGet::new())
        .await
        .expect("event.get")
        .result;
    assert!(format!("{got:?}").contains("ONCRMDEALADD"), "{got:?}");
}

#[tokio::test]
async fn telephony_methods() {
    let (_emu, _hook, app) = portal().await;
    use telephony::{ExternalCallRegister as Register, ExternalCallRegisterType as CallType};
    let call = app
        .send(&Register::new(1, "", "+19001234567", CallType::Incoming))
        .await
        .expect("telephony.externalCall.register")
        .result;
    let call_id = call.call_id.clone().expect("CALL_ID");
    assert!(!call_id.is_empty());
    let finished = app
        .send(&telephony::ExternalCallFinish::new(call_id, 1, "").duration(45))
        .await
        .expect("telephony.externalCall.finish");
    assert!(!format!("{:?}", finished.result).is_empty());
}

#[tokio::test]
async fn crm_methods() {
    let (_emu, hook, _app) = portal().await;
    let fields = crm_deals::DealAddFields::new()
        .title("Typed deal")
        .opportunity(1500.0);
    let id = hook
        .send(&crm_deals::DealAdd::new().fields(fields))
        .await
        .expect("crm.deal.add")
        .result;
    let deal = hook
        .send(&crm_deals::DealGet::new(id))
        .await
        .expect("crm.deal.get")
        .result;
    assert_eq!(deal.id, Some(id));
    assert_eq!(deal.title.as_deref(), Some("Typed deal"));
    assert_eq!(deal.opportunity, Some(1500.0));
    // Fields the spec does not list are kept, not dropped.
    assert!(deal.extra.keys().all(|k| {
        k.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    }));

    let rows: Vec<_> = hook
        .list(&crm_deals::DealList::new().select(vec!["ID".into(), "TITLE".into()]))
        .fast()
        .try_collect()
        .await
        .expect("crm.deal.list");
    assert_eq!(rows.len(), 301);

    let items: Vec<_> = hook
        .list(&crm_universal::ItemList::new(1036))
        .fast()
        .try_collect()
        .await
        .expect("crm.item.list");
    assert_eq!(items.len(), 120);
}

#[tokio::test]
async fn documented_errors_are_typed() {
    use b24::MethodError as _;
    let (_emu, hook, _app) = portal().await;
    // The portal answers a bad id with an empty code and "Not found"; the
    // docs list that row for crm.deal.get, so it is a variant, no string.
    let err = hook
        .send(&crm_deals::DealGet::new(999_999))
        .await
        .unwrap_err();
    let code = err.code_for::<crm_deals::DealGet>();
    assert_eq!(code, Some(crm_deals::DealGetError::NotFound), "{err}");
    assert!(code.is_some_and(|c| c.is_not_found()));
    assert!(err.is_not_found());
    // A code the docs do not list is kept.
    let other = crm_deals::DealGetError::from_wire("SOMETHING_NEW", "x");
    assert_eq!(
        other,
        crm_deals::DealGetError::Unknown("SOMETHING_NEW".into())
    );
    assert!(!other.is_not_found());
}

#[tokio::test]
async fn chained_typed_batch() {
    let (_emu, hook, _app) = portal().await;
    let mut batch = hook.batch();
    let fields = crm_deals::DealAddFields::new().title("Chained deal");
    let added = batch.push(&crm_deals::DealAdd::new().fields(fields));
    // The new deal's id is the earlier command's result: a typed reference.
    let got = batch.push(&crm_deals::DealGet::new(added.result()));
    let results = batch.send().await.expect("batch");
    let id = results.get(&added).expect("crm.deal.add").result;
    let deal = results.get(&got).expect("crm.deal.get").result;
    assert_eq!(deal.id, Some(id));
    assert_eq!(deal.title.as_deref(), Some("Chained deal"));

    // Across requests of 50: command 60 refers to command 0.
    let mut batch = hook.batch();
    let first = batch.push(
        &crm_deals::DealAdd::new().fields(crm_deals::DealAddFields::new().title("First of many")),
    );
    for _ in 0..59 {
        batch.push(&crm_deals::DealFields::new());
    }
    let late = batch.push(&crm_deals::DealGet::new(first.result()));
    let results = batch.send().await.expect("batch of 61");
    let deal = results.get(&late).expect("crm.deal.get").result;
    assert_eq!(deal.title.as_deref(), Some("First of many"));
}

/// A REST 3.0 list streams like a v2 list, 1,000 rows a page
/// (`pagination.limit`), and reports its progress.
#[tokio::test]
async fn rest_v3_list_streams_pages_of_1000() {
    let emu = b24_emulator::Emulator::builder()
        .seed_tasks(2345)
        .start()
        .await
        .expect("emulator");
    let hook = b24::Client::from_webhook(&emu.webhook_url()).expect("webhook client");
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counted = seen.clone();
    let mut rows = hook
        .list(
            &tasks::TaskListV3::new()
                .select(vec![tasks::TaskdtoField::Id, tasks::TaskdtoField::Title]),
        )
        .on_progress(move |p| counted.store(p.rows, std::sync::atomic::Ordering::Relaxed));
    assert_eq!(rows.progress().rows, 0);
    let mut ids = std::collections::BTreeSet::new();
    while let Some(row) = rows.try_next().await.expect("tasks.task.list") {
        let id = row.id.expect("id");
        assert!(ids.insert(id), "task {id} twice");
        assert_eq!(rows.progress().rows, ids.len() as u64);
    }
    assert_eq!(ids.len(), 2345);
    assert_eq!(seen.load(std::sync::atomic::Ordering::Relaxed), 2345);
    let pages: Vec<_> = emu
        .calls()
        .into_iter()
        .filter(|c| c.method == "tasks.task.list")
        .collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(
        pages
            .iter()
            .all(|c| c.v3 && c.params["pagination"]["limit"] == 1000)
    );
    let numbers: Vec<_> = pages
        .iter()
        .map(|c| c.params["pagination"]["page"].clone())
        .collect();
    assert_eq!(numbers, [json!(1), json!(2), json!(3)]);
}

/// A v2 list's progress carries the portal's `total`.
#[tokio::test]
async fn list_progress_has_the_total() {
    let (_emu, hook, _app) = portal().await;
    let mut rows = hook.list(&crm_deals::DealList::new());
    assert_eq!(rows.progress().total, None);
    let first = rows.try_next().await.expect("crm.deal.list");
    assert!(first.is_some());
    let p = rows.progress();
    assert_eq!((p.rows, p.total), (1, Some(300)));
    let rest: Vec<_> = rows.try_collect().await.expect("crm.deal.list");
    assert_eq!(rest.len(), 299);
}

#[tokio::test]
async fn common_methods() {
    let (_emu, hook, app) = portal().await;
    let profile = hook
        .send(&common::Profile::new())
        .await
        .expect("profile")
        .result;
    assert!(profile.id.is_some());
    let scopes = hook
        .send(&common::Scope::new())
        .await
        .expect("scope")
        .result;
    assert!(!scopes.is_empty());
    let methods = hook
        .send(&common::Methods::new())
        .await
        .expect("methods")
        .result;
    assert!(!methods.is_empty());
    let info = app
        .send(&common::AppInfo::new())
        .await
        .expect("app.info")
        .result;
    // typed now (the docs' answer shows the fields); unknown keys stay in `extra`
    assert!(
        info.id.is_some() || info.code.is_some() || !info.extra.is_empty(),
        "{info:?}"
    );
    let users = hook.send(&user::Get::new()).await.expect("user.get");
    assert!(!format!("{:?}", users.result).is_empty());
}

// The imported tasks spec as module `tasks`, generated here with the macro
// (the facade's `methods-tasks` feature is not on by default).
b24::generate!("specs/methods/tasks.yaml");

/// A REST 3.0 entry (`api: v3` in the spec) goes to `/rest/api/` through the
/// same `Client::send`, and its REST v2 twin of the same name to `/rest/`.
#[tokio::test]
async fn rest_v3_methods() {
    use b24::Method as _;
    let (emu, hook, _app) = portal().await;
    assert_eq!(tasks::TaskAddV3::API, b24::ApiVersion::V3);
    assert_eq!(tasks::TaskAdd::API, b24::ApiVersion::V2);
    assert_eq!(tasks::TaskAddV3::NAME, tasks::TaskAdd::NAME);

    let add = tasks::TaskAddV3::new(tasks::TaskAddV3Fields::new("Call the client", 1, 1));
    let item = hook.send(&add).await.expect("tasks.task.add").result.item;
    let id = item.as_ref().and_then(|i| i.id);
    let id = id.unwrap_or_else(|| panic!("an id in {item:?}"));

    let get = tasks::TaskGetV3::new(id).select(vec![
        "id".into(),
        "title".into(),
        "responsible.name".into(),
    ]);
    let item = hook
        .send(&get)
        .await
        .expect("tasks.task.get")
        .result
        .item
        .expect("item");
    assert_eq!(item.title.as_deref(), Some("Call the client"));
    assert!(
        item.responsible
            .as_ref()
            .and_then(|r| r.name.as_ref())
            .is_some(),
        "{item:?}"
    );

    let list = tasks::TaskListV3::new()
        .select(vec!["id".into(), "title".into()])
        .filter(b24::V3Filter::new().eq(tasks::TaskdtoField::Id, id));
    let items = hook
        .send(&list)
        .await
        .expect("tasks.task.list")
        .result
        .items;
    assert_eq!(items.map(|i| i.len()), Some(1));

    // The portal saw REST 3.0 calls, the add with an Idempotency-Key.
    let calls: Vec<_> = emu
        .calls()
        .into_iter()
        .filter(|c| c.method.starts_with("tasks.task."))
        .collect();
    assert_eq!(calls.len(), 3, "{calls:?}");
    assert!(calls.iter().all(|c| c.v3), "{calls:?}");
    assert!(calls[0].idempotency_key.is_some() && calls[1].idempotency_key.is_none());

    // A batch of a REST 3.0 method is a REST 3.0 batch, typed.
    let mut v3 = hook.batch();
    let typed = v3.push(&get);
    assert_eq!(v3.api(), b24::ApiVersion::V3);
    let res = v3.send().await.expect("REST 3.0 batch");
    let item = res
        .get(&typed)
        .expect("typed result")
        .result
        .item
        .expect("item");
    assert_eq!(item.title.as_deref(), Some("Call the client"));

    // The first typed method fixes the generation: a REST 3.0 method cannot
    // join a REST v2 batch.
    let sent = hook.stats().http_requests;
    let mut batch = hook.batch();
    batch.push(&b24::crm::deals::DealGet::new(1));
    batch.push(&get);
    let e = batch.send().await.unwrap_err();
    assert!(matches!(e, b24::Error::InvalidArgument(_)), "{e:?}");
    assert_eq!(hook.stats().http_requests, sent, "refused before sending");
}
