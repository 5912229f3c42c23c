//! `crm.address.*` (`crm/requisites/addresses/`): addresses named by their
//! type and parent (`TYPE_ID`, `ENTITY_TYPE_ID`, `ENTITY_ID`), not by an ID.
//! `add`/`update`/`delete` answer `true`; `list` answers every field as a
//! string, as `crm-address-list.md` shows, with `ANCHOR_*` naming the
//! parent (for a requisite, 8, the docs anchor to its owner, which the
//! emulator does not link: the requisite itself). Errors are the pages'
//! empty-code texts.

use serde_json::{Map, Value, json};

use super::{R, int_of, param};
use crate::filter::parse_v2;
use crate::protocol::{ApiError, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "crm.address.add",
    "crm.address.update",
    "crm.address.delete",
    "crm.address.list",
];

const FAMILY: &str = "crm.address";

/// The fields of an address (`crm-address-fields.md`), in answer order.
const FIELDS: [&str; 14] = [
    "TYPE_ID",
    "ENTITY_TYPE_ID",
    "ENTITY_ID",
    "ADDRESS_1",
    "ADDRESS_2",
    "CITY",
    "POSTAL_CODE",
    "REGION",
    "PROVINCE",
    "COUNTRY",
    "COUNTRY_CODE",
    "LOC_ADDR_ID",
    "ANCHOR_TYPE_ID",
    "ANCHOR_ID",
];

const KEYS: [&str; 3] = ["TYPE_ID", "ENTITY_TYPE_ID", "ENTITY_ID"];

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

fn text(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.to_string()),
        other => other.clone(),
    }
}

/// The address as stored and answered: every field, strings.
fn normalised(fields: &Map<String, Value>) -> Record {
    FIELDS
        .iter()
        .filter_map(|f| {
            let v = fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(f))
                .map(|(_, v)| text(v))?;
            Some(((*f).to_owned(), v))
        })
        .collect()
}

/// The three key fields, each a positive integer.
fn keys(fields: &Map<String, Value>) -> Result<[i64; 3], ApiError> {
    let mut out = [0; 3];
    for (slot, k) in out.iter_mut().zip(KEYS) {
        *slot = fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .and_then(|(_, v)| int_of(v))
            .filter(|n| *n > 0)
            .ok_or_else(|| ApiError::new(400, "", &format!("{k} is not defined or invalid.")))?;
    }
    Ok(out)
}

fn find(store: &Store, want: [i64; 3]) -> Option<u64> {
    let mut found = None;
    store.scan(1, store.max_id(), false, |row| {
        let rec = store.materialize(row);
        let has = KEYS
            .iter()
            .zip(want)
            .all(|(k, w)| rec.get(*k).and_then(int_of) == Some(w));
        if has {
            found = Some(store.row_id(row));
        }
        !has
    });
    found
}

fn shown(rec: &Record) -> Value {
    Value::Object(
        FIELDS
            .iter()
            .map(|f| ((*f).to_owned(), rec.get(*f).cloned().unwrap_or(Value::Null)))
            .collect(),
    )
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, user: u64, method: &str, params: &Value, now: i64) -> R {
    super::support::check_declared(method, params)?;
    let store = st.family_mut(FAMILY);
    let fields = match param(params, "fields") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    let done = || Ok(Output::one(json!(true)));
    match method {
        "crm.address.add" => {
            let k = keys(&fields)?;
            if find(store, k).is_some() {
                return Err(ApiError::new(400, "", "TypeAddress exists"));
            }
            let mut rec = normalised(&fields);
            rec.entry("ANCHOR_TYPE_ID")
                .or_insert(json!(k[1].to_string()));
            rec.entry("ANCHOR_ID").or_insert(json!(k[2].to_string()));
            store.add(&rec, user, now);
            done()
        }
        "crm.address.update" => {
            let k = keys(&fields)?;
            let id =
                find(store, k).ok_or_else(|| ApiError::new(400, "", "TypeAddress not found"))?;
            store.update(id, &normalised(&fields), user, now);
            done()
        }
        "crm.address.delete" => {
            let k = keys(&fields)?;
            let id =
                find(store, k).ok_or_else(|| ApiError::new(400, "", "TypeAddress not found"))?;
            store.delete(id);
            done()
        }
        _ => {
            let conds = match param(params, "filter") {
                Some(Value::Object(m)) => parse_v2(m, |name| name.to_ascii_uppercase()),
                _ => Vec::new(),
            };
            let select: Vec<String> = match param(params, "select") {
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_ascii_uppercase))
                    .filter(|s| s != "*")
                    .collect(),
                _ => Vec::new(),
            };
            let mut rows: Vec<Value> = Vec::new();
            store.scan(1, store.max_id(), false, |row| {
                let v = shown(&store.materialize(row));
                if v.as_object()
                    .is_some_and(|m| conds.iter().all(|c| c.matches_map(m)))
                {
                    rows.push(v);
                }
                true
            });
            super::support::sort(&mut rows, params);
            if !select.is_empty() {
                for r in &mut rows {
                    if let Some(m) = r.as_object_mut() {
                        m.retain(|k, _| select.contains(k));
                    }
                }
            }
            Ok(super::support::page(rows, params, |p| json!(p)))
        }
    }
}
