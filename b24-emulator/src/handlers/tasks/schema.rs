//! The task request and object schemas of the OpenAPI document.

#[allow(unused_imports)]
use super::*;

/// The request body schema of a method, for the OpenAPI document (`None`:
/// the method has no parameters).
pub(crate) fn request_schema(method: &str) -> Option<Value> {
    let id = json!({"type": "integer"});
    let select = json!({"type": "array", "items": {"type": "string"}});
    let fields = json!({"$ref": "#/components/schemas/TaskDto"});
    Some(match method {
        "tasks.task.add" => json!({"type": "object", "required": ["fields"],
            "properties": {"fields": fields}}),
        "tasks.task.get" => json!({"type": "object", "required": ["id"],
            "properties": {"id": id, "select": select}}),
        "tasks.task.update" => json!({"type": "object", "required": ["id", "fields"],
            "properties": {"id": id, "fields": fields}}),
        "tasks.task.delete" => json!({"type": "object", "required": ["id"],
            "properties": {"id": id}}),
        "tasks.task.list" => json!({"type": "object", "properties": {
            "select": select,
            "filter": {"type": "array", "items": {}},
            "order": {"type": "object", "additionalProperties": {"type": "string", "enum": ["ASC", "DESC"]}},
            "pagination": {"type": "object", "properties": {
                "page": {"type": "integer"}, "limit": {"type": "integer", "maximum": MAX_LIMIT},
                "offset": {"type": "integer"}}},
        }}),
        "batch" => json!({"type": "array", "maxItems": crate::protocol::MAX_BATCH, "items": {
            "type": "object", "required": ["method"],
            "properties": {"method": {"type": "string"}, "query": {"type": "object"}}}}),
        _ => return None,
    })
}

/// `components.schemas`: the task and its related objects.
pub(crate) fn schemas() -> Value {
    let mut out = Map::new();
    for dto in [
        Dto::Task,
        Dto::User,
        Dto::File,
        Dto::Group,
        Dto::Stage,
        Dto::Flow,
        Dto::Chat,
        Dto::Template,
        Dto::Email,
        Dto::ElapsedTime,
        Dto::Source,
    ] {
        let mut props = Map::new();
        match dto {
            Dto::Task => {
                for f in FIELDS {
                    let mut s = f.ty.openapi();
                    if let Some(values) = allowed_values(f.name) {
                        s["enum"] = json!(values);
                    }
                    if !f.add && !f.update {
                        s["readOnly"] = json!(true);
                    }
                    props.insert(f.name.to_owned(), s);
                }
            }
            d => {
                for name in d.plain() {
                    props.insert((*name).to_owned(), json!({}));
                }
            }
        }
        for rel in [
            "creator",
            "responsible",
            "changedBy",
            "statusChangedBy",
            "closedBy",
            "accomplices",
            "auditors",
            "parent",
            "chat",
            "group",
            "flow",
            "forkedByTemplate",
            "email",
            "elapsedTime",
            "source",
            "image",
            "task",
        ] {
            if let Some((target, _)) = dto.relation(rel) {
                let r = json!({"$ref": format!("#/components/schemas/{}", target.name())});
                let s = if matches!(rel, "accomplices" | "auditors") {
                    json!({"oneOf": [{"type": "array", "items": {"type": "integer"}},
                                      {"type": "array", "items": r}]})
                } else {
                    r
                };
                props.insert(rel.to_owned(), s);
            }
        }
        let mut schema = json!({"type": "object", "properties": props});
        if dto == Dto::Task {
            schema["required"] = json!(["title", "creatorId", "responsibleId"]);
        }
        out.insert(dto.name().to_owned(), schema);
    }
    Value::Object(out)
}
