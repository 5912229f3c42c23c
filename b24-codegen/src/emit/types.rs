//! Structs, enums and one-value newtypes.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Emit, docs, ident, lenient_fn};
use crate::ir::{Def, Dir, Enum, EnumRepr, Field, FieldEnum, Ty, Wire};

/// The setter of optional field `f` of a struct with `fields`: the field's
/// name, or `set_{name}` when a field would clash with `new` or `extra`.
pub(super) fn setter_name(fields: &[Field], f: &Field) -> String {
    let clash = fields
        .iter()
        .any(|f| f.ident == "new" || f.ident == "extra");
    if clash {
        format!("set_{}", f.ident)
    } else {
        f.ident.clone()
    }
}

impl Emit<'_> {
    fn serde_field_attrs(&self, f: &Field) -> TokenStream {
        let wire = &f.wire;
        let mut attrs = vec![quote!(rename = #wire)];
        if let Some(l) = lenient_fn(&f.ty) {
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

    pub(super) fn def(&self, index: usize, d: &Def) -> TokenStream {
        match d {
            Def::Struct(s) => self.struct_def(
                &s.name,
                s.doc.as_deref(),
                &s.fields,
                s.dir,
                self.decoded[index],
            ),
            Def::Enum(e) => self.enum_def(e),
            Def::Fields(f) => self.fields_def(f),
            Def::Alias(a) => {
                let name = format_ident!("{}", a.name);
                let target = self.ty(&a.target);
                let same = match &a.target {
                    Ty::Def(i) => format!(" The same object as [`{}`].", self.m.def(*i).name()),
                    _ => String::new(),
                };
                let doc = docs(&[a.doc.as_deref(), Some(&same)]);
                quote!(#doc pub type #name = #target;)
            }
        }
    }

    /// The field names and relation paths of a REST 3.0 row, for `select`.
    fn fields_def(&self, f: &FieldEnum) -> TokenStream {
        let p = &self.rt.p;
        let name = format_ident!("{}", f.name);
        let doc = format!(
            " A field of `{}` for a REST 3.0 `select`, `filter` and `order`; a relation variant holds the rest of the path (`responsible.name`). `Raw` takes any path as written.",
            f.row
        );
        let mut variants = Vec::new();
        let mut paths = Vec::new();
        for v in &f.variants {
            let vid = format_ident!("{}", v.name);
            let wire = &v.wire;
            match v.nested {
                Some(i) => {
                    let nested = format_ident!("{}", self.m.def(i).name());
                    let vdoc = format!(" `{wire}.…`: a field of the relation.");
                    variants.push(quote!(#[doc = #vdoc] #vid(::std::boxed::Box<#nested>),));
                    paths.push(quote! {
                        Self::#vid(rest) => ::std::format!("{}.{}", #wire, rest.path()),
                    });
                }
                None => {
                    let vdoc = format!(" `{wire}`.");
                    variants.push(quote!(#[doc = #vdoc] #vid,));
                    paths.push(quote!(Self::#vid => #wire.to_owned(),));
                }
            }
        }
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// Any path, as the portal takes it.
                Raw(::std::string::String),
            }
            impl #name {
                /// The path as `select` takes it (`responsible.name`).
                pub fn path(&self) -> ::std::string::String {
                    match self {
                        #(#paths)*
                        Self::Raw(s) => s.clone(),
                    }
                }
            }
            impl ::std::convert::From<&str> for #name {
                fn from(path: &str) -> Self {
                    Self::Raw(path.to_owned())
                }
            }
            impl #p::FieldPath for #name {
                fn path(&self) -> ::std::string::String {
                    #name::path(self)
                }
            }
            impl #p::serde::Serialize for #name {
                fn serialize<S: #p::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                    s.serialize_str(&self.path())
                }
            }
        }
    }

    /// A struct with a constructor taking the required fields and a setter
    /// per optional one; incoming structs keep unknown fields in `extra`.
    /// Only a `decoded` struct derives `Deserialize`: REST parameters are
    /// only ever sent, and deriving it for them would double the serde
    /// code of a scope crate for nothing.
    pub(super) fn struct_def(
        &self,
        name: &str,
        doc: Option<&str>,
        fields: &[Field],
        dir: Dir,
        decoded: bool,
    ) -> TokenStream {
        self.struct_with_refs(name, doc, fields, dir, decoded, false)
    }

    /// [`Emit::struct_def`]; with `refs`, scalar fields are `Param<T>`, so a
    /// batch command can take an earlier command's result (`$result[..]`).
    pub(super) fn struct_with_refs(
        &self,
        name: &str,
        doc: Option<&str>,
        fields: &[Field],
        dir: Dir,
        decoded: bool,
        refs: bool,
    ) -> TokenStream {
        let s_name = name;
        let s_fields = fields;
        let p = &self.rt.p;
        let serde_crate = &self.rt.serde_crate;
        let name = format_ident!("{s_name}");
        let fallback = format!("The `{s_name}` object.");
        let doc = docs(&[Some(doc.unwrap_or(&fallback))]);
        let mut fields = Vec::new();
        let mut args = Vec::new();
        let mut inits = Vec::new();
        let mut setters = Vec::new();
        for f in s_fields {
            let id = ident(&f.ident);
            let param = refs && lenient_fn(&f.ty).is_some();
            // The type a constructor or setter takes (`T` or `Param<T>`).
            let arg_ty = |t: TokenStream| {
                if param { quote!(#p::Param<#t>) } else { t }
            };
            let ty = if f.required {
                arg_ty(self.ty(&f.ty))
            } else {
                let t = arg_ty(self.ty(&f.ty));
                quote!(::std::option::Option<#t>)
            };
            let attrs = self.serde_field_attrs(f);
            let fdoc = docs(&[f.doc.as_deref(), Some(&format!("Wire name: `{}`.", f.wire))]);
            fields.push(quote! { #fdoc #attrs pub #id: #ty, });
            if f.required {
                let t = arg_ty(self.ty(&f.ty));
                args.push(quote!(#id: impl ::std::convert::Into<#t>));
                inits.push(quote!(#id: #id.into()));
            } else {
                inits.push(quote!(#id: ::std::option::Option::None));
                let t = arg_ty(self.ty(&f.ty));
                let setter = ident(&setter_name(s_fields, f));
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
        let extra_name = if s_fields.iter().any(|f| f.ident == "extra") {
            "unknown_fields"
        } else {
            "extra"
        };
        let extra_id = format_ident!("{extra_name}");
        let (non_exhaustive, extra_field) = if dir == Dir::In {
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
        let ctor_doc = format!(" Creates a `{s_name}` from its required fields.");
        let derive_de = if decoded {
            quote!(#p::serde::Deserialize)
        } else {
            quote!()
        };
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #p::serde::Serialize, #derive_de)]
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
    pub(super) fn newtype_def(&self, name: &str, ty: &Ty, nullable: bool) -> TokenStream {
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

    fn enum_def(&self, e: &Enum) -> TokenStream {
        let p = &self.rt.p;
        let name = format_ident!("{}", e.name);
        let fallback = format!("The documented values of `{}`.", e.name);
        let doc = docs(&[Some(e.doc.as_deref().unwrap_or(&fallback))]);
        let mut variants = Vec::new();
        let mut to_wire = Vec::new();
        let mut from_wire = Vec::new();
        for v in &e.variants {
            let vid = format_ident!("{}", v.name);
            let (wdoc, lit) = match &v.wire {
                Wire::Int(i) => (format!("`{i}`"), Literal::i64_unsuffixed(*i)),
                Wire::Str(s) => (format!("`{s}`"), Literal::string(s)),
            };
            let d = docs(&[Some(&wdoc), v.doc.as_deref()]);
            variants.push(quote!(#d #vid,));
            to_wire.push(quote!(Self::#vid => #lit,));
            from_wire.push(quote!(#lit => Self::#vid,));
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
}
