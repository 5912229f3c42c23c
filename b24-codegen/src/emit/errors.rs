//! A method's documented errors as an error-code enum implementing
//! `MethodError`, plus one alias per other method sharing it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Emit, docs};
use crate::ir::ErrorEnum;

impl Emit<'_> {
    pub(super) fn error_enum(&self, e: &ErrorEnum) -> TokenStream {
        let p = &self.rt.p;
        let name = format_ident!("{}", e.name);
        let mut variants = Vec::new();
        let mut by_code = Vec::new();
        let mut by_desc = Vec::new();
        let mut codes = Vec::new();
        let mut not_found = Vec::new();
        for v in &e.variants {
            let vid = format_ident!("{}", v.name);
            let code = &v.code;
            let head = if code.is_empty() {
                "No code; told apart by its description.".to_owned()
            } else {
                format!("Code `{code}`.")
            };
            let doc_lines: Vec<Option<&str>> = std::iter::once(Some(head.as_str()))
                .chain(v.doc.iter().map(|d| Some(d.as_str())))
                .collect();
            let d = docs(&doc_lines);
            variants.push(quote!(#d #vid,));
            if !code.is_empty() {
                by_code.push(quote!(#code => Self::#vid,));
            }
            for text in &v.descriptions {
                by_desc.push(quote!(#text => Self::#vid,));
            }
            codes.push(quote!(Self::#vid => #code,));
            if v.not_found {
                not_found.push(quote!(Self::#vid));
            }
        }
        // Documented codes match exactly; an empty or `0` code is told
        // apart by its description; the rest is kept in `Unknown`.
        let unknown = quote!(Self::Unknown(
            if code.is_empty() { description } else { code }.to_owned()
        ));
        let blank = if by_desc.is_empty() {
            unknown
        } else {
            quote! {
                match #p::normalize_description(description).as_str() {
                    #(#by_desc)*
                    _ => #unknown,
                }
            }
        };
        let from_wire = if by_code.is_empty() {
            quote! {
                if code.is_empty() || code == "0" {
                    #blank
                } else {
                    Self::Unknown(code.to_owned())
                }
            }
        } else {
            quote! {
                match code {
                    #(#by_code)*
                    _ if code.is_empty() || code == "0" => #blank,
                    _ => Self::Unknown(code.to_owned()),
                }
            }
        };
        let not_found = if not_found.is_empty() {
            quote!(::std::matches!(self, Self::Unknown(s) if #p::looks_not_found(s)))
        } else {
            quote! {
                ::std::matches!(self, #(#not_found)|*)
                    || ::std::matches!(self, Self::Unknown(s) if #p::looks_not_found(s))
            }
        };
        let doc = format!(
            " The documented errors of `{}`, from `Error::code_for`.",
            e.name.strip_suffix("Error").unwrap_or(&e.name)
        );
        let aliases = e.aliases.iter().map(|a| {
            let id = format_ident!("{a}");
            let doc = format!(
                " The documented errors of `{}` (shared).",
                a.strip_suffix("Error").unwrap_or(a)
            );
            quote! {
                #[doc = #doc]
                pub type #id = #name;
            }
        });
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// A code the docs do not list (the description when the code is empty).
                Unknown(::std::string::String),
            }
            impl #p::MethodError for #name {
                fn from_wire(code: &str, description: &str) -> Self {
                    #from_wire
                }
                fn code(&self) -> &str {
                    match self {
                        #(#codes)*
                        Self::Unknown(s) => s,
                    }
                }
                fn is_not_found(&self) -> bool {
                    #not_found
                }
            }
            #(#aliases)*
        }
    }
}
