//! The one filter module of both protocols: REST v2 keys with an operator
//! prefix (`>=ID: 10`, `%TITLE`, `@ID: [1, 2]`) and REST 3.0 condition lists
//! (`["id", ">=", 10]`, `{"logic": "or", "conditions": [...]}`) parse into the
//! same [`Cond`] tree and are evaluated by the same comparisons, so a filter
//! means the same thing whichever door it came through.

use std::cmp::Ordering;

use serde_json::{Map, Value};

/// A comparison of a filter condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=` (v2 no prefix or `=`).
    Eq,
    /// `!=` (v2 `!` too).
    Ne,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// v2 `@` or an array value; v3 `in`.
    In,
    /// v2 `!@`.
    NotIn,
    /// v2 `%`: substring.
    Like,
    /// v2 `!%`.
    NotLike,
    /// v2 `=%` / `%=`: a pattern with `%` wildcards.
    LikeRaw,
    /// v2 `!=%` / `!%=`.
    NotLikeRaw,
    /// v3 `between`: `[low, high]`, both ends included.
    Between,
}

/// A parsed filter: leaves compare one field, groups AND or OR their parts.
#[derive(Debug, Clone)]
pub enum Cond {
    /// One field compared with a value.
    Leaf {
        /// The field as the store names it.
        field: String,
        /// The comparison.
        op: Op,
        /// The value compared with (an array for `In`/`NotIn`/`Between`).
        value: Value,
    },
    /// Conditions joined by AND, or by OR when `or`.
    Group {
        /// OR instead of AND.
        or: bool,
        /// The parts.
        conditions: Vec<Cond>,
    },
}

/// The v2 operator prefixes, longest first so `>=` wins over `>`.
const V2_OPS: [(&str, Op); 15] = [
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

/// Splits a v2 filter key into its operator and field name (`>=ID` →
/// (`Ge`, `ID`)).
pub fn split_v2_key(key: &str) -> (Op, &str) {
    V2_OPS
        .iter()
        .find_map(|(p, op)| key.strip_prefix(p).map(|r| (*op, r.trim())))
        .unwrap_or((Op::Eq, key.trim()))
}

/// Reads a v2 `filter` object into leaves (all ANDed); `name` maps the field
/// part of each key to the store's name. Keys without a field are dropped.
pub fn parse_v2(filter: &Map<String, Value>, name: impl Fn(&str) -> String) -> Vec<Cond> {
    filter
        .iter()
        .filter_map(|(k, v)| {
            let (op, rest) = split_v2_key(k);
            let field = name(rest);
            if field.is_empty() {
                return None;
            }
            // An array means "any of" (and "none of" under `!`).
            let op = match (op, v.is_array()) {
                (Op::Eq, true) => Op::In,
                (Op::Ne, true) => Op::NotIn,
                (op, _) => op,
            };
            Some(Cond::Leaf {
                field,
                op,
                value: v.clone(),
            })
        })
        .collect()
}

/// The v3 operator words.
pub fn v3_op(word: &str) -> Option<Op> {
    Some(match word {
        "=" => Op::Eq,
        "!=" => Op::Ne,
        ">" => Op::Gt,
        ">=" => Op::Ge,
        "<" => Op::Lt,
        "<=" => Op::Le,
        "in" => Op::In,
        "between" => Op::Between,
        _ => return None,
    })
}

/// What a v3 condition list can fail on; the caller turns it into its error.
#[derive(Debug)]
pub enum V3Problem<E> {
    /// Not a condition, a group or a list of them (the offending part).
    Shape(Value),
    /// An operator word that is not one of [`v3_op`]'s.
    Operator(String),
    /// The field check of the caller refused the leaf.
    Field(E),
}

/// The caller's check of one v3 leaf: field name, operator and value in,
/// the stored field name and converted value out.
pub type LeafCheck<'a, E> = &'a dyn Fn(&str, Op, &Value) -> Result<(String, Value), E>;

/// Deepest nesting of v3 filter groups accepted.
pub const MAX_DEPTH: usize = 32;

/// Reads a v3 condition list (ANDed). `leaf` checks a field name and
/// converts the value for its type, returning the stored name and value.
pub fn parse_v3<E>(list: &Value, leaf: LeafCheck<'_, E>) -> Result<Vec<Cond>, V3Problem<E>> {
    v3_list(list, 0, leaf)
}

fn v3_list<E>(
    list: &Value,
    depth: usize,
    leaf: LeafCheck<'_, E>,
) -> Result<Vec<Cond>, V3Problem<E>> {
    let Value::Array(items) = list else {
        return Err(V3Problem::Shape(list.clone()));
    };
    if depth > MAX_DEPTH {
        return Err(V3Problem::Shape(list.clone()));
    }
    items.iter().map(|c| v3_cond(c, depth, leaf)).collect()
}

fn v3_cond<E>(c: &Value, depth: usize, leaf: LeafCheck<'_, E>) -> Result<Cond, V3Problem<E>> {
    match c {
        Value::Object(m) => {
            let logic = m
                .get("logic")
                .and_then(Value::as_str)
                .map(str::to_lowercase);
            let or = match logic.as_deref() {
                Some("or") => true,
                Some("and") | None => false,
                Some(_) => return Err(V3Problem::Shape(c.clone())),
            };
            let conditions = v3_list(m.get("conditions").unwrap_or(&Value::Null), depth + 1, leaf)?;
            Ok(Cond::Group { or, conditions })
        }
        Value::Array(parts) => {
            let (name, op, value) = match parts.as_slice() {
                [Value::String(f), v @ Value::Array(_)] => (f, "in", v),
                [Value::String(f), v] => (f, "=", v),
                [Value::String(f), Value::String(op), v] => (f, op.as_str(), v),
                _ => return Err(V3Problem::Shape(c.clone())),
            };
            let op = v3_op(op).ok_or_else(|| V3Problem::Operator(op.to_owned()))?;
            let (field, value) = leaf(name, op, value).map_err(V3Problem::Field)?;
            Ok(Cond::Leaf { field, op, value })
        }
        _ => Err(V3Problem::Shape(c.clone())),
    }
}

impl Cond {
    /// Whether a row satisfies the condition; `get` reads a field (null when
    /// the row has none).
    pub fn matches(&self, get: &dyn Fn(&str) -> Value) -> bool {
        match self {
            Cond::Group {
                or: true,
                conditions,
            } => conditions.iter().any(|c| c.matches(get)),
            Cond::Group {
                or: false,
                conditions,
            } => conditions.iter().all(|c| c.matches(get)),
            Cond::Leaf { field, op, value } => holds(*op, &get(field), value),
        }
    }

    /// [`Cond::matches`] on a JSON object row.
    pub fn matches_map(&self, row: &Map<String, Value>) -> bool {
        self.matches(&|f: &str| row.get(f).cloned().unwrap_or(Value::Null))
    }
}

/// Whether `actual` stands in relation `op` to `value`.
pub fn holds(op: Op, actual: &Value, value: &Value) -> bool {
    let values = || -> Vec<Value> {
        match value {
            Value::Array(a) => a.clone(),
            Value::Object(o) => o.values().cloned().collect(),
            v => vec![v.clone()],
        }
    };
    // Ordering needs two values; a missing one never compares.
    let ordered = |want: fn(Ordering) -> bool| {
        !actual.is_null() && !value.is_null() && want(compare(actual, value))
    };
    match op {
        Op::Eq => equal(actual, value),
        Op::Ne => !equal(actual, value),
        Op::In => values().iter().any(|v| equal(actual, v)),
        Op::NotIn => !values().iter().any(|v| equal(actual, v)),
        Op::Gt => ordered(|o| o == Ordering::Greater),
        Op::Ge => ordered(|o| o != Ordering::Less),
        Op::Lt => ordered(|o| o == Ordering::Less),
        Op::Le => ordered(|o| o != Ordering::Greater),
        Op::Like => like(actual, &as_text(value), false),
        Op::NotLike => !like(actual, &as_text(value), false),
        Op::LikeRaw => like(actual, &as_text(value), true),
        Op::NotLikeRaw => !like(actual, &as_text(value), true),
        Op::Between => match value.as_array().map(Vec::as_slice) {
            Some([lo, hi]) => {
                !actual.is_null()
                    && compare(actual, lo) != Ordering::Less
                    && compare(actual, hi) != Ordering::Greater
            }
            _ => false,
        },
    }
}

/// A value as the text a database column would hold (`Y`/`N` for booleans).
pub fn as_text(v: &Value) -> String {
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

/// [`compare`] with nulls first, for sorting.
pub fn order_of(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => compare(a, b),
    }
}

/// Equality as a v2 filter sees it: booleans against `Y`/`N`/`true`/`1`, a
/// multiple field equal when any of its values is, a null equal to "".
pub fn equal(a: &Value, b: &Value) -> bool {
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

/// Case-insensitive match: substring, or with `raw` a pattern whose `%`
/// stands for any run of characters.
pub fn like(hay: &Value, pattern: &str, raw: bool) -> bool {
    let hay = as_text(hay).to_lowercase();
    let pattern = pattern.to_lowercase();
    if !raw {
        return hay.contains(&pattern);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(v: Value) -> impl Fn(&str) -> Value {
        move |f| v.get(f).cloned().unwrap_or(Value::Null)
    }

    #[test]
    fn v2_and_v3_filters_mean_the_same() {
        let v2 = parse_v2(
            json!({">=ID": 2, "@STAGE": ["A", "B"]})
                .as_object()
                .unwrap(),
            str::to_owned,
        );
        let leaf = |f: &str, _: Op, v: &Value| Ok::<_, ()>((f.to_uppercase(), v.clone()));
        let v3 = parse_v3(&json!([["id", ">=", 2], ["stage", ["A", "B"]]]), &leaf).unwrap();
        for (r, want) in [
            (json!({"ID": 2, "STAGE": "A"}), true),
            (json!({"ID": 1, "STAGE": "A"}), false),
            (json!({"ID": 5, "STAGE": "C"}), false),
        ] {
            let get = row(r);
            assert_eq!(v2.iter().all(|c| c.matches(&get)), want);
            assert_eq!(v3.iter().all(|c| c.matches(&get)), want);
        }
    }

    #[test]
    fn v3_groups_bad_shapes_and_operators() {
        let leaf = |f: &str, _: Op, v: &Value| Ok::<_, ()>((f.to_owned(), v.clone()));
        let or = parse_v3(
            &json!([{"logic": "or", "conditions": [["a", 1], ["b", "between", [1, 3]]]}]),
            &leaf,
        )
        .unwrap();
        assert!(or[0].matches(&row(json!({"a": 0, "b": 3}))));
        assert!(!or[0].matches(&row(json!({"a": 0, "b": 4}))));
        assert!(matches!(
            parse_v3(&json!([["a", "like", 1]]), &leaf),
            Err(V3Problem::Operator(w)) if w == "like"
        ));
        assert!(matches!(
            parse_v3(&json!({"a": 1}), &leaf),
            Err(V3Problem::Shape(_))
        ));
    }

    #[test]
    fn nulls_never_order_and_patterns_match() {
        assert!(!holds(Op::Gt, &Value::Null, &json!(1)));
        assert!(!holds(Op::Lt, &json!(1), &Value::Null));
        assert!(holds(Op::LikeRaw, &json!("Deal 42"), &json!("deal%2")));
        assert!(holds(Op::Eq, &json!(true), &json!("Y")));
    }
}
