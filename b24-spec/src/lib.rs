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
