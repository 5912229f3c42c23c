//! Imports the fixture pages (copied from the Bitrix24 docs, MIT) and checks
//! what comes out: the four page kinds, nested objects, enums, positional
//! arguments, pages without a parameter table, and that every emitted file
//! passes `b24_spec::parse`.

use std::path::{Path, PathBuf};

use b24_docs::{Output, Status, ir::Kind};
use b24_spec::{Field, Spec};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn import() -> Output {
    b24_docs::import(&fixtures().join("docs")).expect("fixtures import")
}

fn spec(out: &Output, file: &str) -> Spec {
    let text = out.files.get(file).unwrap_or_else(|| {
        panic!(
            "no {file}; files: {:?}",
            out.files.keys().collect::<Vec<_>>()
        )
    });
    b24_spec::parse(file, text).unwrap_or_else(|e| panic!("{file} does not validate:\n{e}\n{text}"))
}

fn field<'a>(fields: &'a [Field], name: &str) -> &'a Field {
    fields
        .iter()
        .find(|f| f.name.value == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn every_emitted_file_validates() {
    let out = import();
    assert!(out.invalid.is_empty(), "{:?}", out.invalid);
    assert!(out.files.len() >= 8, "{:?}", out.files.keys());
    for (f, text) in &out.files {
        let spec = b24_spec::parse(f, text).unwrap_or_else(|e| panic!("{f}: {e}"));
        // written by the model: reading and writing it again changes nothing
        let again = b24_spec::to_yaml(b24_docs::emit::HEADER, &spec.file).expect("serializes");
        assert_eq!(&again, text, "{f}");
    }
    // all four page kinds are covered by the fixtures
    for k in [
        Kind::RestMethod,
        Kind::RestEvent,
        Kind::InterfaceEvent,
        Kind::InterfaceCommand,
    ] {
        assert!(
            out.stats.imported.get(&k).copied().unwrap_or(0) > 0,
            "{k:?}"
        );
    }
}

#[test]
fn written_files_validate_from_disk() {
    let out = import();
    let dir = std::env::temp_dir().join(format!("b24-docs-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    out.write(&dir, None).expect("write");
    let mut n = 0;
    for sub in ["methods", "events", "placements"] {
        for e in std::fs::read_dir(dir.join(sub)).expect("dir") {
            let p = e.expect("entry").path();
            b24_spec::load(&p, &p.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
            n += 1;
        }
    }
    assert_eq!(n, out.files.len());
    assert!(dir.join("IMPORT-REPORT.md").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_is_deterministic() {
    let a = import();
    let b = import();
    assert_eq!(a.files, b.files);
    assert_eq!(a.report, b.report);
}

#[test]
fn report_lists_every_page() {
    let out = import();
    let mut pages = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(
                    p.strip_prefix(root)
                        .expect("prefix")
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let root = fixtures().join("docs");
    walk(&root, &root, &mut pages);
    assert_eq!(out.pages.len(), pages.len());
    for p in &pages {
        assert!(out.pages.contains_key(p), "{p} missing from the report");
        assert!(
            out.report.contains(&format!("| {p} |")),
            "{p} not in the report text"
        );
    }
    // overview pages and include fragments are skipped with a reason
    let idx = "api-reference/widgets/ui-interaction/call-card/index.md";
    assert!(matches!(&out.pages[idx], Status::Skipped(r) if r.contains("overview")));
    assert!(
        matches!(&out.pages["_includes/required.md"], Status::Skipped(r) if r.contains("include"))
    );
    // links to pages that were not copied are reported, not fatal
    assert!(!out.missing_links.is_empty());
    assert!(
        out.report
            .contains("## Links to pages missing from the docs tree")
    );
}

#[test]
fn rest_method_with_nested_objects_and_patterns() {
    let out = import();
    let s = spec(&out, "methods/crm.yaml");
    assert_eq!(s.file.scope.as_deref(), Some("crm"));
    let add = s
        .file
        .methods
        .iter()
        .find(|m| m.name.value == "crm.deal.add")
        .expect("crm.deal.add");
    assert_eq!(
        add.docs.docs.as_deref(),
        Some("https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-add.html")
    );
    assert!(
        add.docs
            .summary
            .as_deref()
            .unwrap_or("")
            .contains("creates a new deal")
    );
    assert!(add.docs.who.as_deref().unwrap_or("").contains("any user"));
    let fields = field(&add.params, "fields");
    assert_eq!(fields.shape.ty.value, "object");
    let title = field(&fields.shape.fields, "TITLE");
    assert_eq!(title.shape.ty.value, "string");
    // `char` with Y/N values is a string enum
    let rec = field(&fields.shape.fields, "IS_RECURRING");
    assert_eq!(rec.shape.ty.value, "string");
    assert_eq!(rec.shape.values.len(), 2);
    // `crm_contact[]` is an array of integer ids
    let ids = field(&fields.shape.fields, "CONTACT_IDS");
    assert_eq!(ids.shape.ty.value, "array");
    assert_eq!(ids.shape.items.as_ref().expect("items").ty.value, "integer");
    // name patterns (`UF_CRM_...`) are not fields; they are reported
    assert!(
        fields
            .shape
            .fields
            .iter()
            .all(|f| !f.name.value.contains("..."))
    );
    assert!(
        out.warnings
            .iter()
            .any(|w| w.page.ends_with("crm-deal-add.md") && w.message.contains("UF_CRM_"))
    );
    let params = field(&add.params, "params");
    assert_eq!(
        field(&params.shape.fields, "REGISTER_SONET_EVENT")
            .shape
            .ty
            .value,
        "boolean"
    );
    assert!(add.result.as_ref().is_some_and(|r| r.ty.value == "integer"));
    assert!(!add.errors.is_empty());
    // crm.deal.list is a list method whose result is the array itself
    let list = s
        .file
        .methods
        .iter()
        .find(|m| m.name.value == "crm.deal.list")
        .expect("list");
    let l = list.list.as_ref().expect("list: {}");
    assert_eq!(l.path, None);
    assert_eq!(list.result.as_ref().expect("result").ty.value, "array");
}

#[test]
fn list_method_with_items_path() {
    let out = import();
    let s = spec(&out, "methods/crm.yaml");
    let m = s
        .file
        .methods
        .iter()
        .find(|m| m.name.value == "crm.item.list")
        .expect("crm.item.list");
    assert_eq!(
        m.list.as_ref().expect("list").path.as_deref(),
        Some("items")
    );
    assert!(field(&m.params, "entityTypeId").required);
    let r = m.result.as_ref().expect("result");
    assert_eq!(r.ty.value, "object");
    assert!(r.fields.iter().any(|f| f.name.value == "items"));
    assert!(!m.result_examples.is_empty());
}

#[test]
fn integer_enums_and_notes_in_tables() {
    let out = import();
    let s = spec(&out, "methods/telephony.yaml");
    let m = &s.file.methods[0];
    assert_eq!(m.name.value, "telephony.externalCall.register");
    let ty = field(&m.params, "TYPE");
    assert!(ty.required);
    let values: Vec<String> = ty
        .shape
        .values
        .iter()
        .map(|v| v.value.to_string())
        .collect();
    assert_eq!(values, ["1", "2", "3", "4", "5"]);
    // a `{% note %}` inside a cell does not leak into the description
    let inner = field(&m.params, "USER_PHONE_INNER");
    assert!(
        !inner
            .shape
            .description
            .as_deref()
            .unwrap_or("")
            .contains("{%")
    );
    assert_eq!(
        field(&m.params, "CRM_ENTITY_TYPE").shape.values.len(),
        3,
        "CONTACT, COMPANY, LEAD"
    );
}

#[test]
fn methods_without_parameter_tables() {
    let out = import();
    // an outdated page: no parameter table, a bare "Returned Fields" table
    let s = spec(&out, "methods/crm.yaml");
    let m = s
        .file
        .methods
        .iter()
        .find(|m| m.name.value == "crm.measure.fields")
        .expect("crm.measure.fields");
    assert!(m.params.is_empty());
    // the method name is not in the title: taken from the examples
    let s = spec(&out, "methods/common.yaml");
    assert!(s.file.methods.iter().any(|m| m.name.value == "methods"));
}

#[test]
fn rest_events() {
    let out = import();
    let s = spec(&out, "events/crm.yaml");
    let ev = s
        .file
        .events
        .iter()
        .find(|e| e.code.value == "ONCRMDEALADD")
        .expect("ONCRMDEALADD");
    assert_eq!(
        ev.rust_name.as_ref().expect("rust_name").value,
        "OnCrmDealAdd"
    );
    let f = field(&ev.data, "FIELDS");
    assert_eq!(f.shape.ty.value, "object");
    assert_eq!(field(&f.shape.fields, "ID").shape.ty.value, "integer");
    assert!(!ev.examples.is_empty());
    // an event without a payload table and one without a handler section
    assert!(
        s.file
            .events
            .iter()
            .any(|e| e.code.value == "ONCRMMEASUREADD")
    );
    let inv = s
        .file
        .events
        .iter()
        .find(|e| e.code.value == "ONCRMINVOICEADD")
        .expect("invoice");
    assert_eq!(field(&inv.data, "FIELDS").shape.ty.value, "array");

    let s = spec(&out, "events/tasks.yaml");
    let ev = &s.file.events[0];
    assert_eq!(ev.code.value, "ONTASKADD");
    assert_eq!(ev.rust_name.as_ref().expect("rust_name").value, "OnTaskAdd");
    let after = field(&ev.data, "FIELDS_AFTER");
    assert_eq!(after.shape.ty.value, "object");
    assert!(after.shape.nullable, "`undefined`|`object`");
    assert!(field(&after.shape.fields, "ID").required);
    let acc = field(&ev.data, "IS_ACCESSIBLE_BEFORE");
    assert_eq!(acc.shape.values.len(), 3);

    // the title has no event code: the example's code is used
    let s = spec(&out, "events/booking.yaml");
    assert_eq!(s.file.events[0].code.value, "ONBOOKINGUPDATE");
    // the docs never spell it in mixed case: the file name gives the words
    assert_eq!(
        s.file.events[0]
            .rust_name
            .as_ref()
            .expect("rust_name")
            .value,
        "OnBookingUpdate"
    );
}

#[test]
fn placements_with_positional_args_and_commands() {
    let out = import();
    let s = spec(&out, "placements/call_card.yaml");
    let p = s.file.placement.as_ref().expect("placement");
    assert_eq!(p.code.value, "CALL_CARD");
    assert_eq!(p.scopes, ["placement", "telephony"]);
    assert!(
        p.title.is_some() && p.docs.docs.is_some(),
        "from the placement page"
    );
    let st = p
        .events
        .iter()
        .find(|e| e.name.value == "CallCard::CallStateChanged")
        .expect("event");
    assert_eq!(st.args.len(), 2);
    assert_eq!(st.args[0].name.value, "callState");
    assert!(st.args[0].required);
    let states: Vec<String> = st.args[0]
        .shape
        .values
        .iter()
        .map(|v| v.value.to_string())
        .collect();
    assert_eq!(states, ["idle", "connecting", "connected"]);
    assert_eq!(st.args[1].name.value, "additionalParams");
    assert_eq!(st.args[1].shape.fields[0].name.value, "failedCode");
    assert_eq!(st.examples.len(), 1);
    let ec = p
        .events
        .iter()
        .find(|e| e.name.value == "CallCard::EntityChanged")
        .expect("event");
    assert_eq!(ec.args.len(), 1, "one object argument");
    assert_eq!(ec.args[0].name.value, "eventData");
    assert_eq!(ec.args[0].shape.fields.len(), 3);
    let gs = p
        .commands
        .iter()
        .find(|c| c.name.value == "getStatus")
        .expect("getStatus");
    assert!(gs.params.is_empty());
    let r = gs.result.as_ref().expect("result");
    assert_eq!(r.ty.value, "object");
    let b = field(&r.fields, "CRM_BINDINGS");
    assert_eq!(b.shape.ty.value, "array");
    assert_eq!(b.shape.items.as_ref().expect("items").fields.len(), 2);

    let s = spec(&out, "placements/page_background_worker.yaml");
    let p = s.file.placement.as_ref().expect("placement");
    let close = p
        .events
        .iter()
        .find(|e| e.name.value.ends_with("closeButtonClick"))
        .expect("close");
    assert!(close.args.is_empty(), "no data");
    let mute = p
        .events
        .iter()
        .find(|e| e.name.value.ends_with("muteButtonClick"))
        .expect("mute");
    assert_eq!(mute.args[0].shape.ty.value, "boolean");
    let set = p
        .commands
        .iter()
        .find(|c| c.name.value == "CallCardSetMute")
        .expect("cmd");
    assert!(field(&set.params, "muted").required);
    assert_eq!(set.examples, [r#"{"muted":true}"#]);
    let ls = p
        .commands
        .iter()
        .find(|c| c.name.value == "CallCardGetListUiStates")
        .expect("cmd");
    let r = ls.result.as_ref().expect("result");
    assert_eq!(r.ty.value, "array");
    assert_eq!(r.items.as_ref().expect("items").values.len(), 12);
}

#[test]
fn bad_pages_warn_with_lines_and_never_panic() {
    let out = b24_docs::import(&fixtures().join("bad")).expect("import");
    assert!(out.invalid.is_empty(), "{:?}", out.invalid);
    let w: Vec<String> = out.warnings.iter().map(ToString::to_string).collect();
    let has = |page: &str, line: u32, what: &str| {
        w.iter()
            .any(|x| x.starts_with(&format!("{page}:{line}:")) && x.contains(what))
    };
    assert!(
        has("broken-method.md", 16, "unknown type `frobnicator`"),
        "{w:#?}"
    );
    assert!(has("broken-method.md", 18, "`**` is not closed"), "{w:#?}");
    assert!(
        w.iter()
            .any(|x| x.starts_with("broken-method.md:") && x.contains("never closed")),
        "{w:#?}"
    );
    assert!(
        w.iter()
            .any(|x| x.starts_with("broken-event.md:") && x.contains("no parent field")),
        "{w:#?}"
    );
    // the method is still imported, with what could be read
    let s = spec(&out, "methods/general.yaml");
    let m = &s.file.methods[0];
    assert_eq!(m.name.value, "frob.thing.do");
    assert!(field(&m.params, "id").required);
    assert_eq!(field(&m.params, "weird").shape.ty.value, "any");
    // `>=` cannot be a variant name: it gets a rust_name
    let mode = field(&m.params, "mode");
    assert_eq!(mode.shape.values.len(), 3);
    // the event without a data table gets fields from its example
    let s = spec(&out, "events/general.yaml");
    assert_eq!(s.file.events[0].code.value, "ONFROBTHING");
    let missing: Vec<String> = out
        .missing_links
        .iter()
        .map(|m| format!("{}:{}: {}", m.page, m.line, m.target))
        .collect();
    assert!(
        missing.contains(&"broken-event.md:15: ./nowhere/missing.md".to_owned()),
        "{missing:?}"
    );
}

#[test]
fn events_known_only_from_an_overview_table() {
    // telephony/events/index.md lists two events whose pages are not copied
    let out = import();
    let s = spec(&out, "events/telephony.yaml");
    assert_eq!(s.file.scope.as_deref(), Some("telephony"));
    for (code, rust, summary, page) in [
        (
            "ONEXTERNALCALLSTART",
            "OnExternalCallStart",
            "When clicking on a phone number in CRM entities to make an outgoing call",
            "on-external-call-start",
        ),
        (
            "ONEXTERNALCALLBACKSTART",
            "OnExternalCallBackStart",
            "When filling out the CRM callback form",
            "on-external-call-back-start",
        ),
    ] {
        let e = s
            .file
            .events
            .iter()
            .find(|e| e.code.value == code)
            .unwrap_or_else(|| panic!("no {code}"));
        assert_eq!(e.rust_name.as_ref().expect("rust_name").value, rust);
        assert_eq!(e.docs.summary.as_deref(), Some(summary));
        assert!(
            e.docs
                .description
                .as_deref()
                .is_some_and(|d| d.contains("not in the docs snapshot")),
            "{:?}",
            e.docs.description
        );
        assert_eq!(
            e.docs.docs.as_deref(),
            Some(
                format!("https://apidocs.bitrix24.com/api-reference/telephony/events/{page}.html")
                    .as_str()
            )
        );
        assert_eq!(e.docs.who.as_deref(), Some("any user"));
        assert!(e.data.is_empty());
        assert!(
            out.from_overview.iter().any(|f| f.name == rust
                && f.page == "api-reference/telephony/events/index.md"
                && f.file == "events/telephony.yaml"),
            "{:?}",
            out.from_overview
        );
    }
    assert!(
        out.report
            .contains("## Entries known only from overview tables")
    );
    assert!(
        out.report
            .contains("| `OnExternalCallStart` | REST event |")
    );
    assert_eq!(out.stats.from_overview, out.from_overview.len());
    // the overview page itself is not an entry page
    assert!(matches!(
        out.pages.get("api-reference/telephony/events/index.md"),
        Some(Status::Skipped(_))
    ));
}

#[test]
fn overview_rows_are_detected_by_structure() {
    let page = |table: &str| {
        format!(
            "# Overview of methods\n\n> Scope: [`sc`](../scopes.md)\n>\n> Who can execute the method: any user\n\n{table}\n"
        )
    };
    let pages = vec![(
        "api-reference/sec/index.md".to_owned(),
        page(
            "#|\n|| **Method** | **Description** ||\n|| [sec.item.get](./sec-item-get.md) | Returns an item ||\n|| [sec.item.odd](./other-name.md) | Name and page disagree ||\n|| not a link | x ||\n|#\n\n#|\n|| **Method** | **One file** ||\n|| [sec.item.add](./sec-item-add.md) | Base64 ||\n|#\n\n#|\n|| **Event** | **Triggered** ||\n|| [OnSecItemAdd](./events/on-sec-item-add.md) | When an item is added ||\n|#",
        ),
    )];
    let out = b24_docs::import_pages(&pages);
    let names: Vec<&str> = out.from_overview.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["OnSecItemAdd", "sec.item.get"]);
    let m = b24_spec::parse("methods/sec.yaml", &out.files["methods/sec.yaml"]).expect("valid");
    assert_eq!(m.file.scope.as_deref(), Some("sc"));
    assert_eq!(
        m.file.methods[0].docs.summary.as_deref(),
        Some("Returns an item")
    );
    assert!(
        out.report
            .contains("the page's file name does not spell the method name")
    );
}

fn named_type<'a>(s: &'a Spec, name: &str) -> &'a b24_spec::Shape {
    s.file.types.get(name).unwrap_or_else(|| {
        panic!(
            "no type {name}; types: {:?}",
            s.file.types.keys().collect::<Vec<_>>()
        )
    })
}

#[test]
fn types_linked_to_other_pages_become_named_types() {
    let out = import();
    let s = spec(&out, "methods/crm.yaml");
    // crm.deal.list: `deal[]` links to crm-deal-get.md#deal
    let list = s
        .file
        .methods
        .iter()
        .find(|m| m.name.value == "crm.deal.list")
        .expect("crm.deal.list");
    let r = list.result.as_ref().expect("result");
    assert_eq!(r.ty.value, "array");
    assert_eq!(r.items.as_ref().expect("items").ty.value, "Deal");
    // crm.deal.get: `deal` links to its own page's #deal section
    let get = s
        .file
        .methods
        .iter()
        .find(|m| m.name.value == "crm.deal.get")
        .expect("crm.deal.get");
    assert_eq!(get.result.as_ref().expect("result").ty.value, "Deal");
    let deal = named_type(&s, "Deal");
    assert_eq!(deal.ty.value, "object");
    assert_eq!(field(&deal.fields, "ID").shape.ty.value, "integer");
    assert_eq!(field(&deal.fields, "TITLE").shape.ty.value, "string");
    // the one object is one type in the file
    assert_eq!(
        s.file
            .types
            .keys()
            .filter(|k| k.starts_with("Deal"))
            .count(),
        1
    );
    // crm_multifield[] links to data-types.md without an anchor: the
    // section named like the type
    let c = spec(&out, "methods/crm.yaml");
    let get = c
        .file
        .methods
        .iter()
        .find(|m| m.name.value == "crm.contact.get")
        .expect("crm.contact.get");
    let contact = get.result.as_ref().expect("result");
    let contact = named_type(&c, &contact.ty.value);
    let phone = field(&contact.fields, "PHONE");
    assert_eq!(phone.shape.ty.value, "array");
    assert_eq!(
        phone.shape.items.as_ref().expect("items").ty.value,
        "CrmMultifield"
    );
    let mf = named_type(&c, "CrmMultifield");
    for f in ["ID", "TYPE_ID", "VALUE", "VALUE_TYPE"] {
        field(&mf.fields, f);
    }
    assert!(
        !out.warnings
            .iter()
            .any(|w| w.message.contains("crm_multifield") || w.message.contains("`deal`")),
        "{:?}",
        out.warnings
    );
}

fn page(title: &str, body: &str) -> String {
    format!(
        "# {title}\n\n> Scope: [`sc`](../scopes.md)\n\n## Method Parameters\n\n#|\n|| **Name**\n`type` | **Description** ||\n|| **id**\n[`integer`](../data-types.md) | Id ||\n|#\n\n## Response Handling\n\n### Returned Data\n\n{body}\n"
    )
}

fn table(rows: &[(&str, &str)]) -> String {
    let mut t = "#|\n|| **Name**\n`type` | **Description** ||\n".to_owned();
    for (name, ty) in rows {
        t.push_str(&format!("|| **{name}**\n{ty} | The {name} ||\n"));
    }
    t.push_str("|#");
    t
}

#[test]
fn cycles_between_linked_objects_end_in_free_form_objects() {
    // node → parent (node, on the same page) and node → owner (user, on
    // another page) → manager (node again): both cycles are cut
    let node = format!(
        "{}\n\n### Node {{#node}}\n\n{}",
        table(&[("result", "[`node`](#node)")]),
        table(&[
            ("id", "[`integer`](../data-types.md)"),
            ("parent", "[`node`](#node)"),
            ("owner", "[`person`](./types.md#person)"),
        ])
    );
    let types = format!(
        "# Types\n\n## Person {{#person}}\n\n{}",
        table(&[
            ("name", "[`string`](../data-types.md)"),
            ("manager", "[`node[]`](./sc-node-get.md#node)"),
        ])
    );
    let pages = vec![
        (
            "api-reference/sc/sc-node-get.md".to_owned(),
            page("Get a node sc.node.get", &node),
        ),
        ("api-reference/sc/types.md".to_owned(), types),
    ];
    let out = b24_docs::import_pages(&pages);
    assert!(out.invalid.is_empty(), "{:?}", out.invalid);
    let s = b24_spec::parse("methods/sc.yaml", &out.files["methods/sc.yaml"]).expect("valid");
    let m = &s.file.methods[0];
    assert_eq!(m.result.as_ref().expect("result").ty.value, "Node");
    let n = named_type(&s, "Node");
    assert_eq!(field(&n.fields, "parent").shape.ty.value, "object");
    let owner = field(&n.fields, "owner");
    assert_eq!(owner.shape.ty.value, "Person");
    let u = named_type(&s, "Person");
    let manager = field(&u.fields, "manager");
    assert_eq!(manager.shape.ty.value, "array");
    assert_eq!(
        manager.shape.items.as_ref().expect("items").ty.value,
        "object"
    );
    // deterministic
    assert_eq!(b24_docs::import_pages(&pages).files, out.files);
}

#[test]
fn links_to_missing_pages_stay_any_with_a_warning() {
    let body = table(&[
        ("item", "[`gadget`](./gadget-types.md#gadget)"),
        ("list", "[`gadget[]`](./gadget-types.md)"),
        ("other", "[`widget`](#widget)"),
    ]);
    let pages = vec![(
        "api-reference/sc/sc-gadget-get.md".to_owned(),
        page("Get a gadget sc.gadget.get", &body),
    )];
    let out = b24_docs::import_pages(&pages);
    assert!(out.invalid.is_empty(), "{:?}", out.invalid);
    let s = b24_spec::parse("methods/sc.yaml", &out.files["methods/sc.yaml"]).expect("valid");
    assert!(s.file.types.is_empty());
    let r = s.file.methods[0].result.as_ref().expect("result");
    assert_eq!(field(&r.fields, "item").shape.ty.value, "any");
    assert_eq!(field(&r.fields, "list").shape.ty.value, "array");
    assert_eq!(field(&r.fields, "other").shape.ty.value, "any");
    let msgs: Vec<String> = out.warnings.iter().map(ToString::to_string).collect();
    for (line, what) in [
        (21, "unknown type `gadget` of `item`"),
        (23, "unknown type `gadget` of `list`"),
        (25, "unknown type `widget` of `other`"),
    ] {
        assert!(
            msgs.iter().any(|m| m
                .starts_with(&format!("api-reference/sc/sc-gadget-get.md:{line}:"))
                && m.contains(what)),
            "{what} at {line}: {msgs:?}"
        );
    }
    assert!(
        msgs.iter()
            .any(|m| m.contains("the linked page `./gadget-types.md` is not in the docs tree")),
        "{msgs:?}"
    );
}

fn method<'a>(s: &'a Spec, name: &str) -> &'a b24_spec::Method {
    s.file
        .methods
        .iter()
        .find(|m| m.name.value == name)
        .unwrap_or_else(|| panic!("no method {name}"))
}

/// Every kept example fits the shape the spec declares.
fn assert_examples_fit(out: &Output) {
    for (file, text) in &out.files {
        let Ok(s) = b24_spec::parse(file, text) else {
            continue;
        };
        for m in &s.file.methods {
            let Some(shape) = &m.result else { continue };
            for ex in &m.result_examples {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(ex) else {
                    continue;
                };
                if v.get("error").is_some() {
                    continue;
                }
                let r = v.get("result").unwrap_or(&v);
                if let Err(e) = b24_spec::conforms(&s.file, shape, r) {
                    panic!("{file} {}: {e}", m.name.value);
                }
            }
        }
        for e in &s.file.events {
            for ex in &e.examples {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(ex) else {
                    continue;
                };
                if let Some(d) = v.get("data")
                    && let Err(err) = b24_spec::fields_conform(&s.file, &e.data, d, "data")
                {
                    panic!("{file} {}: {err}", e.code.value);
                }
            }
        }
    }
}

fn reconciled(out: &Output, page: &str, what: &str) -> bool {
    out.warnings.iter().any(|w| {
        w.page.ends_with(page)
            && w.line > 0
            && w.message.contains("reconciled with the example")
            && w.message.contains(what)
    })
}

#[test]
fn array_results_follow_the_examples_not_the_tables() {
    let out = import();
    assert_examples_fit(&out);
    // user.get: the table describes one user, the example is a list of them
    let u = spec(&out, "methods/user.yaml");
    let r = method(&u, "user.get").result.as_ref().expect("result");
    assert_eq!(r.ty.value, "array");
    let item = r.items.as_ref().expect("items");
    assert!(item.ty.value == "object" || u.file.types.contains_key(&item.ty.value));
    assert!(reconciled(&out, "user-get.md", "array of objects"));
    // crm.vat.list: the table's `result` is an `object`, the example a list
    let c = spec(&out, "methods/crm.yaml");
    let r = method(&c, "crm.vat.list").result.as_ref().expect("result");
    assert_eq!(r.ty.value, "array");
    assert_eq!(r.items.as_ref().expect("items").ty.value, "object");
    assert!(reconciled(&out, "crm-vat-list.md", "array of objects"));
    // crm.stagehistory.list: the table says `array`, the example holds the
    // list under `items`: the list path follows
    let m = method(&c, "crm.stagehistory.list");
    let r = m.result.as_ref().expect("result");
    assert_eq!(r.ty.value, "object");
    let items = field(&r.fields, "items");
    assert_eq!(items.shape.ty.value, "array");
    assert!(
        items
            .shape
            .items
            .as_ref()
            .expect("items")
            .fields
            .iter()
            .any(|f| f.name.value == "OWNER_ID")
    );
    assert_eq!(
        m.list.as_ref().expect("list").path.as_deref(),
        Some("items")
    );
    assert!(reconciled(
        &out,
        "crm-stage-history-list.md",
        "under `items`"
    ));
    // disk.file.get: a PHP `array` with keys is a JSON object; the flat
    // table's siblings of `result` that the example shows are its fields
    let d = spec(&out, "methods/disk.yaml");
    let r = method(&d, "disk.file.get").result.as_ref().expect("result");
    assert_eq!(r.ty.value, "object");
    assert_eq!(field(&r.fields, "STORAGE_ID").shape.ty.value, "integer");
    // an event field the example contradicts is widened
    assert!(reconciled(&out, "on-task-add.md", "data.FIELDS_BEFORE"));
}

#[test]
fn field_metadata_results_are_typed_as_metadata() {
    let out = import();
    let c = spec(&out, "methods/crm.yaml");
    let r = method(&c, "crm.vat.fields")
        .result
        .as_ref()
        .expect("result");
    assert_eq!(r.ty.value, "object");
    let id = field(&r.fields, "ID");
    assert!(
        id.shape.ty.value.starts_with("FieldMetadata"),
        "{}",
        id.shape.ty.value
    );
    // the table's description of the field stays
    assert!(id.shape.description.is_some());
    let meta = named_type(&c, &id.shape.ty.value);
    assert_eq!(field(&meta.fields, "type").shape.ty.value, "string");
    assert_eq!(field(&meta.fields, "isRequired").shape.ty.value, "boolean");
    assert!(reconciled(&out, "crm-vat-fields.md", "metadata"));
}

#[test]
fn reconciling_a_named_type_leaves_other_uses_alone() {
    // `item` is linked from two methods; only sc.item.get's example sends
    // `tags` as a list of objects and `id` as a non-numeric string
    let body = |example: &str| {
        format!(
            "{}\n\n### Item {{#item}}\n\n{}\n\n### Tag {{#tag}}\n\n{}\n\n```json\n{example}\n```",
            table(&[("result", "[`item`](#item)")]),
            table(&[
                ("id", "[`integer`](../data-types.md)"),
                ("tags", "[`tag`](#tag)"),
            ]),
            table(&[("name", "[`string`](../data-types.md)")]),
        )
    };
    let pages = vec![
        (
            "api-reference/sc/sc-item-get.md".to_owned(),
            page(
                "Get an item sc.item.get",
                &body(r#"{"result": {"id": "x1", "tags": [{"name": "a"}]}}"#),
            ),
        ),
        (
            "api-reference/sc/sc-item-last.md".to_owned(),
            page(
                "Last item sc.item.last",
                &body(r#"{"result": {"id": 1, "tags": {"name": "a"}}}"#),
            ),
        ),
        (
            "api-reference/sc/sc-item-delete.md".to_owned(),
            page(
                "Delete an item sc.item.delete",
                &format!(
                    "{}\n\n```json\n{{\"result\": true}}\n```",
                    table(&[
                        ("result", "[`object`](../data-types.md)"),
                        ("id", "`integer`")
                    ])
                ),
            ),
        ),
    ];
    let out = b24_docs::import_pages(&pages);
    assert!(out.invalid.is_empty(), "{:?}", out.invalid);
    assert_examples_fit(&out);
    let s = b24_spec::parse("methods/sc.yaml", &out.files["methods/sc.yaml"]).expect("valid");
    let shape_of = |name: &str| {
        let ty = &method(&s, name).result.as_ref().expect("result").ty.value;
        named_type(&s, ty).clone()
    };
    let got = shape_of("sc.item.get");
    assert_eq!(field(&got.fields, "id").shape.ty.value, "string");
    assert_eq!(field(&got.fields, "tags").shape.ty.value, "array");
    let last = shape_of("sc.item.last");
    assert_eq!(field(&last.fields, "id").shape.ty.value, "integer");
    assert_ne!(field(&last.fields, "tags").shape.ty.value, "array");
    // a bare boolean where the table describes an object
    let del = method(&s, "sc.item.delete")
        .result
        .as_ref()
        .expect("result");
    assert_eq!(del.ty.value, "boolean");
    for p in ["sc-item-get.md", "sc-item-delete.md"] {
        assert!(reconciled(&out, p, "result"), "{p}");
    }
    assert!(!reconciled(&out, "sc-item-last.md", "result"));
    assert_eq!(b24_docs::import_pages(&pages).files, out.files);
}

#[test]
fn reconciliation_never_panics_on_odd_examples() {
    let examples = [
        r#"{"result": null}"#,
        r#"{"result": []}"#,
        r#"{"result": [[[]]]}"#,
        r#"{"result": [1, "a", {"x": [true]}, null]}"#,
        r#"{"result": {"": {"type": 1}, "0": {"type": []}}}"#,
        r#"{"result": "text"}"#,
    ];
    let pages: Vec<(String, String)> = examples
        .iter()
        .enumerate()
        .map(|(i, ex)| {
            let body = format!(
                "{}\n\n```json\n{ex}\n```",
                table(&[
                    ("result", "[`object`](../data-types.md)"),
                    ("id", "`integer`"),
                    ("tags", "`array`"),
                ])
            );
            (
                format!("api-reference/sc/sc-odd-get{i}.md"),
                page(&format!("Odd sc.odd.get{i}"), &body),
            )
        })
        .collect();
    let out = b24_docs::import_pages(&pages);
    assert!(out.invalid.is_empty(), "{:?}", out.invalid);
    assert_examples_fit(&out);
}

#[test]
fn rest_v3_pages_and_their_v2_twins() {
    let out = import();
    let s = spec(&out, "methods/tasks.yaml");
    let gets: Vec<_> = s
        .file
        .methods
        .iter()
        .filter(|m| m.name.value == "tasks.task.get")
        .collect();
    assert_eq!(gets.len(), 2, "the REST v2 and the REST 3.0 page");
    let v3 = gets.iter().find(|m| m.is_v3()).expect("a v3 entry");
    let v2 = gets.iter().find(|m| !m.is_v3()).expect("a v2 entry");
    assert_eq!(v3.rust_name.as_ref().expect("rust_name").value, "TaskGetV3");
    assert!(v3.params.iter().any(|p| p.name.value == "id"));
    assert!(v2.params.iter().any(|p| p.name.value == "taskId"));
    assert!(v3.list.is_none());
}

/// The method `name` wherever the import put it.
fn imported_method(out: &Output, name: &str) -> b24_spec::Method {
    out.files
        .iter()
        .filter(|(f, _)| f.starts_with("methods/"))
        .flat_map(|(f, _)| spec(out, f).file.methods)
        .find(|m| m.name.value == name)
        .unwrap_or_else(|| panic!("no method {name}"))
}

#[test]
fn list_methods_are_marked_from_their_pages() {
    let out = import();
    // a documented `start` parameter pages the method; its rows are `result`
    let activities = imported_method(&out, "crm.activity.list");
    let l = activities.list.as_ref().expect("crm.activity.list pages");
    assert_eq!(l.path, None);
    // `total` beside `result` is the pager's, even without a `start` row
    let vat = imported_method(&out, "crm.vat.list");
    assert_eq!(vat.list.as_ref().expect("crm.vat.list pages").path, None);
    // an answer shown without its `result` wrapper still says where the
    // rows sit, and the rows' `id` is the cursor
    let measures = imported_method(&out, "catalog.measure.list");
    let l = measures.list.as_ref().expect("catalog.measure.list pages");
    assert_eq!(l.path.as_deref(), Some("measures"));
    assert_eq!(l.id_field.as_deref(), Some("id"));
    // the documented rows name the cursor (`crm.item.list`: `items[].id`)
    let items = imported_method(&out, "crm.item.list");
    let l = items.list.as_ref().expect("crm.item.list pages");
    assert_eq!(
        (l.path.as_deref(), l.id_field.as_deref()),
        (Some("items"), Some("id"))
    );
    // an answer shown as the bare result (`{"items": [...]}`)
    let rpa = imported_method(&out, "rpa.item.list");
    assert_eq!(
        rpa.list
            .as_ref()
            .expect("rpa.item.list pages")
            .path
            .as_deref(),
        Some("items")
    );
    // `total` with an `OFFSET` parameter of its own is not the `start` pager
    let users = imported_method(&out, "im.search.user.list");
    assert!(users.list.is_none(), "{:?}", users.list);
    // a getter is no list
    assert!(imported_method(&out, "crm.deal.get").list.is_none());
}

#[test]
fn scalar_event_data_is_reported_not_written() {
    // `OnImConnectorLineDelete` delivers `"data": 107`: the format has no
    // such `data`, so the example stays out of the spec and the report says why
    let out = import();
    let event = out
        .files
        .iter()
        .filter(|(f, _)| f.starts_with("events/"))
        .flat_map(|(f, _)| spec(&out, f).file.events)
        .find(|e| e.code.value == "ONIMCONNECTORLINEDELETE")
        .expect("the event is imported");
    assert!(event.examples.is_empty(), "{:?}", event.examples);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.page.ends_with("on-im-connector-line-delete.md")
                && w.message.contains("not an object")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn a_section_corrected_by_one_example_is_one_type_for_its_other_uses() {
    // `types.md#item` is the result of three methods; sc.item.get's example
    // sends `id` as a string and `tags` as a list
    let types = format!(
        "# Types\n\n## Item {{#item}}\n\n{}\n\n## Tag {{#tag}}\n\n{}",
        table(&[
            ("id", "[`integer`](../data-types.md)"),
            ("tags", "[`tag`](#tag)"),
        ]),
        table(&[("name", "[`string`](../data-types.md)")]),
    );
    let body = |ty: &str, example: &str| {
        format!(
            "{}\n\n```json\n{example}\n```",
            table(&[("result", &format!("[`{ty}`](./types.md#item)"))])
        )
    };
    let pages = vec![
        ("api-reference/sc/types.md".to_owned(), types),
        (
            "api-reference/sc/sc-item-get.md".to_owned(),
            page(
                "Get an item sc.item.get",
                &body(
                    "item",
                    r#"{"result": {"id": "x1", "tags": [{"name": "a"}]}}"#,
                ),
            ),
        ),
        // rows the example leaves empty: they decode what sc.item.get does
        (
            "api-reference/sc/sc-item-list.md".to_owned(),
            page(
                "List items sc.item.list",
                &body("item[]", r#"{"result": []}"#),
            ),
        ),
        // an example the correction contradicts keeps the table's object
        (
            "api-reference/sc/sc-item-last.md".to_owned(),
            page(
                "Last item sc.item.last",
                &body("item", r#"{"result": {"id": 1, "tags": {"name": "a"}}}"#),
            ),
        ),
    ];
    let out = b24_docs::import_pages(&pages);
    assert!(out.invalid.is_empty(), "{:?}", out.invalid);
    assert_examples_fit(&out);
    let s = b24_spec::parse("methods/sc.yaml", &out.files["methods/sc.yaml"]).expect("valid");
    let result = |name: &str| method(&s, name).result.clone().expect("result");
    let got = result("sc.item.get").ty.value;
    assert_eq!(
        field(&named_type(&s, &got).fields, "tags").shape.ty.value,
        "array"
    );
    let list = result("sc.item.list");
    assert_eq!(list.ty.value, "array");
    assert_eq!(list.items.expect("rows").ty.value, got);
    let last = result("sc.item.last").ty.value;
    assert_ne!(last, got);
    assert_eq!(
        field(&named_type(&s, &last).fields, "id").shape.ty.value,
        "integer"
    );
    assert_eq!(b24_docs::import_pages(&pages).files, out.files);
}
