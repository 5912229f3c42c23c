//! A REST method: its parameter struct and its `Method` (and `ListMethod`)
//! impl.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Emit, meta_docs};
use crate::ir::{Api, Dir, Idempotency, Method};

impl Emit<'_> {
    pub(super) fn method(&self, m: &Method) -> TokenStream {
        let p = &self.rt.p;
        let doc = meta_docs(&m.docs);
        let body = self.struct_def(&m.name, None, &m.params, Dir::Out, false);
        let id = format_ident!("{}", m.name);
        let wire = &m.wire;
        let scope = &m.scope;
        // Without an explicit value the runtime's rule decides, evaluated
        // when the generated code compiles: one rule for typed and untyped
        // calls.
        let idempotent = match m.idempotent {
            Idempotency::Explicit(b) => quote!(#b),
            Idempotency::ByName => quote!(#p::idempotent_by_name(#wire)),
        };
        let out = self.ty(&m.output);
        let (api, doc) = match m.api {
            Api::V3 => (
                quote!(const API: #p::ApiVersion = #p::ApiVersion::V3;),
                quote! {
                    #doc
                    #[doc = ""]
                    #[doc = "REST 3.0: `Client::send` calls it at `/rest/api/`."]
                },
            ),
            Api::V2 => (quote!(), doc),
        };
        let list_impl = m.list.as_ref().map(|l| {
            let item = self.ty(&l.item);
            let path = match &l.path {
                Some(s) => quote!(::std::option::Option::Some(#s)),
                None => quote!(::std::option::Option::None),
            };
            let id_field = &l.id_field;
            quote! {
                impl #p::ListMethod for #id {
                    type Item = #item;
                    const ITEMS_PATH: ::std::option::Option<&'static str> = #path;
                    const ID_FIELD: &'static str = #id_field;
                }
            }
        });
        quote! {
            #doc
            #body
            impl #p::Method for #id {
                const NAME: &'static str = #wire;
                const SCOPE: &'static str = #scope;
                const IDEMPOTENT: bool = #idempotent;
                #api
                type Output = #out;
            }
            #list_impl
        }
    }
}
