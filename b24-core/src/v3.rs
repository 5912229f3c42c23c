//! Typed `filter` and `order` of REST 3.0 list methods
//! (`api-reference/rest-v3.md`, "Filtering").
//!
//! A filter is a list of conditions joined by AND: `["field", "operator",
//! value]`, the shorthand `["field", value]`, and groups
//! `{"logic": "or", "conditions": [...]}`. An order is an object of field
//! → `"ASC"`/`"DESC"`, its keys in the order given. Both are generic over the
//! method's field enum (`TaskdtoField`), so a field name is checked by the
//! compiler; the enum's `Raw` variant names any other field.
//!
//! ```
//! use b24_core::v3::{V3Filter, V3Order};
//! use serde_json::json;
//!
//! // `&str` names a field as written; a generated field enum works the same.
//! let filter = V3Filter::new()
//!     .eq("status", "NEW")
//!     .or(V3Filter::new().is("id", [1, 2]).is_in("id", [3, 4, 5]));
//! assert_eq!(
//!     serde_json::to_value(&filter)?,
//!     json!([
//!         ["status", "=", "NEW"],
//!         {"logic": "or", "conditions": [["id", [1, 2]], ["id", "in", [3, 4, 5]]]}
//!     ])
//! );
//! let order = V3Order::new().desc("deadline").asc("id");
//! assert_eq!(serde_json::to_string(&order)?, r#"{"deadline":"DESC","id":"ASC"}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::ser::{SerializeMap, SerializeSeq, SerializeTuple};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// A field as REST 3.0 names it in `select`, `filter` and `order`: a field
/// name or a relation path (`responsible.name`). Generated field enums
/// implement it; so do `&str` and `String`, for a field written by hand.
pub trait FieldPath {
    /// The path as the portal takes it.
    fn path(&self) -> String;
}

impl FieldPath for &str {
    fn path(&self) -> String {
        (*self).to_owned()
    }
}

impl FieldPath for String {
    fn path(&self) -> String {
        self.clone()
    }
}

/// A comparison of a filter condition: the documented operators
/// (`api-reference/rest-v3.md#operators`). The portal refuses any other
/// word (`BITRIX_REST_V3_EXCEPTION_UNKNOWNFILTEROPERATOREXCEPTION`), so
/// there is no variant for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `=`: equals.
    Eq,
    /// `!=`: not equals.
    Ne,
    /// `>`: greater than.
    Gt,
    /// `>=`: greater than or equal to.
    Ge,
    /// `<`: less than.
    Lt,
    /// `<=`: less than or equal to.
    Le,
    /// `in`: one of the values of a list.
    In,
    /// `between`: in the range `[low, high]`.
    Between,
}

impl Operator {
    /// Every operator, in the docs' order.
    pub const ALL: [Operator; 8] = [
        Operator::Eq,
        Operator::Ne,
        Operator::Gt,
        Operator::Ge,
        Operator::Lt,
        Operator::Le,
        Operator::In,
        Operator::Between,
    ];

    /// The wire word (`>=`, `in`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Operator::Eq => "=",
            Operator::Ne => "!=",
            Operator::Gt => ">",
            Operator::Ge => ">=",
            Operator::Lt => "<",
            Operator::Le => "<=",
            Operator::In => "in",
            Operator::Between => "between",
        }
    }

    /// The operator of a wire word; `None` for a word the docs do not list.
    pub fn from_wire(word: &str) -> Option<Operator> {
        Operator::ALL.into_iter().find(|op| op.as_str() == word)
    }
}

impl std::fmt::Display for Operator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Operator {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How the conditions of a group are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Logic {
    /// `"and"`: all hold (what the top level of a filter does too).
    And,
    /// `"or"`: at least one holds.
    Or,
}

impl Logic {
    /// The wire word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Logic::And => "and",
            Logic::Or => "or",
        }
    }
}

/// One element of a filter: a condition on a field, or a group.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition<F> {
    /// `["field", "operator", value]`, or `["field", value]` without an
    /// operator (the portal reads `=`, or `in` for an array value).
    Compare {
        /// The field.
        field: F,
        /// The operator; `None` writes the two-element shorthand.
        op: Option<Operator>,
        /// The value compared with (an array for `in` and `between`).
        value: Value,
    },
    /// `{"logic": "or", "conditions": [...]}`.
    Group {
        /// How the conditions are joined.
        logic: Logic,
        /// The conditions.
        conditions: Vec<Condition<F>>,
    },
}

impl<F: FieldPath> Serialize for Condition<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Condition::Compare {
                field,
                op: Some(op),
                value,
            } => {
                let mut t = s.serialize_tuple(3)?;
                t.serialize_element(&field.path())?;
                t.serialize_element(op)?;
                t.serialize_element(value)?;
                t.end()
            }
            Condition::Compare {
                field,
                op: None,
                value,
            } => {
                let mut t = s.serialize_tuple(2)?;
                t.serialize_element(&field.path())?;
                t.serialize_element(value)?;
                t.end()
            }
            Condition::Group { logic, conditions } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("logic", logic.as_str())?;
                m.serialize_entry("conditions", conditions)?;
                m.end()
            }
        }
    }
}

/// A REST 3.0 `filter`: conditions joined by AND, serialized as the
/// documented JSON array. `F` is the method's field enum (inferred from the
/// first field given); its `Raw` variant, or `F::from("path")`, names a
/// field the enum lacks.
///
/// ```
/// use b24_core::v3::{Operator, V3Filter};
/// use serde_json::json;
///
/// let f = V3Filter::new()
///     .ge("created", "2025-01-01")
///     .between("priority", 1, 2)
///     .cond("status", Operator::Ne, "completed");
/// assert_eq!(
///     serde_json::to_value(&f)?,
///     json!([
///         ["created", ">=", "2025-01-01"],
///         ["priority", "between", [1, 2]],
///         ["status", "!=", "completed"]
///     ])
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct V3Filter<F> {
    conditions: Vec<Condition<F>>,
}

impl<F> Default for V3Filter<F> {
    fn default() -> Self {
        V3Filter {
            conditions: Vec::new(),
        }
    }
}

impl<F> V3Filter<F> {
    /// An empty filter (every row).
    pub fn new() -> Self {
        Self::default()
    }

    /// The conditions, in the order added.
    pub fn conditions(&self) -> &[Condition<F>] {
        &self.conditions
    }

    /// Whether it has no condition.
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// Adds a condition or a group.
    #[must_use]
    pub fn push(mut self, condition: Condition<F>) -> Self {
        self.conditions.push(condition);
        self
    }

    /// Adds `["field", op, value]`.
    #[must_use]
    pub fn cond(self, field: F, op: Operator, value: impl Into<Value>) -> Self {
        self.push(Condition::Compare {
            field,
            op: Some(op),
            value: value.into(),
        })
    }

    /// Adds the shorthand `["field", value]`: equals, or one of the values
    /// when `value` is an array.
    #[must_use]
    pub fn is(self, field: F, value: impl Into<Value>) -> Self {
        self.push(Condition::Compare {
            field,
            op: None,
            value: value.into(),
        })
    }

    /// Adds `["field", "=", value]`.
    #[must_use]
    pub fn eq(self, field: F, value: impl Into<Value>) -> Self {
        self.cond(field, Operator::Eq, value)
    }

    /// Adds `["field", "!=", value]`.
    #[must_use]
    pub fn ne(self, field: F, value: impl Into<Value>) -> Self {
        self.cond(field, Operator::Ne, value)
    }

    /// Adds `["field", ">", value]`.
    #[must_use]
    pub fn gt(self, field: F, value: impl Into<Value>) -> Self {
        self.cond(field, Operator::Gt, value)
    }

    /// Adds `["field", ">=", value]`.
    #[must_use]
    pub fn ge(self, field: F, value: impl Into<Value>) -> Self {
        self.cond(field, Operator::Ge, value)
    }

    /// Adds `["field", "<", value]`.
    #[must_use]
    pub fn lt(self, field: F, value: impl Into<Value>) -> Self {
        self.cond(field, Operator::Lt, value)
    }

    /// Adds `["field", "<=", value]`.
    #[must_use]
    pub fn le(self, field: F, value: impl Into<Value>) -> Self {
        self.cond(field, Operator::Le, value)
    }

    /// Adds `["field", "in", [values...]]`.
    #[must_use]
    pub fn is_in<V: Into<Value>>(self, field: F, values: impl IntoIterator<Item = V>) -> Self {
        let values: Vec<Value> = values.into_iter().map(Into::into).collect();
        self.cond(field, Operator::In, values)
    }

    /// Adds `["field", "between", [low, high]]` (both ends included).
    #[must_use]
    pub fn between(self, field: F, low: impl Into<Value>, high: impl Into<Value>) -> Self {
        self.cond(
            field,
            Operator::Between,
            Value::Array(vec![low.into(), high.into()]),
        )
    }

    /// Adds a group in which at least one of `group`'s conditions holds:
    /// `{"logic": "or", "conditions": [...]}`.
    #[must_use]
    pub fn or(self, group: V3Filter<F>) -> Self {
        self.group(Logic::Or, group)
    }

    /// Adds a group in which all of `group`'s conditions hold:
    /// `{"logic": "and", "conditions": [...]}` (inside an OR group, say).
    #[must_use]
    pub fn and(self, group: V3Filter<F>) -> Self {
        self.group(Logic::And, group)
    }

    /// Adds a group of `group`'s conditions joined by `logic`.
    #[must_use]
    pub fn group(self, logic: Logic, group: V3Filter<F>) -> Self {
        self.push(Condition::Group {
            logic,
            conditions: group.conditions,
        })
    }
}

impl<F> From<Vec<Condition<F>>> for V3Filter<F> {
    fn from(conditions: Vec<Condition<F>>) -> Self {
        V3Filter { conditions }
    }
}

impl<F> FromIterator<Condition<F>> for V3Filter<F> {
    fn from_iter<I: IntoIterator<Item = Condition<F>>>(iter: I) -> Self {
        V3Filter {
            conditions: iter.into_iter().collect(),
        }
    }
}

impl<F: FieldPath> Serialize for V3Filter<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.conditions.len()))?;
        for c in &self.conditions {
            seq.serialize_element(c)?;
        }
        seq.end()
    }
}

/// A sort direction of `order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `ASC`: ascending.
    Asc,
    /// `DESC`: descending.
    Desc,
}

impl Direction {
    /// The wire word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Asc => "ASC",
            Direction::Desc => "DESC",
        }
    }
}

impl Serialize for Direction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A REST 3.0 `order`: `{"field": "ASC" | "DESC", ...}`, keys in the order
/// given (the first sorts first). Sorting by a field again replaces its
/// direction in place, as a JSON object holds each key once.
///
/// ```
/// use b24_core::v3::{Direction, V3Order};
///
/// let order = V3Order::new()
///     .asc("priority")
///     .by("deadline", Direction::Desc)
///     .desc("priority");
/// assert_eq!(serde_json::to_string(&order)?, r#"{"priority":"DESC","deadline":"DESC"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct V3Order<F> {
    keys: Vec<(F, Direction)>,
}

impl<F> Default for V3Order<F> {
    fn default() -> Self {
        V3Order { keys: Vec::new() }
    }
}

impl<F: FieldPath> V3Order<F> {
    /// No sorting given (the portal's default, by `id` ascending for tasks).
    pub fn new() -> Self {
        Self::default()
    }

    /// The fields and directions, first key first.
    pub fn keys(&self) -> &[(F, Direction)] {
        &self.keys
    }

    /// Sorts by `field` in `direction` after the keys given so far.
    #[must_use]
    pub fn by(mut self, field: F, direction: Direction) -> Self {
        let path = field.path();
        match self.keys.iter_mut().find(|(f, _)| f.path() == path) {
            Some(key) => key.1 = direction,
            None => self.keys.push((field, direction)),
        }
        self
    }

    /// Sorts by `field`, ascending.
    #[must_use]
    pub fn asc(self, field: F) -> Self {
        self.by(field, Direction::Asc)
    }

    /// Sorts by `field`, descending.
    #[must_use]
    pub fn desc(self, field: F) -> Self {
        self.by(field, Direction::Desc)
    }
}

impl<F: FieldPath> Serialize for V3Order<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.keys.len()))?;
        for (field, direction) in &self.keys {
            m.serialize_entry(&field.path(), direction)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A field enum as codegen writes one: named fields, a relation, `Raw`.
    #[derive(Debug, Clone, PartialEq)]
    enum Field {
        Id,
        Responsible(Box<UserField>),
        Raw(String),
    }
    #[derive(Debug, Clone, PartialEq)]
    enum UserField {
        Name,
    }
    impl FieldPath for Field {
        fn path(&self) -> String {
            match self {
                Field::Id => "id".into(),
                Field::Responsible(rest) => match **rest {
                    UserField::Name => "responsible.name".into(),
                },
                Field::Raw(s) => s.clone(),
            }
        }
    }
    impl From<&str> for Field {
        fn from(s: &str) -> Self {
            Field::Raw(s.to_owned())
        }
    }

    #[test]
    fn every_operator_has_its_documented_word() {
        let words: Vec<&str> = Operator::ALL.iter().map(|o| o.as_str()).collect();
        assert_eq!(words, ["=", "!=", ">", ">=", "<", "<=", "in", "between"]);
        for op in Operator::ALL {
            assert_eq!(Operator::from_wire(op.as_str()), Some(op));
        }
        assert_eq!(Operator::from_wire("like"), None);
    }

    #[test]
    fn conditions_write_the_field_path_operator_and_value() {
        let f = V3Filter::<Field>::new()
            .gt(Field::Id, 10)
            .ne(Field::Responsible(Box::new(UserField::Name)), "Ann")
            .le(Field::from("custom.field"), 2.5)
            .lt(Field::Id, 100)
            .is(Field::Id, json!(null));
        assert_eq!(
            serde_json::to_value(&f).unwrap(),
            json!([
                ["id", ">", 10],
                ["responsible.name", "!=", "Ann"],
                ["custom.field", "<=", 2.5],
                ["id", "<", 100],
                ["id", null]
            ])
        );
        assert_eq!(f.conditions().len(), 5);
    }

    #[test]
    fn groups_nest_with_their_logic() {
        let f = V3Filter::<Field>::new().or(V3Filter::new()
            .eq(Field::Id, 1)
            .and(V3Filter::new().ge(Field::Id, 5).le(Field::Id, 9)));
        assert_eq!(
            serde_json::to_value(&f).unwrap(),
            json!([{"logic": "or", "conditions": [
                ["id", "=", 1],
                {"logic": "and", "conditions": [["id", ">=", 5], ["id", "<=", 9]]}
            ]}])
        );
        // `logic` is written before `conditions`, as the docs show it.
        let text = serde_json::to_string(&f).unwrap();
        assert!(
            text.starts_with(r#"[{"logic":"or","conditions":"#),
            "{text}"
        );
    }

    #[test]
    fn an_empty_filter_is_an_empty_list() {
        let f = V3Filter::<Field>::new();
        assert!(f.is_empty());
        assert_eq!(serde_json::to_string(&f).unwrap(), "[]");
        let collected: V3Filter<Field> = vec![Condition::Compare {
            field: Field::Id,
            op: Some(Operator::In),
            value: json!([1]),
        }]
        .into_iter()
        .collect();
        assert_eq!(
            serde_json::to_value(&collected).unwrap(),
            json!([["id", "in", [1]]])
        );
    }

    #[test]
    fn order_keeps_key_order_and_replaces_a_repeated_field() {
        let o = V3Order::<Field>::new()
            .desc(Field::from("deadline"))
            .asc(Field::Id)
            .by(Field::Raw("id".into()), Direction::Desc);
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            r#"{"deadline":"DESC","id":"DESC"}"#
        );
        assert_eq!(o.keys().len(), 2);
        assert_eq!(
            serde_json::to_string(&V3Order::<Field>::new()).unwrap(),
            "{}"
        );
    }
}
