//! The parsed page: its blocks and sections, the header lines (scope, who),
//! the summary, links between pages, overview tables, and how names look.

use super::*;

/// The heading above the page's first table, when that table is the first
/// one after the heading (the page is about one object).
pub(super) fn first_table_heading(doc: &Parsed) -> Option<usize> {
    let t = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)))?;
    doc.blocks[..t]
        .iter()
        .rposition(|b| matches!(b, Block::Heading { .. }))
}

/// Blocks of the section opened by heading `h`, subsections included.
pub(super) fn section_in(blocks: &[Block], h: usize) -> std::ops::Range<usize> {
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
pub(super) fn own_in(blocks: &[Block], h: usize) -> std::ops::Range<usize> {
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

/// The docs URL of a page.
pub fn docs_url(page: &str) -> String {
    format!(
        "https://apidocs.bitrix24.com/{}",
        page.strip_suffix(".md")
            .map(|p| format!("{p}.html"))
            .unwrap_or_else(|| page.to_owned())
    )
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
pub(super) fn header_of<'b>(
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

/// Names that describe a family of keys rather than one key.
pub(super) fn is_pattern_name(name: &str) -> bool {
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
pub(super) fn is_placement_code(t: &str) -> bool {
    t.contains('_')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A "Method Parameters" section: the page documents a method.
pub(super) fn has_sections_strict(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Heading { level: 2, text, .. } => {
            let t = text.to_ascii_lowercase();
            t.starts_with("method parameters") || t.starts_with("response handling")
        }
        _ => false,
    })
}

pub(super) fn is_ident(s: &str) -> bool {
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

pub(super) fn is_iface_event_name(t: &str) -> bool {
    match t.split_once("::") {
        Some((a, b)) => is_ident(a) && is_ident(b),
        None => false,
    }
}

pub(super) fn is_method_name(t: &str) -> bool {
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() >= 2
        && parts[0]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
        && parts.iter().all(|p| is_ident(p))
}

/// `ONCRMDEALADD`, `onCrmDealAdd`, `OnTaskAdd`, `CATALOG.PRICE.ON.ADD`.
pub(super) fn is_event_code(t: &str) -> bool {
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

impl Ctx<'_> {
    pub(super) fn all_text(&self) -> String {
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
    pub(super) fn header(&self) -> (Vec<String>, Option<String>) {
        header_of(self.doc.blocks.iter(), false)
    }

    /// The first paragraph after the title.
    pub(super) fn summary(&self) -> Option<String> {
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

    pub(super) fn docs(&self, who: Option<String>) -> Docs {
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
    pub(super) fn is_rest_v3(&self) -> bool {
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

    pub(super) fn h2(&self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.heading(2, pred)
    }

    /// The first heading of `level` whose lower-cased text satisfies `pred`.
    pub(super) fn heading(&self, level: u8, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.doc.blocks.iter().position(|b| match b {
            Block::Heading { level: l, text, .. } if *l == level => {
                pred(&text.to_ascii_lowercase())
            }
            _ => false,
        })
    }

    /// Blocks of the section opened by heading `h`, subsections included.
    pub(super) fn section(&self, h: usize) -> std::ops::Range<usize> {
        section_in(&self.doc.blocks, h)
    }

    /// Blocks up to the next heading of any level.
    pub(super) fn own(&self, h: usize) -> std::ops::Range<usize> {
        own_in(&self.doc.blocks, h)
    }
}
