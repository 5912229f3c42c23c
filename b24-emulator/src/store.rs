//! CRM and user records: seeded ones are computed from their ID on demand, and
//! a sparse overlay keeps edits, deletions and added records. A million seeded
//! deals therefore cost a few bytes, not a million maps.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::clock::iso8601;

/// Fields are stored under their `UPPER_SNAKE` names; `crm.item.*` shows
/// them in camelCase.
pub type Record = Map<String, Value>;

/// What a store holds; decides the seeded fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `crm.deal.*`, entityTypeId 2.
    Deal,
    /// `crm.contact.*`, entityTypeId 3.
    Contact,
    /// `crm.lead.*` (only through `crm.item.*` and telephony), entityTypeId 1.
    Lead,
    /// Companies, entityTypeId 4.
    Company,
    /// `user.get`.
    User,
    /// A smart process or other `crm.item` type.
    Item(i64),
    /// A CRUD family of the specs without hand-written fields
    /// (`catalog.product`, `calendar.event`, …): records hold what the app
    /// wrote, keys and values as sent.
    Generic,
}

/// 2024-01-01T00:00:00Z: seeded records are created after it, ten minutes apart.
const SEED_EPOCH: i64 = 1_704_067_200;

const FIRST: [&str; 16] = [
    "Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo", "Irina", "Jonas",
    "Katya", "Leon", "Maria", "Nikolai", "Olga", "Pavel",
];
const LAST: [&str; 16] = [
    "Schmidt",
    "Ivanova",
    "Weber",
    "Petrov",
    "Fischer",
    "Smirnova",
    "Wagner",
    "Kuznetsov",
    "Becker",
    "Popova",
    "Hoffmann",
    "Sokolov",
    "Koch",
    "Lebedeva",
    "Richter",
    "Novak",
];
const DEAL_STAGES: [&str; 7] = [
    "NEW",
    "PREPARATION",
    "PREPAYMENT_INVOICE",
    "EXECUTING",
    "FINAL_INVOICE",
    "WON",
    "LOSE",
];
const SOURCES: [&str; 4] = ["CALL", "EMAIL", "WEB", "ADVERTISING"];
const DEAL_TYPES: [&str; 4] = ["SALE", "COMPLEX", "GOODS", "SERVICES"];

fn mix(mut x: u64) -> u64 {
    // splitmix64: a cheap, well-spread hash so seeded fields look varied but
    // are a pure function of the ID.
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The phone number seeded for a contact; [`contact_for_phone`] inverts it.
pub fn contact_phone(id: u64) -> String {
    format!("+1555{id:07}")
}

/// The seeded contact that owns a phone number, if the number has the
/// seeded shape (digits only are compared).
pub fn contact_for_phone(phone: &str) -> Option<u64> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let rest = digits.strip_prefix("1555")?;
    if rest.len() != 7 {
        return None;
    }
    rest.parse().ok().filter(|&id| id > 0)
}

/// One entity type's records.
#[derive(Debug)]
pub struct Store {
    /// What the store holds.
    pub kind: Kind,
    /// IDs `1..=seeded` are generated unless the overlay says otherwise.
    pub seeded: u64,
    /// Edited or added records (`Some`) and deletions (`None`).
    overlay: BTreeMap<u64, Option<Record>>,
    next_id: u64,
    /// How many users exist, so `ASSIGNED_BY_ID` points at real ones.
    users: u64,
    /// How many contacts exist, so deals link to real ones.
    contacts: u64,
}

/// A record seen through a store: computed or stored.
#[derive(Clone, Copy)]
pub enum Row<'a> {
    /// A seeded record, not edited.
    Seeded(u64),
    /// A record in the overlay.
    Stored(&'a Record),
}

impl Store {
    /// A store with `seeded` generated records.
    pub fn new(kind: Kind, seeded: u64, users: u64, contacts: u64) -> Store {
        Store {
            kind,
            seeded,
            overlay: BTreeMap::new(),
            next_id: seeded + 1,
            users: users.max(1),
            contacts,
        }
    }

    /// The field names, in output order.
    pub fn fields(&self) -> &'static [&'static str] {
        match self.kind {
            Kind::Deal => &[
                "ID",
                "TITLE",
                "TYPE_ID",
                "STAGE_ID",
                "PROBABILITY",
                "CURRENCY_ID",
                "OPPORTUNITY",
                "IS_MANUAL_OPPORTUNITY",
                "TAX_VALUE",
                "LEAD_ID",
                "COMPANY_ID",
                "CONTACT_ID",
                "QUOTE_ID",
                "BEGINDATE",
                "CLOSEDATE",
                "ASSIGNED_BY_ID",
                "CREATED_BY_ID",
                "MODIFY_BY_ID",
                "DATE_CREATE",
                "DATE_MODIFY",
                "OPENED",
                "CLOSED",
                "COMMENTS",
                "CATEGORY_ID",
                "STAGE_SEMANTIC_ID",
                "IS_NEW",
                "SOURCE_ID",
                "SOURCE_DESCRIPTION",
                "ORIGINATOR_ID",
                "ORIGIN_ID",
            ],
            Kind::Contact => &[
                "ID",
                "HONORIFIC",
                "NAME",
                "SECOND_NAME",
                "LAST_NAME",
                "TYPE_ID",
                "SOURCE_ID",
                "SOURCE_DESCRIPTION",
                "POST",
                "COMMENTS",
                "OPENED",
                "EXPORT",
                "HAS_PHONE",
                "HAS_EMAIL",
                "ASSIGNED_BY_ID",
                "CREATED_BY_ID",
                "MODIFY_BY_ID",
                "DATE_CREATE",
                "DATE_MODIFY",
                "COMPANY_ID",
                "LEAD_ID",
                "ORIGINATOR_ID",
                "ORIGIN_ID",
            ],
            Kind::Lead => &[
                "ID",
                "TITLE",
                "NAME",
                "LAST_NAME",
                "STATUS_ID",
                "SOURCE_ID",
                "OPPORTUNITY",
                "CURRENCY_ID",
                "ASSIGNED_BY_ID",
                "CREATED_BY_ID",
                "DATE_CREATE",
                "DATE_MODIFY",
                "OPENED",
                "HAS_PHONE",
                "COMMENTS",
            ],
            Kind::Company => &[
                "ID",
                "TITLE",
                "COMPANY_TYPE",
                "ASSIGNED_BY_ID",
                "DATE_CREATE",
                "DATE_MODIFY",
                "OPENED",
            ],
            Kind::User => &[
                "ID",
                "XML_ID",
                "ACTIVE",
                "NAME",
                "LAST_NAME",
                "SECOND_NAME",
                "EMAIL",
                "LAST_LOGIN",
                "DATE_REGISTER",
                "TIME_ZONE",
                "IS_ONLINE",
                "TIME_ZONE_OFFSET",
                "TIMESTAMP_X",
                "LAST_ACTIVITY_DATE",
                "PERSONAL_GENDER",
                "PERSONAL_BIRTHDAY",
                "WORK_POSITION",
                "UF_EMPLOYMENT_DATE",
                "UF_DEPARTMENT",
                "UF_PHONE_INNER",
                "USER_TYPE",
            ],
            Kind::Generic => &["ID"],
            Kind::Item(_) => &[
                "ID",
                "XML_ID",
                "TITLE",
                "CREATED_BY",
                "UPDATED_BY",
                "MOVED_BY",
                "CREATED_TIME",
                "UPDATED_TIME",
                "MOVED_TIME",
                "CATEGORY_ID",
                "OPENED",
                "STAGE_ID",
                "PREVIOUS_STAGE_ID",
                "BEGINDATE",
                "CLOSEDATE",
                "COMPANY_ID",
                "CONTACT_ID",
                "OPPORTUNITY",
                "IS_MANUAL_OPPORTUNITY",
                "TAX_VALUE",
                "CURRENCY_ID",
                "ASSIGNED_BY_ID",
                "SOURCE_ID",
                "ENTITY_TYPE_ID",
            ],
        }
    }

    /// Fields that hold lists; they come out only on `get` or when selected
    /// by name, as in Bitrix24.
    pub fn multi_fields(&self) -> &'static [&'static str] {
        match self.kind {
            Kind::Contact | Kind::Lead => &["PHONE", "EMAIL"],
            _ => &[],
        }
    }

    /// Fields a client may not write.
    pub fn read_only(&self, field: &str) -> bool {
        matches!(
            field,
            "ID" | "DATE_CREATE"
                | "DATE_MODIFY"
                | "CREATED_BY_ID"
                | "MODIFY_BY_ID"
                | "CREATED_TIME"
                | "UPDATED_TIME"
                | "ENTITY_TYPE_ID"
        )
    }

    fn seeded_field(&self, id: u64, name: &str) -> Option<Value> {
        let h = mix(id ^ (self.kind_salt() << 40));
        // Formatted only for the fields that show it.
        let created = || iso8601(SEED_EPOCH + id as i64 * 600);
        let user = (h >> 32) % self.users + 1;
        let s = |v: String| Some(Value::String(v));
        let first = FIRST[(h % 16) as usize];
        let last = LAST[((h >> 4) % 16) as usize];
        match (self.kind, name) {
            (_, "ID") => s(id.to_string()),
            (Kind::User, "ACTIVE") => Some(Value::Bool(true)),
            (Kind::User, "NAME") if id == 1 => s("Admin".into()),
            (Kind::User, "LAST_NAME") if id == 1 => s("Emulator".into()),
            (_, "NAME") => s(first.into()),
            (_, "LAST_NAME") => s(last.into()),
            (Kind::User, "SECOND_NAME") => s(String::new()),
            (Kind::User, "XML_ID") => s(format!("user{id}")),
            (Kind::User, "EMAIL") => s(format!("user{id}@example.com")),
            (Kind::User, "LAST_LOGIN" | "TIMESTAMP_X" | "LAST_ACTIVITY_DATE") => s(created()),
            (Kind::User, "DATE_REGISTER") => s(created()),
            (Kind::User, "TIME_ZONE") => s(String::new()),
            (Kind::User, "IS_ONLINE") => s("N".into()),
            (Kind::User, "TIME_ZONE_OFFSET") => s("0".into()),
            (Kind::User, "PERSONAL_GENDER") => s(if h & 1 == 0 { "M" } else { "F" }.into()),
            (Kind::User, "PERSONAL_BIRTHDAY" | "UF_EMPLOYMENT_DATE") => s(String::new()),
            (Kind::User, "WORK_POSITION") => {
                s(if id == 1 { "Administrator" } else { "Manager" }.into())
            }
            (Kind::User, "UF_DEPARTMENT") => Some(json!([1])),
            (Kind::User, "UF_PHONE_INNER") => s((100 + id).to_string()),
            (Kind::User, "USER_TYPE") => s("employee".into()),
            (Kind::User, _) => None,
            (Kind::Deal | Kind::Lead | Kind::Company, "TITLE") => s(match self.kind {
                Kind::Deal => format!("Deal #{id}"),
                Kind::Lead => format!("Lead #{id}"),
                _ => format!("Company #{id}"),
            }),
            (Kind::Item(_), "TITLE") => s(format!("Item #{id}")),
            (Kind::Deal, "TYPE_ID") => s(DEAL_TYPES[((h >> 8) % 4) as usize].into()),
            (Kind::Contact, "TYPE_ID") => s("CLIENT".into()),
            (Kind::Company, "COMPANY_TYPE") => s("CUSTOMER".into()),
            (Kind::Deal, "STAGE_ID") => s(self.deal_stage(h).into()),
            (Kind::Item(t), "STAGE_ID") => s(format!(
                "DT{t}_1:{}",
                ["NEW", "PREPARATION", "SUCCESS", "FAIL"][((h >> 12) % 4) as usize]
            )),
            (Kind::Item(_), "PREVIOUS_STAGE_ID") => s(String::new()),
            (Kind::Lead, "STATUS_ID") => s("NEW".into()),
            (Kind::Deal, "STAGE_SEMANTIC_ID") => s(match self.deal_stage(h) {
                "WON" => "S",
                "LOSE" => "F",
                _ => "P",
            }
            .into()),
            (Kind::Deal, "CLOSED") => s(if matches!(self.deal_stage(h), "WON" | "LOSE") {
                "Y"
            } else {
                "N"
            }
            .into()),
            (Kind::Deal, "PROBABILITY") => Some(Value::Null),
            (Kind::Deal | Kind::Lead | Kind::Item(_), "CURRENCY_ID") => s("USD".into()),
            (Kind::Deal | Kind::Lead | Kind::Item(_), "OPPORTUNITY") => {
                s(format!("{}.00", (h >> 16) % 100_000))
            }
            (Kind::Deal | Kind::Item(_), "IS_MANUAL_OPPORTUNITY") => s("N".into()),
            (Kind::Deal | Kind::Item(_), "TAX_VALUE") => s("0.00".into()),
            (Kind::Deal | Kind::Contact, "LEAD_ID") => Some(Value::Null),
            (Kind::Deal, "QUOTE_ID") => Some(Value::Null),
            (Kind::Deal | Kind::Contact | Kind::Item(_), "COMPANY_ID") => s("0".into()),
            (Kind::Deal | Kind::Item(_), "CONTACT_ID") => s(if self.contacts > 0 {
                ((h >> 24) % self.contacts + 1).to_string()
            } else {
                "0".into()
            }),
            (Kind::Deal | Kind::Item(_), "BEGINDATE") => s(created()),
            (Kind::Deal | Kind::Item(_), "CLOSEDATE") => {
                s(iso8601(SEED_EPOCH + id as i64 * 600 + 30 * 86_400))
            }
            (_, "ASSIGNED_BY_ID") => s(user.to_string()),
            (_, "CREATED_BY_ID" | "MODIFY_BY_ID") => s(user.to_string()),
            (Kind::Item(_), "CREATED_BY" | "UPDATED_BY" | "MOVED_BY") => Some(json!(user)),
            (_, "DATE_CREATE" | "DATE_MODIFY") => s(created()),
            (Kind::Item(_), "CREATED_TIME" | "UPDATED_TIME" | "MOVED_TIME") => s(created()),
            (_, "OPENED") => s("Y".into()),
            (Kind::Contact, "EXPORT") => s("Y".into()),
            (Kind::Contact | Kind::Lead, "HAS_PHONE") => s("Y".into()),
            (Kind::Contact, "HAS_EMAIL") => s("Y".into()),
            (
                _,
                "COMMENTS" | "SOURCE_DESCRIPTION" | "ORIGINATOR_ID" | "ORIGIN_ID" | "HONORIFIC"
                | "POST",
            ) => Some(Value::Null),
            (Kind::Contact, "SECOND_NAME") => Some(Value::Null),
            (Kind::Deal | Kind::Item(_), "CATEGORY_ID") => s("0".into()),
            (Kind::Deal, "IS_NEW") => s("N".into()),
            (_, "SOURCE_ID") => s(SOURCES[((h >> 20) % 4) as usize].into()),
            (Kind::Item(_), "XML_ID") => Some(Value::Null),
            (Kind::Item(t), "ENTITY_TYPE_ID") => Some(json!(t)),
            (Kind::Contact, "PHONE") => Some(json!([{
                "ID": (id * 2).to_string(), "VALUE_TYPE": "WORK", "VALUE": contact_phone(id), "TYPE_ID": "PHONE"
            }])),
            (Kind::Contact, "EMAIL") => Some(json!([{
                "ID": (id * 2 + 1).to_string(), "VALUE_TYPE": "WORK",
                "VALUE": format!("{}.{}{id}@example.com", first.to_lowercase(), last.to_lowercase()), "TYPE_ID": "EMAIL"
            }])),
            _ => None,
        }
    }

    fn deal_stage(&self, h: u64) -> &'static str {
        DEAL_STAGES[((h >> 12) % 7) as usize]
    }

    fn kind_salt(&self) -> u64 {
        match self.kind {
            Kind::Deal => 2,
            Kind::Contact => 3,
            Kind::Lead => 1,
            Kind::Company => 4,
            Kind::User => 9,
            Kind::Item(t) => t as u64,
            Kind::Generic => 99,
        }
    }

    /// A record by ID.
    pub fn row(&self, id: u64) -> Option<Row<'_>> {
        match self.overlay.get(&id) {
            Some(Some(r)) => Some(Row::Stored(r)),
            Some(None) => None,
            None if id >= 1 && id <= self.seeded => Some(Row::Seeded(id)),
            None => None,
        }
    }

    /// One field of a row.
    pub fn field(&self, row: Row<'_>, name: &str) -> Option<Value> {
        match row {
            Row::Seeded(id) => self.seeded_field(id, name),
            Row::Stored(r) => r.get(name).cloned(),
        }
    }

    /// The ID of a row.
    pub fn row_id(&self, row: Row<'_>) -> u64 {
        match row {
            Row::Seeded(id) => id,
            Row::Stored(r) => r
                .get("ID")
                .and_then(|v| v.as_str().and_then(|s| s.parse().ok()).or(v.as_u64()))
                .unwrap_or(0),
        }
    }

    /// A full record (standard fields plus list fields).
    pub fn materialize(&self, row: Row<'_>) -> Record {
        match row {
            Row::Stored(r) => r.clone(),
            Row::Seeded(id) => {
                let mut m = Record::with_capacity(self.fields().len() + self.multi_fields().len());
                for f in self.fields().iter().chain(self.multi_fields()) {
                    if let Some(v) = self.seeded_field(id, f) {
                        m.insert((*f).to_owned(), v);
                    }
                }
                m
            }
        }
    }

    /// Adds a record; returns its ID.
    pub fn add(&mut self, fields: &Record, user_id: u64, now: i64) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let mut rec = Record::new();
        let stamp = iso8601(now);
        for f in self.fields() {
            let v = match *f {
                "ID" => Value::String(id.to_string()),
                "DATE_CREATE" | "DATE_MODIFY" | "CREATED_TIME" | "UPDATED_TIME" | "MOVED_TIME" => {
                    Value::String(stamp.clone())
                }
                "CREATED_BY_ID" | "MODIFY_BY_ID" => Value::String(user_id.to_string()),
                "CREATED_BY" | "UPDATED_BY" | "MOVED_BY" => json!(user_id),
                "ASSIGNED_BY_ID" => Value::String(user_id.to_string()),
                "OPENED" => Value::String("Y".into()),
                "ACTIVE" => Value::Bool(true),
                "ENTITY_TYPE_ID" => match self.kind {
                    Kind::Item(t) => json!(t),
                    _ => Value::Null,
                },
                "STAGE_ID" => Value::String(match self.kind {
                    Kind::Item(t) => format!("DT{t}_1:NEW"),
                    _ => "NEW".into(),
                }),
                "CURRENCY_ID" => Value::String("USD".into()),
                "OPPORTUNITY" => Value::String("0.00".into()),
                "CATEGORY_ID" | "COMPANY_ID" | "CONTACT_ID" => Value::String("0".into()),
                "TITLE" => Value::String(String::new()),
                _ => Value::Null,
            };
            rec.insert((*f).to_owned(), v);
        }
        self.apply(&mut rec, fields);
        self.overlay.insert(id, Some(rec));
        id
    }

    /// Updates a record; false when there is none.
    pub fn update(&mut self, id: u64, fields: &Record, user_id: u64, now: i64) -> bool {
        let Some(row) = self.row(id) else {
            return false;
        };
        let mut rec = self.materialize(row);
        self.apply(&mut rec, fields);
        for (k, v) in [
            ("DATE_MODIFY", Value::String(iso8601(now))),
            ("UPDATED_TIME", Value::String(iso8601(now))),
            ("MODIFY_BY_ID", Value::String(user_id.to_string())),
            ("UPDATED_BY", json!(user_id)),
        ] {
            if rec.contains_key(k) {
                rec.insert(k.to_owned(), v);
            }
        }
        self.overlay.insert(id, Some(rec));
        true
    }

    /// Deletes a record; false when there is none.
    pub fn delete(&mut self, id: u64) -> bool {
        if self.row(id).is_none() {
            return false;
        }
        if id <= self.seeded {
            self.overlay.insert(id, None);
        } else {
            self.overlay.remove(&id);
        }
        true
    }

    fn apply(&self, rec: &mut Record, fields: &Record) {
        for (k, v) in fields {
            if self.kind == Kind::Generic {
                if !k.eq_ignore_ascii_case("id") {
                    rec.insert(k.clone(), v.clone());
                }
                continue;
            }
            let k = k.to_uppercase();
            if self.read_only(&k) {
                continue;
            }
            // Scalars are kept as strings, the way PHP hands them back.
            let v = match v {
                Value::Number(n) => Value::String(n.to_string()),
                Value::Bool(b) => Value::String(if *b { "Y" } else { "N" }.into()),
                other => other.clone(),
            };
            rec.insert(k, v);
        }
    }

    /// How many bytes the overlay roughly holds (for the memory bench).
    pub fn overlay_len(&self) -> usize {
        self.overlay.len()
    }

    /// Calls `f` for rows with IDs in `lo..=hi`, ascending or descending,
    /// until it returns false.
    pub fn scan(&self, lo: u64, hi: u64, desc: bool, mut f: impl FnMut(Row<'_>) -> bool) {
        let lo = lo.max(1);
        if lo > hi {
            return;
        }
        let seeded_hi = hi.min(self.seeded);
        let added_lo = lo.max(self.seeded + 1);
        let seeded_part = |f: &mut dyn FnMut(Row<'_>) -> bool| -> bool {
            if lo > seeded_hi {
                return true;
            }
            let visit = |id: u64, f: &mut dyn FnMut(Row<'_>) -> bool| match self.overlay.get(&id) {
                Some(Some(r)) => f(Row::Stored(r)),
                Some(None) => true,
                None => f(Row::Seeded(id)),
            };
            if desc {
                (lo..=seeded_hi).rev().all(|id| visit(id, f))
            } else {
                (lo..=seeded_hi).all(|id| visit(id, f))
            }
        };
        let added_part = |f: &mut dyn FnMut(Row<'_>) -> bool| -> bool {
            if added_lo > hi {
                return true;
            }
            let range = self.overlay.range(added_lo..=hi);
            let mut go = |r: &Option<Record>| match r {
                Some(r) => f(Row::Stored(r)),
                None => true,
            };
            if desc {
                range.rev().all(|(_, r)| go(r))
            } else {
                range.into_iter().all(|(_, r)| go(r))
            }
        };
        if desc {
            if added_part(&mut f) {
                seeded_part(&mut f);
            }
        } else if seeded_part(&mut f) {
            added_part(&mut f);
        }
    }

    /// How many rows have IDs in `lo..=hi`, without looking at them.
    pub fn count_range(&self, lo: u64, hi: u64) -> u64 {
        let lo = lo.max(1);
        if lo > hi {
            return 0;
        }
        let seeded_hi = hi.min(self.seeded);
        let mut n = seeded_hi.saturating_sub(lo).saturating_add(1) * u64::from(lo <= seeded_hi);
        for (&id, r) in self.overlay.range(lo..=hi) {
            match (id <= self.seeded, r) {
                (true, None) => n -= 1,
                (false, Some(_)) => n += 1,
                _ => {}
            }
        }
        n
    }

    /// The largest ID that may exist.
    pub fn max_id(&self) -> u64 {
        self.next_id.saturating_sub(1)
    }
}

/// `UPPER_SNAKE` to camelCase: `ASSIGNED_BY_ID` → `assignedById`.
pub fn camel(upper: &str) -> String {
    let mut out = String::with_capacity(upper.len());
    for (i, part) in upper.split('_').filter(|p| !p.is_empty()).enumerate() {
        let lower = part.to_lowercase();
        if i == 0 {
            out.push_str(&lower);
        } else {
            let mut cs = lower.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
    }
    out
}

/// camelCase to `UPPER_SNAKE`: `assignedById` → `ASSIGNED_BY_ID`. Names
/// that are already upper case pass through.
pub fn upper_snake(name: &str) -> String {
    if !name.chars().any(|c| c.is_ascii_lowercase()) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() && !out.is_empty() {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// Typed values for `crm.item.*`: IDs as numbers, money as a number.
pub fn item_value(camel_name: &str, v: Value) -> Value {
    match &v {
        Value::String(s)
            if (camel_name == "id" || camel_name.ends_with("Id") || camel_name.ends_with("By"))
                && !s.is_empty() =>
        {
            s.parse::<i64>().map(Value::from).unwrap_or(v)
        }
        Value::String(s) if matches!(camel_name, "opportunity" | "taxValue") => s
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or(v),
        _ => v,
    }
}

/// A filter condition: `>=ID: 10` becomes (`ID`, `>=`, `10`).
#[derive(Debug, Clone)]
pub struct Cond {
    field: String,
    op: Op,
    value: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    In,
    NotIn,
    Like,
    NotLike,
    LikeRaw,
    NotLikeRaw,
}

/// Reads a `filter` object. Field names go through `upper_snake` so camelCase
/// `crm.item` filters work too.
pub fn parse_filter(filter: &Map<String, Value>) -> Vec<Cond> {
    const OPS: [(&str, Op); 15] = [
        ("!=%", Op::NotLikeRaw),
        ("!%=", Op::NotLikeRaw),
        (">=", Op::Ge),
        ("<=", Op::Le),
        ("=%", Op::LikeRaw),
        ("%=", Op::LikeRaw),
        ("!@", Op::NotIn),
        ("!%", Op::NotLike),
        ("!=", Op::Ne),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("@", Op::In),
        ("%", Op::Like),
        ("=", Op::Eq),
        ("!", Op::Ne),
    ];
    filter
        .iter()
        .filter_map(|(k, v)| {
            let (op, rest) = OPS
                .iter()
                .find_map(|(p, op)| k.strip_prefix(p).map(|r| (*op, r)))
                .unwrap_or((Op::Eq, k.as_str()));
            let field = upper_snake(rest.trim());
            if field.is_empty() {
                return None;
            }
            let op = match (op, v.is_array()) {
                (Op::Eq, true) => Op::In,
                (Op::Ne, true) => Op::NotIn,
                (op, _) => op,
            };
            Some(Cond {
                field,
                op,
                value: v.clone(),
            })
        })
        .collect()
}

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "Y" } else { "N" }.into(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Compares two values the way MySQL would: numerically when both look like
/// numbers, otherwise as case-insensitive text.
pub fn compare(a: &Value, b: &Value) -> Ordering {
    let (sa, sb) = (as_text(a), as_text(b));
    match (sa.trim().parse::<f64>(), sb.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => sa.to_lowercase().cmp(&sb.to_lowercase()),
    }
}

fn equal(a: &Value, b: &Value) -> bool {
    if let (Value::Bool(x), other) | (other, Value::Bool(x)) = (a, b) {
        let t = as_text(other).to_lowercase();
        let truthy = matches!(t.as_str(), "y" | "true" | "1");
        return *x == truthy;
    }
    match a {
        Value::Array(items) => items.iter().any(|i| equal(i, b)),
        _ => compare(a, b) == Ordering::Equal,
    }
}

fn like(hay: &Value, pattern: &str, raw: bool) -> bool {
    let hay = as_text(hay).to_lowercase();
    let pattern = pattern.to_lowercase();
    if !raw {
        return hay.contains(&pattern);
    }
    // `%` wildcards only; enough for the documented forms.
    let parts: Vec<&str> = pattern.split('%').collect();
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        if i == 0 {
            if !hay.starts_with(part) {
                return false;
            }
            pos = part.len();
        } else if i == parts.len() - 1 {
            return hay.len() >= pos + part.len() && hay[pos..].ends_with(part);
        } else if let Some(at) = hay[pos..].find(part) {
            pos += at + part.len();
        } else {
            return false;
        }
    }
    parts.last().is_none_or(|p| p.is_empty()) || parts.len() == 1 && hay == pattern
}

impl Cond {
    /// The field, in `UPPER_SNAKE`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Whether a value satisfies the condition.
    pub fn holds(&self, actual: &Value) -> bool {
        let values = || -> Vec<Value> {
            match &self.value {
                Value::Array(a) => a.clone(),
                Value::Object(o) => o.values().cloned().collect(),
                v => vec![v.clone()],
            }
        };
        match self.op {
            Op::Eq => equal(actual, &self.value),
            Op::Ne => !equal(actual, &self.value),
            Op::In => values().iter().any(|v| equal(actual, v)),
            Op::NotIn => !values().iter().any(|v| equal(actual, v)),
            Op::Gt => !actual.is_null() && compare(actual, &self.value) == Ordering::Greater,
            Op::Ge => !actual.is_null() && compare(actual, &self.value) != Ordering::Less,
            Op::Lt => !actual.is_null() && compare(actual, &self.value) == Ordering::Less,
            Op::Le => !actual.is_null() && compare(actual, &self.value) != Ordering::Greater,
            Op::Like => like(actual, &as_text(&self.value), false),
            Op::NotLike => !like(actual, &as_text(&self.value), false),
            Op::LikeRaw => like(actual, &as_text(&self.value), true),
            Op::NotLikeRaw => !like(actual, &as_text(&self.value), true),
        }
    }
}

/// One `order` entry.
#[derive(Debug, Clone)]
pub struct OrderBy {
    /// The field, in `UPPER_SNAKE`.
    pub field: String,
    /// Descending when true.
    pub desc: bool,
}

/// Reads an `order` object (`{"ID": "DESC"}`).
pub fn parse_order(order: &[(String, Value)]) -> Vec<OrderBy> {
    order
        .iter()
        .map(|(k, v)| OrderBy {
            field: upper_snake(k),
            desc: as_text(v).eq_ignore_ascii_case("desc"),
        })
        .collect()
}

/// A list request after parsing.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Conditions, all of which must hold.
    pub filter: Vec<Cond>,
    /// Sort keys; empty means by ID ascending.
    pub order: Vec<OrderBy>,
    /// Offset, or `None` for `start=-1` (no count).
    pub start: Option<u64>,
}

/// One page of a list.
#[derive(Debug)]
pub struct Page {
    /// The IDs on the page.
    pub ids: Vec<u64>,
    /// The matching total, when counted.
    pub total: Option<u64>,
    /// The next `start`, when there is more.
    pub next: Option<u64>,
    /// How many rows were examined (drives the simulated cost).
    pub examined: u64,
}

/// Page size of every list method.
pub const PAGE: u64 = 50;

impl Store {
    fn matches(&self, row: Row<'_>, filter: &[Cond]) -> bool {
        filter.iter().all(|c| {
            let v = self.field(row, &c.field).unwrap_or(Value::Null);
            c.holds(&v)
        })
    }

    /// ID bounds implied by the filter, and whether the filter is nothing
    /// but such bounds (so the total can be counted without scanning).
    fn id_bounds(&self, filter: &[Cond]) -> (u64, u64, bool) {
        let (mut lo, mut hi, mut only) = (1u64, self.max_id(), true);
        for c in filter {
            let n = as_text(&c.value).trim().parse::<f64>().ok();
            match (c.field.as_str(), c.op, n) {
                ("ID", Op::Gt, Some(n)) => {
                    lo = lo.max((n.floor() as i64).saturating_add(1).max(0) as u64)
                }
                ("ID", Op::Ge, Some(n)) => lo = lo.max(n.ceil().max(0.0) as u64),
                ("ID", Op::Lt, Some(n)) => {
                    hi = hi.min((n.ceil() as i64).saturating_sub(1).max(0) as u64)
                }
                ("ID", Op::Le, Some(n)) => hi = hi.min(n.floor().max(0.0) as u64),
                ("ID", Op::Eq, Some(n)) if n.fract() == 0.0 && n >= 0.0 => {
                    lo = lo.max(n as u64);
                    hi = hi.min(n as u64);
                }
                _ => only = false,
            }
        }
        (lo, hi, only)
    }

    /// Runs a list query.
    pub fn list(&self, q: &Query) -> Page {
        let (lo, hi, only_ids) = self.id_bounds(&q.filter);
        let by_id = match q.order.as_slice() {
            [] => Some(false),
            [o] if o.field == "ID" => Some(o.desc),
            _ => None,
        };
        let offset = q.start.unwrap_or(0);
        let mut examined = 0u64;
        let mut ids = Vec::new();
        let mut has_more = false;
        match by_id {
            Some(desc) => {
                let mut skipped = 0u64;
                let want_total = q.start.is_some() && !only_ids;
                let mut total = 0u64;
                self.scan(lo, hi, desc, |row| {
                    examined += 1;
                    if !self.matches(row, &q.filter) {
                        return true;
                    }
                    total += 1;
                    if skipped < offset {
                        skipped += 1;
                    } else if (ids.len() as u64) < PAGE {
                        ids.push(self.row_id(row));
                    } else {
                        has_more = true;
                        return want_total;
                    }
                    true
                });
                let total = match (q.start, only_ids) {
                    (None, _) => None,
                    (Some(_), true) => Some(self.count_range(lo, hi)),
                    (Some(_), false) => Some(total),
                };
                let next = (q.start.is_some() && has_more).then_some(offset + PAGE);
                Page {
                    ids,
                    total,
                    next,
                    examined,
                }
            }
            None => {
                // Sorting by other fields: keep only the best offset+PAGE
                // (sort keys and IDs), pruning as we go, so memory is bounded
                // by the page asked for rather than by the table.
                let keep = (offset + PAGE) as usize;
                let cmp = |(a, ia): &(Vec<Value>, u64), (b, ib): &(Vec<Value>, u64)| {
                    for (i, o) in q.order.iter().enumerate() {
                        let c = compare(&a[i], &b[i]);
                        let c = if o.desc { c.reverse() } else { c };
                        if c != Ordering::Equal {
                            return c;
                        }
                    }
                    ia.cmp(ib)
                };
                let mut keyed: Vec<(Vec<Value>, u64)> = Vec::new();
                let mut total = 0u64;
                self.scan(lo, hi, false, |row| {
                    examined += 1;
                    if self.matches(row, &q.filter) {
                        total += 1;
                        let keys = q
                            .order
                            .iter()
                            .map(|o| self.field(row, &o.field).unwrap_or(Value::Null))
                            .collect();
                        keyed.push((keys, self.row_id(row)));
                        if keyed.len() >= keep.saturating_mul(2).max(1024) {
                            keyed.sort_by(cmp);
                            keyed.truncate(keep);
                        }
                    }
                    true
                });
                keyed.sort_by(cmp);
                let ids: Vec<u64> = keyed
                    .iter()
                    .skip(offset as usize)
                    .take(PAGE as usize)
                    .map(|(_, id)| *id)
                    .collect();
                let next = (q.start.is_some() && offset + PAGE < total).then_some(offset + PAGE);
                Page {
                    ids,
                    total: q.start.map(|_| total),
                    next,
                    examined,
                }
            }
        }
    }

    /// The selected fields of a row. `select` empty or holding `*` means every
    /// standard field; list fields come only when named.
    pub fn project(&self, row: Row<'_>, select: &[String]) -> Record {
        let all = select.is_empty() || select.iter().any(|s| s == "*");
        let mut out = Record::with_capacity(if all {
            self.fields().len()
        } else {
            select.len()
        });
        for f in self.fields() {
            if all || select.iter().any(|s| s == f) {
                out.insert((*f).to_owned(), self.field(row, f).unwrap_or(Value::Null));
            }
        }
        for f in self.multi_fields() {
            if select.iter().any(|s| s == f)
                && let Some(v) = self.field(row, f)
            {
                out.insert((*f).to_owned(), v);
            }
        }
        if let Row::Stored(r) = row {
            // Fields a client wrote that are not standard (UF_*, etc.).
            for (k, v) in r {
                if !out.contains_key(k)
                    && !self.fields().contains(&k.as_str())
                    && !self.multi_fields().contains(&k.as_str())
                    && ((all && self.kind == Kind::Generic)
                        || select.iter().any(|s| s == k)
                        || (k.starts_with("UF_") && select.iter().any(|s| s == "UF_*")))
                {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(filter: Value, order: Value, start: Option<u64>) -> Query {
        Query {
            filter: parse_filter(filter.as_object().unwrap()),
            order: parse_order(
                &order
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect::<Vec<_>>(),
            ),
            start,
        }
    }

    #[test]
    fn seeded_paging_and_counts() {
        let mut s = Store::new(Kind::Deal, 1000, 10, 0);
        let p = s.list(&q(json!({}), json!({}), Some(0)));
        assert_eq!(p.ids.len(), 50);
        assert_eq!(p.total, Some(1000));
        assert_eq!(p.next, Some(50));
        let p = s.list(&q(json!({">ID": 990}), json!({"ID": "ASC"}), None));
        assert_eq!(p.ids, (991..=1000).collect::<Vec<_>>());
        assert_eq!(p.total, None);
        assert!(s.delete(995));
        let id = s.add(json!({"TITLE": "x"}).as_object().unwrap(), 1, 0);
        assert_eq!(id, 1001);
        let p = s.list(&q(json!({">ID": 990}), json!({}), Some(0)));
        assert_eq!(p.total, Some(10));
        assert!(!p.ids.contains(&995) && p.ids.contains(&1001));
        let p = s.list(&q(json!({"<ID": 5}), json!({"ID": "DESC"}), Some(0)));
        assert_eq!(p.ids, vec![4, 3, 2, 1]);
    }

    #[test]
    fn filter_ops_and_sort() {
        let s = Store::new(Kind::Deal, 200, 3, 0);
        let p = s.list(&q(json!({"=STAGE_ID": "WON"}), json!({}), Some(0)));
        let won = p.total.unwrap();
        assert!(won > 0 && won < 200);
        for id in &p.ids {
            let row = s.row(*id).unwrap();
            assert_eq!(s.field(row, "STAGE_ID"), Some(json!("WON")));
        }
        let p = s.list(&q(
            json!({"@ID": [3, 5, 7]}),
            json!({"ID": "DESC"}),
            Some(0),
        ));
        assert_eq!(p.ids, vec![7, 5, 3]);
        let p = s.list(&q(json!({"%TITLE": "#19"}), json!({}), Some(0)));
        assert_eq!(p.total, Some(11));
        let p = s.list(&q(json!({}), json!({"OPPORTUNITY": "DESC"}), Some(0)));
        let first = s.field(s.row(p.ids[0]).unwrap(), "OPPORTUNITY").unwrap();
        let second = s.field(s.row(p.ids[1]).unwrap(), "OPPORTUNITY").unwrap();
        assert_ne!(compare(&first, &second), Ordering::Less);
    }

    #[test]
    fn extreme_bounds_do_not_overflow() {
        let s = Store::new(Kind::Deal, 10, 1, 0);
        for f in [
            json!({">ID": 1e30}),
            json!({"<ID": -1e30}),
            json!({">ID": "-5", "<=ID": "1e300"}),
            json!({"=ID": "NaN"}),
            json!({">=ID": 9.3e18, "<ID": 9.3e18}),
        ] {
            let _ = s.list(&q(f, json!({}), Some(0)));
        }
        let p = s.list(&q(json!({">ID": -5, "<ID": 3}), json!({}), Some(0)));
        assert_eq!(p.ids, vec![1, 2]);
    }

    #[test]
    fn names() {
        assert_eq!(camel("ASSIGNED_BY_ID"), "assignedById");
        assert_eq!(upper_snake("assignedById"), "ASSIGNED_BY_ID");
        assert_eq!(upper_snake("STAGE_ID"), "STAGE_ID");
        assert_eq!(contact_for_phone(&contact_phone(42)), Some(42));
        assert!(like(&json!("Deal #19"), "deal%", true));
        assert!(!like(&json!("Deal #19"), "%x%", true));
    }
}
