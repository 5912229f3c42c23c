//! IR to tokens.

use b24_spec::{Field, ScalarValue, Shape, Spanned, Spec, names};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Def, Dir, EnumIr, EnumRepr, FieldIr, Resolver, StructIr, Ty};
use crate::{Error, Options};

/// The runtime paths generated code uses.
struct Rt {
    p: TokenStream,
    /// `{runtime}::__private::serde` as a string, for `#[serde(crate = ...)]`.
    serde_crate: String,
    lenient: String,
}

impl Rt {
    fn new(o: &Options) -> Result<Self, Error> {
        let path: syn::Path = syn::parse_str(&o.runtime).map_err(|e| {
            Error::at(
                "<options>",
                0,
                0,
                format!("runtime path `{}` is not a path: {e}", o.runtime),
            )
        })?;
        let p = quote!(#path::__private);
        let base = o.runtime.replace(' ', "");
        Ok(Rt {
            p,
            serde_crate: format!("{base}::__private::serde"),
            lenient: format!("{base}::__private::lenient"),
        })
    }
}

fn ident(name: &str) -> Ident {
    if names::needs_raw(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

fn docs(parts: &[Option<&str>]) -> TokenStream {
    let mut out = TokenStream::new();
    let mut first = true;
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
            let line = format!(" {}", line.trim_end());
            out.extend(quote!(#[doc = #line]));
        }
    }
    out
}

fn meta_docs(
    summary: Option<&str>,
    description: Option<&str>,
    who: Option<&str>,
    docs_url: Option<&str>,
) -> TokenStream {
    let who = who.map(|w| format!("Who: {w}."));
    let link = docs_url.map(|u| format!("Docs: <{u}>"));
    docs(&[summary, description, who.as_deref(), link.as_deref()])
}

struct Gen<'a> {
    rt: Rt,
    r: Resolver<'a>,
    items: TokenStream,
}

pub(crate) fn module_items(spec: &Spec, options: &Options) -> Result<TokenStream, Error> {
    let mut g = Gen {
        rt: Rt::new(options)?,
        r: Resolver::new(spec),
        items: TokenStream::new(),
    };
    // Named types first, so references resolve to one definition.
    g.reserve_entries(spec)?;
    for (name, shape) in &spec.file.types {
        g.r.named(name, &shape.ty, Dir::Out)?;
    }
    if let Some(p) = &spec.file.placement {
        g.placement(p)?;
    }
    if !spec.file.methods.is_empty() {
        g.methods(spec)?;
    }
    if !spec.file.events.is_empty() {
        g.rest_events(spec)?;
    }
    let defs: Vec<TokenStream> = g.r.types.defs.iter().map(|d| g.def(d)).collect();
    let items = g.items;
    Ok(quote! {
        #items
        #(#defs)*
    })
}

impl Gen<'_> {
    /// Entry types (commands, methods, events) and the per-module enums
    /// own their names; inline types give way to them.
    fn reserve_entries(&mut self, spec: &Spec) -> Result<(), Error> {
        if let Some(pl) = &spec.file.placement {
            for fixed in ["Event", "Command", "CommandResult"] {
                self.r.reserve(fixed, &pl.code)?;
            }
            for c in &pl.commands {
                let name = c
                    .rust_name
                    .as_ref()
                    .map(|r| r.value.clone())
                    .or_else(|| names::camel(&c.name.value));
                self.r.reserve(&name.unwrap_or_default(), &c.name)?;
            }
        }
        for m in &spec.file.methods {
            let scope = m
                .scope
                .as_deref()
                .or(spec.file.scope.as_deref())
                .filter(|s| !s.is_empty());
            let name = m
                .rust_name
                .as_ref()
                .map(|r| r.value.clone())
                .or_else(|| names::method(&m.name.value, scope));
            self.r.reserve(&name.unwrap_or_default(), &m.name)?;
        }
        if let Some(first) = spec.file.events.first() {
            self.r.reserve("RestEvent", &first.code)?;
            self.r.reserve("Dispatch", &first.code)?;
        }
        for e in &spec.file.events {
            let name = e
                .rust_name
                .as_ref()
                .map(|r| r.value.clone())
                .or_else(|| names::camel(&e.code.value));
            self.r.reserve(&name.unwrap_or_default(), &e.code)?;
        }
        Ok(())
    }

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
                let name = format_ident!("{}", self.r.types.defs[*i].name());
                quote!(#name)
            }
        }
    }

    fn field_ty(&self, f: &FieldIr) -> TokenStream {
        let t = self.ty(&f.ty);
        if f.required {
            t
        } else {
            quote!(::std::option::Option<#t>)
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

    fn serde_field_attrs(&self, f: &FieldIr) -> TokenStream {
        let wire = &f.wire;
        let mut attrs = vec![quote!(rename = #wire)];
        if let Some(l) = Self::lenient_fn(&f.ty) {
            let path = if f.required {
                format!("{}::{l}", self.rt.lenient)
            } else {
                format!("{}::opt_{l}", self.rt.lenient)
            };
            attrs.push(quote!(deserialize_with = #path));
        }
        if !f.required {
            attrs.push(quote!(default));
            attrs.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        quote!(#[serde(#(#attrs),*)])
    }

    fn def(&self, d: &Def) -> TokenStream {
        match d {
            Def::Struct(s) => self.struct_def(s),
            Def::Enum(e) => self.enum_def(e),
        }
    }

    fn struct_def(&self, s: &StructIr) -> TokenStream {
        let p = &self.rt.p;
        let serde_crate = &self.rt.serde_crate;
        let name = format_ident!("{}", s.name);
        let fallback = format!("The `{}` object.", s.name);
        let doc = docs(&[Some(s.doc.as_deref().unwrap_or(&fallback))]);
        let mut fields = Vec::new();
        let mut args = Vec::new();
        let mut inits = Vec::new();
        let mut setters = Vec::new();
        let clash = s
            .fields
            .iter()
            .any(|f| f.ident == "new" || f.ident == "extra");
        for f in &s.fields {
            let id = ident(&f.ident);
            let ty = self.field_ty(f);
            let attrs = self.serde_field_attrs(f);
            let fdoc = docs(&[f.doc.as_deref(), Some(&format!("Wire name: `{}`.", f.wire))]);
            fields.push(quote! { #fdoc #attrs pub #id: #ty, });
            if f.required {
                let t = self.ty(&f.ty);
                args.push(quote!(#id: impl ::std::convert::Into<#t>));
                inits.push(quote!(#id: #id.into()));
            } else {
                inits.push(quote!(#id: ::std::option::Option::None));
                let t = self.ty(&f.ty);
                let setter = if clash {
                    format_ident!("set_{}", f.ident)
                } else {
                    id.clone()
                };
                let sdoc = format!(" Sets `{}`.", f.wire);
                setters.push(quote! {
                    #[doc = #sdoc]
                    #[must_use]
                    pub fn #setter(mut self, value: impl ::std::convert::Into<#t>) -> Self {
                        self.#id = ::std::option::Option::Some(value.into());
                        self
                    }
                });
            }
        }
        let extra_name = if s.fields.iter().any(|f| f.ident == "extra") {
            "unknown_fields"
        } else {
            "extra"
        };
        let extra_id = format_ident!("{extra_name}");
        let (non_exhaustive, extra_field) = if s.dir == Dir::In {
            inits.push(quote!(#extra_id: #p::serde_json::Map::new()));
            (
                quote!(#[non_exhaustive]),
                quote! {
                    /// Fields the spec does not list, kept as received.
                    #[serde(flatten)]
                    pub #extra_id: #p::serde_json::Map<::std::string::String, #p::serde_json::Value>,
                },
            )
        } else {
            (quote!(), quote!())
        };
        let ctor_doc = format!(" Creates a `{}` from its required fields.", s.name);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #p::serde::Serialize, #p::serde::Deserialize)]
            #[serde(crate = #serde_crate)]
            #non_exhaustive
            pub struct #name {
                #(#fields)*
                #extra_field
            }

            impl #name {
                #[doc = #ctor_doc]
                #[allow(clippy::too_many_arguments, clippy::new_without_default)]
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits),* }
                }
                #(#setters)*
            }
        }
    }

    /// A command whose parameter is one value rather than an object.
    fn newtype_def(&self, name: &str, ty: &Ty, nullable: bool) -> TokenStream {
        let p = &self.rt.p;
        let serde_crate = &self.rt.serde_crate;
        let id = format_ident!("{name}");
        let t = self.ty(ty);
        let t = if nullable && *ty != Ty::Any {
            quote!(::std::option::Option<#t>)
        } else {
            t
        };
        let ctor_doc = format!(" Creates a `{name}` from its parameter.");
        quote! {
            #[derive(Debug, Clone, PartialEq, #p::serde::Serialize, #p::serde::Deserialize)]
            #[serde(crate = #serde_crate, transparent)]
            pub struct #id(pub #t);

            impl #id {
                #[doc = #ctor_doc]
                pub fn new(value: impl ::std::convert::Into<#t>) -> Self {
                    Self(value.into())
                }
            }
        }
    }

    fn enum_def(&self, e: &EnumIr) -> TokenStream {
        let p = &self.rt.p;
        let name = format_ident!("{}", e.name);
        let fallback = format!("The documented values of `{}`.", e.name);
        let doc = docs(&[Some(e.doc.as_deref().unwrap_or(&fallback))]);
        let mut variants = Vec::new();
        let mut to_wire = Vec::new();
        let mut from_wire = Vec::new();
        for (v, wire, vdoc) in &e.variants {
            let vid = format_ident!("{v}");
            let wdoc = format!("`{wire}`");
            let d = docs(&[Some(&wdoc), vdoc.as_deref()]);
            variants.push(quote!(#d #vid,));
            match wire {
                ScalarValue::Int(i) => {
                    let lit = Literal::i64_unsuffixed(*i);
                    to_wire.push(quote!(Self::#vid => #lit,));
                    from_wire.push(quote!(#lit => Self::#vid,));
                }
                other => {
                    let s = other.to_string();
                    to_wire.push(quote!(Self::#vid => #s,));
                    from_wire.push(quote!(#s => Self::#vid,));
                }
            }
        }
        let common = quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
        };
        match e.repr {
            EnumRepr::Str => quote! {
                #common
                pub enum #name {
                    #(#variants)*
                    /// A value the docs do not list, kept as received.
                    Unknown(::std::string::String),
                }
                impl #name {
                    /// The wire value.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#to_wire)*
                            Self::Unknown(s) => s,
                        }
                    }
                    /// Reads a wire value; unlisted values become `Unknown`.
                    pub fn from_wire(s: &str) -> Self {
                        match s {
                            #(#from_wire)*
                            other => Self::Unknown(other.to_owned()),
                        }
                    }
                }
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
                impl #p::serde::Serialize for #name {
                    fn serialize<S: #p::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        s.serialize_str(self.as_str())
                    }
                }
                impl<'de> #p::serde::Deserialize<'de> for #name {
                    fn deserialize<D: #p::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        #p::lenient::string(d).map(|s| Self::from_wire(&s))
                    }
                }
            },
            EnumRepr::Int => quote! {
                #common
                pub enum #name {
                    #(#variants)*
                    /// A value the docs do not list, kept as received.
                    Unknown(i64),
                }
                impl #name {
                    /// The wire value.
                    pub fn as_i64(&self) -> i64 {
                        match self {
                            #(#to_wire)*
                            Self::Unknown(i) => *i,
                        }
                    }
                    /// Reads a wire value; unlisted values become `Unknown`.
                    pub fn from_wire(i: i64) -> Self {
                        match i {
                            #(#from_wire)*
                            other => Self::Unknown(other),
                        }
                    }
                }
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        ::std::write!(f, "{}", self.as_i64())
                    }
                }
                impl #p::serde::Serialize for #name {
                    fn serialize<S: #p::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        s.serialize_i64(self.as_i64())
                    }
                }
                impl<'de> #p::serde::Deserialize<'de> for #name {
                    fn deserialize<D: #p::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        #p::lenient::int(d).map(Self::from_wire)
                    }
                }
            },
        }
    }

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
        match (Self::lenient_fn(ty), required) {
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

    fn placement(&mut self, pl: &b24_spec::Placement) -> Result<(), Error> {
        let p = self.rt.p.clone();
        let code = &pl.code.value;
        let pdoc = meta_docs(
            pl.title.as_deref(),
            pl.docs.summary.as_deref(),
            None,
            pl.docs.docs.as_deref(),
        );
        let mut variants = Vec::new();
        let mut names_arms = Vec::new();
        let mut decode_arms = Vec::new();
        let mut args_arms = Vec::new();
        let mut handler_methods = Vec::new();
        let mut dispatch_arms = Vec::new();
        let mut all_names = Vec::new();
        for ev in &pl.events {
            let wire = ev.name.value.as_str();
            all_names.push(wire.to_owned());
            let base = match &ev.rust_name {
                Some(r) => r.value.clone(),
                None => names::interface_event(wire).unwrap_or_default(),
            };
            let vid = format_ident!("{base}");
            let args = self.event_args(&ev.args, &base)?;
            let min = ev.args.iter().filter(|a| a.required).count();
            let max = ev.args.len();
            let vdoc = meta_docs(
                ev.docs.summary.as_deref(),
                ev.docs.description.as_deref(),
                ev.docs.who.as_deref(),
                ev.docs.docs.as_deref(),
            );
            let wdoc = format!(" Wire name: `{wire}`.");
            let hm = format_ident!("{}", names::handler_method(&base));
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
            let (tokens, id, out) = self.command(c, code)?;
            commands.push(tokens);
            let wire = &c.name.value;
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
        let self_match = if pl.events.is_empty() {
            quote!(*self)
        } else {
            quote!(self)
        };
        self.items.extend(quote! {
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
        });
        Ok(())
    }

    fn event_args(&mut self, args: &[Field], base: &str) -> Result<Vec<FieldIr>, Error> {
        // A lone inline object argument is named after the event itself.
        if let [only] = args
            && only.shape.ty.value == "object"
            && !only.shape.fields.is_empty()
            && only.shape.type_name.is_none()
        {
            let mut f = only.clone();
            f.shape.type_name = Some(Spanned::new(
                base.to_owned(),
                only.shape.ty.referenced,
                only.shape.ty.defined,
            ));
            return self.r.fields(&[f], base, Dir::In);
        }
        self.r.fields(args, base, Dir::In)
    }

    fn result_ty(&mut self, result: Option<&Shape>, hint: &str) -> Result<Ty, Error> {
        match result {
            Some(s) => self.r.shape(s, hint, Dir::In),
            None => Ok(Ty::Any),
        }
    }

    fn command(
        &mut self,
        c: &b24_spec::Command,
        placement: &str,
    ) -> Result<(TokenStream, Ident, TokenStream), Error> {
        let p = self.rt.p.clone();
        let name = match &c.rust_name {
            Some(r) => r.value.clone(),
            None => names::camel(&c.name.value).unwrap_or_default(),
        };
        let sdoc = meta_docs(
            c.docs.summary.as_deref(),
            c.docs.description.as_deref(),
            c.docs.who.as_deref(),
            c.docs.docs.as_deref(),
        );
        let body = match &c.param {
            Some(one) => {
                let ty = self.r.shape(one, &format!("{name}Param"), Dir::Out)?;
                self.newtype_def(&name, &ty, one.nullable)
            }
            None => {
                let fields = self.r.fields(&c.params, &name, Dir::Out)?;
                self.struct_def(&StructIr {
                    name: name.clone(),
                    doc: None,
                    fields,
                    dir: Dir::Out,
                })
            }
        };
        let out = self.result_ty(c.result.as_ref(), &format!("{name}Result"))?;
        let id = format_ident!("{name}");
        let wire = &c.name.value;
        let out = self.ty(&out);
        let tokens = quote! {
            #sdoc
            #body
            impl #p::PlacementCommand for #id {
                const NAME: &'static str = #wire;
                const PLACEMENT: &'static str = #placement;
                type Output = #out;
            }
        };
        Ok((tokens, id, out))
    }

    fn methods(&mut self, spec: &Spec) -> Result<(), Error> {
        let p = self.rt.p.clone();
        for m in &spec.file.methods {
            let scope = m
                .scope
                .as_deref()
                .or(spec.file.scope.as_deref())
                .unwrap_or("");
            let name = match &m.rust_name {
                Some(r) => r.value.clone(),
                None => names::method(&m.name.value, Some(scope).filter(|s| !s.is_empty()))
                    .unwrap_or_default(),
            };
            let fields = self.r.fields(&m.params, &name, Dir::Out)?;
            let out_ty = self.result_ty(m.result.as_ref(), &format!("{name}Result"))?;
            let doc = meta_docs(
                m.docs.summary.as_deref(),
                m.docs.description.as_deref(),
                m.docs.who.as_deref(),
                m.docs.docs.as_deref(),
            );
            let st = StructIr {
                name: name.clone(),
                doc: None,
                fields,
                dir: Dir::Out,
            };
            let body = self.struct_def(&st);
            let id = format_ident!("{name}");
            let wire = &m.name.value;
            let idempotent = m.idempotent.unwrap_or_else(|| default_idempotent(wire));
            let out = self.ty(&out_ty);
            let (api, doc) = if m.is_v3() {
                (
                    quote!(const API: #p::ApiVersion = #p::ApiVersion::V3;),
                    quote! {
                        #doc
                        #[doc = ""]
                        #[doc = "REST 3.0: `Client::send` calls it at `/rest/api/`."]
                    },
                )
            } else {
                (quote!(), doc)
            };
            let list_impl = match &m.list {
                None => quote!(),
                Some(l) => {
                    let item_ty = self.list_item(&out_ty, l.path.as_deref());
                    let item = self.ty(&item_ty);
                    let path = match &l.path {
                        Some(s) => quote!(::std::option::Option::Some(#s)),
                        None => quote!(::std::option::Option::None),
                    };
                    let id_field = l
                        .id_field
                        .clone()
                        .unwrap_or_else(|| self.infer_id_field(&item_ty, l.path.is_some()));
                    quote! {
                        impl #p::ListMethod for #id {
                            type Item = #item;
                            const ITEMS_PATH: ::std::option::Option<&'static str> = #path;
                            const ID_FIELD: &'static str = #id_field;
                        }
                    }
                }
            };
            self.items.extend(quote! {
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
            });
        }
        Ok(())
    }

    /// The keyset cursor of a list: the row's `ID` or `id` field; without a
    /// typed row, wrapped lists (`result.items`) are the newer camelCase APIs.
    fn infer_id_field(&self, item: &Ty, wrapped: bool) -> String {
        if let Ty::Def(i) = item
            && let Def::Struct(s) = &self.r.types.defs[*i]
        {
            for name in ["ID", "id"] {
                if s.fields.iter().any(|f| f.wire == name) {
                    return name.to_owned();
                }
            }
        }
        if wrapped { "id" } else { "ID" }.to_owned()
    }

    /// The row type of a list method's result.
    fn list_item(&self, result: &Ty, path: Option<&str>) -> Ty {
        let arr = match (result, path) {
            (Ty::Vec(_), None) => Some(result.clone()),
            (Ty::Def(i), Some(path)) => match &self.r.types.defs[*i] {
                Def::Struct(s) => s
                    .fields
                    .iter()
                    .find(|f| f.wire == path)
                    .map(|f| f.ty.clone()),
                Def::Enum(_) => None,
            },
            _ => None,
        };
        match arr {
            Some(Ty::Vec(inner)) => *inner,
            _ => Ty::Any,
        }
    }

    fn rest_events(&mut self, spec: &Spec) -> Result<(), Error> {
        let p = self.rt.p.clone();
        let set = spec
            .file
            .scope
            .clone()
            .unwrap_or_else(|| spec.module.clone());
        let mut variants = Vec::new();
        let mut codes = Vec::new();
        let mut decode_arms = Vec::new();
        let mut code_arms = Vec::new();
        let mut handler_methods = Vec::new();
        let mut dispatch_arms = Vec::new();
        let mut consts = Vec::new();
        for e in &spec.file.events {
            let code = e.code.value.to_ascii_uppercase();
            let name = match &e.rust_name {
                Some(r) => r.value.clone(),
                None => names::camel(&e.code.value).unwrap_or_default(),
            };
            let scope = e
                .scope
                .as_deref()
                .or(spec.file.scope.as_deref())
                .unwrap_or("");
            let fields = self.r.fields(&e.data, &name, Dir::In)?;
            let doc = meta_docs(
                e.docs.summary.as_deref(),
                e.docs.description.as_deref(),
                e.docs.who.as_deref(),
                e.docs.docs.as_deref(),
            );
            let cdoc = format!(" Event code: `{code}`.");
            let st = StructIr {
                name: name.clone(),
                doc: None,
                fields,
                dir: Dir::In,
            };
            let body = self.struct_def(&st);
            let id = format_ident!("{name}");
            let base = name
                .strip_prefix("On")
                .filter(|s| !s.is_empty())
                .unwrap_or(&name);
            let hm = format_ident!("{}", names::handler_method(base));
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
                fn #hm(&self, data: #id) -> impl ::std::future::Future<Output = ()> + Send {
                    let _ = data;
                    async {}
                }
            });
            dispatch_arms.push(quote!(RestEvent::#id(data) => handler.#hm(data).await,));
        }
        let set_doc = format!(" Every REST event code of `{set}`.");
        self.items.extend(quote! {
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
            /// doing nothing; implement the ones you need.
            pub trait RestHandler: Send + Sync {
                #(#handler_methods)*
                /// An event this spec does not list.
                fn on_unknown(&self, code: ::std::string::String, data: #p::serde_json::Value) -> impl ::std::future::Future<Output = ()> + Send {
                    let _ = (code, data);
                    async {}
                }
            }

            /// Adapts a [`RestHandler`] to the runtime's event receiver (for
            /// example the axum route `rest_events`).
            #[derive(Debug, Clone, Default)]
            pub struct Dispatch<H>(pub H);

            impl<H: RestHandler + 'static> #p::EventHandler<RestEvent> for Dispatch<H> {
                fn handle(&self, event: RestEvent, ctx: #p::EventContext) -> impl ::std::future::Future<Output = ()> + Send {
                    let _ = ctx;
                    dispatch_rest(&self.0, event)
                }
            }

            /// Calls the `handler` method that matches `event`.
            pub async fn dispatch_rest<H: RestHandler + ?Sized>(handler: &H, event: RestEvent) {
                match event {
                    #(#dispatch_arms)*
                    RestEvent::Unknown { code, data } => handler.on_unknown(code, data).await,
                }
            }
        });
        Ok(())
    }
}

/// Reads are safe to resend; writes are not unless the spec says so.
fn default_idempotent(wire: &str) -> bool {
    let last = wire.rsplit('.').next().unwrap_or(wire).to_ascii_lowercase();
    ["get", "list", "fields", "search", "info", "count"]
        .iter()
        .any(|p| last.starts_with(p))
        || matches!(last.as_str(), "profile" | "scope" | "methods")
}
