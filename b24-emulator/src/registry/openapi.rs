//! Spec shapes as OpenAPI 3.0 schemas, for `rest.documentation.openapi`.

use b24_spec::{Field, SpecFile};
use serde_json::{Map, Value, json};

const MAX_DEPTH: usize = 8;

fn schema(
    file: &SpecFile,
    ty: &str,
    fields: &[Field],
    items: Option<&b24_spec::Shape>,
    depth: usize,
) -> Value {
    match ty {
        "string" => json!({"type": "string"}),
        "date" => json!({"type": "string", "format": "date"}),
        "datetime" => json!({"type": "string", "format": "date-time"}),
        "integer" => json!({"type": "integer"}),
        "number" => json!({"type": "number"}),
        "boolean" => json!({"type": "boolean"}),
        "any" => json!({}),
        "object" if depth < MAX_DEPTH && !fields.is_empty() => params_at(file, fields, depth + 1),
        "object" => json!({"type": "object"}),
        "array" => match items {
            Some(s) if depth < MAX_DEPTH => json!({"type": "array", "items": schema(
                file, &s.ty.value, &s.fields, s.items.as_deref(), depth + 1)}),
            _ => json!({"type": "array", "items": {}}),
        },
        named => match file.types.get(named) {
            Some(s) if depth < MAX_DEPTH => {
                schema(file, &s.ty.value, &s.fields, s.items.as_deref(), depth + 1)
            }
            _ => json!({}),
        },
    }
}

fn params_at(file: &SpecFile, fields: &[Field], depth: usize) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let mut s = schema(
            file,
            &f.shape.ty.value,
            &f.shape.fields,
            f.shape.items.as_deref(),
            depth,
        );
        if let (Some(d), Some(o)) = (&f.shape.description, s.as_object_mut()) {
            o.insert("description".into(), json!(d));
        }
        if f.required {
            required.push(json!(f.name.value));
        }
        props.insert(f.name.value.clone(), s);
    }
    let mut v = json!({"type": "object", "properties": props});
    if !required.is_empty() {
        v["required"] = Value::Array(required);
    }
    v
}

/// The request body schema of a method's parameters.
pub(crate) fn params(file: &SpecFile, fields: &[Field]) -> Value {
    params_at(file, fields, 0)
}
