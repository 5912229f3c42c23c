//! Filters, orders and paged list queries over a store.

#[allow(unused_imports)]
use super::*;

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

pub use crate::filter::{Cond, Op, as_text, compare, equal, like, order_of};

/// A condition `field = value`, for lookups by a family's own key
/// (`CALL_ID`, `PLACEMENT`, `EVENT`).
pub fn eq(field: &str, value: impl Into<Value>) -> Cond {
    Cond::Leaf {
        field: field.to_owned(),
        op: Op::Eq,
        value: value.into(),
    }
}

/// Reads a v2 `filter` object. Field names go through `upper_snake` so camelCase
/// `crm.item` filters work too.
pub fn parse_filter(filter: &Map<String, Value>) -> Vec<Cond> {
    crate::filter::parse_v2(filter, upper_snake)
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
    pub(super) fn matches(&self, row: Row<'_>, filter: &[Cond]) -> bool {
        let get = |f: &str| self.field(row, f).unwrap_or(Value::Null);
        filter.iter().all(|c| c.matches(&get))
    }

    /// ID bounds implied by the filter, and whether the filter is nothing
    /// but such bounds (so the total can be counted without scanning).
    pub(super) fn id_bounds(&self, filter: &[Cond]) -> (u64, u64, bool) {
        let (mut lo, mut hi, mut only) = (1u64, self.max_id(), true);
        for c in filter {
            let Cond::Leaf { field, op, value } = c else {
                only = false;
                continue;
            };
            let n = as_text(value).trim().parse::<f64>().ok();
            match (field.as_str(), *op, n) {
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

    /// Runs a list query: pages of [`PAGE`] rows.
    pub fn list(&self, q: &Query) -> Page {
        self.list_by(q, PAGE, &|_, v| v)
    }

    /// The IDs of every row matching `filter`, ascending.
    pub fn ids(&self, filter: &[Cond]) -> Vec<u64> {
        let (lo, hi, _) = self.id_bounds(filter);
        let mut ids = Vec::new();
        self.scan(lo, hi, false, |row| {
            if self.matches(row, filter) {
                ids.push(self.row_id(row));
            }
            true
        });
        ids
    }

    /// [`Store::list`] with `limit` rows a page, sorting by `key(field,
    /// value)` rather than the stored value (a family's own ranks, such
    /// as task priorities).
    pub fn list_by(&self, q: &Query, limit: u64, key: &dyn Fn(&str, Value) -> Value) -> Page {
        let limit = limit.max(1);
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
                    } else if (ids.len() as u64) < limit {
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
                let next = (q.start.is_some() && has_more).then_some(offset.saturating_add(limit));
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
                let keep = usize::try_from(offset.saturating_add(limit)).unwrap_or(usize::MAX);
                let cmp = |(a, ia): &(Vec<Value>, u64), (b, ib): &(Vec<Value>, u64)| {
                    for (i, o) in q.order.iter().enumerate() {
                        let c = order_of(&a[i], &b[i]);
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
                            .map(|o| {
                                key(&o.field, self.field(row, &o.field).unwrap_or(Value::Null))
                            })
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
                    .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                    .take(usize::try_from(limit).unwrap_or(usize::MAX))
                    .map(|(_, id)| *id)
                    .collect();
                let next = (q.start.is_some() && offset.saturating_add(limit) < total)
                    .then_some(offset.saturating_add(limit));
                Page {
                    ids,
                    total: q.start.map(|_| total),
                    next,
                    examined,
                }
            }
        }
    }

    /// The rows of a page, each projected to `select`.
    pub fn page_rows(&self, page: &Page, select: &[String]) -> Vec<Record> {
        page.ids
            .iter()
            .filter_map(|id| self.row(*id))
            .map(|r| self.project(r, select))
            .collect()
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
                    && !self.has_column(k)
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
