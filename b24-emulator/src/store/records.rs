//! The records of a store: seeded fields, materialising, add, update, delete.

#[allow(unused_imports)]
use super::*;

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

    /// A store of records as written ([`Kind::Generic`]), with no seeded ones.
    pub fn generic() -> Store {
        Store::new(Kind::Generic, 0, 1, 0)
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

    /// Whether `name` is one of the store's own columns, scalar or multiple.
    pub fn has_column(&self, name: &str) -> bool {
        self.fields().contains(&name) || self.multi_fields().contains(&name)
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

    pub(super) fn seeded_field(&self, id: u64, name: &str) -> Option<Value> {
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

    pub(super) fn deal_stage(&self, h: u64) -> &'static str {
        DEAL_STAGES[((h >> 12) % 7) as usize]
    }

    pub(super) fn kind_salt(&self) -> u64 {
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

    /// A stored (written, not seeded) record by ID: the rows of a family
    /// without seeded fields.
    pub fn record(&self, id: u64) -> Option<&Record> {
        self.overlay.get(&id)?.as_ref()
    }

    /// The stored records, ascending by ID.
    pub fn records(&self) -> impl Iterator<Item = (u64, &Record)> {
        self.overlay
            .iter()
            .filter_map(|(id, r)| r.as_ref().map(|r| (*id, r)))
    }

    /// The ID the next [`Store::add`] gives.
    pub fn next_id(&self) -> u64 {
        self.next_id
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
                // crm-lead-add.md: the status defaults to the first one, NEW.
                "STATUS_ID" => Value::String("NEW".into()),
                "CURRENCY_ID" => Value::String("USD".into()),
                "OPPORTUNITY" => Value::String("0.00".into()),
                "CATEGORY_ID" | "COMPANY_ID" | "CONTACT_ID" => Value::String("0".into()),
                "TITLE" => Value::String(String::new()),
                _ => Value::Null,
            };
            rec.insert((*f).to_owned(), v);
        }
        self.apply(&mut rec, fields);
        has_flags(&mut rec);
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
        has_flags(&mut rec);
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

    pub(super) fn apply(&self, rec: &mut Record, fields: &Record) {
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

/// `HAS_PHONE` / `HAS_EMAIL` follow the record's multifields, as a portal
/// keeps them (`Y` once a value is there), on records that have the flags.
fn has_flags(rec: &mut Record) {
    for (flag, multi) in [("HAS_PHONE", "PHONE"), ("HAS_EMAIL", "EMAIL")] {
        if !rec.contains_key(flag) {
            continue;
        }
        let any = rec.get(multi).and_then(Value::as_array).is_some_and(|a| {
            a.iter().any(|m| {
                m.get("VALUE")
                    .and_then(Value::as_str)
                    .is_some_and(|v| !v.is_empty())
            })
        });
        rec.insert(
            flag.to_owned(),
            Value::String(if any { "Y" } else { "N" }.into()),
        );
    }
}
