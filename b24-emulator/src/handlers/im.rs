//! The `im.*` methods that read the portal's users or its chats' links:
//! `im.user.list.get` (`chats/users/im-user-list-get.md`: an object keyed by
//! user ID unless `RESULT_TYPE` is `array`), `im.search.user.list`
//! (`chats/search/im-search-user-list.md`: keyed by ID, an empty array when
//! nothing is found), `im.chat.add` and `im.chat.get` (`chats/im-chat-get.md`:
//! the chat linked to `ENTITY_TYPE`/`ENTITY_ID` as `{"ID": …}`, `null` when
//! there is none), `im.message.add` (`chats/messages/im-message-add.md`: to a
//! user who exists or a chat `im.chat.add` made, else the page's
//! `USER_NOT_FOUND` / `CHAT_ID` errors) and `im.message.command`
//! (`…/im-message-command.md`: a message `im.message.add` sent, a bot ID).

use serde_json::{Map, Value, json};

use super::{R, int_of, param, str_param, truthy};
use crate::protocol::{ApiError, Caller, Output};
use crate::state::State;
use crate::store::Record;

/// The methods handled here.
pub(crate) const METHODS: &[&str] = &[
    "im.user.list.get",
    "im.search.user.list",
    "im.chat.add",
    "im.chat.get",
    "im.message.add",
    "im.message.command",
];

const CHATS: &str = "im.chat";
const MESSAGES: &str = "im.message";

/// Whether `method` is handled here.
pub(crate) fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

fn text(rec: &Record, key: &str) -> String {
    match rec.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A user as the chat methods show one (the user object of
/// `im-user-list-get.md`).
fn chat_user(rec: &Record) -> Value {
    let (first, last) = (text(rec, "NAME"), text(rec, "LAST_NAME"));
    let departments: Vec<Value> = match rec.get("UF_DEPARTMENT") {
        Some(Value::Array(a)) => a.iter().filter_map(int_of).map(|d| json!(d)).collect(),
        Some(v) => int_of(v).map(|d| json!(d)).into_iter().collect(),
        None => Vec::new(),
    };
    let last_activity = match rec.get("LAST_ACTIVITY_DATE") {
        Some(Value::String(s)) if !s.is_empty() => json!(s),
        _ => json!(false),
    };
    json!({
        "id": int_of(rec.get("ID").unwrap_or(&Value::Null)),
        "active": truthy(rec.get("ACTIVE"), true),
        "name": format!("{first} {last}").trim(),
        "first_name": first,
        "last_name": last,
        "work_position": text(rec, "WORK_POSITION"),
        "color": "#df532d",
        "avatar": "",
        "avatar_hr": "",
        "gender": text(rec, "PERSONAL_GENDER"),
        "birthday": "",
        "extranet": false,
        "network": false,
        "bot": false,
        "connector": false,
        "external_auth_id": "default",
        "status": "online",
        "idle": false,
        "last_activity_date": last_activity,
        "mobile_last_date": false,
        "desktop_last_date": false,
        "absent": false,
        "departments": departments,
        "phones": {"inner_phone": text(rec, "UF_PHONE_INNER")},
        "website": "",
        "email": text(rec, "EMAIL"),
        "bot_data": null,
        "type": "user",
    })
}

fn users(st: &State, mut keep: impl FnMut(&Record) -> bool) -> Vec<Record> {
    let mut out = Vec::new();
    st.users.scan(1, st.users.max_id(), false, |row| {
        let rec = st.users.materialize(row);
        if keep(&rec) {
            out.push(rec);
        }
        true
    });
    out
}

/// Users keyed by ID; PHP's empty array when there are none.
fn keyed(list: Vec<Value>) -> Value {
    if list.is_empty() {
        return json!([]);
    }
    let map: Map<String, Value> = list.into_iter().map(|u| (u["id"].to_string(), u)).collect();
    Value::Object(map)
}

fn ids(v: Option<&Value>) -> Vec<i64> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(int_of).collect(),
        Some(Value::Object(m)) => m.values().filter_map(int_of).collect(),
        // "an array … or a JSON string containing an array".
        Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
            Ok(Value::Array(a)) => a.iter().filter_map(int_of).collect(),
            _ => s.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        },
        Some(v) => int_of(v).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Runs one method of [`METHODS`].
pub(crate) fn call(st: &mut State, caller: &Caller, method: &str, params: &Value, now: i64) -> R {
    super::support::check_declared(method, params)?;
    let one = |v: Value| Ok(Output::one(v));
    match method {
        "im.user.list.get" => {
            let wanted = ids(param(params, "ID"));
            let found: Vec<Value> = wanted
                .iter()
                .filter_map(|id| u64::try_from(*id).ok())
                .filter_map(|id| {
                    st.users
                        .row(id)
                        .map(|r| chat_user(&st.users.materialize(r)))
                })
                .collect();
            let as_array = str_param(params, "RESULT_TYPE").is_some_and(|t| t == "array");
            if as_array {
                one(json!(found))
            } else {
                one(keyed(found))
            }
        }
        "im.search.user.list" => {
            let find = str_param(params, "FIND").unwrap_or_default().to_lowercase();
            let offset = param(params, "OFFSET").and_then(int_of).unwrap_or(0).max(0) as usize;
            let limit = param(params, "LIMIT")
                .and_then(int_of)
                .unwrap_or(10)
                .clamp(1, 50) as usize;
            let matched: Vec<Record> = users(st, |r| {
                ["NAME", "LAST_NAME", "EMAIL", "WORK_POSITION"]
                    .iter()
                    .any(|k| text(r, k).to_lowercase().contains(&find))
                    || format!("{} {}", text(r, "NAME"), text(r, "LAST_NAME"))
                        .to_lowercase()
                        .contains(&find)
            });
            let total = matched.len();
            let page: Vec<Value> = matched
                .iter()
                .skip(offset)
                .take(limit)
                .map(chat_user)
                .collect();
            let next = (offset + limit < total).then_some((offset + limit) as u64);
            Ok(Output {
                result: keyed(page),
                total: Some(total as u64),
                next,
                rows: total as u64,
                synthesized: false,
            })
        }
        "im.chat.add" => {
            let mut rec = Record::new();
            for k in [
                "TYPE",
                "TITLE",
                "DESCRIPTION",
                "COLOR",
                "ENTITY_TYPE",
                "ENTITY_ID",
                "USERS",
            ] {
                if let Some(v) = param(params, k) {
                    rec.insert(k.to_owned(), v.clone());
                }
            }
            rec.insert("OWNER_ID".into(), json!(caller.user_id));
            let chats = st.family_mut(CHATS);
            one(json!(chats.add(&rec, caller.user_id, now)))
        }
        "im.chat.get" => {
            let ty = str_param(params, "ENTITY_TYPE").unwrap_or_default();
            let id = str_param(params, "ENTITY_ID").unwrap_or_default();
            let Some(chats) = st.entities.get(CHATS) else {
                return one(Value::Null);
            };
            let mut found = None;
            chats.scan(1, chats.max_id(), false, |row| {
                let rec = chats.materialize(row);
                if text(&rec, "ENTITY_TYPE") == ty && text(&rec, "ENTITY_ID") == id {
                    found = Some(chats.row_id(row));
                    return false;
                }
                true
            });
            one(found.map_or(Value::Null, |chat| json!({"ID": chat})))
        }
        "im.message.add" => {
            let dialog = str_param(params, "DIALOG_ID").unwrap_or_default();
            let bad = |code: &str, text: &str| Err(ApiError::new(400, code, text));
            if let Some(chat) = dialog.strip_prefix("chat") {
                let known = chat
                    .parse::<u64>()
                    .ok()
                    .is_some_and(|id| st.entities.get(CHATS).is_some_and(|s| s.row(id).is_some()));
                if !known {
                    return bad("CHAT_ID", "Error creating message");
                }
            } else {
                let Ok(user) = dialog.parse::<u64>() else {
                    return bad("USER_ID_EMPTY", "User ID can't be empty");
                };
                if st.users.row(user).is_none() {
                    return bad("USER_NOT_FOUND", "User not found");
                }
            }
            let rec = Record::from_iter([
                ("DIALOG_ID".to_owned(), json!(dialog)),
                ("AUTHOR_ID".to_owned(), json!(caller.user_id)),
                ("MESSAGE".to_owned(), json!(str_param(params, "MESSAGE"))),
            ]);
            let messages = st.family_mut(MESSAGES);
            one(json!(messages.add(&rec, caller.user_id, now)))
        }
        "im.message.command" => {
            let bad = |code: &str, text: &str| Err(ApiError::new(400, code, text));
            let message = param(params, "MESSAGE_ID")
                .and_then(int_of)
                .and_then(|n| u64::try_from(n).ok());
            let sent = message.is_some_and(|id| {
                st.entities
                    .get(MESSAGES)
                    .is_some_and(|s| s.row(id).is_some())
            });
            if !sent {
                return bad("MESSAGE_ID_ERROR", "Message ID can't be empty");
            }
            if param(params, "BOT_ID").and_then(int_of).unwrap_or(0) <= 0 {
                return bad("BOT_ID_ERROR", "Bot ID can't be empty");
            }
            if str_param(params, "COMMAND").unwrap_or_default().is_empty() {
                return bad("COMMAND_ERROR", "Command can't be empty");
            }
            one(json!(true))
        }
        _ => Err(crate::protocol::method_not_found()),
    }
}
