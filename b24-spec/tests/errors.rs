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

#[test]
fn unknown_keys_beside_nested_docs_and_shape() {
    // `Docs` and `Shape` are nested in the model, not in the file: a typo
    // next to them is still reported at its line and column
    let e = err("methods:\n  - name: a.b\n    summry: x\n");
    assert!(e.starts_with("specs/x.yaml:3:5:"), "{e}");
    assert!(e.contains("summry"), "{e}");
    let e = err(
        "methods:\n  - name: a.b\n    params:\n      - name: id\n        type: integer\n        nulable: true\n",
    );
    assert!(e.starts_with("specs/x.yaml:6:9:"), "{e}");
    assert!(e.contains("nulable"), "{e}");
    // a placement has no `who`
    let e = err("placement:\n  code: X\n  who: anyone\n");
    assert!(e.starts_with("specs/x.yaml:3:3:"), "{e}");
}

#[test]
fn written_specs_read_back_the_same() {
    let text = "summary: S\nscope: crm\nmethods:\n  - name: crm.x.list\n    summary: \"Lists: all\"\n    who: any user\n    params:\n      - name: start\n        type: integer\n        required: true\n        description: |-\n          two\n          lines\n      - name: mode\n        type: string\n        enum: [{value: '123', rust_name: V123}, 'yes', {value: 'no', description: not yes}]\n    result:\n      type: array\n      items: {type: Row}\n    list: {id_field: ID}\ntypes:\n  Row:\n    type: object\n    fields:\n      - {name: ID, type: integer}\n";
    let spec = b24_spec::parse("specs/x.yaml", text).unwrap_or_else(|e| panic!("{e}"));
    let written = b24_spec::to_yaml("header", &spec.file).expect("writes");
    assert!(written.starts_with("# header\n"), "{written}");
    let back =
        b24_spec::parse("specs/x.yaml", &written).unwrap_or_else(|e| panic!("{e}\n{written}"));
    let m = &back.file.methods[0];
    assert_eq!(m.docs.summary.as_deref(), Some("Lists: all"));
    assert_eq!(m.docs.who.as_deref(), Some("any user"));
    assert!(m.params[0].required);
    assert_eq!(m.params[0].shape.description.as_deref(), Some("two\nlines"));
    let values: Vec<String> = m.params[1]
        .shape
        .values
        .iter()
        .map(|v| format!("{:?}", v.value))
        .collect();
    assert_eq!(values, [r#"Str("123")"#, r#"Str("yes")"#, r#"Str("no")"#]);
    assert_eq!(
        m.list.as_ref().and_then(|l| l.id_field.as_deref()),
        Some("ID")
    );
    assert_eq!(back.file.types["Row"].fields[0].name.value, "ID");
    // and writing it again changes nothing
    assert_eq!(
        b24_spec::to_yaml("header", &back.file).expect("writes"),
        written
    );
}
