//! Page analysis: from blocks to IR entries. The kind of a page is decided
//! from its structure (title, sections, examples), never from its path.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value;

use crate::Warning;
use crate::ir::*;
use crate::md::{self, Block, Table};
use b24_spec::names;

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

/// The heading above the page's first table, when that table is the first
/// one after the heading (the page is about one object).
fn first_table_heading(doc: &Parsed) -> Option<usize> {
    let t = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)))?;
    doc.blocks[..t]
        .iter()
        .rposition(|b| matches!(b, Block::Heading { .. }))
}

/// `deal[]` → `deal`, `array<deal>` → `deal`.
fn type_base(t: &str) -> &str {
    let t = t.trim().trim_matches('`').trim();
    if let Some(b) = t.strip_suffix("[]") {
        return b.trim();
    }
    if t.len() > 7
        && t.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("array<"))
        && t.ends_with('>')
    {
        return t.get(6..t.len() - 1).unwrap_or("").trim();
    }
    t
}

/// Letters and digits of a type name, other characters as `_`.
fn sanitize_name(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Blocks of the section opened by heading `h`, subsections included.
fn section_in(blocks: &[Block], h: usize) -> std::ops::Range<usize> {
    let level = match blocks.get(h) {
        Some(Block::Heading { level, .. }) => *level,
        _ => 0,
    };
    let end = blocks
        .get(h + 1..)
        .unwrap_or_default()
        .iter()
        .position(|b| matches!(b, Block::Heading { level: l, .. } if *l <= level))
        .map(|p| h + 1 + p)
        .unwrap_or(blocks.len());
    (h + 1).min(end)..end
}

/// Blocks from heading `h` up to the next heading of any level.
fn own_in(blocks: &[Block], h: usize) -> std::ops::Range<usize> {
    let end = blocks
        .get(h + 1..)
        .unwrap_or_default()
        .iter()
        .position(|b| matches!(b, Block::Heading { .. }))
        .map(|p| h + 1 + p)
        .unwrap_or(blocks.len());
    (h + 1).min(end)..end
}

/// A parsed page: its blocks and where its headings' anchors point.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The page, relative to the docs root.
    pub page: String,
    /// The blocks, includes resolved.
    pub blocks: Vec<Block>,
    /// Explicit `{#anchor}`s → block index.
    anchors: HashMap<String, usize>,
    /// Lower-case anchors (explicit ones and the ones YFM derives from the
    /// heading text) → block index.
    slugs: HashMap<String, usize>,
}

impl Parsed {
    /// Parses a page's lines (includes already resolved).
    pub fn new(page: &str, lines: &[md::SrcLine], warnings: &mut Vec<Warning>) -> Parsed {
        let blocks = md::blocks(lines, page, warnings);
        let mut anchors = HashMap::new();
        let mut slugs = HashMap::new();
        for (i, b) in blocks.iter().enumerate() {
            if let Block::Heading { anchor, text, .. } = b {
                if let Some(a) = anchor {
                    anchors.entry(a.clone()).or_insert(i);
                    slugs.entry(a.to_lowercase()).or_insert(i);
                }
                let slug = slug(text);
                if !slug.is_empty() {
                    slugs.entry(slug).or_insert(i);
                }
            }
        }
        Parsed {
            page: page.to_owned(),
            blocks,
            anchors,
            slugs,
        }
    }

    /// The heading an anchor points at: an explicit anchor, else one derived
    /// from a heading's text, compared case-insensitively.
    pub fn anchor(&self, a: &str) -> Option<usize> {
        self.anchors
            .get(a)
            .or_else(|| self.slugs.get(&a.to_lowercase()))
            .copied()
    }
}

/// The anchor YFM derives from a heading text: lower case, spaces as `-`,
/// punctuation dropped (`type.relations` → `typerelations`).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in md::plain(text).trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// Gives the analysis access to other pages of the tree, for types that
/// link to objects described elsewhere.
pub trait Resolver {
    /// The parsed page `rel` (relative to the docs root), when it is in the
    /// tree.
    fn page(&mut self, rel: &str) -> Option<Rc<Parsed>>;
    /// A named object resolved before, by key (`page#anchor`).
    fn memo(&mut self, _key: &str) -> Option<Shape> {
        None
    }
    /// Remembers a named object resolved independently of where it was met.
    fn remember(&mut self, _key: &str, _shape: &Shape) {}
}

/// A resolver that knows no other page.
pub struct NoPages;

impl Resolver for NoPages {
    fn page(&mut self, _rel: &str) -> Option<Rc<Parsed>> {
        None
    }
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

/// The docs URL of a page.
pub fn docs_url(page: &str) -> String {
    format!(
        "https://apidocs.bitrix24.com/{}",
        page.strip_suffix(".md")
            .map(|p| format!("{p}.html"))
            .unwrap_or_else(|| page.to_owned())
    )
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

/// What an overview table lists: an event or a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListedKind {
    /// A REST event (`|| **Event** | ... ||`).
    Event,
    /// A REST method (`|| **Method** | ... ||`).
    Method,
}

/// A row of an overview table: an event or method linked to its page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Listed {
    /// Event or method.
    pub kind: ListedKind,
    /// The name as the link text gives it (`OnExternalCallStart`).
    pub name: String,
    /// The linked page, relative to the docs root.
    pub target: String,
    /// The table row's description.
    pub summary: Option<String>,
    /// The scopes stated above the table (or on the page).
    pub scopes: Vec<String>,
    /// "Who can ..." stated above the table (or on the page).
    pub who: Option<String>,
    /// The overview page.
    pub page: String,
    /// The row's line.
    pub line: u32,
}

/// The rows of the page's overview tables: tables whose first header cell
/// is `Event(s)` or `Method(s)` and whose rows start with one link whose text
/// is an event code or a method name.
pub fn listed(doc: &Parsed) -> Vec<Listed> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let Block::Table(t) = b else { continue };
        let Some(head) = t.rows.first().and_then(|r| r.cells.first()) else {
            continue;
        };
        let head = md::plain(&head.text.replace("**", "")).to_ascii_lowercase();
        let kind = match head.trim() {
            "event" | "events" => ListedKind::Event,
            "method" | "methods" => ListedKind::Method,
            _ => continue,
        };
        // the second column says what the entry is or when it fires
        let what = t.rows[0]
            .cells
            .get(1)
            .map(|c| md::plain(&c.text.replace("**", "")).to_ascii_lowercase())
            .unwrap_or_default();
        let what = what.trim();
        if !(what.contains("description") || what.contains("trigger") || what == "when sent") {
            continue;
        }
        // the nearest "Scope:" above the table, else the page's
        let before = &doc.blocks[..i];
        let (mut scopes, mut who) = header_of(before.iter().rev(), true);
        if scopes.is_empty() || who.is_none() {
            let (s, w) = header_of(doc.blocks.iter(), true);
            if scopes.is_empty() {
                scopes = s;
            }
            who = who.or(w);
        }
        for r in &t.rows[1..] {
            let Some(c0) = r.cells.first() else { continue };
            let c0 = c0.text.trim();
            let links = md::links(c0);
            if links.len() != 1 || !c0.starts_with('[') || !c0.ends_with(')') {
                continue;
            }
            let (text, target) = &links[0];
            let name = text.trim().trim_matches('`').trim();
            let ok = match kind {
                ListedKind::Event => is_event_code(name),
                ListedKind::Method => is_method_name(name),
            };
            let path = target.split('#').next().unwrap_or("");
            if !ok
                || !path.ends_with(".md")
                || path.contains("://")
                || path.starts_with('/')
                || target.contains(' ')
            {
                continue;
            }
            let Some(resolved) = crate::join(&doc.page, path) else {
                continue;
            };
            let summary = r
                .cells
                .get(1)
                .map(|c| md::plain(&c.text).trim().to_owned())
                .filter(|s| !s.is_empty());
            out.push(Listed {
                kind,
                name: name.to_owned(),
                target: resolved,
                summary,
                scopes: scopes.clone(),
                who: who.clone(),
                page: doc.page.clone(),
                line: r.line,
            });
        }
    }
    out
}

/// The "Scope:" and "Who can ...:" lines among `blocks`, first found first.
fn header_of<'b>(
    blocks: impl Iterator<Item = &'b Block>,
    listing: bool,
) -> (Vec<String>, Option<String>) {
    let mut scopes = Vec::new();
    let mut who = None;
    for b in blocks {
        let Block::Text { text, .. } = b else {
            continue;
        };
        let t = text.trim_start().trim_start_matches('>').trim();
        for part in t.split(" | ") {
            let part = part.trim();
            let p = part.replace("**", "");
            if scopes.is_empty()
                && let Some(rest) = p
                    .strip_prefix("Scope:")
                    .or_else(|| p.strip_prefix("Scope :"))
            {
                for span in md::code_spans(rest) {
                    for s in span.split([',', ' ']) {
                        let s = s.trim();
                        if !s.is_empty()
                            && s.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                            && !scopes.iter().any(|x| x == s)
                        {
                            scopes.push(s.to_owned());
                        }
                    }
                }
            }
            if who.is_none()
                && p.starts_with("Who can")
                && let Some((_, rest)) = p.split_once(':')
            {
                let w = md::plain(rest).replace('`', "");
                let w = w.trim();
                // "depends on the method" says nothing about one entry
                let vague = listing && w.contains("depend");
                if !w.is_empty() && !vague {
                    who = Some(w.to_owned());
                }
            }
        }
    }
    (scopes, who)
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
        let name = tokens.iter().rev().find(|t| is_method_name(t)).cloned();
        let called = name.as_ref().is_some_and(|n| self.calls_method(n));
        let name = name.or_else(|| self.method_name_from_examples());
        let has_sections = self.doc.blocks.iter().any(|b| match b {
            Block::Heading { level: 2, text, .. } => {
                let t = text.to_ascii_lowercase();
                (t.contains("parameter") && !t.contains("handler") && !t.contains("subscription"))
                    || t.contains("response")
                    || t.starts_with("returned data")
            }
            _ => false,
        });
        // Placement page: the title ends with the code bound by placement.bind.
        if let Some(code) = tokens.last().filter(|t| is_placement_code(t))
            && all_text.contains("placement.bind")
            && !has_sections_strict(&self.doc.blocks)
        {
            let (scopes, _) = self.header();
            let title = h1
                .trim()
                .strip_suffix(code.as_str())
                .map(|t| t.trim().trim_end_matches(':').trim().to_owned())
                .filter(|t| !t.is_empty());
            let info = PlacementInfo {
                code: code.clone(),
                title,
                docs: self.docs(None),
                scopes,
            };
            return Analysis::Imported(Kind::Placement, vec![Entry::Placement(info)]);
        }
        match (name, has_sections) {
            (Some(n), true) => self.method(n, h1_line),
            (Some(n), false) if called => self.method(n, h1_line),
            (Some(_), false) => Analysis::Skipped(
                "a method name in the title but no parameter or response section".into(),
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

    fn all_text(&self) -> String {
        let mut s = String::new();
        for b in &self.doc.blocks {
            match b {
                Block::Text { text, .. } | Block::Code { text, .. } => {
                    s.push_str(text);
                    s.push('\n');
                }
                Block::Table(t) => {
                    for r in &t.rows {
                        for c in &r.cells {
                            s.push_str(&c.text);
                            s.push('\n');
                        }
                    }
                }
                _ => {}
            }
        }
        s
    }

    /// The "Scope:" and "Who can ...:" lines.
    fn header(&self) -> (Vec<String>, Option<String>) {
        header_of(self.doc.blocks.iter(), false)
    }

    /// The first paragraph after the title.
    fn summary(&self) -> Option<String> {
        let mut in_note = 0usize;
        let mut para: Vec<String> = Vec::new();
        let mut started = false;
        for b in &self.doc.blocks {
            match b {
                Block::Heading { level, .. } => {
                    if *level == 1 {
                        started = true;
                        continue;
                    }
                    if started {
                        break;
                    }
                }
                Block::Directive { text, .. } if started => {
                    let t = text.to_ascii_lowercase();
                    if t.starts_with("note") || t.starts_with("cut") {
                        in_note += 1;
                    } else if t.starts_with("endnote") || t.starts_with("endcut") {
                        in_note = in_note.saturating_sub(1);
                    }
                    if !para.is_empty() {
                        break;
                    }
                }
                Block::Text { text, .. } if started && in_note == 0 => {
                    let t = text.trim();
                    if t.is_empty() {
                        if !para.is_empty() {
                            break;
                        }
                        continue;
                    }
                    if t.starts_with('>') || t.starts_with("**Scope") {
                        continue;
                    }
                    para.push(t.to_owned());
                }
                Block::Code { .. } | Block::Table(_) if started && !para.is_empty() => break,
                _ => {}
            }
        }
        let s = md::plain(&para.join(" "));
        (!s.is_empty()).then_some(s)
    }

    fn docs(&self, who: Option<String>) -> Docs {
        Docs {
            summary: self.summary(),
            description: None,
            docs: self.url.clone(),
            who,
            page: self.page.to_owned(),
        }
    }

    /// Index of the H2 whose lower-case title satisfies `pred`.
    /// Whether the page is a REST 3.0 method: a note before the first
    /// section says it belongs to REST 3.0 and links the REST 3.0 overview
    /// (`rest-v3.md`).
    fn is_rest_v3(&self) -> bool {
        let mut in_note = false;
        for b in &self.doc.blocks {
            match b {
                Block::Heading { level: 2, .. } => return false,
                Block::Directive { text, .. } => {
                    if text.starts_with("endnote") {
                        in_note = false;
                    } else if text.starts_with("note") {
                        in_note = true;
                    }
                }
                Block::Text { text, .. }
                    if in_note && text.contains("REST 3.0") && text.contains("rest-v3.md") =>
                {
                    return true;
                }
                _ => {}
            }
        }
        false
    }

    fn h2(&self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.doc.blocks.iter().position(|b| match b {
            Block::Heading { level: 2, text, .. } => pred(&text.to_ascii_lowercase()),
            _ => false,
        })
    }

    /// Blocks of the section opened by heading `h`, subsections included.
    fn section(&self, h: usize) -> std::ops::Range<usize> {
        section_in(&self.doc.blocks, h)
    }

    /// Blocks up to the next heading of any level.
    fn own(&self, h: usize) -> std::ops::Range<usize> {
        own_in(&self.doc.blocks, h)
    }

    fn first_field_table(&mut self, range: std::ops::Range<usize>) -> Option<Vec<RawRow>> {
        let doc = Rc::clone(&self.doc);
        self.first_field_table_in(&doc, range)
    }

    fn first_field_table_in(
        &mut self,
        doc: &Parsed,
        range: std::ops::Range<usize>,
    ) -> Option<Vec<RawRow>> {
        for i in range {
            if let Some(Block::Table(t)) = doc.blocks.get(i)
                && let Some(rows) = self.field_rows(&doc.page, t)
            {
                return Some(rows);
            }
        }
        None
    }

    /// The section's main field table: the one before any subsection, else
    /// the first one in the section.
    fn section_table(&mut self, h: usize) -> Option<Vec<RawRow>> {
        let doc = Rc::clone(&self.doc);
        self.section_table_in(&doc, h)
    }

    fn section_table_in(&mut self, doc: &Parsed, h: usize) -> Option<Vec<RawRow>> {
        self.first_field_table_in(doc, own_in(&doc.blocks, h))
            .or_else(|| self.first_field_table_in(doc, section_in(&doc.blocks, h)))
    }

    fn field_rows(&mut self, page: &str, t: &Table) -> Option<Vec<RawRow>> {
        let first = t.rows.first()?;
        let head = first
            .cells
            .first()
            .map(|c| c.text.to_ascii_lowercase())
            .unwrap_or_default();
        let is_header = head.contains("type")
            || head.contains("name")
            || head.contains("parameter")
            || head.contains("field");
        let data = if is_header { &t.rows[1..] } else { &t.rows[..] };
        let mut out = Vec::new();
        let mut typed = 0;
        for r in data {
            let Some(c0) = r.cells.first() else { continue };
            let text = c0.text.trim();
            let Some(rest) = text.strip_prefix("**") else {
                continue;
            };
            let Some(end) = rest.find("**") else {
                self.warnings.push(Warning::new(
                    page,
                    r.line,
                    "malformed field name: `**` is not closed",
                ));
                continue;
            };
            let mut name = rest[..end].trim().replace('\\', "");
            let mut after = &rest[end + 2..];
            let mut required = false;
            if let Some(a) = after
                .strip_prefix("\\*")
                .or_else(|| after.strip_prefix('*'))
            {
                required = true;
                after = a;
            }
            if let Some(n) = name.strip_suffix('*') {
                name = n.trim().to_owned();
                required = true;
            }
            let types = md::code_spans(after);
            if !types.is_empty() {
                typed += 1;
            }
            let type_links = md::links(after);
            let desc = r
                .cells
                .iter()
                .skip(1)
                .map(|c| c.text.as_str())
                .next()
                .unwrap_or("")
                .to_owned();
            out.push(RawRow {
                name,
                required,
                types,
                type_links,
                desc,
                line: r.line,
            });
        }
        if out.is_empty() || (typed == 0 && !head.contains("type")) {
            return None;
        }
        Some(out)
    }

    /// Builds fields from rows of the current page.
    fn fields(&mut self, rows: &[RawRow], stack: &mut Vec<String>) -> Vec<Field> {
        let doc = Rc::clone(&self.doc);
        self.fields_in(&doc, rows, stack)
    }

    /// The object a row's type links to: a section with a field table on
    /// this page or another one. `stack` holds the objects being resolved.
    fn linked_object(&mut self, doc: &Rc<Parsed>, r: &RawRow, stack: &mut Vec<String>) -> Linked {
        // candidates: the type cell's links, then a section of this page
        // named like an unknown type
        let mut candidates: Vec<(String, String)> = Vec::new();
        for (text, target) in &r.type_links {
            candidates.push((text.clone(), target.clone()));
        }
        if r.type_links.is_empty()
            && let [t] = r.types.as_slice()
        {
            let base = type_base(t);
            if map_one(base).is_none() && is_ident(base) {
                candidates.push((t.clone(), format!("#{}", base.to_lowercase())));
            }
        }
        let mut missing = None;
        for (text, target) in candidates {
            let t = text.trim().trim_matches('`').trim();
            let base = type_base(t);
            if base.is_empty() || target.contains("://") || target.contains(' ') {
                continue;
            }
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (target.as_str(), None),
            };
            if !(path.is_empty() || path.ends_with(".md")) {
                continue;
            }
            // builtin types stay builtin, unless the link names an object's
            // section explicitly
            match map_one(base) {
                Some(s) if !(matches!(s.ty.as_str(), "object" | "any") && anchor.is_some()) => {
                    continue;
                }
                _ => {}
            }
            let tdoc = if path.is_empty() {
                Some(Rc::clone(doc))
            } else {
                match crate::join(&doc.page, path) {
                    Some(rel) if rel == doc.page => Some(Rc::clone(doc)),
                    Some(rel) => self.resolver.page(&rel),
                    None => None,
                }
            };
            let Some(tdoc) = tdoc else {
                missing.get_or_insert_with(|| {
                    format!("the linked page `{path}` is not in the docs tree")
                });
                continue;
            };
            let explicit = anchor.filter(|a| !a.is_empty());
            let mut anchor = match explicit {
                Some(a) => a.to_owned(),
                None => slug(base),
            };
            let h = match tdoc.anchor(&anchor) {
                Some(h) => Some(h),
                // a link to a page that describes the object: its first table
                None if explicit.is_none() && tdoc.page != doc.page => {
                    anchor.clear();
                    first_table_heading(&tdoc)
                }
                None => None,
            };
            let Some(h) = h else {
                missing.get_or_insert_with(|| format!("no section `#{anchor}` in `{}`", tdoc.page));
                continue;
            };
            let key = format!("{}#{}", tdoc.page, anchor.to_lowercase());
            if stack.contains(&key) || stack.len() >= MAX_NESTING {
                self.cuts += 1;
                return Linked::Cut(t.ends_with("[]"));
            }
            let array = t.ends_with("[]") || t.to_ascii_lowercase().starts_with("array<");
            if let Some(s) = self.resolver.memo(&key) {
                return Linked::Found(s, array);
            }
            let Some(rows) = self.section_table_in(&tdoc, h) else {
                missing.get_or_insert_with(|| {
                    format!("no field table under `#{anchor}` in `{}`", tdoc.page)
                });
                continue;
            };
            let cuts = self.cuts;
            stack.push(key.clone());
            let fields = self.fields_in(&tdoc, &rows, stack);
            stack.pop();
            if fields.is_empty() {
                continue;
            }
            // named after the type, or after the section when the type is
            // a builtin (`object` linking to `#fields`)
            let camel = |x: &str| {
                names::camel(&sanitize_name(x))
                    .filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
            };
            let (first, second) = if map_one(base).is_some() {
                (anchor.as_str(), base)
            } else {
                (base, anchor.as_str())
            };
            let name = camel(first)
                .or_else(|| camel(second))
                .unwrap_or_else(|| "Object".to_owned());
            let mut s = Shape::of("object");
            s.fields = fields;
            s.type_ref = Some(TypeRef {
                key: key.clone(),
                name,
            });
            if self.cuts == cuts {
                // resolved without cutting a cycle: the same wherever it is met
                self.resolver.remember(&key, &s);
            }
            return Linked::Found(s, array);
        }
        match missing {
            Some(m) => Linked::Missing(m),
            None => Linked::None,
        }
    }

    /// Builds fields from rows of `doc`, following links to objects
    /// described in other sections and on other pages.
    fn fields_in(
        &mut self,
        doc: &Rc<Parsed>,
        rows: &[RawRow],
        stack: &mut Vec<String>,
    ) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for r in rows {
            let name = r.name.trim().trim_end_matches(':').trim().to_owned();
            if name.is_empty() {
                self.warnings.push(Warning::new(
                    &doc.page,
                    r.line,
                    "a table row without a field name",
                ));
                continue;
            }
            if is_pattern_name(&name) {
                self.warnings.push(Warning::new(
                    &doc.page,
                    r.line,
                    format!("`{name}` is a name pattern, not a field; skipped"),
                ));
                continue;
            }
            let (mut shape, mut unknown) = map_types(&r.types);
            let mut why = None;
            // an object described elsewhere, named after its type
            match self.linked_object(doc, r, stack) {
                Linked::Found(named, array) => {
                    let nullable = shape.nullable;
                    if array || shape.ty == "array" {
                        shape = Shape::of("array");
                        shape.items = Some(Box::new(named));
                    } else {
                        shape = named;
                    }
                    shape.nullable = nullable;
                    unknown = None;
                }
                Linked::Cut(array) => {
                    // a cycle or too deep: a free-form object
                    let nullable = shape.nullable;
                    if array || shape.ty == "array" {
                        shape = Shape::of("array");
                        shape.items = Some(Box::new(Shape::of("object")));
                    } else {
                        shape = Shape::of("object");
                    }
                    shape.nullable = nullable;
                    unknown = None;
                }
                Linked::Missing(m) => why = Some(m),
                Linked::None => {}
            }
            // nested object described in a linked section of this page
            let mut nested = None;
            let mut extra_desc: Option<String> = None;
            if stack.len() < 8
                && shape.type_ref.is_none()
                && shape.items.as_ref().is_none_or(|i| i.type_ref.is_none())
            {
                for (_, target) in md::links(&r.desc) {
                    let Some(a) = target.strip_prefix('#') else {
                        continue;
                    };
                    let key = format!("{}#{}", doc.page, a.to_lowercase());
                    if stack.contains(&key) {
                        continue;
                    }
                    let Some(h) = doc.anchor(a) else {
                        continue;
                    };
                    if let Some(rows) = self.first_field_table_in(doc, own_in(&doc.blocks, h)) {
                        // a scalar explained by a one-row table of itself
                        if rows.len() == 1 && rows[0].name.trim_end_matches('*') == name {
                            extra_desc = Some(rows[0].desc.clone());
                            break;
                        }
                        stack.push(key);
                        let f = self.fields_in(doc, &rows, stack);
                        stack.pop();
                        nested = Some(f);
                        break;
                    }
                }
            }
            if let Some(fields) = nested.filter(|f| !f.is_empty()) {
                match shape.ty.as_str() {
                    "object" => shape.fields = fields,
                    "array" => {
                        let items = shape
                            .items
                            .get_or_insert_with(|| Box::new(Shape::of("object")));
                        if items.ty == "object" || items.ty == "any" {
                            items.ty = "object".into();
                            items.values.clear();
                            items.fields = fields;
                        }
                    }
                    "any" => {
                        shape.ty = "object".into();
                        shape.values.clear();
                        shape.fields = fields;
                    }
                    _ => {}
                }
            } else if let Some(u) = &unknown {
                let why = why.map(|w| format!(" ({w})")).unwrap_or_default();
                self.warnings.push(Warning::new(
                    &doc.page,
                    r.line,
                    format!(
                        "unknown type `{u}` of `{name}`; mapped to `{}`{why}",
                        shape.ty
                    ),
                ));
            }
            if matches!(shape.ty.as_str(), "string" | "integer" | "boolean") {
                shape.values = enum_values(&r.desc, &shape.ty);
                if shape.values.is_empty()
                    && let Some(d) = &extra_desc
                {
                    shape.values = enum_values(d, &shape.ty);
                }
            }
            let field = Field {
                name: name.clone(),
                rust_name: None,
                required: r.required,
                description: clean_text(&r.desc),
                shape,
            };
            if name.contains('.') && !name.starts_with('.') && !name.ends_with('.') {
                let path: Vec<&str> = name.split('.').collect();
                let mut f = field.clone();
                f.name = path[path.len() - 1].to_owned();
                if !insert_path(&mut out, &path[..path.len() - 1], f) {
                    self.warn(
                        r.line,
                        format!(
                            "`{name}`: no parent field `{}` in the table; skipped",
                            path[0]
                        ),
                    );
                }
                continue;
            }
            out.push(field);
        }
        out
    }

    fn rest_event(&mut self, tokens: &[String], h1_line: u32) -> Option<Analysis> {
        // the title names the event, or the examples do
        let title_code = tokens.iter().rev().find(|t| is_event_code(t)).cloned();
        if tokens
            .iter()
            .any(|t| is_method_name(t) && !is_event_code(t))
        {
            return None;
        }
        // the payload: "What the Handler Receives", else a parameter section
        let handler = self.h2(|t| t.contains(IFACE_EVENT_SECTION));
        let h = handler.or_else(|| self.h2(|t| t.contains("parameter") || t.contains("fields")));
        let range = match h {
            Some(h) => self.section(h),
            None => 0..self.doc.blocks.len(),
        };
        let mut codes: Vec<(String, Option<String>)> = Vec::new();
        for i in range.clone() {
            let Block::Code { text, .. } = &self.doc.blocks[i] else {
                continue;
            };
            if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) {
                if let Some(Value::String(e)) = o.get("event") {
                    codes.push((e.clone(), Some(text.trim().to_owned())));
                }
            } else if let Some(e) = json_string_key(text, "event") {
                codes.push((e, None));
            }
        }
        let (code, example) = match &title_code {
            Some(t) => codes
                .iter()
                .find(|c| c.0.eq_ignore_ascii_case(t))
                .cloned()
                .unwrap_or((t.clone(), None)),
            None => {
                // no name in the title: one event code in the handler examples
                let first = codes.first()?.clone();
                if handler.is_none() || codes.iter().any(|c| !c.0.eq_ignore_ascii_case(&first.0)) {
                    return None;
                }
                first
            }
        };
        if !is_event_code(&code) {
            return None;
        }
        let (scopes, who) = self.header();
        // the docs spelling: a mixed-case word equal to the code
        let upper = code.to_ascii_uppercase();
        let mut spelled = tokens
            .iter()
            .find(|t| t.eq_ignore_ascii_case(&code) && t.chars().any(|c| c.is_ascii_lowercase()))
            .cloned();
        if spelled.is_none() {
            let text = self.all_text();
            spelled = md::code_spans(&text)
                .into_iter()
                .chain(
                    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '_')
                        .map(str::to_owned),
                )
                .find(|t| {
                    t.eq_ignore_ascii_case(&code) && t.chars().any(|c| c.is_ascii_lowercase())
                });
        }
        // else the page's file name, when its words spell the code
        // (`on-voximplant-call-end.md` for ONVOXIMPLANTCALLEND)
        let spelled = spelled.or_else(|| slug_spelling(self.page, &code));
        let rust_name = b24_spec::names::camel(
            spelled
                .as_deref()
                .unwrap_or(&code)
                .replace('.', "_")
                .as_str(),
        );
        // the payload table
        let rows = match h {
            Some(h) => {
                let own = self.own(h);
                self.first_field_table(own)
                    .or_else(|| self.first_field_table(range.clone()))
            }
            None => self.first_field_table(range.clone()),
        };
        let mut data = Vec::new();
        if let Some(rows) = rows {
            let fields = self.fields(&rows, &mut Vec::new());
            let envelope = fields.iter().any(|f| {
                matches!(
                    f.name.as_str(),
                    "event" | "auth" | "event_handler_id" | "ts"
                )
            });
            if envelope {
                if let Some(d) = fields.iter().find(|f| f.name.eq_ignore_ascii_case("data")) {
                    data = d.shape.fields.clone();
                }
            } else {
                data = fields;
            }
        }
        if data.is_empty()
            && let Some(ex) = &example
            && let Ok(Value::Object(o)) = serde_json::from_str::<Value>(ex)
            && let Some(Value::Object(d)) = o.get("data")
        {
            data = infer_fields(d);
            if !data.is_empty() {
                self.warn(
                    h1_line,
                    "the `data` fields are not described in a table; inferred from the example",
                );
            }
        }
        if !data.is_empty()
            && let Some(ex) = &example
            && let Ok(Value::Object(o)) = serde_json::from_str::<Value>(ex)
            && let Some(d) = o.get("data")
        {
            let notes = crate::reconcile::reconcile_fields(
                &mut data,
                std::slice::from_ref(d),
                &upper,
                "data",
            );
            let line = self.example_line(ex);
            for n in notes {
                self.warn(
                    line,
                    format!(
                        "`{upper}`: `{}`: {} (reconciled with the example)",
                        n.path, n.what
                    ),
                );
            }
        }
        let event = RestEvent {
            code: upper,
            rust_name,
            docs: self.docs(who),
            scopes,
            data,
            examples: example.into_iter().collect(),
        };
        Some(Analysis::Imported(
            Kind::RestEvent,
            vec![Entry::RestEvent(event)],
        ))
    }

    fn placement_code(&self, all_text: &str) -> Option<String> {
        // "... in the `CALL_CARD` placement"
        let mut rest = all_text;
        while let Some(p) = rest.find("` placement") {
            let before = &rest[..p];
            if let Some(open) = before.rfind('`') {
                let code = &before[open + 1..];
                if !code.is_empty()
                    && code
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                {
                    return Some(code.to_owned());
                }
            }
            rest = &rest[p + 1..];
        }
        None
    }

    fn interface_event(&mut self, name: String, h1_line: u32, all_text: &str) -> Analysis {
        let Some(placement) = self.placement_code(all_text) else {
            return Analysis::Skipped(format!(
                "interface event `{name}` without a placement code (\"in the `CODE` placement\")"
            ));
        };
        let (scopes, who) = self.header();
        // the example: `callback(...)` under "What the Handler Receives"
        let mut example: Option<(String, Vec<Value>)> = None;
        if let Some(h) = self.h2(|t| t.contains(IFACE_EVENT_SECTION)) {
            for i in self.section(h) {
                if let Block::Code { text, .. } = &self.doc.blocks[i]
                    && let Some(args) = call_args(text, "callback(")
                {
                    let json = format!("[{}]", args.trim());
                    if let Ok(Value::Array(v)) = serde_json::from_str::<Value>(&json) {
                        example = Some((json, v));
                        break;
                    }
                }
            }
        }
        let rows = match self
            .h2(|t| t.contains("handler parameters") || t.contains("handler arguments"))
        {
            Some(h) => self.section_table(h),
            None => None,
        };
        let fields = rows
            .map(|r| self.fields(&r, &mut Vec::new()))
            .unwrap_or_default();
        let mut args = Vec::new();
        let single_object = match &example {
            Some((_, v)) if v.len() == 1 => match &v[0] {
                Value::Object(o) => {
                    !fields.is_empty() && fields.iter().all(|f| o.contains_key(&f.name))
                        || fields.len() > 1
                }
                _ => false,
            },
            _ => false,
        };
        if single_object {
            let arg_name = bind_event_param(all_text, &name).unwrap_or_else(|| "eventData".into());
            let mut shape = Shape::of("object");
            shape.fields = fields;
            args.push(Field {
                name: arg_name,
                rust_name: None,
                required: true,
                description: None,
                shape,
            });
        } else if !fields.is_empty() {
            args = fields;
        } else if let Some((_, v)) = &example {
            for (i, val) in v.iter().enumerate() {
                args.push(Field {
                    name: format!("arg{}", i + 1),
                    required: true,
                    shape: infer_shape(val),
                    ..Field::default()
                });
            }
            if !args.is_empty() {
                self.warn(
                    h1_line,
                    "the handler arguments are not described in a table; inferred from the example",
                );
            }
        }
        // a later positional argument implies the earlier ones
        if let Some(last_req) = args.iter().rposition(|a| a.required) {
            for a in &mut args[..last_req] {
                a.required = true;
            }
        }
        let event = InterfaceEvent {
            name,
            docs: self.docs(who),
            args,
            examples: example.map(|e| vec![e.0]).unwrap_or_default(),
        };
        Analysis::Imported(
            Kind::InterfaceEvent,
            vec![Entry::InterfaceEvent {
                placement,
                scopes,
                event,
            }],
        )
    }

    fn command(&mut self, name: String, _h1_line: u32, all_text: &str) -> Analysis {
        let Some(placement) = self.placement_code(all_text) else {
            return Analysis::Skipped(format!(
                "interface command `{name}` without a placement code (\"in the `CODE` placement\")"
            ));
        };
        let (scopes, who) = self.header();
        let params = match self.h2(|t| t.contains("parameter")) {
            Some(h) => {
                let rows = self.section_table(h);
                rows.map(|r| self.fields(&r, &mut Vec::new()))
                    .unwrap_or_default()
            }
            None => Vec::new(),
        };
        let mut examples = Vec::new();
        for key in [
            format!("placement.call('{name}'"),
            format!("placement.call(\"{name}\""),
        ] {
            let mut rest = all_text;
            while let Some(p) = rest.find(&key) {
                let after = &rest[p + key.len()..];
                if let Some(obj) = after.trim_start().strip_prefix(',').map(str::trim_start)
                    && obj.starts_with('{')
                    && let Some(end) = matching_brace(obj)
                {
                    let js = &obj[..=end];
                    if let Some(json) = js_to_json(js)
                        && json != "{}"
                        && !examples.contains(&json)
                    {
                        examples.push(json);
                    }
                }
                rest = after;
            }
        }
        let (mut result, mut result_examples) =
            match self.h2(|t| t.contains("result") || t.contains("response")) {
                Some(h) => self.result_of(h, false),
                None => (None, Vec::new()),
            };
        if let Some(h) = self.h2(|t| t.contains("error"))
            && let Some((error, text)) = self.command_error(h, &name)
        {
            if union_with_error(&mut result, error) {
                if !result_examples.contains(&text) {
                    result_examples.push(text);
                }
            } else {
                let line = self.example_line(&text);
                self.warn(
                    line,
                    format!(
                        "`{name}`: the error example and the result have different shapes; the error is left out of the result"
                    ),
                );
            }
        }
        let command = Command {
            name,
            docs: self.docs(who),
            params,
            result,
            examples,
            result_examples,
        };
        Analysis::Imported(
            Kind::InterfaceCommand,
            vec![Entry::Command {
                placement,
                scopes,
                command,
            }],
        )
    }

    /// The error a command's callback receives instead of its result: the
    /// first JSON example of the errors section `h` (an object or an array
    /// of objects), with each field whose values a subsection lists
    /// (`### errorCode Values` and a `Code` table) as an enum. The error
    /// object is a named type, `<Command>Error`. Returns the shape and the
    /// example's text.
    fn command_error(&mut self, h: usize, command: &str) -> Option<(Shape, String)> {
        let range = self.section(h);
        let (value, text) = range.clone().find_map(|i| match &self.doc.blocks[i] {
            Block::Code { lang, text, .. } if lang.is_empty() || lang == "json" => {
                serde_json::from_str::<Value>(text)
                    .ok()
                    .map(|v| (v, text.trim().to_owned()))
            }
            _ => None,
        })?;
        let (object, in_array) = match &value {
            Value::Object(o) => (o.clone(), false),
            Value::Array(a) => match a.as_slice() {
                [Value::Object(o), rest @ ..] if rest.iter().all(Value::is_object) => {
                    (o.clone(), true)
                }
                _ => return None,
            },
            _ => return None,
        };
        let mut error = Shape::of("object");
        error.fields = infer_fields(&object);
        if error.fields.is_empty() {
            return None;
        }
        // `### <field> Values` followed by a table whose first column is the code
        for i in range.clone() {
            let Block::Heading { level, text, .. } = &self.doc.blocks[i] else {
                continue;
            };
            if *level <= 2 {
                continue;
            }
            let title = text.replace('`', "");
            let Some(field_name) = title.split_whitespace().next() else {
                continue;
            };
            let Some(field) = error
                .fields
                .iter_mut()
                .find(|f| f.name == field_name && f.shape.ty == "string")
            else {
                continue;
            };
            let values = self.own(i).find_map(|j| match &self.doc.blocks[j] {
                Block::Table(t) => code_table_values(t),
                _ => None,
            });
            if let Some(values) = values {
                field.shape.values = values;
            }
        }
        error.type_ref = Some(TypeRef {
            key: format!("{}#{command}-error", self.doc.page),
            name: format!(
                "{}Error",
                names::camel(command).unwrap_or_else(|| "Command".into())
            ),
        });
        let shape = if in_array {
            let mut s = Shape::of("array");
            s.items = Some(Box::new(error));
            s
        } else {
            error
        };
        Some((shape, text))
    }

    /// The result shape and examples of a response section. With
    /// `envelope`, examples are `{"result": ...}` objects.
    /// The JSON code blocks of section `h`, parsed.
    fn json_blocks(&self, h: usize) -> Vec<Value> {
        self.section(h)
            .filter_map(|i| match &self.doc.blocks[i] {
                Block::Code { lang, text, .. } if lang.is_empty() || lang == "json" => {
                    serde_json::from_str(text).ok()
                }
                _ => None,
            })
            .collect()
    }

    fn result_of(&mut self, h: usize, envelope: bool) -> (Option<Shape>, Vec<String>) {
        let range = self.section(h);
        let mut examples = Vec::new();
        let mut first_val: Option<Value> = None;
        let mut section_text = String::new();
        for i in range.clone() {
            match &self.doc.blocks[i] {
                Block::Code { lang, text, .. } if lang.is_empty() || lang == "json" => {
                    if let Ok(v) = serde_json::from_str::<Value>(text) {
                        let keep =
                            !envelope || matches!(&v, Value::Object(o) if o.contains_key("result"));
                        if keep {
                            if first_val.is_none() {
                                first_val = Some(v);
                            }
                            examples.push(text.trim().to_owned());
                        }
                    }
                }
                Block::Text { text, .. } => {
                    section_text.push_str(text);
                    section_text.push('\n');
                }
                _ => {}
            }
        }
        let rows = self.first_field_table(range.clone());
        let result_val = match (&first_val, envelope) {
            (Some(Value::Object(o)), true) => o.get("result").cloned(),
            (v, false) => v.clone(),
            _ => None,
        };
        let shape = match rows {
            Some(rows) => {
                let fields = self.fields(&rows, &mut Vec::new());
                if envelope {
                    if let Some(r) = fields.iter().find(|f| f.name == "result") {
                        let mut s = r.shape.clone();
                        s.description = r.description.clone();
                        // siblings that are keys of the example's result
                        if let Some(Value::Object(o)) = &result_val
                            && s.ty == "object"
                        {
                            for f in &fields {
                                if f.name != "result"
                                    && o.contains_key(&f.name)
                                    && !s.fields.iter().any(|x| x.name == f.name)
                                {
                                    s.fields.push(f.clone());
                                }
                            }
                        }
                        Some(s)
                    } else {
                        let fs: Vec<Field> = fields
                            .into_iter()
                            .filter(|f| !matches!(f.name.as_str(), "time" | "total" | "next"))
                            .collect();
                        shape_from_fields(fs, result_val.as_ref())
                    }
                } else {
                    shape_from_fields(fields, result_val.as_ref())
                }
            }
            None => result_val.as_ref().map(|v| {
                let mut s = shallow_shape(v);
                if let (Value::Array(items), Some(it)) = (v, s.items.as_mut())
                    && it.ty == "string"
                    && items.iter().all(Value::is_string)
                {
                    it.values = enum_values(&section_text, "string");
                }
                s
            }),
        };
        (shape, examples)
    }

    /// Whether a code example calls method `name`.
    fn calls_method(&self, name: &str) -> bool {
        let pats = [
            format!("'{name}'"),
            format!("\"{name}\""),
            format!("/{name}'"),
            format!("/{name}\""),
            format!("/{name} "),
            format!("/{name}\n"),
            format!("/{name}.json"),
            format!("/{name}?"),
        ];
        self.doc.blocks.iter().any(|b| match b {
            Block::Code { text, .. } => {
                let t = format!("{text}\n");
                pats.iter().any(|p| t.contains(p.as_str()))
            }
            _ => false,
        })
    }

    fn method_name_from_examples(&self) -> Option<String> {
        let mut found: Option<String> = None;
        for b in &self.doc.blocks {
            let Block::Code { text, .. } = b else {
                continue;
            };
            for marker in [
                "**put_your_webhook_here**/",
                "callMethod('",
                "callMethod(\"",
            ] {
                let mut rest = text.as_str();
                while let Some(p) = rest.find(marker) {
                    let after = &rest[p + marker.len()..];
                    let name: String = after
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
                        .collect();
                    let name = name
                        .trim_end_matches(".json")
                        .trim_end_matches('.')
                        .to_owned();
                    if !name.is_empty()
                        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    {
                        match &found {
                            None => found = Some(name),
                            Some(f) if *f == name => {}
                            Some(_) => return None,
                        }
                    }
                    rest = after;
                }
            }
        }
        found
    }

    fn method(&mut self, name: String, _h1_line: u32) -> Analysis {
        let (scopes, who) = self.header();
        let params = match self.h2(|t| {
            t.contains("parameter") && !t.contains("handler") && !t.contains("subscription")
        }) {
            Some(h) => {
                let rows = self.section_table(h);
                rows.map(|r| self.fields(&r, &mut Vec::new()))
                    .unwrap_or_default()
            }
            None => Vec::new(),
        };
        let response = self.h2(|t| {
            (t.contains("response") || t.starts_with("returned") || t.contains("result"))
                && !t.contains("error")
        });
        let (mut result, result_examples) = match response {
            Some(h) => self.result_of(h, true),
            None => (None, Vec::new()),
        };
        // every JSON answer, also those shown without their `result` wrapper
        let answers: Vec<Value> = response.map(|h| self.json_blocks(h)).unwrap_or_default();
        if let Some(shape) = &mut result {
            self.reconcile_result(&name, shape, &result_examples);
        }
        let v3 = self.is_rest_v3();
        // REST 3.0 lists page with `pagination`, never `start`/`next`.
        let list = if v3 {
            None
        } else {
            paging(&params, result.as_ref(), answers)
        };
        let errors = self.errors();
        let examples = self.request_examples();
        let method = Method {
            name,
            v3,
            docs: self.docs(who),
            scopes,
            params,
            result,
            list,
            errors,
            examples,
            result_examples,
        };
        Analysis::Imported(Kind::RestMethod, vec![Entry::Method(method)])
    }

    /// The source line of the code block holding `example`.
    fn example_line(&self, example: &str) -> u32 {
        self.doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Code { text, line, .. } if text.trim() == example.trim() => Some(*line),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// Lets the response examples decide where the tables' shape
    /// contradicts them (see [`crate::reconcile`]), with a warning each.
    fn reconcile_result(&mut self, name: &str, shape: &mut Shape, examples: &[String]) {
        let mut texts = Vec::new();
        let mut values = Vec::new();
        for ex in examples {
            let Ok(v) = serde_json::from_str::<Value>(ex) else {
                continue;
            };
            // Error examples show `error`, not `result`.
            if v.get("error").is_some() {
                continue;
            }
            let r = match v {
                Value::Object(mut o) if o.contains_key("result") => {
                    o.remove("result").unwrap_or_default()
                }
                other => other,
            };
            texts.push(ex.as_str());
            values.push(r);
        }
        let notes = crate::reconcile::reconcile_result(shape, &values, name);
        for n in notes {
            let line = texts.get(n.example).map_or(0, |t| self.example_line(t));
            self.warn(
                line,
                format!(
                    "`{name}`: `{}`: {} (reconciled with the example)",
                    n.path, n.what
                ),
            );
        }
    }

    fn errors(&mut self) -> Vec<ErrorSpec> {
        let mut out: Vec<ErrorSpec> = Vec::new();
        let mut in_errors = false;
        for b in &self.doc.blocks {
            match b {
                Block::Heading { level, text, .. } => {
                    if *level <= 2 {
                        in_errors = text.to_ascii_lowercase().contains("error");
                    } else if text.to_ascii_lowercase().contains("error") {
                        in_errors = true;
                    }
                }
                Block::Table(t) if in_errors => {
                    let Some(head) = t.rows.first() else { continue };
                    let cols: Vec<String> = head
                        .cells
                        .iter()
                        .map(|c| c.text.replace("**", "").trim().to_ascii_lowercase())
                        .collect();
                    let Some(ci) = cols.iter().position(|c| c == "code" || c == "error code")
                    else {
                        continue;
                    };
                    let si = cols.iter().position(|c| c.contains("status"));
                    let di = cols
                        .iter()
                        .position(|c| c.contains("description") || c.contains("message"));
                    for r in &t.rows[1..] {
                        let Some(code) = r.cells.get(ci) else {
                            continue;
                        };
                        let mut code = code.text.replace('`', "").trim().to_owned();
                        if matches!(
                            code.to_ascii_lowercase().as_str(),
                            "empty value" | "empty string" | "-" | "—" | "empty"
                        ) {
                            code.clear();
                        }
                        if code.contains('\n') || code.len() > 120 {
                            continue;
                        }
                        let status = si
                            .and_then(|i| r.cells.get(i))
                            .and_then(|c| c.text.replace('`', "").trim().parse::<u16>().ok());
                        let description = di
                            .and_then(|i| r.cells.get(i))
                            .map(|c| md::plain(&c.text.replace('`', "")))
                            .filter(|d| !d.is_empty() && d != ">");
                        let e = ErrorSpec {
                            code,
                            status,
                            description,
                        };
                        if !out.contains(&e) {
                            out.push(e);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn request_examples(&self) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.doc.blocks {
            let Block::Code { lang, text, .. } = b else {
                continue;
            };
            if !matches!(lang.as_str(), "bash" | "sh" | "shell" | "curl" | "") {
                continue;
            }
            if !text.contains("curl") {
                continue;
            }
            let Some(p) = text.find("-d '") else { continue };
            let body = &text[p + 4..];
            let Some(end) = body.find('\'') else { continue };
            let body = &body[..end];
            if serde_json::from_str::<Value>(body).is_ok() && !out.iter().any(|o| o == body) {
                out.push(body.to_owned());
            }
            if out.len() >= 3 {
                break;
            }
        }
        out
    }
}

/// Inserts `f` under the field path `parents` in `fields`.
/// The paging of a REST v2 method, from what its page says: a list pages
/// by 50 when it documents a `start` parameter or when its answer carries
/// the pager's `next`/`total` (and has no `OFFSET` of its own). The rows sit where the answers show an array
/// (`result` itself or the one array in it), else where the documented
/// result has one; `None` when the method does not page or the rows cannot
/// be found. The cursor is the rows' `ID` or `id` field.
fn paging(
    params: &[Field],
    result: Option<&Shape>,
    answers: Vec<Value>,
) -> Option<b24_spec::ListSpec> {
    let has_start = params.iter().any(|p| p.name == "start");
    let pager = answers
        .iter()
        .any(|v| v.get("next").is_some() || v.get("total").is_some());
    let results: Vec<Value> = answers.into_iter().filter_map(answer_result).collect();
    // a method paged by its own `OFFSET` also answers with `total`
    let own_offset = params.iter().any(|p| p.name.eq_ignore_ascii_case("offset"));
    if !has_start && !(pager && !own_offset) {
        return None;
    }
    let documented = match result {
        Some(s) if s.ty == "array" => Some((None, s.items.as_deref())),
        Some(s) if s.ty == "object" => {
            let mut arrays = s.fields.iter().filter(|f| f.shape.ty == "array");
            let one = match (arrays.next(), arrays.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            };
            s.fields
                .iter()
                .find(|f| f.name == "items" && f.shape.ty == "array")
                .or(one)
                .map(|at| (Some(at.name.clone()), at.shape.items.as_deref()))
        }
        _ => None,
    };
    let shown = rows_in_answers(&results);
    let (path, documented_rows) = match (shown, documented) {
        (Some(path), Some((d, rows))) if path == d => (path, rows),
        (Some(path), _) => (path, None),
        (None, Some(d)) => d,
        (None, None) => return None,
    };
    // the rows' keys: as documented, else as the answers show them
    let mut row_keys: Vec<&str> = documented_rows
        .map(|r| r.fields.iter().map(|f| f.name.as_str()).collect())
        .unwrap_or_default();
    if row_keys.is_empty() {
        row_keys = results
            .iter()
            .filter_map(|r| match &path {
                Some(p) => r.get(p),
                None => Some(r),
            })
            .filter_map(|rows| rows.as_array()?.first()?.as_object())
            .flat_map(|row| row.keys().map(String::as_str))
            .collect();
    }
    let id_field = ["ID", "id"]
        .into_iter()
        .find(|id| row_keys.contains(id))
        .map(str::to_owned);
    Some(b24_spec::ListSpec { path, id_field })
}

/// The `result` of a documented answer. Some pages show the answer without
/// its `result` wrapper (`{"measures": [...], "total": 4, "time": {...}}`):
/// then what is left without the pager's and timing keys is the result.
fn answer_result(answer: Value) -> Option<Value> {
    let Value::Object(mut o) = answer else {
        return None;
    };
    if let Some(r) = o.remove("result") {
        return Some(r);
    }
    if !o.contains_key("time") || !(o.contains_key("total") || o.contains_key("next")) {
        return None;
    }
    o.retain(|k, _| !matches!(k.as_str(), "time" | "total" | "next"));
    Some(Value::Object(o))
}

/// Where the rows sit in the answers' results: `Some(None)` when the result
/// is the array, `Some(Some(key))` when it is an object with one array under
/// `key`; `None` when the answers disagree or show neither.
fn rows_in_answers(results: &[Value]) -> Option<Option<String>> {
    let mut found = None;
    for r in results {
        let at = match r {
            Value::Array(_) => None,
            Value::Object(o) => {
                let mut arrays = o.iter().filter(|(_, v)| v.is_array()).map(|(k, _)| k);
                match (arrays.next(), arrays.next()) {
                    (Some(one), None) => Some(one.clone()),
                    _ => return None,
                }
            }
            _ => return None,
        };
        match &found {
            None => found = Some(at),
            Some(f) if *f == at => {}
            Some(_) => return None,
        }
    }
    found
}

fn insert_path(fields: &mut [Field], parents: &[&str], f: Field) -> bool {
    let Some((first, rest)) = parents.split_first() else {
        return false;
    };
    let Some(p) = fields.iter_mut().find(|x| x.name == *first) else {
        return false;
    };
    let target = match p.shape.ty.as_str() {
        "object" => &mut p.shape,
        "array" => {
            let it = p
                .shape
                .items
                .get_or_insert_with(|| Box::new(Shape::of("object")));
            if it.ty == "any" {
                it.ty = "object".into();
            }
            if it.ty != "object" {
                return false;
            }
            &mut **it
        }
        "any" => {
            p.shape.ty = "object".into();
            &mut p.shape
        }
        _ => return false,
    };
    if rest.is_empty() {
        if let Some(existing) = target.fields.iter_mut().find(|x| x.name == f.name) {
            if existing.shape.fields.is_empty() {
                *existing = f;
            }
        } else {
            target.fields.push(f);
        }
        true
    } else {
        insert_path(&mut target.fields, rest, f)
    }
}

fn shape_from_fields(fields: Vec<Field>, example: Option<&Value>) -> Option<Shape> {
    if fields.is_empty() {
        return example.map(shallow_shape);
    }
    match example {
        Some(Value::Array(a)) if a.iter().all(Value::is_object) && !a.is_empty() => {
            let mut item = Shape::of("object");
            item.fields = fields;
            let mut s = Shape::of("array");
            s.items = Some(Box::new(item));
            Some(s)
        }
        Some(Value::Array(a)) if a.is_empty() => Some(Shape::of("array")),
        Some(v) if !v.is_object() && !v.is_array() => Some(shallow_shape(v)),
        _ => {
            let mut s = Shape::of("object");
            s.fields = fields;
            Some(s)
        }
    }
}

/// The values of a `Code | Description | ...` table: the codes (backticks
/// removed) with their descriptions. `None` for other tables and for codes
/// that span lines.
fn code_table_values(t: &md::Table) -> Option<Vec<EnumValue>> {
    let head = t.rows.first()?;
    let cols: Vec<String> = head
        .cells
        .iter()
        .map(|c| c.text.replace("**", "").trim().to_ascii_lowercase())
        .collect();
    if cols.first().map(String::as_str) != Some("code") {
        return None;
    }
    let di = cols.iter().position(|c| c.contains("description"));
    let mut out: Vec<EnumValue> = Vec::new();
    for r in t.rows.get(1..).unwrap_or_default() {
        let code = r.cells.first()?.text.replace('`', "").trim().to_owned();
        if code.is_empty() || code.contains('\n') {
            return None;
        }
        if out
            .iter()
            .any(|v| v.value == ScalarValue::Str(code.clone()))
        {
            continue;
        }
        let description = di
            .and_then(|i| r.cells.get(i))
            .and_then(|c| clean_text(&c.text));
        out.push(EnumValue {
            value: ScalarValue::Str(code),
            rust_name: None,
            description,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// Joins a command's result with the error its callback receives instead:
/// no result (or `any`) becomes the error; an array without an item type
/// becomes an array of the error. Other results are left as they are and
/// `false` is returned.
fn union_with_error(result: &mut Option<Shape>, error: Shape) -> bool {
    let Some(r) = result else {
        *result = Some(error);
        return true;
    };
    if r.ty == "any" && r.fields.is_empty() && r.values.is_empty() {
        let description = r.description.take();
        *r = error;
        r.description = description;
        return true;
    }
    let untyped_items = match &r.items {
        None => true,
        Some(it) => it.ty == "object" && it.fields.is_empty(),
    };
    if r.ty == "array" && error.ty == "array" && untyped_items {
        r.items = error.items;
        return true;
    }
    false
}

/// A type from a JSON value without descending into objects.
fn shallow_shape(v: &Value) -> Shape {
    match v {
        Value::Null => Shape::of("any"),
        Value::Bool(_) => Shape::of("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Shape::of("integer"),
        Value::Number(_) => Shape::of("number"),
        Value::String(_) => Shape::of("string"),
        Value::Array(a) => {
            if a.is_empty() {
                return Shape::of("array");
            }
            let first = shallow_shape(&a[0]);
            let mut s = Shape::of("array");
            if a.iter().all(|x| shallow_shape(x).ty == first.ty) && first.ty != "object" {
                s.items = Some(Box::new(first));
            }
            s
        }
        Value::Object(_) => Shape::of("object"),
    }
}

pub(crate) fn infer_shape(v: &Value) -> Shape {
    match v {
        Value::Object(o) => {
            let mut s = Shape::of("object");
            s.fields = infer_fields(o);
            s
        }
        Value::Array(a) => {
            let mut s = Shape::of("array");
            if let Some(first) = a.first() {
                s.items = Some(Box::new(infer_shape(first)));
            }
            s
        }
        other => shallow_shape(other),
    }
}

fn infer_fields(o: &serde_json::Map<String, Value>) -> Vec<Field> {
    let mut out = Vec::new();
    for (k, v) in o {
        if is_pattern_name(k) || k.is_empty() {
            continue;
        }
        out.push(Field {
            name: k.clone(),
            shape: infer_shape(v),
            ..Field::default()
        });
    }
    out
}

/// Names that describe a family of keys rather than one key.
fn is_pattern_name(name: &str) -> bool {
    name.contains("...")
        || name.contains('…')
        || name.chars().any(|c| {
            matches!(
                c,
                '*' | '{'
                    | '}'
                    | '<'
                    | '>'
                    | ' '
                    | '#'
                    | '|'
                    | '/'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '\n'
                    | '`'
                    | ','
            )
        })
}

/// `CALL_CARD`, `CRM_XXX_DETAIL_TAB`: upper case with at least one `_`.
fn is_placement_code(t: &str) -> bool {
    t.contains('_')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A "Method Parameters" section: the page documents a method.
fn has_sections_strict(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Heading { level: 2, text, .. } => {
            let t = text.to_ascii_lowercase();
            t.starts_with("method parameters") || t.starts_with("response handling")
        }
        _ => false,
    })
}

fn is_ident(s: &str) -> bool {
    b24_spec::names::is_ident(s)
}

/// The words of a page's file name (`.../on-voximplant-call-end.md`) joined
/// with `_`, when together they spell `code` (`ONVOXIMPLANTCALLEND`): the only
/// word boundaries of an all-caps code the docs may give.
pub(crate) fn slug_spelling(path: &str, code: &str) -> Option<String> {
    let stem = path.rsplit('/').next()?.strip_suffix(".md")?;
    let joined: String = stem.split('-').collect();
    (stem.contains('-')
        && joined.eq_ignore_ascii_case(code)
        && stem
            .split('-')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric())))
    .then(|| stem.replace('-', "_"))
}

fn is_iface_event_name(t: &str) -> bool {
    match t.split_once("::") {
        Some((a, b)) => is_ident(a) && is_ident(b),
        None => false,
    }
}

fn is_method_name(t: &str) -> bool {
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() >= 2
        && parts[0]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
        && parts.iter().all(|p| is_ident(p))
}

/// `ONCRMDEALADD`, `onCrmDealAdd`, `OnTaskAdd`, `CATALOG.PRICE.ON.ADD`.
fn is_event_code(t: &str) -> bool {
    let parts: Vec<&str> = t.split('.').collect();
    let b = t.as_bytes();
    !t.is_empty()
        && parts.iter().all(|p| is_ident(p))
        && ((b.len() > 3
            && b[..2].eq_ignore_ascii_case(b"on")
            && b[2].is_ascii_uppercase()
            && (b[1] == b'n' || t.chars().all(|c| !c.is_ascii_lowercase())))
            || (parts.len() > 2
                && parts.contains(&"ON")
                && t.chars().all(|c| !c.is_ascii_lowercase())))
}

/// The value of `"key": "..."` in text that is not valid JSON.
fn json_string_key(text: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    let p = text.find(&pat)?;
    let rest = text[p + pat.len()..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_owned())
}

/// The text between `open` and its matching `)`.
fn call_args<'a>(text: &'a str, open: &str) -> Option<&'a str> {
    let p = text.find(open)?;
    let body = &text[p + open.len()..];
    let mut depth = 1i32;
    let mut in_str: Option<char> = None;
    let mut esc = false;
    for (i, c) in body.char_indices() {
        if let Some(q) = in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == q {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&body[..i]);
                }
            }
            _ => {}
        }
    }
    None
}

fn matching_brace(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut in_str: Option<char> = None;
    let mut esc = false;
    for (i, c) in s.char_indices() {
        if let Some(q) = in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == q {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some(c),
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Turns a simple JS object literal (`{muted: true, 'a': 'b'}`) into JSON.
fn js_to_json(js: &str) -> Option<String> {
    let mut out = String::new();
    let chars: Vec<char> = js.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' || c == '"' {
            let q = c;
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != q {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    out.push(chars[i]);
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                if chars[i] == '"' {
                    out.push('\\');
                }
                out.push(chars[i]);
                i += 1;
            }
            out.push('"');
            i += 1;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let mut k = i;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            if k < chars.len() && chars[k] == ':' {
                out.push('"');
                out.push_str(&word);
                out.push('"');
            } else if matches!(word.as_str(), "true" | "false" | "null") {
                out.push_str(&word);
            } else {
                return None;
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    let v: Value = serde_json::from_str(&out).ok()?;
    serde_json::to_string(&v).ok()
}

/// The callback's first parameter name in `bindEvent('name', function (x)`.
fn bind_event_param(text: &str, name: &str) -> Option<String> {
    for q in ['\'', '"'] {
        let key = format!("bindEvent({q}{name}{q}");
        if let Some(p) = text.find(&key) {
            let after = &text[p + key.len()..];
            let after = after.trim_start().strip_prefix(',')?.trim_start();
            let after = after.strip_prefix("function").unwrap_or(after).trim_start();
            let after = after.strip_prefix('(')?;
            let end = after.find(')')?;
            let first = after[..end].split(',').next()?.trim();
            let first = first.split(':').next()?.trim();
            if is_ident(first) {
                return Some(first.to_owned());
            }
        }
    }
    None
}

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

fn map_one(p: &str) -> Option<Shape> {
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

const ENUM_TRIGGERS: &[&str] = &[
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

fn typed_values(raw: Vec<(String, Option<String>)>, ty: &str) -> Vec<EnumValue> {
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

/// Cleans a Markdown description: drops directives and link syntax, trims
/// lines and collapses blank runs.
pub(crate) fn clean_text(s: &str) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    for l in s.lines() {
        let t = l.trim_end();
        let tt = t.trim_start();
        if tt.starts_with("{%") && tt.ends_with("%}") {
            continue;
        }
        let p = md::plain(t);
        let p = if t.starts_with(' ') {
            // keep list indentation
            let lead = t.len() - tt.len();
            format!("{}{}", " ".repeat(lead.min(8)), p)
        } else {
            p
        };
        if p.trim().is_empty() {
            if out.last().is_some_and(|x| !x.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        out.push(p.trim_end().to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let s = out.join("\n");
    let s = s.trim_start_matches('\n').to_owned();
    (!s.trim().is_empty()).then_some(s)
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
    }
}
