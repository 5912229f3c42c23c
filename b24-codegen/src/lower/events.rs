//! REST events delivered to a handler URL.

use b24_spec::names;

use super::{Lower, docs};
use crate::Error;
use crate::ir::{Dir, RestEvent, RestEvents};

impl Lower<'_> {
    pub(super) fn event_name(&self, e: &b24_spec::RestEvent) -> Result<String, Error> {
        self.rust_name(
            e.rust_name.as_ref(),
            &e.code,
            names::camel(&e.code.value),
            "event code",
        )
    }

    /// The file's REST events; `None` when it has none.
    pub(super) fn rest_events(&mut self) -> Result<Option<RestEvents>, Error> {
        let spec = self.spec;
        if spec.file.events.is_empty() {
            return Ok(None);
        }
        let mut events = Vec::with_capacity(spec.file.events.len());
        for e in &spec.file.events {
            let name = self.event_name(e)?;
            let base = name
                .strip_prefix("On")
                .filter(|s| !s.is_empty())
                .unwrap_or(&name);
            events.push(RestEvent {
                code: e.code.value.to_ascii_uppercase(),
                handler: names::handler_method(base),
                docs: docs(&e.docs),
                scope: self.scope(e.scope.as_deref()),
                data: self.fields(&e.data, &name, Dir::In)?,
                name,
            });
        }
        Ok(Some(RestEvents {
            set: spec
                .file
                .scope
                .clone()
                .unwrap_or_else(|| spec.module.clone()),
            events,
        }))
    }
}
