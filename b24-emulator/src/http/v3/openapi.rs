//! `rest.scope.list` and `rest.documentation.openapi`, derived from the registry.

#[allow(unused_imports)]
use super::*;

/// `rest.scope.list`: the docs call it a method-to-scope mapping and show no
/// answer, so the emulator lists `{method, scope}` items under `items`, the
/// unified list form.
pub(super) fn scope_list() -> Value {
    let mut items: Vec<Value> = SPECS
        .iter()
        .map(|s| json!({"method": s.name, "scope": s.scope}))
        .collect();
    items.extend(
        registry()
            .entries()
            .iter()
            .filter(|e| e.v3 && spec_of(&e.name).is_none())
            .map(|e| json!({"method": e.name, "scope": e.scope})),
    );
    json!({ "items": items })
}

/// `rest.documentation.openapi`: OpenAPI 3.0.0 with one path per emulated
/// method (`/tasks.task.get`) and the task objects under `components.schemas`.
pub(super) fn openapi() -> Value {
    let mut tags: Vec<&str> = SPECS.iter().map(|s| s.tag).collect();
    tags.dedup();
    let tags: Vec<Value> = tags
        .iter()
        .map(|t| json!({"name": t, "description": format!("{t} module methods")}))
        .collect();
    let mut paths = Map::new();
    for s in SPECS {
        let request = tasks::request_schema(s.name);
        let takes_params = request.is_some();
        let mut op = json!({
            "tags": [s.tag],
            "operationId": s.name,
            "summary": s.summary,
            "responses": {
                "200": {"description": "Success: `result` and `time`"},
                "400": {"description": "Request error: `error.code`, `error.message`, `error.validation`"},
                "403": {"description": "Access denied or insufficient scope"},
            },
        });
        if let Some(schema) = request {
            op["requestBody"] = json!({
                "required": true,
                "content": {"application/json": {"schema": schema}},
            });
        }
        if s.scope != "basic" {
            op["x-scope"] = json!(s.scope);
        }
        // Methods without parameters take GET too.
        let ops = if takes_params {
            json!({ "post": op })
        } else {
            json!({ "get": op.clone(), "post": op })
        };
        paths.insert(format!("/{}", s.name), ops);
    }
    let reg = registry();
    for e in reg
        .entries()
        .iter()
        .filter(|e| e.v3 && spec_of(&e.name).is_none())
    {
        let mut op = json!({
            "tags": [e.name.split('.').next().unwrap_or("rest")],
            "operationId": e.name,
            "summary": e.method.docs.summary.clone().unwrap_or_default(),
            "responses": {
                "200": {"description": "Success: `result` and `time`"},
                "400": {"description": "Request error: `error.code`, `error.message`, `error.validation`"},
                "403": {"description": "Access denied or insufficient scope"},
            },
            "x-scope": e.scope,
        });
        if !e.method.params.is_empty() {
            let schema = openapi_schema::params(reg.file(e), &e.method.params);
            op["requestBody"] = json!({
                "required": e.method.params.iter().any(|f| f.required),
                "content": {"application/json": {"schema": schema}},
            });
        }
        paths.insert(format!("/{}", e.name), json!({ "post": op }));
    }
    json!({
        "openapi": "3.0.0",
        "info": {"title": "Bitrix24 REST V3 API", "version": "1.0.0"},
        "tags": tags,
        "paths": paths,
        "components": {"schemas": tasks::schemas()},
    })
}
