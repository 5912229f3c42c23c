//! One type per docs section: sharing one method's example corrections.

use serde_json::Value;

use std::collections::{BTreeMap, HashMap};

use super::{base_key, fits, replace, result_value};
use crate::ir::{Method, Shape};

/// `sh` with its own documentation and the reconciled keys' suffixes
/// dropped: two corrections of one section compare equal when they made
/// the same changes.
fn normalized(sh: &Shape) -> Shape {
    fn strip(sh: &mut Shape) {
        if let Some(tr) = &mut sh.type_ref {
            tr.key = base_key(&tr.key).to_owned();
        }
        for f in &mut sh.fields {
            strip(&mut f.shape);
        }
        if let Some(i) = &mut sh.items {
            strip(i);
        }
    }
    let mut s = sh.clone();
    s.description = None;
    s.nullable = false;
    strip(&mut s);
    s
}

/// Every example-corrected named object under `sh`, by section.
fn corrections(sh: &Shape, out: &mut BTreeMap<String, Vec<(Shape, Shape)>>) {
    if let Some(tr) = &sh.type_ref
        && tr.key.contains('~')
    {
        let n = normalized(sh);
        let seen = out.entry(base_key(&tr.key).to_owned()).or_default();
        if !seen.iter().any(|(x, _)| *x == n) {
            seen.push((n, sh.clone()));
        }
    }
    for f in &sh.fields {
        corrections(&f.shape, out);
    }
    if let Some(i) = &sh.items {
        corrections(i, out);
    }
}

/// Replaces the uncorrected uses of a section under `sh` by its correction.
fn substitute(sh: &mut Shape, fixes: &HashMap<String, Shape>) -> bool {
    if let Some(tr) = &sh.type_ref
        && !tr.key.contains('~')
        && let Some(fix) = fixes.get(&tr.key)
    {
        replace(sh, fix.clone());
        return true;
    }
    let mut changed = false;
    for f in &mut sh.fields {
        changed |= substitute(&mut f.shape, fixes);
    }
    if let Some(i) = &mut sh.items {
        changed |= substitute(i, fixes);
    }
    changed
}

/// One type per docs section: where one method's example corrected a named
/// object (`fields.md#taskdto` whose `rights` arrives as an object) and
/// other methods use the same section as the table describes it, those
/// uses take the corrected object too, so `tasks.task.list` rows decode
/// what `tasks.task.get` decodes. Skipped for a section corrected in two
/// different ways and for a method whose own examples the corrected object
/// would not fit. Returns the methods changed.
pub fn share_corrections(methods: &mut [&mut Method]) -> Vec<String> {
    let mut found = BTreeMap::new();
    for m in methods.iter() {
        for f in &m.params {
            corrections(&f.shape, &mut found);
        }
        if let Some(r) = &m.result {
            corrections(r, &mut found);
        }
    }
    let fixes: HashMap<String, Shape> = found
        .into_iter()
        // a use keeps its own documentation and nullability (`replace`)
        .filter_map(|(key, mut v)| match v.len() {
            1 => Some((key, v.pop()?.1)),
            _ => None,
        })
        .collect();
    let mut changed = Vec::new();
    if fixes.is_empty() {
        return changed;
    }
    for m in methods.iter_mut() {
        let mut hit = false;
        if let Some(mut r) = m.result.clone()
            && substitute(&mut r, &fixes)
            && m.result_examples
                .iter()
                .filter_map(|e| result_value(e))
                .all(|v| fits(&r, &v))
        {
            m.result = Some(r);
            hit = true;
        }
        let mut p = Shape::of("object");
        p.fields = m.params.clone();
        if substitute(&mut p, &fixes)
            && m.examples
                .iter()
                .filter_map(|e| serde_json::from_str::<Value>(e).ok())
                .all(|v| fits(&p, &v))
        {
            m.params = p.fields;
            hit = true;
        }
        if hit {
            changed.push(m.name.clone());
        }
    }
    changed
}
