//! REST v2 `tasks.task.get` (`tasks/tasks-task-get.md`) over the same task
//! store as REST 3.0, so a task made or seeded through one API is read
//! through the other.

#[allow(unused_imports)]
use super::*;
use crate::protocol::ApiError;
use crate::store::{camel, upper_snake};

/// `{"task": {...}}`: the scalar fields in camelCase with IDs as strings (as
/// the page's example shows), narrowed by `select` (`ID`, `TITLE`, ...). A
/// task the caller cannot see, or none, is an empty result, as a portal
/// answers; a `taskId` that is not a positive number is the page's error
/// `100`.
pub(crate) fn get_v2(st: &State, caller: &Caller, params: &Value) -> Result<Output, ApiError> {
    let id = ["taskId", "TASKID", "id", "ID"]
        .iter()
        .find_map(|k| params.get(*k))
        .and_then(|v| match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            ApiError::new(
                400,
                "100",
                "CTaskItem All parameters in the constructor must have real class type (internal error)",
            )
        })? as u64;
    let select: Vec<String> = match params.get("select") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|s| upper_snake(s).to_uppercase())
            .collect(),
        _ => Vec::new(),
    };
    let all = select.is_empty() || select.iter().any(|s| s == "*");
    let Some(task) = st
        .tasks
        .rows
        .get(&id)
        .filter(|t| can_read(st, caller.user_id, t))
    else {
        return Ok(output(json!([]), 0));
    };
    let full = materialize(st, caller.user_id, id, task, &parents(st));
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
    Ok(output(json!({ "task": out }), 1))
}
