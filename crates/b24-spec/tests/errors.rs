//! Every bad spec is one diagnostic at the right place.

fn err(text: &str) -> String {
    b24_spec::parse("specs/x.yaml", text)
        .unwrap_err()
        .to_string()
}

#[test]
fn unknown_key() {
    let e = err("placement:\n  code: X\n  bogus: 1\n");
    assert!(e.starts_with("specs/x.yaml:3:3:"), "{e}");
    assert!(e.contains("bogus"), "{e}");
}

#[test]
fn wrong_type() {
    let e = err("placement:\n  code: X\n  events: 5\n");
    assert!(e.starts_with("specs/x.yaml:3:"), "{e}");
}

#[test]
fn syntax_error() {
    let e = err("placement:\n  code: [X\n");
    assert!(e.starts_with("specs/x.yaml:"), "{e}");
}

#[test]
fn missing_key() {
    let e = err("placement:\n  events: []\n");
    assert!(e.contains("code"), "{e}");
}

#[test]
fn duplicate_event() {
    let e = err("placement:\n  code: X\n  events:\n    - name: A::b\n    - name: A::b\n");
    assert!(e.starts_with("specs/x.yaml:5:13:"), "{e}");
    assert!(e.contains("duplicate event name"), "{e}");
}

#[test]
fn unknown_type() {
    let e = err(
        "placement:\n  code: X\n  events:\n    - name: A::b\n      args:\n        - {name: a, type: Foo}\n",
    );
    assert!(e.starts_with("specs/x.yaml:6:"), "{e}");
    assert!(e.contains("unknown type `Foo`"), "{e}");
}

#[test]
fn bad_ident() {
    let e = err(
        "placement:\n  code: X\n  events:\n    - name: A::b\n      args:\n        - {name: '123', type: string}\n",
    );
    assert!(e.contains("cannot become a Rust identifier"), "{e}");
}

#[test]
fn ok() {
    let s = b24_spec::parse(
        "specs/placements/page_background_worker.yaml",
        "placement:\n  code: PAGE_BACKGROUND_WORKER\n  events:\n    - name: BackgroundCallCard::closeButtonClick\n      args: []\n    - name: CallCard::CallStateChanged\n      args:\n        - name: callState\n          type: string\n          required: true\n          enum: [idle, {value: connecting, description: establishing}]\n",
    )
    .unwrap();
    assert_eq!(s.module, "page_background_worker");
}
