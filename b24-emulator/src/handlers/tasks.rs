//! REST 3.0 tasks (`tasks/tasks-task-*-rest-v3.md`, `tasks/fields-rest-v3.md`):
//! `tasks.task.add`, `get`, `update`, `delete` and `list` over an in-memory
//! store, with `select` of own and related fields (`responsible.name`), the
//! v3 filter grammar, `order` and `pagination`.
//!
//! Permissions as the pages describe them: the administrator (user 1) sees
//! and edits every task; other users see the tasks they create, are
//! responsible for, take part in or audit, and edit or delete the ones they
//! created.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::clock::{iso8601, parse_iso8601};
use crate::protocol::{Caller, Output, V3Error};
use crate::state::{Portal, State};
use crate::store::compare;

/// A field's type, as the validation messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Int,
    Str,
    DateTime,
    Bool,
    IntList,
    StrList,
    /// Values the emulator computes (rights, links): never written.
    Any,
}

impl Ty {
    fn name(self) -> &'static str {
        match self {
            Ty::Int => "int",
            Ty::Str => "string",
            Ty::DateTime => "DateTime",
            Ty::Bool => "bool",
            Ty::IntList | Ty::StrList | Ty::Any => "array",
        }
    }

    fn openapi(self) -> Value {
        match self {
            Ty::Int => json!({"type": "integer", "nullable": true}),
            Ty::Str => json!({"type": "string", "nullable": true}),
            Ty::DateTime => json!({"type": "string", "format": "date-time", "nullable": true}),
            Ty::Bool => json!({"type": "boolean", "nullable": true}),
            Ty::IntList => json!({"type": "array", "items": {"type": "integer"}}),
            Ty::StrList => json!({"type": "array", "items": {"type": "string"}}),
            Ty::Any => json!({}),
        }
    }
}

/// Where a field may appear.
#[derive(Debug, Clone, Copy)]
struct Field {
    name: &'static str,
    ty: Ty,
    /// In the answer of `tasks.task.get` without `select` (the page's example).
    basic: bool,
    /// Writable by `tasks.task.add`.
    add: bool,
    /// Writable by `tasks.task.update`.
    update: bool,
}

const fn f(name: &'static str, ty: Ty, basic: bool, add: bool, update: bool) -> Field {
    Field {
        name,
        ty,
        basic,
        add,
        update,
    }
}

/// The task's own fields in the order of the Task object table, which is the
/// order of the answers. `stageId` is left out: the REST 3.0 overview uses it
/// as its example of an unknown own field.
const FIELDS: &[Field] = &[
    f("id", Ty::Int, true, false, false),
    f("title", Ty::Str, true, true, true),
    f("description", Ty::Str, true, true, true),
    f("creatorId", Ty::Int, false, true, false),
    f("created", Ty::DateTime, false, false, false),
    f("responsibleId", Ty::Int, false, true, true),
    f("deadline", Ty::DateTime, true, true, true),
    f("needsControl", Ty::Bool, true, true, true),
    f("startPlan", Ty::DateTime, true, true, true),
    f("endPlan", Ty::DateTime, true, true, true),
    f("fileIds", Ty::Any, true, false, false),
    f("checklist", Ty::IntList, true, false, false),
    f("groupId", Ty::Int, false, true, true),
    f("epicId", Ty::Int, true, false, false),
    f("storyPoints", Ty::Int, true, false, false),
    f("flowId", Ty::Int, false, true, true),
    f("priority", Ty::Str, true, true, true),
    f("status", Ty::Str, true, true, true),
    f("statusChanged", Ty::DateTime, true, false, false),
    f("accomplices", Ty::IntList, false, true, true),
    f("auditors", Ty::IntList, false, true, true),
    f("parentId", Ty::Int, true, true, true),
    f("containsChecklist", Ty::Bool, true, false, false),
    f("containsSubTasks", Ty::Bool, true, false, false),
    f("containsRelatedTasks", Ty::Bool, true, false, false),
    f("containsGanttLinks", Ty::Bool, true, false, false),
    f("containsPlacements", Ty::Bool, true, false, false),
    f("containsResults", Ty::Bool, true, false, false),
    f("numberOfReminders", Ty::Int, true, false, false),
    f("chatId", Ty::Int, true, false, false),
    f("plannedDuration", Ty::Int, true, false, false),
    f("actualDuration", Ty::Int, true, false, false),
    f("durationType", Ty::Str, true, true, true),
    f("started", Ty::DateTime, true, false, false),
    f("estimatedTime", Ty::Int, true, true, true),
    f("replicate", Ty::Bool, true, false, false),
    f("changed", Ty::DateTime, true, false, false),
    f("changedById", Ty::Int, false, false, false),
    f("statusChangedById", Ty::Int, false, false, false),
    f("closedById", Ty::Int, false, false, false),
    f("closed", Ty::DateTime, true, false, false),
    f("activity", Ty::DateTime, true, false, false),
    f("guid", Ty::Str, true, false, false),
    f("xmlId", Ty::Str, true, true, true),
    f("exchangeId", Ty::Str, true, false, false),
    f("exchangeModified", Ty::Str, true, false, false),
    f("outlookVersion", Ty::Int, true, false, false),
    f("mark", Ty::Str, true, false, false),
    f("allowsChangeDeadline", Ty::Bool, true, true, true),
    f("allowsTimeTracking", Ty::Bool, true, true, true),
    f("matchesWorkTime", Ty::Bool, true, true, true),
    f("addInReport", Ty::Bool, true, false, false),
    f("isMultitask", Ty::Bool, true, false, false),
    f("siteId", Ty::Str, true, false, false),
    f("forkedByTemplateId", Ty::Int, false, false, false),
    f("deadlineCount", Ty::Int, true, false, false),
    f("declineReason", Ty::Str, true, false, false),
    f("forumTopicId", Ty::Int, true, false, false),
    f("link", Ty::Str, true, false, false),
    f("rights", Ty::Any, true, false, false),
    f("archiveLink", Ty::Str, true, false, false),
    f("crmItemIds", Ty::StrList, true, true, true),
    f("emailId", Ty::Int, false, false, false),
    f("requireResult", Ty::Bool, true, true, true),
    f("matchesSubTasksTime", Ty::Bool, true, true, true),
    f("autocompleteSubTasks", Ty::Bool, true, true, true),
    f("allowsChangeDatePlan", Ty::Bool, true, true, true),
    f("maxDeadlineChangeDate", Ty::DateTime, true, false, false),
    f("maxDeadlineChanges", Ty::Int, true, false, false),
    f("requireDeadlineChangeReason", Ty::Bool, true, false, false),
    f("inFavorite", Ty::IntList, true, false, false),
    f("inPin", Ty::IntList, true, false, false),
    f("inGroupPin", Ty::IntList, true, false, false),
    f("inMute", Ty::IntList, true, false, false),
    f("dependsOn", Ty::IntList, true, false, false),
    f("scenarios", Ty::StrList, true, false, false),
];

/// Documented values of the enumerated fields.
fn allowed_values(field: &str) -> Option<&'static [&'static str]> {
    Some(match field {
        "priority" => &["high", "average", "low"],
        "status" => &[
            "pending",
            "in_progress",
            "supposedly_completed",
            "completed",
            "deferred",
            "declined",
        ],
        "durationType" => &["secs", "mins", "hours", "days", "weeks", "monts", "years"],
        _ => return None,
    })
}

/// Fields `tasks.task.list` sorts by (its page).
const SORTABLE: &[&str] = &[
    "id",
    "title",
    "creatorId",
    "created",
    "responsibleId",
    "deadline",
    "startPlan",
    "endPlan",
    "groupId",
    "priority",
    "status",
    "started",
    "estimatedTime",
    "changed",
    "closed",
    "activity",
    "mark",
    "allowsChangeDeadline",
    "allowsTimeTracking",
];

/// Fields `tasks.task.list` filters by: "filtering by the `id` field is
/// supported for tasks".
const FILTERABLE: &[&str] = &["id"];

/// The related objects (`fields-rest-v3.md`), by the name the error
/// messages give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dto {
    Task,
    User,
    File,
    Group,
    Stage,
    Flow,
    Chat,
    Template,
    Email,
    ElapsedTime,
    Source,
}

impl Dto {
    fn name(self) -> &'static str {
        match self {
            Dto::Task => "TaskDto",
            Dto::User => "UserDto",
            Dto::File => "FileDto",
            Dto::Group => "GroupDto",
            Dto::Stage => "StageDto",
            Dto::Flow => "FlowDto",
            Dto::Chat => "ChatDto",
            Dto::Template => "TemplateDto",
            Dto::Email => "EmailDto",
            Dto::ElapsedTime => "ElapsedTimeDto",
            Dto::Source => "SourceDto",
        }
    }

    /// Plain fields of a related object (the task's are [`FIELDS`]).
    fn plain(self) -> &'static [&'static str] {
        match self {
            Dto::Task => &[],
            Dto::User => &[
                "id",
                "name",
                "role",
                "gender",
                "email",
                "externalAuthId",
                "rights",
            ],
            Dto::File => &[
                "id",
                "src",
                "name",
                "width",
                "height",
                "size",
                "subDir",
                "contentType",
                "file",
            ],
            Dto::Group => &["id", "name", "type", "isVisible"],
            Dto::Stage => &["id", "title", "color"],
            Dto::Flow => &["id", "name"],
            Dto::Chat => &["id", "entityId", "entityType"],
            Dto::Template => &[
                "id",
                "title",
                "description",
                "responsibleCollection",
                "deadlineAfterTs",
                "startDatePlanTs",
                "endDatePlanTs",
                "replicate",
                "checklist",
                "priority",
                "accomplices",
                "auditors",
                "replicateParams",
            ],
            Dto::Email => &[
                "id",
                "taskId",
                "mailboxId",
                "title",
                "body",
                "from",
                "dateTs",
                "link",
            ],
            Dto::ElapsedTime => &[
                "id",
                "userId",
                "taskId",
                "minutes",
                "seconds",
                "source",
                "text",
                "createdAtTs",
                "startTs",
                "stopTs",
            ],
            Dto::Source => &["type", "data"],
        }
    }

    /// A relation: (field, the object's type, the own field holding its ID
    /// or IDs). `None` for the key: the emulator holds no such records.
    fn relation(self, field: &str) -> Option<(Dto, Option<&'static str>)> {
        Some(match (self, field) {
            (Dto::Task, "creator") => (Dto::User, Some("creatorId")),
            (Dto::Task, "responsible") => (Dto::User, Some("responsibleId")),
            (Dto::Task, "changedBy") => (Dto::User, Some("changedById")),
            (Dto::Task, "statusChangedBy") => (Dto::User, Some("statusChangedById")),
            (Dto::Task, "closedBy") => (Dto::User, Some("closedById")),
            (Dto::Task, "accomplices") => (Dto::User, Some("accomplices")),
            (Dto::Task, "auditors") => (Dto::User, Some("auditors")),
            (Dto::Task, "parent") => (Dto::Task, Some("parentId")),
            (Dto::Task, "chat") => (Dto::Chat, Some("chatId")),
            (Dto::Task, "group") => (Dto::Group, Some("groupId")),
            (Dto::Task, "flow") => (Dto::Flow, Some("flowId")),
            (Dto::Task, "forkedByTemplate") => (Dto::Template, Some("forkedByTemplateId")),
            (Dto::Task, "email") => (Dto::Email, Some("emailId")),
            (Dto::Task, "elapsedTime") => (Dto::ElapsedTime, None),
            (Dto::Task, "source") => (Dto::Source, None),
            (Dto::User | Dto::Group, "image") => (Dto::File, None),
            (Dto::Template, "task") => (Dto::Task, None),
            (Dto::Template, "creator") => (Dto::User, None),
            (Dto::Template, "group") => (Dto::Group, None),
            (Dto::Template, "parent") => (Dto::Template, None),
            _ => return None,
        })
    }

    fn has_plain(self, field: &str) -> bool {
        match self {
            Dto::Task => own(field).is_some(),
            d => d.plain().contains(&field),
        }
    }
}

fn own(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

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
        } else if !st.tasks.rows.contains_key(&parent) {
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

fn user_ids(task: &Map<String, Value>, field: &str) -> Vec<u64> {
    match task.get(field) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_u64).collect(),
        Some(v) => v.as_u64().into_iter().collect(),
        None => Vec::new(),
    }
}

fn can_read(st: &State, user: u64, task: &Map<String, Value>) -> bool {
    st.is_admin(user)
        || ["creatorId", "responsibleId", "accomplices", "auditors"]
            .iter()
            .any(|f| user_ids(task, f).contains(&user))
}

fn can_edit(st: &State, user: u64, task: &Map<String, Value>) -> bool {
    st.is_admin(user) || user_ids(task, "creatorId").contains(&user)
}

/// What the user may do with the task, in the page's `rights` object.
fn rights(st: &State, user: u64, task: &Map<String, Value>) -> Value {
    let edit = can_edit(st, user, task);
    let responsible = user_ids(task, "responsibleId").contains(&user);
    let work = edit || responsible;
    let mut m = Map::new();
    for (k, v) in [
        ("read", true),
        ("watch", true),
        ("mute", true),
        ("createResult", work),
        ("edit", edit),
        ("remove", edit),
        ("complete", work),
        ("approve", false),
        ("disapprove", false),
        ("start", work),
        ("take", false),
        ("delegate", work),
        ("defer", work),
        ("renew", false),
        ("deadline", edit),
        ("datePlan", work),
        ("changeDirector", false),
        ("changeResponsible", edit),
        ("changeAccomplices", edit),
        ("pause", false),
        ("timeTracking", false),
        ("mark", edit),
        ("changeStatus", work),
        ("reminder", true),
        ("addAuditors", true),
        ("elapsedTime", true),
        ("favorite", true),
        ("checklistAdd", work),
        ("checklistEdit", work),
        ("checklistSave", work),
        ("checklistToggle", work),
        ("automate", edit),
        ("resultEdit", false),
        ("completeResult", work),
        ("removeResult", false),
        ("resultRead", false),
        ("admin", st.is_admin(user)),
        ("createSubtask", true),
        ("copy", true),
        ("saveAsTemplate", true),
        ("attachFile", work),
        ("detachFile", work),
        ("detachParent", edit),
        ("createGanttDependence", edit),
        ("sort", false),
    ] {
        m.insert(k.to_owned(), json!(v));
    }
    Value::Object(m)
}

/// The IDs of tasks that have subtasks.
fn parents(st: &State) -> HashSet<u64> {
    st.tasks
        .rows
        .values()
        .filter_map(|c| c.get("parentId").and_then(Value::as_u64))
        .collect()
}

/// A task as the caller sees it: stored fields plus the computed ones.
fn materialize(
    st: &State,
    user: u64,
    id: u64,
    task: &Map<String, Value>,
    parents: &HashSet<u64>,
) -> Map<String, Value> {
    let mut t = task.clone();
    t.insert("containsSubTasks".into(), json!(parents.contains(&id)));
    t.insert("rights".into(), rights(st, user, task));
    t
}

fn user_object(st: &State, id: u64) -> Value {
    let Some(row) = st.users.row(id) else {
        return Value::Null;
    };
    let rec = st.users.materialize(row);
    let text = |k: &str| rec.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let name = format!("{} {}", text("NAME"), text("LAST_NAME"))
        .trim()
        .to_owned();
    json!({
        "id": id,
        "name": name,
        "role": text("USER_TYPE"),
        "image": null,
        "gender": text("PERSONAL_GENDER"),
        "email": text("EMAIL"),
        "externalAuthId": null,
        "rights": [],
    })
}

/// The related object (or list of them) behind `field` of `obj`.
fn related(st: &State, user: u64, dto: Dto, obj: &Map<String, Value>, field: &str) -> Value {
    let Some((target, Some(key))) = dto.relation(field) else {
        return Value::Null;
    };
    let one = |id: u64| -> Value {
        match target {
            Dto::User => user_object(st, id),
            Dto::Task => match st.tasks.rows.get(&id) {
                Some(t) => Value::Object(materialize(st, user, id, t, &parents(st))),
                None => Value::Null,
            },
            Dto::Chat => json!({
                "id": id,
                "entityId": obj.get("id"),
                "entityType": "TASKS_TASK",
            }),
            _ => Value::Null,
        }
    };
    match obj.get(key) {
        Some(Value::Array(ids)) => ids.iter().filter_map(Value::as_u64).map(one).collect(),
        Some(v) => v.as_u64().map(one).unwrap_or(Value::Null),
        None => Value::Null,
    }
}

/// Checks `select` paths against the objects: an unknown field of a related
/// object is an error; an unknown own field (top level) is dropped.
fn validate_select(dto: Dto, paths: &[Vec<&str>], top: bool) -> Result<(), V3Error> {
    for path in paths {
        let Some((first, rest)) = path.split_first() else {
            continue;
        };
        if rest.is_empty() {
            if !top && !dto.has_plain(first) && dto.relation(first).is_none() {
                return Err(V3Error::unknown_field(first, dto.name()));
            }
            continue;
        }
        match dto.relation(first) {
            Some((target, _)) => validate_select(target, &[rest.to_vec()], false)?,
            None => return Err(V3Error::unknown_field(first, dto.name())),
        }
    }
    Ok(())
}

/// Projects `obj` onto the selected paths (already validated). `base`: the
/// fields given when no own field is selected.
fn project(
    st: &State,
    user: u64,
    dto: Dto,
    obj: &Map<String, Value>,
    paths: &[Vec<&str>],
    base: &dyn Fn(&str) -> bool,
) -> Map<String, Value> {
    let mut whole: Vec<&str> = Vec::new();
    let mut nested: Vec<(&str, Vec<Vec<&str>>)> = Vec::new();
    for path in paths {
        match path.split_first() {
            Some((first, [])) => whole.push(first),
            Some((first, rest)) => match nested.iter_mut().find(|(n, _)| n == first) {
                Some((_, subs)) => subs.push(rest.to_vec()),
                None => nested.push((first, vec![rest.to_vec()])),
            },
            None => {}
        }
    }
    let own_selected = whole.iter().any(|w| dto.has_plain(w));
    let names: Vec<&str> = match dto {
        Dto::Task => FIELDS.iter().map(|f| f.name).collect(),
        d => d.plain().to_vec(),
    };
    let mut out = Map::new();
    let put_related = |out: &mut Map<String, Value>, name: &str| {
        let (target, _) = match dto.relation(name) {
            Some(r) => r,
            None => return,
        };
        let subs = nested.iter().find(|(n, _)| *n == name).map(|(_, s)| s);
        let value = related(st, user, dto, obj, name);
        let shape = |v: &Value| -> Value {
            match (v, subs) {
                (Value::Object(o), Some(subs)) => {
                    Value::Object(project(st, user, target, o, subs, &|_| false))
                }
                (other, _) => other.clone(),
            }
        };
        let shaped = match &value {
            Value::Array(a) => Value::Array(a.iter().map(&shape).collect()),
            v => shape(v),
        };
        out.insert(name.to_owned(), shaped);
    };
    for name in &names {
        let selected = if own_selected {
            whole.contains(name)
        } else {
            base(name)
        };
        // `accomplices.name` replaces the ID list with user objects.
        let as_object = nested.iter().any(|(n, _)| n == name);
        if selected && !as_object {
            out.insert(
                (*name).to_owned(),
                obj.get(*name).cloned().unwrap_or(Value::Null),
            );
        }
        // Related objects go right after the field holding their key.
        for rel in relations_after(dto, name) {
            // `accomplices` alone is the ID list; `accomplices.name`, users.
            let wanted = nested.iter().any(|(n, _)| n == rel)
                || (whole.contains(rel) && !dto.has_plain(rel));
            if wanted {
                put_related(&mut out, rel);
            }
        }
    }
    for (name, _) in &nested {
        if !out.contains_key(*name) {
            put_related(&mut out, name);
        }
    }
    for name in &whole {
        if !out.contains_key(*name) && dto.relation(name).is_some() && !dto.has_plain(name) {
            put_related(&mut out, name);
        }
    }
    out
}

/// Relations listed right after a field in the Task object table.
fn relations_after(dto: Dto, field: &str) -> &'static [&'static str] {
    if dto != Dto::Task {
        return &[];
    }
    match field {
        "creatorId" => &["creator"],
        "responsibleId" => &["responsible"],
        "groupId" => &["group"],
        "flowId" => &["flow"],
        "accomplices" => &["accomplices"],
        "auditors" => &["auditors"],
        "parentId" => &["parent"],
        "chatId" => &["chat"],
        "changedById" => &["changedBy"],
        "statusChangedById" => &["statusChangedBy"],
        "closedById" => &["closedBy"],
        "forkedByTemplateId" => &["forkedByTemplate"],
        "emailId" => &["email", "elapsedTime"],
        "inMute" => &["source"],
        _ => &[],
    }
}

fn split_paths(select: &[String]) -> Vec<Vec<&str>> {
    select.iter().map(|s| s.split('.').collect()).collect()
}

fn is_basic(name: &str) -> bool {
    own(name).is_some_and(|f| f.basic)
}

fn add(st: &mut State, caller: &Caller, params: &Value, now: i64) -> R {
    let fields = fields_param(params)?;
    let written = validate_fields(fields, true)?;
    validate_links(st, None, &written, &written)?;
    st.tasks.last_id += 1;
    let id = st.tasks.last_id;
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
    st.tasks.rows.insert(id, task.clone());
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
    let task = st.tasks.rows.get(&id).ok_or_else(|| {
        V3Error::new(
            400,
            "ENTITYNOTFOUNDEXCEPTION",
            format!("Record with ID = `{id}` not found"),
        )
    })?;
    if !can_read(st, caller.user_id, task) {
        return Err(V3Error::access_denied());
    }
    let item = materialize(st, caller.user_id, id, task, &parents(st));
    let item = project(st, caller.user_id, Dto::Task, &item, &paths, &is_basic);
    Ok(output(json!({ "item": item }), 1))
}

fn update(st: &mut State, caller: &Caller, params: &Value, now: i64) -> R {
    let id = id_param(params)?;
    let fields = fields_param(params)?;
    let written = validate_fields(fields, false)?;
    let Some(task) = st.tasks.rows.get(&id) else {
        return Err(V3Error::access_denied());
    };
    if !can_edit(st, caller.user_id, task) {
        return Err(V3Error::access_denied());
    }
    let mut merged = task.clone();
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
    st.tasks.rows.insert(id, merged);
    Ok(output(json!({"result": true}), 1))
}

fn delete(st: &mut State, caller: &Caller, params: &Value) -> R {
    let id = id_param(params)?;
    let Some(task) = st.tasks.rows.get(&id) else {
        return Err(V3Error::access_denied());
    };
    if !can_edit(st, caller.user_id, task) {
        return Err(V3Error::access_denied());
    }
    st.tasks.rows.remove(&id);
    // Subtasks lose their parent rather than disappear.
    for t in st.tasks.rows.values_mut() {
        if t.get("parentId").and_then(Value::as_u64) == Some(id) {
            t.insert("parentId".into(), Value::Null);
        }
    }
    Ok(output(json!({"result": true}), 1))
}

/// A parsed filter: conditions at one level are ANDed, groups ORed.
#[derive(Debug)]
enum Cond {
    Leaf {
        field: &'static str,
        op: Op,
        value: Value,
    },
    Group {
        or: bool,
        conditions: Vec<Cond>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    In,
    Between,
}

/// Deepest nesting of filter groups accepted.
const MAX_FILTER_DEPTH: usize = 32;

fn bad_filter(what: &Value) -> V3Error {
    let text: String = what.to_string().chars().take(200).collect();
    V3Error::field(
        "filter",
        format!("Unable to recognize the filter condition `{text}`"),
    )
}

fn parse_conditions(list: &Value, depth: usize) -> Result<Vec<Cond>, V3Error> {
    let Value::Array(items) = list else {
        return Err(bad_filter(list));
    };
    if depth > MAX_FILTER_DEPTH {
        return Err(bad_filter(list));
    }
    items.iter().map(|c| parse_condition(c, depth)).collect()
}

fn parse_condition(c: &Value, depth: usize) -> Result<Cond, V3Error> {
    match c {
        Value::Object(m) => {
            let or = match m
                .get("logic")
                .and_then(Value::as_str)
                .map(str::to_lowercase)
            {
                Some(l) if l == "or" => true,
                Some(l) if l == "and" => false,
                None => false,
                Some(_) => return Err(bad_filter(c)),
            };
            let conditions =
                parse_conditions(m.get("conditions").unwrap_or(&Value::Null), depth + 1)?;
            Ok(Cond::Group { or, conditions })
        }
        Value::Array(parts) => {
            let (name, op, value) = match parts.as_slice() {
                [Value::String(f), v @ Value::Array(_)] => (f, "in", v),
                [Value::String(f), v] => (f, "=", v),
                [Value::String(f), Value::String(op), v] => (f, op.as_str(), v),
                _ => return Err(bad_filter(c)),
            };
            let Some(field) = own(name) else {
                return Err(V3Error::unknown_field(name, Dto::Task.name()));
            };
            if !FILTERABLE.contains(&field.name) {
                return Err(V3Error::field(
                    name,
                    format!(
                        "In DTO `TaskDto`, the `{name}` field requires the `Filterable` attribute for such a request"
                    ),
                ));
            }
            let op = match op {
                "=" => Op::Eq,
                "!=" => Op::Ne,
                ">" => Op::Gt,
                ">=" => Op::Ge,
                "<" => Op::Lt,
                "<=" => Op::Le,
                "in" => Op::In,
                "between" => Op::Between,
                other => {
                    return Err(V3Error::new(
                        400,
                        "UNKNOWNFILTEROPERATOREXCEPTION",
                        format!("Unknown filter operator `{other}`"),
                    ));
                }
            };
            let value = filter_value(field, op, value)?;
            Ok(Cond::Leaf {
                field: field.name,
                op,
                value,
            })
        }
        _ => Err(bad_filter(c)),
    }
}

/// The condition's value, converted to the field's type.
fn filter_value(field: &Field, op: Op, v: &Value) -> Result<Value, V3Error> {
    let one = |x: &Value| {
        coerce(field, x).map_err(|m| V3Error::validation(vec![(field.name.to_owned(), m)]))
    };
    match op {
        Op::In => match v {
            Value::Array(a) => a
                .iter()
                .map(one)
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            _ => Err(V3Error::validation(vec![wrong_type(field.name, "array")])),
        },
        Op::Between => match v.as_array().map(Vec::as_slice) {
            Some([a, b]) => Ok(json!([one(a)?, one(b)?])),
            _ => Err(V3Error::validation(vec![wrong_type(field.name, "array")])),
        },
        _ => one(v),
    }
}

fn order_of(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => compare(a, b),
    }
}

impl Cond {
    fn matches(&self, task: &Map<String, Value>) -> bool {
        match self {
            Cond::Group {
                or: true,
                conditions,
            } => conditions.iter().any(|c| c.matches(task)),
            Cond::Group {
                or: false,
                conditions,
            } => conditions.iter().all(|c| c.matches(task)),
            Cond::Leaf { field, op, value } => {
                let have = task.get(*field).unwrap_or(&Value::Null);
                let cmp = |v: &Value| {
                    !have.is_null() && !v.is_null() && order_of(have, v) == Ordering::Equal
                };
                match op {
                    Op::Eq => cmp(value) || (have.is_null() && value.is_null()),
                    Op::Ne => !(cmp(value) || (have.is_null() && value.is_null())),
                    Op::Gt => !have.is_null() && order_of(have, value) == Ordering::Greater,
                    Op::Ge => !have.is_null() && order_of(have, value) != Ordering::Less,
                    Op::Lt => {
                        !have.is_null()
                            && !value.is_null()
                            && order_of(have, value) == Ordering::Less
                    }
                    Op::Le => {
                        !have.is_null()
                            && !value.is_null()
                            && order_of(have, value) != Ordering::Greater
                    }
                    Op::In => value.as_array().is_some_and(|a| a.iter().any(cmp)),
                    Op::Between => match value.as_array().map(Vec::as_slice) {
                        Some([lo, hi]) => {
                            !have.is_null()
                                && order_of(have, lo) != Ordering::Less
                                && order_of(have, hi) != Ordering::Greater
                        }
                        _ => false,
                    },
                }
            }
        }
    }
}

fn bad_order(order: &Value) -> V3Error {
    V3Error::new(
        400,
        "INVALIDORDEREXCEPTION",
        format!("Unable to recognize sorting parameter `{order}`"),
    )
}

fn parse_order(params: &Value) -> Result<Vec<(&'static str, bool)>, V3Error> {
    let order = match params.get("order") {
        None | Some(Value::Null) => return Ok(vec![("id", true)]),
        Some(Value::Array(a)) if a.is_empty() => return Ok(vec![("id", true)]),
        Some(o) => o,
    };
    let Value::Object(m) = order else {
        return Err(bad_order(order));
    };
    let mut out = Vec::new();
    for (k, v) in m {
        let asc = match v.as_str().map(str::to_ascii_uppercase).as_deref() {
            Some("ASC") => true,
            Some("DESC") => false,
            _ => return Err(bad_order(&json!({ k: v }))),
        };
        let Some(name) = SORTABLE.iter().find(|s| **s == k) else {
            return Err(bad_order(&json!({ k: v })));
        };
        out.push((*name, asc));
    }
    // Ties keep ID order.
    out.push(("id", true));
    Ok(out)
}

/// Tasks per page by default and at most.
const DEFAULT_LIMIT: u64 = 50;
const MAX_LIMIT: u64 = 1000;

/// `pagination`: (offset, limit).
fn parse_pagination(params: &Value) -> Result<(u64, u64), V3Error> {
    let p = match params.get("pagination") {
        None | Some(Value::Null) => return Ok((0, DEFAULT_LIMIT)),
        Some(Value::Array(a)) if a.is_empty() => return Ok((0, DEFAULT_LIMIT)),
        Some(p) => p,
    };
    let bad = |what: &Value| {
        V3Error::new(
            400,
            "INVALIDPAGINATIONEXCEPTION",
            format!("Unable to recognize the pagination parameter `{what}`"),
        )
    };
    let Value::Object(m) = p else {
        return Err(bad(p));
    };
    let num = |k: &str| -> Result<Option<u64>, V3Error> {
        match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| bad(&json!({ k: v }))),
        }
    };
    let limit = num("limit")?.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(bad(&json!({"limit": limit})));
    }
    let offset = match (num("page")?, num("offset")?) {
        (Some(0), _) => return Err(bad(&json!({"page": 0}))),
        (Some(page), _) => (page - 1).saturating_mul(limit),
        (None, Some(o)) => o,
        (None, None) => 0,
    };
    Ok((offset, limit))
}

/// The value a field sorts by: priorities by rank (Bitrix24 stores them as
/// 0 low, 1 average, 2 high), the rest as they are.
fn sort_value(task: &Map<String, Value>, field: &str) -> Value {
    let v = task.get(field).cloned().unwrap_or(Value::Null);
    match (field, v.as_str()) {
        ("priority", Some("low")) => json!(0),
        ("priority", Some("average")) => json!(1),
        ("priority", Some("high")) => json!(2),
        _ => v,
    }
}

fn list(st: &State, caller: &Caller, params: &Value) -> R {
    let select = select_param(params)?;
    let paths = split_paths(select.as_deref().unwrap_or_default());
    validate_select(Dto::Task, &paths, true)?;
    let filter = match params.get("filter") {
        None | Some(Value::Null) => Vec::new(),
        Some(f) => parse_conditions(f, 0)?,
    };
    let order = parse_order(params)?;
    let (offset, limit) = parse_pagination(params)?;
    let parents = parents(st);
    let mut found: Vec<(&u64, &Map<String, Value>)> = st
        .tasks
        .rows
        .iter()
        .filter(|(_, t)| can_read(st, caller.user_id, t))
        .filter(|(_, t)| filter.iter().all(|c| c.matches(t)))
        .collect();
    found.sort_by(|(_, a), (_, b)| {
        order
            .iter()
            .map(|(k, asc)| {
                let o = order_of(&sort_value(a, k), &sort_value(b, k));
                if *asc { o } else { o.reverse() }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let items: Vec<Value> = found
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(limit as usize)
        .map(|(id, t)| {
            let item = materialize(st, caller.user_id, *id, t, &parents);
            // Without `select` a list gives only `id`.
            Value::Object(project(
                st,
                caller.user_id,
                Dto::Task,
                &item,
                &paths,
                &|n| n == "id",
            ))
        })
        .collect();
    let rows = items.len() as u64;
    Ok(output(json!({ "items": items }), rows))
}

/// The request body schema of a method, for the OpenAPI document (`None`:
/// the method has no parameters).
pub(crate) fn request_schema(method: &str) -> Option<Value> {
    let id = json!({"type": "integer"});
    let select = json!({"type": "array", "items": {"type": "string"}});
    let fields = json!({"$ref": "#/components/schemas/TaskDto"});
    Some(match method {
        "tasks.task.add" => json!({"type": "object", "required": ["fields"],
            "properties": {"fields": fields}}),
        "tasks.task.get" => json!({"type": "object", "required": ["id"],
            "properties": {"id": id, "select": select}}),
        "tasks.task.update" => json!({"type": "object", "required": ["id", "fields"],
            "properties": {"id": id, "fields": fields}}),
        "tasks.task.delete" => json!({"type": "object", "required": ["id"],
            "properties": {"id": id}}),
        "tasks.task.list" => json!({"type": "object", "properties": {
            "select": select,
            "filter": {"type": "array", "items": {}},
            "order": {"type": "object", "additionalProperties": {"type": "string", "enum": ["ASC", "DESC"]}},
            "pagination": {"type": "object", "properties": {
                "page": {"type": "integer"}, "limit": {"type": "integer", "maximum": MAX_LIMIT},
                "offset": {"type": "integer"}}},
        }}),
        "batch" => json!({"type": "array", "maxItems": crate::protocol::MAX_BATCH, "items": {
            "type": "object", "required": ["method"],
            "properties": {"method": {"type": "string"}, "query": {"type": "object"}}}}),
        _ => return None,
    })
}

/// `components.schemas`: the task and its related objects.
pub(crate) fn schemas() -> Value {
    let mut out = Map::new();
    for dto in [
        Dto::Task,
        Dto::User,
        Dto::File,
        Dto::Group,
        Dto::Stage,
        Dto::Flow,
        Dto::Chat,
        Dto::Template,
        Dto::Email,
        Dto::ElapsedTime,
        Dto::Source,
    ] {
        let mut props = Map::new();
        match dto {
            Dto::Task => {
                for f in FIELDS {
                    let mut s = f.ty.openapi();
                    if let Some(values) = allowed_values(f.name) {
                        s["enum"] = json!(values);
                    }
                    if !f.add && !f.update {
                        s["readOnly"] = json!(true);
                    }
                    props.insert(f.name.to_owned(), s);
                }
            }
            d => {
                for name in d.plain() {
                    props.insert((*name).to_owned(), json!({}));
                }
            }
        }
        for rel in [
            "creator",
            "responsible",
            "changedBy",
            "statusChangedBy",
            "closedBy",
            "accomplices",
            "auditors",
            "parent",
            "chat",
            "group",
            "flow",
            "forkedByTemplate",
            "email",
            "elapsedTime",
            "source",
            "image",
            "task",
        ] {
            if let Some((target, _)) = dto.relation(rel) {
                let r = json!({"$ref": format!("#/components/schemas/{}", target.name())});
                let s = if matches!(rel, "accomplices" | "auditors") {
                    json!({"oneOf": [{"type": "array", "items": {"type": "integer"}},
                                      {"type": "array", "items": r}]})
                } else {
                    r
                };
                props.insert(rel.to_owned(), s);
            }
        }
        let mut schema = json!({"type": "object", "properties": props});
        if dto == Dto::Task {
            schema["required"] = json!(["title", "creatorId", "responsibleId"]);
        }
        out.insert(dto.name().to_owned(), schema);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: u64) -> Map<String, Value> {
        json!({"id": id}).as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn filter_grammar() {
        let f = json!([["id", ">", 1], {"logic": "or", "conditions": [["id", [2, 3]], ["id", "between", [7, 9]]]}]);
        let conds = parse_conditions(&f, 0).unwrap();
        let hit = |id| conds.iter().all(|c| c.matches(&task(id)));
        let ids: Vec<u64> = (1..=10).filter(|i| hit(*i)).collect();
        assert_eq!(ids, vec![2, 3, 7, 8, 9]);
        let err = parse_conditions(&json!([["id", "~", 1]]), 0).unwrap_err();
        assert_eq!(
            err.code,
            "BITRIX_REST_V3_EXCEPTION_UNKNOWNFILTEROPERATOREXCEPTION"
        );
        let err = parse_conditions(&json!([["nope", 1]]), 0).unwrap_err();
        assert_eq!(err.message, "Unknown field `nope` for entity `TaskDto`");
        let err = parse_conditions(&json!([["title", "x"]]), 0).unwrap_err();
        assert_eq!(err.validation[0].0, "title");
        let err = parse_conditions(&json!([["id", "="]]), 0).unwrap_err();
        assert_eq!(err.validation[0].0, "id");
        let mut deep = json!([["id", 1]]);
        for _ in 0..40 {
            deep = json!([{"logic": "or", "conditions": deep}]);
        }
        assert!(parse_conditions(&deep, 0).is_err());
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
