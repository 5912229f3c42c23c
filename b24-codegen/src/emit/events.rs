//! REST events: a type per event, the `RestEvent` enum of the file, its
//! handler trait and dispatch.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Emit, meta_docs};
use crate::ir::{Dir, RestEvents};

impl Emit<'_> {
    pub(super) fn rest_events(&self, events: &RestEvents) -> TokenStream {
        let p = &self.rt.p;
        let set = &events.set;
        let mut variants = Vec::new();
        let mut codes = Vec::new();
        let mut decode_arms = Vec::new();
        let mut code_arms = Vec::new();
        let mut handler_methods = Vec::new();
        let mut dispatch_arms = Vec::new();
        let mut consts = Vec::new();
        for e in &events.events {
            let code = &e.code;
            let scope = &e.scope;
            let doc = meta_docs(&e.docs);
            let cdoc = format!(" Event code: `{code}`.");
            let body = self.struct_def(&e.name, None, &e.data, Dir::In, true);
            let id = format_ident!("{}", e.name);
            let hm = format_ident!("{}", e.handler);
            consts.push(quote! {
                #doc
                #[doc = ""]
                #[doc = #cdoc]
                #body
                impl #id {
                    /// The event code, as `event.bind` takes it.
                    pub const CODE: &'static str = #code;
                }
                impl #p::RestEvent for #id {
                    const CODE: &'static str = #code;
                    const SCOPE: &'static str = #scope;
                }
            });
            variants.push(quote!(#doc #[doc = ""] #[doc = #cdoc] #id(#id),));
            codes.push(code.clone());
            decode_arms.push(quote!(#code => ::std::result::Result::Ok(Self::#id(#p::field::<#id>(#code, "data", data)?)),));
            code_arms.push(quote!(Self::#id(_) => #code,));
            handler_methods.push(quote! {
                #doc
                fn #hm(&self, data: #id, ctx: #p::DeliveryContext) -> impl ::std::future::Future<Output = ()> + Send {
                    let _ = (data, ctx);
                    async {}
                }
            });
            dispatch_arms.push(quote!(RestEvent::#id(data) => handler.#hm(data, ctx).await,));
        }
        let set_doc = format!(" Every REST event code of `{set}`.");
        quote! {
            #(#consts)*

            /// A REST event of this scope, decoded from its `data` object.
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #[allow(clippy::large_enum_variant)]
            pub enum RestEvent {
                #(#variants)*
                /// An event this spec does not list, with its raw `data`.
                Unknown {
                    /// The event code as received.
                    code: ::std::string::String,
                    /// The raw `data` object.
                    data: #p::serde_json::Value,
                },
            }

            impl RestEvent {
                #[doc = #set_doc]
                pub const CODES: &'static [&'static str] = &[#(#codes),*];

                /// Decodes the `data` of event `code` (case-insensitive).
                pub fn decode(code: &str, data: #p::serde_json::Value) -> ::std::result::Result<Self, #p::DecodeError> {
                    match code.to_ascii_uppercase().as_str() {
                        #(#decode_arms)*
                        _ => ::std::result::Result::Ok(Self::Unknown { code: code.to_owned(), data }),
                    }
                }

                /// The event code (upper case for known events).
                pub fn code(&self) -> &str {
                    match self {
                        #(#code_arms)*
                        Self::Unknown { code, .. } => code,
                    }
                }
            }

            impl #p::RestEvents for RestEvent {
                const CODES: &'static [&'static str] = RestEvent::CODES;
                fn decode(code: &str, data: #p::serde_json::Value) -> ::std::result::Result<Self, #p::DecodeError> {
                    RestEvent::decode(code, data)
                }
                fn code(&self) -> &str {
                    RestEvent::code(self)
                }
            }

            /// Handles the REST events of this scope. Every method defaults to
            /// doing nothing; implement the ones you need. `ctx` tells which
            /// portal sent the event (`ctx.auth.member_id`, `ctx.auth.domain`).
            pub trait RestHandler: Send + Sync {
                #(#handler_methods)*
                /// An event this spec does not list.
                fn on_unknown(&self, code: ::std::string::String, data: #p::serde_json::Value, ctx: #p::DeliveryContext) -> impl ::std::future::Future<Output = ()> + Send {
                    let _ = (code, data, ctx);
                    async {}
                }
            }

            /// Adapts a [`RestHandler`] to the runtime's event receiver (for
            /// example the axum route `rest_events`).
            #[derive(Debug, Clone, Default)]
            pub struct Dispatch<H>(pub H);

            impl<H: RestHandler + 'static> #p::EventHandler<RestEvent> for Dispatch<H> {
                fn handle(&self, event: RestEvent, ctx: #p::DeliveryContext) -> impl ::std::future::Future<Output = ()> + Send {
                    dispatch_rest(&self.0, event, ctx)
                }
            }

            /// Calls the `handler` method that matches `event`, with its delivery context.
            pub async fn dispatch_rest<H: RestHandler + ?Sized>(handler: &H, event: RestEvent, ctx: #p::DeliveryContext) {
                match event {
                    #(#dispatch_arms)*
                    RestEvent::Unknown { code, data } => handler.on_unknown(code, data, ctx).await,
                }
            }
        }
    }
}
