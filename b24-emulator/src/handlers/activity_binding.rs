//! `crm.activity.binding.*` (`crm/timeline/activities/binding/`): the CRM
//! records an activity is bound to. An activity starts bound to its owner
//! (`OWNER_TYPE_ID`/`OWNER_ID`); `add`, `move` and `delete` change the list
//! `list` reads, with the pages' errors (`NOT_FOUND` for an unknown activity,
//! `ACTIVITY_IS_ALREADY_BOUND`, `BINDING_NOT_FOUND`,
//! `LAST_BINDING_CANNOT_BE_DELETED`, the two `move` checks).

use serde_json::{Value, json};

use super::{R, int_of, param};
use crate::protocol::{ApiError, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "crm.activity.binding.add",
    "crm.activity.binding.list",
    "crm.activity.binding.delete",
    "crm.activity.binding.move",
];

const ACTIVITIES: &str = "crm.activity";
const BINDINGS: &str = "crm.activity.binding";

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

fn int(params: &Value, name: &str) -> Result<i64, ApiError> {
    param(params, name)
        .and_then(int_of)
        .ok_or_else(|| ApiError::bad("100", "Required fields not provided"))
}

/// The bindings of an activity: (store ID, entity type, entity ID).
fn bound(store: &Store, activity: i64) -> Vec<(u64, i64, i64)> {
    let mut out = Vec::new();
    store.scan(1, store.max_id(), false, |row| {
        let rec = store.materialize(row);
        let get = |k: &str| rec.get(k).and_then(int_of);
        if get("activityId") == Some(activity)
            && let (Some(t), Some(e)) = (get("entityTypeId"), get("entityId"))
        {
            out.push((store.row_id(row), t, e));
        }
        true
    });
    out
}

fn binding(activity: i64, ty: i64, id: i64) -> Record {
    Record::from_iter([
        ("activityId".to_owned(), json!(activity)),
        ("entityTypeId".to_owned(), json!(ty)),
        ("entityId".to_owned(), json!(id)),
    ])
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, user: u64, method: &str, params: &Value, now: i64) -> R {
    super::support::check_declared(method, params)?;
    let activity = int(params, "activityId")?;
    // The activity and its owner, which it is bound to from the start.
    let owner = st
        .entities
        .get(ACTIVITIES)
        .and_then(|s| {
            let rec = s.materialize(s.row(u64::try_from(activity).ok()?)?);
            let get = |k: &str| rec.get(k).and_then(int_of);
            Some((get("OWNER_TYPE_ID"), get("OWNER_ID")))
        })
        .ok_or_else(|| ApiError::bad("NOT_FOUND", "Entity not found"))?;
    let store = st.family_mut(BINDINGS);
    if bound(store, activity).is_empty()
        && let (Some(t), Some(e)) = owner
    {
        store.add(&binding(activity, t, e), user, now);
    }
    let rows = bound(store, activity);
    let find = |t: i64, e: i64| rows.iter().find(|(_, rt, re)| *rt == t && *re == e);
    let done = || Ok(Output::one(json!(true)));
    match method {
        "crm.activity.binding.list" => Ok(Output::one(json!(
            rows.iter()
                .map(|(_, t, e)| json!({"entityTypeId": t, "entityId": e}))
                .collect::<Vec<_>>()
        ))),
        "crm.activity.binding.add" => {
            let (t, e) = (int(params, "entityTypeId")?, int(params, "entityId")?);
            if find(t, e).is_some() {
                return Err(ApiError::bad(
                    "ACTIVITY_IS_ALREADY_BOUND",
                    "The activity is already bound to this entity",
                ));
            }
            store.add(&binding(activity, t, e), user, now);
            done()
        }
        "crm.activity.binding.delete" => {
            let (t, e) = (int(params, "entityTypeId")?, int(params, "entityId")?);
            let (id, _, _) = *find(t, e).ok_or_else(|| {
                ApiError::bad(
                    "BINDING_NOT_FOUND",
                    "The activity is not bound to this entity",
                )
            })?;
            if rows.len() == 1 {
                return Err(ApiError::bad(
                    "LAST_BINDING_CANNOT_BE_DELETED",
                    "Cannot delete the only binding of the activity",
                ));
            }
            store.delete(id);
            done()
        }
        _ => {
            let (st_, se) = (
                int(params, "sourceEntityTypeId")?,
                int(params, "sourceEntityId")?,
            );
            let (tt, te) = (
                int(params, "targetEntityTypeId")?,
                int(params, "targetEntityId")?,
            );
            if st_ != tt {
                return Err(ApiError::bad(
                    "SOURCE_AND_TARGET_ENTITY_TYPES_ARE_NOT_EQUAL_ERROR",
                    "Cannot move the activity from one CRM object type to another",
                ));
            }
            if se == te {
                return Err(ApiError::bad(
                    "SOURCE_AND_TARGET_ENTITY_ID_ARE_EQUAL_ERROR",
                    "Cannot move the activity to the same record",
                ));
            }
            let (id, _, _) = *find(st_, se).ok_or_else(|| {
                ApiError::bad(
                    "BINDING_NOT_FOUND",
                    "The activity is not bound to this entity",
                )
            })?;
            if find(tt, te).is_some() {
                return Err(ApiError::bad(
                    "ACTIVITY_IS_ALREADY_BOUND",
                    "The activity is already bound to this entity",
                ));
            }
            store.update(id, &binding(activity, tt, te), user, now);
            done()
        }
    }
}
