//! Typed `PLACEMENT_OPTIONS`: what a placement handler receives when the portal opens it.

/// The typed `PLACEMENT_OPTIONS` of one placement; generated from `specs/placements`.
pub trait PlacementOptions: serde::de::DeserializeOwned + Send + 'static {
    /// The placement code, e.g. `CALL_CARD`.
    const PLACEMENT: &'static str;
}
