//! The b24 spec format: YAML files under `specs/` that describe placements
//! (interface events and commands), REST methods and REST events.
//!
//! [`parse`] reads one file and validates it; every problem is a
//! [`Diagnostic`] that points at `file:line:column` and says what was expected.
//! The format itself is documented in `specs/README.md`.
#![deny(missing_docs)]

mod conform;
mod model;
pub mod names;
mod validate;

use std::fmt;
use std::path::Path;

pub use conform::{conforms, fields_conform, scalar_fits};
pub use model::*;
pub use serde_saphyr::{Location, SerializeError, Spanned};

/// Writes `file` in the spec format, after `header` as `#` comment lines.
/// Parsing the text gives `file` back: the importer writes `specs/` with
/// it, so the YAML has one writer and one reader, both this model.
pub fn to_yaml(header: &str, file: &SpecFile) -> Result<String, SerializeError> {
    // lists indented under their key, like the hand-written specs; long
    // lines stay whole (URLs, one-line summaries), multi-line text is `|`
    let options = serde_saphyr::ser_options! {
        compact_list_indent: false,
        folded_wrap_chars: usize::MAX / 2,
    };
    let body = serde_saphyr::to_string_with_options(file, options)?;
    let mut out = String::new();
    for l in header.lines() {
        out.push_str("# ");
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(&body);
    Ok(out)
}

/// The builtin type names a field's `type` can use.
pub const BUILTIN_TYPES: &[&str] = &[
    "string", "integer", "number", "boolean", "date", "datetime", "object", "array", "any",
];

/// One problem in a spec, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (e.g. `specs/placements/call_card.yaml`).
    pub path: String,
    /// 1-based line; 0 when unknown.
    pub line: u64,
    /// 1-based column; 0 when unknown.
    pub column: u64,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        }
    }
}

/// Everything wrong with a spec file (at least one [`Diagnostic`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl Error {
    /// One diagnostic at `path:line:column` (0 for an unknown position).
    pub fn at(path: &str, line: u64, column: u64, message: impl Into<String>) -> Self {
        Error {
            diagnostics: vec![Diagnostic {
                path: path.to_owned(),
                line,
                column,
                message: message.into(),
            }],
        }
    }
}

/// A parsed and validated spec file.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The path used in diagnostics.
    pub path: String,
    /// The Rust module name (from `module:` or the file stem).
    pub module: String,
    /// The file's contents.
    pub file: SpecFile,
}

/// Parses and validates spec text. `path` is used in diagnostics and, through
/// its stem, as the default module name.
pub fn parse(path: &str, text: &str) -> Result<Spec, Error> {
    let duplicates = duplicate_keys(path, text);
    if !duplicates.is_empty() {
        return Err(Error {
            diagnostics: duplicates,
        });
    }
    let file: SpecFile = if text.trim().is_empty() {
        SpecFile::default()
    } else {
        serde_saphyr::from_str(text).map_err(|e| yaml_error(path, &e))?
    };
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("spec");
    let module = match &file.module {
        Some(m) => {
            if !names::is_ident(&m.value) || m.value.chars().any(|c| c.is_ascii_uppercase()) {
                return Err(Error::at(
                    path,
                    m.referenced.line(),
                    m.referenced.column(),
                    format!("module name `{}` is not a snake_case identifier", m.value),
                ));
            }
            m.value.clone()
        }
        None => names::snake(stem).ok_or_else(|| {
            Error::at(
                path,
                0,
                0,
                format!("the file name `{stem}` cannot become a module name; set `module:`"),
            )
        })?,
    };
    let diagnostics = validate::validate(path, &file);
    if !diagnostics.is_empty() {
        return Err(Error { diagnostics });
    }
    Ok(Spec {
        path: path.to_owned(),
        module,
        file,
    })
}

/// Reads and parses a spec file; `display` is the path shown in diagnostics.
pub fn load(path: &Path, display: &str) -> Result<Spec, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::at(display, 0, 0, format!("cannot read spec file: {e}")))?;
    parse(display, &text)
}

/// The Rust type name of a REST method that has no `rust_name:`; one rule
/// for REST v2 and REST 3.0 (specs/README.md, "Method names"): the wire
/// name without its scope prefix (the method's own `scope`, else the
/// file's), in UpperCamelCase; a REST 3.0 entry whose REST v2 twin (same
/// wire name) is in the same file gets `V3` appended. So `tasks.task.add` in
/// a `scope: tasks` file is `TaskAdd` for REST v2 and `TaskAddV3` for REST 3.0.
pub fn method_rust_name(
    wire: &str,
    own_scope: Option<&str>,
    file_scope: Option<&str>,
    v3_twin: bool,
) -> Option<String> {
    let strip = |scope: Option<&str>| {
        scope
            .and_then(|s| wire.strip_prefix(s))
            .and_then(|r| r.strip_prefix('.'))
            .filter(|r| !r.is_empty())
    };
    let rest = strip(own_scope)
        .or_else(|| strip(file_scope))
        .unwrap_or(wire);
    let base = names::camel(&rest.replace('.', "_"))?;
    Some(if v3_twin { format!("{base}V3") } else { base })
}

impl SpecFile {
    /// Whether `m` is a REST 3.0 entry with a REST v2 twin in this file.
    pub fn is_v3_twin(&self, m: &Method) -> bool {
        m.is_v3()
            && self
                .methods
                .iter()
                .any(|o| !o.is_v3() && o.name.value == m.name.value)
    }

    /// [`method_rust_name`] of one of this file's methods, without its
    /// `rust_name:`.
    pub fn derived_method_name(&self, m: &Method) -> Option<String> {
        method_rust_name(
            &m.name.value,
            m.scope.as_deref(),
            self.scope.as_deref(),
            self.is_v3_twin(m),
        )
    }
}

/// Every key written twice in one YAML mapping, reported at both places
/// (the parser alone names only its option). Syntax errors are left to the
/// deserializer, which reports them with their position.
fn duplicate_keys(path: &str, text: &str) -> Vec<Diagnostic> {
    use serde_saphyr::granit_parser::{Event, Parser};
    use std::collections::HashMap;

    enum Frame {
        Seq,
        /// Keys seen so far; whether the next node is a key.
        Map(HashMap<String, (u64, u64)>, bool),
    }
    let at = |line: u64, column: u64, message: String| Diagnostic {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let (line, column) = (span.start.line() as u64, span.start.col() as u64 + 1);
        // A node in a mapping alternates key, value; only scalar keys count.
        let mut key = None;
        if let Some(Frame::Map(_, next_is_key)) = stack.last_mut()
            && matches!(
                event,
                Event::Scalar(..)
                    | Event::Alias(_)
                    | Event::MappingStart(..)
                    | Event::SequenceStart(..)
            )
        {
            if *next_is_key && let Event::Scalar(k, ..) = &event {
                key = Some(k.to_string());
            }
            *next_is_key = !*next_is_key;
        }
        if let (Some(k), Some(Frame::Map(seen, _))) = (key, stack.last_mut()) {
            match seen.get(&k) {
                Some(&(l0, c0)) => {
                    out.push(at(
                        l0,
                        c0,
                        format!("duplicate key `{k}`: written again at line {line}, column {column}; expected each key once"),
                    ));
                    out.push(at(
                        line,
                        column,
                        format!("duplicate key `{k}` (first at line {l0}, column {c0}); expected each key once"),
                    ));
                }
                None => {
                    seen.insert(k, (line, column));
                }
            }
        }
        match event {
            Event::MappingStart(..) => stack.push(Frame::Map(HashMap::new(), true)),
            Event::SequenceStart(..) => stack.push(Frame::Seq),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    out.sort_by_key(|d| (d.line, d.column));
    out
}

fn yaml_error(path: &str, e: &serde_saphyr::Error) -> Error {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((0, 0));
    let opts = serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
    let mut message = e.render_with_options(opts);
    // The renderer appends its own position; ours is in front already.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    // Say what was expected in the spec's terms, not the parser's.
    for (parser, ours) in [
        ("expected sequence start", "expected a list"),
        ("expected mapping start", "expected a map of keys"),
        ("expected string scalar", "expected a string"),
    ] {
        if message.trim() == parser {
            message = format!("invalid value: {ours}");
        }
    }
    Error::at(path, line, column, message.trim().to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn duplicate_key_at_both_lines() {
        let text = "scope: crm\nmethods:\n  - name: a.b\n    summary: x\n    name: a.c\n";
        let e = crate::parse("specs/x.yaml", text).unwrap_err();
        let lines: Vec<_> = e.diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(lines, [(3, 5), (5, 5)], "{e}");
        assert!(e.to_string().contains("duplicate key `name`"), "{e}");
        // Same key in different mappings is fine.
        let ok = "scope: crm\nmethods:\n  - name: a.b\n  - name: a.c\n";
        crate::parse("specs/x.yaml", ok).unwrap();
    }
}
