//! The intermediate representation: spec shapes resolved into Rust types,
//! with every inline object and enum given a name.

use std::collections::HashMap;

use b24_spec::{Field, ScalarValue, Shape, Spec, names};

use crate::Error;

/// A resolved Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    Int,
    Num,
    Bool,
    Any,
    Map,
    Vec(Box<Ty>),
    /// A generated struct or enum, by index into [`Types::defs`].
    Def(usize),
}

/// Which way data flows through a generated type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Sent by us (parameters).
    Out,
    /// Received (payloads, results): non-exhaustive, keeps unknown fields.
    In,
}

#[derive(Debug, Clone)]
pub struct FieldIr {
    pub wire: String,
    pub ident: String,
    pub ty: Ty,
    /// Present in the Rust type as `T` rather than `Option<T>`.
    pub required: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StructIr {
    pub name: String,
    pub doc: Option<String>,
    pub fields: Vec<FieldIr>,
    pub dir: Dir,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    Str,
    Int,
}

#[derive(Debug, Clone)]
pub struct EnumIr {
    pub name: String,
    pub doc: Option<String>,
    pub repr: EnumRepr,
    /// (variant, wire value, doc)
    pub variants: Vec<(String, ScalarValue, Option<String>)>,
}

#[derive(Debug, Clone)]
pub enum Def {
    Struct(StructIr),
    Enum(EnumIr),
}

impl Def {
    pub fn name(&self) -> &str {
        match self {
            Def::Struct(s) => &s.name,
            Def::Enum(e) => &e.name,
        }
    }
}

/// All generated types of one module.
#[derive(Debug, Default)]
pub struct Types {
    pub defs: Vec<Def>,
    by_name: HashMap<String, (usize, String)>,
    /// Named types under `types:`, resolved lazily.
    named: HashMap<String, usize>,
}

pub struct Resolver<'a> {
    pub spec: &'a Spec,
    pub types: Types,
}

impl<'a> Resolver<'a> {
    pub fn new(spec: &'a Spec) -> Self {
        Resolver {
            spec,
            types: Types::default(),
        }
    }

    fn err(&self, at: &b24_spec::Spanned<String>, msg: String) -> Error {
        Error::at(
            &self.spec.path,
            at.referenced.line(),
            at.referenced.column(),
            msg,
        )
    }

    /// Registers a generated type. A name the spec chose (`type_name`, a
    /// named type) must be free; a derived name is made free with a suffix,
    /// so pages the importer has never seen still generate.
    fn add(
        &mut self,
        mut def: Def,
        at: &b24_spec::Spanned<String>,
        explicit: bool,
    ) -> Result<usize, Error> {
        let name = def.name().to_owned();
        if let Some((_, first)) = self.types.by_name.get(&name) {
            if explicit {
                return Err(self.err(
                    at,
                    format!("generated type name `{name}` is already used (by the entry at {first}); set `type_name:` or `rust_name:`"),
                ));
            }
            let free = std::iter::once(format!("{name}Type"))
                .chain((2..).map(|i| format!("{name}{i}")))
                .find(|n| !self.types.by_name.contains_key(n))
                .unwrap_or_default();
            match &mut def {
                Def::Struct(s) => s.name = free,
                Def::Enum(e) => e.name = free,
            }
        }
        let name = def.name().to_owned();
        let here = format!("line {}", at.referenced.line());
        let idx = self.types.defs.len();
        self.types.defs.push(def);
        self.types.by_name.insert(name, (idx, here));
        Ok(idx)
    }

    /// Reserves a type name that is not a generated def (e.g. an event enum).
    pub fn reserve(&mut self, name: &str, at: &b24_spec::Spanned<String>) -> Result<(), Error> {
        if self.types.by_name.contains_key(name) {
            return Err(self.err(
                at,
                format!("generated type name `{name}` is already used; set `rust_name:`"),
            ));
        }
        self.types.by_name.insert(
            name.to_owned(),
            (usize::MAX, format!("line {}", at.referenced.line())),
        );
        Ok(())
    }

    /// Resolves a shape; `hint` names an inline struct or enum.
    pub fn shape(&mut self, s: &Shape, hint: &str, dir: Dir) -> Result<Ty, Error> {
        let name = s
            .type_name
            .as_ref()
            .map(|t| t.value.clone())
            .unwrap_or_else(|| hint.to_owned());
        if !s.values.is_empty() && s.ty.value != "boolean" {
            let repr = if s.ty.value == "integer" {
                EnumRepr::Int
            } else {
                EnumRepr::Str
            };
            let mut variants = Vec::new();
            // Numeric codes read better by their meaning: `2 — incoming`
            // becomes `Incoming`, unless two meanings collide.
            let described: Vec<Option<String>> = s.values.iter().map(described_variant).collect();
            let unique = {
                let mut seen = std::collections::HashSet::new();
                described
                    .iter()
                    .all(|d| d.as_ref().is_some_and(|d| seen.insert(d.clone())))
            };
            for (k, v) in s.values.iter().enumerate() {
                let var = match &v.rust_name {
                    Some(r) => r.value.clone(),
                    None if unique && described[k].is_some() => {
                        described[k].clone().unwrap_or_default()
                    }
                    None => names::enum_variant(&v.value).ok_or_else(|| {
                        self.err(
                            &s.ty,
                            format!("enum value `{}` cannot become a variant", v.value),
                        )
                    })?,
                };
                let wire = match (&v.value, repr) {
                    (ScalarValue::Str(x), EnumRepr::Int) => match x.parse::<i64>() {
                        Ok(i) => ScalarValue::Int(i),
                        Err(_) => {
                            return Err(
                                self.err(&s.ty, format!("enum value `{x}` is not an integer"))
                            );
                        }
                    },
                    (ScalarValue::Int(i), EnumRepr::Str) => ScalarValue::Str(i.to_string()),
                    (ScalarValue::Bool(b), EnumRepr::Str) => ScalarValue::Str(b.to_string()),
                    (ScalarValue::Bool(b), EnumRepr::Int) => ScalarValue::Int(*b as i64),
                    (v, _) => v.clone(),
                };
                variants.push((var, wire, v.description.clone()));
            }
            let def = Def::Enum(EnumIr {
                name,
                doc: s.description.clone(),
                repr,
                variants,
            });
            return Ok(Ty::Def(self.add(def, &s.ty, s.type_name.is_some())?));
        }
        Ok(match s.ty.value.as_str() {
            "string" | "date" | "datetime" => Ty::String,
            "integer" => Ty::Int,
            "number" => Ty::Num,
            "boolean" => Ty::Bool,
            "any" => Ty::Any,
            "object" if s.fields.is_empty() => Ty::Map,
            "object" => {
                let fields = self.fields(&s.fields, &name, dir)?;
                let def = Def::Struct(StructIr {
                    name,
                    doc: s.description.clone(),
                    fields,
                    dir,
                });
                Ty::Def(self.add(def, &s.ty, s.type_name.is_some())?)
            }
            "array" => {
                let item_hint = format!("{name}Item");
                let inner = match &s.items {
                    Some(i) => self.shape(i, &item_hint, dir)?,
                    None => Ty::Any,
                };
                Ty::Vec(Box::new(inner))
            }
            other => self.named(other, &s.ty, dir)?,
        })
    }

    pub fn named(
        &mut self,
        name: &str,
        at: &b24_spec::Spanned<String>,
        dir: Dir,
    ) -> Result<Ty, Error> {
        if let Some(i) = self.types.named.get(name) {
            if let Def::Struct(st) = &mut self.types.defs[*i] {
                // A named type used for input and output keeps unknown fields.
                if dir == Dir::In {
                    st.dir = Dir::In;
                }
            }
            return Ok(Ty::Def(*i));
        }
        let spec = self.spec;
        let Some(shape) = spec.file.types.get(name) else {
            return Err(self.err(at, format!("unknown type `{name}`")));
        };
        let mut shape = shape.clone();
        if shape.type_name.is_none() {
            shape.type_name = Some(b24_spec::Spanned::new(
                name.to_owned(),
                at.referenced,
                at.defined,
            ));
        }
        let ty = self.shape(&shape, name, dir)?;
        match ty {
            Ty::Def(i) => {
                self.types.named.insert(name.to_owned(), i);
                Ok(ty)
            }
            // An alias of a builtin (e.g. `Id: {type: integer}`).
            other => Ok(other),
        }
    }

    /// Resolves fields; inline types are named `{owner}{Field}`.
    pub fn fields(
        &mut self,
        fields: &[Field],
        owner: &str,
        dir: Dir,
    ) -> Result<Vec<FieldIr>, Error> {
        let mut out = Vec::with_capacity(fields.len());
        for f in fields {
            let ident = match &f.rust_name {
                Some(r) => r.value.clone(),
                None => names::snake(&f.name.value).ok_or_else(|| {
                    self.err(
                        &f.name,
                        format!("`{}` cannot become a Rust identifier", f.name.value),
                    )
                })?,
            };
            let hint = format!(
                "{owner}{}",
                names::camel(&f.name.value).unwrap_or_else(|| "Field".into())
            );
            let ty = self.shape(&f.shape, &hint, dir)?;
            out.push(FieldIr {
                wire: f.name.value.clone(),
                ident,
                ty,
                required: f.required && !f.shape.nullable,
                doc: f.shape.description.clone(),
            });
        }
        Ok(out)
    }
}

/// A variant name from the description of a numeric enum value, when the
/// description is a short label (`outgoing`, `incoming with redirection`).
fn described_variant(v: &b24_spec::EnumValue) -> Option<String> {
    if !matches!(v.value, ScalarValue::Int(_))
        && !matches!(&v.value, ScalarValue::Str(s) if s.parse::<i64>().is_ok())
    {
        return None;
    }
    let d = v
        .description
        .as_deref()?
        .trim()
        .trim_end_matches(['.', ';', ',']);
    let words: Vec<&str> = d.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 4
        || !d
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
    {
        return None;
    }
    names::camel(d)
        .filter(|n| n != "Unknown" && n.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}
