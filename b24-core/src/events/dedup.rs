//! A bounded memory of recent deliveries, so a redelivered event is
//! dispatched once.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::sync::Mutex;

use serde_json::Value;

use crate::events::delivery::EventDelivery;

/// Remembers the last `capacity` delivery keys; older ones are forgotten.
///
/// A key is a keyed 64-bit hash of the portal, event, `event_handler_id`,
/// `ts` and the `data`. `ts` has one-second resolution, so two different
/// events of one handler within a second differ only by their data; hashing
/// it keeps them apart. The per-process random key stops crafted collisions.
#[derive(Debug)]
pub struct Dedup {
    hasher: RandomState,
    capacity: usize,
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    set: HashSet<u64>,
    order: VecDeque<u64>,
}

/// The default number of remembered deliveries.
pub const DEFAULT_CAPACITY: usize = 4096;

impl Default for Dedup {
    fn default() -> Self {
        Self::new(DEFAULT_CAPACITY)
    }
}

impl Dedup {
    /// Remembers up to `capacity` deliveries (at least 1).
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        Self {
            hasher: RandomState::new(),
            capacity,
            seen: Mutex::new(Seen {
                set: HashSet::with_capacity(capacity),
                order: VecDeque::with_capacity(capacity),
            }),
        }
    }

    /// The key of a delivery, or `None` when it carries neither
    /// `event_handler_id` nor `ts` (nothing identifies a redelivery then).
    pub fn key(&self, d: &EventDelivery) -> Option<u64> {
        if d.event_handler_id.is_none() && d.ts.is_none() {
            return None;
        }
        let mut h = self.hasher.build_hasher();
        d.auth.member_id.hash(&mut h);
        // Codes are case-insensitive; hash them upper-cased without allocating.
        for b in d.event.bytes() {
            h.write_u8(b.to_ascii_uppercase());
        }
        d.event_handler_id.hash(&mut h);
        d.ts.hash(&mut h);
        hash_value(&d.data, &mut h);
        Some(h.finish())
    }

    /// Records `key`; `true` when it is new, `false` for a repeat.
    pub fn first_time(&self, key: u64) -> bool {
        // A poisoned lock only means another thread panicked mid-insert;
        // the set is still usable.
        let mut s = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if !s.set.insert(key) {
            return false;
        }
        s.order.push_back(key);
        while s.order.len() > self.capacity {
            if let Some(old) = s.order.pop_front() {
                s.set.remove(&old);
            }
        }
        true
    }

    /// Forgets `key`, so a later delivery with it is dispatched again.
    pub fn forget(&self, key: u64) {
        let mut s = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if s.set.remove(&key) {
            s.order.retain(|k| *k != key);
        }
    }

    /// How many keys are remembered now.
    pub fn len(&self) -> usize {
        self.seen.lock().map(|s| s.set.len()).unwrap_or(0)
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Hashes a JSON value without serializing it. Object key order counts,
/// as a redelivery repeats the body byte for byte.
fn hash_value(v: &Value, h: &mut impl Hasher) {
    match v {
        Value::Null => h.write_u8(0),
        Value::Bool(b) => {
            h.write_u8(1);
            b.hash(h);
        }
        Value::Number(n) => {
            h.write_u8(2);
            n.to_string().hash(h);
        }
        Value::String(s) => {
            h.write_u8(3);
            s.hash(h);
        }
        Value::Array(a) => {
            h.write_u8(4);
            h.write_usize(a.len());
            for x in a {
                hash_value(x, h);
            }
        }
        Value::Object(m) => {
            h.write_u8(5);
            h.write_usize(m.len());
            for (k, x) in m {
                k.hash(h);
                hash_value(x, h);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(body: &str) -> EventDelivery {
        EventDelivery::from_form(body).unwrap()
    }

    #[test]
    fn repeats_are_caught_and_memory_is_bounded() {
        let dd = Dedup::new(3);
        let a = dd
            .key(&d("event=X&event_handler_id=1&ts=10&data[ID]=1"))
            .unwrap();
        assert!(dd.first_time(a));
        assert!(!dd.first_time(a));
        for i in 2..=4 {
            let k = dd
                .key(&d(&format!(
                    "event=X&event_handler_id=1&ts=10&data[ID]={i}"
                )))
                .unwrap();
            assert!(dd.first_time(k));
        }
        assert_eq!(dd.len(), 3);
        // `a` was the oldest and has been forgotten.
        assert!(dd.first_time(a));
    }

    #[test]
    fn same_second_different_data_is_not_a_repeat() {
        let dd = Dedup::default();
        let a = dd.key(&d("event=X&event_handler_id=1&ts=10&data[FIELDS][ID]=1"));
        let b = dd.key(&d("event=X&event_handler_id=1&ts=10&data[FIELDS][ID]=2"));
        let c = dd.key(&d("event=X&event_handler_id=2&ts=10&data[FIELDS][ID]=1"));
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(dd.key(&d("event=ONAPPINSTALL&data[VERSION]=1")), None);
    }
}
