//! REST v2 `tasks.task.*` (`tasks/tasks-task-{add,get,update,delete,list}.md`)
//! over the same rows as REST 3.0, so a task made through one API is read
//! through the other. The v2 mapping is only names and values:
//! `UPPER_SNAKE` fields (`CREATED_BY`, `RESPONSIBLE_ID`) to the task's
//! camelCase ones, priorities and statuses from their v2 numbers, IDs
//! out as strings; validation and storage are REST 3.0's.

#[allow(unused_imports)]
use super::*;
use crate::protocol::ApiError;
use crate::store::{OrderBy, PAGE, camel, upper_snake};

/// v2 names whose camelCase is not the task's field name.
const NAMES: &[(&str, &str)] = &[
    ("CREATED_BY", "creatorId"),
    ("CREATED_DATE", "created"),
    ("CHANGED_BY", "changedById"),
    ("CHANGED_DATE", "changed"),
    ("CLOSED_BY", "closedById"),
    ("CLOSED_DATE", "closed"),
    ("STATUS_CHANGED_BY", "statusChangedById"),
    ("START_DATE_PLAN", "startPlan"),
    ("END_DATE_PLAN", "endPlan"),
    ("DATE_START", "started"),
    ("ACTIVITY_DATE", "activity"),
    ("REAL_STATUS", "status"),
    ("TIME_ESTIMATE", "estimatedTime"),
];

/// The task field a v2 name stands for (`RESPONSIBLE_ID` → `responsibleId`).
fn field_name(v2: &str) -> String {
    let upper = upper_snake(v2).to_uppercase();
    match NAMES.iter().find(|(n, _)| *n == upper) {
        Some((_, name)) => (*name).to_owned(),
        None => camel(&upper),
    }
}

/// A v2 value as the task field holds it: numbers from numeric strings,
/// priorities (0 low, 1 average, 2 high) and statuses (2 pending … 7
/// declined) from their numbers.
fn field_value(name: &str, v: &Value) -> Value {
    let n = match v {
        Value::String(s) => s.trim().parse::<i64>().ok(),
        v => v.as_i64(),
    };
    match (name, v, n) {
        (_, Value::Array(a), _) => Value::Array(a.iter().map(|x| field_value(name, x)).collect()),
        ("priority", _, Some(p)) => json!(["low", "average", "high"].get(p as usize)),
        ("status", _, Some(s)) => {
            json!(allowed_values("status").and_then(|v| v.get((s - 2).max(0) as usize)))
        }
        (_, Value::String(_), Some(n))
            if own(name).is_some_and(|f| matches!(f.ty, Ty::Int | Ty::IntList)) =>
        {
            json!(n)
        }
        _ => v.clone(),
    }
}

/// The REST 3.0 error as the v2 one (`ERROR_CORE` with the messages).
fn core(e: V3Error) -> ApiError {
    let message = if e.validation.is_empty() {
        e.message
    } else {
        let parts: Vec<&str> = e
            .validation
            .iter()
            .map(|(_, m)| m.as_str())
            .filter(|m| !m.is_empty())
            .collect();
        parts.join("; ")
    };
    ApiError::new(400, "ERROR_CORE", &message)
}

/// The `taskId` (or `id`) parameter; the page's error `100` otherwise.
fn task_id(params: &Value) -> Result<u64, ApiError> {
    ["taskId", "TASKID", "id", "ID"]
        .iter()
        .find_map(|k| params.get(*k))
        .and_then(|v| match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .filter(|n| *n > 0)
        .map(|n| n as u64)
        .ok_or_else(|| {
            ApiError::new(
                400,
                "100",
                "CTaskItem All parameters in the constructor must have real class type (internal error)",
            )
        })
}

/// `select` as the upper-case names it is compared by.
fn select_of(params: &Value) -> Vec<String> {
    let select = crate::handlers::select_param(params);
    select
        .iter()
        .map(|s| upper_snake(s).to_uppercase())
        .collect()
}

/// A task in v2 form: the scalar fields in camelCase with IDs as strings
/// (as the page's example shows), narrowed by `select` (`ID`, `TITLE`, ...).
/// `None` when there is no such task or the caller cannot see it.
fn v2_task(st: &State, caller: &Caller, id: u64, select: &[String]) -> Option<Value> {
    let task = task(st, id).filter(|t| can_read(st, caller.user_id, t))?;
    let all = select.is_empty() || select.iter().any(|s| s == "*");
    let full = materialize(st, caller.user_id, id, &task, &parents(st));
    let mut out = Map::new();
    for (k, v) in full {
        let upper = upper_snake(&k).to_uppercase();
        if !(k == "id" || all || select.contains(&upper)) || v.is_object() {
            continue;
        }
        let v = match v {
            Value::Number(n) if k == "id" || k.ends_with("Id") || k.ends_with("By") => {
                Value::String(n.to_string())
            }
            v => v,
        };
        out.insert(camel(&upper), v);
    }
    Some(Value::Object(out))
}

/// `tasks.task.get`: `{"task": {...}}`; a task the caller cannot see, or
/// none, is an empty result, as a portal answers.
pub(crate) fn get_v2(st: &State, caller: &Caller, params: &Value) -> Result<Output, ApiError> {
    let id = task_id(params)?;
    Ok(match v2_task(st, caller, id, &select_of(params)) {
        Some(task) => output(json!({ "task": task }), 1),
        None => output(json!([]), 0),
    })
}

/// The v2 `fields` as REST 3.0 task fields: the ones `adding` (or
/// updating) may write; others (`UF_*`, `SE_PARAMETER`) are not kept.
fn v3_fields(params: &Value, adding: bool) -> Map<String, Value> {
    let fields = params
        .get("fields")
        .or_else(|| params.get("FIELDS"))
        .and_then(Value::as_object);
    let mut out = Map::new();
    for (k, v) in fields.into_iter().flatten() {
        let name = field_name(k);
        if let Some(f) = own(&name).filter(|f| if adding { f.add } else { f.update }) {
            out.insert(f.name.to_owned(), field_value(f.name, v));
        }
    }
    out
}

/// `tasks.task.add`, `update`, `delete` and `list` of REST v2.
pub(crate) fn call_v2(
    st: &mut State,
    caller: &Caller,
    method: &str,
    params: &Value,
    now: i64,
) -> Result<Output, ApiError> {
    match method {
        "tasks.task.add" => {
            let mut fields = v3_fields(params, true);
            fields.entry("creatorId").or_insert(json!(caller.user_id));
            let (id, _) = insert(st, caller, &json!({ "fields": fields }), now).map_err(core)?;
            let task = v2_task(st, caller, id, &[]);
            Ok(output(json!({ "task": task }), 1))
        }
        "tasks.task.update" => {
            let id = task_id(params)?;
            let fields = v3_fields(params, false);
            update(st, caller, &json!({"id": id, "fields": fields}), now).map_err(core)?;
            let task = v2_task(st, caller, id, &[]);
            Ok(output(json!({ "task": task }), 1))
        }
        "tasks.task.delete" => {
            let id = task_id(params)?;
            delete(st, caller, &json!({ "id": id })).map_err(core)?;
            Ok(output(json!({"task": true}), 1))
        }
        _ => list_v2(st, caller, params),
    }
}

/// `tasks.task.list`: `filter` with v2 operator prefixes (`>ID`,
/// `RESPONSIBLE_ID`, `%TITLE`), `order` (by default ID descending),
/// `select` and `start` (`-1` skips the count), 50 a page.
fn list_v2(st: &State, caller: &Caller, params: &Value) -> Result<Output, ApiError> {
    let mut q = crate::handlers::list_query(params, false, caller.order_keys.as_deref())?;
    let name = |f: &str| stored_name(&field_name(f)).to_owned();
    for c in &mut q.filter {
        if let Cond::Leaf { field, value, .. } = c {
            *field = name(field);
            *value = field_value(field, value);
        }
    }
    for o in &mut q.order {
        o.field = name(&o.field);
    }
    if q.order.is_empty() {
        q.order.push(OrderBy {
            field: "ID".into(),
            desc: true,
        });
    }
    let page = page(st, caller.user_id, q.filter, q.order, q.start, PAGE);
    let select = select_of(params);
    let tasks: Vec<Value> = page
        .ids
        .iter()
        .filter_map(|id| v2_task(st, caller, *id, &select))
        .collect();
    let rows = tasks.len() as u64;
    Ok(Output {
        result: json!({ "tasks": tasks }),
        total: Some(page.total.unwrap_or(0)),
        next: page.next,
        rows,
        synthesized: false,
    })
}
