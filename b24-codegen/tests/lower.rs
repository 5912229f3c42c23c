//! `lower` resolves a spec completely and finds every error, at the spec's
//! `file:line:column`; emitting the result cannot fail.

use b24_codegen::ir::{Api, CommandParam, Def, Idempotency, Ty};
use b24_codegen::{Options, emit, lower};

fn parse(text: &str) -> b24_spec::Spec {
    b24_spec::parse("x.yaml", text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn resolves_methods() {
    let spec = parse(
        "scope: crm
methods:
  - name: crm.item.list
    summary: Lists items.
    params:
      - {name: entityTypeId, type: integer, required: true}
    result:
      type: object
      fields:
        - name: items
          type: array
          items:
            type: object
            fields: [{name: id, type: integer}, {name: title, type: string}]
    list: {path: items}
    errors:
      - {code: NOT_FOUND, status: 404}
  - name: crm.item.add
    idempotent: true
  - name: user.current
    scope: user
    idempotent: false
  - name: tasks.task.get
    api: v3
",
    );
    let m = lower(&spec).unwrap();
    assert_eq!(m.name, "x");
    assert_eq!(m.scope.as_deref(), Some("crm"));
    let names: Vec<&str> = m.methods.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["ItemList", "ItemAdd", "Current", "TasksTaskGet"]);
    let list = &m.methods[0];
    assert_eq!(list.docs.summary.as_deref(), Some("Lists items."));
    assert_eq!(list.idempotent, Idempotency::ByName);
    assert_eq!(list.errors[0].code, "NOT_FOUND");
    assert_eq!(list.errors[0].status, Some(404));
    assert!(list.params[0].required);
    let l = list.list.as_ref().unwrap();
    // The cursor is inferred from the typed row.
    assert_eq!(
        (l.path.as_deref(), l.id_field.as_str()),
        (Some("items"), "id")
    );
    let Ty::Def(row) = l.item else {
        panic!("a typed row: {:?}", l.item)
    };
    assert_eq!(m.def(row).name(), "ItemListResultItemsItem");
    assert_eq!(m.methods[1].idempotent, Idempotency::Explicit(true));
    assert_eq!(m.methods[2].idempotent, Idempotency::Explicit(false));
    assert_eq!(m.methods[2].scope, "user");
    assert_eq!(m.methods[3].api, Api::V3);
}

#[test]
fn emits_explicit_idempotency_as_a_literal_and_otherwise_the_runtime_rule() {
    let spec = parse(
        "scope: user
methods:
  - name: user.current
    idempotent: false
  - name: user.get
",
    );
    let rt = emit::Runtime::new("::b24_core").unwrap();
    let code: String = emit::items(&lower(&spec).unwrap(), &rt)
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(code.contains("constIDEMPOTENT:bool=false;"), "{code}");
    assert!(
        code.contains(
            "constIDEMPOTENT:bool=::b24_core::__private::idempotent_by_name(\"user.get\");"
        ),
        "{code}"
    );
}

#[test]
fn resolves_placements_and_events() {
    let spec = parse(
        "placement:
  code: MY_WIDGET
  title: My widget
  events:
    - name: MyWidget::opened
      args:
        - {name: id, type: integer, required: true}
        - {name: note, type: string}
  commands:
    - name: setValue
      param: {type: string, nullable: true}
    - name: resize
      params: [{name: height, type: integer, required: true}]
      result: {type: boolean}
events:
  - code: onMyWidgetSave
    rust_name: OnMyWidgetSave
    data: [{name: ID, type: integer}]
",
    );
    let m = lower(&spec).unwrap();
    let p = m.placement.as_ref().unwrap();
    assert_eq!(p.docs.summary.as_deref(), Some("My widget"));
    let ev = &p.events[0];
    assert_eq!(
        (ev.variant.as_str(), ev.handler.as_str()),
        ("Opened", "on_opened")
    );
    assert_eq!((ev.min_args, ev.args.len()), (1, 2));
    assert_eq!(
        p.commands[0].param,
        CommandParam::Value {
            ty: Ty::String,
            nullable: true
        }
    );
    assert_eq!(p.commands[1].name, "Resize");
    assert_eq!(p.commands[1].output, Ty::Bool);
    let events = m.events.as_ref().unwrap();
    assert_eq!(events.set, "x");
    let e = &events.events[0];
    assert_eq!(
        (e.code.as_str(), e.handler.as_str()),
        ("ONMYWIDGETSAVE", "on_my_widget_save")
    );
    assert!(matches!(m.defs.as_slice(), []), "{:?}", m.defs);
}

#[test]
fn a_chosen_type_name_that_is_taken_is_an_error_at_its_line() {
    let spec = parse(
        "scope: crm
methods:
  - name: crm.deal.get
    params:
      - name: filter
        type: object
        type_name: DealGet
        fields: [{name: ID, type: integer}]
",
    );
    let e = lower(&spec).unwrap_err().to_string();
    assert!(
        e.starts_with("x.yaml:6:15: generated type name `DealGet` is already used"),
        "{e}"
    );
}

#[test]
fn a_derived_type_name_that_is_taken_gets_a_suffix() {
    let spec = parse(
        "scope: crm
methods:
  - name: crm.deal.get
    result: {type: object, fields: [{name: ID, type: integer}]}
  - name: crm.deal.get.result
",
    );
    let m = lower(&spec).unwrap();
    let names: Vec<&str> = m.defs.iter().map(Def::name).collect();
    assert_eq!(names, ["DealGetResultType"]);
}

/// A `Spec` is plain data; one changed after validation is still checked
/// by `lower`, with a typed error instead of a panic while emitting.
#[test]
fn unvalidated_specs_fail_in_lower_not_in_emit() {
    let mut spec = parse("scope: crm\nmethods:\n  - name: crm.deal.get\n");
    let mut bad = spec.file.methods[0].name.clone();
    bad.value = "2bad".into();
    spec.file.methods[0].rust_name = Some(bad);
    let e = lower(&spec).unwrap_err().to_string();
    assert_eq!(e, "x.yaml:3:11: rust_name `2bad` is not a Rust identifier");

    let mut spec =
        parse("scope: crm\nmethods:\n  - name: crm.deal.get\n    result: {type: string}\n");
    if let Some(r) = spec.file.methods[0].result.as_mut() {
        r.ty.value = "Deal".into();
    }
    let e = lower(&spec).unwrap_err().to_string();
    assert_eq!(e, "x.yaml:4:20: unknown type `Deal`");

    let mut spec = parse(
        "scope: crm\nmethods:\n  - name: crm.deal.get\n    params: [{name: ID, type: integer}]\n",
    );
    let mut bad = spec.file.methods[0].params[0].name.clone();
    bad.value = "no way".into();
    spec.file.methods[0].params[0].rust_name = Some(bad.clone());
    let e = lower(&spec).unwrap_err().to_string();
    assert_eq!(
        e,
        "x.yaml:4:21: rust_name `no way` is not a Rust identifier"
    );
    spec.file.methods[0].params[0].rust_name = None;
    spec.file.methods[0].params[0].shape.type_name = Some(bad);
    let e = lower(&spec).unwrap_err().to_string();
    assert_eq!(
        e,
        "x.yaml:4:21: type_name `no way` is not a Rust identifier"
    );
    spec.module = "not-a-module".into();
    let e = lower(&spec).unwrap_err().to_string();
    assert_eq!(
        e,
        "x.yaml: module name `not-a-module` is not a Rust identifier"
    );

    let mut spec = parse("scope: crm\nmethods:\n  - name: crm.deal.get\n    api: v3\n");
    spec.file.methods[0].list = Some(Default::default());
    let e = lower(&spec).unwrap_err().to_string();
    assert!(e.starts_with("x.yaml:3:11: `list` paging"), "{e}");
}

#[test]
fn a_bad_runtime_path_is_an_error() {
    let spec = parse("scope: crm\nmethods:\n  - name: crm.deal.get\n");
    let options = Options {
        runtime: "not a path".into(),
    };
    let e = b24_codegen::generate(&spec, &options)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("<options>: runtime path `not a path`"), "{e}");
}

#[test]
fn a_repeating_command_says_so_and_others_keep_the_default() {
    let spec = parse(
        "placement:
  code: MY_WIDGET
  commands:
    - name: bindChangeCallback
      param: {type: string, nullable: true}
      repeats: true
    - name: finish
      params: []
",
    );
    let m = lower(&spec).unwrap();
    let p = m.placement.as_ref().unwrap();
    assert!(p.commands[0].repeats);
    assert!(!p.commands[1].repeats);
    let rt = emit::Runtime::new("::b24_core").unwrap();
    let code: String = emit::items(&m, &rt)
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(code.matches("constREPEATS:bool=true;").count(), 1, "{code}");
    assert!(!code.contains("constREPEATS:bool=false;"));
    // The key survives a round trip through the spec model.
    let yaml = b24_spec::to_yaml("", &spec.file).unwrap();
    assert!(yaml.contains("repeats: true"), "{yaml}");
    assert_eq!(yaml.matches("repeats:").count(), 1, "{yaml}");
}

/// One naming rule for REST v2 and REST 3.0 twins (specs/README.md, "Method
/// names"): the scope prefix goes (the method's own, else the file's), and
/// the REST 3.0 twin gets `V3`.
#[test]
fn v2_and_v3_twins_share_one_rule() {
    let spec = b24_spec::parse(
        "specs/tasks.yaml",
        "scope: tasks
methods:
  - name: tasks.task.add
    scope: task
  - name: tasks.task.add
    api: v3
  - name: tasks.task.access.get
    api: v3
",
    )
    .unwrap();
    let m = b24_codegen::lower(&spec).unwrap();
    let names: Vec<&str> = m.methods.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["TaskAdd", "TaskAddV3", "TaskAccessGet"]);
}

/// Two methods returning the same object (nested object included) generate
/// its struct once; the second result is a `pub type` of the first.
#[test]
fn results_of_the_same_shape_share_one_struct() {
    let spec = parse(
        "scope: disk
methods:
  - name: disk.file.rename
    result:
      type: object
      fields:
        - {name: ID, type: integer}
        - {name: OWNER, type: object, fields: [{name: NAME, type: string}]}
  - name: disk.file.restore
    result:
      type: object
      fields:
        - {name: ID, type: integer}
        - {name: OWNER, type: object, fields: [{name: NAME, type: string}]}
  - name: disk.file.get
    result:
      type: object
      fields:
        - {name: ID, type: string}
",
    );
    let m = lower(&spec).unwrap();
    let kinds: Vec<(&str, &str)> = m
        .defs
        .iter()
        .map(|d| {
            let kind = match d {
                Def::Struct(_) => "struct",
                Def::Alias(_) => "alias",
                Def::Enum(_) | Def::Fields(_) => "other",
            };
            (d.name(), kind)
        })
        .collect();
    let structs = kinds.iter().filter(|(_, k)| *k == "struct").count();
    let aliases = kinds.iter().filter(|(_, k)| *k == "alias").count();
    // rename's result and owner, and get's result; restore's two are aliases
    assert_eq!((structs, aliases), (3, 2), "{kinds:?}");
    let rt = emit::Runtime::new("::b24_core").unwrap();
    let code = emit::items(&m, &rt).to_string();
    assert!(
        code.contains("pub type FileRestoreResult = FileRenameResult"),
        "{code}"
    );
}

#[test]
fn v3_filter_and_order_take_the_select_field_enum() {
    let spec = parse(
        "scope: tasks
methods:
  - name: tasks.task.list
    api: v3
    params:
      - {name: select, type: array}
      - {name: filter, type: array}
      - {name: order, type: object}
    result:
      type: object
      fields:
        - name: items
          type: array
          items:
            type: object
            fields: [{name: id, type: integer}]
  - name: call.followup.list
    api: v3
    params:
      - {name: select, type: array}
      - {name: filter, type: object}
      - {name: order, type: object}
    result:
      type: object
      fields:
        - name: items
          type: array
          items:
            type: object
            fields: [{name: callId, type: string}]
  - name: timeman.record.list
    api: v3
    params:
      - {name: select, type: array}
      - {name: filter, type: array}
      - {name: order, type: object}
    result:
      type: object
      fields: [{name: items, type: array}]
",
    );
    let m = lower(&spec).unwrap();
    let ty = |method: usize, wire: &str| {
        m.methods[method]
            .params
            .iter()
            .find(|p| p.wire == wire)
            .map(|p| p.ty.clone())
            .unwrap()
    };
    // Typed row: select, filter and order share its field enum.
    let Ty::Vec(select) = ty(0, "select") else {
        panic!("select: {:?}", ty(0, "select"))
    };
    let Ty::Def(fields) = *select else {
        panic!("select item: {select:?}")
    };
    assert!(matches!(m.def(fields), Def::Fields(_)));
    assert_eq!(ty(0, "filter"), Ty::Filter(fields));
    assert_eq!(ty(0, "order"), Ty::Order(fields));
    // A filter written as an object is another shape: it keeps its type.
    assert_eq!(ty(1, "filter"), Ty::Map);
    assert!(matches!(ty(1, "order"), Ty::Order(_)));
    // No typed row, no field enum: today's types.
    assert_eq!(ty(2, "filter"), Ty::Vec(Box::new(Ty::Any)));
    assert_eq!(ty(2, "order"), Ty::Map);
}
