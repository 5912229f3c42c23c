//! The extension story: a YAML entry that is not in `specs/` becomes typed
//! Rust through the proc-macro, with no Rust written by hand.
#![deny(warnings)]

b24::generate!("tests/specs/my_widget.yaml");

use my_widget::{AdditionalParams, CallState, Event, Handler};
use serde_json::json;

#[test]
fn decodes_every_shape() {
    assert_eq!(my_widget::PLACEMENT, "MY_WIDGET");
    assert_eq!(
        Event::decode("MyWidget::closed", &[]).unwrap(),
        Event::Closed
    );
    assert_eq!(
        Event::decode("MyWidget::toggled", &[json!(true)]).unwrap(),
        Event::Toggled(true)
    );
    assert_eq!(
        Event::decode("MyWidget::digit", &[json!("5")]).unwrap(),
        Event::Digit("5".into())
    );
    let Event::EntityChanged(e) = Event::decode(
        "MyWidget::entityChanged",
        &[json!({"PHONE_NUMBER": "+1", "CRM_ENTITY_TYPE": "CONTACT", "CRM_ENTITY_ID": 123})],
    )
    .unwrap() else {
        panic!("wrong variant")
    };
    assert_eq!(e.crm_entity_id, 123);
    let ev = Event::decode(
        "MyWidget::stateChanged",
        &[json!("connecting"), json!({"failedCode": "486"})],
    )
    .unwrap();
    let Event::StateChanged {
        call_state,
        additional_params,
    } = &ev
    else {
        panic!()
    };
    assert_eq!(*call_state, CallState::Connecting);
    assert_eq!(
        additional_params
            .as_ref()
            .and_then(|a| a.failed_code.as_deref()),
        Some("486")
    );
    assert_eq!(ev.name(), "MyWidget::stateChanged");
    assert_eq!(
        ev.to_args(),
        vec![json!("connecting"), json!({"failedCode": "486"})]
    );
    // Unknown enum values are kept.
    let ev = Event::decode("MyWidget::stateChanged", &[json!("ringing")]).unwrap();
    assert!(
        matches!(ev, Event::StateChanged { call_state: CallState::Unknown(ref s), additional_params: None } if s == "ringing")
    );
    let _ = AdditionalParams::new();
}

#[test]
fn typed_errors_name_event_and_field() {
    let e = Event::decode("MyWidget::nope", &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown event `MyWidget::nope` for MY_WIDGET"
    );
    let e = Event::decode("MyWidget::toggled", &[]).unwrap_err();
    assert!(
        matches!(
            e,
            b24::DecodeError::ArgCount {
                got: 0,
                min: 1,
                max: 1,
                ..
            }
        ),
        "{e}"
    );
    let e = Event::decode("MyWidget::toggled", &[json!("maybe")]).unwrap_err();
    assert!(e.to_string().contains("field `state`"), "{e}");
    let e = Event::decode(
        "MyWidget::stateChanged",
        &[json!("idle"), json!({"nested": {"level": "high"}})],
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("additionalParams.nested.level"),
        "{e}"
    );
}

#[derive(Default)]
struct Recorder(std::sync::Mutex<Vec<String>>);

impl Handler for Recorder {
    async fn on_toggled(&self, state: bool) {
        self.0.lock().unwrap().push(format!("toggled {state}"));
    }
    async fn on_closed(&self) {
        self.0.lock().unwrap().push("closed".into());
    }
}

#[tokio::test]
async fn dispatches_to_the_handler() {
    let h = Recorder::default();
    my_widget::dispatch(&h, Event::Toggled(true)).await;
    my_widget::dispatch(&h, Event::Closed).await;
    my_widget::dispatch(&h, Event::Digit("1".into())).await; // default no-op
    assert_eq!(*h.0.lock().unwrap(), vec!["toggled true", "closed"]);
}

#[test]
fn commands_serialize_to_placement_call_params() {
    use b24::PlacementCommand;
    let c = my_widget::MyWidgetSetMute::new(true);
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({"muted": true}));
    assert_eq!(my_widget::MyWidgetSetMute::NAME, "MyWidgetSetMute");
    let out: <my_widget::MyWidgetGetStates as PlacementCommand>::Output =
        serde_json::from_value(json!(["idle"])).unwrap();
    assert_eq!(out, vec!["idle".to_string()]);
}
