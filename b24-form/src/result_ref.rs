//! `$result[name][field]...`: references from one `batch` command to the
//! results of an earlier one (`settings/how-to-call-rest-api/batch.md`).
//!
//! The portal replaces a reference in a command's parameters with the value
//! it names. Besides `$result`, a reference may read `$result_error`,
//! `$result_total`, `$result_next` or `$result_time` of a command.
//!
//! ```
//! use b24_form::result_ref::{self, Source};
//! let r = result_ref::parse("$result[get_user][UF_DEPARTMENT][0]").unwrap();
//! assert_eq!((r.source, r.command, r.path), (Source::Result, "get_user", vec!["UF_DEPARTMENT", "0"]));
//! assert!(result_ref::parse("$result[a b]").is_none());
//! let found = result_ref::find("id=$result[a][0][ID];t=$result_total[a]");
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[1].1.source, Source::Total);
//! ```
//!
//! The grammar is strict: a command name is `[A-Za-z0-9_]+`, and a path part
//! is non-empty and holds none of `[ ] $ & = # ` and space, so a reference left
//! unescaped in a query string ([`EncodeOptions::raw_result_refs`]) cannot
//! end its pair or start another.
//!
//! [`EncodeOptions::raw_result_refs`]: crate::EncodeOptions::raw_result_refs

use std::ops::Range;

/// Which per-command list of a batch response a reference reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// `$result`: the command's `result`.
    Result,
    /// `$result_error`: its error entry.
    Error,
    /// `$result_total`: its `total`.
    Total,
    /// `$result_next`: its `next`.
    Next,
    /// `$result_time`: its `time`.
    Time,
}

impl Source {
    /// The reference's base word, without `$` (`result`, `result_total`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Source::Result => "result",
            Source::Error => "result_error",
            Source::Total => "result_total",
            Source::Next => "result_next",
            Source::Time => "result_time",
        }
    }

    fn from_name(s: &str) -> Option<Source> {
        Some(match s {
            "result" => Source::Result,
            "result_error" => Source::Error,
            "result_total" => Source::Total,
            "result_next" => Source::Next,
            "result_time" => Source::Time,
            _ => return None,
        })
    }
}

/// A parsed reference, borrowing from the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRef<'a> {
    /// What it reads.
    pub source: Source,
    /// The command it refers to.
    pub command: &'a str,
    /// The keys and indexes below the command's value.
    pub path: Vec<&'a str>,
}

/// Parses `s` when all of it is one reference.
pub fn parse(s: &str) -> Option<ResultRef<'_>> {
    match read(s, 0) {
        Some((r, end)) if end == s.len() => Some(r),
        _ => None,
    }
}

/// Whether all of `s` is one reference.
pub fn is_ref(s: &str) -> bool {
    parse(s).is_some()
}

/// Every reference inside `s`, with the byte range it spans, in order.
pub fn find(s: &str) -> Vec<(Range<usize>, ResultRef<'_>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = s[from..].find('$') {
        let start = from + at;
        match read(s, start) {
            Some((r, end)) => {
                out.push((start..end, r));
                from = end;
            }
            None => from = start + 1,
        }
    }
    out
}

/// Reads the longest reference starting at byte `start` (a `$`); returns it
/// and the byte where it ends.
fn read(s: &str, start: usize) -> Option<(ResultRef<'_>, usize)> {
    let rest = s.get(start..)?.strip_prefix('$')?;
    let base_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let source = Source::from_name(&rest[..base_len])?;
    let mut pos = start + 1 + base_len;
    let mut parts = Vec::new();
    while let Some(inner) = s[pos..].strip_prefix('[') {
        let Some(close) = inner.find(']') else { break };
        let part = &inner[..close];
        if part.is_empty() || part.contains(['[', '$', '&', '=', '#', ' ']) {
            break;
        }
        parts.push(part);
        pos += close + 2;
    }
    let (command, path) = parts.split_first()?;
    if !command
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return None;
    }
    Some((
        ResultRef {
            source,
            command,
            path: path.to_vec(),
        },
        pos,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_references() {
        assert_eq!(
            parse("$result[a_1][items][49][id]"),
            Some(ResultRef {
                source: Source::Result,
                command: "a_1",
                path: vec!["items", "49", "id"]
            })
        );
        assert_eq!(parse("$result[a]").map(|r| r.path.len()), Some(0));
        assert_eq!(
            parse("$result_next[a]").map(|r| r.source),
            Some(Source::Next)
        );
        for bad in [
            "$result[a]x",
            "$result[]",
            "$result",
            "$results[a]",
            "$result[a][]",
            "$result[a][b c]",
            "$result[a-b]",
            "result[a]",
            "$result[a][x&y=1]",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn references_inside_text() {
        let s = "id=$result[b][items][0][id];t=$result_total[a]; $ $result[] $x[1]";
        let found = find(s);
        assert_eq!(found.len(), 2);
        assert_eq!(&s[found[0].0.clone()], "$result[b][items][0][id]");
        assert_eq!(found[0].1.path, vec!["items", "0", "id"]);
        assert_eq!(&s[found[1].0.clone()], "$result_total[a]");
        assert!(find("").is_empty());
        assert!(find("$").is_empty());
    }
}
