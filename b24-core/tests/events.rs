//! REST event deliveries without a portal: form decoding, typed events,
//! token verification, install handling and deduplication.

use std::sync::{Arc, Mutex};

use b24_core::events::{
    DeliveryContext, DeliveryError, EventDelivery, InstallCheck, InstallStore, Installation,
    MemoryInstallStore, Received, Receiver, Rejection, StoreError, Unauthorized,
};
use b24_core::{DecodeError, MemoryTokenStore, TokenStore};
use futures::future::BoxFuture;
use serde_json::json;

b24_macros::generate!("tests/specs/events_sample.yaml", runtime = "::b24_core");
use sample_events::RestEvent;

const MEMBER: &str = "a223c6b3710f85df22e9377d6c4f7553";
const TOKEN: &str = "51856fefc120afa4b628cc82d3935cce";

fn auth(token: &str) -> String {
    format!(
        "auth[access_token]=s6p6eclrvim6da22ft9ch94ekreb52lv&auth[expires_in]=3600&auth[scope]=crm\
         &auth[domain]=some-domain.bitrix24.com&auth[server_endpoint]=https%3A%2F%2Foauth.bitrix.info%2Frest%2F\
         &auth[status]=L&auth[client_endpoint]=https%3A%2F%2Fsome-domain.bitrix24.com%2Frest%2F\
         &auth[member_id]={MEMBER}&auth[application_token]={token}"
    )
}

fn deal_add(id: u64, handler: u64, ts: u64, token: &str) -> String {
    format!(
        "event=ONCRMDEALADD&event_handler_id={handler}&data%5BFIELDS%5D%5BID%5D={id}&ts={ts}&{}",
        auth(token)
    )
}

fn install_body(token: &str) -> String {
    format!(
        "event=ONAPPINSTALL&data[VERSION]=1&data[ACTIVE]=Y&data[INSTALLED]=Y&data[LANGUAGE_ID]=en\
         &ts=1696527000&auth[refresh_token]=4s386p3q0tr8dy89xvmt96234v3dljg8&{}",
        auth(token)
    )
}

#[test]
fn form_body_decodes_to_a_typed_event() {
    let d = EventDelivery::from_form(&deal_add(7405, 185, 1766047124, TOKEN)).unwrap();
    assert_eq!(d.event, "ONCRMDEALADD");
    assert_eq!(d.event_handler_id, Some(185));
    assert_eq!(d.ts, Some(1766047124));
    assert_eq!(d.auth.member_id.as_deref(), Some(MEMBER));
    assert_eq!(d.auth.expires_in, Some(3600));
    assert_eq!(d.auth.application_token.as_ref().unwrap().expose(), TOKEN);
    let (e, ctx) = d.decode::<RestEvent>().unwrap();
    match e {
        RestEvent::OnCrmDealAdd(add) => assert_eq!(add.fields.unwrap().id, 7405),
        other => panic!("{other:?}"),
    }
    assert_eq!(ctx.event_handler_id, Some(185));
}

#[test]
fn nested_keys_arrays_and_repeated_keys() {
    // `a[]` appends, a repeated key keeps the last value (PHP's rules).
    let body = "event=ONVOXIMPLANTCALLEND&event_handler_id=3&ts=1\
                &data[CALL_ID]=first&data[CALL_ID]=externalCall.1&data[CALL_DURATION]=42\
                &data[COST]=1.5&data[TAGS][]=a&data[TAGS][]=b&data[X][Y][Z]=deep";
    let d = EventDelivery::from_form(body).unwrap();
    let (e, _) = d.decode::<RestEvent>().unwrap();
    let RestEvent::OnVoximplantCallEnd(end) = e else {
        panic!("{e:?}")
    };
    assert_eq!(end.call_id.as_deref(), Some("externalCall.1"));
    assert_eq!(end.call_duration, Some(42));
    assert_eq!(end.cost, Some(1.5));
    assert_eq!(end.extra["TAGS"], json!(["a", "b"]));
    assert_eq!(end.extra["X"]["Y"]["Z"], "deep");
}

#[test]
fn unknown_event_keeps_raw_data() {
    let d = EventDelivery::from_form(
        "event=ONTASKADD&event_handler_id=1&ts=2&data[FIELDS_AFTER][ID]=5",
    )
    .unwrap();
    let (e, _) = d.decode::<RestEvent>().unwrap();
    assert_eq!(
        e,
        RestEvent::Unknown {
            code: "ONTASKADD".into(),
            data: json!({"FIELDS_AFTER": {"ID": "5"}})
        }
    );
}

#[test]
fn malformed_bodies_are_typed_errors() {
    assert_eq!(
        EventDelivery::from_form("data[FIELDS][ID]=1").unwrap_err(),
        DeliveryError::Missing("event")
    );
    assert!(matches!(
        EventDelivery::from_form("event=X&ts=yesterday").unwrap_err(),
        DeliveryError::Field { field: "ts", .. }
    ));
    assert!(matches!(
        EventDelivery::from_form("event[]=X").unwrap_err(),
        DeliveryError::Field { field: "event", .. }
    ));
    assert!(matches!(
        EventDelivery::from_form("event=X&auth=1").unwrap_err(),
        DeliveryError::Field { field: "auth", .. }
    ));
    let deep = format!("event=X&data{}=1", "[a]".repeat(100));
    assert!(matches!(
        EventDelivery::from_form(&deep).unwrap_err(),
        DeliveryError::Form(_)
    ));
    assert!(matches!(
        EventDelivery::from_body(Some("application/json"), b"{not json").unwrap_err(),
        DeliveryError::Json(_)
    ));
    assert!(matches!(
        EventDelivery::from_body(None, &[0x65, 0xff, 0xfe]).unwrap_err(),
        DeliveryError::Field { field: "body", .. }
    ));
    // A known event whose data has the wrong shape.
    let d = EventDelivery::from_form("event=ONCRMDEALADD&data[FIELDS][ID]=abc").unwrap();
    assert!(matches!(
        d.decode::<RestEvent>().unwrap_err(),
        DeliveryError::Decode(DecodeError::Field { .. })
    ));
}

#[test]
fn debug_never_prints_tokens() {
    let d = EventDelivery::from_form(&install_body(TOKEN)).unwrap();
    let dbg = format!("{d:?}");
    for secret in [
        TOKEN,
        "s6p6eclrvim6da22ft9ch94ekreb52lv",
        "4s386p3q0tr8dy89xvmt96234v3dljg8",
    ] {
        assert!(!dbg.contains(secret), "{dbg}");
    }
    assert!(dbg.contains(MEMBER));
}

type Seen = Arc<Mutex<Vec<(RestEvent, DeliveryContext)>>>;

fn receiver(
    store: Arc<MemoryInstallStore>,
) -> (
    Receiver<RestEvent, impl b24_core::events::EventHandler<RestEvent>>,
    Seen,
) {
    let seen: Seen = Arc::default();
    let s = seen.clone();
    let h = move |e: RestEvent, ctx: DeliveryContext| {
        let s = s.clone();
        async move { s.lock().unwrap().push((e, ctx)) }
    };
    let rx = Receiver::builder(h, store)
        .insecure_skip_verification_because("offline unit tests of the token rules")
        .build();
    (rx, seen)
}

/// The application token stored for [`MEMBER`].
fn stored_token(store: &MemoryInstallStore) -> String {
    let install = store.installation(MEMBER).expect("installed");
    install.application_token.expose().to_owned()
}

fn block<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

#[test]
fn install_then_verified_events() {
    block(async {
        let tokens = Arc::new(MemoryTokenStore::default());
        let store = Arc::new(MemoryInstallStore::with_token_store(tokens.clone()));
        let (rx, seen) = receiver(store.clone());

        // Before install nothing is trusted.
        let early = EventDelivery::from_form(&deal_add(1, 5, 10, TOKEN)).unwrap();
        assert!(matches!(
            rx.receive_inline(early).await,
            Err(Rejection::Unauthorized(Unauthorized::NotInstalled))
        ));

        let d = EventDelivery::from_form(&install_body(TOKEN)).unwrap();
        assert_eq!(rx.receive_inline(d).await.unwrap(), Received::Dispatched);
        let inst = store.installation(MEMBER).unwrap();
        assert_eq!(inst.application_token.expose(), TOKEN);
        // The install's OAuth tokens reached the client's token store.
        let t = tokens.load().await.unwrap().unwrap();
        assert_eq!(t.refresh_token.expose(), "4s386p3q0tr8dy89xvmt96234v3dljg8");
        assert_eq!(t.member_id, MEMBER);

        let ok = EventDelivery::from_form(&deal_add(7, 5, 11, TOKEN)).unwrap();
        assert_eq!(rx.receive_inline(ok).await.unwrap(), Received::Dispatched);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 2);
        assert!(matches!(seen[0].0, RestEvent::OnAppInstall(_)));
        assert!(
            matches!(&seen[1].0, RestEvent::OnCrmDealAdd(a) if a.fields.as_ref().unwrap().id == 7)
        );
    });
}

#[test]
fn forged_token_is_refused_and_not_dispatched() {
    block(async {
        let store = Arc::new(MemoryInstallStore::new());
        store.insert(Installation::new(MEMBER, "d", TOKEN));
        let (rx, seen) = receiver(store.clone());
        let forged = "51856fefc120afa4b628cc82d3935ccf";
        let d = EventDelivery::from_form(&deal_add(1, 5, 10, forged)).unwrap();
        let err = rx.receive_inline(d).await.unwrap_err();
        assert!(matches!(
            err,
            Rejection::Unauthorized(Unauthorized::Mismatch)
        ));
        assert_eq!(err.status(), 401);
        let no_token = EventDelivery::from_form("event=ONCRMDEALADD&auth[member_id]=x").unwrap();
        assert!(matches!(
            rx.receive_inline(no_token).await,
            Err(Rejection::Unauthorized(Unauthorized::NoToken))
        ));
        let no_member =
            EventDelivery::from_form("event=ONCRMDEALADD&auth[application_token]=x").unwrap();
        assert!(matches!(
            rx.receive_inline(no_member).await,
            Err(Rejection::Unauthorized(Unauthorized::NoMember))
        ));
        // A second ONAPPINSTALL with another token cannot take the portal over.
        let takeover = EventDelivery::from_form(&install_body(forged)).unwrap();
        assert!(matches!(
            rx.receive_inline(takeover).await,
            Err(Rejection::Unauthorized(Unauthorized::InstallRefused(_)))
        ));
        assert_eq!(stored_token(&store), TOKEN);
        assert!(seen.lock().unwrap().is_empty());
    });
}

#[test]
fn install_check_runs_but_never_replaces_a_token() {
    fn only_domain(d: &EventDelivery) -> BoxFuture<'_, Result<(), StoreError>> {
        let ok = d.auth.domain.as_deref() == Some("some-domain.bitrix24.com");
        Box::pin(async move {
            if ok {
                Ok(())
            } else {
                Err("wrong portal".into())
            }
        })
    }
    block(async {
        let store = Arc::new(MemoryInstallStore::new());
        store.insert(Installation::new(MEMBER, "d", TOKEN));
        let seen: Seen = Arc::default();
        let s = seen.clone();
        let h = move |e: RestEvent, ctx: DeliveryContext| {
            let s = s.clone();
            async move { s.lock().unwrap().push((e, ctx)) }
        };
        let rx = Receiver::builder(h, store.clone())
            .insecure_skip_verification_because("offline unit test of the install check")
            .install_check(
                only_domain as fn(&EventDelivery) -> BoxFuture<'_, Result<(), StoreError>>,
            )
            .build();
        // A passing check does not let another token replace the stored one.
        let new_token = "0000000000000000000000000000000a";
        let d = EventDelivery::from_form(&install_body(new_token)).unwrap();
        assert!(matches!(
            rx.receive_inline(d).await,
            Err(Rejection::Unauthorized(Unauthorized::InstallRefused(_)))
        ));
        assert_eq!(stored_token(&store), TOKEN);
        // After an uninstall a new install passes the check.
        store.remove(MEMBER).await.unwrap();
        let d = EventDelivery::from_form(&install_body(new_token)).unwrap();
        assert_eq!(rx.receive_inline(d).await.unwrap(), Received::Dispatched);
        assert_eq!(stored_token(&store), new_token);
        store.remove(MEMBER).await.unwrap();
        let other = install_body("0000000000000000000000000000000b")
            .replace("some-domain.bitrix24.com", "evil.example");
        let d = EventDelivery::from_form(&other).unwrap();
        assert!(matches!(
            rx.receive_inline(d).await,
            Err(Rejection::Unauthorized(Unauthorized::InstallRefused(m))) if m.contains("wrong portal")
        ));
        let _: &dyn InstallCheck =
            &(only_domain as fn(&EventDelivery) -> BoxFuture<'_, Result<(), StoreError>>);
    });
}

#[test]
fn uninstall_forgets_the_portal() {
    block(async {
        let tokens = Arc::new(MemoryTokenStore::new(
            b24_core::Tokens::new("access", "refresh").member_id(MEMBER),
        ));
        let store = Arc::new(MemoryInstallStore::with_token_store(tokens.clone()));
        store.insert(Installation::new(MEMBER, "d", TOKEN));
        let (rx, seen) = receiver(store.clone());
        let body = format!(
            "event=ONAPPUNINSTALL&data[LANGUAGE_ID]=de&data[CLEAN]=1&ts=1466439714\
             &auth[domain]=d&auth[member_id]={MEMBER}&auth[application_token]={TOKEN}"
        );
        let d = EventDelivery::from_form(&body).unwrap();
        assert_eq!(rx.receive_inline(d).await.unwrap(), Received::Dispatched);
        assert!(store.application_token(MEMBER).await.unwrap().is_none());
        // The portal's OAuth tokens are gone too.
        assert!(tokens.get().is_none());
        assert!(
            matches!(&seen.lock().unwrap()[0].0, RestEvent::OnAppUninstall(u) if u.clean == Some(1))
        );
        let later = EventDelivery::from_form(&deal_add(1, 5, 10, TOKEN)).unwrap();
        assert!(matches!(
            rx.receive_inline(later).await,
            Err(Rejection::Unauthorized(Unauthorized::NotInstalled))
        ));
    });
}

#[test]
fn duplicate_delivery_is_dispatched_once() {
    block(async {
        let store = Arc::new(MemoryInstallStore::new());
        store.insert(Installation::new(MEMBER, "d", TOKEN));
        let (rx, seen) = receiver(store);
        let body = deal_add(9, 185, 1766047124, TOKEN);
        for _ in 0..3 {
            let d = EventDelivery::from_form(&body).unwrap();
            rx.receive_inline(d).await.unwrap();
        }
        // Same handler and second, other deal: a different event.
        let d = EventDelivery::from_form(&deal_add(10, 185, 1766047124, TOKEN)).unwrap();
        assert_eq!(rx.receive_inline(d).await.unwrap(), Received::Dispatched);
        let d = EventDelivery::from_form(&body).unwrap();
        assert_eq!(rx.receive_inline(d).await.unwrap(), Received::Duplicate);
        assert_eq!(seen.lock().unwrap().len(), 2);
    });
}

#[test]
fn malformed_data_is_400_and_does_not_poison_dedup() {
    block(async {
        let store = Arc::new(MemoryInstallStore::new());
        store.insert(Installation::new(MEMBER, "d", TOKEN));
        let (rx, seen) = receiver(store);
        let bad = format!(
            "event=ONCRMDEALADD&event_handler_id=1&ts=5&data[FIELDS][ID]=x&{}",
            auth(TOKEN)
        );
        let err = rx
            .receive_inline(EventDelivery::from_form(&bad).unwrap())
            .await
            .unwrap_err();
        assert_eq!(err.status(), 400);
        assert!(seen.lock().unwrap().is_empty());
    });
}

#[test]
fn panicking_handler_is_contained() {
    block(async {
        let store = Arc::new(MemoryInstallStore::new());
        store.insert(Installation::new(MEMBER, "d", TOKEN));
        let rx = Receiver::<RestEvent, _>::new(
            |_e: RestEvent, _c: DeliveryContext| async { panic!("handler bug") },
            store,
        );
        let d = EventDelivery::from_form(&deal_add(1, 1, 1, TOKEN)).unwrap();
        assert_eq!(rx.receive_inline(d).await.unwrap(), Received::Dispatched);
    });
}

/// The JSON blocks of a docs page that look like deliveries.
fn doc_deliveries(page: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        let fence = line.trim();
        if !(fence == "```json" || fence == "```") {
            continue;
        }
        let mut block = String::new();
        for l in lines.by_ref() {
            if l.trim() == "```" {
                break;
            }
            block.push_str(l);
            block.push('\n');
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&block)
            && v.get("event").is_some()
            && v.get("auth").is_some()
        {
            out.push(v);
        }
    }
    out
}

#[test]
fn every_docs_example_decodes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("NOTICE.md"))
        .collect();
    pages.sort();
    let mut total = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for example in doc_deliveries(&text) {
            total += 1;
            let name = page.file_name().unwrap().to_string_lossy();
            let d = EventDelivery::from_json(&example)
                .unwrap_or_else(|e| panic!("{name}: {e}\n{example:#}"));
            let code = d.event.clone();
            assert!(
                d.auth.member_id.is_some() && d.auth.application_token.is_some(),
                "{name}"
            );
            let (typed, _) = d
                .decode::<RestEvent>()
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                !matches!(typed, RestEvent::Unknown { .. }),
                "{name}: {code} is not in the sample spec"
            );
            assert_eq!(typed.code(), code);
            // The same delivery as the portal actually sends it: a PHP form.
            let form = b24_form::encode(&example);
            let (from_form, _) = EventDelivery::from_form(&form)
                .unwrap()
                .decode::<RestEvent>()
                .unwrap_or_else(|e| panic!("{name} as a form: {e}"));
            assert_eq!(from_form.code(), code, "{name}");
        }
    }
    // 2 in events/index.md, 3 app events, 4 deal events, 4 call events, ONOFFLINEEVENT.
    assert_eq!(total, 14, "examples found in {pages:?}");
}
