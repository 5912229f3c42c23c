//! Behaviour the official SDKs' integration suites (b24jssdk, b24pysdk,
//! fast_bitrix24, b24phpsdk) rely on, each pinned to the docs page that
//! states it (`scripts/peer-suites` runs those suites themselves).

mod common;

use b24_emulator::Emulator;
use common::{post_form, post_json};
use serde_json::json;

async fn emu() -> Emulator {
    Emulator::builder()
        .seed_items(4, 12)
        .seed_tasks(3)
        .bucket(10_000, 100.0)
        .start()
        .await
        .unwrap()
}

fn v2(e: &Emulator, method: &str) -> String {
    format!("{}{method}.json", e.webhook_url())
}

/// A REST v2 call with an OAuth access token.
async fn oauth_call(
    e: &Emulator,
    token: &str,
    method: &str,
    mut params: serde_json::Value,
) -> (u16, serde_json::Value) {
    params["auth"] = json!(token);
    post_json(&format!("{}{method}", e.rest_url()), &params).await
}

/// A REST v2 call through the webhook.
async fn call(e: &Emulator, method: &str, params: serde_json::Value) -> (u16, serde_json::Value) {
    post_json(&v2(e, method), &params).await
}

/// crm-item-list.md "Error Handling": a field the entity does not have is
/// `INVALID_ARG_VALUE` (400), not an empty list.
#[tokio::test]
async fn crm_item_list_refuses_unknown_filter_fields() {
    let e = emu().await;
    let url = v2(&e, "crm.item.list");
    let (status, body) = post_json(
        &url,
        &json!({"entityTypeId": 4, "select": ["id"], "filter": {">ddId": 2}}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "INVALID_ARG_VALUE");
    assert_eq!(
        body["error_description"],
        "Invalid filter: field 'ddId' is not allowed in filter"
    );
    let (status, body) = post_json(
        &url,
        &json!({"entityTypeId": 4, "select": ["id", "createdTime"], "filter": {">id": 10}}),
    )
    .await;
    assert_eq!(status, 200);
    let items = body["result"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    // crm-item-fields.md names the creation time `createdTime` for every type.
    assert!(items[0]["createdTime"].is_string(), "{items:?}");
    assert!(items[0].get("dateCreate").is_none());
    let (status, _) = post_json(
        &url,
        &json!({"entityTypeId": 4, "filter": {">=createdTime": "2000-01-01T00:00:00+00:00"}}),
    )
    .await;
    assert_eq!(status, 200);
}

/// rest-v3.md#batch: "data from previous steps is structurally substituted";
/// the keyed form answers in the keyed form.
#[tokio::test]
async fn v3_batch_keyed_form_with_references() {
    let e = emu().await;
    let url = format!("{}batch", e.v3_webhook_url());
    let (status, body) = post_json(
        &url,
        &json!({
            "0": {"method": "tasks.task.get", "query": {"id": 2, "select": ["id", "title"]}, "as": "first", "parallel": false},
            "1": {"method": "tasks.task.list", "query": {"select": ["id"], "filter": [["id", {"$ref": "first.item.id"}]]}},
            "2": {"method": "tasks.task.list", "query": {"select": ["id"], "filter": [["id", "in", {"$refArray": "1.id"}]]}},
        }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["0"]["item"]["title"], "Task #2");
    assert_eq!(body["result"]["1"]["items"], json!([{"id": 2}]));
    assert_eq!(body["result"]["2"]["items"], json!([{"id": 2}]), "{body}");
    let (status, body) = post_json(
        &url,
        &json!([{"method": "tasks.task.get", "query": {"id": {"$ref": "nowhere.id"}}}]),
    )
    .await;
    assert_eq!(status, 400, "{body}");
}

/// rest-v3.md: every REST 3.0 error carries the `BITRIX_REST_V3_EXCEPTION_`
/// prefix, an unknown method included.
#[tokio::test]
async fn v3_unknown_method_is_a_v3_exception() {
    let e = emu().await;
    let (status, body) = post_json(&format!("{}server.time", e.v3_webhook_url()), &json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(
        body["error"]["code"],
        "BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION"
    );
}

/// crm-lead-add.md: the status defaults to `NEW`; `HAS_PHONE` follows the
/// phones; crm.deal.fields lists the fields of the docs' table.
#[tokio::test]
async fn lead_defaults_and_documented_deal_fields() {
    let e = emu().await;
    let (_, added) = post_json(
        &v2(&e, "crm.lead.add"),
        &json!({"fields": {"TITLE": "x", "PHONE": [{"VALUE": "+100", "VALUE_TYPE": "WORK"}]}}),
    )
    .await;
    let id = added["result"].as_u64().unwrap();
    let (_, got) = post_json(&v2(&e, "crm.lead.get"), &json!({"id": id})).await;
    assert_eq!(got["result"]["STATUS_ID"], "NEW", "{got}");
    assert_eq!(got["result"]["HAS_PHONE"], "Y", "{got}");
    let (_, fields) = post_json(&v2(&e, "crm.deal.fields"), &json!({})).await;
    for f in ["IS_RECURRING", "UTM_SOURCE", "MOVED_TIME", "ID", "TITLE"] {
        assert!(
            fields["result"].get(f).is_some(),
            "crm.deal.fields lacks {f}"
        );
    }
    // The company page has no field table of its own; the result of
    // crm.company.fields in the specs lists them.
    let (_, fields) = post_json(&v2(&e, "crm.company.fields"), &json!({})).await;
    assert!(fields["result"].get("INDUSTRY").is_some(), "{fields}");
    assert!(fields["result"].as_object().unwrap().len() > 30, "{fields}");
}

/// A portal's web server folds `//` in the path.
#[tokio::test]
async fn double_slash_in_path_reaches_the_method() {
    let e = emu().await;
    let url = format!(
        "{}/crm.deal.add.json",
        e.webhook_url().trim_end_matches('/')
    )
    .replace("/crm.deal.add", "//crm.deal.add");
    assert!(url.contains("//crm.deal.add"));
    let (status, body) = post_json(&url, &json!({"fields": {"TITLE": "t"}})).await;
    assert_eq!(status, 200, "{body}");
}

/// events.md / placement-list.md: `SCOPE` narrows the catalog to one scope;
/// scope.md: `full` lists every code of permissions.md and no other.
#[tokio::test]
async fn catalogs_by_scope() {
    let e = emu().await;
    let app = e.authorize(1, &[]);
    let rest = e.rest_url();
    let oauth = |m: &str, body: serde_json::Value| {
        let mut body = body;
        body["auth"] = json!(app.access_token);
        let url = format!("{rest}{m}.json");
        async move { post_json(&url, &body).await }
    };
    let (_, v) = oauth("events", json!({"SCOPE": "crm"})).await;
    let events = v["result"].as_array().unwrap();
    assert!(events.len() > 10, "{v}");
    assert!(events.contains(&json!("ONCRMDEALADD")), "{v}");
    // The page titled "onLeadDelete" delivers ONCRMLEADDELETE; the importer
    // keeps the delivered code.
    assert!(events.contains(&json!("ONCRMLEADDELETE")), "{v}");
    assert!(!events.contains(&json!("ONLEADDELETE")), "{v}");
    for other in [
        "ONAPPINSTALL",
        "ONTASKADD",
        "ONUSERADD",
        "ONVOXIMPLANTCALLINIT",
    ] {
        assert!(
            !events.contains(&json!(other)),
            "{other} is not a crm event"
        );
    }
    let (_, v) = oauth("placement.list", json!({"SCOPE": "task"})).await;
    let list = v["result"].as_array().unwrap();
    assert!(!list.is_empty(), "{v}");
    assert!(
        list.iter()
            .all(|p| p.as_str().unwrap().starts_with("TASK_")),
        "{v}"
    );
    let (_, v) = oauth("scope", json!({"full": true})).await;
    let all = v["result"].as_array().unwrap();
    assert!(all.contains(&json!("crm")) && all.contains(&json!("humanresources.hcmlink")));
    assert!(!all.contains(&json!("basic")) && !all.contains(&json!("user_brief")));
}

/// tasks-task-get.md (REST v2) reads the task store REST 3.0 writes:
/// `{"task": {...}}` narrowed by `select`, an empty result for a task that
/// is not there, error `100` for a `taskId` that is not a task ID.
#[tokio::test]
async fn v2_task_get_reads_the_task_store() {
    let e = emu().await;
    let url = v2(&e, "tasks.task.get");
    let (s, v) = post_json(&url, &json!({"taskId": 2, "select": ["ID", "TITLE"]})).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["result"]["task"], json!({"id": "2", "title": "Task #2"}));
    let (s, v) = post_json(&url, &json!({"taskId": 99})).await;
    assert_eq!((s, &v["result"]), (200, &json!([])));
    let (s, v) = post_json(&url, &json!({"taskId": -1})).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("100")));
}

/// The legacy lists ignore a filter key that names no field (fast_bitrix24's
/// `test_filter_not_equal`: `<>STATUS_ID` filters nothing, `!STATUS_ID`
/// does).
#[tokio::test]
async fn legacy_list_ignores_keys_naming_no_field() {
    let e = emu().await;
    post_json(&v2(&e, "crm.lead.add"), &json!({"fields": {"NAME": "Bob"}})).await;
    let url = v2(&e, "crm.lead.list");
    let (_, v) = post_json(&url, &json!({"FILTER": {"!STATUS_ID": "NEW"}})).await;
    assert_eq!(v["result"], json!([]), "{v}");
    let (_, v) = post_json(&url, &json!({"FILTER": {"<>STATUS_ID": "NEW"}})).await;
    assert_eq!(v["result"].as_array().map(Vec::len), Some(1), "{v}");
}

/// lists-field-type-get.md: "At least one of the parameters must be
/// specified: `IBLOCK_ID` or `IBLOCK_CODE`": either one is enough, neither
/// is an error.
#[tokio::test]
async fn one_of_required_parameters() {
    let e = emu().await;
    let url = v2(&e, "lists.field.type.get");
    let (status, body) = post_json(&url, &json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": 7})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post_json(
        &url,
        &json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_CODE": "my_list"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post_json(&url, &json!({"IBLOCK_TYPE_ID": "lists"})).await;
    assert_eq!(status, 400, "{body}");
}

/// crm-deal-productrows-set.md: the rows replace the deal's rows, and
/// crm-deal-productrows-get.md reads them back with their ID and OWNER_ID;
/// crm-deal-contact-add.md / -delete.md edit the list
/// crm-deal-contact-items-get.md reads.
#[tokio::test]
async fn row_lists_read_back_what_was_set() {
    let e = emu().await;
    let rows = json!([
        {"PRODUCT_NAME": "A", "PRICE": 5555, "QUANTITY": 2},
        {"PRODUCT_ID": 2809, "PRICE": 100, "QUANTITY": 2}
    ]);
    let (status, body) = post_json(
        &v2(&e, "crm.deal.productrows.set"),
        &json!({"id": 5, "rows": rows}),
    )
    .await;
    assert_eq!((status, &body["result"]), (200, &json!(true)), "{body}");
    let (_, body) = post_json(&v2(&e, "crm.deal.productrows.get"), &json!({"id": 5})).await;
    let got = body["result"].as_array().unwrap();
    assert_eq!(got.len(), 2, "{body}");
    assert_eq!(got[0]["PRODUCT_NAME"], "A");
    assert_eq!(got[1]["OWNER_ID"], "5");
    assert_ne!(got[0]["ID"], got[1]["ID"]);
    // Another deal has none; a new set replaces the old rows.
    let (_, body) = post_json(&v2(&e, "crm.deal.productrows.get"), &json!({"id": 6})).await;
    assert_eq!(body["result"], json!([]));
    post_json(
        &v2(&e, "crm.deal.productrows.set"),
        &json!({"id": 5, "rows": [{"PRODUCT_NAME": "B"}]}),
    )
    .await;
    let (_, body) = post_json(&v2(&e, "crm.deal.productrows.get"), &json!({"id": 5})).await;
    assert_eq!(body["result"].as_array().unwrap().len(), 1);

    for c in [3, 4] {
        let (status, body) = post_json(
            &v2(&e, "crm.deal.contact.add"),
            &json!({"id": 2, "fields": {"CONTACT_ID": c}}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    post_json(
        &v2(&e, "crm.deal.contact.delete"),
        &json!({"id": 2, "fields": {"CONTACT_ID": 3}}),
    )
    .await;
    let (_, body) = post_json(&v2(&e, "crm.deal.contact.items.get"), &json!({"id": 2})).await;
    let got = body["result"].as_array().unwrap();
    assert_eq!(got.len(), 1, "{body}");
    assert_eq!(got[0]["CONTACT_ID"], 4);
    // get/set pairs without an owner ID are not row lists of a record
    // (timeman-networkrange-get.md, crm-deal-details-configuration-get.md);
    // im-search-last-delete.md names a dialog, not a stored record.
    for (m, p) in [
        ("timeman.networkrange.get", json!({})),
        ("crm.deal.details.configuration.get", json!({})),
        ("im.search.last.delete", json!({"DIALOG_ID": "chat5"})),
    ] {
        let (status, body) = post_json(&v2(&e, m), &p).await;
        assert_eq!(status, 200, "{m}: {body}");
    }
}

/// lists-add.md / lists-get.md / lists-element-add.md / lists-element-get.md:
/// families without a `.list` read back through `get`, which answers the
/// records matching the parameters sent (`IBLOCK_ID`, `ELEMENT_ID`).
#[tokio::test]
async fn lists_read_back_through_get() {
    let e = emu().await;
    let (status, body) = post_json(
        &v2(&e, "lists.add"),
        &json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_CODE": "l1", "FIELDS": {"NAME": "One"}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let list = body["result"].as_u64().unwrap();
    post_json(
        &v2(&e, "lists.add"),
        &json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_CODE": "l2", "FIELDS": {"NAME": "Two"}}),
    )
    .await;
    let (_, body) = post_json(
        &v2(&e, "lists.get"),
        &json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": list}),
    )
    .await;
    let got = body["result"].as_array().unwrap();
    assert_eq!(got.len(), 1, "{body}");
    assert_eq!(got[0]["ID"], list.to_string());
    assert_eq!(got[0]["NAME"], "One");

    let add = |code: &str, name: &str| {
        json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": list, "ELEMENT_CODE": code,
               "FIELDS": {"NAME": name}})
    };
    let (status, body) = post_json(&v2(&e, "lists.element.add"), &add("e1", "First")).await;
    assert_eq!(status, 200, "{body}");
    let element = body["result"].as_u64().unwrap();
    post_json(&v2(&e, "lists.element.add"), &add("e2", "Second")).await;
    let (status, body) = post_json(
        &v2(&e, "lists.element.update"),
        &json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": list, "ELEMENT_ID": element,
                "FIELDS": {"NAME": "Renamed"}}),
    )
    .await;
    assert_eq!((status, &body["result"]), (200, &json!(true)), "{body}");
    let get = |extra: serde_json::Value| {
        let mut p = json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": list});
        p.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        p
    };
    let (_, body) = post_json(&v2(&e, "lists.element.get"), &get(json!({}))).await;
    assert_eq!(body["result"].as_array().unwrap().len(), 2, "{body}");
    let (_, body) = post_json(
        &v2(&e, "lists.element.get"),
        &get(json!({"ELEMENT_ID": element})),
    )
    .await;
    let got = body["result"].as_array().unwrap();
    assert_eq!(got.len(), 1, "{body}");
    assert_eq!(got[0]["NAME"], "Renamed");
    let (_, body) = post_json(
        &v2(&e, "lists.element.delete"),
        &get(json!({"ELEMENT_ID": element})),
    )
    .await;
    assert_eq!(body["result"], json!(true), "{body}");
    let (_, body) = post_json(
        &v2(&e, "lists.element.get"),
        &get(json!({"ELEMENT_ID": element})),
    )
    .await;
    assert_eq!(body["result"], json!([]), "{body}");
}

// Positional parameters (a JSON array body, numbered keys in a form body or
// a batch command): position `i` is the `i`-th parameter of the method's
// table, as the `task.commentitem.*` pages ask ("Pass parameters in the
// request according to the order in the table") and b24phpsdk's
// `CoreStrictParamsOrderTest` sends.

#[tokio::test]
async fn json_array_body_names_parameters_in_documented_order() {
    let e = emu().await;
    for title in ["one", "two", "three"] {
        post_json(
            &v2(&e, "crm.deal.add"),
            &json!({"fields": {"TITLE": title}}),
        )
        .await;
    }
    // crm.deal.get takes `id`.
    let (status, body) = post_json(&v2(&e, "crm.deal.get"), &json!([2])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["TITLE"], "two");
    // task.commentitem.getlist takes TASKID, ORDER, FILTER; TASKID is
    // required, so the call fails unless position 0 became TASKID.
    let (status, body) = post_json(
        &v2(&e, "task.commentitem.getlist"),
        &json!([2, {"ID": "desc"}, {"AUTHOR_ID": 1}]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // crm.deal.update takes id, fields, params.
    let (status, body) = post_json(
        &v2(&e, "crm.deal.update"),
        &json!([3, {"TITLE": "Renamed by position"}]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = post_json(&v2(&e, "crm.deal.get"), &json!({"id": 3})).await;
    assert_eq!(body["result"]["TITLE"], "Renamed by position");
}

#[tokio::test]
async fn numbered_form_keys_and_batch_commands() {
    let e = emu().await;
    let (status, body) = post_form(&v2(&e, "crm.deal.add"), "0[TITLE]=Form%20deal").await;
    assert_eq!(status, 200, "{body}");
    let id = body["result"].as_i64().unwrap();
    let (status, body) = post_form(&v2(&e, "crm.deal.get"), &format!("0={id}")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["TITLE"], "Form deal");
    // The commands of a batch: numbered keys, with a reference.
    let (status, body) = post_json(
        &v2(&e, "batch"),
        &json!({"halt": 0, "cmd": {
            "a": "crm.deal.add?0[TITLE]=Batch%20deal",
            "b": "crm.deal.get?0=$result[a]",
        }}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["result_error"], json!([]), "{body}");
    assert_eq!(body["result"]["result"]["b"]["TITLE"], "Batch deal");
}

#[tokio::test]
async fn unknown_positions_are_refused() {
    let e = emu().await;
    post_json(
        &v2(&e, "crm.deal.add"),
        &json!({"fields": {"TITLE": "one"}}),
    )
    .await;
    let (status, body) = post_json(&v2(&e, "crm.deal.get"), &json!([1, 2])).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "INVALID_ARG_VALUE");
    assert_eq!(
        body["error_description"],
        "Positional parameter 1 of crm.deal.get: the method has no parameter at that position (it takes id in that order)"
    );
    let (status, body) = post_form(&v2(&e, "crm.deal.get"), "0=1&id=2").await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error_description"],
        "Parameter id of crm.deal.get is given both by name and by position 0"
    );
    // In a batch the refusal is that command's error.
    let (status, body) = post_json(
        &v2(&e, "batch"),
        &json!({"cmd": {"a": "crm.deal.get?0=1&1=2"}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["result"]["result_error"]["a"]["error"],
        "INVALID_ARG_VALUE"
    );
}

/// calendar-section-get.md, calendar-event-get.md, calendar-event-get-by-id.md,
/// calendar-accessibility-get.md, calendar-resource-list.md: what the add
/// methods took (lower-case parameters) is read back upper-case, IDs as
/// strings, lists as arrays.
#[tokio::test]
async fn calendar_reads_back_sections_events_and_resources() {
    let e = emu().await;
    let (_, body) = call(
        &e,
        "calendar.section.add",
        json!({"type": "user", "ownerId": 1, "name": "Work", "color": "#9cbeee"}),
    )
    .await;
    let section = body["result"].as_i64().expect("section id");
    let (_, body) = call(
        &e,
        "calendar.section.update",
        json!({"type": "user", "ownerId": 1, "id": section.to_string(), "name": "Work 2"}),
    )
    .await;
    assert_eq!(body["result"], json!(section));
    let (_, body) = call(
        &e,
        "calendar.section.get",
        json!({"type": "user", "ownerId": 1}),
    )
    .await;
    let sections = body["result"].as_array().expect("array");
    assert_eq!(sections.len(), 1, "{body}");
    assert_eq!(sections[0]["ID"], section.to_string());
    assert_eq!(sections[0]["NAME"], "Work 2");
    assert_eq!(sections[0]["CAL_TYPE"], "user");
    assert_eq!(sections[0]["OWNER_ID"], "1");
    assert_eq!(sections[0]["COLOR"], "#9cbeee");
    let (_, body) = call(
        &e,
        "calendar.section.get",
        json!({"type": "group", "ownerId": 1}),
    )
    .await;
    assert_eq!(body["result"], json!([]));

    let (status, body) = call(
        &e,
        "calendar.event.add",
        json!({"type": "user", "ownerId": 1, "from": "2030-01-02T10:00:00+00:00",
               "to": "2030-01-02T11:00:00+00:00", "section": section, "name": "Standup",
               "attendees": [1], "host": 1}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let event = body["result"].as_i64().expect("event id");
    let (_, body) = call(&e, "calendar.event.getbyid", json!({"id": event})).await;
    let got = &body["result"];
    assert_eq!(got["ID"], event.to_string());
    assert_eq!(got["NAME"], "Standup");
    assert_eq!(got["SECTION_ID"], section.to_string());
    assert_eq!(got["OWNER_ID"], "1");
    assert_eq!(got["DATE_FROM"], "2030-01-02T10:00:00+00:00");
    let (_, body) = call(
        &e,
        "calendar.event.get",
        json!({"type": "user", "ownerId": 1, "from": "2030-01-01", "to": "2030-01-31",
               "section": [section]}),
    )
    .await;
    let events = body["result"].as_array().expect("array");
    assert_eq!(events.len(), 1, "{body}");
    assert_eq!(events[0]["NAME"], "Standup");
    // Outside the range: nothing.
    let (_, body) = call(
        &e,
        "calendar.event.get",
        json!({"type": "user", "ownerId": 1, "from": "2031-01-01", "to": "2031-01-31"}),
    )
    .await;
    assert_eq!(body["result"], json!([]));
    let (_, body) = call(
        &e,
        "calendar.event.get.nearest",
        json!({"type": "user", "ownerId": 1, "days": 30}),
    )
    .await;
    assert!(body["result"].is_array(), "{body}");
    let (_, body) = call(
        &e,
        "calendar.accessibility.get",
        json!({"users": [1, 2], "from": "2030-01-02", "to": "2030-01-02"}),
    )
    .await;
    assert_eq!(body["result"]["1"][0]["ID"], event.to_string(), "{body}");
    assert_eq!(body["result"]["2"], json!([]));
    let (_, body) = call(&e, "calendar.event.delete", json!({"id": event})).await;
    assert_eq!(body["result"], true);
    let (status, _) = call(&e, "calendar.event.getbyid", json!({"id": event})).await;
    assert_eq!(status, 400);

    let (_, body) = call(&e, "calendar.resource.add", json!({"name": "Room"})).await;
    let resource = body["result"].as_i64().expect("resource id");
    call(
        &e,
        "calendar.resource.update",
        json!({"resourceId": resource, "name": "Big room"}),
    )
    .await;
    let (_, body) = call(&e, "calendar.resource.list", json!({})).await;
    assert_eq!(
        body["result"],
        json!([{"ID": resource.to_string(), "NAME": "Big room", "CREATED_BY": "1"}])
    );
}

/// crm-activity-get.md declares `OWNER_TYPE_ID` a string (`"1"`): a portal
/// answers it so whatever form the add sent.
#[tokio::test]
async fn stored_numbers_declared_as_strings_come_back_as_strings() {
    let e = emu().await;
    let (status, body) = post_json(
        &v2(&e, "crm.activity.add"),
        &json!({"fields": {"OWNER_TYPE_ID": 1, "OWNER_ID": 59, "TYPE_ID": 2, "SUBJECT": "Call",
                           "COMMUNICATIONS": [{"VALUE": "+15550000001", "ENTITY_ID": 59, "ENTITY_TYPE_ID": 1}]}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let id = body["result"].clone();
    let (_, body) = post_json(&v2(&e, "crm.activity.get"), &json!({"id": id})).await;
    assert_eq!(body["result"]["OWNER_TYPE_ID"], "1", "{body}");
    assert_eq!(body["result"]["OWNER_ID"], "59");
}

/// crm-currency-add.md answers the code; get, list and the localizations
/// read back what was written (crm-currency-get.md, localizations-get.md).
#[tokio::test]
async fn currencies_are_keyed_by_code_and_keep_their_formats() {
    let e = emu().await;
    let (_, body) = call(&e,
        "crm.currency.add",
        json!({"fields": {"CURRENCY": "TST", "AMOUNT_CNT": 1, "AMOUNT": 1.2345, "SORT": 999, "BASE": "N"}}),
    )
    .await;
    assert_eq!(body["result"], "TST", "{body}");
    let (status, _) = call(
        &e,
        "crm.currency.add",
        json!({"fields": {"CURRENCY": "TST"}}),
    )
    .await;
    assert_eq!(status, 400);
    let (_, body) = call(&e, "crm.currency.get", json!({"id": "TST"})).await;
    assert_eq!(body["result"]["AMOUNT"], "1.2345", "{body}");
    assert_eq!(body["result"]["SORT"], "999");
    assert_eq!(body["result"]["BASE"], "N");
    let (_, body) = call(
        &e,
        "crm.currency.update",
        json!({"id": "TST", "fields": {"AMOUNT": 2.3456, "SORT": 1}}),
    )
    .await;
    assert_eq!(body["result"], true);
    let (_, body) = call(&e, "crm.currency.list", json!({"order": {"SORT": "asc"}})).await;
    let codes: Vec<&str> = body["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["CURRENCY"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["TST", "USD", "EUR"]);
    let en = json!({"FULL_NAME": "Test", "FORMAT_STRING": "T#", "DEC_POINT": ".",
                    "THOUSANDS_VARIANT": "C", "THOUSANDS_SEP": ",", "DECIMALS": "2", "HIDE_ZERO": "Y"});
    let (_, body) = call(
        &e,
        "crm.currency.localizations.set",
        json!({"id": "USD", "localizations": {"en": en}}),
    )
    .await;
    assert_eq!(body["result"], true);
    let (_, body) = call(&e, "crm.currency.localizations.get", json!({"id": "USD"})).await;
    assert_eq!(body["result"]["en"], en);
    assert!(body["result"]["de"].is_object());
    call(
        &e,
        "crm.currency.localizations.delete",
        json!({"id": "USD", "lids": ["en"]}),
    )
    .await;
    let (_, body) = call(&e, "crm.currency.localizations.get", json!({"id": "USD"})).await;
    assert!(body["result"].get("en").is_none(), "{body}");
    let (status, body) = call(&e, "crm.currency.delete", json!({"id": "USD"})).await;
    assert_eq!(status, 400);
    assert_eq!(body["error_description"], "Cannot delete base currency.");
    let (_, body) = call(&e, "crm.currency.delete", json!({"id": "TST"})).await;
    assert_eq!(body["result"], true);
    let (_, body) = call(&e, "crm.currency.base.get", json!({})).await;
    assert_eq!(body["result"], "USD");
}

/// event-log/main-eventlog-list.md: the log holds the `USER_AUTHORIZE`
/// entry of each user with credentials; filter, order, select and
/// pagination apply, so a keyset walk ends.
#[tokio::test]
async fn event_log_lists_authorizations() {
    let e = emu().await;
    let url = |m: &str| format!("{}{m}", e.v3_webhook_url());
    let (status, body) = post_json(
        &url("main.eventlog.list"),
        &json!({"filter": [["timestampX", ">=", "2000-01-01T00:00:00+03:00"]],
                "select": ["id", "userId", "auditTypeId"], "order": {"id": "ASC"}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["result"]["items"],
        json!([{"id": 1, "userId": 1, "auditTypeId": "USER_AUTHORIZE"}])
    );
    let (_, body) = post_json(
        &url("main.eventlog.list"),
        &json!({"filter": [["id", ">", 1]], "select": ["id"]}),
    )
    .await;
    assert_eq!(body["result"]["items"], json!([]));
    let (_, body) = post_json(
        &url("main.eventlog.list"),
        &json!({"pagination": {"page": 2, "limit": 1}, "select": ["id"]}),
    )
    .await;
    assert_eq!(body["result"]["items"], json!([]));
    let (status, body) = post_json(
        &url("main.eventlog.list"),
        &json!({"filter": [["nope", "=", 1]]}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["code"],
        "BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION"
    );
    let (_, body) = post_json(
        &url("main.eventlog.get"),
        &json!({"id": 1, "select": ["id", "severity"]}),
    )
    .await;
    assert_eq!(
        body["result"]["item"],
        json!({"id": 1, "severity": "SECURITY"})
    );
    let (_, body) = post_json(
        &url("main.eventlog.tail"),
        &json!({"select": ["id"], "cursor": {"field": "id", "value": 1, "order": "ASC"}}),
    )
    .await;
    assert_eq!(body["result"]["items"], json!([]));
}

/// im-user-list-get.md: keyed by user ID unless `RESULT_TYPE=array`;
/// im-search-user-list.md: keyed by ID, an empty array when nothing is
/// found; im-chat-get.md: `null` when no chat is linked to the entity.
#[tokio::test]
async fn chat_methods_read_users_and_chat_links() {
    let e = emu().await;
    let (_, body) = call(&e, "im.user.list.get", json!({"ID": [1]})).await;
    let user = &body["result"]["1"];
    assert_eq!(user["id"], 1, "{body}");
    assert_eq!(user["type"], "user");
    let (_, body) = call(
        &e,
        "im.user.list.get",
        json!({"ID": "[1]", "RESULT_TYPE": "array"}),
    )
    .await;
    assert_eq!(body["result"][0]["id"], 1, "{body}");
    let first = user["first_name"].as_str().unwrap().to_owned();
    let (_, body) = call(&e, "im.search.user.list", json!({"FIND": first})).await;
    assert_eq!(body["result"]["1"]["id"], 1, "{body}");
    let (_, body) = call(&e, "im.search.user.list", json!({"FIND": "B24PySDK"})).await;
    assert_eq!(body["result"], json!([]));
    let (_, body) = call(
        &e,
        "im.chat.get",
        json!({"ENTITY_TYPE": "CRM", "ENTITY_ID": "DEAL|1"}),
    )
    .await;
    assert_eq!(body["result"], json!(null), "{body}");
    let (_, body) = call(
        &e,
        "im.chat.add",
        json!({"TITLE": "Deal chat", "ENTITY_TYPE": "CRM", "ENTITY_ID": "DEAL|1", "USERS": [1]}),
    )
    .await;
    let chat = body["result"].as_u64().expect("chat id");
    let (_, body) = call(
        &e,
        "im.chat.get",
        json!({"ENTITY_TYPE": "CRM", "ENTITY_ID": "DEAL|1"}),
    )
    .await;
    assert_eq!(body["result"], json!({"ID": chat}));
}

/// crm-type-add.md: `entityTypeId` is assigned (even, from 1030) when not
/// given; get, getByEntityTypeId, update and list answer the type under
/// `type`/`types`; crm-type-fields.md describes every field.
#[tokio::test]
async fn smart_process_types_get_entity_type_ids() {
    let e = emu().await;
    let (_, body) = call(&e, "crm.type.fields", json!({})).await;
    for f in [
        "id",
        "title",
        "entityTypeId",
        "isStagesEnabled",
        "createdTime",
    ] {
        assert!(body["result"]["fields"][f].is_object(), "{f}: {body}");
    }
    let (_, body) = call(
        &e,
        "crm.type.add",
        json!({"fields": {"title": "SPA", "isStagesEnabled": true}}),
    )
    .await;
    let ty = &body["result"]["type"];
    assert_eq!(ty["entityTypeId"], 1030, "{body}");
    assert_eq!(ty["isStagesEnabled"], "Y");
    assert_eq!(ty["isClientEnabled"], "N");
    let id = ty["id"].as_u64().expect("integer id");
    let (_, body) = call(&e, "crm.type.add", json!({"fields": {"title": "Two"}})).await;
    assert_eq!(body["result"]["type"]["entityTypeId"], 1032);
    let (status, _) = call(
        &e,
        "crm.type.add",
        json!({"fields": {"title": "Bad", "entityTypeId": 1031}}),
    )
    .await;
    assert_eq!(status, 400);
    let (_, body) = call(
        &e,
        "crm.type.update",
        json!({"id": id, "fields": {"title": "Renamed"}}),
    )
    .await;
    assert_eq!(body["result"]["type"]["title"], "Renamed");
    let (_, body) = call(
        &e,
        "crm.type.getByEntityTypeId",
        json!({"entityTypeId": 1030}),
    )
    .await;
    assert_eq!(body["result"]["type"]["id"], id);
    let (_, body) = call(&e, "crm.type.list", json!({"filter": {"title": "Two"}})).await;
    assert_eq!(
        body["result"]["types"].as_array().unwrap().len(),
        1,
        "{body}"
    );
    let (_, body) = call(&e, "crm.type.delete", json!({"id": id})).await;
    assert_eq!(body["result"], json!([]));
    let (status, body) = call(&e, "crm.type.get", json!({"id": id})).await;
    assert_eq!(status, 400);
    assert_eq!(body["error_description"], "SPA not found");
}

/// crm-category-add.md and crm-automated-solution-add.md answer the record
/// under `category` / `automatedSolution` with an integer `id`; lists under
/// `categories` / `automatedSolutions`; delete answers `null`.
#[tokio::test]
async fn categories_and_automated_solutions_are_wrapped() {
    let e = emu().await;
    let (_, body) = call(
        &e,
        "crm.category.add",
        json!({"entityTypeId": 2, "fields": {"name": "Funnel", "sort": 123}}),
    )
    .await;
    let cat = &body["result"]["category"];
    assert_eq!(cat["name"], "Funnel", "{body}");
    assert_eq!(cat["sort"], 123);
    assert_eq!(cat["entityTypeId"], 2);
    assert_eq!(cat["isDefault"], "N");
    let id = cat["id"].as_u64().expect("integer id");
    // Another entity type does not see it.
    let (status, _) = call(&e, "crm.category.get", json!({"entityTypeId": 1, "id": id})).await;
    assert_eq!(status, 400);
    let (_, body) = call(
        &e,
        "crm.category.update",
        json!({"entityTypeId": 2, "id": id, "fields": {"name": "Renamed"}}),
    )
    .await;
    assert_eq!(body["result"]["category"]["name"], "Renamed");
    let (_, body) = call(
        &e,
        "crm.category.list",
        json!({"entityTypeId": 2, "filter": {">id": 0}}),
    )
    .await;
    assert_eq!(body["result"]["categories"][0]["id"], id, "{body}");
    assert_eq!(body["total"], 1);
    let (_, body) = call(
        &e,
        "crm.category.delete",
        json!({"entityTypeId": 2, "id": id}),
    )
    .await;
    assert_eq!(body["result"], json!(null));

    let (_, body) = call(
        &e,
        "crm.automatedsolution.add",
        json!({"fields": {"title": "HR", "typeIds": [1030]}}),
    )
    .await;
    let sol = &body["result"]["automatedSolution"];
    assert_eq!(sol["title"], "HR", "{body}");
    assert_eq!(sol["typeIds"], json!([1030]));
    let id = sol["id"].as_u64().expect("integer id");
    call(
        &e,
        "crm.automatedsolution.add",
        json!({"fields": {"title": "Two"}}),
    )
    .await;
    let (_, body) = call(
        &e,
        "crm.automatedsolution.list",
        json!({"order": {"id": "desc"}, "start": -1}),
    )
    .await;
    let ids: Vec<u64> = body["result"]["automatedSolutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [id + 1, id]);
    assert!(body.get("total").is_none(), "{body}");
}

/// crm-activity-binding-*.md: an activity starts bound to its owner; add,
/// move and delete change what list reads, with the pages' error codes.
#[tokio::test]
async fn activity_bindings_read_back() {
    let e = emu().await;
    let (status, body) = call(&e, "crm.activity.binding.list", json!({"activityId": 99})).await;
    assert_eq!((status, body["error"].clone()), (400, json!("NOT_FOUND")));
    let (_, body) = call(
        &e,
        "crm.activity.add",
        json!({"fields": {"OWNER_TYPE_ID": 1, "OWNER_ID": 59, "TYPE_ID": 2, "SUBJECT": "Call",
                          "COMMUNICATIONS": [{"VALUE": "+15550000001"}]}}),
    )
    .await;
    let activity = body["result"].clone();
    let list = |body: &serde_json::Value| body["result"].clone();
    let (_, body) = call(
        &e,
        "crm.activity.binding.list",
        json!({"activityId": activity}),
    )
    .await;
    assert_eq!(
        list(&body),
        json!([{"entityTypeId": 1, "entityId": 59}]),
        "{body}"
    );
    let (_, body) = call(
        &e,
        "crm.activity.binding.add",
        json!({"activityId": activity, "entityTypeId": 2, "entityId": 1}),
    )
    .await;
    assert_eq!(body["result"], true);
    let (_, body) = call(
        &e,
        "crm.activity.binding.add",
        json!({"activityId": activity, "entityTypeId": 2, "entityId": 1}),
    )
    .await;
    assert_eq!(body["error"], "ACTIVITY_IS_ALREADY_BOUND");
    let (_, body) = call(
        &e,
        "crm.activity.binding.move",
        json!({"activityId": activity, "sourceEntityTypeId": 2, "sourceEntityId": 1,
               "targetEntityTypeId": 2, "targetEntityId": 2}),
    )
    .await;
    assert_eq!(body["result"], true, "{body}");
    let (_, body) = call(
        &e,
        "crm.activity.binding.list",
        json!({"activityId": activity}),
    )
    .await;
    assert_eq!(
        list(&body),
        json!([{"entityTypeId": 1, "entityId": 59}, {"entityTypeId": 2, "entityId": 2}])
    );
    let (_, body) = call(
        &e,
        "crm.activity.binding.delete",
        json!({"activityId": activity, "entityTypeId": 2, "entityId": 2}),
    )
    .await;
    assert_eq!(body["result"], true);
    let (_, body) = call(
        &e,
        "crm.activity.binding.delete",
        json!({"activityId": activity, "entityTypeId": 1, "entityId": 59}),
    )
    .await;
    assert_eq!(body["error"], "LAST_BINDING_CANNOT_BE_DELETED");
}

/// crm-address-*.md: addresses are named by type and parent; list answers
/// every field as a string; a second address of a type is refused.
#[tokio::test]
async fn addresses_read_back_by_type_and_parent() {
    let e = emu().await;
    let key = json!({"TYPE_ID": 1, "ENTITY_TYPE_ID": 1, "ENTITY_ID": 59});
    let mut add = key.clone();
    add["CITY"] = json!("Springfield");
    let (_, body) = call(&e, "crm.address.add", json!({"fields": add})).await;
    assert_eq!(body["result"], true, "{body}");
    let (_, body) = call(&e, "crm.address.add", json!({"fields": add})).await;
    assert_eq!(body["error_description"], "TypeAddress exists");
    let mut upd = key.clone();
    upd["POSTAL_CODE"] = json!(123456);
    let (_, body) = call(&e, "crm.address.update", json!({"fields": upd})).await;
    assert_eq!(body["result"], true);
    let (_, body) = call(
        &e,
        "crm.address.list",
        json!({"filter": {"ENTITY_TYPE_ID": 1, "ENTITY_ID": 59}}),
    )
    .await;
    let rows = body["result"].as_array().expect("array");
    assert_eq!(rows.len(), 1, "{body}");
    assert_eq!(rows[0]["ENTITY_TYPE_ID"], "1");
    assert_eq!(rows[0]["ENTITY_ID"], "59");
    assert_eq!(rows[0]["CITY"], "Springfield");
    assert_eq!(rows[0]["POSTAL_CODE"], "123456");
    assert_eq!(rows[0]["ANCHOR_ID"], "59");
    let (_, body) = call(&e, "crm.address.delete", json!({"fields": key})).await;
    assert_eq!(body["result"], true);
    let (_, body) = call(&e, "crm.address.list", json!({})).await;
    assert_eq!(body["result"], json!([]));
    let (_, body) = call(&e, "crm.address.add", json!({"fields": {"TYPE_ID": 1}})).await;
    assert_eq!(
        body["error_description"],
        "ENTITY_TYPE_ID is not defined or invalid."
    );
}

/// crm-status-get.md: a status added through the API is not a system one;
/// crm-calllist-get.md: a call list names its entity type both ways.
#[tokio::test]
async fn portal_filled_fields_on_add() {
    let e = emu().await;
    let (_, body) = call(
        &e,
        "crm.status.add",
        json!({"fields": {"ENTITY_ID": "SOURCE", "STATUS_ID": "B24", "NAME": "Mine"}}),
    )
    .await;
    let (_, body) = call(&e, "crm.status.get", json!({"id": body["result"]})).await;
    assert_eq!(body["result"]["SYSTEM"], "N", "{body}");
    let (_, body) = call(
        &e,
        "crm.calllist.add",
        json!({"ENTITY_TYPE": "CONTACT", "ENTITIES": [1]}),
    )
    .await;
    let (_, body) = call(&e, "crm.calllist.get", json!({"id": body["result"]})).await;
    assert_eq!(body["result"]["ENTITY_TYPE_ID"], "3", "{body}");
    assert_eq!(body["result"]["ENTITY_TYPE"], "CONTACT");
    assert_eq!(body["result"]["CREATED_BY_ID"], "1");
}

/// common/settings/app-option-*.md, user-option-*.md: settings an app sets
/// it reads back (all, or one key, `null` when unset); a webhook has no
/// application context.
#[tokio::test]
async fn app_and_user_options_read_back() {
    let e = emu().await;
    let token = e.authorize(1, &[]).access_token;
    let (_, body) = oauth_call(&e, &token, "app.option.get", json!({})).await;
    assert_eq!(body["result"], json!({}), "{body}");
    let (_, body) = oauth_call(
        &e,
        &token,
        "app.option.set",
        json!({"options": {"a": "1", "b": "2"}}),
    )
    .await;
    assert_eq!(body["result"], true, "{body}");
    oauth_call(&e, &token, "app.option.set", json!({"options": {"b": "3"}})).await;
    let (_, body) = oauth_call(&e, &token, "app.option.get", json!({})).await;
    assert_eq!(body["result"], json!({"a": "1", "b": "3"}));
    let (_, body) = oauth_call(&e, &token, "app.option.get", json!({"option": "a"})).await;
    assert_eq!(body["result"], "1");
    let (_, body) = oauth_call(&e, &token, "app.option.get", json!({"option": "zz"})).await;
    assert_eq!(body["result"], json!(null));
    // User options are apart from the app's.
    oauth_call(
        &e,
        &token,
        "user.option.set",
        json!({"options": {"u": "x"}}),
    )
    .await;
    let (_, body) = oauth_call(&e, &token, "user.option.get", json!({})).await;
    assert_eq!(body["result"], json!({"u": "x"}));
    let (status, body) = post_json(&v2(&e, "app.option.get"), &json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "AccessException");
}

/// crm-type-list.md: a filter field a type does not have is
/// INVALID_ARG_VALUE; known fields filter with v2 operators.
#[tokio::test]
async fn type_list_checks_filter_fields() {
    let e = emu().await;
    let url = v2(&e, "crm.type.list");
    let (status, body) = post_json(&url, &json!({"filter": {"non_existent_field": "x"}})).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "INVALID_ARG_VALUE");
    assert_eq!(
        body["error_description"],
        "Invalid filter: field 'non_existent_field' is not allowed in filter"
    );
    for title in ["A", "B"] {
        post_json(
            &v2(&e, "crm.type.add"),
            &json!({"fields": {"title": title}}),
        )
        .await;
    }
    let (_, body) = post_json(
        &url,
        &json!({"filter": {">entityTypeId": 1030}, "order": {"id": "desc"}}),
    )
    .await;
    assert_eq!(body["result"]["types"][0]["title"], "B", "{body}");
    assert_eq!(body["result"]["types"].as_array().unwrap().len(), 1);
}

/// crm-stage-history-list.md: creations and stage moves of leads
/// (`STATUS_*`) and deals (`STAGE_*`, `CATEGORY_ID`) are listed.
#[tokio::test]
async fn stage_history_follows_adds_and_moves() {
    let e = emu().await;
    let (_, body) = call(&e, "crm.lead.add", json!({"fields": {"TITLE": "L"}})).await;
    let lead = body["result"].as_u64().unwrap();
    call(
        &e,
        "crm.lead.update",
        json!({"id": lead, "fields": {"STATUS_ID": "IN_PROCESS"}}),
    )
    .await;
    call(
        &e,
        "crm.lead.update",
        json!({"id": lead, "fields": {"TITLE": "same stage"}}),
    )
    .await;
    call(
        &e,
        "crm.lead.update",
        json!({"id": lead, "fields": {"STATUS_ID": "CONVERTED"}}),
    )
    .await;
    let (_, body) = call(
        &e,
        "crm.stagehistory.list",
        json!({"entityTypeId": 1, "filter": {"OWNER_ID": lead}, "order": {"ID": "ASC"}}),
    )
    .await;
    let items = body["result"]["items"].as_array().expect("items");
    let seen: Vec<(i64, &str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["TYPE_ID"].as_i64().unwrap(),
                i["STATUS_ID"].as_str().unwrap(),
                i["STATUS_SEMANTIC_ID"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (1, "NEW", "P"),
            (2, "IN_PROCESS", "P"),
            (3, "CONVERTED", "S")
        ]
    );
    assert!(items[0]["ID"].is_i64());
    let (_, body) = call(&e, "crm.deal.add", json!({"fields": {"TITLE": "D"}})).await;
    let deal = body["result"].as_u64().unwrap();
    let (_, body) = call(
        &e,
        "crm.stagehistory.list",
        json!({"entityTypeId": 2, "filter": {"OWNER_ID": deal}}),
    )
    .await;
    assert_eq!(body["result"]["items"][0]["STAGE_ID"], "NEW", "{body}");
    assert_eq!(body["result"]["items"][0]["CATEGORY_ID"], 0);
    let (status, body) = call(&e, "crm.stagehistory.list", json!({"entityTypeId": 3})).await;
    assert_eq!(
        (status, body["error"].clone()),
        (400, json!("ENTITY_TYPE_NOT_SUPPORTED"))
    );
}

/// department.get declares both `sort` (the field to sort by, a string) and
/// `SORT` (a department's sort index): each key is its own parameter.
#[tokio::test]
async fn same_name_parameters_differing_in_case_stay_apart() {
    let e = emu().await;
    let (status, body) = post_json(
        &v2(&e, "department.get"),
        &json!({"sort": "ID", "order": "DESC"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post_json(&v2(&e, "department.get"), &json!({"SORT": "x"})).await;
    assert_eq!(status, 400, "{body}");
}

/// im-disk-folder-get.md: `CHAT_ID` is "Required if `DIALOG_ID` is not
/// provided" and the other way round: one of them is enough.
#[tokio::test]
async fn required_unless_another_parameter_is_given() {
    let e = emu().await;
    let url = v2(&e, "im.disk.folder.get");
    let (status, body) = post_json(&url, &json!({"CHAT_ID": 5})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post_json(&url, &json!({"DIALOG_ID": "chat5"})).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = post_json(&url, &json!({})).await;
    assert_eq!(status, 400);
}

/// bizproc-activity-*.md, bizproc-robot-*.md, messageservice-sender-*.md:
/// `list` answers the codes the app registered; activities and robots share
/// one namespace; a webhook has no application context.
#[tokio::test]
async fn registered_codes_list_back() {
    let e = emu().await;
    let token = e.authorize(1, &[]).access_token;
    let (_, body) = oauth_call(&e, &token, "bizproc.activity.list", json!({})).await;
    assert_eq!(body["result"], json!([]), "{body}");
    let handler = "https://example.com/handler";
    let (_, body) = oauth_call(
        &e,
        &token,
        "bizproc.activity.add",
        json!({"CODE": "md5", "HANDLER": handler, "NAME": "MD5", "AUTH_USER_ID": 1}),
    )
    .await;
    assert_eq!(body["result"], true, "{body}");
    let (_, body) = oauth_call(
        &e,
        &token,
        "bizproc.robot.add",
        json!({"CODE": "md5", "HANDLER": handler, "NAME": "MD5", "AUTH_USER_ID": 1}),
    )
    .await;
    assert_eq!(body["error"], "ERROR_ACTIVITY_ALREADY_INSTALLED", "{body}");
    let (_, body) = oauth_call(&e, &token, "bizproc.activity.list", json!({})).await;
    assert_eq!(body["result"], json!(["md5"]));
    let (_, body) = oauth_call(&e, &token, "bizproc.robot.list", json!({})).await;
    assert_eq!(body["result"], json!([]));
    let (_, body) = oauth_call(
        &e,
        &token,
        "bizproc.activity.delete",
        json!({"CODE": "md5"}),
    )
    .await;
    assert_eq!(body["result"], true);
    let (_, body) = oauth_call(
        &e,
        &token,
        "bizproc.activity.delete",
        json!({"CODE": "md5"}),
    )
    .await;
    assert_eq!(body["error"], "ERROR_ACTIVITY_NOT_FOUND");
    let (_, body) = oauth_call(
        &e,
        &token,
        "messageservice.sender.add",
        json!({"CODE": "sms1", "TYPE": "SMS", "HANDLER": handler, "NAME": "SMS"}),
    )
    .await;
    assert_eq!(body["result"], true, "{body}");
    let (_, body) = oauth_call(&e, &token, "messageservice.sender.list", json!({})).await;
    assert_eq!(body["result"], json!(["sms1"]));
    let (status, body) = post_json(&v2(&e, "bizproc.activity.list"), &json!({})).await;
    assert_eq!(
        (status, body["error"].clone()),
        (400, json!("ACCESS_DENIED"))
    );
}

/// userfieldconfig-*.md: the field comes back under `field` with a string
/// `id` and the default flags; list answers `fields`; another module's
/// field is not visible.
#[tokio::test]
async fn userfieldconfig_reads_back() {
    let e = emu().await;
    let (_, body) = call(
        &e,
        "userfieldconfig.add",
        json!({"moduleId": "crm", "field": {"entityId": "CRM_LEAD", "fieldName": "UF_CRM_LEAD_X",
                                            "userTypeId": "string"}}),
    )
    .await;
    let field = &body["result"]["field"];
    assert!(field["id"].is_string(), "{body}");
    assert_eq!(field["mandatory"], "N");
    assert_eq!(field["fieldName"], "UF_CRM_LEAD_X");
    let id = field["id"].as_str().unwrap().to_owned();
    let (_, body) = call(
        &e,
        "userfieldconfig.update",
        json!({"moduleId": "crm", "id": id, "field": {"mandatory": "Y"}}),
    )
    .await;
    assert_eq!(body["result"]["field"]["mandatory"], "Y", "{body}");
    let (_, body) = call(&e, "userfieldconfig.list", json!({"moduleId": "crm"})).await;
    assert_eq!(
        body["result"]["fields"][0]["fieldName"], "UF_CRM_LEAD_X",
        "{body}"
    );
    let (status, _) = call(
        &e,
        "userfieldconfig.get",
        json!({"moduleId": "rpa", "id": id}),
    )
    .await;
    assert_eq!(status, 400);
    let (_, body) = call(
        &e,
        "userfieldconfig.delete",
        json!({"moduleId": "crm", "id": id}),
    )
    .await;
    assert_eq!(body["result"], json!(null));
    let (_, body) = call(&e, "userfieldconfig.list", json!({"moduleId": "crm"})).await;
    assert_eq!(body["result"]["fields"], json!([]));
}

/// entity/*.md: the application storage keeps storages, items, sections and
/// item properties; `get` filters items by `FILTER`; a missing storage is
/// `ERROR_ENTITY_NOT_FOUND`.
#[tokio::test]
async fn application_storage_reads_back() {
    let e = emu().await;
    let token = e.authorize(1, &[]).access_token;
    let (_, body) = oauth_call(
        &e,
        &token,
        "entity.add",
        json!({"ENTITY": "dish", "NAME": "Dishes"}),
    )
    .await;
    assert_eq!(body["result"], true, "{body}");
    let (_, body) = oauth_call(
        &e,
        &token,
        "entity.add",
        json!({"ENTITY": "dish", "NAME": "Dishes"}),
    )
    .await;
    assert_eq!(body["error"], "ERROR_ENTITY_ALREADY_EXISTS");
    let (_, body) = oauth_call(&e, &token, "entity.get", json!({"ENTITY": "dish"})).await;
    assert_eq!(body["result"]["NAME"], "Dishes");
    assert_eq!(body["result"]["IBLOCK_TYPE_ID"], "rest_entity");
    let (_, body) = oauth_call(&e, &token, "entity.rights", json!({"ENTITY": "dish"})).await;
    assert_eq!(body["result"], json!({"U1": "X"}));
    let (_, body) = oauth_call(
        &e,
        &token,
        "entity.item.add",
        json!({"ENTITY": "dish", "NAME": "Soup", "SORT": 10, "ACTIVE": "Y"}),
    )
    .await;
    let soup = body["result"].as_u64().expect("item id");
    oauth_call(
        &e,
        &token,
        "entity.item.add",
        json!({"ENTITY": "dish", "NAME": "Tea"}),
    )
    .await;
    let (_, body) = oauth_call(
        &e,
        &token,
        "entity.item.get",
        json!({"ENTITY": "dish", "FILTER": {"ID": soup}}),
    )
    .await;
    let items = body["result"].as_array().expect("array");
    assert_eq!(items.len(), 1, "{body}");
    assert_eq!(items[0]["NAME"], "Soup");
    assert_eq!(items[0]["SORT"], "10");
    assert_eq!(items[0]["ENTITY"], "dish");
    oauth_call(
        &e,
        &token,
        "entity.item.update",
        json!({"ENTITY": "dish", "ID": soup, "ACTIVE": "N"}),
    )
    .await;
    let (_, body) = oauth_call(
        &e,
        &token,
        "entity.item.get",
        json!({"ENTITY": "dish", "SORT": {"ID": "DESC"}}),
    )
    .await;
    assert_eq!(body["result"][0]["NAME"], "Tea", "{body}");
    assert_eq!(body["result"][1]["ACTIVE"], "N");
    oauth_call(
        &e,
        &token,
        "entity.item.property.add",
        json!({"ENTITY": "dish", "PROPERTY": "kcal", "NAME": "Calories", "TYPE": "N"}),
    )
    .await;
    let (_, body) = oauth_call(
        &e,
        &token,
        "entity.item.property.get",
        json!({"ENTITY": "dish", "PROPERTY": "kcal"}),
    )
    .await;
    assert_eq!(body["result"]["NAME"], "Calories", "{body}");
    let (_, body) = oauth_call(
        &e,
        &token,
        "entity.section.add",
        json!({"ENTITY": "dish", "NAME": "Hot"}),
    )
    .await;
    assert!(body["result"].is_u64(), "{body}");
    let (_, body) = oauth_call(&e, &token, "entity.section.get", json!({"ENTITY": "dish"})).await;
    assert_eq!(body["result"].as_array().unwrap().len(), 1);
    let (_, body) = oauth_call(&e, &token, "entity.delete", json!({"ENTITY": "dish"})).await;
    assert_eq!(body["result"], true);
    let (_, body) = oauth_call(&e, &token, "entity.item.get", json!({"ENTITY": "dish"})).await;
    assert_eq!(body["error"], "ERROR_ENTITY_NOT_FOUND");
}

/// biconnector-source-add.md answers `{"id": 12}`: a stored record's ID
/// comes back under the declared `id`, as an integer.
#[tokio::test]
async fn stored_ids_take_the_declared_name() {
    let e = emu().await;
    let (status, body) = call(
        &e,
        "biconnector.source.add",
        json!({"fields": {"title": "Source", "type": "mysql", "code": "src",
                          "settings": {"host": "h", "port": 3306}}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["result"]["id"].is_u64(), "{body}");
}

/// user-userfield-*.md have no `get`: what `add` wrote, `list` reads back
/// (filtered), `update` changes and `delete` removes.
#[tokio::test]
async fn families_without_get_read_back_through_list() {
    let e = emu().await;
    let (status, body) = call(
        &e,
        "user.userfield.add",
        json!({"fields": {"FIELD_NAME": "UF_USR_X", "USER_TYPE_ID": "string", "MULTIPLE": "N"}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let id = body["result"].clone();
    call(
        &e,
        "user.userfield.add",
        json!({"fields": {"FIELD_NAME": "UF_USR_Y", "USER_TYPE_ID": "string"}}),
    )
    .await;
    call(
        &e,
        "user.userfield.update",
        json!({"id": id, "fields": {"SORT": 7}}),
    )
    .await;
    let (_, body) = call(&e, "user.userfield.list", json!({"filter": {"ID": id}})).await;
    let rows = body["result"].as_array().expect("array");
    assert_eq!(rows.len(), 1, "{body}");
    assert_eq!(rows[0]["FIELD_NAME"], "UF_USR_X");
    let (_, body) = call(&e, "user.userfield.delete", json!({"id": id})).await;
    assert_eq!(body["result"], true, "{body}");
    let (_, body) = call(&e, "user.userfield.list", json!({})).await;
    assert_eq!(body["result"].as_array().unwrap().len(), 1, "{body}");
}

/// crm-activity-type-*.md: the app's custom activity types list back;
/// a second add of a `TYPE_ID` and a delete of an unknown one are
/// INVALID_ARG_VALUE.
#[tokio::test]
async fn activity_types_list_back() {
    let e = emu().await;
    let token = e.authorize(1, &[]).access_token;
    let add = json!({"fields": {"TYPE_ID": "1C", "NAME": "1C case"}});
    let (_, body) = oauth_call(&e, &token, "crm.activity.type.add", add.clone()).await;
    assert_eq!(body["result"], true, "{body}");
    let (_, body) = oauth_call(&e, &token, "crm.activity.type.add", add).await;
    assert_eq!(body["error"], "INVALID_ARG_VALUE");
    let (_, body) = oauth_call(&e, &token, "crm.activity.type.list", json!({})).await;
    assert_eq!(
        body["result"],
        json!([{"TYPE_ID": "1C", "NAME": "1C case", "IS_CONFIGURABLE_TYPE": "N", "ICON_ID": "0"}])
    );
    let (_, body) = oauth_call(
        &e,
        &token,
        "crm.activity.type.delete",
        json!({"TYPE_ID": "1C"}),
    )
    .await;
    assert_eq!(body["result"], true);
    let (_, body) = oauth_call(
        &e,
        &token,
        "crm.activity.type.delete",
        json!({"TYPE_ID": "1C"}),
    )
    .await;
    assert_eq!(body["error"], "INVALID_ARG_VALUE");
}

/// im-message-add.md: a message goes to a user who exists or to a chat
/// that exists (`USER_NOT_FOUND`, `CHAT_ID` otherwise); im-message-command.md
/// wants a sent message and a bot ID.
#[tokio::test]
async fn messages_need_an_existing_dialog() {
    let e = emu().await;
    let (_, body) = call(
        &e,
        "im.message.add",
        json!({"DIALOG_ID": "1", "MESSAGE": "hi"}),
    )
    .await;
    let message = body["result"].as_u64().expect("message id");
    let (status, body) = call(
        &e,
        "im.message.add",
        json!({"DIALOG_ID": "chat1111", "MESSAGE": "hi"}),
    )
    .await;
    assert_eq!((status, body["error"].clone()), (400, json!("CHAT_ID")));
    let (_, body) = call(
        &e,
        "im.message.add",
        json!({"DIALOG_ID": "999999", "MESSAGE": "hi"}),
    )
    .await;
    assert_eq!(body["error"], "USER_NOT_FOUND");
    let (_, body) = call(&e, "im.chat.add", json!({"TITLE": "Team", "USERS": [1]})).await;
    let chat = body["result"].as_u64().unwrap();
    let (_, body) = call(
        &e,
        "im.message.add",
        json!({"DIALOG_ID": format!("chat{chat}"), "MESSAGE": "hi"}),
    )
    .await;
    assert!(body["result"].is_u64(), "{body}");
    let (_, body) = call(
        &e,
        "im.message.command",
        json!({"MESSAGE_ID": message, "BOT_ID": 0, "COMMAND": "help"}),
    )
    .await;
    assert_eq!(body["error"], "BOT_ID_ERROR");
    let (_, body) = call(
        &e,
        "im.message.command",
        json!({"MESSAGE_ID": message, "BOT_ID": 5, "COMMAND": "help"}),
    )
    .await;
    assert_eq!(body["result"], true, "{body}");
}

/// lists-field-*.md: a list's custom field is `PROPERTY_<id>`; `get` with
/// `FIELD_ID` answers it keyed by its type; an unknown list is
/// ERROR_IBLOCK_NOT_FOUND.
#[tokio::test]
async fn list_fields_read_back() {
    let e = emu().await;
    let (_, body) = call(
        &e,
        "lists.add",
        json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_CODE": "tasks", "FIELDS": {"NAME": "Tasks"}}),
    )
    .await;
    let list = body["result"].clone();
    let (_, body) = call(
        &e,
        "lists.field.add",
        json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": list,
               "FIELDS": {"NAME": "Status", "TYPE": "S", "SORT": 50}}),
    )
    .await;
    let field = body["result"].as_str().expect("field id").to_owned();
    assert!(field.starts_with("PROPERTY_"), "{body}");
    let (_, body) = call(
        &e,
        "lists.field.get",
        json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_CODE": "tasks", "FIELD_ID": field}),
    )
    .await;
    assert_eq!(body["result"]["S"]["FIELD_ID"], field, "{body}");
    assert_eq!(body["result"]["S"]["SORT"], 50);
    call(
        &e,
        "lists.field.update",
        json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": list, "FIELD_ID": field,
               "FIELDS": {"NAME": "State"}}),
    )
    .await;
    let (_, body) = call(
        &e,
        "lists.field.get",
        json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": list}),
    )
    .await;
    assert_eq!(body["result"][&field]["NAME"], "State", "{body}");
    let (_, body) = call(
        &e,
        "lists.field.get",
        json!({"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": 999}),
    )
    .await;
    assert_eq!(body["error"], "ERROR_IBLOCK_NOT_FOUND");
}
