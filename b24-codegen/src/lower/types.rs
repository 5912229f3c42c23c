//! Shapes and fields to resolved types: every inline object and enum gets a
//! unique Rust name, every named type one definition.

use std::collections::{HashMap, HashSet};

use b24_spec::{EnumValue, ScalarValue, Shape, Spanned, names};

use super::Lower;
use crate::Error;
use crate::ir::{Def, Dir, Enum, EnumRepr, Field, Struct, Ty, Variant, Wire};

/// The generated types of one module, by name.
#[derive(Debug, Default)]
pub(super) struct Types {
    pub(super) defs: Vec<Def>,
    /// Taken names, with where they were first taken (`line 12`).
    taken: HashMap<String, String>,
    /// Named types under `types:`, resolved on first use.
    named: HashMap<String, usize>,
}

impl Lower<'_> {
    /// Registers a generated type. A name the spec chose (`type_name`, a
    /// named type) must be free; a derived name is made free with a suffix,
    /// so pages the importer has never seen still generate.
    pub(super) fn add(
        &mut self,
        mut def: Def,
        at: &Spanned<String>,
        explicit: bool,
    ) -> Result<usize, Error> {
        let name = def.name().to_owned();
        if let Some(first) = self.types.taken.get(&name) {
            if explicit {
                return Err(self.err(
                    at,
                    format!("generated type name `{name}` is already used (by the entry at {first}); set `type_name:` or `rust_name:`"),
                ));
            }
            let free = std::iter::once(format!("{name}Type"))
                .chain((2..).map(|i| format!("{name}{i}")))
                .find(|n| !self.types.taken.contains_key(n))
                .unwrap_or_default();
            match &mut def {
                Def::Struct(s) => s.name = free,
                Def::Enum(e) => e.name = free,
                Def::Fields(f) => f.name = free,
                Def::Alias(a) => a.name = free,
            }
        }
        let here = format!("line {}", at.referenced.line());
        let idx = self.types.defs.len();
        self.types.taken.insert(def.name().to_owned(), here);
        self.types.defs.push(def);
        Ok(idx)
    }

    /// Reserves a type name that is not a generated def (an entry type, an
    /// event enum).
    pub(super) fn reserve(&mut self, name: &str, at: &Spanned<String>) -> Result<(), Error> {
        if self.types.taken.contains_key(name) {
            return Err(self.err(
                at,
                format!("generated type name `{name}` is already used; set `rust_name:`"),
            ));
        }
        let here = format!("line {}", at.referenced.line());
        self.types.taken.insert(name.to_owned(), here);
        Ok(())
    }

    /// Resolves a shape; `hint` names an inline struct or enum.
    pub(super) fn shape(&mut self, s: &Shape, hint: &str, dir: Dir) -> Result<Ty, Error> {
        let name = match &s.type_name {
            Some(t) if names::is_ident(&t.value) => t.value.clone(),
            Some(t) => {
                return Err(self.err(
                    t,
                    format!("type_name `{}` is not a Rust identifier", t.value),
                ));
            }
            None => hint.to_owned(),
        };
        if !s.values.is_empty() && s.ty.value != "boolean" {
            let def = Def::Enum(self.enumeration(s, name)?);
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
                let def = Def::Struct(Struct {
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

    fn enumeration(&self, s: &Shape, name: String) -> Result<Enum, Error> {
        let repr = if s.ty.value == "integer" {
            EnumRepr::Int
        } else {
            EnumRepr::Str
        };
        // Numeric codes read better by their meaning: `2 — incoming`
        // becomes `Incoming`, unless two meanings collide.
        let described: Vec<Option<String>> = s.values.iter().map(described_variant).collect();
        let unique = {
            let mut seen = HashSet::new();
            described
                .iter()
                .all(|d| d.as_ref().is_some_and(|d| seen.insert(d.clone())))
        };
        let mut variants = Vec::with_capacity(s.values.len());
        for (v, described) in s.values.iter().zip(described) {
            let var = match (&v.rust_name, described) {
                (Some(r), _) if names::is_ident(&r.value) => r.value.clone(),
                (Some(r), _) => {
                    return Err(self.err(
                        r,
                        format!("rust_name `{}` is not a Rust identifier", r.value),
                    ));
                }
                (None, Some(d)) if unique => d,
                (None, _) => names::enum_variant(&v.value).ok_or_else(|| {
                    self.err(
                        &s.ty,
                        format!("enum value `{}` cannot become a variant", v.value),
                    )
                })?,
            };
            let wire = match (&v.value, repr) {
                (ScalarValue::Str(x), EnumRepr::Int) => match x.parse::<i64>() {
                    Ok(i) => Wire::Int(i),
                    Err(_) => {
                        return Err(self.err(&s.ty, format!("enum value `{x}` is not an integer")));
                    }
                },
                (ScalarValue::Int(i), EnumRepr::Int) => Wire::Int(*i),
                (ScalarValue::Bool(b), EnumRepr::Int) => Wire::Int(i64::from(*b)),
                (v, EnumRepr::Str) => Wire::Str(v.to_string()),
            };
            variants.push(Variant {
                name: var,
                wire,
                doc: v.description.clone(),
            });
        }
        Ok(Enum {
            name,
            doc: s.description.clone(),
            repr,
            variants,
        })
    }

    /// Resolves a name under `types:`; the first use defines it.
    pub(super) fn named(
        &mut self,
        name: &str,
        at: &Spanned<String>,
        dir: Dir,
    ) -> Result<Ty, Error> {
        if let Some(&i) = self.types.named.get(name) {
            // A named type used for input and output keeps unknown fields.
            if dir == Dir::In
                && let Some(Def::Struct(st)) = self.types.defs.get_mut(i)
            {
                st.dir = Dir::In;
            }
            return Ok(Ty::Def(i));
        }
        let spec = self.spec;
        let Some(shape) = spec.file.types.get(name) else {
            return Err(self.err(at, format!("unknown type `{name}`")));
        };
        if !names::is_ident(name) {
            return Err(self.err(
                &shape.ty,
                format!("type name `{name}` must be an UpperCamelCase Rust identifier"),
            ));
        }
        let mut shape = shape.clone();
        if shape.type_name.is_none() {
            shape.type_name = Some(Spanned::new(name.to_owned(), at.referenced, at.defined));
        }
        let ty = self.shape(&shape, name, dir)?;
        if let Ty::Def(i) = ty {
            self.types.named.insert(name.to_owned(), i);
        }
        // Otherwise an alias of a builtin (`Id: {type: integer}`).
        Ok(ty)
    }

    /// Resolves fields; inline types are named `{owner}{Field}`.
    pub(super) fn fields(
        &mut self,
        fields: &[b24_spec::Field],
        owner: &str,
        dir: Dir,
    ) -> Result<Vec<Field>, Error> {
        let mut out = Vec::with_capacity(fields.len());
        for f in fields {
            let ident = self.rust_name(
                f.rust_name.as_ref(),
                &f.name,
                names::snake(&f.name.value),
                "field",
            )?;
            let hint = format!(
                "{owner}{}",
                names::camel(&f.name.value).unwrap_or_else(|| "Field".into())
            );
            let ty = self.shape(&f.shape, &hint, dir)?;
            out.push(Field {
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
fn described_variant(v: &EnumValue) -> Option<String> {
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
