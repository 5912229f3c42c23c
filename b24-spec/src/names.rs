//! How wire names become Rust names. Validation and code generation both call
//! these, so a name that validates is a name that compiles.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords that can be written as raw identifiers (`r#type`).
const RAW_OK: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];
/// Keywords that cannot be raw identifiers; a `_` is appended instead.
const NO_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `s` is a plain identifier: `[A-Za-z_][A-Za-z0-9_]*`, not `_`.
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    s != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A snake_case Rust name (fields, methods, modules) for a wire name, or
/// `None` when the wire name cannot become one.
pub fn snake(wire: &str) -> Option<String> {
    let s = wire.to_snake_case();
    finish(s)
}

/// An UpperCamelCase Rust name (types, variants) for a wire name.
pub fn camel(wire: &str) -> Option<String> {
    let s = wire.to_upper_camel_case();
    finish(s)
}

fn finish(s: String) -> Option<String> {
    if NO_RAW.contains(&s.as_str()) {
        return Some(format!("{s}_"));
    }
    is_ident(&s).then_some(s)
}

/// Whether `s` can name a module file (`pub mod s;`) as it is: an
/// identifier that is no keyword, raw or not.
pub fn is_module_name(s: &str) -> bool {
    is_ident(s) && !needs_raw(s) && !NO_RAW.contains(&s)
}

/// Whether a generated name needs the raw form `r#name`.
pub fn needs_raw(name: &str) -> bool {
    RAW_OK.contains(&name)
}

/// The Rust base name of an interface event: the part after the last `::`.
/// `BackgroundCallCard::closeButtonClick` becomes `CloseButtonClick`.
pub fn interface_event(wire: &str) -> Option<String> {
    camel(wire.rsplit("::").next().unwrap_or(wire))
}

/// The Rust type name of a REST method. A leading `{scope}.` is dropped, so
/// `crm.deal.list` in the `crm` file is `DealList`.
pub fn method(wire: &str, scope: Option<&str>) -> Option<String> {
    let rest = scope
        .and_then(|s| wire.strip_prefix(s))
        .and_then(|r| r.strip_prefix('.'))
        .filter(|r| !r.is_empty())
        .unwrap_or(wire);
    camel(&rest.replace('.', "_"))
}

/// The Rust variant name of an enum value. Integers become `V1`, the empty
/// string `Empty`, and `unknown` is kept clear of the catch-all `Unknown`.
pub fn enum_variant(value: &crate::ScalarValue) -> Option<String> {
    match value {
        crate::ScalarValue::Bool(true) => Some("True".into()),
        crate::ScalarValue::Bool(false) => Some("False".into()),
        crate::ScalarValue::Int(i) if *i < 0 => Some(format!("Minus{}", i.unsigned_abs())),
        crate::ScalarValue::Int(i) => Some(format!("V{i}")),
        crate::ScalarValue::Str(s) if s.is_empty() => Some("Empty".into()),
        crate::ScalarValue::Str(s) => {
            let c = camel(s)?;
            Some(if c == "Unknown" {
                "UnknownValue".into()
            } else {
                c
            })
        }
    }
}

/// A handler method name for an event's Rust base name: `on_close_button_click`.
pub fn handler_method(base: &str) -> String {
    format!("on_{}", base.to_snake_case())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_names() {
        assert_eq!(
            interface_event("BackgroundCallCard::closeButtonClick").unwrap(),
            "CloseButtonClick"
        );
        assert_eq!(snake("PHONE_NUMBER").unwrap(), "phone_number");
        assert_eq!(snake("callState").unwrap(), "call_state");
        assert_eq!(snake("TYPE").unwrap(), "type");
        assert!(needs_raw("type"));
        assert!(is_module_name("deals") && !is_module_name("enum") && !is_module_name("self"));
        assert_eq!(snake("self").unwrap(), "self_");
        assert_eq!(snake("123"), None);
        assert_eq!(snake("!!"), None);
        assert_eq!(method("crm.deal.list", Some("crm")).unwrap(), "DealList");
        assert_eq!(
            method("telephony.externalCall.register", Some("telephony")).unwrap(),
            "ExternalCallRegister"
        );
        assert_eq!(method("profile", Some("basic")).unwrap(), "Profile");
        assert_eq!(
            enum_variant(&crate::ScalarValue::Str("transferIncoming".into())).unwrap(),
            "TransferIncoming"
        );
        assert_eq!(enum_variant(&crate::ScalarValue::Int(2)).unwrap(), "V2");
    }
}
