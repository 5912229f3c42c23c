//! REST methods: parameters, result, paging, REST generation, idempotency.

use super::{Lower, docs};
use crate::Error;
use crate::ir::{Api, Def, Dir, ErrorDoc, Idempotency, List, Method, Ty};

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
        let params = self.fields(&m.params, &name, Dir::Out)?;
        let output = self.result(m.result.as_ref(), &format!("{name}Result"))?;
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
