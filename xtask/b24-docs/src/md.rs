//! A line-based reader for the YFM (Yandex Flavored Markdown) dialect of the
//! Bitrix24 docs: headings with `{#anchor}`, fenced code, `#| ... |#` tables,
//! `{% ... %}` directives and plain text. It never fails: whatever it does
//! not understand becomes text, and malformed tables produce warnings.

use crate::Warning;

/// One source line, with its 1-based line number in the page.
#[derive(Debug, Clone)]
pub struct SrcLine {
    /// The text, without the line break.
    pub text: String,
    /// 1-based line in the page (an included file's lines carry the line of
    /// the `{% include %}` directive).
    pub line: u32,
}

/// A block of a page.
#[derive(Debug, Clone)]
pub enum Block {
    /// `## Title {#anchor}`.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The title without `#`s and without the anchor.
        text: String,
        /// The `{#anchor}`, if any.
        anchor: Option<String>,
        /// Source line.
        line: u32,
    },
    /// A fenced code block.
    Code {
        /// The info string (`json`, `js`, ...), lower case.
        lang: String,
        /// The content, dedented.
        text: String,
        /// Source line of the opening fence.
        line: u32,
    },
    /// A `#| ... |#` table.
    Table(Table),
    /// A `{% ... %}` directive line (`note`, `endnote`, `list tabs`, ...).
    Directive {
        /// The text between `{%` and `%}`, trimmed.
        text: String,
        /// Source line.
        line: u32,
    },
    /// A line of text (blank lines included, as empty text).
    Text {
        /// The line as written.
        text: String,
        /// Source line.
        line: u32,
    },
}

/// A YFM table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Rows in order; the first is usually the header.
    pub rows: Vec<Row>,
    /// Source line of `#|`.
    pub line: u32,
}

/// A table row.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// Cells in order.
    pub cells: Vec<Cell>,
    /// Source line where the row starts.
    pub line: u32,
}

/// A table cell: raw Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// The cell text, trimmed.
    pub text: String,
    /// Source line where the cell starts.
    pub line: u32,
}

/// Splits text into lines numbered from 1.
pub fn lines(text: &str) -> Vec<SrcLine> {
    text.lines()
        .enumerate()
        .map(|(i, l)| SrcLine {
            text: l.to_owned(),
            line: u32::try_from(i + 1).unwrap_or(u32::MAX),
        })
        .collect()
}

/// Parses lines into blocks. Problems become `warnings` tagged with `page`.
pub fn blocks(lines: &[SrcLine], page: &str, warnings: &mut Vec<Warning>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let trimmed = l.text.trim_start();
        let indent = l.text.len() - trimmed.len();
        if let Some(fence) = fence_of(trimmed) {
            let lang = trimmed[fence.len()..]
                .trim()
                .split(|c: char| c.is_whitespace() || c == '{')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let mut body = Vec::new();
            let mut j = i + 1;
            let mut closed = false;
            while j < lines.len() {
                let t = lines[j].text.trim_start();
                if t.starts_with(fence.as_str()) && t[fence.len()..].trim().is_empty() {
                    closed = true;
                    break;
                }
                body.push(dedent(&lines[j].text, indent));
                j += 1;
            }
            if !closed {
                warnings.push(Warning::new(page, l.line, "unterminated code block"));
            }
            out.push(Block::Code {
                lang,
                text: body.join("\n"),
                line: l.line,
            });
            i = j + 1;
            continue;
        }
        if trimmed.starts_with("#|") {
            let (table, next) = table_block(lines, i, page, warnings);
            out.push(Block::Table(table));
            i = next;
            continue;
        }
        if let Some(h) = heading(trimmed) {
            out.push(Block::Heading {
                level: h.0,
                text: h.1,
                anchor: h.2,
                line: l.line,
            });
            i += 1;
            continue;
        }
        if let Some(d) = trimmed.strip_prefix("{%")
            && let Some(end) = d.find("%}")
            && d[end + 2..].trim().is_empty()
        {
            out.push(Block::Directive {
                text: d[..end].trim().to_owned(),
                line: l.line,
            });
            i += 1;
            continue;
        }
        out.push(Block::Text {
            text: l.text.clone(),
            line: l.line,
        });
        i += 1;
    }
    out
}

/// The fence (``` or ~~~, possibly longer) opening a code block.
fn fence_of(trimmed: &str) -> Option<String> {
    for ch in ['`', '~'] {
        let n = trimmed.chars().take_while(|&c| c == ch).count();
        if n >= 3 {
            let rest = &trimmed[n..];
            // An inline span like ```a|b``` on one line is not a fence.
            if ch == '`' && rest.contains('`') {
                return None;
            }
            return Some(std::iter::repeat_n(ch, n).collect());
        }
    }
    None
}

fn dedent(s: &str, n: usize) -> String {
    let lead = s.len() - s.trim_start_matches(' ').len();
    s[lead.min(n)..].to_owned()
}

/// `## Title {#anchor}` → (level, title, anchor).
fn heading(trimmed: &str) -> Option<(u8, String, Option<String>)> {
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.starts_with(' ') {
        return None;
    }
    let mut text = rest.trim().to_owned();
    let mut anchor = None;
    if let Some(start) = text.rfind("{#")
        && let Some(len) = text[start..].find('}')
    {
        let a = text[start + 2..start + len].trim().to_owned();
        if !a.is_empty() {
            anchor = Some(a);
        }
        text = format!("{}{}", &text[..start], &text[start + len + 1..])
            .trim()
            .to_owned();
    }
    Some((u8::try_from(level).unwrap_or(6), text, anchor))
}

/// Reads a table starting at `lines[start]` (the `#|` line). Returns the
/// table and the index of the first line after it.
fn table_block(
    lines: &[SrcLine],
    start: usize,
    page: &str,
    warnings: &mut Vec<Warning>,
) -> (Table, usize) {
    // Collect the text up to the matching `|#`, counting nested tables and
    // skipping code.
    let mut chars: Vec<(char, u32)> = Vec::new();
    let mut depth = 0usize;
    let mut j = start;
    let mut end = None;
    let mut in_fence = false;
    let base_indent = lines[start].text.len() - lines[start].text.trim_start().len();
    'outer: while j < lines.len() {
        let text = &lines[j].text;
        let t = text.trim_start();
        let indent = text.len() - t.len();
        let is_fence = t.starts_with("```") && !t[3..].trim_start_matches('`').contains('`');
        if is_fence {
            in_fence = !in_fence;
        }
        if !in_fence && !is_fence {
            let b = text.as_bytes();
            let mut k = 0;
            while k + 1 < b.len() {
                if b[k] == b'`' {
                    // skip an inline code span on this line
                    let run = b[k..].iter().take_while(|&&c| c == b'`').count();
                    let close = find_run(&b[k + run..], run);
                    k += run + close.map(|c| c + run).unwrap_or(0);
                    continue;
                }
                if b[k] == b'#' && b[k + 1] == b'|' {
                    depth += 1;
                    k += 2;
                    continue;
                }
                if b[k] == b'|' && b[k + 1] == b'#' && (k == 0 || b[k - 1] != b'\\') {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        let from = if j == start {
                            indent + 2
                        } else {
                            dedent_len(text, base_indent)
                        };
                        for c in text[from.min(k)..k].chars() {
                            chars.push((c, lines[j].line));
                        }
                        end = Some(j);
                        break 'outer;
                    }
                    k += 2;
                    continue;
                }
                k += 1;
            }
        }
        let body = if j == start {
            // drop the opening `#|`
            &text[indent + 2..]
        } else {
            &text[dedent_len(text, base_indent)..]
        };
        for c in body.chars() {
            chars.push((c, lines[j].line));
        }
        chars.push(('\n', lines[j].line));
        j += 1;
    }
    let line = lines[start].line;
    let next = match end {
        Some(e) => e + 1,
        None => {
            warnings.push(Warning::new(
                page,
                line,
                "table `#|` is never closed with `|#`",
            ));
            lines.len()
        }
    };
    let rows = split_rows(&chars, page, warnings);
    (Table { rows, line }, next)
}

fn dedent_len(s: &str, n: usize) -> usize {
    let lead = s.len() - s.trim_start_matches(' ').len();
    lead.min(n)
}

fn find_run(b: &[u8], run: usize) -> Option<usize> {
    let mut k = 0;
    while k < b.len() {
        if b[k] == b'`' {
            let r = b[k..].iter().take_while(|&&c| c == b'`').count();
            if r == run {
                return Some(k);
            }
            k += r;
        } else if b[k] == b'\n' && run < 3 {
            return None;
        } else {
            k += 1;
        }
    }
    None
}

/// Splits the table text into rows and cells: `||` opens and closes a row,
/// `|` separates cells; code spans, `\|` and nested tables are literal.
fn split_rows(chars: &[(char, u32)], page: &str, warnings: &mut Vec<Warning>) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut row: Option<Row> = None;
    let mut cell = String::new();
    let mut cell_line = 0;
    let mut i = 0;
    let mut code_run = 0usize; // backticks of the open code span, 0 when none
    let mut depth = 0usize;
    let push_cell = |row: &mut Row, cell: &mut String, line: u32| {
        row.cells.push(Cell {
            text: cell.trim().to_owned(),
            line,
        });
        cell.clear();
    };
    while i < chars.len() {
        let (c, line) = chars[i];
        let next = chars.get(i + 1).map(|x| x.0);
        if c == '`' {
            let run = chars[i..].iter().take_while(|x| x.0 == '`').count();
            if code_run == 0 {
                code_run = run;
            } else if run == code_run {
                code_run = 0;
            }
            if row.is_some() {
                cell.extend(std::iter::repeat_n('`', run));
            }
            i += run;
            continue;
        }
        if code_run > 0 {
            if c == '\n' && code_run < 3 {
                // inline code does not span lines here; recover
                let blank_follows = chars[i + 1..]
                    .iter()
                    .take_while(|x| x.0 != '\n')
                    .all(|x| x.0.is_whitespace());
                if blank_follows {
                    code_run = 0;
                }
            }
            if row.is_some() {
                cell.push(c);
            }
            i += 1;
            continue;
        }
        if c == '\\' && next == Some('|') {
            if row.is_some() {
                cell.push('|');
            }
            i += 2;
            continue;
        }
        if c == '#' && next == Some('|') {
            depth += 1;
            if row.is_some() {
                cell.push_str("#|");
            }
            i += 2;
            continue;
        }
        if depth > 0 {
            if c == '|' && next == Some('#') {
                depth -= 1;
                if row.is_some() {
                    cell.push_str("|#");
                }
                i += 2;
                continue;
            }
            if row.is_some() {
                cell.push(c);
            }
            i += 1;
            continue;
        }
        if c == '|' && next == Some('|') {
            match row.take() {
                None => {
                    row = Some(Row {
                        cells: Vec::new(),
                        line,
                    });
                    cell.clear();
                    cell_line = line;
                }
                Some(mut r) => {
                    push_cell(&mut r, &mut cell, cell_line);
                    rows.push(r);
                }
            }
            i += 2;
            continue;
        }
        if c == '|' {
            match row.as_mut() {
                Some(r) => {
                    push_cell(r, &mut cell, cell_line);
                    cell_line = line;
                }
                None => warnings.push(Warning::new(page, line, "stray `|` outside a table row")),
            }
            i += 1;
            continue;
        }
        if let Some(_r) = row.as_ref() {
            if cell.trim().is_empty() && !c.is_whitespace() {
                cell_line = line;
            }
            cell.push(c);
        } else if !c.is_whitespace() {
            warnings.push(Warning::new(
                page,
                line,
                "text outside a table row (expected `||`)",
            ));
            // skip to the end of this line to report once per line
            while i < chars.len() && chars[i].0 != '\n' {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    if let Some(mut r) = row {
        warnings.push(Warning::new(
            page,
            r.line,
            "table row is not closed with `||`",
        ));
        push_cell(&mut r, &mut cell, cell_line);
        rows.push(r);
    }
    rows
}

/// Markdown links `[text](target)` in `s`: (text, target).
pub fn links(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b']' && b.get(i + 1) == Some(&b'(') {
            // find the opening bracket
            let mut depth = 0i32;
            let mut start = None;
            let mut k = i;
            while k > 0 {
                k -= 1;
                match b[k] {
                    b']' => depth += 1,
                    b'[' if depth == 0 => {
                        start = Some(k);
                        break;
                    }
                    b'[' => depth -= 1,
                    _ => {}
                }
            }
            if let Some(close) = s[i + 2..].find(')') {
                let target = s[i + 2..i + 2 + close].trim();
                let target = target.split_whitespace().next().unwrap_or("");
                let text = start.map(|st| s[st + 1..i].to_owned()).unwrap_or_default();
                out.push((text, target.to_owned()));
                i = i + 2 + close + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Removes Markdown link syntax (`[text](url)` → `text`), `{.b24-info}`
/// attributes and surrounding whitespace.
pub fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // find matching close bracket followed by '('
        let mut depth = 0i32;
        let mut close = None;
        for (k, ch) in after.char_indices() {
            match ch {
                '[' => depth += 1,
                ']' if depth == 0 => {
                    close = Some(k);
                    break;
                }
                ']' => depth -= 1,
                _ => {}
            }
        }
        match close {
            Some(k) if after[k + 1..].starts_with('(') => match after[k + 2..].find(')') {
                Some(p) => {
                    out.push_str(&plain(&after[..k]));
                    rest = &after[k + 2 + p + 1..];
                }
                None => {
                    out.push('[');
                    rest = after;
                }
            },
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("{.b24-info}", "").trim().to_owned()
}

/// The code spans (backtick-quoted parts) of `s`, in order.
pub fn code_spans(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let run = b[i..].iter().take_while(|&&c| c == b'`').count();
            let body_start = i + run;
            let mut k = body_start;
            let mut found = None;
            while k < b.len() {
                if b[k] == b'`' {
                    let r = b[k..].iter().take_while(|&&c| c == b'`').count();
                    if r == run {
                        found = Some(k);
                        break;
                    }
                    k += r;
                } else {
                    k += 1;
                }
            }
            match found {
                Some(k) => {
                    out.push(s[body_start..k].trim().to_owned());
                    i = k + run;
                }
                None => break,
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_table() {
        let text = "#|\n|| **Name**\n`type` | **Description** ||\n|| **a***\n[`string`](x.md) | A `b|c` \\| d ||\n|#\n";
        let mut w = Vec::new();
        let b = blocks(&lines(text), "p", &mut w);
        assert!(w.is_empty(), "{w:?}");
        let Block::Table(t) = &b[0] else {
            panic!("not a table: {b:?}")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[0].text, "**a***\n[`string`](x.md)");
        assert_eq!(t.rows[1].cells[1].text, "A `b|c` | d");
        assert_eq!(t.rows[1].line, 4);
    }

    #[test]
    fn plain_strips_links() {
        assert_eq!(plain("see [user.get](../user.md) now"), "see user.get now");
        assert_eq!(links("a [b](#c) d"), vec![("b".into(), "#c".into())]);
        assert_eq!(code_spans("[```a|b```](x)"), vec!["a|b".to_owned()]);
    }
}
