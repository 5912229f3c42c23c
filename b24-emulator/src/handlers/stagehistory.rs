//! `crm.stagehistory.list` (`crm/crm-stage-history-list.md`): the stage
//! moves of leads (`STATUS_*`), deals and smart process items
//! (`CATEGORY_ID`, `STAGE_*`). The CRM handlers note each creation
//! (`TYPE_ID` 1), move to an intermediate stage (2), move to a final stage
//! (3) and change of funnel (5); the list answers `{items: […]}` with integer
//! IDs, filtered (v2 operators), ordered, paged by `start`.

use serde_json::{Map, Value, json};

use super::{R, int_of, param};
use crate::clock::iso8601;
use crate::filter::{parse_v2, split_v2_key};
use crate::protocol::ApiError;
use crate::state::State;
use crate::store::Record;

const FAMILY: &str = "crm.stagehistory";

/// Types whose stages are `STATUS_ID` (leads, old invoices).
fn by_status(etid: i64) -> bool {
    matches!(etid, 1 | 5)
}

/// Stage semantics by the stage's own name (`WON`, `CONVERTED` succeed;
/// `LOSE`, `JUNK`, `FAIL` fail), as the built-in stages are named.
fn semantic(stage: &str) -> &'static str {
    let name = stage.rsplit(':').next().unwrap_or(stage);
    match name {
        "WON" | "CONVERTED" | "SUCCESS" | "S" => "S",
        "LOSE" | "JUNK" | "FAIL" | "F" => "F",
        _ => "P",
    }
}

/// The stage and funnel of a CRM record.
pub(crate) fn stage_of(rec: &Record, etid: i64) -> (Option<String>, i64) {
    let key = if by_status(etid) {
        "STATUS_ID"
    } else {
        "STAGE_ID"
    };
    let stage = rec.get(key).and_then(Value::as_str).map(str::to_owned);
    let category = rec.get("CATEGORY_ID").and_then(int_of).unwrap_or(0);
    (stage, category)
}

/// Notes a record's creation (`before` is `None`) or its move from
/// `before`; nothing when neither stage nor funnel changed.
pub(crate) fn note(
    st: &mut State,
    etid: i64,
    owner: u64,
    before: Option<(Option<String>, i64)>,
    after: (Option<String>, i64),
    now: i64,
) {
    let (Some(stage), category) = after.clone() else {
        return;
    };
    let type_id = match &before {
        None => 1,
        Some(b) if *b == after => return,
        Some((_, c)) if *c != category => 5,
        Some(_) if semantic(&stage) == "P" => 2,
        Some(_) => 3,
    };
    let mut rec = Record::from_iter([
        ("ENTITY_TYPE_ID".to_owned(), json!(etid)),
        ("TYPE_ID".to_owned(), json!(type_id)),
        ("OWNER_ID".to_owned(), json!(owner)),
        ("CREATED_TIME".to_owned(), json!(iso8601(now))),
    ]);
    if by_status(etid) {
        rec.insert("STATUS_SEMANTIC_ID".into(), json!(semantic(&stage)));
        rec.insert("STATUS_ID".into(), json!(stage));
    } else {
        rec.insert("CATEGORY_ID".into(), json!(category));
        rec.insert("STAGE_SEMANTIC_ID".into(), json!(semantic(&stage)));
        rec.insert("STAGE_ID".into(), json!(stage));
    }
    st.family_mut(FAMILY).add(&rec, 0, now);
}

fn fields(etid: i64) -> &'static [&'static str] {
    if by_status(etid) {
        &[
            "ID",
            "TYPE_ID",
            "OWNER_ID",
            "CREATED_TIME",
            "STATUS_SEMANTIC_ID",
            "STATUS_ID",
        ]
    } else {
        &[
            "ID",
            "TYPE_ID",
            "OWNER_ID",
            "CREATED_TIME",
            "CATEGORY_ID",
            "STAGE_SEMANTIC_ID",
            "STAGE_ID",
        ]
    }
}

/// `crm.stagehistory.list`.
pub(crate) fn list(st: &State, params: &Value) -> R {
    let etid = param(params, "entityTypeId").and_then(int_of).unwrap_or(0);
    // Leads, deals, old and new invoices and smart processes have stages.
    if !(matches!(etid, 1 | 2 | 5 | 31) || (128..=192).contains(&etid) || etid >= 1030) {
        return Err(ApiError::new(
            400,
            "ENTITY_TYPE_NOT_SUPPORTED",
            &format!("Entity type {etid} is not supported"),
        ));
    }
    let names = fields(etid);
    let conds = match param(params, "filter") {
        Some(Value::Object(m)) => {
            for k in m.keys() {
                let (_, name) = split_v2_key(k);
                if !names.contains(&name) {
                    return Err(ApiError::new(
                        400,
                        "INVALID_ARG_VALUE",
                        &format!("Invalid filter: field '{name}' is not allowed in filter"),
                    ));
                }
            }
            parse_v2(m, |n| n.to_owned())
        }
        _ => Vec::new(),
    };
    let select: Vec<&str> = match param(params, "select") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .filter(|s| names.contains(s))
            .collect(),
        _ => Vec::new(),
    };
    let mut rows: Vec<Map<String, Value>> = Vec::new();
    if let Some(store) = st.entities.get(FAMILY) {
        store.scan(1, store.max_id(), false, |row| {
            let rec = store.materialize(row);
            if rec.get("ENTITY_TYPE_ID").and_then(int_of) == Some(etid) {
                let m: Map<String, Value> = names
                    .iter()
                    .map(|f| {
                        let v = rec.get(*f).cloned().unwrap_or(Value::Null);
                        let v = if *f == "ID" {
                            int_of(&v).map_or(v, |n| json!(n))
                        } else {
                            v
                        };
                        ((*f).to_owned(), v)
                    })
                    .collect();
                if conds.iter().all(|c| c.matches_map(&m)) {
                    rows.push(m);
                }
            }
            true
        });
    }
    let mut rows: Vec<Value> = rows.into_iter().map(Value::Object).collect();
    // Sorted before `select` can drop a sort key.
    super::support::sort(&mut rows, params);
    if !select.is_empty() {
        for r in &mut rows {
            if let Some(m) = r.as_object_mut() {
                m.retain(|k, _| select.contains(&k.as_str()));
            }
        }
    }
    Ok(super::support::page(rows, params, |p| json!({"items": p})))
}
