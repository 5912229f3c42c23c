//! The portal's own families in the one entity store ([`State::entities`]):
//! tasks, external calls, event handlers and placements keep their records
//! there beside the CRUD families of the specs, under the names of their
//! methods, with the store's IDs and its filter and list code. A family
//! whose rows have a typed view (an [`ExternalCall`], an [`EventHandler`],
//! a [`Placement`]) maps it to and from a record here, with `UPPER_SNAKE`
//! keys so v2 filters (`{"event": ...}`, `{"PLACEMENT": ...}`) name them.

use std::sync::OnceLock;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::State;
use crate::store::{Cond, Record, Store};

/// `tasks.task.*`, REST v2 and 3.0 alike (camelCase records).
pub(crate) const TASKS: &str = "tasks.task";
/// `telephony.externalcall.*` ([`ExternalCall`](super::ExternalCall)).
pub(crate) const CALLS: &str = "telephony.externalcall";
/// The rows of `voximplant.statistic.get`: one a finished external call.
pub(crate) const STATISTICS: &str = "voximplant.statistic";
/// `event.bind` registrations ([`EventHandler`](super::EventHandler)).
pub(crate) const EVENT_HANDLERS: &str = "event";
/// The queue of `event.offline.get`: one record an event for an offline
/// handler, with `PROCESS_ID` (empty while waiting), `ERROR` and
/// `CONNECTOR_ID` beside the fields the methods show.
pub(crate) const OFFLINE_EVENTS: &str = "event.offline";
/// `placement.bind` registrations ([`Placement`](super::Placement)).
pub(crate) const PLACEMENTS: &str = "placement";

impl State {
    /// A family's store, to read (empty while nothing was written).
    pub(crate) fn family(&self, name: &str) -> &Store {
        static EMPTY: OnceLock<Store> = OnceLock::new();
        self.entities
            .get(name)
            .unwrap_or_else(|| EMPTY.get_or_init(Store::generic))
    }

    /// A family's store, to change.
    pub(crate) fn family_mut(&mut self, name: &str) -> &mut Store {
        self.entities
            .entry(name.to_owned())
            .or_insert_with(Store::generic)
    }

    /// The rows of a family matching `filter`, ascending by ID, each with its
    /// ID. A record that does not read as `T` is skipped with a warning.
    pub(crate) fn rows<T: DeserializeOwned>(&self, family: &str, filter: &[Cond]) -> Vec<(u64, T)> {
        let store = self.family(family);
        store
            .ids(filter)
            .into_iter()
            .filter_map(|id| {
                let rec = store.record(id)?;
                match serde_json::from_value(Value::Object(rec.clone())) {
                    Ok(row) => Some((id, row)),
                    Err(e) => {
                        tracing::warn!(family, id, error = %e, "unreadable record");
                        None
                    }
                }
            })
            .collect()
    }

    /// The first row of [`State::rows`].
    pub(crate) fn row<T: DeserializeOwned>(
        &self,
        family: &str,
        filter: &[Cond],
    ) -> Option<(u64, T)> {
        self.rows(family, filter).into_iter().next()
    }

    /// Adds a row to a family; returns its ID. (A generic store stamps no
    /// user or date, so none is passed.)
    pub(crate) fn insert<T: Serialize>(&mut self, family: &str, row: &T) -> u64 {
        let rec = record_of(row);
        self.family_mut(family).add(&rec, 0, 0)
    }

    /// Writes a row's fields over its record; false when there is none.
    pub(crate) fn put<T: Serialize>(&mut self, family: &str, id: u64, row: &T) -> bool {
        let rec = record_of(row);
        self.family_mut(family).update(id, &rec, 0, 0)
    }

    /// Deletes the rows of a family matching `filter`; returns how many.
    pub(crate) fn remove(&mut self, family: &str, filter: &[Cond]) -> usize {
        let store = self.family_mut(family);
        let ids = store.ids(filter);
        ids.iter().filter(|id| store.delete(**id)).count()
    }
}

/// A typed row as a record (its fields; the store adds `ID`).
fn record_of<T: Serialize>(row: &T) -> Record {
    match serde_json::to_value(row) {
        Ok(Value::Object(m)) => m,
        _ => Record::new(),
    }
}
