//! Traits that generated code implements: REST methods, placement commands,
//! and sets of interface or REST events.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::decode::DecodeError;

/// A typed REST method call, generated from `specs/methods/*.yaml`.
///
/// The value serializes to exactly the method's parameters.
pub trait Method: Serialize + Send + Sync {
    /// Wire name, e.g. `telephony.externalCall.register`.
    const NAME: &'static str;
    /// The scope the method needs.
    const SCOPE: &'static str;
    /// Whether sending the call twice is harmless (reads, lists, deletes by ID).
    /// The client never resends a non-idempotent call unless told to.
    const IDEMPOTENT: bool;
    /// The REST generation it belongs to; [`Client::send`](crate::Client::send)
    /// calls REST 3.0 (`/rest/api/`) for `V3`.
    const API: crate::ApiVersion = crate::ApiVersion::V2;
    /// The typed `result`.
    type Output: DeserializeOwned + Send + 'static;
    /// The method's documented error codes, read from a failed call with
    /// [`Error::code_for`](crate::Error::code_for); [`UndocumentedError`]
    /// when its page documents none.
    type Error: MethodError;
}

/// The documented errors of a method, as a generated enum (one variant per
/// documented code, `Unknown(String)` for the rest).
pub trait MethodError: Sized + Send + Sync + std::fmt::Debug + 'static {
    /// Reads the wire `error` code and `error_description`. Documented codes
    /// match exactly; codes the docs write as empty or `0` are told apart by
    /// their description.
    fn from_wire(code: &str, description: &str) -> Self;
    /// The documented wire code (empty when the docs give none), or the
    /// code (else the description) kept by `Unknown`.
    fn code(&self) -> &str;
    /// Whether the error says the object does not exist (a documented
    /// `NOT_FOUND`-like code or a "Not found" description).
    fn is_not_found(&self) -> bool;
}

/// The error type of a method whose page documents no error codes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UndocumentedError {
    /// The wire code (possibly empty).
    pub code: String,
    /// The wire description.
    pub description: String,
}

impl MethodError for UndocumentedError {
    fn from_wire(code: &str, description: &str) -> Self {
        UndocumentedError {
            code: code.to_owned(),
            description: description.to_owned(),
        }
    }
    fn code(&self) -> &str {
        &self.code
    }
    fn is_not_found(&self) -> bool {
        looks_not_found(&self.code) || looks_not_found(&self.description)
    }
}

/// Whether a wire code or description says "not found" (`NOT_FOUND`,
/// `ERROR_NOT_FOUND`, `…ENTITYNOTFOUNDEXCEPTION`, "Not found.", "Deal is not found").
pub fn looks_not_found(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    t.contains("notfound")
}

/// A documented description in the form generated matchers compare:
/// lower case, trimmed, without trailing `.`/`!`.
pub fn normalize_description(text: &str) -> String {
    text.trim().trim_end_matches(['.', '!', ' ']).to_lowercase()
}

/// A list method: REST v2 pages with `start` and answers `next`/`total`;
/// REST 3.0 ([`Method::API`] `V3`) pages with `pagination` and answers `items`.
pub trait ListMethod: Method {
    /// One row.
    type Item: DeserializeOwned + Send + 'static;
    /// Where the rows sit in `result` (`Some("items")` for `crm.item.list`).
    const ITEMS_PATH: Option<&'static str>;
    /// The keyset cursor field (`ID`, or `id` for `crm.item.list`).
    const ID_FIELD: &'static str;
}

/// A typed interface command sent with `BX24.placement.call(NAME, params, cb)`.
pub trait PlacementCommand: Serialize + Send + Sync {
    /// Wire name, e.g. `CallCardSetMute`.
    const NAME: &'static str;
    /// The placement it works in.
    const PLACEMENT: &'static str;
    /// The portal calls the callback again each time the thing it watches
    /// happens (`bindLayoutEventCallback`), not once; the bridge then
    /// delivers a stream (`Bridge::subscribe`) instead of one result.
    const REPEATS: bool = false;
    /// What the callback receives.
    type Output: DeserializeOwned + Send + 'static;
}

/// Whether placement code `code` (as the portal sends it in `PLACEMENT`) is
/// an instance of spec code `spec`, where `XXX` stands for one or more
/// `_`-separated parts: `CRM_XXX_DETAIL_ACTIVITY` covers
/// `CRM_DEAL_DETAIL_ACTIVITY` and `CRM_DYNAMIC_183_DETAIL_ACTIVITY`.
pub fn placement_code_matches(spec: &str, code: &str) -> bool {
    fn go(s: &[&str], c: &[&str]) -> bool {
        match (s.split_first(), c.split_first()) {
            (None, None) => true,
            (Some((&"XXX", rest)), Some(_)) => (1..=c.len()).any(|n| go(rest, &c[n..])),
            (Some((a, rest)), Some((b, more))) => a.eq_ignore_ascii_case(b) && go(rest, more),
            _ => false,
        }
    }
    let s: Vec<&str> = spec.split('_').collect();
    let c: Vec<&str> = code.split('_').collect();
    go(&s, &c)
}

/// The interface events of one placement, as a generated enum.
pub trait InterfaceEvents: Sized + Send + 'static {
    /// The placement code.
    const PLACEMENT: &'static str;
    /// Every event name, as `BX24.placement.bindEvent` takes it.
    const NAMES: &'static [&'static str];
    /// Decodes the callback arguments of event `name`.
    fn decode(name: &str, args: &[Value]) -> Result<Self, DecodeError>;
    /// The wire name of this event.
    fn name(&self) -> &'static str;
    /// The callback arguments this event is fired with.
    fn to_args(&self) -> Vec<Value>;
}

/// The REST events of one scope, as a generated enum with an `Unknown` variant.
pub trait RestEvents: Sized + Send + 'static {
    /// Every event code (upper case, as delivered).
    const CODES: &'static [&'static str];
    /// Decodes the `data` object of event `code`. Unknown codes decode to the
    /// `Unknown` variant and keep the raw data.
    fn decode(code: &str, data: Value) -> Result<Self, DecodeError>;
    /// The event code (upper case).
    fn code(&self) -> &str;
}

/// A REST event code known at compile time, for typed `event.bind` helpers.
pub trait RestEvent {
    /// Event code (upper case, as `event.bind` takes it).
    const CODE: &'static str;
    /// The scope needed to bind it.
    const SCOPE: &'static str;
}

#[cfg(test)]
mod tests {
    use super::placement_code_matches as m;

    #[test]
    fn family_codes_match_their_instances_only() {
        assert!(m("CRM_XXX_DETAIL_ACTIVITY", "CRM_DEAL_DETAIL_ACTIVITY"));
        assert!(m(
            "CRM_XXX_DETAIL_ACTIVITY",
            "CRM_DYNAMIC_183_DETAIL_ACTIVITY"
        ));
        assert!(m("CALL_CARD", "CALL_CARD"));
        assert!(!m("CRM_XXX_DETAIL_ACTIVITY", "CRM_DETAIL_ACTIVITY"));
        assert!(!m("CRM_XXX_DETAIL_ACTIVITY", "CRM_DEAL_DETAIL_TAB"));
        assert!(!m("CALL_CARD", "CALL_CARD_X"));
        assert!(!m("CALL_CARD", "OTHER"));
    }
}
