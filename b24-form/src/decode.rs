//! `parse_str`: form bodies and query strings into a JSON tree.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::{Error, Options};

/// Decodes a form body or query string with the default [`Options`].
///
/// The result is always a JSON object (empty for empty input).
pub fn parse(input: &str) -> Result<Value, Error> {
    parse_with(input, &Options::default())
}

/// Decodes a form body or query string with explicit limits.
pub fn parse_with(input: &str, options: &Options) -> Result<Value, Error> {
    let mut root = MapNode::default();
    let mut pairs = 0usize;
    // Reused for every key that needs percent-decoding.
    let mut scratch = Vec::new();
    // The entry chosen at each depth by the previous pair: consecutive keys
    // usually share a prefix (`auth[a]`, `auth[b]`), so it is tried first.
    let mut hints: Vec<usize> = Vec::new();
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
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode_key(raw_key, &mut scratch);
        let Some((base, brackets)) = split_key(&key) else {
            continue;
        };
        let mut segments = Segments(brackets);
        let mut node = &mut root;
        let mut segment = Some(&*base);
        let mut depth = 0usize;
        loop {
            let next = segments.next();
            if next.is_some() && depth >= options.max_depth {
                return Err(Error::TooDeep {
                    key: key.chars().take(100).collect(),
                    max: options.max_depth,
                });
            }
            if hints.len() <= depth {
                hints.push(0);
            }
            let slot = node.slot(segment, &mut hints[depth]);
            let child = &mut node.entries[slot].1;
            match next {
                None => {
                    *child = Node::Leaf(decode_value(raw_value));
                    break;
                }
                Some(n) => {
                    if let Node::Leaf(_) = child {
                        *child = Node::Map(MapNode::default());
                    }
                    node = match child {
                        Node::Map(m) => m,
                        Node::Leaf(_) => break,
                    };
                    segment = n;
                    depth += 1;
                }
            }
        }
    }
    Ok(root.into_value())
}

/// The `key=value` pairs of a body in order, percent-decoded, without
/// building the tree (for callers that need the arrival order of keys).
pub fn decoded_pairs(input: &str) -> Vec<(String, String)> {
    input
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_value(k), decode_value(v))
        })
        .collect()
}

/// Where the first `%` or `+` of `s` is, if any.
fn first_escape(s: &str) -> Option<usize> {
    s.bytes().position(|b| b == b'%' || b == b'+')
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Appends `s` to `out` with `+` as a space and `%XX` as a byte; a `%` not
/// followed by two hex digits is kept as it is.
fn unescape_into(s: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = s.get(i + 1).copied().and_then(hex_digit);
                let lo = s.get(i + 2).copied().and_then(hex_digit);
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push(hi << 4 | lo);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            _ => out.push(b),
        }
        i += 1;
    }
}

/// Decodes one part into an owned string (invalid UTF-8 becomes U+FFFD).
fn decode_value(s: &str) -> String {
    let Some(first) = first_escape(s) else {
        return s.to_owned();
    };
    let mut out = Vec::with_capacity(s.len());
    out.extend_from_slice(&s.as_bytes()[..first]);
    unescape_into(&s.as_bytes()[first..], &mut out);
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Decodes a key, borrowing `s` when it has nothing to decode and `scratch`
/// otherwise.
fn decode_key<'a>(s: &'a str, scratch: &'a mut Vec<u8>) -> Cow<'a, str> {
    let Some(first) = first_escape(s) else {
        return Cow::Borrowed(s);
    };
    scratch.clear();
    scratch.extend_from_slice(&s.as_bytes()[..first]);
    unescape_into(&s.as_bytes()[first..], scratch);
    let scratch: &'a Vec<u8> = scratch;
    match std::str::from_utf8(scratch) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(String::from_utf8_lossy(scratch).into_owned()),
    }
}

/// Splits a decoded key into its top-level name (PHP-mangled) and the
/// bracket part that follows it; `None` when the name is empty.
fn split_key(key: &str) -> Option<(Cow<'_, str>, &str)> {
    let key = key.trim_start_matches(' ');
    let (base, rest) = match key.find('[') {
        // An opening bracket with no closing one anywhere is not nesting.
        Some(i) if key[i..].contains(']') => (&key[..i], &key[i..]),
        _ => (key, ""),
    };
    if base.is_empty() {
        return None;
    }
    let mangle = |c: char| matches!(c, ' ' | '.' | '[');
    let base = if base.contains(mangle) {
        Cow::Owned(base.replace(mangle, "_"))
    } else {
        Cow::Borrowed(base)
    };
    Some((base, rest))
}

/// The bracketed segments `[a][][b]` of a key: `Some("a")`, `None` (`[]`,
/// append), `Some("b")`; stops at the first text that is not a `[...]`.
struct Segments<'k>(&'k str);

impl<'k> Iterator for Segments<'k> {
    type Item = Option<&'k str>;

    fn next(&mut self) -> Option<Self::Item> {
        let stripped = self.0.strip_prefix('[')?;
        let end = stripped.find(']')?;
        let seg = &stripped[..end];
        self.0 = &stripped[end + 1..];
        Some(if seg.is_empty() { None } else { Some(seg) })
    }
}

/// A path segment: `None` is `[]` (append).
type Segment = Option<String>;

/// Splits a decoded key `name[a][][b]` into
/// `[Some(name), Some(a), None, Some(b)]` (`None` is `[]`, append), the way
/// PHP does. `None` when the name is empty (PHP drops such pairs).
pub fn key_path(key: &str) -> Option<Vec<Segment>> {
    let (base, rest) = split_key(key)?;
    let mut path = vec![Some(base.into_owned())];
    path.extend(Segments(rest).map(|s| s.map(str::to_owned)));
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

/// Whether `k` is the canonical decimal form of `i` (`int_key(k) == Some(i)`).
fn is_index(k: &str, i: usize) -> bool {
    let b = k.as_bytes();
    if b.is_empty() || (b.len() > 1 && b[0] == b'0') {
        return false;
    }
    let mut n: usize = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return false;
        }
        n = match n
            .checked_mul(10)
            .and_then(|n| n.checked_add(usize::from(c - b'0')))
        {
            Some(n) => n,
            None => return false,
        };
    }
    n == i
}

/// Maps up to this many entries are searched linearly; larger ones get a
/// hash index.
const LINEAR_MAX: usize = 32;

/// A node of the tree under construction.
enum Node {
    Leaf(String),
    Map(MapNode),
}

/// An ordered PHP array under construction.
#[derive(Default)]
struct MapNode {
    entries: Vec<(String, Node)>,
    /// Key to position, only once the map outgrows [`LINEAR_MAX`].
    index: Option<HashMap<String, usize>>,
    /// PHP's next free integer key (for `[]`).
    next_index: i64,
}

impl MapNode {
    /// The position of the entry for `segment` (`None`: append), created
    /// (as an empty leaf) when missing. `hint` is tried first and set to
    /// the result.
    fn slot(&mut self, segment: Option<&str>, hint: &mut usize) -> usize {
        let pos = match segment {
            Some(k) => {
                if let Some(i) = int_key(k) {
                    self.next_index = self.next_index.max(i.saturating_add(1));
                }
                match self.find(k, *hint) {
                    Some(pos) => pos,
                    None => self.push(k.to_owned()),
                }
            }
            None => {
                let n = self.next_index;
                self.next_index = n.saturating_add(1);
                let key = n.to_string();
                // Every integer key k here has k < next_index, unless the
                // counter saturated: only then can the key exist already.
                match (n == i64::MAX).then(|| self.find(&key, *hint)).flatten() {
                    Some(pos) => pos,
                    None => self.push(key),
                }
            }
        };
        *hint = pos;
        pos
    }

    fn find(&self, key: &str, hint: usize) -> Option<usize> {
        if let Some((k, _)) = self.entries.get(hint)
            && k == key
        {
            return Some(hint);
        }
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|(k, _)| k == key),
        }
    }

    fn push(&mut self, key: String) -> usize {
        let pos = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), pos);
        }
        self.entries.push((key, Node::Leaf(String::new())));
        if self.index.is_none() && self.entries.len() > LINEAR_MAX {
            self.index = Some(
                self.entries
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.clone(), i))
                    .collect(),
            );
        }
        pos
    }

    fn into_value(self) -> Value {
        let entries = self.entries;
        let is_list =
            !entries.is_empty() && entries.iter().enumerate().all(|(i, (k, _))| is_index(k, i));
        if is_list {
            Value::Array(entries.into_iter().map(|(_, n)| n.into_value()).collect())
        } else {
            let mut map = Map::with_capacity(entries.len());
            for (k, n) in entries {
                map.insert(k, n.into_value());
            }
            Value::Object(map)
        }
    }
}

impl Node {
    fn into_value(self) -> Value {
        match self {
            Node::Leaf(s) => Value::String(s),
            Node::Map(m) => m.into_value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_keys() {
        let v = parse("FIELDS[TITLE]=x&FIELDS[UF][a]=1&filter[%3EID]=10").unwrap();
        assert_eq!(
            v,
            json!({"FIELDS": {"TITLE": "x", "UF": {"a": "1"}}, "filter": {">ID": "10"}})
        );
    }

    #[test]
    fn appends_and_numeric_keys() {
        assert_eq!(parse("a[]=1&a[]=2").unwrap(), json!({"a": ["1", "2"]}));
        assert_eq!(parse("a[0]=x&a[1]=y").unwrap(), json!({"a": ["x", "y"]}));
        assert_eq!(
            parse("a[5]=x&a[]=y").unwrap(),
            json!({"a": {"5": "x", "6": "y"}})
        );
        assert_eq!(
            parse("a[1]=x&a[0]=y").unwrap(),
            json!({"a": {"1": "x", "0": "y"}})
        );
        assert_eq!(
            parse("a[01]=x").unwrap(),
            json!({"a": {"01": "x"}}),
            "leading zero is a string key"
        );
    }

    #[test]
    fn repeated_keys_keep_last() {
        assert_eq!(parse("a=1&a=2").unwrap(), json!({"a": "2"}));
        assert_eq!(parse("a=1&a[b]=2").unwrap(), json!({"a": {"b": "2"}}));
        assert_eq!(parse("a[b]=2&a=1").unwrap(), json!({"a": "1"}));
    }

    #[test]
    fn decoding() {
        assert_eq!(
            parse("q=a+b%20c%26&empty=&bare").unwrap(),
            json!({"q": "a b c&", "empty": "", "bare": ""})
        );
        assert_eq!(parse("bad=%FF%zz").unwrap(), json!({"bad": "\u{FFFD}%zz"}));
        assert_eq!(parse("").unwrap(), json!({}));
        assert_eq!(parse("&&=x&[a]=1").unwrap(), json!({}));
    }

    #[test]
    fn php_name_mangling() {
        assert_eq!(
            parse("a.b=1&c d=2").unwrap(),
            json!({"a_b": "1", "c_d": "2"})
        );
        assert_eq!(parse("a[b=1").unwrap(), json!({"a_b": "1"}));
        assert_eq!(parse("a[b]x[c]=1").unwrap(), json!({"a": {"b": "1"}}));
        assert_eq!(
            parse("a[b.c]=1").unwrap(),
            json!({"a": {"b.c": "1"}}),
            "dots survive inside brackets"
        );
    }

    #[test]
    fn limits() {
        let deep = format!("a{}=1", "[x]".repeat(65));
        assert!(matches!(parse(&deep), Err(Error::TooDeep { max: 64, .. })));
        assert!(parse(&format!("a{}=1", "[x]".repeat(64))).is_ok());
        let opts = Options {
            max_depth: 2,
            max_pairs: 2,
        };
        assert_eq!(
            parse_with("a=1&b=2&c=3", &opts),
            Err(Error::TooManyPairs { max: 2 })
        );
    }

    #[test]
    fn pairs_keep_arrival_order() {
        let pairs = decoded_pairs("cmd[z]=a%3F1&cmd[a]=b&&x");
        assert_eq!(pairs[0], ("cmd[z]".to_owned(), "a?1".to_owned()));
        assert_eq!(
            key_path(&pairs[1].0),
            Some(vec![Some("cmd".into()), Some("a".into())])
        );
        assert_eq!(key_path("a[]"), Some(vec![Some("a".into()), None]));
        assert_eq!(key_path("[x]"), None);
        assert_eq!(pairs.len(), 3);
    }

    #[test]
    fn many_appends_are_linear() {
        let body: Vec<String> = (0..50_000).map(|i| format!("ID[]={i}")).collect();
        let v = parse(&body.join("&")).unwrap();
        assert_eq!(v["ID"].as_array().map(Vec::len), Some(50_000));
    }
}
