//! b24-docs: imports b24 specs from the official Bitrix24 REST documentation.
//!
//! The docs are Markdown in the YFM dialect. The importer reads every page,
//! parses it line by line ([`md`]), decides from its structure what it
//! describes ([`page`]: REST method, REST event, JS interface event or
//! command), keeps what it found with the importer's bookkeeping ([`ir`]),
//! and builds [`b24_spec`] model values from it ([`emit`]) that
//! [`b24_spec::to_yaml`] writes, one file per docs section, plus a coverage
//! report that lists every page.
//!
//! ```no_run
//! let out = b24_docs::import(std::path::Path::new("docs")).unwrap();
//! out.write(std::path::Path::new("specs"), None).unwrap();
//! ```
#![deny(missing_docs)]

pub mod emit;
pub mod figures;
pub mod ir;
pub mod md;
pub mod page;
pub mod reconcile;

mod importer;
mod layout;
mod overview;
mod report;

pub(crate) use importer::*;
pub use importer::{Importer, import_pages};
pub(crate) use layout::*;
pub(crate) use overview::*;
pub(crate) use report::*;
pub use report::{FromOverview, MissingLink, Output, Stats, Status};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use ir::{Entry, Kind};
use page::{Analysis, Parsed};
use std::rc::Rc;

/// A problem found in a page, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The page, relative to the docs root.
    pub page: String,
    /// 1-based line.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

impl Warning {
    /// A warning at `page:line`.
    pub fn new(page: &str, line: u32, message: impl Into<String>) -> Self {
        Warning {
            page: page.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.page, self.line, self.message)
    }
}

/// Imports a whole docs tree in one go.
pub fn import(root: &Path) -> std::io::Result<Output> {
    let mut imp = Importer::new(root)?;
    for p in imp.pages().to_vec() {
        imp.import_page(&p);
    }
    Ok(imp.finish())
}
