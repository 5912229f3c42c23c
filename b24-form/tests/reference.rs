//! The parser as it was before the rewrite for speed, kept as an oracle:
//! the current parser must give the same value (in the same key order) or
//! the same error for any input.

use b24_form::{Error, Options};
use proptest::prelude::*;
use serde_json::Value;

mod reference {
    use std::collections::HashMap;

    use b24_form::{Error, Options};
    use serde_json::{Map, Value};

    type Segment = Option<String>;

    pub fn parse_with(input: &str, options: &Options) -> Result<Value, Error> {
        let mut root = Node::new_map();
        let mut pairs = 0usize;
        for pair in input.split('&') {
            if pair.is_empty() {
                continue;
            }
            pairs += 1;
            if pairs > options.max_pairs {
                return Err(Error::TooManyPairs {
                    max: options.max_pairs,
                });
            }
            let (raw_key, raw_value) = match pair.split_once('=') {
                Some((k, v)) => (k, v),
                None => (pair, ""),
            };
            let key = decode_component(raw_key);
            let value = decode_component(raw_value);
            let Some(path) = key_path(&key) else {
                continue;
            };
            if path.len() > options.max_depth + 1 {
                return Err(Error::TooDeep {
                    key: key.chars().take(100).collect(),
                    max: options.max_depth,
                });
            }
            root.insert(&path, value);
        }
        Ok(root.into_value())
    }

    fn decode_component(s: &str) -> String {
        let replaced;
        let s = if s.contains('+') {
            replaced = s.replace('+', " ");
            replaced.as_str()
        } else {
            s
        };
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    }

    fn key_path(key: &str) -> Option<Vec<Option<String>>> {
        let key = key.trim_start_matches(' ');
        let (base, mut rest) = match key.find('[') {
            // An opening bracket with no closing one anywhere is not nesting.
            Some(i) if key[i..].contains(']') => (&key[..i], &key[i..]),
            _ => (key, ""),
        };
        if base.is_empty() {
            return None;
        }
        let base: String = base
            .chars()
            .map(|c| if matches!(c, ' ' | '.' | '[') { '_' } else { c })
            .collect();
        let mut path = vec![Some(base)];
        while let Some(stripped) = rest.strip_prefix('[') {
            let Some(end) = stripped.find(']') else {
                break;
            };
            let seg = &stripped[..end];
            path.push(if seg.is_empty() {
                None
            } else {
                Some(seg.to_owned())
            });
            rest = &stripped[end + 1..];
        }
        Some(path)
    }

    /// PHP treats canonical decimal integers as integer array keys.
    fn int_key(s: &str) -> Option<i64> {
        let digits = s.strip_prefix('-').unwrap_or(s);
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || (digits.len() > 1 && digits.starts_with('0'))
            || s == "-0"
        {
            return None;
        }
        s.parse().ok()
    }

    /// An ordered PHP array under construction.
    enum Node {
        Leaf(String),
        Map {
            entries: Vec<(String, Node)>,
            index: HashMap<String, usize>,
            next_index: i64,
        },
    }

    impl Node {
        fn new_map() -> Node {
            Node::Map {
                entries: Vec::new(),
                index: HashMap::new(),
                next_index: 0,
            }
        }

        fn insert(&mut self, path: &[Segment], value: String) {
            let Some((first, rest)) = path.split_first() else {
                *self = Node::Leaf(value);
                return;
            };
            if matches!(self, Node::Leaf(_)) {
                *self = Node::new_map();
            }
            let Node::Map {
                entries,
                index,
                next_index,
            } = self
            else {
                return;
            };
            let key = match first {
                Some(k) => k.clone(),
                None => next_index.to_string(),
            };
            if let Some(i) = int_key(&key) {
                *next_index = (*next_index).max(i.saturating_add(1));
            }
            let slot = match index.get(&key) {
                Some(&pos) => pos,
                None => {
                    index.insert(key.clone(), entries.len());
                    entries.push((key, Node::new_map()));
                    entries.len() - 1
                }
            };
            entries[slot].1.insert(rest, value);
        }

        fn into_value(self) -> Value {
            match self {
                Node::Leaf(s) => Value::String(s),
                Node::Map { entries, .. } => {
                    let is_list = entries
                        .iter()
                        .enumerate()
                        .all(|(i, (k, _))| int_key(k) == Some(i as i64));
                    if is_list && !entries.is_empty() {
                        Value::Array(entries.into_iter().map(|(_, n)| n.into_value()).collect())
                    } else {
                        let mut map = Map::new();
                        for (k, n) in entries {
                            map.insert(k, n.into_value());
                        }
                        Value::Object(map)
                    }
                }
            }
        }
    }
}

/// Compares by text: `serde_json::Map` equality ignores key order.
fn same(input: &str, options: &Options) -> Result<(), TestCaseError> {
    let new = b24_form::parse_with(input, options).map(|v| v.to_string());
    let old = reference::parse_with(input, options).map(|v| v.to_string());
    prop_assert_eq!(new, old, "input {:?}", input);
    Ok(())
}

const PIECES: &str = "([a-c0-9\\[\\]=&+. _-]|%5B|%5D|%3D|%26|%2B|%2b|%20|%FF|%C3%A9|%E2%82|%zz|%4|%|\\[\\]|\\[0\\]|\\[1\\]|-1|01|9223372036854775807|é){0,40}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn same_as_reference(s in PIECES) {
        same(&s, &Options::default())?;
        same(&s, &Options::default().max_depth(2).max_pairs(4))?;
        same(&s, &Options::default().max_depth(0).max_pairs(100))?;
    }

    #[test]
    fn same_as_reference_on_any_text(s in any::<String>()) {
        same(&s, &Options::default())?;
    }

    #[test]
    fn same_as_reference_on_encoded_trees(
        keys in prop::collection::vec("[a-d]{1,2}(\\[[a-c0-9]{0,2}\\]){0,4}", 0..40),
    ) {
        let body: Vec<String> = keys.iter().enumerate().map(|(i, k)| format!("{k}={i}")).collect();
        same(&body.join("&"), &Options::default())?;
    }
}

#[test]
fn same_on_fixed_cases() {
    let cases = [
        "a[9223372036854775807]=x&a[]=y&a[]=z",
        "a[-5]=x&a[]=y",
        "a[]=1&a[]=2&a[0]=3",
        "a[x]=1&a[]=2&a=3&a[]=4",
        "0=a&1=b",
        "1=a&0=b",
        "%20a=1&+b=2&a%5Bb%5D=3",
        "a[b[c]]=1&a]b[=2",
        "a[b]c[d]=1&a[]x=2",
        "x=%E2%82&y=%C3",
    ];
    for c in cases {
        same(c, &Options::default()).unwrap();
    }
    let many: Vec<String> = (0..100)
        .map(|i| format!("m[k{}]={i}&m[k{}]=r", i % 70, (i * 7) % 90))
        .collect();
    same(&many.join("&"), &Options::default()).unwrap();
    let deep = format!("a{}=1", "[x]".repeat(65));
    assert!(matches!(b24_form::parse(&deep), Err(Error::TooDeep { .. })));
    let _: Value = b24_form::parse("").unwrap();
}
