//! The generic entity store's handler: every CRUD family of the specs
//! (`X.add`, `X.get`, `X.list` present, with `X.update`, `X.delete`,
//! `X.fields` when documented) that has no hand-written handler keeps what
//! the app writes, so `catalog.product.*`, `catalog.section.*`,
//! `calendar.event.*`, `department.*`, `lists.*`, user fields and the rest
//! read back what was written. Lists take the same `filter`, `order`,
//! `select`, `start` (`-1` skips the count) and `>ID` as the CRM lists.
//! Answers take the form the spec's result shape declares (an ID, the
//! record, the record under a wrapper key such as `product`, rows under the
//! list path).

use b24_spec::{Shape, SpecFile};
use serde_json::{Map, Value, json};

use super::{list_query, param, select_param};
use crate::protocol::{ApiError, Caller, Output};
use crate::registry::{Entry, Registry, registry, synth};
use crate::state::State;
use crate::store::{Record, Store};

const VERBS: [&str; 6] = ["add", "get", "update", "delete", "list", "fields"];

/// The family and verb of a CRUD method (`catalog.product.add` →
/// `("catalog.product", "add")`) when the registry has the family's `add`,
/// `get` and `list`. Families without a `list` whose `get` answers an array
/// (`lists.get`, `lists.element.get`, `lists.section.get`) list through
/// `get`, filtered by the parameters sent (verb `scan`).
pub(crate) fn route(method: &str) -> Option<(String, &'static str)> {
    let lower = method.to_ascii_lowercase();
    let (family, verb) = lower.rsplit_once('.')?;
    let reg = registry();
    let has = |v: &str| reg.get(&format!("{family}.{v}"), false);
    has("add")?;
    let get = has("get")?;
    let verb = *VERBS.iter().find(|v| **v == verb)?;
    if has("list").is_some() {
        return Some((family.to_owned(), verb));
    }
    let array = get.method.result.as_ref().is_some_and(|s| {
        let file = reg.file(get);
        resolve(file, s).ty.value == "array"
    });
    // Only where `delete` names records by an integer ID, as `add` returns
    // them (`im.search.last.delete` takes a dialog, `lists.field.delete` a
    // code: not records of such a store).
    let by_id = has("delete").is_some_and(|d| {
        id_name(d, &json!({})).is_some_and(|n| {
            d.method
                .params
                .iter()
                .any(|f| f.name.value == n && f.shape.ty.value == "integer")
        })
    });
    match verb {
        _ if !array || !by_id => None,
        "get" => Some((family.to_owned(), "scan")),
        "list" => None,
        v => Some((family.to_owned(), v)),
    }
}

/// The object field a result wraps its record in (`{"product": {...}}`),
/// when the shape is an object whose only object-valued field is that one.
fn wrapper<'a>(file: &'a SpecFile, shape: &'a Shape) -> Option<&'a str> {
    let resolved = resolve(file, shape);
    if resolved.ty.value != "object" || resolved.fields.is_empty() {
        return None;
    }
    let objects: Vec<&str> = resolved
        .fields
        .iter()
        .filter(|f| resolve(file, &f.shape).ty.value == "object")
        .map(|f| f.name.value.as_str())
        .collect();
    let ids = resolved
        .fields
        .iter()
        .any(|f| f.name.value.eq_ignore_ascii_case("id"));
    match objects.as_slice() {
        [one] if !ids => Some(one),
        _ => None,
    }
}

fn resolve<'a>(file: &'a SpecFile, shape: &'a Shape) -> &'a Shape {
    let mut s = shape;
    for _ in 0..8 {
        match file.types.get(&s.ty.value) {
            Some(t) => s = t,
            None => break,
        }
    }
    s
}

/// The key the family's records carry their ID under (`ID` or `id`).
fn id_key(reg: &Registry, family: &str) -> String {
    let Some(get) = reg.get(&format!("{family}.get"), false) else {
        return "ID".into();
    };
    if let Some(f) = get.method.list.as_ref().and_then(|l| l.id_field.clone()) {
        return f;
    }
    let file = reg.file(get);
    let fields = get.method.result.as_ref().map(|s| {
        let s = resolve(file, s);
        match wrapper(file, s).and_then(|w| s.fields.iter().find(|f| f.name.value == w)) {
            Some(w) => resolve(file, &w.shape).fields.clone(),
            None => s.fields.clone(),
        }
    });
    match fields {
        Some(f) if f.iter().any(|f| f.name.value == "id") => "id".into(),
        _ => "ID".into(),
    }
}

fn not_found(entry: &Entry) -> ApiError {
    match entry
        .method
        .errors
        .iter()
        .find(|e| e.code.to_ascii_uppercase().contains("NOT_FOUND"))
    {
        Some(e) => ApiError::new(
            e.status.unwrap_or(400),
            &e.code,
            e.description.as_deref().unwrap_or("Not found"),
        ),
        None => ApiError::new(400, "NOT_FOUND", "Not found"),
    }
}

/// The parameter naming a record of the method's family: `id`, else
/// `<LAST SEGMENT>_ID` (`ELEMENT_ID` for `lists.element.*`), else the one
/// required integer `…id` parameter (`IBLOCK_ID` for `lists.*`).
fn id_name(entry: &Entry, params: &Value) -> Option<String> {
    if param(params, "id").is_some() {
        return Some("id".into());
    }
    let name = &entry.method.name.value;
    let family = name.rsplit_once('.').map_or(name.as_str(), |(f, _)| f);
    let segment = family.rsplit('.').next().unwrap_or(family);
    let own = format!("{segment}_id");
    let declared = &entry.method.params;
    declared
        .iter()
        .find(|f| f.name.value.eq_ignore_ascii_case(&own))
        .or_else(|| {
            declared.iter().find(|f| {
                f.required
                    && f.name.value.to_ascii_lowercase().ends_with("id")
                    && f.shape.ty.value == "integer"
            })
        })
        .map(|f| f.name.value.clone())
}

/// The record's ID from the parameter [`id_name`] picks.
pub(crate) fn id_of(entry: &Entry, params: &Value) -> Option<u64> {
    match param(params, &id_name(entry, params)?)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// What the app wrote: `fields` (any case) with the scalar top-level
/// parameters beside it (`IBLOCK_ID`, `ELEMENT_CODE`, which later `get`s
/// filter by), else every top-level parameter.
fn fields_of(params: &Value) -> Record {
    let top = params.as_object().cloned().unwrap_or_default();
    let fields = param(params, "fields");
    let mut rec = match fields {
        Some(Value::Object(m)) => m.clone(),
        _ => Record::new(),
    };
    for (k, v) in top {
        let skip = ["id", "fields", "auth"]
            .iter()
            .any(|n| k.eq_ignore_ascii_case(n));
        if skip || (fields.is_some() && (v.is_object() || v.is_array())) {
            continue;
        }
        rec.entry(k).or_insert(v);
    }
    rec
}

/// `get` as a list: the records matching every scalar parameter sent (and
/// every plain key of `FILTER`); the ID parameter matches the ID, others
/// match the record's field of that name where it has one.
fn scan(store: &Store, family: &str, params: &Value, key: &str) -> Vec<Value> {
    // `get` may take the ID as optional: the name `delete` or `update` requires.
    let reg = registry();
    let id_param = ["delete", "update"]
        .iter()
        .find_map(|v| reg.get(&format!("{family}.{v}"), false))
        .and_then(|e| id_name(e, &json!({})));
    let mut conds: Vec<(String, Value)> = Vec::new();
    if let Some(m) = params.as_object() {
        for (k, v) in m {
            if (v.is_string() || v.is_number()) && !k.eq_ignore_ascii_case("start") {
                conds.push((k.clone(), v.clone()));
            }
        }
    }
    if let Some(Value::Object(f)) = param(params, "filter") {
        conds.extend(f.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let mut rows = Vec::new();
    store.scan(1, store.max_id(), false, |row| {
        let rec = store.materialize(row);
        let ok = conds.iter().all(|(k, v)| {
            if id_param
                .as_deref()
                .is_some_and(|p| p.eq_ignore_ascii_case(k))
            {
                return rec.get("ID").is_some_and(|id| super::same_text(id, v));
            }
            match rec.iter().find(|(f, _)| f.eq_ignore_ascii_case(k)) {
                Some((_, x)) => super::same_text(x, v),
                None => true,
            }
        });
        if ok {
            rows.push(out(rec, key));
        }
        true
    });
    rows
}

/// A stored record as the app sees it: the ID under the family's key.
fn out(rec: Record, key: &str) -> Value {
    let mut m = Map::new();
    let id = rec.get("ID").cloned().unwrap_or(Value::Null);
    let id = if key == "id" {
        id.as_str()
            .and_then(|s| s.parse::<u64>().ok())
            .map_or(id.clone(), |n| json!(n))
    } else {
        id
    };
    m.insert(key.to_owned(), id);
    for (k, v) in rec {
        if k != "ID" {
            m.insert(k, v);
        }
    }
    Value::Object(m)
}

/// Maps the family's ID key to the store's `ID` in filter and order keys.
fn to_store_keys(map: &Map<String, Value>, key: &str) -> Map<String, Value> {
    map.iter()
        .map(|(k, v)| {
            let ops = k.len() - k.trim_start_matches(['>', '<', '=', '!', '%', '@']).len();
            let (op, name) = k.split_at(ops);
            let name = if name.eq_ignore_ascii_case(key) {
                "ID"
            } else {
                name
            };
            (format!("{op}{name}"), v.clone())
        })
        .collect()
}

fn shaped(reg: &Registry, entry: &Entry, record: Value, id: u64) -> Value {
    synth::fit(reg, entry, shaped_raw(reg, entry, record, id))
}

fn shaped_raw(reg: &Registry, entry: &Entry, record: Value, id: u64) -> Value {
    let file = reg.file(entry);
    let Some(shape) = entry.method.result.as_ref() else {
        return record;
    };
    let s = resolve(file, shape);
    match s.ty.value.as_str() {
        "integer" | "string" | "number" => json!(id),
        "boolean" => json!(true),
        "object" => match wrapper(file, s) {
            Some(w) => json!({ w: record }),
            None => record,
        },
        _ => synth::result(reg, entry),
    }
}

/// Runs one CRUD method on the family's store.
pub(crate) fn call(
    st: &mut State,
    caller: &Caller,
    entry: &Entry,
    family: &str,
    verb: &str,
    params: &Value,
    now: i64,
) -> Result<Output, ApiError> {
    let reg = registry();
    let key = id_key(reg, family);
    let store = st.family_mut(family);
    let one = |result| Output::one(result);
    match verb {
        "add" => {
            let id = store.add(&fields_of(params), caller.user_id, now);
            let rec = store
                .row(id)
                .map(|r| store.materialize(r))
                .unwrap_or_default();
            Ok(one(shaped(reg, entry, out(rec, &key), id)))
        }
        "get" => {
            let id = id_of(entry, params).ok_or_else(|| not_found(entry))?;
            let row = store.row(id).ok_or_else(|| not_found(entry))?;
            let rec = store.materialize(row);
            Ok(one(shaped(reg, entry, out(rec, &key), id)))
        }
        "update" => {
            let id = id_of(entry, params).ok_or_else(|| not_found(entry))?;
            if !store.update(id, &fields_of(params), caller.user_id, now) {
                return Err(not_found(entry));
            }
            let rec = store
                .row(id)
                .map(|r| store.materialize(r))
                .unwrap_or_default();
            Ok(one(shaped(reg, entry, out(rec, &key), id)))
        }
        "delete" => {
            let id = id_of(entry, params).ok_or_else(|| not_found(entry))?;
            if !store.delete(id) {
                return Err(not_found(entry));
            }
            Ok(one(shaped(reg, entry, json!({}), id)))
        }
        "list" => {
            let mut p = params.clone();
            if let Some(m) = p.as_object_mut() {
                for name in ["filter", "order"] {
                    if let Some((k, Value::Object(f))) =
                        m.iter().find(|(k, _)| k.eq_ignore_ascii_case(name))
                    {
                        let (k, f) = (k.clone(), to_store_keys(f, &key));
                        m.insert(k, Value::Object(f));
                    }
                }
            }
            let order_keys: Option<Vec<String>> = caller.order_keys.as_ref().map(|o| {
                o.iter()
                    .map(|k| {
                        if k.eq_ignore_ascii_case(&key) {
                            "ID".into()
                        } else {
                            k.clone()
                        }
                    })
                    .collect()
            });
            let q = list_query(&p, false, order_keys.as_deref())?;
            let mut select: Vec<String> = select_param(params)
                .into_iter()
                .map(|s| {
                    if s.eq_ignore_ascii_case(&key) {
                        "ID".into()
                    } else {
                        s
                    }
                })
                .collect();
            // The ID always comes back: it is the cursor.
            if !select.is_empty() && !select.iter().any(|s| s == "ID") {
                select.push("ID".into());
            }
            let page = store.list(&q);
            let rows: Vec<Value> = store
                .page_rows(&page, &select)
                .into_iter()
                .map(|rec| out(rec, &key))
                .collect();
            let n = rows.len() as u64;
            let file = reg.file(entry);
            let result = match (&entry.method.list, entry.method.result.as_ref()) {
                (Some(l), _) if l.path.is_some() => {
                    json!({ l.path.clone().unwrap_or_default(): rows })
                }
                (_, Some(s)) if resolve(file, s).ty.value == "object" => {
                    let s = resolve(file, s);
                    match s
                        .fields
                        .iter()
                        .find(|f| resolve(file, &f.shape).ty.value == "array")
                    {
                        Some(f) => json!({ f.name.value.clone(): rows }),
                        // A map of rows by ID.
                        None => Value::Object(
                            rows.into_iter()
                                .map(|r| (r[&key].to_string().trim_matches('"').to_owned(), r))
                                .collect(),
                        ),
                    }
                }
                _ => Value::Array(rows),
            };
            Ok(Output {
                result: synth::fit(reg, entry, result),
                total: page.total,
                next: page.next,
                rows: n.max(page.examined / 1000),
                synthesized: false,
            })
        }
        "scan" => {
            let rows = scan(store, family, params, &key);
            let n = rows.len() as u64;
            Ok(Output {
                result: synth::fit(reg, entry, Value::Array(rows)),
                total: Some(n),
                next: None,
                rows: n,
                synthesized: false,
            })
        }
        _ => super::spec::call_v2(reg, entry, params),
    }
}
