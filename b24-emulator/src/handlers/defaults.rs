//! Fields a portal fills in on `add` for records of the generic entity
//! store, as the methods' pages show them: a status added through the API
//! is not a system one (`crm-status-get.md`: `"SYSTEM": "N"` beside the
//! built-in `"Y"`); a call list names its entity type both ways and its
//! author (`crm-calllist-get.md`: `ENTITY_TYPE_ID`, `ENTITY_TYPE`,
//! `CREATED_BY_ID`).

use serde_json::{Value, json};

/// The parameters with the portal's own fields added; `None` when the
/// method fills nothing.
pub(crate) fn filled(method: &str, params: &Value, user_id: u64) -> Option<Value> {
    let mut p = params.clone();
    let map = p.as_object_mut()?;
    match method {
        "crm.status.add" => {
            let (_, fields) = map
                .iter_mut()
                .find(|(k, _)| k.eq_ignore_ascii_case("fields"))?;
            fields
                .as_object_mut()?
                .entry("SYSTEM")
                .or_insert(json!("N"));
        }
        "crm.calllist.add" => {
            let ty = map
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("ENTITY_TYPE"))
                .and_then(|(_, v)| v.as_str())?
                .to_ascii_uppercase();
            // crm-calllist-add.md: ENTITY_TYPE is CONTACT or COMPANY (3
            // and 4 among crm's entity type ids).
            let id = match ty.as_str() {
                "CONTACT" => 3,
                "COMPANY" => 4,
                _ => return None,
            };
            map.insert("ENTITY_TYPE".into(), json!(ty));
            map.insert("ENTITY_TYPE_ID".into(), json!(id.to_string()));
            map.insert("CREATED_BY_ID".into(), json!(user_id.to_string()));
        }
        _ => return None,
    }
    Some(p)
}
