//! IR to tokens. Everything was resolved by [`crate::lower`], so nothing
//! here can fail; the only input checked is the runtime path, once, by
//! [`Runtime::new`].

mod errors;
mod events;
mod methods;
mod placements;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::Error;
use crate::ir::{Docs, Field, Module, Ty};

/// The runtime crate as generated code names it (`::b24`, `::b24_core`).
#[derive(Debug, Clone)]
pub struct Runtime {
    /// `{runtime}::__private`.
    p: TokenStream,
    /// `{runtime}::__private::serde` as a string, for `#[serde(crate = ...)]`.
    serde_crate: String,
    /// `{runtime}::__private::lenient` as a string, for `deserialize_with`.
    lenient: String,
    /// The runtime path as doc examples write it (`b24_core`).
    base: String,
    /// Where the module's items are reachable from a doc test
    /// (`b24_crm::deals`): set, methods get a compiled `no_run` example.
    examples_at: Option<String>,
}

impl Runtime {
    /// Checks that `path` is a Rust path.
    pub fn new(path: &str) -> Result<Self, Error> {
        let parsed: syn::Path = syn::parse_str(path).map_err(|e| {
            Error::at(
                "<options>",
                0,
                0,
                format!("runtime path `{path}` is not a path: {e}"),
            )
        })?;
        let base = path.replace(' ', "");
        Ok(Runtime {
            p: quote!(#parsed::__private),
            serde_crate: format!("{base}::__private::serde"),
            lenient: format!("{base}::__private::lenient"),
            base: base.trim_start_matches("::").to_owned(),
            examples_at: None,
        })
    }

    /// Methods get a `no_run` doc example that names them by `module`
    /// (`b24_crm::deals`), so `cargo test --doc` checks every generated
    /// path and constructor.
    pub fn with_examples_at(mut self, module: impl Into<String>) -> Self {
        self.examples_at = Some(module.into());
        self
    }
}

/// Lints generated code allows: shapes that follow from the spec and the
/// docs' Markdown, not from hand-written style. A placement without events
/// still has an (empty) decoder (`match_single_binding`); a spec file may be
/// named like its parent, `events/events.yaml` (`module_inception`); setters
/// are named after parameters, `add` and `sub` included
/// (`should_implement_trait`); the docs text is Markdown as written.
pub(crate) const ALLOWED_CLIPPY: &[&str] = &[
    "clippy::match_single_binding",
    "clippy::module_inception",
    "clippy::should_implement_trait",
    "clippy::doc_lazy_continuation",
    "clippy::doc_overindented_list_items",
    "clippy::tabs_in_doc_comments",
];

/// Allowed on the items that need them in a module, on the whole crate by
/// `crate_gen`: many-variant enums and many-parameter constructors.
pub(crate) const ALLOWED_CLIPPY_ITEMS: &[&str] =
    &["clippy::large_enum_variant", "clippy::too_many_arguments"];

/// Rustdoc lints the docs' Markdown and links trip.
pub(crate) const ALLOWED_RUSTDOC: &[&str] = &[
    "rustdoc::broken_intra_doc_links",
    "rustdoc::bare_urls",
    "rustdoc::invalid_html_tags",
    "rustdoc::invalid_rust_codeblocks",
];

/// The items of a module (without the `mod` wrapper).
pub fn items(module: &Module, runtime: &Runtime) -> TokenStream {
    let e = Emit {
        rt: runtime,
        m: module,
        decoded: module.decoded_defs(),
    };
    let placement = module.placement.as_ref().map(|p| e.placement(p));
    let methods = module.methods.iter().map(|m| e.method(m));
    let events = module.events.as_ref().map(|ev| e.rest_events(ev));
    let defs = module.defs.iter().enumerate().map(|(i, d)| e.def(i, d));
    let errors = module.error_enums.iter().map(|x| e.error_enum(x));
    quote! {
        #placement
        #(#methods)*
        #(#errors)*
        #events
        #(#defs)*
    }
}

/// `pub mod <name> { ... }` with the module's docs and lint allowances.
pub fn module(module: &Module, runtime: &Runtime) -> TokenStream {
    let items = items(module, runtime);
    let name = Ident::new(&module.name, Span::call_site());
    let doc = module
        .summary
        .clone()
        .unwrap_or_else(|| format!("Generated from `{}`.", module.path));
    let doc = format!(" {}", doc.trim());
    let lints = ALLOWED_CLIPPY.iter().chain(ALLOWED_RUSTDOC).map(|l| {
        let path = l
            .split("::")
            .map(|part| Ident::new(part, Span::call_site()));
        quote!(#(#path)::*)
    });
    quote! {
        #[doc = #doc]
        #[allow(#(#lints),*)]
        pub mod #name {
            #items
        }
    }
}

/// Emits the items of one module.
struct Emit<'a> {
    rt: &'a Runtime,
    m: &'a Module,
    /// [`Module::decoded_defs`], computed once.
    decoded: Vec<bool>,
}

fn ident(name: &str) -> Ident {
    if b24_spec::names::needs_raw(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// A docs line as rustdoc should see it: a fenced block the docs open
/// without a language (or as Rust) is their pseudo-code or JSON, not a
/// doc test, so it becomes `text`.
fn doc_line(line: &str, in_fence: &mut bool) -> String {
    let body = line.trim_start();
    let fence = ["```", "~~~"].into_iter().find(|f| body.starts_with(f));
    let Some(fence) = fence else {
        return line.to_owned();
    };
    if *in_fence {
        *in_fence = false;
        return line.to_owned();
    }
    *in_fence = true;
    let info = body.trim_start_matches(fence.chars().next().unwrap_or('`'));
    let info_l = info.trim().to_ascii_lowercase();
    if info_l.is_empty() || info_l.split([',', ' ']).any(|t| t == "rust") {
        let indent = &line[..line.len() - body.len()];
        format!("{indent}{fence}text")
    } else {
        line.to_owned()
    }
}

fn docs(parts: &[Option<&str>]) -> TokenStream {
    let mut out = TokenStream::new();
    let mut first = true;
    let mut in_fence = false;
    for p in parts.iter().flatten() {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if !first {
            out.extend(quote!(#[doc = ""]));
        }
        first = false;
        for line in p.lines() {
            let line = format!(" {}", doc_line(line.trim_end(), &mut in_fence));
            out.extend(quote!(#[doc = #line]));
        }
        // An unclosed fence would swallow the next part.
        if in_fence {
            out.extend(quote!(#[doc = " ```"]));
            in_fence = false;
        }
    }
    out
}

/// An entry's docs: summary, description, who, link.
fn meta_docs(d: &Docs) -> TokenStream {
    let who = d.who.as_ref().map(|w| format!("Who: {w}."));
    let link = d.url.as_ref().map(|u| format!("Docs: <{u}>"));
    docs(&[
        d.summary.as_deref(),
        d.description.as_deref(),
        who.as_deref(),
        link.as_deref(),
    ])
}

impl Emit<'_> {
    fn ty(&self, ty: &Ty) -> TokenStream {
        let p = &self.rt.p;
        match ty {
            Ty::String => quote!(::std::string::String),
            Ty::Int => quote!(i64),
            Ty::Num => quote!(f64),
            Ty::Bool => quote!(bool),
            Ty::Any => quote!(#p::serde_json::Value),
            Ty::Map => quote!(#p::serde_json::Map<::std::string::String, #p::serde_json::Value>),
            Ty::Vec(inner) => {
                let inner = self.ty(inner);
                quote!(::std::vec::Vec<#inner>)
            }
            Ty::Def(i) => {
                let name = format_ident!("{}", self.m.def(*i).name());
                quote!(#name)
            }
            Ty::Filter(i) => {
                let name = format_ident!("{}", self.m.def(*i).name());
                quote!(#p::V3Filter<#name>)
            }
            Ty::Order(i) => {
                let name = format_ident!("{}", self.m.def(*i).name());
                quote!(#p::V3Order<#name>)
            }
        }
    }

    fn field_ty(&self, f: &Field) -> TokenStream {
        let t = self.ty(&f.ty);
        if f.required {
            t
        } else {
            quote!(::std::option::Option<#t>)
        }
    }
}

/// The lenient reader for a scalar type, by name.
fn lenient_fn(ty: &Ty) -> Option<&'static str> {
    match ty {
        Ty::String => Some("string"),
        Ty::Int => Some("int"),
        Ty::Num => Some("num"),
        Ty::Bool => Some("boolean"),
        _ => None,
    }
}
