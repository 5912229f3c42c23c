//! The b24 code generator: a validated spec in, Rust tokens out.
//!
//! [`generate`] is a plain function returning `Result<TokenStream, Error>`;
//! `b24-macros` wraps it as `b24::generate!`, and [`build`] writes formatted
//! files to `OUT_DIR` from a build script. Generated code refers to the
//! runtime only through absolute paths under `{runtime}::__private`.
#![deny(missing_docs)]

pub mod build;
pub mod crate_gen;
mod emit;
mod ir;

use proc_macro2::TokenStream;

/// A spec the generator cannot turn into code: the same `file:line:column`
/// diagnostics the loader reports.
pub use b24_spec::Error;
pub use b24_spec::{Diagnostic, Spec};

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

/// Generates the items of one spec's module (without the `mod` wrapper).
pub fn generate(spec: &Spec, options: &Options) -> Result<TokenStream, Error> {
    emit::module_items(spec, options)
}

/// Generates `pub mod <module> { ... }` for one spec.
pub fn generate_module(spec: &Spec, options: &Options) -> Result<TokenStream, Error> {
    let items = generate(spec, options)?;
    let name = proc_macro2::Ident::new(&spec.module, proc_macro2::Span::call_site());
    let doc = spec
        .file
        .summary
        .clone()
        .or_else(|| {
            spec.file
                .placement
                .as_ref()
                .and_then(|p| p.docs.summary.clone())
        })
        .unwrap_or_else(|| format!("Generated from `{}`.", spec.path));
    let doc = format!(" {}", doc.trim());
    Ok(quote::quote! {
        #[doc = #doc]
        // Shapes that follow from the spec, not from hand-written style: a
        // placement without events still has an (empty) decoder, and the
        // docs text is the documentation's Markdown as written.
        #[allow(
            clippy::match_single_binding,
            // a spec file named like its parent (`events/events.yaml`)
            clippy::module_inception,
            // setters are named after parameters, `add` and `sub` included
            clippy::should_implement_trait,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::tabs_in_doc_comments,
            rustdoc::broken_intra_doc_links,
            rustdoc::bare_urls,
            rustdoc::invalid_html_tags,
            rustdoc::invalid_rust_codeblocks
        )]
        pub mod #name {
            #items
        }
    })
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
