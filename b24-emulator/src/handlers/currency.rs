//! `crm.currency.*`: currencies keyed by their three-letter code, with their
//! per-language formats (`LANG`), as `crm/currency/crm-currency-get.md`,
//! `…-list.md`, `…-add.md` (the answer is the code), `…-base-get.md` and
//! `localizations/*.md` show them. A fresh portal holds USD (the base) and
//! EUR, with the localizations of the pages' examples.

use serde_json::{Map, Value, json};

use super::{R, param, str_param};
use crate::clock::iso8601;
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::{Record, Store};

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "crm.currency.add",
    "crm.currency.get",
    "crm.currency.update",
    "crm.currency.delete",
    "crm.currency.list",
    "crm.currency.base.get",
    "crm.currency.base.set",
    "crm.currency.localizations.get",
    "crm.currency.localizations.set",
    "crm.currency.localizations.delete",
];

const FAMILY: &str = "crm.currency";

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// The formats a language shows a currency in (`localizations-get.md`).
const FORMAT_FIELDS: [&str; 7] = [
    "FULL_NAME",
    "FORMAT_STRING",
    "DEC_POINT",
    "THOUSANDS_VARIANT",
    "THOUSANDS_SEP",
    "DECIMALS",
    "HIDE_ZERO",
];

fn seeded(now: i64) -> Vec<Record> {
    let usd = json!({
        "CURRENCY": "USD", "AMOUNT_CNT": "1", "AMOUNT": "1.0000", "SORT": "100", "BASE": "Y",
        "DATE_UPDATE": iso8601(now),
        "LANG": {
            "en": {"FORMAT_STRING": "$#", "FULL_NAME": "United States Dollar", "DEC_POINT": ".",
                   "THOUSANDS_SEP": null, "DECIMALS": "2", "THOUSANDS_VARIANT": "C", "HIDE_ZERO": "Y"},
            "de": {"FORMAT_STRING": "# $", "FULL_NAME": "US-Dollar", "DEC_POINT": ".",
                   "THOUSANDS_SEP": "&nbsp;", "DECIMALS": "2", "THOUSANDS_VARIANT": "B", "HIDE_ZERO": "Y"}
        }
    });
    let eur = json!({
        "CURRENCY": "EUR", "AMOUNT_CNT": "1", "AMOUNT": "1.0800", "SORT": "200", "BASE": "N",
        "DATE_UPDATE": iso8601(now),
        "LANG": {
            "en": {"FORMAT_STRING": "&euro;#", "FULL_NAME": "Euro", "DEC_POINT": ".",
                   "THOUSANDS_SEP": null, "DECIMALS": "2", "THOUSANDS_VARIANT": "C", "HIDE_ZERO": "Y"}
        }
    });
    [usd, eur]
        .into_iter()
        .filter_map(|v| v.as_object().cloned())
        .collect()
}

fn store(st: &mut State, now: i64) -> &mut Store {
    let store = st.family_mut(FAMILY);
    if store.max_id() == 0 {
        for rec in seeded(now) {
            store.add(&rec, 1, now);
        }
    }
    store
}

/// The currencies in ID order, each with its store ID.
fn all(store: &Store) -> Vec<(u64, Record)> {
    let mut out = Vec::new();
    store.scan(1, store.max_id(), false, |row| {
        out.push((store.row_id(row), store.materialize(row)));
        true
    });
    out
}

fn find(store: &Store, code: &str) -> Option<(u64, Record)> {
    all(store).into_iter().find(|(_, r)| {
        r.get("CURRENCY")
            .and_then(Value::as_str)
            .is_some_and(|c| c.eq_ignore_ascii_case(code))
    })
}

/// crm-currency-*.md: errors carry an empty code.
fn empty_code(description: &str) -> ApiError {
    ApiError::new(400, "", description)
}

fn code_param(params: &Value) -> Result<String, ApiError> {
    str_param(params, "id")
        .filter(|c| !c.trim().is_empty())
        .map(|c| c.trim().to_ascii_uppercase())
        .ok_or_else(|| empty_code("The parameter id is invalid or not defined."))
}

/// The stored form of written fields: numbers as the strings a portal
/// answers (`"AMOUNT": "1.2345"`, `"SORT": "100"`).
fn normalised(fields: &Map<String, Value>) -> Record {
    let mut rec = Record::new();
    for (k, v) in fields {
        let key = k.to_ascii_uppercase();
        let v = match (key.as_str(), v) {
            ("AMOUNT", v) => match v.as_f64().or_else(|| v.as_str()?.trim().parse().ok()) {
                Some(f) => json!(format!("{f:.4}")),
                None => v.clone(),
            },
            ("AMOUNT_CNT" | "SORT", Value::Number(n)) => json!(n.to_string()),
            ("CURRENCY", Value::String(s)) => json!(s.trim().to_ascii_uppercase()),
            _ => v.clone(),
        };
        rec.insert(key, v);
    }
    rec
}

/// A currency as `get` answers it: the portal language's format (`en`)
/// beside the fields, with `LANG` when `with_lang`.
fn shown(mut rec: Record, with_lang: bool) -> Value {
    let lang = rec.remove("LANG").unwrap_or(json!({}));
    let own = lang.get("en").cloned().unwrap_or(json!({}));
    let mut out = Map::new();
    for k in ["CURRENCY", "AMOUNT_CNT", "AMOUNT", "SORT", "BASE"] {
        out.insert(k.into(), rec.get(k).cloned().unwrap_or(Value::Null));
    }
    out.insert("FULL_NAME".into(), own["FULL_NAME"].clone());
    out.insert("LID".into(), json!("en"));
    for k in ["FORMAT_STRING", "DEC_POINT", "THOUSANDS_SEP", "DECIMALS"] {
        out.insert(k.into(), own[k].clone());
    }
    out.insert(
        "DATE_UPDATE".into(),
        rec.get("DATE_UPDATE").cloned().unwrap_or(Value::Null),
    );
    if with_lang {
        out.insert("LANG".into(), lang);
    }
    Value::Object(out)
}

/// `order` as (field, descending) pairs; `SORT` ascending by default.
fn order(params: &Value) -> Vec<(String, bool)> {
    match param(params, "order") {
        Some(Value::Object(m)) if !m.is_empty() => m
            .iter()
            .map(|(k, v)| {
                let desc = v.as_str().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
                (k.to_ascii_uppercase(), desc)
            })
            .collect(),
        _ => vec![("SORT".into(), false)],
    }
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    let num = |v: &Value| {
        v.as_str()
            .and_then(|s| s.parse::<f64>().ok())
            .or(v.as_f64())
    };
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    super::support::check_declared(method, params)?;
    let user = caller.user_id;
    let one = |v: Value| Ok(Output::one(v));
    let store = store(st, now);
    match method {
        "crm.currency.add" => {
            let fields = match param(params, "fields") {
                Some(Value::Object(m)) => normalised(m),
                _ => {
                    return Err(ApiError::new(
                        400,
                        "ERROR_CORE",
                        "Undefined array key \"fields\"",
                    ));
                }
            };
            let code = match fields.get("CURRENCY").and_then(Value::as_str) {
                Some(c) if c.len() == 3 => c.to_owned(),
                _ => {
                    return Err(ApiError::new(
                        400,
                        "ERROR_CORE",
                        "Undefined array key \"CURRENCY\"",
                    ));
                }
            };
            if find(store, &code).is_some() {
                return Err(ApiError::new(
                    400,
                    "ERROR_CORE",
                    &format!("Currency {code} already exists"),
                ));
            }
            let mut rec = Record::new();
            rec.insert("CURRENCY".into(), json!(code));
            rec.insert("AMOUNT_CNT".into(), json!("1"));
            rec.insert("AMOUNT".into(), json!("1.0000"));
            rec.insert("SORT".into(), json!("100"));
            rec.insert("BASE".into(), json!("N"));
            rec.insert("LANG".into(), json!({}));
            rec.extend(fields);
            rec.insert("DATE_UPDATE".into(), json!(iso8601(now)));
            store.add(&rec, user, now);
            one(json!(code))
        }
        "crm.currency.get" => {
            let code = code_param(params)?;
            let (_, rec) =
                find(store, &code).ok_or_else(|| empty_code("Currency is not found."))?;
            one(shown(rec, true))
        }
        "crm.currency.update" => {
            let code = code_param(params)?;
            let (id, _) = find(store, &code).ok_or_else(|| empty_code("Currency is not found."))?;
            let mut fields = match param(params, "fields") {
                Some(Value::Object(m)) => normalised(m),
                _ => Record::new(),
            };
            fields.remove("CURRENCY");
            fields.insert("DATE_UPDATE".into(), json!(iso8601(now)));
            store.update(id, &fields, user, now);
            one(json!(true))
        }
        "crm.currency.delete" => {
            let code = code_param(params)?;
            let (id, rec) =
                find(store, &code).ok_or_else(|| empty_code("Currency is not found."))?;
            if rec.get("BASE").and_then(Value::as_str) == Some("Y") {
                return Err(empty_code("Cannot delete base currency."));
            }
            store.delete(id);
            one(json!(true))
        }
        "crm.currency.list" => {
            let mut rows: Vec<Record> = all(store).into_iter().map(|(_, r)| r).collect();
            let keys = order(params);
            rows.sort_by(|a, b| {
                keys.iter()
                    .map(|(k, desc)| {
                        let o = compare(
                            a.get(k).unwrap_or(&Value::Null),
                            b.get(k).unwrap_or(&Value::Null),
                        );
                        if *desc { o.reverse() } else { o }
                    })
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let n = rows.len() as u64;
            Ok(Output {
                result: json!(
                    rows.into_iter()
                        .map(|r| shown(r, false))
                        .collect::<Vec<_>>()
                ),
                total: Some(n),
                next: None,
                rows: n,
                synthesized: false,
            })
        }
        "crm.currency.base.get" => {
            let base = all(store)
                .into_iter()
                .find(|(_, r)| r.get("BASE").and_then(Value::as_str) == Some("Y"))
                .and_then(|(_, r)| r.get("CURRENCY").cloned());
            one(base.unwrap_or(json!("USD")))
        }
        "crm.currency.base.set" => {
            let code = code_param(params)?;
            find(store, &code).ok_or_else(|| empty_code("Currency is not found."))?;
            for (id, rec) in all(store) {
                let is = rec.get("CURRENCY").and_then(Value::as_str) == Some(code.as_str());
                let flag =
                    Record::from_iter([("BASE".to_owned(), json!(if is { "Y" } else { "N" }))]);
                store.update(id, &flag, user, now);
            }
            one(json!(true))
        }
        "crm.currency.localizations.get" => {
            let code = code_param(params)?;
            let (_, rec) =
                find(store, &code).ok_or_else(|| empty_code("Currency is not found."))?;
            // PHP answers an empty array for a currency without formats.
            match rec.get("LANG") {
                Some(Value::Object(m)) if !m.is_empty() => one(Value::Object(m.clone())),
                _ => one(json!([])),
            }
        }
        "crm.currency.localizations.set" | "crm.currency.localizations.delete" => {
            let code = code_param(params)?;
            let (id, rec) =
                find(store, &code).ok_or_else(|| empty_code("Currency is not found."))?;
            let mut lang = match rec.get("LANG") {
                Some(Value::Object(m)) => m.clone(),
                _ => Map::new(),
            };
            if method.ends_with(".set") {
                if let Some(Value::Object(given)) = param(params, "localizations") {
                    for (lid, format) in given {
                        let Value::Object(f) = format else { continue };
                        let kept: Map<String, Value> = f
                            .iter()
                            .filter(|(k, _)| FORMAT_FIELDS.contains(&k.as_str()))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        lang.insert(lid.clone(), Value::Object(kept));
                    }
                }
            } else {
                let lids: Vec<String> = match param(params, "lids") {
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                    Some(Value::String(s)) => vec![s.clone()],
                    _ => Vec::new(),
                };
                lang.retain(|k, _| !lids.contains(k));
            }
            let fields = Record::from_iter([("LANG".to_owned(), Value::Object(lang))]);
            store.update(id, &fields, user, now);
            one(json!(true))
        }
        _ => Err(crate::protocol::method_not_found()),
    }
}
