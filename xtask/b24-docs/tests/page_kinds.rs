//! Holds the importer to a table of known pages (copied unchanged from the
//! Bitrix24 docs, MIT; see `fixtures/NOTICE.md`): method pages it once
//! missed are imported, pages that only look like methods are skipped, and
//! results the pages show are typed.

use std::path::PathBuf;

use b24_docs::{Output, Status, ir::Kind};
use b24_spec::{Method, Spec};

fn import() -> Output {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds");
    b24_docs::import(&root).expect("fixtures import")
}

/// What a page must become: an entry of `kind` named so, or skipped.
const TABLE: &[(&str, Option<(Kind, &str)>)] = &[
    // method pages: no dotted name in the title
    (
        "api-reference/events/events.md",
        Some((Kind::RestMethod, "events")),
    ),
    // the answer's table under an H3 only, "Without parameters"
    (
        "api-reference/crm/outdated/invoice-status-old/crm-invoice-status-fields.md",
        Some((Kind::RestMethod, "crm.invoice.status.fields")),
    ),
    // a parameter table without a heading, no examples
    (
        "api-reference/telephony/voximplant/users/voximplant-user-deactivate-phone.md",
        Some((Kind::RestMethod, "voximplant.user.deactivatePhone")),
    ),
    // only the method header and a sentence
    (
        "api-reference/outdated/rpa/task/rpa-task-do.md",
        Some((Kind::RestMethod, "rpa.task.do")),
    ),
    (
        "api-reference/disk/file/disk-file-copy-to.md",
        Some((Kind::RestMethod, "disk.file.copyTo")),
    ),
    (
        "api-reference/document-generator/templates/document-generator-template-get.md",
        Some((Kind::RestMethod, "documentgenerator.template.get")),
    ),
    (
        "api-reference/telephony/events/on-external-call-start.md",
        Some((Kind::RestEvent, "ONEXTERNALCALLSTART")),
    ),
    // the title misspells the method; every example calls the real name
    (
        "api-reference/departments/employee/humanresources-employee-search.md",
        Some((Kind::RestMethod, "humanresources.employee.search (v3)")),
    ),
    // the title shortens the method at a dot
    (
        "api-reference/chats/special-operations/im-recent-pin.md",
        Some((Kind::RestMethod, "im.recent.pin")),
    ),
    // examples copied from `rpa.comment.add`: another action, the title stays
    (
        "api-reference/outdated/rpa/comment/rpa-comment-update.md",
        Some((Kind::RestMethod, "rpa.comment.update")),
    ),
    // not methods: an API version, families, guides
    ("api-reference/chat-bots/chat-bots-v2/change-log.md", None),
    (
        "api-reference/chat-bots/chat-bots-v2/im.v2/events/events.md",
        None,
    ),
    ("api-reference/common/settings/user-option.md", None),
    ("api-reference/tasks/deprecated/task-item/index.md", None),
    (
        "api-reference/document-generator/examples/document-text-data.md",
        None,
    ),
];

#[test]
fn known_pages_are_imported_or_skipped_as_the_table_says() {
    let out = import();
    for (page, want) in TABLE {
        let got = out
            .pages
            .get(*page)
            .unwrap_or_else(|| panic!("{page} not read"));
        match (want, got) {
            (Some((kind, name)), Status::Imported { kind: k, entries }) => {
                assert_eq!(k, kind, "{page}");
                assert!(
                    entries.iter().any(|(n, _)| n == name),
                    "{page}: {entries:?}"
                );
            }
            (None, Status::Skipped(reason)) => assert!(!reason.is_empty(), "{page}"),
            _ => panic!("{page}: expected {want:?}, got {got:?}"),
        }
    }
    // no entry is named after an API version
    for status in out.pages.values() {
        if let Status::Imported { entries, .. } = status {
            for (n, _) in entries {
                assert!(!n.ends_with(".v2"), "{n}");
            }
        }
    }
}

fn method(out: &Output, name: &str) -> Method {
    for (f, text) in &out.files {
        let spec: Spec = b24_spec::parse(f, text).unwrap_or_else(|e| panic!("{f}: {e}"));
        if let Some(m) = spec.file.methods.iter().find(|m| m.name.value == name) {
            return m.clone();
        }
    }
    panic!("no method {name}")
}

#[test]
fn results_the_pages_show_are_typed() {
    let out = import();
    // a flat Returned Data table: `result` and its fields side by side
    let r = method(&out, "disk.file.copyTo").result.expect("result");
    assert_eq!(r.ty.value, "object");
    for f in ["ID", "NAME", "STORAGE_ID", "DOWNLOAD_URL"] {
        assert!(r.fields.iter().any(|x| x.name.value == f), "{f}");
    }
    let r = method(&out, "documentgenerator.template.get")
        .result
        .expect("result");
    assert!(!r.fields.is_empty());
    let r = method(&out, "crm.invoice.status.fields")
        .result
        .expect("result");
    assert!(!r.fields.is_empty(), "{r:?}");
    // no parameter section, a table all the same
    let m = method(&out, "voximplant.user.deactivatePhone");
    assert!(m.params.iter().any(|p| p.name.value == "USER_ID"));
}

#[test]
fn a_typescript_result_declaration_types_the_result() {
    let out = import();
    // the answer's JSON does not parse; `type VatGetResult = {...}` in the
    // JS example, passed to `call.make<VatGetResult>`, types the result
    let r = method(&out, "catalog.vat.get").result.expect("result");
    assert_eq!(r.fields.len(), 1, "{r:?}");
    assert_eq!(r.fields[0].name.value, "vat");
    let vat = &r.fields[0].shape;
    let ty = |n: &str| {
        let f = vat.fields.iter().find(|f| f.name.value == n).expect(n);
        (f.shape.ty.value.clone(), f.shape.nullable, f.required)
    };
    assert_eq!(ty("id"), ("integer".into(), false, false));
    assert_eq!(ty("rate"), ("number".into(), false, false));
    assert_eq!(ty("timestampX"), ("datetime".into(), true, false));
    // a declared object, but the page also answers with a bare number:
    // the declaration does not hold for every answer and is not used
    let r = method(&out, "landing.landing.copyblock").result;
    assert!(r.as_ref().is_none_or(|r| r.ty.value != "object"), "{r:?}");
}

/// The fields of the elements of the result's array `items`.
fn item_fields(out: &Output, name: &str) -> Vec<(String, String)> {
    let r = method(out, name).result.expect("result");
    let items = r
        .fields
        .iter()
        .find(|f| f.name.value == "items")
        .expect("items");
    let element = items.shape.items.as_deref().expect("element type");
    assert_eq!(element.ty.value, "object", "{name}");
    element
        .fields
        .iter()
        .map(|f| (f.name.value.clone(), f.shape.ty.value.clone()))
        .collect()
}

#[test]
fn list_elements_are_typed_from_flat_tables_and_examples() {
    let out = import();
    // `items`, `items[]`, then the element's fields as rows of their own
    let fields = item_fields(&out, "mail.message.list");
    assert_eq!(fields.len(), 13, "{fields:?}");
    assert!(fields.contains(&("id".into(), "integer".into())));
    assert!(fields.contains(&("isSeen".into(), "boolean".into())));
    // `time` and `result` are the envelope's, not the element's
    assert!(!fields.iter().any(|(n, _)| n == "time" || n == "result"));
    // no element rows: the example's elements type it
    let fields = item_fields(&out, "mail.mailbox.field.list");
    let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["name", "type", "title", "filterable", "sortable"]);
}

#[test]
fn the_external_call_event_is_typed() {
    let out = import();
    let (_, text) = out
        .files
        .iter()
        .find(|(f, t)| f.starts_with("events/") && t.contains("ONEXTERNALCALLSTART"))
        .expect("event file");
    let spec = b24_spec::parse("events", text).expect("valid");
    let e = spec
        .file
        .events
        .iter()
        .find(|e| e.code.value == "ONEXTERNALCALLSTART")
        .expect("event");
    assert!(
        e.data.iter().any(|f| f.name.value == "CALL_ID"),
        "{:?}",
        e.data.iter().map(|f| &f.name.value).collect::<Vec<_>>()
    );
}

fn placement(out: &Output, code: &str) -> b24_spec::Placement {
    for (f, text) in &out.files {
        let spec: Spec = b24_spec::parse(f, text).unwrap_or_else(|e| panic!("{f}: {e}"));
        if let Some(p) = spec.file.placement
            && p.code.value == code
        {
            return p;
        }
    }
    panic!("no placement {code}")
}

fn option_names(p: &b24_spec::Placement) -> Vec<&str> {
    p.options.iter().map(|o| o.name.value.as_str()).collect()
}

#[test]
fn placement_options_are_imported_in_every_documented_form() {
    let out = import();
    // a key table (headed "Parameter" or "Key") plus the universal URI the
    // text names; each code of the title, families spelled XXX
    for code in ["CRM_XXX_DETAIL_TAB", "CRM_DYNAMIC_XXX_DETAIL_TAB"] {
        let p = placement(&out, code);
        assert_eq!(option_names(&p), ["ID", "URI"], "{code}");
        assert!(p.options[0].required);
        assert_eq!(p.options[0].shape.ty.value, "string");
    }
    let p = placement(&out, "CONTACT_CENTER");
    assert_eq!(option_names(&p), ["ID", "URI"]);
    // prose only: "the context carries only the universal `URI` key"
    let p = placement(&out, "LEFT_MENU");
    assert_eq!(option_names(&p), ["URI"]);
    assert!(!p.options[0].required);
    // a list of `KEY` — description items; `LANDING_BLOCK_*` is a family
    let p = placement(&out, "LANDING_BLOCK_XXX");
    assert_eq!(option_names(&p), ["ID", "CODE", "LID"]);
    // an overview page's key table (no types, two keys in one row), typed
    // by the JSON example on the page of the method that registers the
    // handler (`userfieldtype.add`), which also shows one more key
    let p = placement(&out, "USERFIELD_TYPE");
    assert_eq!(
        option_names(&p),
        [
            "MODE",
            "ENTITY_ID",
            "FIELD_NAME",
            "ENTITY_VALUE_ID",
            "VALUE",
            "MULTIPLE",
            "MANDATORY",
            "XML_ID",
            "ENTITY_DATA"
        ]
    );
    let ty = |name: &str| {
        let o = p.options.iter().find(|o| o.name.value == name).expect(name);
        (o.shape.ty.value.clone(), o.shape.description.is_some())
    };
    assert_eq!(ty("MODE"), ("string".into(), true));
    assert_eq!(ty("MANDATORY"), ("string".into(), true));
    // `null` in the example: its type is not shown
    assert_eq!(ty("VALUE"), ("any".into(), true));
    assert_eq!(ty("ENTITY_DATA"), ("object".into(), false));
    let data = &p.options.last().expect("ENTITY_DATA").shape.fields;
    let id = data.iter().find(|f| f.name.value == "entityTypeId");
    assert_eq!(id.expect("entityTypeId").shape.ty.value, "integer");
}

#[test]
fn rest_v3_objects_take_their_fields_from_the_linked_field_pages() {
    let out = import();
    let m = out
        .files
        .iter()
        .filter_map(|(f, t)| b24_spec::parse(f, t).ok())
        .flat_map(|s| s.file.methods)
        .find(|m| m.name.value == "tasks.task.add" && m.is_v3())
        .expect("tasks.task.add (v3)");
    let fields = &m
        .params
        .iter()
        .find(|p| p.name.value == "fields")
        .expect("fields")
        .shape
        .fields;
    // the three required fields the page lists, and the rest from
    // "Description of all task fields", optional
    assert!(fields.len() > 50, "{}", fields.len());
    let get = |n: &str| {
        fields
            .iter()
            .find(|f| f.name.value == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    assert!(get("title").required);
    assert!(get("responsibleId").required);
    assert!(!get("deadline").required);
    // the result's `item` is the task object the link describes
    let r = m.result.expect("result");
    let item = r
        .fields
        .iter()
        .find(|f| f.name.value == "item")
        .expect("item");
    assert_ne!(item.shape.ty.value, "object", "item is a named type");
}

#[test]
fn rest_v3_list_rows_are_the_object_their_element_row_links() {
    let out = import();
    let files: Vec<_> = out
        .files
        .iter()
        .filter_map(|(f, t)| b24_spec::parse(f, t).ok())
        .collect();
    let m = files
        .iter()
        .flat_map(|s| &s.file.methods)
        .find(|m| m.name.value == "tasks.task.list" && m.is_v3())
        .expect("tasks.task.list (v3)");
    // `items[]`: "Task object ... See the field descriptions in the [Task
    // object](./fields-rest-v3.md#taskdto) block"
    let items = m
        .result
        .as_ref()
        .expect("result")
        .fields
        .iter()
        .find(|f| f.name.value == "items")
        .expect("items");
    assert_eq!(items.shape.ty.value, "array");
    let row = items.shape.items.as_ref().expect("typed rows");
    let name = &row.ty.value;
    assert!(name.starts_with("Taskdto"), "{name}");
    let def = files
        .iter()
        .find_map(|s| s.file.types.get(name))
        .expect("row type defined");
    assert!(def.fields.len() > 50, "{}", def.fields.len());
    for f in ["id", "title", "responsibleId", "deadline", "status"] {
        assert!(
            def.fields.iter().any(|x| x.name.value == f),
            "the example's key `{f}` is a row field"
        );
    }
    // the same block as tasks.task.add's `item`, which its example
    // corrected (`rights` arrives as an object): one type for both
    let item = files
        .iter()
        .flat_map(|s| &s.file.methods)
        .find(|m| m.name.value == "tasks.task.add" && m.is_v3())
        .and_then(|m| m.result.as_ref())
        .and_then(|r| r.fields.iter().find(|f| f.name.value == "item"))
        .expect("tasks.task.add (v3) item");
    assert_eq!(&item.shape.ty.value, name);
    let rights = def.fields.iter().find(|x| x.name.value == "rights");
    assert_eq!(rights.expect("rights").shape.ty.value, "object");
    // `order` links the same block for its keys only: it stays an object
    let order = m
        .params
        .iter()
        .find(|p| p.name.value == "order")
        .expect("order");
    assert_eq!(order.shape.ty.value, "object");
}
