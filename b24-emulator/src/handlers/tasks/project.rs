//! Access rights, related objects and select projection of tasks.

#[allow(unused_imports)]
use super::*;

pub(super) fn user_ids(task: &Map<String, Value>, field: &str) -> Vec<u64> {
    match task.get(field) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_u64).collect(),
        Some(v) => v.as_u64().into_iter().collect(),
        None => Vec::new(),
    }
}

pub(super) fn can_read(st: &State, user: u64, task: &Map<String, Value>) -> bool {
    st.is_admin(user)
        || ["creatorId", "responsibleId", "accomplices", "auditors"]
            .iter()
            .any(|f| user_ids(task, f).contains(&user))
}

pub(super) fn can_edit(st: &State, user: u64, task: &Map<String, Value>) -> bool {
    st.is_admin(user) || user_ids(task, "creatorId").contains(&user)
}

/// What the user may do with the task, in the page's `rights` object.
pub(super) fn rights(st: &State, user: u64, task: &Map<String, Value>) -> Value {
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
pub(super) fn parents(st: &State) -> HashSet<u64> {
    st.family(TASKS)
        .records()
        .filter_map(|(_, c)| c.get("parentId").and_then(Value::as_u64))
        .collect()
}

/// A task as the caller sees it: stored fields plus the computed ones.
pub(super) fn materialize(
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

pub(super) fn user_object(st: &State, id: u64) -> Value {
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
pub(super) fn related(
    st: &State,
    user: u64,
    dto: Dto,
    obj: &Map<String, Value>,
    field: &str,
) -> Value {
    let Some((target, Some(key))) = dto.relation(field) else {
        return Value::Null;
    };
    let one = |id: u64| -> Value {
        match target {
            Dto::User => user_object(st, id),
            Dto::Task => match task(st, id) {
                Some(t) => Value::Object(materialize(st, user, id, &t, &parents(st))),
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
pub(super) fn validate_select(dto: Dto, paths: &[Vec<&str>], top: bool) -> Result<(), V3Error> {
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
pub(super) fn project(
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
pub(super) fn relations_after(dto: Dto, field: &str) -> &'static [&'static str] {
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

pub(super) fn split_paths(select: &[String]) -> Vec<Vec<&str>> {
    select.iter().map(|s| s.split('.').collect()).collect()
}

pub(super) fn is_basic(name: &str) -> bool {
    own(name).is_some_and(|f| f.basic)
}
