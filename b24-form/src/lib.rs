//! PHP-style nested `application/x-www-form-urlencoded` bodies, to and from
//! [`serde_json::Value`].
//!
//! Bitrix24 is a PHP application: it reads form bodies the way PHP's
//! `parse_str` does, and it sends REST events the way `http_build_query`
//! writes them. This crate reproduces both:
//!
//! ```
//! let v = b24_form::parse("FIELDS[TITLE]=Deal+1&filter[>ID]=10&ID[]=1&ID[]=2").unwrap();
//! assert_eq!(v["FIELDS"]["TITLE"], "Deal 1");
//! assert_eq!(v["filter"][">ID"], "10");
//! assert_eq!(v["ID"], serde_json::json!(["1", "2"]));
//! assert_eq!(b24_form::encode(&serde_json::json!({"a": {"b": 1}})), "a%5Bb%5D=1");
//! ```
//!
//! Decoding rules (PHP's):
//! - `a[b][c]=1` nests; `a[]=x` appends after the largest integer key so far;
//! - a repeated key keeps the last value; a scalar is replaced by a map when a
//!   later key nests under it;
//! - `+` is a space, `%XX` is a byte, invalid UTF-8 is replaced by U+FFFD;
//! - in the top-level name, spaces and dots become `_`, and an unclosed `[`
//!   becomes `_` too; text after the last `]` is ignored;
//! - a map whose keys are exactly `0, 1, …, n-1` in order becomes a JSON array
//!   (as PHP's `json_encode` does); every leaf is a JSON string.
//!
//! Nesting deeper than [`Options::max_depth`] and more pairs than
//! [`Options::max_pairs`] are errors, so a hostile body cannot build an
//! unbounded tree.
//!
//! PHP arrays are ordered, so this crate turns on serde_json's
//! `preserve_order`: decoded objects keep the order keys arrived in (a
//! batch's `cmd`, a list's `order`), and `encode` writes them in map order.
//! [`decoded_pairs`] and [`key_path`] give the raw pairs for callers that
//! need them.
#![deny(missing_docs)]

mod decode;
mod encode;
pub mod result_ref;

pub use decode::{decoded_pairs, key_path, parse, parse_with};
pub use encode::{EncodeOptions, encode, encode_with};

/// Why a form body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A key nests deeper than the allowed depth.
    #[error("key `{key}` nests deeper than {max} levels")]
    TooDeep {
        /// The offending key, decoded and cut to 100 characters.
        key: String,
        /// The depth limit in force.
        max: usize,
    },
    /// The body holds more `key=value` pairs than allowed.
    #[error("more than {max} parameters")]
    TooManyPairs {
        /// The pair limit in force.
        max: usize,
    },
}

/// Limits applied by [`parse_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The most bracket levels a key may have (`a[b][c]` has 2). PHP's
    /// `max_input_nesting_level` defaults to 64.
    pub max_depth: usize,
    /// The most `key=value` pairs a body may have.
    pub max_pairs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_depth: 64,
            max_pairs: 100_000,
        }
    }
}

impl Options {
    /// Sets [`Options::max_depth`](Self::max_depth).
    #[must_use]
    pub fn max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets [`Options::max_pairs`](Self::max_pairs).
    #[must_use]
    pub fn max_pairs(mut self, max_pairs: usize) -> Self {
        self.max_pairs = max_pairs;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    mod roundtrip {
        use super::*;
        use proptest::prelude::*;

        fn leaf() -> impl Strategy<Value = Value> {
            prop_oneof![
                any::<String>().prop_map(Value::String),
                any::<i64>().prop_map(|n| json!(n)),
                any::<bool>().prop_map(Value::Bool),
                Just(Value::Null),
            ]
        }

        fn tree() -> impl Strategy<Value = Value> {
            leaf().prop_recursive(4, 40, 5, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                    prop::collection::vec(("[a-zA-Z_][a-zA-Z0-9_ >=<!%.-]{0,6}", inner), 0..5)
                        .prop_map(|kv| Value::Object(kv.into_iter().collect())),
                ]
            })
        }

        /// What PHP gives back after `http_build_query` then `parse_str`.
        fn normalize(v: &Value) -> Option<Value> {
            match v {
                Value::Null => None,
                Value::Bool(b) => Some(json!(if *b { "1" } else { "0" })),
                Value::Number(n) => Some(Value::String(n.to_string())),
                Value::String(s) => Some(Value::String(s.clone())),
                Value::Array(items) => {
                    let kept: Vec<(String, Value)> = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, x)| normalize(x).map(|x| (i.to_string(), x)))
                        .collect();
                    collapse(kept)
                }
                Value::Object(map) => {
                    let kept: Vec<(String, Value)> = map
                        .iter()
                        .filter_map(|(k, x)| normalize(x).map(|x| (k.clone(), x)))
                        .collect();
                    collapse(kept)
                }
            }
        }

        fn collapse(kept: Vec<(String, Value)>) -> Option<Value> {
            if kept.is_empty() {
                return None;
            }
            if kept
                .iter()
                .enumerate()
                .all(|(i, (k, _))| *k == i.to_string())
            {
                Some(Value::Array(kept.into_iter().map(|(_, v)| v).collect()))
            } else {
                Some(Value::Object(kept.into_iter().collect()))
            }
        }

        proptest! {
            #[test]
            fn parse_inverts_encode(map in prop::collection::vec(("[a-zA-Z_][a-zA-Z0-9_]{0,6}", tree()), 0..6)) {
                let v = Value::Object(map.into_iter().collect());
                let expected = match normalize(&v) {
                    Some(Value::Object(m)) => Value::Object(m),
                    _ => json!({}),
                };
                prop_assert_eq!(parse(&encode(&v)).unwrap(), expected);
            }

            #[test]
            fn parse_never_panics(s in "[a-z\\[\\]=&%+0-9.]{0,40}") {
                let _ = parse(&s);
            }
        }
    }
}
