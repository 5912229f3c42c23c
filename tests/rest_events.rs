//! A REST event spec that is not in `specs/` becomes a typed handler trait,
//! and the runtime delivers a form-encoded POST body to it through the
//! generated `Dispatch` adapter: token checked, payload decoded leniently.
#![deny(warnings)]

use std::sync::{Arc, Mutex};

use b24::events::{EventDelivery, Installation, MemoryInstallStore, Receiver};

b24::generate!("tests/specs/telephony_sample.yaml");

use telephony_sample::{Dispatch, OnExternalCallStart, RestEvent, RestHandler};

/// (phone number, user, portal) of each call the handler saw.
type Seen = Vec<(Option<String>, Option<i64>, Option<String>)>;

#[derive(Clone, Default)]
struct Calls(Arc<Mutex<Seen>>);

impl RestHandler for Calls {
    async fn on_external_call_start(
        &self,
        data: OnExternalCallStart,
        ctx: b24::events::DeliveryContext,
    ) {
        // The context names the portal that sent the event.
        self.0
            .lock()
            .unwrap()
            .push((data.phone_number, data.user_id, ctx.auth.member_id));
    }
}

fn body(token: &str) -> String {
    format!(
        "event=ONEXTERNALCALLSTART&event_handler_id=7&ts=1735374081\
         &data%5BPHONE_NUMBER%5D=%2B19001234567&data%5BUSER_ID%5D=12&data%5BCALL_LIST_ID%5D=3\
         &auth%5Bmember_id%5D=m1&auth%5Bdomain%5D=x.bitrix24.com&auth%5Bapplication_token%5D={token}"
    )
}

#[tokio::test]
async fn a_form_delivery_reaches_the_typed_handler_once() {
    let store = MemoryInstallStore::new();
    store.insert(Installation::new("m1", "x.bitrix24.com", "app-token"));
    let calls = Calls::default();
    let receiver = Receiver::<RestEvent, _>::new(Dispatch(calls.clone()), store);

    receiver
        .receive_inline(EventDelivery::from_form(&body("app-token")).unwrap())
        .await
        .unwrap();
    // The same delivery again (same handler id and ts) is not dispatched twice.
    receiver
        .receive_inline(EventDelivery::from_form(&body("app-token")).unwrap())
        .await
        .unwrap();
    // A forged token is refused and never dispatched.
    let forged = receiver
        .receive_inline(EventDelivery::from_form(&body("guess")).unwrap())
        .await;
    assert!(forged.is_err());

    assert_eq!(
        *calls.0.lock().unwrap(),
        vec![(
            Some("+19001234567".to_owned()),
            Some(12),
            Some("m1".to_owned())
        )]
    );
}

#[test]
fn unknown_fields_and_events_are_kept() {
    let data = serde_json::json!({"PHONE_NUMBER": "1", "USER_ID": "5", "CALL_LIST_ID": "3"});
    let RestEvent::OnExternalCallStart(e) = RestEvent::decode("onExternalCallStart", data).unwrap()
    else {
        panic!("wrong variant")
    };
    assert_eq!(e.user_id, Some(5));
    assert_eq!(e.extra["CALL_LIST_ID"], "3");
    let other = RestEvent::decode("ONSOMETHINGNEW", serde_json::json!({"X": 1})).unwrap();
    assert!(matches!(other, RestEvent::Unknown { ref code, .. } if code == "ONSOMETHINGNEW"));
}
