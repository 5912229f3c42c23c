//! Answers kept for REST 3.0 `Idempotency-Key` repeats (state layer).

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};

use serde_json::Value;

/// Answers kept for `Idempotency-Key` repeats: 24 hours of virtual time, at
/// most [`MAX_REPLAYS`] (the oldest go first).
#[derive(Debug, Default)]
pub(crate) struct Replays {
    stored: HashMap<ReplayKey, Stored>,
    /// Keys in the order stored, with their expiry (which only grows) and
    /// sequence number.
    order: VecDeque<(ReplayKey, f64, u64)>,
    seq: u64,
}

/// (app or webhook, user, method, key): the docs' uniqueness scope.
pub(crate) type ReplayKey = (String, u64, String, String);

#[derive(Debug)]
pub(crate) struct Stored {
    /// Hash of the request body (without `auth`, which changes when a token
    /// is refreshed between the call and its repeat).
    pub request: u64,
    pub body: Vec<u8>,
    expires: f64,
    seq: u64,
}

/// How long an answer is kept.
const REPLAY_TTL: f64 = 86_400.0;

/// At most this many answers are kept.
pub(crate) const MAX_REPLAYS: usize = 10_000;

/// Answers larger than this are not kept (the repeat then runs again).
const MAX_REPLAY_BYTES: usize = 256 * 1024;

impl Replays {
    fn prune(&mut self, now: f64) {
        while let Some((key, expires, seq)) = self.order.front() {
            if *expires > now && self.stored.len() <= MAX_REPLAYS {
                break;
            }
            // The map may hold a newer answer under the same key.
            if self.stored.get(key).is_some_and(|s| s.seq == *seq) {
                self.stored.remove(key);
            }
            self.order.pop_front();
        }
    }

    pub(crate) fn get(&mut self, key: &ReplayKey, now: f64) -> Option<&Stored> {
        self.prune(now);
        self.stored.get(key).filter(|s| s.expires > now)
    }

    pub(crate) fn put(&mut self, key: ReplayKey, request: u64, body: Vec<u8>, now: f64) {
        if body.len() > MAX_REPLAY_BYTES {
            return;
        }
        let expires = now + REPLAY_TTL;
        self.seq += 1;
        self.order.push_back((key.clone(), expires, self.seq));
        self.stored.insert(
            key,
            Stored {
                request,
                body,
                expires,
                seq: self.seq,
            },
        );
        self.prune(now);
    }

    /// Answers currently kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.stored.len()
    }
}

/// A hash of a JSON value that ignores object key order.
pub(crate) fn request_hash(v: &Value) -> u64 {
    fn feed(v: &Value, h: &mut DefaultHasher) {
        match v {
            Value::Null => 0u8.hash(h),
            Value::Bool(b) => (1u8, b).hash(h),
            Value::Number(n) => (2u8, n.to_string()).hash(h),
            Value::String(s) => (3u8, s).hash(h),
            Value::Array(a) => {
                (4u8, a.len()).hash(h);
                a.iter().for_each(|x| feed(x, h));
            }
            Value::Object(m) => {
                (5u8, m.len()).hash(h);
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                for k in keys {
                    k.hash(h);
                    feed(&m[k], h);
                }
            }
        }
    }
    let mut h = DefaultHasher::new();
    feed(v, &mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hash_ignores_key_order() {
        let a = json!({"fields": {"title": "x", "creatorId": 1}, "id": 2});
        let b = json!({"id": 2, "fields": {"creatorId": 1, "title": "x"}});
        assert_eq!(request_hash(&a), request_hash(&b));
        assert_ne!(request_hash(&a), request_hash(&json!({"id": 2})));
        assert_ne!(request_hash(&json!("1")), request_hash(&json!(1)));
    }

    #[test]
    fn replays_expire_and_stay_bounded() {
        let mut r = Replays::default();
        let key = |i: usize| {
            (
                "app".to_owned(),
                1,
                "tasks.task.add".to_owned(),
                i.to_string(),
            )
        };
        r.put(key(0), 7, b"{}".to_vec(), 1000.0);
        assert!(r.get(&key(0), 1000.0 + REPLAY_TTL - 1.0).is_some());
        assert!(r.get(&key(0), 1000.0 + REPLAY_TTL).is_none());
        assert_eq!(r.len(), 0);
        for i in 0..MAX_REPLAYS + 10 {
            r.put(key(i), 7, b"{}".to_vec(), 2000.0);
        }
        assert_eq!(r.len(), MAX_REPLAYS);
        assert!(r.get(&key(0), 2000.0).is_none());
        assert!(r.get(&key(MAX_REPLAYS + 9), 2000.0).is_some());
        // A key stored again keeps its newer answer when the old entry goes.
        r.put(key(20), 8, b"[]".to_vec(), 2000.0);
        for i in 0..25 {
            r.put(key(100_000 + i), 7, b"{}".to_vec(), 2000.0);
        }
        assert_eq!(r.get(&key(20), 2000.0).map(|s| s.request), Some(8));
    }
}
