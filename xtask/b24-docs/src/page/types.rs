//! The docs' type names and the enum values written in descriptions.

use super::*;

/// Maps documented type names to a spec shape. Returns the unknown type name
/// when one could not be mapped.
pub(crate) fn map_types(types: &[String]) -> (Shape, Option<String>) {
    let mut parts = Vec::new();
    for t in types {
        for p in t.split('|') {
            let p = p.trim().trim_matches('`').trim();
            if !p.is_empty() {
                parts.push(p.to_owned());
            }
        }
    }
    let mut nullable = false;
    let mut shapes = Vec::new();
    let mut unknown = None;
    for p in &parts {
        let l = p.to_ascii_lowercase();
        if l == "null" || l == "undefined" {
            nullable = true;
            continue;
        }
        match map_one(p) {
            Some(s) => shapes.push(s),
            None => {
                // an array of an unknown element type is still an array
                let inner = p
                    .strip_suffix("[]")
                    .map(str::trim)
                    .or_else(|| p.strip_prefix("array<").and_then(|x| x.strip_suffix('>')));
                unknown.get_or_insert_with(|| inner.unwrap_or(p).to_owned());
                shapes.push(Shape::of(if inner.is_some() { "array" } else { "any" }));
            }
        }
    }
    let mut shape = match shapes.len() {
        0 => {
            if parts.is_empty() {
                unknown = Some("(none)".into());
            }
            Shape::of("any")
        }
        1 => shapes.remove(0),
        _ => {
            let first = shapes[0].clone();
            if shapes.iter().all(|s| *s == first) {
                first
            } else {
                // a documented union: any of several types
                unknown = None;
                Shape::of("any")
            }
        }
    };
    shape.nullable = nullable;
    (shape, unknown)
}

pub(super) fn map_one(p: &str) -> Option<Shape> {
    if let Some(inner) = p.strip_suffix("[]") {
        let mut s = Shape::of("array");
        let item = map_one(inner.trim())?;
        if item.ty != "any" {
            s.items = Some(Box::new(item));
        }
        return Some(s);
    }
    let l = p.to_ascii_lowercase();
    if let Some(inner) = l.strip_prefix("array<").and_then(|x| x.strip_suffix('>')) {
        let mut s = Shape::of("array");
        let item = map_one(inner)?;
        if item.ty != "any" {
            s.items = Some(Box::new(item));
        }
        return Some(s);
    }
    let ty = match l.as_str() {
        "string" | "text" | "char" | "enum" | "str" | "crm_status" | "crm_currency"
        | "userfieldentityid" | "location" | "crm" | "lang" | "url" | "html" => "string",
        "integer" | "int" | "user" | "crm_company" | "crm_contact" | "crm_lead" | "crm_deal"
        | "crm_quote" | "crm_category" | "crm_entity" | "timestamp" | "long" => "integer",
        "double" | "float" | "number" | "decimal" => "number",
        "boolean" | "bool" => "boolean",
        "date" => "date",
        "datetime" => "datetime",
        "object" | "time" | "map" | "lang_map" => "object",
        "array" | "list" => "array",
        "any" | "mixed" | "file" | "diskfile" | "attached_diskfile" | "callable" | "function" => {
            "any"
        }
        // service enumerations: integers from a fixed set
        _ if l.starts_with("crm_enum_") => "integer",
        _ => {
            // references to another object's attribute: `user.id`, `catalog_vat.id`
            if let Some((obj, attr)) = p.rsplit_once('.')
                && !obj.is_empty()
                && is_ident(obj.split('.').next().unwrap_or(""))
                && is_ident(attr)
            {
                return Some(Shape::of(if attr.eq_ignore_ascii_case("id") {
                    "integer"
                } else {
                    "string"
                }));
            }
            return None;
        }
    };
    Some(Shape::of(ty))
}

pub(super) const ENUM_TRIGGERS: &[&str] = &[
    "possible value",
    "possible option",
    "possible state",
    "values:",
    "can take",
    "takes the",
    "one of the following",
    "accepted value",
    "allowed value",
    "available value",
    "valid value",
    "supported value",
];

/// Documented values listed under "Possible values:" in a description.
pub(crate) fn enum_values(desc: &str, ty: &str) -> Vec<EnumValue> {
    let lines: Vec<&str> = desc.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim().to_ascii_lowercase();
        if ENUM_TRIGGERS.iter().any(|t| l.contains(t)) {
            // the list may start on the next non-empty line
            let mut j = i + 1;
            while j < lines.len() && lines[j].trim().is_empty() {
                j += 1;
            }
            let mut raw = Vec::new();
            let mut ok = true;
            while j < lines.len() {
                let t = lines[j].trim();
                let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) else {
                    break;
                };
                let item = item.trim();
                let spans = md::code_spans(item);
                if !item.starts_with('`') || spans.is_empty() {
                    ok = false;
                    break;
                }
                let value = spans[0].clone();
                // the rest after the code span
                let run = item.chars().take_while(|&c| c == '`').count();
                let after = item[run..]
                    .find(&"`".repeat(run))
                    .map(|p| &item[run + p + run..])
                    .unwrap_or("");
                let mut d = after.trim();
                if d.starts_with('(')
                    && let Some(e) = d.find(')')
                {
                    d = d[e + 1..].trim();
                }
                for sep in ["—", "–", "-", ":", "="] {
                    if let Some(x) = d.strip_prefix(sep) {
                        d = x.trim();
                        break;
                    }
                }
                let d = md::plain(d.trim_end_matches([';', '.', ',']));
                if value.is_empty() || value.len() > 64 || value.contains('\n') {
                    ok = false;
                    break;
                }
                raw.push((value, (!d.is_empty()).then_some(d)));
                j += 1;
            }
            if ok && raw.len() >= 2 {
                return typed_values(raw, ty);
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    Vec::new()
}

pub(super) fn typed_values(raw: Vec<(String, Option<String>)>, ty: &str) -> Vec<EnumValue> {
    let mut out = Vec::new();
    for (v, d) in raw {
        let value = match ty {
            "string" => ScalarValue::Str(v),
            "integer" => match v.parse::<i64>() {
                Ok(i) => ScalarValue::Int(i),
                Err(_) => return Vec::new(),
            },
            // `true`/`false` say nothing a `bool` does not
            "boolean" => return Vec::new(),
            _ => return Vec::new(),
        };
        if out.iter().any(|e: &EnumValue| e.value == value) {
            continue;
        }
        out.push(EnumValue {
            value,
            rust_name: None,
            description: d,
        });
    }
    out
}
