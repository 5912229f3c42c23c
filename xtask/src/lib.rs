//! Maintainer commands behind `cargo xtask`. The library part is what tests
//! check: [`sdk`] lays out the generated SDK crates under `sdk/`.
#![deny(missing_docs)]

pub mod sdk;
