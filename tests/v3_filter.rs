//! REST 3.0 typed `filter` and `order` (`b24::V3Filter`, `b24::V3Order`):
//! they serialize to the docs' own examples (copied under
//! `tests/fixtures/b24restdocs/`, MIT), and a typed filter and order on
//! `tasks.task.list` streams the expected rows from the emulator through
//! `client.list`, page by page.

use b24::v3::Operator;
use b24::{V3Filter, V3Order};
use futures::TryStreamExt;
use serde_json::{Value, json};

// The imported tasks spec as module `tasks`, generated here with the macro
// (the facade's `tasks` feature is not on by default).
b24::generate!("specs/methods/tasks.yaml");

use tasks::{TaskListV3, TaskdtoField as F, UserField};

const REST_V3: &str = include_str!("fixtures/b24restdocs/api-reference/rest-v3.md");
const TASK_LIST: &str =
    include_str!("fixtures/b24restdocs/api-reference/tasks/tasks-task-list-rest-v3.md");

/// The text of section `heading` (up to the next heading of its level).
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = page
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}` in the page"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let rest = &page[start + heading.len()..];
    let end = rest
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|i| {
            let hashes = rest[*i..].chars().take_while(|c| *c == '#').count();
            (1..=level).contains(&hashes) && rest[*i + hashes..].starts_with(' ')
        })
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The ```json blocks of a text, parsed.
fn json_blocks(text: &str) -> Vec<Value> {
    text.split("```json")
        .skip(1)
        .map(|b| {
            let body = &b[..b.find("```").expect("a closed block")];
            serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
        })
        .collect()
}

#[test]
fn filters_serialize_to_the_documented_examples() {
    let docs = json_blocks(section(REST_V3, "## Filtering {#filter}"));
    assert_eq!(docs.len(), 2, "the page's two filter examples");

    // "status equals NEW and id is 3, 4 or 5". `status` is a field of the
    // task; `Status` is its typed name.
    let simple = V3Filter::new().eq(F::Status, "NEW").is_in(F::Id, [3, 4, 5]);
    assert_eq!(json!({ "filter": simple }), docs[0]);

    // The same with an OR group, its first condition in the shorthand form.
    let grouped = V3Filter::new()
        .eq(F::Status, "NEW")
        .or(V3Filter::new().is(F::Id, [1, 2]).is_in(F::Id, [3, 4, 5]));
    assert_eq!(json!({ "filter": grouped }), docs[1]);
    // Key order as the docs write the group: `logic`, then `conditions`.
    let text = serde_json::to_string(&grouped).unwrap();
    assert!(
        text.contains(r#"{"logic":"or","conditions":[["id",[1,2]]"#),
        "{text}"
    );
}

#[test]
fn operators_are_the_documented_table() {
    let table = section(REST_V3, "### Supported operators {#operators}");
    // Rows: `|| `op` | meaning | example ||`; the header is bold.
    let documented: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("|| `"))
        .map(|l| &l[..l.find('`').expect("a closing backtick")])
        .collect();
    let ours: Vec<&str> = Operator::ALL.iter().map(|o| o.as_str()).collect();
    assert_eq!(ours, documented);
    for word in documented {
        let op = Operator::from_wire(word).expect("documented");
        let f = V3Filter::new().cond(F::Id, op, 1);
        assert_eq!(serde_json::to_value(&f).unwrap(), json!([["id", word, 1]]));
    }
}

/// The task list page's request: `filter` and `order` exactly as its
/// curl example writes them, `select` through the field enum.
#[test]
fn task_list_request_matches_the_page() {
    let curl = TASK_LIST
        .lines()
        .find(|l| l.trim_start().starts_with("-d '{\"select\""))
        .expect("the curl example");
    let body = &curl[curl.find('\'').unwrap() + 1..curl.rfind('\'').unwrap()];
    let documented: Value = serde_json::from_str(body).unwrap();

    let call = TaskListV3::new()
        .select(vec![
            F::Id,
            F::Title,
            F::ResponsibleId,
            F::Deadline,
            F::Status,
        ])
        .filter(V3Filter::new().gt(F::Id, 1000))
        .order(V3Order::new().asc(F::Id))
        .pagination(
            json!({"page": 1, "limit": 20, "offset": 0})
                .as_object()
                .cloned()
                .unwrap(),
        );
    assert_eq!(serde_json::to_value(&call).unwrap(), documented);
    // Byte for byte, as the page sends them.
    let text = serde_json::to_string(&call).unwrap();
    assert!(
        text.contains(r#""filter":[["id",">",1000]],"order":{"id":"ASC"}"#),
        "{text}"
    );
}

/// A typed filter (a group, the shorthand, `between`, `!=`) and a two-key
/// order go through `client.list` and the portal's paging: the rows are
/// exactly those the conditions select, in the order asked for.
#[tokio::test]
async fn typed_filter_and_order_list_the_expected_tasks() {
    let emu = b24_emulator::Emulator::builder()
        .seed_tasks(2500)
        .start()
        .await
        .expect("emulator");
    let hook = b24::Client::from_webhook(&emu.webhook_url()).expect("webhook client");

    // id > 100 AND (id is 5, 150 or 151 OR 1000 <= id <= 2499) AND id != 2000
    let filter = V3Filter::new()
        .gt(F::Id, 100)
        .or(V3Filter::new()
            .is(F::Id, [5, 150, 151])
            .between(F::Id, 1000, 2499))
        .ne(F::Id, 2000);
    let order = V3Order::new().desc(F::Title).asc(F::Id);
    let call = TaskListV3::new()
        .select(vec![
            F::Id,
            F::Title,
            F::Responsible(Box::new(UserField::Name)),
        ])
        .filter(filter)
        .order(order);
    let rows: Vec<tasks::Taskdto> = hook.list(&call).try_collect().await.expect("list");

    let mut expected: Vec<(String, i64)> = [150, 151]
        .into_iter()
        .chain(1000..=2499)
        .filter(|id| *id != 2000)
        .map(|id| (format!("Task #{id}"), id))
        .collect();
    // Title descending, ties by id: the portal's order.
    expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let got: Vec<(String, i64)> = rows
        .iter()
        .map(|t| (t.title.clone().expect("title"), t.id.expect("id")))
        .collect();
    assert_eq!(got.len(), 1501);
    assert_eq!(got, expected);
    assert!(rows.iter().all(|t| t.responsible.is_some()), "the relation");

    // Two pages of up to 1,000 rows, each with the typed filter and order
    // on the wire in the documented form, keys in the order given.
    let pages: Vec<_> = emu
        .calls()
        .into_iter()
        .filter(|c| c.method == "tasks.task.list")
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    for (n, page) in pages.iter().enumerate() {
        assert!(page.v3);
        assert_eq!(page.params["pagination"]["page"], json!(n + 1));
        assert_eq!(
            page.params["filter"],
            json!([
                ["id", ">", 100],
                {"logic": "or", "conditions": [["id", [5, 150, 151]], ["id", "between", [1000, 2499]]]},
                ["id", "!=", 2000]
            ])
        );
        let keys: Vec<&String> = page.params["order"]
            .as_object()
            .expect("order")
            .keys()
            .collect();
        assert_eq!(keys, ["title", "id"]);
        assert_eq!(page.params["order"], json!({"title": "DESC", "id": "ASC"}));
        assert_eq!(
            page.params["select"],
            json!(["id", "title", "responsible.name"])
        );
    }
}

/// A field the enum does not name goes through `Raw` (`F::from`); the
/// portal's refusal of an unfilterable field comes back as a typed error.
#[tokio::test]
async fn raw_fields_reach_the_portal() {
    let emu = b24_emulator::Emulator::builder()
        .seed_tasks(3)
        .start()
        .await
        .expect("emulator");
    let hook = b24::Client::from_webhook(&emu.webhook_url()).expect("webhook client");
    let call = TaskListV3::new()
        .select(vec![F::Id])
        .filter(V3Filter::new().eq(F::from("title"), "Task #1"));
    let err = hook.send(&call).await.expect_err("title does not filter");
    let sent = emu
        .calls()
        .into_iter()
        .find(|c| c.method == "tasks.task.list")
        .expect("a call");
    assert_eq!(sent.params["filter"], json!([["title", "=", "Task #1"]]));
    assert!(matches!(err, b24::Error::V3Validation(_)), "{err:?}");
}

/// In a REST 3.0 batch, a condition's value can be an earlier command's
/// list (`Cmd::each`, `{"$refArray": ...}`): typed methods, no JSON.
#[tokio::test]
async fn a_batch_filters_by_an_earlier_list() {
    let emu = b24_emulator::Emulator::builder()
        .seed_tasks(5)
        .start()
        .await
        .expect("emulator");
    let hook = b24::Client::from_webhook(&emu.webhook_url()).expect("webhook client");
    let mut batch = hook.batch();
    let few = batch.push(
        &TaskListV3::new()
            .select(vec![F::Id])
            .filter(V3Filter::new().is_in(F::Id, [2, 4])),
    );
    let again = batch.push(
        &TaskListV3::new()
            .select(vec![F::Id, F::Title])
            .filter(V3Filter::new().cond(F::Id, Operator::In, few.each("id")))
            .order(V3Order::new().desc(F::Id)),
    );
    let results = batch.send().await.expect("batch");
    let rows = results
        .get(&again)
        .expect("second command")
        .result
        .items
        .expect("items");
    let got: Vec<(i64, String)> = rows
        .into_iter()
        .map(|t| (t.id.expect("id"), t.title.expect("title")))
        .collect();
    assert_eq!(got, [(4, "Task #4".to_owned()), (2, "Task #2".to_owned())]);
}
