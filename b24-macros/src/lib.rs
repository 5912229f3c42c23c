//! `b24::generate!`: the proc-macro face of `b24-codegen`.
//!
//! The macro only resolves the path, maps errors to `compile_error!` and adds
//! an `include_bytes!` of the spec so cargo rebuilds when the YAML changes.
#![deny(missing_docs)]

use std::path::PathBuf;

use proc_macro::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

struct Args {
    path: LitStr,
    runtime: Option<LitStr>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut runtime = None;
        while input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse()?;
            if key == "runtime" {
                runtime = Some(value);
            } else {
                return Err(syn::Error::new(
                    key.span(),
                    "unknown option; expected `runtime = \"path\"`",
                ));
            }
        }
        Ok(Args { path, runtime })
    }
}

/// Generates a module from a spec file: `b24::generate!("specs/my_widget.yaml");`
/// expands to `pub mod my_widget { ... }` with the typed events, commands,
/// methods and REST events the file describes.
///
/// The path is relative to the crate's `Cargo.toml`. Options:
/// `runtime = "::b24_core"` when the crate depends on the runtime directly.
/// A bad spec fails the build with `file:line:column` and what was expected.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let args = match syn::parse::<Args>(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error().into(),
    };
    expand(&args)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

fn expand(args: &Args) -> syn::Result<proc_macro2::TokenStream> {
    let rel = args.path.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| syn::Error::new(args.path.span(), "CARGO_MANIFEST_DIR is not set"))?;
    // Relative to the crate; failing that, to an ancestor (a workspace root,
    // or the crate whose tests trybuild copies under `target/`).
    let full = base
        .ancestors()
        .map(|dir| dir.join(&rel))
        .find(|p| p.is_file())
        .unwrap_or_else(|| base.join(&rel));
    let mut options = b24_codegen::Options::default();
    if let Some(r) = &args.runtime {
        options.runtime = r.value();
    }
    let generated =
        b24_spec::load(&full, &rel).and_then(|spec| b24_codegen::generate_module(&spec, &options));
    let tokens = match generated {
        Ok(t) => t,
        Err(e) => {
            let mut errors = e
                .diagnostics
                .iter()
                .map(|d| syn::Error::new(args.path.span(), d.to_string()));
            let mut first = errors
                .next()
                .unwrap_or_else(|| syn::Error::new(args.path.span(), "invalid spec"));
            for more in errors {
                first.combine(more);
            }
            return Err(first);
        }
    };
    let full_str = full.to_string_lossy().into_owned();
    Ok(quote! {
        const _: &[u8] = ::core::include_bytes!(#full_str);
        #tokens
    })
}
