//! A placement: its interface events (decoder, handler trait, dispatch) and
//! its commands.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Emit, docs, ident, lenient_fn, meta_docs};
use crate::ir::{Command, CommandParam, Dir, Placement, Ty};

impl Emit<'_> {
    /// Decodes one positional argument or payload value.
    fn decode_value(
        &self,
        ty: &Ty,
        required: bool,
        event: &TokenStream,
        wire: &str,
        value: TokenStream,
    ) -> TokenStream {
        let p = &self.rt.p;
        match (lenient_fn(ty), required) {
            (Some(l), true) => {
                let f = format_ident!("{l}");
                quote!(#p::scalar(#event, #wire, #value, #p::lenient::#f)?)
            }
            (Some(l), false) => {
                let f = format_ident!("opt_{l}");
                quote!(#p::scalar(#event, #wire, #value, #p::lenient::#f)?)
            }
            (None, true) => {
                let t = self.ty(ty);
                quote!(#p::field::<#t>(#event, #wire, #value)?)
            }
            (None, false) => {
                let t = self.ty(ty);
                quote!(#p::field::<::std::option::Option<#t>>(#event, #wire, #value)?)
            }
        }
    }

    pub(super) fn placement(&self, pl: &Placement) -> TokenStream {
        let p = &self.rt.p;
        let code = &pl.code;
        let pdoc = meta_docs(&pl.docs);
        let mut variants = Vec::new();
        let mut names_arms = Vec::new();
        let mut decode_arms = Vec::new();
        let mut args_arms = Vec::new();
        let mut handler_methods = Vec::new();
        let mut dispatch_arms = Vec::new();
        let mut all_names = Vec::new();
        for ev in &pl.events {
            let wire = ev.wire.as_str();
            all_names.push(wire.to_owned());
            let vid = format_ident!("{}", ev.variant);
            let args = &ev.args;
            let min = ev.min_args;
            let max = args.len();
            let vdoc = meta_docs(&ev.docs);
            let wdoc = format!(" Wire name: `{wire}`.");
            let hm = format_ident!("{}", ev.handler);
            let ev_tok = quote!(#wire);
            let decoders: Vec<TokenStream> = args
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let at = if i == 0 {
                        quote!(args.first())
                    } else {
                        let i = Literal::usize_unsuffixed(i);
                        quote!(args.get(#i))
                    };
                    let value = quote!(#at.cloned().unwrap_or(#p::serde_json::Value::Null));
                    self.decode_value(&a.ty, a.required, &ev_tok, &a.wire, value)
                })
                .collect();
            let arg_ids: Vec<Ident> = args.iter().map(|a| ident(&a.ident)).collect();
            let arg_tys: Vec<TokenStream> = args.iter().map(|a| self.field_ty(a)).collect();
            let to_values: Vec<TokenStream> = arg_ids
                .iter()
                .map(|id| quote!(#p::serde_json::to_value(#id).unwrap_or_default()))
                .collect();
            let check = quote!(#p::arg_count(#wire, args, #min, #max)?;);
            match args.len() {
                0 => {
                    variants.push(quote!(#vdoc #[doc = ""] #[doc = #wdoc] #vid,));
                    names_arms.push(quote!(Self::#vid => #wire,));
                    decode_arms
                        .push(quote!(#wire => { #check ::std::result::Result::Ok(Self::#vid) }));
                    args_arms.push(quote!(Self::#vid => ::std::vec::Vec::new(),));
                    handler_methods.push(quote! {
                        #vdoc
                        fn #hm(&self) -> impl ::std::future::Future<Output = ()> + Send {
                            async {}
                        }
                    });
                    dispatch_arms.push(quote!(Event::#vid => handler.#hm().await,));
                }
                1 => {
                    let t = &arg_tys[0];
                    let d = &decoders[0];
                    let id = &arg_ids[0];
                    variants.push(quote!(#vdoc #[doc = ""] #[doc = #wdoc] #vid(#t),));
                    names_arms.push(quote!(Self::#vid(_) => #wire,));
                    decode_arms.push(
                        quote!(#wire => { #check ::std::result::Result::Ok(Self::#vid(#d)) }),
                    );
                    args_arms.push(quote!(Self::#vid(#id) => ::std::vec![#(#to_values),*],));
                    handler_methods.push(quote! {
                        #vdoc
                        fn #hm(&self, #id: #t) -> impl ::std::future::Future<Output = ()> + Send {
                            let _ = #id;
                            async {}
                        }
                    });
                    dispatch_arms.push(quote!(Event::#vid(#id) => handler.#hm(#id).await,));
                }
                _ => {
                    let fdocs: Vec<TokenStream> = args
                        .iter()
                        .enumerate()
                        .map(|(i, a)| {
                            let pos = format!("Argument {} (`{}`).", i + 1, a.wire);
                            docs(&[a.doc.as_deref(), Some(&pos)])
                        })
                        .collect();
                    variants.push(quote!(#vdoc #[doc = ""] #[doc = #wdoc] #vid { #(#fdocs #arg_ids: #arg_tys),* },));
                    names_arms.push(quote!(Self::#vid { .. } => #wire,));
                    decode_arms.push(quote!(#wire => {
                        #check
                        ::std::result::Result::Ok(Self::#vid { #(#arg_ids: #decoders),* })
                    }));
                    args_arms.push(
                        quote!(Self::#vid { #(#arg_ids),* } => ::std::vec![#(#to_values),*],),
                    );
                    handler_methods.push(quote! {
                        #vdoc
                        fn #hm(&self, #(#arg_ids: #arg_tys),*) -> impl ::std::future::Future<Output = ()> + Send {
                            let _ = (#(#arg_ids),*);
                            async {}
                        }
                    });
                    dispatch_arms.push(
                        quote!(Event::#vid { #(#arg_ids),* } => handler.#hm(#(#arg_ids),*).await,),
                    );
                }
            }
        }
        let mut commands = Vec::new();
        let mut cmd_variants = Vec::new();
        let mut res_variants = Vec::new();
        let mut cmd_names = Vec::new();
        let mut cmd_name_arms = Vec::new();
        let mut cmd_decode_arms = Vec::new();
        let mut res_decode_arms = Vec::new();
        let mut cmd_params_arms = Vec::new();
        for c in &pl.commands {
            let (tokens, id, out) = self.command(c, code);
            commands.push(tokens);
            let wire = &c.wire;
            let vdoc = format!(" `{wire}`.");
            cmd_names.push(wire.clone());
            cmd_variants.push(quote!(#[doc = #vdoc] #id(#id),));
            res_variants.push(quote!(#[doc = #vdoc] #id(#out),));
            cmd_name_arms.push(quote!(Self::#id(_) => #wire,));
            cmd_decode_arms.push(quote!(#wire => ::std::result::Result::Ok(Self::#id(#p::field::<#id>(#wire, "params", params)?)),));
            res_decode_arms.push(quote!(#wire => ::std::result::Result::Ok(Self::#id(#p::field::<#out>(#wire, "result", result)?)),));
            cmd_params_arms
                .push(quote!(Self::#id(c) => #p::serde_json::to_value(c).unwrap_or_default(),));
        }
        let cmd_self = if pl.commands.is_empty() {
            quote!(*self)
        } else {
            quote!(self)
        };
        let cmd_names_doc = format!(" Every interface command of `{code}`.");
        commands.push(quote! {
            /// Any interface command of this placement, as the portal side
            /// receives it from `BX24.placement.call`.
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #[allow(clippy::large_enum_variant)]
            pub enum Command {
                #(#cmd_variants)*
            }

            impl Command {
                #[doc = #cmd_names_doc]
                pub const NAMES: &'static [&'static str] = &[#(#cmd_names),*];

                /// The wire name of this command.
                pub fn name(&self) -> &'static str {
                    match #cmd_self {
                        #(#cmd_name_arms)*
                    }
                }

                /// Decodes command `name` from its parameters.
                pub fn decode(name: &str, params: #p::serde_json::Value) -> ::std::result::Result<Self, #p::DecodeError> {
                    let _ = &params;
                    match name {
                        #(#cmd_decode_arms)*
                        other => ::std::result::Result::Err(#p::DecodeError::UnknownEvent {
                            set: #code,
                            name: other.to_owned(),
                        }),
                    }
                }

                /// The parameters, as `BX24.placement.call` sends them.
                pub fn params(&self) -> #p::serde_json::Value {
                    match #cmd_self {
                        #(#cmd_params_arms)*
                    }
                }
            }

            /// The typed result of any interface command of this placement.
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #[allow(clippy::large_enum_variant)]
            pub enum CommandResult {
                #(#res_variants)*
            }

            impl CommandResult {
                /// Decodes the result of command `name`.
                pub fn decode(name: &str, result: #p::serde_json::Value) -> ::std::result::Result<Self, #p::DecodeError> {
                    let _ = &result;
                    match name {
                        #(#res_decode_arms)*
                        other => ::std::result::Result::Err(#p::DecodeError::UnknownEvent {
                            set: #code,
                            name: other.to_owned(),
                        }),
                    }
                }
            }
        });
        let names_doc = format!(" Every interface event of `{code}`.");
        // the options struct itself is one of the module's defs
        let options = pl.options.map(|i| {
            let name = format_ident!("{}", self.m.defs[i].name());
            quote! {
                impl #p::PlacementOptions for #name {
                    const PLACEMENT: &'static str = #code;
                }
            }
        });
        let self_match = if pl.events.is_empty() {
            quote!(*self)
        } else {
            quote!(self)
        };
        quote! {
            #pdoc
            pub const PLACEMENT: &str = #code;

            /// An interface event of this placement, decoded from the callback
            /// arguments `BX24.placement.bindEvent` delivers.
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #[allow(clippy::large_enum_variant)]
            pub enum Event {
                #(#variants)*
            }

            impl Event {
                #[doc = #names_doc]
                pub const NAMES: &'static [&'static str] = &[#(#all_names),*];

                /// The wire name of this event.
                pub fn name(&self) -> &'static str {
                    match #self_match {
                        #(#names_arms)*
                    }
                }

                /// Decodes event `name` from its callback arguments.
                pub fn decode(name: &str, args: &[#p::serde_json::Value]) -> ::std::result::Result<Self, #p::DecodeError> {
                    let _ = args;
                    match name {
                        #(#decode_arms)*
                        other => ::std::result::Result::Err(#p::DecodeError::UnknownEvent {
                            set: #code,
                            name: other.to_owned(),
                        }),
                    }
                }

                /// The callback arguments this event is fired with.
                pub fn to_args(&self) -> ::std::vec::Vec<#p::serde_json::Value> {
                    match #self_match {
                        #(#args_arms)*
                    }
                }
            }

            impl #p::InterfaceEvents for Event {
                const PLACEMENT: &'static str = #code;
                const NAMES: &'static [&'static str] = Event::NAMES;
                fn decode(name: &str, args: &[#p::serde_json::Value]) -> ::std::result::Result<Self, #p::DecodeError> {
                    Event::decode(name, args)
                }
                fn name(&self) -> &'static str {
                    Event::name(self)
                }
                fn to_args(&self) -> ::std::vec::Vec<#p::serde_json::Value> {
                    Event::to_args(self)
                }
            }

            /// Handles the interface events of this placement. Every method
            /// defaults to doing nothing; implement the ones you need.
            pub trait Handler: Send + Sync {
                /// The events the widget subscribes to; all by default.
                fn subscriptions(&self) -> &'static [&'static str] {
                    Event::NAMES
                }
                #(#handler_methods)*
            }

            /// Calls the `handler` method that matches `event`.
            pub async fn dispatch<H: Handler + ?Sized>(handler: &H, event: Event) {
                let _ = handler;
                match event {
                    #(#dispatch_arms)*
                }
            }

            #(#commands)*

            #options
        }
    }

    /// A command's type, its `PlacementCommand` impl, its name and output.
    fn command(&self, c: &Command, placement: &str) -> (TokenStream, Ident, TokenStream) {
        let p = &self.rt.p;
        let name = &c.name;
        let sdoc = meta_docs(&c.docs);
        let body = match &c.param {
            CommandParam::Value { ty, nullable } => self.newtype_def(name, ty, *nullable),
            CommandParam::Object(fields) => self.struct_def(name, None, fields, Dir::Out, true),
        };
        let id = format_ident!("{name}");
        let wire = &c.wire;
        let out = self.ty(&c.output);
        // Only repeating commands spell the constant out; the trait's default
        // is `false`.
        let repeats = c.repeats.then(|| {
            quote!(
                const REPEATS: bool = true;
            )
        });
        let tokens = quote! {
            #sdoc
            #body
            impl #p::PlacementCommand for #id {
                const NAME: &'static str = #wire;
                const PLACEMENT: &'static str = #placement;
                #repeats
                type Output = #out;
            }
        };
        (tokens, id, out)
    }
}
