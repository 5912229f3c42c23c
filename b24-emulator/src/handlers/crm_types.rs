//! `crm.type.*`, the smart process types
//! (`crm/universal/user-defined-object-types/`): `add` assigns the record ID
//! and, when none is given, an `entityTypeId` (an even number from 1030, as
//! `crm-type-add.md` allows); the type comes back under `type` with every
//! field of the page's example (`Y`/`N` flags, integer IDs); `fields`
//! describes the fields of the spec's `Type`; `list` answers `{types: […]}`;
//! `delete` answers `[]`.

use serde_json::{Map, Value, json};

use super::{R, int_of, param};
use crate::clock::iso8601;
use crate::filter::split_v2_key;
use crate::protocol::{ApiError, Caller, Output};
use crate::registry::registry;
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "crm.type.add",
    "crm.type.update",
    "crm.type.get",
    "crm.type.getbyentitytypeid",
    "crm.type.list",
    "crm.type.delete",
    "crm.type.fields",
];

const FAMILY: &str = "crm.type";

/// The `Y`/`N` switches of a type and their defaults (`crm-type-add.md`).
const FLAGS: [(&str, &str); 17] = [
    ("isCategoriesEnabled", "N"),
    ("isStagesEnabled", "N"),
    ("isBeginCloseDatesEnabled", "N"),
    ("isClientEnabled", "N"),
    ("isUseInUserfieldEnabled", "N"),
    ("isLinkWithProductsEnabled", "N"),
    ("isMycompanyEnabled", "N"),
    ("isDocumentsEnabled", "N"),
    ("isSourceEnabled", "N"),
    ("isObserversEnabled", "N"),
    ("isRecyclebinEnabled", "N"),
    ("isAutomationEnabled", "N"),
    ("isBizProcEnabled", "N"),
    ("isSetOpenPermissions", "Y"),
    ("isPaymentsEnabled", "N"),
    ("isCountersEnabled", "N"),
    ("isInitialized", "Y"),
];

/// Fields the app cannot write.
const READ_ONLY: [&str; 6] = [
    "id",
    "createdBy",
    "createdTime",
    "updatedTime",
    "updatedBy",
    "isInitialized",
];

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

fn flag(v: &Value) -> Value {
    let on = match v {
        Value::Bool(b) => *b,
        Value::String(s) => matches!(s.to_ascii_lowercase().as_str(), "y" | "true" | "1"),
        Value::Number(n) => n.as_i64().is_some_and(|n| n != 0),
        _ => false,
    };
    json!(if on { "Y" } else { "N" })
}

/// `crm-type-get.md`: a missing type is 400 with the code `0`.
fn not_found() -> ApiError {
    ApiError::new(400, "0", "SPA not found")
}

/// The written fields a type keeps.
fn writable(fields: &Map<String, Value>) -> Record {
    fields
        .iter()
        .filter(|(k, _)| !READ_ONLY.contains(&k.as_str()))
        .map(|(k, v)| {
            let v = if FLAGS.iter().any(|(f, _)| f == k) {
                flag(v)
            } else {
                v.clone()
            };
            (k.clone(), v)
        })
        .collect()
}

/// A stored type as the methods answer it (ID and user IDs as integers).
fn shown(rec: Record) -> Value {
    let mut out = Map::new();
    for (k, v) in rec {
        let v = match k.as_str() {
            "ID" => {
                out.insert("id".into(), int_of(&v).map_or(Value::Null, |n| json!(n)));
                continue;
            }
            "entityTypeId" | "createdBy" | "updatedBy" | "customSectionId" => {
                int_of(&v).map_or(Value::Null, |n| json!(n))
            }
            _ => v,
        };
        out.insert(k, v);
    }
    Value::Object(out)
}

fn all(store: &Store) -> Vec<Record> {
    store.records().map(|(_, r)| r.clone()).collect()
}

fn by_entity_type(store: &Store, etid: i64) -> Option<Record> {
    all(store)
        .into_iter()
        .find(|r| r.get("entityTypeId").and_then(int_of) == Some(etid))
}

/// The field names of the spec's `Type`.
fn type_fields() -> Vec<String> {
    let reg = registry();
    reg.get("crm.type.get", false)
        .and_then(|e| reg.file(e).types.get("Type"))
        .map(|t| t.fields.iter().map(|f| f.name.value.clone()).collect())
        .unwrap_or_default()
}

/// `crm.type.fields`: the spec's `Type`, in the form of `crm-type-fields.md`.
fn fields_description() -> Value {
    let reg = registry();
    let Some(entry) = reg.get("crm.type.get", false) else {
        return json!({"fields": {}});
    };
    let Some(ty) = reg.file(entry).types.get("Type") else {
        return json!({"fields": {}});
    };
    let mut out = Map::new();
    for f in &ty.fields {
        let name = &f.name.value;
        let kind = match f.shape.ty.value.as_str() {
            "boolean" => "boolean",
            "datetime" => "datetime",
            "object" | "array" => "object",
            _ if name == "createdBy" || name == "updatedBy" => "user",
            "integer" => "integer",
            _ => "string",
        };
        let upper: String = name
            .chars()
            .flat_map(|c| {
                let sep = c.is_ascii_uppercase().then_some('_');
                sep.into_iter()
                    .chain(std::iter::once(c.to_ascii_uppercase()))
            })
            .collect();
        out.insert(
            name.clone(),
            json!({
                "type": kind,
                "isRequired": name == "title",
                "isReadOnly": READ_ONLY.contains(&name.as_str()),
                "isImmutable": name == "entityTypeId",
                "isMultiple": f.shape.ty.value == "array",
                "isDynamic": false,
                "title": f.shape.description.clone().unwrap_or_else(|| name.clone()),
                "upperName": upper,
            }),
        );
    }
    json!({ "fields": out })
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    super::support::check_declared(method, params)?;
    let user = caller.user_id;
    let one = |v: Value| Ok(Output::one(v));
    let store = st.family_mut(FAMILY);
    let fields = || match param(params, "fields") {
        Some(Value::Object(m)) => Ok(writable(m)),
        _ => Err(ApiError::new(400, "", "Parameter 'fields' must be array.")),
    };
    let id = || {
        param(params, "id")
            .and_then(int_of)
            .and_then(|n| u64::try_from(n).ok())
            .filter(|n| *n > 0)
            .ok_or_else(not_found)
    };
    match method {
        "crm.type.fields" => one(fields_description()),
        "crm.type.add" => {
            let mut rec = fields()?;
            let taken = |e: i64| by_entity_type(store, e).is_some();
            let etid = match rec.get("entityTypeId").and_then(int_of) {
                Some(e) if (128..=192).contains(&e) || (e >= 1030 && e % 2 == 0) => {
                    if taken(e) {
                        return Err(ApiError::new(
                            400,
                            "",
                            &format!("SPA with entityTypeId {e} already exists"),
                        ));
                    }
                    e
                }
                Some(e) => {
                    return Err(ApiError::new(
                        400,
                        "",
                        &format!("entityTypeId {e} is out of the allowed ranges"),
                    ));
                }
                None => (1030..).step_by(2).find(|e| !taken(*e)).unwrap_or(1030),
            };
            let mut full = Record::new();
            full.insert("title".into(), json!(""));
            full.insert("code".into(), json!(""));
            full.insert("createdBy".into(), json!(user));
            full.insert("entityTypeId".into(), json!(etid));
            full.insert("customSectionId".into(), Value::Null);
            for (f, default) in FLAGS {
                full.insert(f.into(), json!(default));
            }
            full.insert("createdTime".into(), json!(iso8601(now)));
            full.insert("updatedTime".into(), json!(iso8601(now)));
            full.insert("updatedBy".into(), json!(user));
            full.insert("relations".into(), json!({"parent": [], "child": []}));
            full.insert("linkedUserFields".into(), json!({}));
            rec.remove("entityTypeId");
            full.extend(rec);
            let id = store.add(&full, user, now);
            let rec = store
                .row(id)
                .map(|r| store.materialize(r))
                .unwrap_or_default();
            one(json!({"type": shown(rec)}))
        }
        "crm.type.update" => {
            let id = id()?;
            let mut rec = fields()?;
            rec.remove("entityTypeId");
            rec.insert("updatedTime".into(), json!(iso8601(now)));
            rec.insert("updatedBy".into(), json!(user));
            if !store.update(id, &rec, user, now) {
                return Err(not_found());
            }
            let rec = store
                .row(id)
                .map(|r| store.materialize(r))
                .unwrap_or_default();
            one(json!({"type": shown(rec)}))
        }
        "crm.type.get" => {
            let id = id()?;
            let row = store.row(id).ok_or_else(not_found)?;
            one(json!({"type": shown(store.materialize(row))}))
        }
        "crm.type.getbyentitytypeid" => {
            let etid = param(params, "entityTypeId")
                .and_then(int_of)
                .ok_or_else(not_found)?;
            let rec = by_entity_type(store, etid).ok_or_else(not_found)?;
            one(json!({"type": shown(rec)}))
        }
        "crm.type.delete" => {
            if !store.delete(id()?) {
                return Err(not_found());
            }
            one(json!([]))
        }
        "crm.type.list" => {
            // crm-type-list.md: a filter or order field the type does not
            // have is INVALID_ARG_VALUE.
            let known = type_fields();
            let check = |key: &str, what: &str| {
                let (_, name) = split_v2_key(key);
                if known.iter().any(|k| k == name) {
                    Ok(())
                } else {
                    Err(ApiError::new(
                        400,
                        "INVALID_ARG_VALUE",
                        &format!("Invalid {what}: field '{name}' is not allowed in {what}"),
                    ))
                }
            };
            for what in ["filter", "order"] {
                if let Some(Value::Object(m)) = param(params, what) {
                    for k in m.keys() {
                        check(k, what)?;
                    }
                }
            }
            let rows = all(store).into_iter().map(shown);
            Ok(super::support::list(rows, params, |p| json!({"types": p})))
        }
        _ => Err(crate::protocol::method_not_found()),
    }
}
