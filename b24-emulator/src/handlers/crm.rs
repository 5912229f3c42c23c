//! crm.deal/contact/lead/company.* (the legacy form) and crm.item.*.

#[allow(unused_imports)]
use super::*;
use crate::store::Cond;

/// The legacy entities [`entity_name`] names.
const LEGACY_ENTITIES: [&str; 4] = ["deal", "contact", "lead", "company"];

/// [`read_documented_fields`] of a legacy entity, read from the registry once
/// rather than on every `crm.*.list` and `crm.*.fields` call; none for "".
fn documented_fields(entity: &str) -> &'static [(String, String)] {
    static ALL: std::sync::OnceLock<Vec<Vec<(String, String)>>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        LEGACY_ENTITIES
            .iter()
            .map(|e| read_documented_fields(e))
            .collect()
    });
    LEGACY_ENTITIES
        .iter()
        .position(|e| *e == entity)
        .map_or(&[], |i| &all[i])
}

/// The fields the docs list for a legacy entity (`deal`, `company`, ...),
/// with their types: the entity's type under `types:`, the `fields`
/// parameter of `crm.<entity>.add`, and the result of `crm.<entity>.fields`
/// (its field table) typed from that page's example answer, each name once.
fn read_documented_fields(entity: &str) -> Vec<(String, String)> {
    let reg = crate::registry::registry();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |fields: &[b24_spec::Field], example: Option<&Value>| {
        for f in fields {
            let name = f.name.value.as_str();
            let upper = name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if !upper || out.iter().any(|(n, _)| n == name) {
                continue;
            }
            let shown = example
                .and_then(|e| e.get(name)?.get("type")?.as_str())
                .map(str::to_owned);
            let ty = shown.unwrap_or_else(|| match f.shape.ty.value.as_str() {
                "array" => f
                    .shape
                    .items
                    .as_ref()
                    .map(|i| i.ty.value.clone())
                    .unwrap_or_default(),
                t => t.to_owned(),
            });
            out.push((name.to_owned(), ty));
        }
    };
    let type_name: String = entity[..1].to_uppercase() + &entity[1..];
    for verb in ["add", "get", "fields"] {
        let Some(e) = reg.get(&format!("crm.{entity}.{verb}"), false) else {
            continue;
        };
        match verb {
            "add" => {
                if let Some(t) = reg.file(e).types.get(&type_name) {
                    push(&t.fields, None);
                }
                if let Some(p) = e.method.params.iter().find(|p| p.name.value == "fields") {
                    push(&p.shape.fields, None);
                }
            }
            _ => {
                let example = e
                    .method
                    .result_examples
                    .iter()
                    .filter_map(|x| serde_json::from_str::<Value>(x).ok())
                    .map(|v| v.get("result").cloned().unwrap_or(v))
                    .next();
                if let Some(r) = &e.method.result {
                    push(&r.fields, example.as_ref());
                }
            }
        }
    }
    out
}

/// The legacy method family of a store (`deal` for `crm.deal.*`), or "".
fn entity_name(store: &Store) -> &'static str {
    match store.kind {
        Kind::Deal => "deal",
        Kind::Contact => "contact",
        Kind::Lead => "lead",
        Kind::Company => "company",
        _ => "",
    }
}

/// A `crm.*.fields` type for a spec type; a type the docs' example already
/// gives in the wire form (`crm_status`, `enumeration`, ...) stays.
fn wire_type(spec: &str) -> &str {
    match spec {
        "integer" => "integer",
        "number" => "double",
        "datetime" => "datetime",
        "date" => "date",
        "boolean" => "char",
        "CrmMultifield" => "crm_multifield",
        t if !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '_') => t,
        _ => "string",
    }
}

pub(super) fn fields_description(store: &Store, camel_names: bool) -> Value {
    let mut out = Map::new();
    let entity = entity_name(store);
    let documented = documented_fields(entity);
    let extra = documented
        .iter()
        .filter(|(n, _)| !store.has_column(n))
        .map(|(n, t)| (n.as_str(), wire_type(t)));
    for (f, ty) in store
        .fields()
        .iter()
        .chain(store.multi_fields())
        .map(|f| (*f, ""))
        .chain(extra)
    {
        let ty = match f {
            "ID" | "ASSIGNED_BY_ID" | "CREATED_BY_ID" | "MODIFY_BY_ID" | "CONTACT_ID"
            | "COMPANY_ID" | "CATEGORY_ID" | "LEAD_ID" | "QUOTE_ID" => "integer",
            "OPPORTUNITY" | "TAX_VALUE" => "double",
            "DATE_CREATE" | "DATE_MODIFY" | "BEGINDATE" | "CLOSEDATE" | "CREATED_TIME"
            | "UPDATED_TIME" | "MOVED_TIME" => "datetime",
            "OPENED"
            | "CLOSED"
            | "IS_MANUAL_OPPORTUNITY"
            | "HAS_PHONE"
            | "HAS_EMAIL"
            | "EXPORT"
            | "IS_NEW" => "char",
            "PHONE" | "EMAIL" => "crm_multifield",
            "STAGE_ID" | "TYPE_ID" | "SOURCE_ID" | "CURRENCY_ID" | "STATUS_ID" => "crm_status",
            _ if !ty.is_empty() => ty,
            _ => "string",
        };
        let name = if camel_names {
            camel(&item_name(store, f))
        } else {
            f.to_owned()
        };
        out.insert(
            name,
            json!({
                "type": ty, "isRequired": false, "isReadOnly": store.read_only(f),
                "isImmutable": false, "isMultiple": store.multi_fields().contains(&f) || ty == "crm_multifield",
                "isDynamic": false, "title": f,
            }),
        );
    }
    Value::Object(out)
}

/// The reading verbs of a legacy CRM entity (`crm.deal.list`, ...).
pub(super) fn crm_legacy_read(store: &Store, caller: &Caller, verb: &str, params: &Value) -> R {
    match verb {
        "fields" => Ok(Output::one(fields_description(store, false))),
        "list" => {
            let mut q = list_query(params, false, caller.order_keys.as_deref())?;
            // The legacy lists ignore a filter key naming no field (an
            // operator they lack, `<>STATUS_ID`, reads as the field
            // `>STATUS_ID`), where crm.item.list refuses it.
            let documented = documented_fields(entity_name(store));
            q.filter.retain(|c| match c {
                Cond::Leaf { field, .. } => {
                    store.has_column(field)
                        || field.starts_with("UF_")
                        || documented.iter().any(|(n, _)| n == field)
                }
                Cond::Group { .. } => true,
            });
            let select: Vec<String> = select_param(params)
                .iter()
                .map(|s| s.to_uppercase())
                .collect();
            Ok(list_page(store, &q, &select))
        }
        "get" => {
            let id = id_param(params)?;
            let row = store.row(id).ok_or_else(|| ApiError::crm("Not found"))?;
            Ok(Output::one(Value::Object(store.materialize(row))))
        }
        _ => Err(method_not_found()),
    }
}

#[allow(clippy::too_many_arguments)]
/// The stage and funnel of a record, for its stage history.
fn stage(store: &Store, id: u64, etid: i64) -> Option<(Option<String>, i64)> {
    store
        .row(id)
        .map(|r| stagehistory::stage_of(&store.materialize(r), etid))
}

pub(super) fn crm_legacy(
    portal: &Portal,
    st: &mut State,
    caller: &Caller,
    etid: i64,
    verb: &str,
    params: &Value,
    now: i64,
) -> R {
    let prefix = event_prefix(etid).unwrap_or("ONCRMDEAL");
    let user = caller.user_id;
    let Some(store) = st.store_for(etid) else {
        return Err(method_not_found());
    };
    match verb {
        "fields" | "list" | "get" => crm_legacy_read(store, caller, verb, params),
        "add" => {
            let fields = fields_param(params)?;
            let id = store.add(&fields, user, now);
            let after = stage(store, id, etid);
            if let Some(after) = after {
                stagehistory::note(st, etid, id, None, after, now);
            }
            portal.emit(
                st,
                &format!("{prefix}ADD"),
                json!({"FIELDS": {"ID": id.to_string()}}),
                user,
            );
            Ok(Output::one(json!(id)))
        }
        "update" => {
            let id = id_param(params)?;
            let fields = fields_param(params)?;
            let before = stage(store, id, etid);
            if !store.update(id, &fields, user, now) {
                return Err(ApiError::crm("Not found"));
            }
            if let Some(after) = stage(store, id, etid) {
                stagehistory::note(st, etid, id, before, after, now);
            }
            portal.emit(
                st,
                &format!("{prefix}UPDATE"),
                json!({"FIELDS": {"ID": id.to_string()}}),
                user,
            );
            Ok(Output::one(json!(true)))
        }
        "delete" => {
            let id = id_param(params)?;
            if !store.delete(id) {
                return Err(ApiError::crm("Not found"));
            }
            portal.emit(
                st,
                &format!("{prefix}DELETE"),
                json!({"FIELDS": {"ID": id.to_string()}}),
                user,
            );
            Ok(Output::one(json!(true)))
        }
        _ => Err(method_not_found()),
    }
}

/// `crm.item` names of the legacy entities' columns that the item API
/// renames (crm-item-fields.md: `createdTime`, `updatedTime`, `createdBy`,
/// `updatedBy`), as (legacy, item) in `UPPER_SNAKE`.
const ITEM_RENAMES: [(&str, &str); 4] = [
    ("DATE_CREATE", "CREATED_TIME"),
    ("DATE_MODIFY", "UPDATED_TIME"),
    ("CREATED_BY_ID", "CREATED_BY"),
    ("MODIFY_BY_ID", "UPDATED_BY"),
];

/// A legacy column under its `crm.item` name.
fn item_name(store: &Store, column: &str) -> String {
    let legacy = !matches!(store.kind, Kind::Item(_));
    match ITEM_RENAMES.iter().find(|(l, _)| legacy && *l == column) {
        Some((_, item)) => (*item).to_owned(),
        None => column.to_owned(),
    }
}

/// The store column a `crm.item` name stands for.
fn item_column(store: &Store, name: &str) -> String {
    let legacy = !matches!(store.kind, Kind::Item(_));
    match ITEM_RENAMES.iter().find(|(_, i)| legacy && *i == name) {
        Some((l, _)) => (*l).to_owned(),
        None => name.to_owned(),
    }
}

/// Points a `crm.item.list` filter at the store's columns and refuses
/// fields the entity does not have, as crm-item-list.md documents.
fn item_filter(store: &Store, filter: &mut [Cond]) -> Result<(), ApiError> {
    for c in filter {
        let Cond::Leaf { field, .. } = c else {
            continue;
        };
        let column = item_column(store, field);
        let known = store.has_column(&column)
            || column.starts_with("UF_")
            || column.starts_with("PARENT_ID_")
            || store.kind == Kind::Generic;
        if !known {
            return Err(ApiError::new(
                400,
                "INVALID_ARG_VALUE",
                &format!(
                    "Invalid filter: field '{}' is not allowed in filter",
                    camel(field)
                ),
            ));
        }
        *field = column;
    }
    Ok(())
}

pub(super) fn item_json(store: &Store, rec: Record, select: &[String]) -> Value {
    let all = select.is_empty() || select.iter().any(|s| s == "*");
    let mut out = Map::new();
    for (k, v) in rec {
        let k = item_name(store, &k);
        let name = camel(&k);
        if all
            || select
                .iter()
                .any(|s| *s == name || s.eq_ignore_ascii_case(&k))
        {
            let v = item_value(&name, v);
            out.insert(name, v);
        }
    }
    if let Kind::Item(t) = store.kind {
        out.entry("entityTypeId").or_insert(json!(t));
    }
    Value::Object(out)
}

/// The reading verbs of `crm.item.*`.
pub(super) fn crm_item_read(st: &State, caller: &Caller, verb: &str, params: &Value) -> R {
    let etid = int_param(params, "entityTypeId")
        .ok_or_else(|| ApiError::new(400, "NOT_FOUND", "SPA not found"))?;
    let Some(store) = st.store_ref(etid) else {
        return Err(ApiError::new(400, "NOT_FOUND", "SPA not found"));
    };
    let not_found = || ApiError::new(400, "NOT_FOUND", "Item not found");
    match verb {
        "fields" => Ok(Output::one(
            json!({"fields": fields_description(store, true)}),
        )),
        "list" => {
            let mut q = list_query(params, true, caller.order_keys.as_deref())?;
            item_filter(store, &mut q.filter)?;
            for o in &mut q.order {
                o.field = item_column(store, &o.field);
            }
            let mut select = select_param(params);
            if select.is_empty() {
                select.push("*".into());
            }
            let page = store.list(&q);
            let items: Vec<Value> = page
                .ids
                .iter()
                .filter_map(|id| store.row(*id))
                .map(|r| item_json(store, store.materialize(r), &select))
                .collect();
            Ok(Output {
                rows: items.len() as u64,
                synthesized: false,
                result: json!({"items": items}),
                total: Some(page.total.unwrap_or(0)),
                next: page.next,
            })
        }
        "get" => {
            let id = int_param(params, "id")
                .filter(|&n| n > 0)
                .ok_or_else(not_found)? as u64;
            let row = store.row(id).ok_or_else(not_found)?;
            Ok(Output::one(
                json!({"item": item_json(store, store.materialize(row), &[])}),
            ))
        }
        _ => Err(method_not_found()),
    }
}

pub(super) fn crm_item(
    portal: &Portal,
    st: &mut State,
    caller: &Caller,
    verb: &str,
    params: &Value,
    now: i64,
) -> R {
    if matches!(verb, "fields" | "list" | "get") {
        return crm_item_read(st, caller, verb, params);
    }
    let etid = int_param(params, "entityTypeId")
        .ok_or_else(|| ApiError::new(400, "NOT_FOUND", "SPA not found"))?;
    let user = caller.user_id;
    let Some(store) = st.store_for(etid) else {
        return Err(ApiError::new(400, "NOT_FOUND", "SPA not found"));
    };
    let not_found = || ApiError::new(400, "NOT_FOUND", "Item not found");
    // crm.item fields arrive in camelCase; the store keeps UPPER_SNAKE.
    let upper_fields = |params: &Value| -> Result<Record, ApiError> {
        match param(params, "fields") {
            Some(Value::Object(m)) => Ok(m
                .iter()
                .map(|(k, v)| (item_column(store, &upper_snake(k)), v.clone()))
                .collect()),
            _ => Err(ApiError::new(
                400,
                "INVALID_ARG_VALUE",
                "Parameter 'fields' must be array.",
            )),
        }
    };
    let (ev_add, ev_update, ev_delete, dynamic) = match event_prefix(etid) {
        Some(p) => (
            format!("{p}ADD"),
            format!("{p}UPDATE"),
            format!("{p}DELETE"),
            false,
        ),
        None => (
            format!("ONCRMDYNAMICITEMADD_{etid}"),
            format!("ONCRMDYNAMICITEMUPDATE_{etid}"),
            format!("ONCRMDYNAMICITEMDELETE_{etid}"),
            true,
        ),
    };
    let ev_data = |id: u64| {
        if dynamic {
            json!({"FIELDS": {"ID": id, "ENTITY_TYPE_ID": etid}})
        } else {
            json!({"FIELDS": {"ID": id.to_string()}})
        }
    };
    match verb {
        "add" => {
            let fields = upper_fields(params)?;
            let id = store.add(&fields, user, now);
            let item = store
                .row(id)
                .map(|r| item_json(store, store.materialize(r), &[]));
            if let Some(after) = stage(store, id, etid) {
                stagehistory::note(st, etid, id, None, after, now);
            }
            portal.emit(st, &ev_add, ev_data(id), user);
            Ok(Output::one(json!({"item": item})))
        }
        "update" => {
            let id = int_param(params, "id")
                .filter(|&n| n > 0)
                .ok_or_else(not_found)? as u64;
            let fields = upper_fields(params)?;
            let before = stage(store, id, etid);
            if !store.update(id, &fields, user, now) {
                return Err(not_found());
            }
            let item = store
                .row(id)
                .map(|r| item_json(store, store.materialize(r), &[]));
            if let Some(after) = stage(store, id, etid) {
                stagehistory::note(st, etid, id, before, after, now);
            }
            portal.emit(st, &ev_update, ev_data(id), user);
            Ok(Output::one(json!({"item": item})))
        }
        "delete" => {
            let id = int_param(params, "id")
                .filter(|&n| n > 0)
                .ok_or_else(not_found)? as u64;
            if !store.delete(id) {
                return Err(not_found());
            }
            portal.emit(st, &ev_delete, ev_data(id), user);
            Ok(Output::one(json!([])))
        }
        _ => Err(method_not_found()),
    }
}
