//! CRM and user records: seeded ones are computed from their ID on demand, and
//! a sparse overlay keeps edits, deletions and added records. A million seeded
//! deals therefore cost a few bytes, not a million maps.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::clock::iso8601;

mod query;
#[allow(unused_imports)]
pub use query::*;

mod records;
#[allow(unused_imports)]
pub use records::*;

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
    fn generic_rows_page_by_limit_and_sort_by_key() {
        let mut s = Store::generic();
        for (i, rank) in ["low", "high", "average", "high", "low"].iter().enumerate() {
            let rec = json!({"title": format!("t{i}"), "priority": rank});
            s.add(rec.as_object().unwrap(), 1, 0);
        }
        assert_eq!(s.ids(&[eq("priority", "high")]), vec![2, 4]);
        assert_eq!(
            s.ids(&parse_filter(json!({">ID": 3}).as_object().unwrap())),
            vec![4, 5]
        );
        let rank = |f: &str, v: Value| match (f, v.as_str()) {
            ("priority", Some("low")) => json!(0),
            ("priority", Some("average")) => json!(1),
            ("priority", Some("high")) => json!(2),
            _ => v,
        };
        // Field names as the family keeps them (v2's `parse_order` would
        // upper-case them).
        let by_rank = Query {
            order: vec![OrderBy {
                field: "priority".into(),
                desc: true,
            }],
            start: Some(0),
            ..Query::default()
        };
        let p = s.list_by(&by_rank, 3, &rank);
        assert_eq!((p.ids, p.total, p.next), (vec![2, 4, 3], Some(5), Some(3)));
        let p = s.list_by(&q(json!({}), json!({}), Some(3)), 3, &rank);
        assert_eq!((p.ids, p.next), (vec![4, 5], None));
        assert_eq!(s.record(2).unwrap()["title"], "t1");
        assert_eq!(s.next_id(), 6);
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
