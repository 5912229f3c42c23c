//! CRM records answered under one wrapper key with an integer `id`:
//! `crm.category.*` (`crm/universal/category/`: `{"category": {…}}`,
//! `{"categories": […]}`, funnels of one `entityTypeId`) and
//! `crm.automatedsolution.*` (`crm/automated-solution/`:
//! `{"automatedSolution": {…}}`, `{"automatedSolutions": […]}`). `delete`
//! answers `null`, as both pages show. Lists take a v2 `filter` (operator
//! prefixes), `order` and `start` (`-1`: no count).

use serde_json::{Map, Value, json};

use super::{R, int_of, param};
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

struct Family {
    prefix: &'static str,
    one: &'static str,
    many: &'static str,
    /// Records belong to the `entityTypeId` every call names.
    per_entity_type: bool,
    /// Fields a new record has before the written ones.
    defaults: fn() -> Record,
    /// Fields answered as integers.
    integers: &'static [&'static str],
}

const FAMILIES: [Family; 2] = [
    Family {
        prefix: "crm.category",
        one: "category",
        many: "categories",
        per_entity_type: true,
        defaults: || {
            Record::from_iter([
                ("name".to_owned(), json!("")),
                ("sort".to_owned(), json!(500)),
                ("isDefault".to_owned(), json!("N")),
            ])
        },
        integers: &["sort", "entityTypeId"],
    },
    Family {
        prefix: "crm.automatedsolution",
        one: "automatedSolution",
        many: "automatedSolutions",
        per_entity_type: false,
        defaults: || {
            Record::from_iter([
                ("title".to_owned(), json!("")),
                ("typeIds".to_owned(), json!([])),
            ])
        },
        integers: &[],
    },
];

const VERBS: [&str; 5] = ["add", "update", "get", "list", "delete"];

fn family(method: &str) -> Option<(&'static Family, &str)> {
    let (prefix, verb) = method.rsplit_once('.')?;
    let f = FAMILIES.iter().find(|f| f.prefix == prefix)?;
    VERBS.contains(&verb).then_some((f, verb))
}

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    family(method).is_some()
}

fn not_found() -> ApiError {
    ApiError::new(400, "NOT_FOUND", "Element not found")
}

fn shown(f: &Family, rec: Record) -> Value {
    let mut out = Map::new();
    for (k, v) in rec {
        if k == "ID" {
            out.insert("id".into(), int_of(&v).map_or(Value::Null, |n| json!(n)));
        } else if f.integers.contains(&k.as_str()) {
            out.insert(k, int_of(&v).map_or(v, |n| json!(n)));
        } else {
            out.insert(k, v);
        }
    }
    // `id` first, as the pages show it.
    let id = out.shift_remove("id").unwrap_or(Value::Null);
    let mut first = Map::from_iter([("id".to_owned(), id)]);
    first.extend(out);
    Value::Object(first)
}

/// Runs one method [`handles`] accepts.
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    let Some((f, verb)) = family(method) else {
        return Err(crate::protocol::method_not_found());
    };
    super::support::check_declared(method, params)?;
    let user = caller.user_id;
    let one = |v: Value| Ok(Output::one(v));
    let etid = param(params, "entityTypeId").and_then(int_of);
    let store = st.family_mut(f.prefix);
    // A record of this call's entity type, by the `id` parameter.
    let existing = |store: &Store| -> Result<(u64, Record), ApiError> {
        let id = param(params, "id")
            .and_then(int_of)
            .and_then(|n| u64::try_from(n).ok())
            .ok_or_else(not_found)?;
        let rec = store
            .row(id)
            .map(|r| store.materialize(r))
            .ok_or_else(not_found)?;
        let same_type = !f.per_entity_type || rec.get("entityTypeId").and_then(int_of) == etid;
        if same_type {
            Ok((id, rec))
        } else {
            Err(not_found())
        }
    };
    let written = || -> Result<Record, ApiError> {
        match param(params, "fields") {
            Some(Value::Object(m)) => Ok(m
                .iter()
                .filter(|(k, _)| !["id", "entityTypeId"].contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()),
            _ => Err(ApiError::new(400, "", "Parameter 'fields' must be array.")),
        }
    };
    match verb {
        "add" => {
            let mut rec = (f.defaults)();
            if f.per_entity_type {
                rec.insert("entityTypeId".into(), json!(etid));
            }
            rec.extend(written()?);
            let id = store.add(&rec, user, now);
            let rec = store
                .row(id)
                .map(|r| store.materialize(r))
                .unwrap_or_default();
            one(json!({ f.one: shown(f, rec) }))
        }
        "update" => {
            let (id, _) = existing(store)?;
            store.update(id, &written()?, user, now);
            let rec = store
                .row(id)
                .map(|r| store.materialize(r))
                .unwrap_or_default();
            one(json!({ f.one: shown(f, rec) }))
        }
        "get" => {
            let (_, rec) = existing(store)?;
            one(json!({ f.one: shown(f, rec) }))
        }
        "delete" => {
            let (id, _) = existing(store)?;
            store.delete(id);
            one(Value::Null)
        }
        _ => {
            let rows = store
                .records()
                .filter(|(_, rec)| {
                    !f.per_entity_type || rec.get("entityTypeId").and_then(int_of) == etid
                })
                .map(|(_, rec)| shown(f, rec.clone()));
            Ok(super::support::list(rows, params, |p| json!({ f.many: p })))
        }
    }
}
