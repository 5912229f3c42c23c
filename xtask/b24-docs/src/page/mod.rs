//! Page analysis: from blocks to IR entries. The kind of a page is decided
//! from its structure (title, sections, examples), never from its path.
//!
//! `doc` holds the parsed page and what every kind reads from it,
//! `tables` the field tables, `types` the docs' type names and enums,
//! `examples` the code examples; `method`, `rest_event` and `placement`
//! read one kind of page each.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value;

use crate::Warning;
use crate::ir::*;
use crate::md::{self, Block, Table};
use b24_spec::names;

mod doc;
mod examples;
mod links;
mod method;
mod placement;
mod rest_event;
mod result_shape;
mod tables;
mod types;
mod typescript;

pub(crate) use doc::slug_spelling;
use doc::*;
pub use doc::{Listed, ListedKind, NoPages, Parsed, Resolver, docs_url, listed, slug};
pub(crate) use examples::shallow_shape;
use examples::*;
use placement::options_example;
use tables::*;
use types::*;

/// What the analysis made of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Analysis {
    /// The page describes an API entry.
    Imported(Kind, Vec<Entry>),
    /// The page is not an API entry page; the reason says why.
    Skipped(String),
}

/// A field row as written in a table.
#[derive(Debug, Clone)]
struct RawRow {
    name: String,
    required: bool,
    types: Vec<String>,
    /// Links in the type cell: `(text, target)`.
    type_links: Vec<(String, String)>,
    desc: String,
    line: u32,
}

/// How deep named objects nest before the rest is typed `object`.
const MAX_NESTING: usize = 6;

/// What a row's type link leads to.
enum Linked {
    /// A named object (and whether the type is an array of it).
    Found(Shape, bool),
    /// A cycle or too deep: a free-form object (or an array of them).
    Cut(bool),
    /// A link that does not lead to a field table, and why.
    Missing(String),
    /// No link to follow.
    None,
}

struct Ctx<'a> {
    page: &'a str,
    url: String,
    doc: Rc<Parsed>,
    warnings: &'a mut Vec<Warning>,
    resolver: &'a mut dyn Resolver,
    /// Cycle and depth cuts made while resolving named objects.
    cuts: usize,
}

/// Analyzes one page. `page` is its path relative to the docs root (used in
/// warnings and the docs URL); `lines` are its lines with includes resolved.
/// Links to other pages are not followed.
pub fn analyze(page: &str, lines: &[md::SrcLine], warnings: &mut Vec<Warning>) -> Analysis {
    let doc = Rc::new(Parsed::new(page, lines, warnings));
    analyze_parsed(doc, &mut NoPages, warnings)
}

/// Analyzes a parsed page, following links to other pages through
/// `resolver`.
pub fn analyze_parsed(
    doc: Rc<Parsed>,
    resolver: &mut dyn Resolver,
    warnings: &mut Vec<Warning>,
) -> Analysis {
    let page = doc.page.clone();
    let mut cx = Ctx {
        page: &page,
        url: docs_url(&page),
        doc,
        warnings,
        resolver,
        cuts: 0,
    };
    cx.run()
}

const IFACE_EVENT_SECTION: &str = "handler receives";

impl Ctx<'_> {
    fn warn(&mut self, line: u32, msg: impl Into<String>) {
        self.warnings.push(Warning::new(self.page, line, msg));
    }

    fn run(&mut self) -> Analysis {
        let Some((h1, h1_line)) = self.doc.blocks.iter().find_map(|b| match b {
            Block::Heading {
                level: 1,
                text,
                line,
                ..
            } => Some((text.clone(), *line)),
            _ => None,
        }) else {
            return Analysis::Skipped("no H1 title".into());
        };
        let tokens: Vec<String> = h1
            .split_whitespace()
            .map(|t| {
                t.trim_matches(|c: char| {
                    matches!(
                        c,
                        '`' | '"' | '\'' | ',' | ':' | ';' | '(' | ')' | '*' | '«' | '»'
                    )
                })
                .trim_end_matches('.')
                .to_owned()
            })
            .filter(|t| !t.is_empty())
            .collect();
        let all_text = self.all_text();
        // Interface event: `Owner::event` in the title, subscribed with bindEvent.
        if let Some(name) = tokens.iter().rev().find(|t| is_iface_event_name(t))
            && all_text.contains("placement.bindEvent")
        {
            return self.interface_event(name.clone(), h1_line, &all_text);
        }
        // Interface command: the title's name is what `placement.call` sends.
        if let Some(last) = tokens.last()
            && is_ident(last)
            && (all_text.contains(&format!("placement.call('{last}'"))
                || all_text.contains(&format!("placement.call(\"{last}\"")))
        {
            return self.command(last.clone(), h1_line, &all_text);
        }
        // REST event: the handler receives a POST with an `event` code.
        if let Some(ev) = self.rest_event(&tokens, h1_line) {
            return ev;
        }
        // REST method: a dotted method name and method sections.
        // `imbot.v2` names an API version, `user.option.*` a family: not methods
        let name = tokens
            .iter()
            .rev()
            .find(|t| is_method_name(t) && !is_api_version(t) && !h1.contains(&format!("{t}.*")))
            .cloned();
        // A title may misspell or shorten the method
        // (`humanresourses.employee.search`, `im.recent` for `im.recent.pin`):
        // the name every example calls wins when the title's occurs nowhere
        // else on the page (headings aside) and both name the same action.
        // Examples copied from another page call another action
        // (`rpa.comment.add` under `rpa.comment.update`): the title stays.
        let name = match name {
            Some(t) if !self.calls_method(&t) => match self.method_name_from_examples() {
                Some(c)
                    if c != t
                        && same_action(&t, &c)
                        && !occurs_in(&t, &all_text)
                        && occurs_in(&c, &all_text) =>
                {
                    self.warn(
                        h1_line,
                        format!(
                            "the title names `{t}`, but every example calls `{c}`; the called name is kept"
                        ),
                    );
                    Some(c)
                }
                _ => Some(t),
            },
            other => other,
        };
        let called = name.as_ref().is_some_and(|n| self.calls_method(n));
        // A method page opens with who may call the method, even when it
        // documents no parameter and no answer (yet).
        let method_header =
            self.header().1.is_some() && all_text.contains("Who can execute the method");
        let titled = name.is_some();
        let name = name.or_else(|| self.method_name_from_examples());
        let has_sections = self.doc.blocks.iter().any(|b| match b {
            Block::Heading {
                level: 2 | 3, text, ..
            } => {
                let t = text.to_ascii_lowercase();
                (t.contains("parameter") && !t.contains("handler") && !t.contains("subscription"))
                    || t.contains("response")
                    || t.starts_with("returned data")
            }
            _ => false,
        });
        // Placement page: the title names the codes bound by placement.bind,
        // at its end or anywhere when the page documents PLACEMENT_OPTIONS.
        let options_at = self.doc.blocks.iter().position(
            |b| matches!(b, Block::Heading { text, .. } if text.trim() == "PLACEMENT_OPTIONS"),
        );
        let code_tokens: Vec<&String> = tokens.iter().filter(|t| is_placement_code(t)).collect();
        let codes: Vec<String> = code_tokens
            .iter()
            // `LANDING_BLOCK_*` is a family: spelled `LANDING_BLOCK_XXX`
            .map(|t| {
                if h1.contains(&format!("{t}*")) && t.ends_with('_') {
                    format!("{t}XXX")
                } else {
                    (*t).clone()
                }
            })
            .filter(|t| !t.ends_with('_'))
            .collect();
        let last_is_code = tokens.last().is_some_and(|t| is_placement_code(t));
        if !codes.is_empty()
            && (last_is_code || options_at.is_some())
            && all_text.contains("placement.bind")
            && (options_at.is_some() || !has_sections_strict(&self.doc.blocks))
        {
            let (scopes, _) = self.header();
            let mut title = h1.clone();
            for t in &code_tokens {
                title = title.replace(&format!("{t}*"), "").replace(t.as_str(), "");
            }
            let title = title
                .split_whitespace()
                .filter(|w| !matches!(*w, "," | "and"))
                .collect::<Vec<_>>()
                .join(" ")
                .replace(" ,", ",")
                .trim_end_matches([':', ',', ' '])
                .trim()
                .to_owned();
            let title = (!title.is_empty()).then_some(title);
            let options = match options_at {
                Some(h) => self.placement_options(h),
                // no options section: an example the page shows
                None => options_example(&self.doc, 0..self.doc.blocks.len()).unwrap_or_default(),
            };
            let docs = self.docs(None);
            let entries = codes
                .into_iter()
                .map(|code| {
                    Entry::Placement(PlacementInfo {
                        code,
                        title: title.clone(),
                        docs: docs.clone(),
                        scopes: scopes.clone(),
                        options: options.clone(),
                    })
                })
                .collect();
            return Analysis::Imported(Kind::Placement, entries);
        }
        // an overview page may document one placement's options
        if name.is_none()
            && let Some(info) = self.section_placement()
        {
            return Analysis::Imported(Kind::Placement, vec![Entry::Placement(info)]);
        }
        match (name, has_sections) {
            (Some(n), true) => self.method(n, h1_line),
            (Some(n), false) if called || (titled && method_header) => self.method(n, h1_line),
            (Some(_), false) if titled => Analysis::Skipped(
                "a method name in the title but no parameter or response section, no call of it in the examples and no \"Who can execute the method\" header".into(),
            ),
            (Some(_), false) => Analysis::Skipped(
                "a guide: its examples call one method, but no method name in the title and no parameter or response section".into(),
            ),
            (None, true) => Analysis::Skipped(
                "parameter or response sections but no method, event or command name in the title"
                    .into(),
            ),
            (None, false) => Analysis::Skipped(
                "overview or guide page: no method, event or command in the title".into(),
            ),
        }
    }
}

/// A name whose last part is an API version (`im.v2`): a namespace.
fn is_api_version(name: &str) -> bool {
    name.rsplit('.').next().is_some_and(|last| {
        last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit())
    })
}

/// Whether `word` occurs in `text` as a whole word (dots and underscores
/// belong to words, so `crm.deal.get` does not match `crm.deal.get.x`).
pub(super) fn occurs_in(word: &str, text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '_')
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a title's method name and a called one name the same action:
/// the same last segment (`ctrigger.delete`, `crm.automation.trigger.delete`)
/// or the title's name shortened at a dot (`im.recent`, `im.recent.pin`).
fn same_action(title: &str, called: &str) -> bool {
    let last = |n: &str| n.rsplit('.').next().map(str::to_ascii_lowercase);
    last(title) == last(called)
        || called
            .to_ascii_lowercase()
            .starts_with(&format!("{}.", title.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_types() {
        assert_eq!(map_types(&["string".into()]).0.ty, "string");
        let (s, u) = map_types(&["undefined".into(), "object".into()]);
        assert_eq!((s.ty.as_str(), s.nullable, u), ("object", true, None));
        let (s, _) = map_types(&["object[]".into()]);
        assert_eq!(s.ty, "array");
        assert_eq!(s.items.unwrap().ty, "object");
        let (s, u) = map_types(&["frobnicator".into()]);
        assert_eq!((s.ty.as_str(), u.as_deref()), ("any", Some("frobnicator")));
        assert_eq!(map_types(&["catalog_vat.id".into()]).0.ty, "integer");
        assert!(map_types(&["string|null".into()]).0.nullable);
    }

    #[test]
    fn spells_codes_by_file_name() {
        let p = "api-reference/telephony/voximplant/events/on-voximplant-call-end.md";
        assert_eq!(
            slug_spelling(p, "ONVOXIMPLANTCALLEND").as_deref(),
            Some("on_voximplant_call_end")
        );
        assert_eq!(slug_spelling(p, "ONVOXIMPLANTCALLSTART"), None);
        assert_eq!(
            slug_spelling("events/onappinstall.md", "ONAPPINSTALL"),
            None
        );
        assert_eq!(slug_spelling("a/on--x.md", "ONX"), None);
        assert_eq!(slug_spelling("a/on-x", "ONX"), None);
    }

    #[test]
    fn type_bases_and_slugs() {
        assert_eq!(type_base("`deal[]`"), "deal");
        assert_eq!(type_base("array<item>"), "item");
        assert_eq!(type_base("arrayé<x>"), "arrayé<x>");
        assert_eq!(slug("type.relations"), "typerelations");
        assert_eq!(slug("Deal Type"), "deal-type");
        assert_eq!(slug("`crm_multifield`"), "crm_multifield");
    }

    #[test]
    fn finds_enums() {
        let v = enum_values(
            "The type.\nPossible values:\n- `1` — outgoing\n- `2` — incoming",
            "integer",
        );
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].value, ScalarValue::Int(1));
        assert_eq!(v[0].description.as_deref(), Some("outgoing"));
        assert!(enum_values("Possible values:\n- `Y` — yes\n- `N` — no", "boolean").is_empty());
        assert!(enum_values("Direction:\n- `ASC`\n- `DESC`", "string").is_empty());
    }

    #[test]
    fn js_objects() {
        assert_eq!(
            js_to_json("{muted: true}").as_deref(),
            Some(r#"{"muted":true}"#)
        );
        assert_eq!(
            js_to_json("{uiState: 'connected'}").as_deref(),
            Some(r#"{"uiState":"connected"}"#)
        );
        assert_eq!(js_to_json("{a: b}"), None);
        // the docs' answers often end a list with a comma
        assert_eq!(
            js_to_json("{\"rows\": [{\"id\": 1},\n ],}").as_deref(),
            Some(r#"{"rows":[{"id":1}]}"#)
        );
        // and elide rows with a comment
        assert_eq!(
            js_to_json("{\"rows\": [{\"u\": \"a//b\"},\n // ...more\n ]}").as_deref(),
            Some(r#"{"rows":[{"u":"a//b"}]}"#)
        );
    }
}
