//! REST 3.0 with typed rows (tests/specs/tasks_v3_typed.yaml): `select`
//! takes the row's field enum, relations as paths (`responsible.name`), and
//! results decode into the row struct; lists stream typed rows.

use futures::TryStreamExt;
use serde_json::json;

b24::generate!("tests/specs/tasks_v3_typed.yaml");

use tasks_v3_typed::{Task, TaskField, TaskGet, TaskList, UserField};

#[tokio::test]
async fn typed_select_and_rows() {
    let emu = b24_emulator::Emulator::builder()
        .seed_tasks(30)
        .start()
        .await
        .expect("emulator");
    let hook = b24::Client::from_webhook(&emu.webhook_url()).expect("webhook client");

    let select = vec![
        TaskField::Id,
        TaskField::Title,
        TaskField::Responsible(Box::new(UserField::Name)),
    ];
    assert_eq!(select[2].path(), "responsible.name");
    let task: Task = hook
        .send(&TaskGet::new(1).select(select.clone()))
        .await
        .expect("tasks.task.get")
        .result
        .item
        .expect("item");
    assert_eq!(task.id, Some(1));
    assert!(task.title.is_some(), "{task:?}");
    let responsible = task.responsible.expect("responsible");
    assert!(responsible.name.is_some_and(|n| !n.is_empty()));
    // The portal saw the paths, not Rust names.
    let sent = emu
        .calls()
        .into_iter()
        .find(|c| c.method == "tasks.task.get")
        .expect("a call");
    assert_eq!(
        sent.params["select"],
        json!(["id", "title", "responsible.name"])
    );

    // The raw escape hatch, and a typed list of typed rows.
    let rows: Vec<Task> = hook
        .list(&TaskList::new().select(vec![TaskField::Id, "title".into()]))
        .try_collect()
        .await
        .expect("tasks.task.list");
    assert_eq!(rows.len(), 30);
    assert!(rows.iter().all(|t| t.id.is_some() && t.title.is_some()));
}
