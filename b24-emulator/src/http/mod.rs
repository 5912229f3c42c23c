//! The HTTP layer: REST v2 (with `batch`, OAuth and the test controls) and
//! REST 3.0. Both call the handlers through the same accounting.

pub(crate) mod v2;
pub(crate) mod v3;
