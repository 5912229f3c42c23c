//! Property tests ("fuzzing") of the delivery decoder: any body is either a
//! typed error or a delivery, never a panic; deliveries survive the form
//! round trip; a wrong token is never dispatched.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use b24_core::events::{
    DeliveryContext, EventDelivery, Installation, MemoryInstallStore, Receiver,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

b24_macros::generate!("tests/specs/events_sample.yaml", runtime = "::b24_core");
use sample_events::RestEvent;

const MEMBER: &str = "m1";
const TOKEN: &str = "51856fefc120afa4b628cc82d3935cce";

fn key_part() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("event".to_owned()),
        Just("event_handler_id".to_owned()),
        Just("ts".to_owned()),
        Just("data".to_owned()),
        Just("auth".to_owned()),
        Just("FIELDS".to_owned()),
        Just("ID".to_owned()),
        Just("CALL_ID".to_owned()),
        Just("CALL_DURATION".to_owned()),
        Just("application_token".to_owned()),
        Just("member_id".to_owned()),
        Just(String::new()),
        "[A-Za-z_\\[\\]%0-9.+ ]{0,8}",
    ]
}

fn value_part() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ONCRMDEALADD".to_owned()),
        Just("ONVOXIMPLANTCALLEND".to_owned()),
        Just("ONAPPINSTALL".to_owned()),
        Just(TOKEN.to_owned()),
        Just(MEMBER.to_owned()),
        "-?[0-9]{1,20}",
        "[YN]",
        ".{0,12}",
        "(%[0-9A-Fa-f]{2}|%[^&]?|[^&=]){0,12}",
    ]
}

/// A body made of plausible and implausible `key[a][b]=value` pairs.
fn form_body() -> impl Strategy<Value = String> {
    let pair = (
        key_part(),
        proptest::collection::vec(key_part(), 0..5),
        value_part(),
    )
        .prop_map(|(head, path, v)| {
            let mut k = head;
            for p in path {
                k.push('[');
                k.push_str(&p);
                k.push(']');
            }
            format!("{k}={v}")
        });
    proptest::collection::vec(pair, 0..24).prop_map(|v| v.join("&"))
}

fn block<F: std::future::Future>(f: F) -> F::Output {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    })
    .block_on(f)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(body in ".{0,300}") {
        if let Ok(d) = EventDelivery::from_form(&body) {
            let _ = d.decode::<RestEvent>();
        }
        let _ = EventDelivery::from_body(Some("application/json"), body.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(d) = EventDelivery::from_body(None, &body) {
            let _ = d.decode::<RestEvent>();
        }
    }

    #[test]
    fn structured_forms_never_panic(body in form_body()) {
        if let Ok(d) = EventDelivery::from_form(&body) {
            let _ = d.decode::<RestEvent>();
        }
    }

    #[test]
    fn wrong_tokens_are_never_dispatched(body in form_body()) {
        let store = Arc::new(MemoryInstallStore::new());
        store.insert(Installation::new(MEMBER, "d", TOKEN));
        let hits = Arc::new(AtomicUsize::new(0));
        let h = hits.clone();
        let rx = Receiver::<RestEvent, _>::new(
            move |_e: RestEvent, _c: DeliveryContext| {
                h.fetch_add(1, Ordering::SeqCst);
                async {}
            },
            store,
        );
        if let Ok(d) = EventDelivery::from_form(&body) {
            let trusted = d.auth.member_id.as_deref() == Some(MEMBER)
                && d.auth.application_token.as_ref().is_some_and(|t| t.expose() == TOKEN);
            let r = block(rx.receive_inline(d));
            if !trusted {
                prop_assert!(r.is_err());
                prop_assert_eq!(hits.load(Ordering::SeqCst), 0);
            }
        }
    }

    #[test]
    fn deliveries_survive_the_form_round_trip(
        code in prop_oneof![Just("ONCRMDEALADD"), Just("ONVOXIMPLANTCALLEND"), Just("ONSOMETHINGELSE")],
        handler in 0i64..1_000_000,
        ts in 0i64..4_000_000_000,
        id in 1i64..i64::MAX,
        extra in proptest::collection::btree_map("[A-Z_]{1,8}", "[^\u{0}]{0,10}", 0..5),
    ) {
        let mut data = Map::new();
        for (k, v) in &extra {
            data.insert(k.clone(), json!(v));
        }
        data.insert("FIELDS".into(), json!({"ID": id.to_string()}));
        let v = json!({
            "event": code, "event_handler_id": handler.to_string(), "ts": ts.to_string(),
            "data": Value::Object(data),
            "auth": {"member_id": MEMBER, "application_token": TOKEN, "expires_in": "3600"},
        });
        let d = EventDelivery::from_form(&b24_form::encode(&v)).unwrap();
        prop_assert_eq!(&d.event, code);
        prop_assert_eq!(d.event_handler_id, Some(handler));
        prop_assert_eq!(d.ts, Some(ts));
        prop_assert_eq!(d.auth.expires_in, Some(3600));
        let (e, _) = d.decode::<RestEvent>().unwrap();
        match e {
            RestEvent::OnCrmDealAdd(a) => prop_assert_eq!(a.fields.unwrap().id, id),
            RestEvent::Unknown { code: c, data } => {
                prop_assert_eq!(c, "ONSOMETHINGELSE");
                prop_assert_eq!(&data["FIELDS"]["ID"], &json!(id.to_string()));
            }
            RestEvent::OnVoximplantCallEnd(_) => {}
            other => prop_assert!(false, "{:?}", other),
        }
    }
}
