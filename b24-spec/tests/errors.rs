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
fn rest_generations() {
    let e = err("methods:\n  - name: a.get\n    api: v4\n");
    assert!(e.starts_with("specs/x.yaml:3:10:"), "{e}");
    assert!(e.contains("expected `v2` or `v3`"), "{e}");
    // One entry per generation; a second REST 3.0 entry is a duplicate.
    let twins = "methods:\n  - name: a.get\n  - name: a.get\n    rust_name: GetV3\n    api: v3\n";
    assert!(b24_spec::parse("specs/x.yaml", twins).is_ok());
    let e = err(&format!(
        "{twins}  - name: a.get\n    rust_name: GetV3b\n    api: v3\n"
    ));
    assert!(e.starts_with("specs/x.yaml:6:11:"), "{e}");
    assert!(e.contains("duplicate method name"), "{e}");
    let e = err("methods:\n  - name: a.list\n    api: v3\n    list: {}\n");
    assert!(e.contains("REST v2 only"), "{e}");
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
