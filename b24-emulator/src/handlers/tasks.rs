//! REST 3.0 tasks (`tasks/tasks-task-*-rest-v3.md`, `tasks/fields-rest-v3.md`):
//! `tasks.task.add`, `get`, `update`, `delete` and `list` over an in-memory
//! store, with `select` of own and related fields (`responsible.name`), the
//! v3 filter grammar, `order` and `pagination`.
//!
//! Permissions as the pages describe them: the administrator (user 1) sees
//! and edits every task; other users see the tasks they create, are
//! responsible for, take part in or audit, and edit or delete the ones they
//! created.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::clock::{iso8601, parse_iso8601};
use crate::protocol::{Caller, Output, V3Error};
use crate::state::{Portal, State};

mod query;
#[allow(unused_imports)]
pub(crate) use query::*;

mod schema;
#[allow(unused_imports)]
pub(crate) use schema::*;

mod v2;
pub(crate) use v2::{call_v2, get_v2};

mod project;
#[allow(unused_imports)]
pub(crate) use project::*;

mod fields;
#[allow(unused_imports)]
pub(crate) use fields::*;

mod rows;
#[allow(unused_imports)]
pub(crate) use rows::*;

type R = Result<Output, V3Error>;

fn output(result: Value, rows: u64) -> Output {
    Output {
        result,
        total: None,
        next: None,
        rows,
        synthesized: false,
    }
}

/// Runs a `tasks.task.*` method; `waited` gets the time spent waiting for
/// the state lock.
pub(crate) fn call(
    portal: &Portal,
    caller: &Caller,
    method: &str,
    params: &Value,
    waited: &mut Duration,
) -> R {
    let before = Instant::now();
    match method {
        "tasks.task.get" | "tasks.task.list" => {
            let st = portal.read();
            *waited = before.elapsed();
            if method == "tasks.task.get" {
                get(&st, caller, params)
            } else {
                list(&st, caller, params)
            }
        }
        "tasks.task.add" | "tasks.task.update" | "tasks.task.delete" => {
            let mut st = portal.lock();
            *waited = before.elapsed();
            let now = portal.clock().unix() as i64;
            match method {
                "tasks.task.add" => add(&mut st, caller, params, now),
                "tasks.task.update" => update(&mut st, caller, params, now),
                _ => delete(&mut st, caller, params),
            }
        }
        _ => Err(crate::protocol::method_not_found().into()),
    }
}

fn required_missing(field: &str) -> (String, String) {
    (
        field.to_owned(),
        format!("Required field `{field}` is missing"),
    )
}

fn wrong_type(field: &str, ty: &str) -> (String, String) {
    (
        field.to_owned(),
        format!("Field `{field}` requires data type `{ty}` for this request"),
    )
}

/// The `id` parameter: required, an integer.
fn id_param(params: &Value) -> Result<u64, V3Error> {
    match params.get("id") {
        None | Some(Value::Null) => Err(V3Error::validation(vec![required_missing("id")])),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.as_u64().unwrap_or(0)),
        Some(_) => Err(V3Error::validation(vec![wrong_type("id", "int")])),
    }
}

/// `fields`: required, an object.
fn fields_param(params: &Value) -> Result<&Map<String, Value>, V3Error> {
    match params.get("fields") {
        None | Some(Value::Null) => Err(V3Error::validation(vec![required_missing("fields")])),
        Some(Value::Object(m)) => Ok(m),
        Some(_) => Err(V3Error::validation(vec![wrong_type("fields", "array")])),
    }
}

/// `select`: absent, or an array of strings.
fn select_param(params: &Value) -> Result<Option<Vec<String>>, V3Error> {
    match params.get("select") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<Vec<String>>>()
            .map(Some)
            .ok_or_else(|| V3Error::validation(vec![wrong_type("select", "array")])),
        Some(_) => Err(V3Error::validation(vec![wrong_type("select", "array")])),
    }
}

/// Converts a written value to its stored form, or says why not.
fn coerce(field: &Field, v: &Value) -> Result<Value, String> {
    let bad = || wrong_type(field.name, field.ty.name()).1;
    if v.is_null() {
        return match field.name {
            "title" => Err(required_missing("title").1),
            _ => Ok(Value::Null),
        };
    }
    let value = match field.ty {
        Ty::Int => match v.as_i64() {
            Some(n) => json!(n),
            None => return Err(bad()),
        },
        Ty::Str => match v {
            Value::String(s) => json!(s),
            _ => return Err(bad()),
        },
        Ty::DateTime => match v.as_str().and_then(parse_iso8601) {
            Some(t) => json!(iso8601(t)),
            None => return Err(bad()),
        },
        // The fields page writes flags as `Y`/`N`; answers give booleans.
        Ty::Bool => match v {
            Value::Bool(b) => json!(b),
            Value::String(s) if s == "Y" => json!(true),
            Value::String(s) if s == "N" => json!(false),
            _ => return Err(bad()),
        },
        Ty::IntList => match v.as_array() {
            Some(a) if a.iter().all(|x| x.as_i64().is_some()) => json!(a),
            _ => return Err(bad()),
        },
        Ty::StrList => match v.as_array() {
            Some(a) if a.iter().all(Value::is_string) => json!(a),
            _ => return Err(bad()),
        },
        Ty::Any => return Err(bad()),
    };
    if let (Some(values), Some(s)) = (allowed_values(field.name), value.as_str())
        && !values.contains(&s)
    {
        return Err(format!(
            "Field `{}` accepts only the values {}",
            field.name,
            values.join(", ")
        ));
    }
    if field.name == "title" && value.as_str().is_some_and(|s| s.trim().is_empty()) {
        return Err(required_missing("title").1);
    }
    Ok(value)
}

/// Checks the written fields' names, editability and types: unknown names
/// are UNKNOWNDTOPROPERTY, the rest request validation errors together.
fn validate_fields(
    fields: &Map<String, Value>,
    adding: bool,
) -> Result<Map<String, Value>, V3Error> {
    let mut problems = Vec::new();
    let mut out = Map::new();
    for (name, v) in fields {
        let Some(field) = own(name) else {
            return Err(V3Error::unknown_field(name, Dto::Task.name()));
        };
        if !(if adding { field.add } else { field.update }) {
            problems.push((
                name.clone(),
                format!(
                    "In DTO `TaskDto`, the field `{name}` requires the presence of the `Editable` attribute for such a request"
                ),
            ));
            continue;
        }
        match coerce(field, v) {
            Ok(v) => {
                out.insert(name.clone(), v);
            }
            Err(m) => problems.push((name.clone(), m)),
        }
    }
    if adding {
        for name in ["title", "creatorId", "responsibleId"] {
            if fields.get(name).is_none_or(Value::is_null) {
                problems.push(required_missing(name));
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(V3Error::validation(problems))
    }
}

/// Checks what written fields point at: users, the parent task, plans.
/// The emulator has no groups, flows or epics, so any ID there is unknown.
fn validate_links(
    st: &State,
    task_id: Option<u64>,
    written: &Map<String, Value>,
    merged: &Map<String, Value>,
) -> Result<(), V3Error> {
    let mut problems = Vec::new();
    let user_ok = |v: &Value| v.as_u64().is_some_and(|id| st.user_exists(id));
    if let Some(v) = written.get("responsibleId")
        && !user_ok(v)
    {
        let m = if task_id.is_none() {
            "User specified in the \"Executor\" field not found"
        } else {
            "The user specified in the \"Responsible\" field was not found"
        };
        problems.push(("responsibleId".to_owned(), m.to_owned()));
    }
    if let Some(v) = written.get("creatorId")
        && !user_ok(v)
    {
        // The page gives this message as an empty string.
        problems.push(("creatorId".to_owned(), String::new()));
    }
    for (name, role) in [("accomplices", "Participants"), ("auditors", "Observers")] {
        if let Some(Value::Array(ids)) = written.get(name)
            && !ids.iter().all(user_ok)
        {
            problems.push((
                name.to_owned(),
                format!("User specified in the \"{role}\" field not found"),
            ));
        }
    }
    for (name, what) in [("groupId", "Group"), ("flowId", "Flow")] {
        if let Some(v) = written.get(name)
            && v.as_i64().is_some_and(|id| id != 0)
        {
            problems.push((
                name.to_owned(),
                format!("{what} specified in the `{name}` field not found"),
            ));
        }
    }
    if let Some(parent) = written.get("parentId").and_then(Value::as_u64) {
        if Some(parent) == task_id {
            problems.push((
                "parentId".to_owned(),
                "Cannot bind a node to itself".to_owned(),
            ));
        } else if st.family(TASKS).record(parent).is_none() {
            let m = if task_id.is_none() {
                "Task specified in the \"Parent Task\" field not found"
            } else {
                "The task specified in the \"Parent Task\" field was not found"
            };
            problems.push(("parentId".to_owned(), m.to_owned()));
        }
    }
    let date = |k: &str| {
        merged
            .get(k)
            .and_then(Value::as_str)
            .and_then(parse_iso8601)
    };
    if let (Some(s), Some(e)) = (date("startPlan"), date("endPlan"))
        && e < s
        && (written.contains_key("startPlan") || written.contains_key("endPlan"))
    {
        problems.push((
            "endPlan".to_owned(),
            "The end date specified in the planning is earlier than the start date".to_owned(),
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(V3Error::validation(problems))
    }
}

/// Adds `n` tasks created by user 1 (`EmulatorBuilder::seed_tasks`).
pub(crate) fn seed(st: &mut State, n: u64, now: i64) {
    let caller = Caller {
        auth: crate::protocol::AuthKind::Webhook {
            user_id: 1,
            code: "seed".into(),
        },
        user_id: 1,
        scopes: vec!["task".into()],
        principal: "seed".into(),
        order_keys: None,
    };
    for i in 1..=n {
        let params =
            json!({"fields": {"title": format!("Task #{i}"), "creatorId": 1, "responsibleId": 1}});
        if let Err(e) = insert(st, &caller, &params, now) {
            tracing::warn!(error = ?e, "seeding a task failed");
            return;
        }
    }
}

/// Validates and stores a new task.
fn insert(
    st: &mut State,
    caller: &Caller,
    params: &Value,
    now: i64,
) -> Result<(u64, Map<String, Value>), V3Error> {
    let fields = fields_param(params)?;
    let written = validate_fields(fields, true)?;
    validate_links(st, None, &written, &written)?;
    let id = st.family(TASKS).next_id();
    let date = json!(iso8601(now));
    let guid = {
        let h = st.token(32);
        format!(
            "{{{}-{}-{}-{}-{}}}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    };
    let mut task = Map::new();
    for field in FIELDS {
        let v = match field.name {
            "id" => json!(id),
            "description" => json!(""),
            "created" | "changed" | "activity" => date.clone(),
            "changedById" => json!(caller.user_id),
            "priority" => json!("average"),
            "status" => json!("pending"),
            "durationType" => json!("days"),
            "mark" => json!("none"),
            "siteId" => json!("s1"),
            "guid" => json!(guid),
            "outlookVersion" => json!(1),
            "chatId" => json!(id),
            "numberOfReminders" | "plannedDuration" | "actualDuration" | "estimatedTime" => {
                json!(0)
            }
            "link" => json!(format!(
                "/company/personal/user/{}/tasks/task/view/{id}/",
                caller.user_id
            )),
            "archiveLink" => json!(format!(
                "/bitrix/tools/disk/uf.php?entityId={id}&entity=TASKS_TASK&fieldName=UF_TASK_WEBDAV_FILES&action=downloadArchiveByEntity&ncc=1"
            )),
            "scenarios" => json!(["default"]),
            "addInReport" | "fileIds" | "rights" => Value::Null,
            _ => match field.ty {
                Ty::Bool => json!(false),
                Ty::IntList | Ty::StrList => json!([]),
                _ => Value::Null,
            },
        };
        task.insert(field.name.to_owned(), v);
    }
    for (k, v) in written {
        task.insert(k, v);
    }
    apply_status(&mut task, None, caller.user_id, now);
    let id = st.family_mut(TASKS).add(&task, caller.user_id, now);
    Ok((id, task))
}

fn add(st: &mut State, caller: &Caller, params: &Value, now: i64) -> R {
    let (id, task) = insert(st, caller, params, now)?;
    let item = materialize(st, caller.user_id, id, &task, &parents(st));
    let item = project(st, caller.user_id, Dto::Task, &item, &[], &is_basic);
    Ok(output(json!({ "item": item }), 1))
}

/// Dates and users that follow a status change.
fn apply_status(task: &mut Map<String, Value>, old: Option<&str>, user: u64, now: i64) {
    let status = task
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("pending")
        .to_owned();
    if old.is_none_or(|o| o == status) {
        return;
    }
    let date = json!(iso8601(now));
    task.insert("statusChanged".into(), date.clone());
    task.insert("statusChangedById".into(), json!(user));
    if status == "in_progress" && task.get("started").is_none_or(Value::is_null) {
        task.insert("started".into(), date.clone());
    }
    if status == "completed" {
        task.insert("closed".into(), date);
        task.insert("closedById".into(), json!(user));
    } else {
        task.insert("closed".into(), Value::Null);
        task.insert("closedById".into(), Value::Null);
    }
}

fn get(st: &State, caller: &Caller, params: &Value) -> R {
    let id = id_param(params)?;
    let select = select_param(params)?;
    let paths = split_paths(select.as_deref().unwrap_or_default());
    validate_select(Dto::Task, &paths, true)?;
    let task = task(st, id).ok_or_else(|| {
        V3Error::new(
            400,
            "ENTITYNOTFOUNDEXCEPTION",
            format!("Record with ID = `{id}` not found"),
        )
    })?;
    if !can_read(st, caller.user_id, &task) {
        return Err(V3Error::access_denied());
    }
    let item = materialize(st, caller.user_id, id, &task, &parents(st));
    let item = project(st, caller.user_id, Dto::Task, &item, &paths, &is_basic);
    Ok(output(json!({ "item": item }), 1))
}

fn update(st: &mut State, caller: &Caller, params: &Value, now: i64) -> R {
    let id = id_param(params)?;
    let fields = fields_param(params)?;
    let written = validate_fields(fields, false)?;
    let Some(mut merged) = task(st, id) else {
        return Err(V3Error::access_denied());
    };
    if !can_edit(st, caller.user_id, &merged) {
        return Err(V3Error::access_denied());
    }
    let old_status = merged
        .get("status")
        .and_then(Value::as_str)
        .map(str::to_owned);
    for (k, v) in &written {
        merged.insert(k.clone(), v.clone());
    }
    validate_links(st, Some(id), &written, &merged)?;
    let date = json!(iso8601(now));
    merged.insert("changed".into(), date.clone());
    merged.insert("activity".into(), date);
    merged.insert("changedById".into(), json!(caller.user_id));
    apply_status(&mut merged, old_status.as_deref(), caller.user_id, now);
    st.family_mut(TASKS)
        .update(id, &merged, caller.user_id, now);
    Ok(output(json!({"result": true}), 1))
}

fn delete(st: &mut State, caller: &Caller, params: &Value) -> R {
    let id = id_param(params)?;
    let Some(task) = task(st, id) else {
        return Err(V3Error::access_denied());
    };
    if !can_edit(st, caller.user_id, &task) {
        return Err(V3Error::access_denied());
    }
    let store = st.family_mut(TASKS);
    store.delete(id);
    // Subtasks lose their parent rather than disappear.
    let orphan = json!({"parentId": null})
        .as_object()
        .cloned()
        .unwrap_or_default();
    for child in store.ids(&[eq("parentId", id)]) {
        store.update(child, &orphan, caller.user_id, 0);
    }
    Ok(output(json!({"result": true}), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: u64) -> Map<String, Value> {
        json!({"ID": id}).as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn filter_grammar() {
        let f = json!([["id", ">", 1], {"logic": "or", "conditions": [["id", [2, 3]], ["id", "between", [7, 9]]]}]);
        let conds = parse_task_filter(&f).unwrap();
        let hit = |id| conds.iter().all(|c| c.matches_map(&task(id)));
        let ids: Vec<u64> = (1..=10).filter(|i| hit(*i)).collect();
        assert_eq!(ids, vec![2, 3, 7, 8, 9]);
        let err = parse_task_filter(&json!([["id", "~", 1]])).unwrap_err();
        assert_eq!(
            err.code,
            "BITRIX_REST_V3_EXCEPTION_UNKNOWNFILTEROPERATOREXCEPTION"
        );
        let err = parse_task_filter(&json!([["nope", 1]])).unwrap_err();
        assert_eq!(err.message, "Unknown field `nope` for entity `TaskDto`");
        let err = parse_task_filter(&json!([["title", "x"]])).unwrap_err();
        assert_eq!(err.validation[0].0, "title");
        let err = parse_task_filter(&json!([["id", "="]])).unwrap_err();
        assert_eq!(err.validation[0].0, "id");
        let mut deep = json!([["id", 1]]);
        for _ in 0..40 {
            deep = json!([{"logic": "or", "conditions": deep}]);
        }
        assert!(parse_task_filter(&deep).is_err());
    }

    #[test]
    fn select_validation() {
        let ok = |s: &[&str]| {
            let v: Vec<String> = s.iter().map(|x| (*x).to_owned()).collect();
            validate_select(Dto::Task, &split_paths(&v), true)
        };
        assert!(ok(&["id", "stageId", "responsible.name", "parent.creator.email"]).is_ok());
        let e = ok(&["responsible.stageId"]).unwrap_err();
        assert_eq!(e.message, "Unknown field `stageId` for entity `UserDto`");
        assert!(ok(&["nothing.name"]).is_err());
        assert!(ok(&["group.image.src"]).is_ok());
    }

    #[test]
    fn pagination_and_order() {
        assert_eq!(parse_pagination(&json!({})).unwrap(), (0, 50));
        assert_eq!(
            parse_pagination(&json!({"pagination": {"page": 3, "limit": 20, "offset": 5}}))
                .unwrap(),
            (40, 20)
        );
        assert_eq!(
            parse_pagination(&json!({"pagination": {"offset": 5}})).unwrap(),
            (5, 50)
        );
        let e = parse_pagination(&json!({"pagination": {"limit": "abc"}})).unwrap_err();
        assert_eq!(
            e.message,
            "Unable to recognize the pagination parameter `{\"limit\":\"abc\"}`"
        );
        assert!(parse_pagination(&json!({"pagination": {"limit": 0}})).is_err());
        assert!(
            parse_pagination(&json!({"pagination": {"page": u64::MAX, "limit": 1000}})).is_ok()
        );
        assert!(parse_order(&json!({"order": {"title": "sideways"}})).is_err());
        assert!(parse_order(&json!({"order": {"description": "ASC"}})).is_err());
        assert_eq!(
            parse_order(&json!({"order": {"deadline": "desc"}})).unwrap(),
            vec![("deadline", false), ("id", true)]
        );
    }
}
