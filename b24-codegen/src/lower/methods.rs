//! REST methods: parameters, result, paging, REST generation, idempotency.

use super::{Lower, docs};
use crate::Error;
use std::collections::HashMap;

use b24_spec::Spanned;
use heck::ToUpperCamelCase;

use crate::ir::{
    Api, Def, Dir, ErrorDoc, FieldEnum, FieldVariant, Idempotency, List, Method, Struct, Ty,
};

/// Relations nest at most this deep in a typed `select` (a row that refers
/// to its own type would otherwise never end).
const SELECT_DEPTH: usize = 3;

impl Lower<'_> {
    pub(super) fn method_name(&self, m: &b24_spec::Method) -> Result<String, Error> {
        self.rust_name(
            m.rust_name.as_ref(),
            &m.name,
            self.spec.file.derived_method_name(m),
            "method name",
        )
    }

    pub(super) fn method(&mut self, m: &b24_spec::Method) -> Result<Method, Error> {
        let name = self.method_name(m)?;
        let api = match &m.api {
            None => Api::V2,
            Some(a) if a.value == "v2" => Api::V2,
            Some(a) if a.value == "v3" => Api::V3,
            Some(a) => {
                return Err(self.err(
                    a,
                    format!("unknown `api` `{}`: expected `v2` or `v3`", a.value),
                ));
            }
        };
        let mut params = self.fields(&m.params, &name, Dir::Out)?;
        let output = self.result(m.result.as_ref(), &format!("{name}Result"))?;
        if api == Api::V3
            && let Some(fields) = self.typed_select(&mut params, &output, &m.name)?
        {
            typed_filter_and_order(&mut params, fields);
        }
        let list = match &m.list {
            // A REST 3.0 list pages with `pagination` and answers `items`.
            None if api == Api::V3 && params.iter().any(|p| p.wire == "pagination") => {
                let item = self.list_item(&output, Some("items"));
                let has_items = matches!(&output, Ty::Def(i) if matches!(
                    self.types.defs.get(*i),
                    Some(Def::Struct(s)) if s.fields.iter().any(|f| f.wire == "items")
                ));
                has_items.then(|| List {
                    id_field: self.infer_id_field(&item, true),
                    item,
                    path: Some("items".to_owned()),
                })
            }
            None => None,
            Some(_) if api == Api::V3 => {
                return Err(self.err(
                    &m.name,
                    "`list` paging (`start`/`next`) is REST v2 only; a REST 3.0 method cannot have `list`",
                ));
            }
            Some(l) => {
                let item = self.list_item(&output, l.path.as_deref());
                let id_field = l
                    .id_field
                    .clone()
                    .unwrap_or_else(|| self.infer_id_field(&item, l.path.is_some()));
                Some(List {
                    item,
                    path: l.path.clone(),
                    id_field,
                })
            }
        };
        let errors: Vec<ErrorDoc> = m
            .errors
            .iter()
            .map(|e| ErrorDoc {
                code: e.code.clone(),
                status: e.status,
                description: e.description.clone(),
            })
            .collect();
        let error_enum = self.error_enum(&name, &errors);
        Ok(Method {
            wire: m.name.value.clone(),
            docs: docs(&m.docs),
            scope: self.scope(m.scope.as_deref()),
            api,
            // No rule here: without `idempotent:` the runtime's rule decides.
            idempotent: m
                .idempotent
                .map_or(Idempotency::ByName, Idempotency::Explicit),
            errors,
            error_enum,
            name,
            params,
            output,
            list,
        })
    }

    /// A REST 3.0 `select` (a list of field names) becomes a list of the
    /// row's field enum, when the result's row (`item`, or an element of
    /// `items`) is a struct with fields. Returns the field enum.
    fn typed_select(
        &mut self,
        params: &mut [crate::ir::Field],
        output: &Ty,
        at: &Spanned<String>,
    ) -> Result<Option<usize>, Error> {
        let Some(select) = params.iter_mut().find(|p| {
            p.wire == "select"
                && matches!(&p.ty, Ty::Vec(inner) if matches!(**inner, Ty::Any | Ty::String))
        }) else {
            return Ok(None);
        };
        let row = ["item", "items"].into_iter().find_map(|key| {
            let ty = self.list_item_or_field(output, key)?;
            match ty {
                Ty::Def(i) => match self.types.defs.get(i) {
                    Some(Def::Struct(s)) if !s.fields.is_empty() => Some(i),
                    _ => None,
                },
                _ => None,
            }
        });
        let Some(row) = row else {
            return Ok(None);
        };
        let mut memo = std::mem::take(&mut self.field_enums);
        let fields = self.field_enum(row, 0, at, &mut memo);
        self.field_enums = memo;
        let fields = fields?;
        select.ty = Ty::Vec(Box::new(Ty::Def(fields)));
        Ok(Some(fields))
    }

    /// The type of `result.key`, or of one element when it is an array.
    fn list_item_or_field(&self, output: &Ty, key: &str) -> Option<Ty> {
        let Ty::Def(i) = output else { return None };
        let Some(Def::Struct(s)) = self.types.defs.get(*i) else {
            return None;
        };
        let f = s.fields.iter().find(|f| f.wire == key)?;
        Some(match &f.ty {
            Ty::Vec(inner) => (**inner).clone(),
            t => t.clone(),
        })
    }

    /// The field enum of row struct `row` (one per row struct in a module).
    fn field_enum(
        &mut self,
        row: usize,
        depth: usize,
        at: &Spanned<String>,
        memo: &mut HashMap<usize, usize>,
    ) -> Result<usize, Error> {
        if let Some(i) = memo.get(&row) {
            return Ok(*i);
        }
        let Some(Def::Struct(Struct { name, fields, .. })) = self.types.defs.get(row).cloned()
        else {
            unreachable!("field_enum is called with struct rows only")
        };
        let mut variants: Vec<FieldVariant> = Vec::new();
        for f in &fields {
            let inner = match &f.ty {
                Ty::Vec(b) => &**b,
                t => t,
            };
            let nested_row = match inner {
                Ty::Def(i) => match self.types.defs.get(*i) {
                    Some(Def::Struct(s)) if !s.fields.is_empty() && depth + 1 < SELECT_DEPTH => {
                        Some(*i)
                    }
                    _ => None,
                },
                _ => None,
            };
            let nested = match nested_row {
                Some(i) => Some(self.field_enum(i, depth + 1, at, memo)?),
                None => None,
            };
            let mut vname = f.ident.to_upper_camel_case();
            if vname == "Raw" || vname.is_empty() {
                vname.push_str("Field");
            }
            let base = vname.clone();
            let mut n = 1;
            while variants.iter().any(|v| v.name == vname) {
                n += 1;
                vname = format!("{base}{n}");
            }
            variants.push(FieldVariant {
                name: vname,
                wire: f.wire.clone(),
                nested,
            });
        }
        let def = Def::Fields(FieldEnum {
            name: format!("{name}Field"),
            row: name,
            variants,
        });
        let idx = self.add(def, at, false)?;
        memo.insert(row, idx);
        Ok(idx)
    }

    /// The keyset cursor of a list: the row's `ID` or `id` field; without a
    /// typed row, wrapped lists (`result.items`) are the newer camelCase APIs.
    fn infer_id_field(&self, item: &Ty, wrapped: bool) -> String {
        if let Ty::Def(i) = item
            && let Some(Def::Struct(s)) = self.types.defs.get(*i)
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
            (Ty::Def(i), Some(path)) => match self.types.defs.get(*i) {
                Some(Def::Struct(s)) => s
                    .fields
                    .iter()
                    .find(|f| f.wire == path)
                    .map(|f| f.ty.clone()),
                _ => None,
            },
            _ => None,
        };
        match arr {
            Some(Ty::Vec(inner)) => *inner,
            _ => Ty::Any,
        }
    }
}

/// A REST 3.0 `filter` (a condition list) and `order` (an object) over the
/// fields that `select` names: the same field enum types their fields.
/// Parameters the spec types otherwise (a struct, a string) keep their type.
fn typed_filter_and_order(params: &mut [crate::ir::Field], fields: usize) {
    for p in params {
        let untyped_list = matches!(&p.ty, Ty::Vec(inner) if matches!(**inner, Ty::Any));
        match p.wire.as_str() {
            "filter" if untyped_list || p.ty == Ty::Any => p.ty = Ty::Filter(fields),
            "order" if matches!(p.ty, Ty::Map | Ty::Any) => p.ty = Ty::Order(fields),
            _ => {}
        }
    }
}
