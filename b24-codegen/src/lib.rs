//! The b24 code generator: a validated spec in, Rust tokens out.
//!
//! Parse, lower, emit: `b24_spec` parses and validates a file, [`lower`]
//! resolves it into an [`ir::Module`] (every name, type and default; every
//! error with its `file:line:column`), and [`emit`] turns that into tokens
//! without failing. [`generate`] does both steps, returning
//! `Result<TokenStream, Error>`; `b24-macros` wraps it as `b24::generate!`,
//! and [`build`] writes formatted files to `OUT_DIR` from a build script. Generated code refers to the
//! runtime only through absolute paths under `{runtime}::__private`.
#![deny(missing_docs)]

pub mod build;
pub mod crate_gen;
pub mod emit;
pub mod ir;
mod lower;

use proc_macro2::TokenStream;

/// A spec the generator cannot turn into code: the same `file:line:column`
/// diagnostics the loader reports.
pub use b24_spec::Error;
pub use b24_spec::{Diagnostic, Spec};
pub use lower::lower;

/// Generator options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the runtime crate in generated code: `::b24` for users of the
    /// facade, `::b24_core` for crates that use the runtime directly.
    pub runtime: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime: "::b24".to_owned(),
        }
    }
}

/// Generates the items of one spec's module (without the `mod` wrapper):
/// [`lower`], then [`emit::items`].
pub fn generate(spec: &Spec, options: &Options) -> Result<TokenStream, Error> {
    let runtime = emit::Runtime::new(&options.runtime)?;
    Ok(emit::items(&lower(spec)?, &runtime))
}

/// Generates `pub mod <module> { ... }` for one spec.
pub fn generate_module(spec: &Spec, options: &Options) -> Result<TokenStream, Error> {
    let runtime = emit::Runtime::new(&options.runtime)?;
    Ok(emit::module(&lower(spec)?, &runtime))
}

/// Parses spec text and generates its module items in one step.
pub fn generate_str(path: &str, text: &str, options: &Options) -> Result<TokenStream, Error> {
    let spec = b24_spec::parse(path, text)?;
    generate(&spec, options)
}

/// Formats generated tokens as a Rust source file with prettyplease.
pub fn format(tokens: &TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens.clone())?;
    Ok(prettyplease::unparse(&file))
}
