//! A REST method: its parameter struct and its `Method` (and `ListMethod`)
//! impl.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::setter_name;
use super::{Emit, meta_docs};
use crate::ir::{Api, Def, Dir, Idempotency, Method, Ty};

impl Emit<'_> {
    pub(super) fn method(&self, m: &Method) -> TokenStream {
        let p = &self.rt.p;
        let doc = meta_docs(&m.docs);
        let body = self.struct_with_refs(&m.name, None, &m.params, Dir::Out, false, true);
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
        let error = match m.error_enum {
            Some(_) => {
                let id = format_ident!("{}Error", m.name);
                quote!(#id)
            }
            None => quote!(#p::UndocumentedError),
        };
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
        let example = self.method_example(m);
        quote! {
            #doc
            #example
            #body
            impl #p::Method for #id {
                const NAME: &'static str = #wire;
                const SCOPE: &'static str = #scope;
                const IDEMPOTENT: bool = #idempotent;
                #api
                type Output = #out;
                type Error = #error;
            }
            #list_impl
        }
    }
}

impl Emit<'_> {
    /// A `no_run` doc example (when the crate asks for them): build the
    /// call, send it, read the typed result or the documented error. A doc
    /// test compiles it, so every generated path and constructor is checked.
    fn method_example(&self, m: &Method) -> TokenStream {
        let Some(module) = &self.rt.examples_at else {
            return quote!();
        };
        let rt = &self.rt.base;
        let path = format!("{module}::{}", m.name);
        let args: Option<Vec<String>> = m
            .params
            .iter()
            .filter(|f| f.required)
            .map(|f| self.example_value(&f.ty))
            .collect();
        let (build, param) = match args {
            Some(args) => (
                format!(
                    "let call = {path}::new({}){};\n",
                    args.join(", "),
                    self.example_filter(m, module)
                ),
                String::new(),
            ),
            // A required parameter is a struct of its own: take the call.
            None => (String::new(), format!(", call: {path}")),
        };
        let mut send = format!(
            "match client.send(&call).await {{\n\
             \x20   Ok(answer) => {{\n        let _result = answer.result;\n    }}\n\
             \x20   Err(err) => {{\n        let _code = err.code_for::<{path}>();\n    }}\n}}"
        );
        if m.list.is_some() {
            // A stream of rows; `.fast()` is the ID-cursor traversal.
            send.push_str("\nlet _rows = client.list(&call);");
        }
        let uses = if build.contains("serde_json::") {
            format!("# use {rt}::__private::serde_json;\n")
        } else {
            String::new()
        };
        let text = format!(
            "```no_run\n\
             {uses}# async fn example(client: &{rt}::Client{param}) -> Result<(), {rt}::Error> {{\n\
             {build}{send}\n# Ok(())\n# }}\n```"
        );
        let lines = text.lines().map(|l| format!(" {l}"));
        quote! {
            #[doc = ""]
            #[doc = " # Example"]
            #[doc = ""]
            #(#[doc = #lines])*
        }
    }

    /// The setters of a typed REST 3.0 `filter` and `order` for an example
    /// (`.filter(V3Filter::new().gt(TaskdtoField::Id, 1))`), on the row's
    /// `id` or first plain field; empty when the method has none.
    fn example_filter(&self, m: &Method, module: &str) -> String {
        let rt = &self.rt.base;
        let mut out = String::new();
        for f in m.params.iter().filter(|f| !f.required) {
            let (Ty::Filter(i) | Ty::Order(i)) = f.ty else {
                continue;
            };
            let Def::Fields(fe) = self.m.def(i) else {
                continue;
            };
            let plain = || fe.variants.iter().filter(|v| v.nested.is_none());
            let Some(v) = plain().find(|v| v.wire == "id").or_else(|| plain().next()) else {
                continue;
            };
            let field = format!("{module}::{}::{}", fe.name, v.name);
            let value = if v.wire == "id" { "1" } else { "\"text\"" };
            let setter = setter_name(&m.params, f);
            let arg = match f.ty {
                Ty::Filter(_) => format!("{rt}::V3Filter::new().gt({field}, {value})"),
                _ => format!("{rt}::V3Order::new().desc({field})"),
            };
            out.push_str(&format!("\n    .{setter}({arg})"));
        }
        out
    }

    /// A value of `ty` for an example, `None` for a struct.
    fn example_value(&self, ty: &Ty) -> Option<String> {
        Some(match ty {
            Ty::Filter(_) => format!("{}::V3Filter::new()", self.rt.base),
            Ty::Order(_) => format!("{}::V3Order::new()", self.rt.base),
            Ty::String => "\"text\"".to_owned(),
            Ty::Int => "1".to_owned(),
            Ty::Num => "1.5".to_owned(),
            Ty::Bool => "true".to_owned(),
            Ty::Any => "serde_json::Value::Null".to_owned(),
            Ty::Map => "serde_json::Map::new()".to_owned(),
            Ty::Vec(_) => "Vec::new()".to_owned(),
            Ty::Def(i) => match self.m.def(*i) {
                Def::Enum(e) => match e.variants.first() {
                    Some(v) => format!(
                        "{}::{}::{}",
                        self.rt.examples_at.as_deref()?,
                        e.name,
                        v.name
                    ),
                    None => return None,
                },
                Def::Struct(_) | Def::Fields(_) | Def::Alias(_) => return None,
            },
        })
    }
}
