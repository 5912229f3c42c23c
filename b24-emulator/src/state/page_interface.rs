//! The placement interfaces the portal page answers, from the embedded
//! `specs/placements/*.yaml`: for each placement that documents interface
//! events or commands, its event names and, per command, whether its callback
//! repeats and the documented result the page answers with.

use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use crate::registry::catalog::placement_specs;

struct Interface {
    code: String,
    events: Vec<String>,
    /// Name, repeats, result.
    commands: Vec<(String, bool, Value)>,
}

fn all() -> &'static [Interface] {
    static ALL: OnceLock<Vec<Interface>> = OnceLock::new();
    ALL.get_or_init(|| {
        placement_specs()
            .iter()
            .filter(|p| !p.events.is_empty() || !p.commands.is_empty())
            .map(|p| Interface {
                code: p.code.value.clone(),
                events: p.events.iter().map(|e| e.name.value.clone()).collect(),
                commands: p
                    .commands
                    .iter()
                    .map(|c| (c.name.value.clone(), c.repeats, documented_result(c)))
                    .collect(),
            })
            .collect()
    })
}

/// The first documented result; a command documented without one answers
/// `[]`, as `bx24-placement-call.md` says commands that return nothing do.
fn documented_result(c: &b24_spec::Command) -> Value {
    c.result_examples
        .iter()
        .find_map(|e| serde_json::from_str(e).ok())
        .unwrap_or_else(|| json!([]))
}

/// The interface of bound placement `code` as the page's script takes it,
/// `{events: [...], commands: {name: {repeats, result}}}`, merged over every
/// spec it is an instance of; `None` when none documents anything.
pub(super) fn interface(code: &str) -> Option<Value> {
    let mut events: Vec<&str> = Vec::new();
    let mut commands = Map::new();
    let mut found = false;
    for i in all()
        .iter()
        .filter(|i| b24_core::typed::placement_code_matches(&i.code, code))
    {
        found = true;
        for e in &i.events {
            if !events.contains(&e.as_str()) {
                events.push(e);
            }
        }
        for (name, repeats, result) in &i.commands {
            commands
                .entry(name.clone())
                .or_insert_with(|| json!({"repeats": repeats, "result": result}));
        }
    }
    found.then(|| json!({"events": events, "commands": commands}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interfaces_come_from_the_specs() {
        let a = interface("CRM_DEAL_DETAIL_ACTIVITY").expect("documented");
        assert_eq!(a["commands"]["bindValueChangeCallback"]["repeats"], true);
        assert_eq!(a["commands"]["setLayout"]["repeats"], false);
        // Documented without a result: the empty array.
        assert_eq!(a["commands"]["lock"]["result"], json!([]));
        let cc = interface("CALL_CARD").expect("documented");
        assert_eq!(cc["commands"]["getStatus"]["result"]["CALL_STATE"], "idle");
        assert!(
            cc["events"]
                .as_array()
                .unwrap()
                .contains(&json!("CallCard::BeforeClose"))
        );
        assert!(interface("USERFIELD_TYPE").is_some());
        assert!(interface("BIZPROC_ROBOT_SETTINGS").is_some());
        assert!(interface("NO_SUCH_PLACEMENT").is_none());
    }
}
