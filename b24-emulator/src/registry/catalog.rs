//! The `events` and `placement.list` catalogs, read from the embedded event
//! and placement specs (the docs' event pages and `widgets/placements.md`
//! entries) rather than kept as hand lists.

use std::sync::OnceLock;

use super::{EVENT_FILES, PLACEMENT_FILES};

/// Event codes and placement codes with the scopes that grant them.
pub(crate) struct Catalog {
    /// (event code in upper case, its scope).
    pub events: Vec<(String, String)>,
    /// (placement code, the scopes of its page other than `placement`
    /// itself; none for a global placement).
    pub placements: Vec<(String, Vec<String>)>,
}

pub(crate) fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(load)
}

/// The placement specs, parsed once for both `placement.list` and the portal
/// page's placement interfaces; a file that fails to parse is skipped with a
/// warning.
pub(crate) fn placement_specs() -> &'static [b24_spec::Placement] {
    static SPECS: OnceLock<Vec<b24_spec::Placement>> = OnceLock::new();
    SPECS.get_or_init(|| {
        PLACEMENT_FILES
            .iter()
            .filter_map(parse)
            .filter_map(|spec| spec.file.placement)
            .collect()
    })
}

fn parse((path, text): &(&str, &str)) -> Option<b24_spec::Spec> {
    b24_spec::parse(path, text)
        .map_err(|e| tracing::warn!("catalog: {path} skipped: {e}"))
        .ok()
}

fn load() -> Catalog {
    let mut events: Vec<(String, String)> = Vec::new();
    for spec in EVENT_FILES.iter().filter_map(parse) {
        let file_scope = spec.file.scope.clone().unwrap_or_default();
        for e in &spec.file.events {
            let code = e.code.value.to_uppercase();
            if !events.iter().any(|(c, _)| *c == code) {
                let scope = e.scope.clone().unwrap_or_else(|| file_scope.clone());
                events.push((code, scope));
            }
        }
    }
    let placements = placement_specs()
        .iter()
        .map(|p| {
            let scopes = p.scopes.iter().filter(|s| *s != "placement").cloned();
            (p.code.value.clone(), scopes.collect())
        })
        .collect();
    Catalog { events, placements }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogs_come_from_the_specs() {
        let c = catalog();
        assert!(
            c.events
                .iter()
                .any(|(code, scope)| code == "ONCRMDEALADD" && scope == "crm"),
            "{:?}",
            &c.events[..c.events.len().min(5)]
        );
        assert!(
            c.placements
                .iter()
                .any(|(code, scopes)| code == "TASK_VIEW_TAB" && scopes.iter().any(|s| s == "task"))
        );
    }
}
