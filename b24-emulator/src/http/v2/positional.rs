//! Positional parameters: a JSON array body (`[2, {"ID": "desc"}]`) or
//! numbered keys (`0=2&1[ID]=desc`, also in a batch command's query string)
//! name the method's parameters by position.
//!
//! Source of the rule: the docs of the methods that are called this way
//! (`tasks/comment-item/task-comment-item-get-list.md`, the other
//! `task.commentitem.*`, `task.elapseditem.*`, `task.checklistitem.*` and the
//! deprecated `task.item.*` pages) say "Pass parameters in the request
//! according to the order in the table"; the docs give no rule for other
//! methods. b24phpsdk relies on it (`ApiClient::getResponse` keeps its
//! request-id out of the query of those methods so that it does not shift
//! the positions; `CoreStrictParamsOrderTest` sends
//! `task.commentitem.getlist` as `[2, {...}, {...}]`). So position `i` is the
//! `i`-th parameter of the method's table, which the registry keeps in the
//! documented order; named keys keep their names.

use serde_json::{Map, Value};

use crate::protocol::ApiError;
use crate::registry::registry;

/// The parameter object of a decoded body or query: an object as it is, a
/// list (a JSON array, or a form whose keys are `0`, `1`, …) keyed by
/// position; anything else is `None`.
pub(crate) fn param_map(v: Value) -> Option<Map<String, Value>> {
    match v {
        Value::Object(m) => Some(m),
        Value::Array(a) => Some(
            a.into_iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
        ),
        _ => None,
    }
}

/// A key that is a position: decimal digits, no sign, no leading zero.
fn position(key: &str) -> Option<usize> {
    let plain = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && (key == "0" || !key.starts_with('0'));
    plain.then(|| key.parse().ok()).flatten()
}

/// Renames the numbered keys of a REST v2 call to the method's documented
/// parameter names; `None` when nothing changes: no numbered keys, or a
/// method the specs do not know (it answers `ERROR_METHOD_NOT_FOUND` later).
pub(crate) fn name_positions(method: &str, params: &Value) -> Result<Option<Value>, ApiError> {
    let map = match params {
        Value::Object(m) if m.keys().any(|k| position(k).is_some()) => m.clone(),
        Value::Array(_) => param_map(params.clone()).unwrap_or_default(),
        _ => return Ok(None),
    };
    let Some(entry) = registry().get(method, false) else {
        return Ok(None);
    };
    let names: Vec<&str> = entry
        .method
        .params
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    let mut out = Map::with_capacity(map.len());
    for (key, value) in &map {
        let Some(i) = position(key) else {
            out.insert(key.clone(), value.clone());
            continue;
        };
        let Some(name) = names.get(i) else {
            let takes = if names.is_empty() {
                "it takes no parameters".to_owned()
            } else {
                format!("it takes {} in that order", names.join(", "))
            };
            return Err(ApiError::new(
                400,
                "INVALID_ARG_VALUE",
                &format!(
                    "Positional parameter {i} of {}: the method has no parameter at that position ({takes})",
                    entry.name
                ),
            ));
        };
        if map.contains_key(*name) {
            return Err(ApiError::new(
                400,
                "INVALID_ARG_VALUE",
                &format!(
                    "Parameter {name} of {} is given both by name and by position {i}",
                    entry.name
                ),
            ));
        }
        out.insert((*name).to_owned(), value.clone());
    }
    Ok(Some(Value::Object(out)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn positions() {
        assert_eq!(position("0"), Some(0));
        assert_eq!(position("12"), Some(12));
        assert_eq!(position("01"), None);
        assert_eq!(position("-1"), None);
        assert_eq!(position("fields"), None);
        assert_eq!(position(""), None);
    }

    #[test]
    fn names_follow_the_documented_order() {
        let v = name_positions(
            "task.commentitem.getlist",
            &json!([2, {"ID": "desc"}, {"AUTHOR_ID": 1}]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            v,
            json!({"TASKID": 2, "ORDER": {"ID": "desc"}, "FILTER": {"AUTHOR_ID": 1}})
        );
        let v = name_positions(
            "crm.deal.update",
            &json!({"0": 5, "fields": {"TITLE": "x"}}),
        )
        .unwrap()
        .unwrap();
        assert_eq!(v, json!({"id": 5, "fields": {"TITLE": "x"}}));
        let e = name_positions("crm.deal.get", &json!([5, 6])).unwrap_err();
        assert_eq!(e.code, "INVALID_ARG_VALUE");
        assert!(
            e.description
                .contains("position (it takes id in that order)")
        );
        let e = name_positions("crm.deal.get", &json!({"0": 5, "id": 6})).unwrap_err();
        assert!(e.description.contains("both by name and by position 0"));
        assert_eq!(
            name_positions("crm.deal.get", &json!({"id": 5})).unwrap(),
            None
        );
    }
}
