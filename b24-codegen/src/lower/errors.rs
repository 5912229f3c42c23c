//! Documented method errors to error-code enums: one variant per documented
//! code; codes the docs write as empty or `0` are told apart by their
//! description. Methods of a module with the same documented errors share
//! one enum.

use heck::ToUpperCamelCase;

use super::Lower;
use crate::ir::{ErrorDoc, ErrorEnum, ErrorVariant};

/// At most this many words of a description name a variant.
const NAME_WORDS: usize = 6;

impl Lower<'_> {
    /// The index of method `method`'s error enum in the module, `None` when
    /// it documents no errors.
    pub(super) fn error_enum(&mut self, method: &str, errors: &[ErrorDoc]) -> Option<usize> {
        let variants = variants(errors);
        if variants.is_empty() {
            return None;
        }
        let alias = format!("{method}Error");
        if let Some(i) = self.error_enums.iter().position(|e| e.variants == variants) {
            self.error_enums[i].aliases.push(alias);
            return Some(i);
        }
        self.error_enums.push(ErrorEnum {
            name: alias,
            variants,
            aliases: Vec::new(),
        });
        Some(self.error_enums.len() - 1)
    }
}

/// Whether a documented code is really "no code" (matched by description).
pub(crate) fn is_blank_code(code: &str) -> bool {
    code.is_empty() || code == "0"
}

/// The runtime's `normalize_description`: trimmed, no trailing `.`/`!`,
/// lower case. Generated matchers compare against this form.
pub(crate) fn normalize(text: &str) -> String {
    text.trim().trim_end_matches(['.', '!', ' ']).to_lowercase()
}

/// The runtime's `looks_not_found`.
fn looks_not_found(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    t.contains("notfound")
}

fn variants(errors: &[ErrorDoc]) -> Vec<ErrorVariant> {
    let mut out: Vec<ErrorVariant> = Vec::new();
    for e in errors {
        let code = e.code.trim();
        let desc = e.description.as_deref().unwrap_or("").trim();
        let blank = is_blank_code(code);
        if blank && normalize(desc).is_empty() {
            continue;
        }
        let base = if blank {
            name_from_text(desc)
        } else {
            name_from_code(code)
        };
        let norm = normalize(desc);
        let not_found = looks_not_found(code) || looks_not_found(desc);
        // Same name: merge when compatible (one code, any descriptions),
        // else number the newcomer.
        let mut name = base.clone();
        let mut n = 1;
        loop {
            match out.iter_mut().find(|v| v.name == name) {
                None => {
                    out.push(ErrorVariant {
                        name,
                        code: if blank {
                            String::new()
                        } else {
                            code.to_owned()
                        },
                        descriptions: if blank { vec![norm] } else { Vec::new() },
                        doc: vec![desc.to_owned()]
                            .into_iter()
                            .filter(|d| !d.is_empty())
                            .collect(),
                        not_found,
                    });
                    break;
                }
                Some(v) if blank || v.code.is_empty() || v.code == code => {
                    if blank {
                        if !v.descriptions.contains(&norm) {
                            v.descriptions.push(norm);
                        }
                    } else {
                        v.code = code.to_owned();
                    }
                    if !desc.is_empty() && !v.doc.iter().any(|d| d == desc) {
                        v.doc.push(desc.to_owned());
                    }
                    v.not_found |= not_found;
                    break;
                }
                Some(_) => {
                    n += 1;
                    name = format!("{base}{n}");
                }
            }
        }
    }
    // A description matched by an earlier variant cannot match a later one.
    let mut seen = std::collections::HashSet::new();
    for v in &mut out {
        v.descriptions.retain(|d| seen.insert(d.clone()));
    }
    out
}

fn fix_name(name: String, fallback: &str) -> String {
    let name = if b24_spec::names::is_ident(&name) {
        name
    } else if !name.is_empty() && b24_spec::names::is_ident(&format!("{fallback}{name}")) {
        format!("{fallback}{name}")
    } else {
        fallback.to_owned()
    };
    match name.as_str() {
        // `Unknown` keeps unlisted codes; `Self` is a keyword.
        "Unknown" | "Self" => format!("{name}Error"),
        _ => name,
    }
}

fn name_from_code(code: &str) -> String {
    let ascii: String = code
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    fix_name(ascii.to_upper_camel_case(), "Code")
}

fn name_from_text(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(NAME_WORDS)
        .collect();
    fix_name(words.join(" ").to_upper_camel_case(), "Described")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(code: &str, description: &str) -> ErrorDoc {
        ErrorDoc {
            code: code.into(),
            status: None,
            description: Some(description.into()),
        }
    }

    #[test]
    fn codes_and_descriptions() {
        let v = variants(&[
            doc("", "ID is not defined or invalid"),
            doc("", "Access denied"),
            doc("ACCESS_DENIED", "Access denied!"),
            doc("", "Not found."),
            doc("0", "Not found"),
            doc("400", "Bad"),
        ]);
        let names: Vec<_> = v.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "IdIsNotDefinedOrInvalid",
                "AccessDenied",
                "NotFound",
                "Code400"
            ]
        );
        assert_eq!(v[1].code, "ACCESS_DENIED");
        assert_eq!(v[1].descriptions, ["access denied"]);
        assert_eq!(v[2].descriptions, ["not found"]);
        assert!(v[2].not_found && !v[1].not_found);
    }

    #[test]
    fn clashing_codes_are_numbered() {
        let v = variants(&[
            doc("ERROR_CORE", "a"),
            doc("ErrorCore", "b"),
            doc("Unknown", ""),
        ]);
        let names: Vec<_> = v.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["ErrorCore", "ErrorCore2", "UnknownError"]);
    }
}
