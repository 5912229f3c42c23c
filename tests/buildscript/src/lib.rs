//! A user crate that generates its widget module with a build script.
#![deny(warnings, missing_docs)]

include!(concat!(env!("OUT_DIR"), "/my_specs.rs"));
