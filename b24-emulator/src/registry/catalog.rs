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

fn load() -> Catalog {
    let parse = |(path, text): &(&str, &str)| b24_spec::parse(path, text).ok();
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
    let placements = PLACEMENT_FILES
        .iter()
        .filter_map(parse)
        .filter_map(|spec| spec.file.placement)
        .map(|p| {
            let scopes = p.scopes.into_iter().filter(|s| s != "placement").collect();
            (p.code.value, scopes)
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
