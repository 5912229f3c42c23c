//! The task store (state layer); the `tasks.task.*` handlers live in
//! `handlers::tasks`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The task store.
#[derive(Debug, Default)]
pub(crate) struct Tasks {
    pub rows: BTreeMap<u64, Map<String, Value>>,
    pub last_id: u64,
}
