//! Field tables: rows, their types, and the fields built from them (the
//! objects rows link to are resolved in `links`).

use super::*;

/// `deal[]` → `deal`, `array<deal>` → `deal`.
pub(super) fn type_base(t: &str) -> &str {
    let t = t.trim().trim_matches('`').trim();
    if let Some(b) = t.strip_suffix("[]") {
        return b.trim();
    }
    if t.len() > 7
        && t.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("array<"))
        && t.ends_with('>')
    {
        return t.get(6..t.len() - 1).unwrap_or("").trim();
    }
    t
}

/// Letters and digits of a type name, other characters as `_`.
pub(super) fn sanitize_name(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Inserts `f` under the field path `parents` in `fields`.
pub(super) fn insert_path(fields: &mut [Field], parents: &[&str], f: Field) -> bool {
    let Some((first, rest)) = parents.split_first() else {
        return false;
    };
    let Some(p) = fields.iter_mut().find(|x| x.name == *first) else {
        return false;
    };
    let target = match p.shape.ty.as_str() {
        "object" => &mut p.shape,
        "array" => {
            let it = p
                .shape
                .items
                .get_or_insert_with(|| Box::new(Shape::of("object")));
            if it.ty == "any" {
                it.ty = "object".into();
            }
            if it.ty != "object" {
                return false;
            }
            &mut **it
        }
        "any" => {
            p.shape.ty = "object".into();
            &mut p.shape
        }
        _ => return false,
    };
    if rest.is_empty() {
        if let Some(existing) = target.fields.iter_mut().find(|x| x.name == f.name) {
            if existing.shape.fields.is_empty() {
                *existing = f;
            }
        } else {
            target.fields.push(f);
        }
        true
    } else {
        insert_path(&mut target.fields, rest, f)
    }
}

/// Makes `element` the item shape of the array field at `path` in
/// `fields`, unless its items are already typed. `false` when no array
/// field is there.
pub(super) fn set_items(fields: &mut [Field], path: &[&str], element: Shape) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    let Some(f) = fields.iter_mut().find(|x| x.name == *first) else {
        return false;
    };
    let s = &mut f.shape;
    if !rest.is_empty() {
        let inner = match s.ty.as_str() {
            "object" => &mut s.fields,
            "array" => match s.items.as_deref_mut() {
                Some(it) if it.ty == "object" => &mut it.fields,
                _ => return false,
            },
            _ => return false,
        };
        return set_items(inner, rest, element);
    }
    if !matches!(s.ty.as_str(), "array" | "any") {
        return false;
    }
    s.ty = "array".into();
    s.values.clear();
    let untyped = s.items.as_ref().is_none_or(|i| {
        i.type_ref.is_none() && i.fields.is_empty() && matches!(i.ty.as_str(), "object" | "any")
    });
    if untyped {
        let mut element = element;
        element.nullable = false;
        s.items = Some(Box::new(element));
    }
    true
}

pub(super) fn shape_from_fields(fields: Vec<Field>, example: Option<&Value>) -> Option<Shape> {
    if fields.is_empty() {
        return example.map(shallow_shape);
    }
    match example {
        Some(Value::Array(a)) if a.iter().all(Value::is_object) && !a.is_empty() => {
            let mut item = Shape::of("object");
            item.fields = fields;
            let mut s = Shape::of("array");
            s.items = Some(Box::new(item));
            Some(s)
        }
        Some(Value::Array(a)) if a.is_empty() => Some(Shape::of("array")),
        Some(v) if !v.is_object() && !v.is_array() => Some(shallow_shape(v)),
        _ => {
            let mut s = Shape::of("object");
            s.fields = fields;
            Some(s)
        }
    }
}

/// The values of a `Code | Description | ...` table: the codes (backticks
/// removed) with their descriptions. `None` for other tables and for codes
/// that span lines.
pub(super) fn code_table_values(t: &md::Table) -> Option<Vec<EnumValue>> {
    let head = t.rows.first()?;
    let cols: Vec<String> = head
        .cells
        .iter()
        .map(|c| c.text.replace("**", "").trim().to_ascii_lowercase())
        .collect();
    if cols.first().map(String::as_str) != Some("code") {
        return None;
    }
    let di = cols.iter().position(|c| c.contains("description"));
    let mut out: Vec<EnumValue> = Vec::new();
    for r in t.rows.get(1..).unwrap_or_default() {
        let code = r.cells.first()?.text.replace('`', "").trim().to_owned();
        if code.is_empty() || code.contains('\n') {
            return None;
        }
        if out
            .iter()
            .any(|v| v.value == ScalarValue::Str(code.clone()))
        {
            continue;
        }
        let description = di
            .and_then(|i| r.cells.get(i))
            .and_then(|c| clean_text(&c.text));
        out.push(EnumValue {
            value: ScalarValue::Str(code),
            rust_name: None,
            description,
        });
    }
    (!out.is_empty()).then_some(out)
}

impl Ctx<'_> {
    pub(super) fn first_field_table(
        &mut self,
        range: std::ops::Range<usize>,
    ) -> Option<Vec<RawRow>> {
        let doc = Rc::clone(&self.doc);
        self.first_field_table_in(&doc, range)
    }

    pub(super) fn first_field_table_in(
        &mut self,
        doc: &Parsed,
        range: std::ops::Range<usize>,
    ) -> Option<Vec<RawRow>> {
        for i in range {
            if let Some(Block::Table(t)) = doc.blocks.get(i)
                && let Some(rows) = self.field_rows(&doc.page, t)
            {
                return Some(rows);
            }
        }
        None
    }

    /// The section's main field table: the one before any subsection, else
    /// the first one in the section.
    pub(super) fn section_table(&mut self, h: usize) -> Option<Vec<RawRow>> {
        let doc = Rc::clone(&self.doc);
        self.section_table_in(&doc, h)
    }

    pub(super) fn section_table_in(&mut self, doc: &Parsed, h: usize) -> Option<Vec<RawRow>> {
        self.first_field_table_in(doc, own_in(&doc.blocks, h))
            .or_else(|| self.first_field_table_in(doc, section_in(&doc.blocks, h)))
    }

    pub(super) fn field_rows(&mut self, page: &str, t: &Table) -> Option<Vec<RawRow>> {
        let first = t.rows.first()?;
        let head = first
            .cells
            .first()
            .map(|c| c.text.to_ascii_lowercase())
            .unwrap_or_default();
        let is_header = head.contains("type")
            || head.contains("name")
            || head.replace("**", "").trim() == "key"
            || head.contains("parameter")
            || head.contains("field");
        let data = if is_header { &t.rows[1..] } else { &t.rows[..] };
        let mut out = Vec::new();
        let mut typed = 0;
        for r in data {
            let Some(c0) = r.cells.first() else { continue };
            let text = c0.text.trim();
            let Some(rest) = text.strip_prefix("**") else {
                continue;
            };
            let Some(end) = rest.find("**") else {
                self.warnings.push(Warning::new(
                    page,
                    r.line,
                    "malformed field name: `**` is not closed",
                ));
                continue;
            };
            let mut name = rest[..end].trim().replace('\\', "");
            let mut after = &rest[end + 2..];
            let mut required = false;
            if let Some(a) = after
                .strip_prefix("\\*")
                .or_else(|| after.strip_prefix('*'))
            {
                required = true;
                after = a;
            }
            if let Some(n) = name.strip_suffix('*') {
                name = n.trim().to_owned();
                required = true;
            }
            let types = md::code_spans(after);
            if !types.is_empty() {
                typed += 1;
            }
            let type_links = md::links(after);
            let desc = r
                .cells
                .iter()
                .skip(1)
                .map(|c| c.text.as_str())
                .next()
                .unwrap_or("")
                .to_owned();
            out.push(RawRow {
                name,
                required,
                types,
                type_links,
                desc,
                line: r.line,
            });
        }
        if out.is_empty() || (typed == 0 && !head.contains("type")) {
            return None;
        }
        Some(out)
    }

    /// Builds fields from rows of the current page.
    pub(super) fn fields(&mut self, rows: &[RawRow], stack: &mut Vec<String>) -> Vec<Field> {
        let doc = Rc::clone(&self.doc);
        self.fields_in(&doc, rows, stack)
    }

    /// Builds fields from rows of `doc`, following links to objects
    /// described in other sections and on other pages.
    pub(super) fn fields_in(
        &mut self,
        doc: &Rc<Parsed>,
        rows: &[RawRow],
        stack: &mut Vec<String>,
    ) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for r in rows {
            let raw = r.name.trim().trim_end_matches(':').trim();
            // `items[]`: one element of the array field `items` above it
            let element = raw
                .strip_suffix("[]")
                .map(str::trim)
                .filter(|b| !b.is_empty() && !is_pattern_name(b));
            let name = element.unwrap_or(raw).to_owned();
            if name.is_empty() {
                self.warnings.push(Warning::new(
                    &doc.page,
                    r.line,
                    "a table row without a field name",
                ));
                continue;
            }
            if is_pattern_name(&name) {
                self.warnings.push(Warning::new(
                    &doc.page,
                    r.line,
                    format!("`{name}` is a name pattern, not a field; skipped"),
                ));
                continue;
            }
            let (mut shape, mut unknown) = map_types(&r.types);
            let mut why = None;
            // an object described elsewhere, named after its type
            match self.linked_object(doc, r, stack) {
                Linked::Found(named, array) => {
                    let nullable = shape.nullable;
                    if array || shape.ty == "array" {
                        shape = Shape::of("array");
                        shape.items = Some(Box::new(named));
                    } else {
                        shape = named;
                    }
                    shape.nullable = nullable;
                    unknown = None;
                }
                Linked::Cut(array) => {
                    // a cycle or too deep: a free-form object
                    let nullable = shape.nullable;
                    if array || shape.ty == "array" {
                        shape = Shape::of("array");
                        shape.items = Some(Box::new(Shape::of("object")));
                    } else {
                        shape = Shape::of("object");
                    }
                    shape.nullable = nullable;
                    unknown = None;
                }
                Linked::Missing(m) => why = Some(m),
                Linked::None => {}
            }
            // nested object described in a linked section of this page
            let mut nested = None;
            let mut extra_desc: Option<String> = None;
            if stack.len() < 8
                && shape.type_ref.is_none()
                && shape.items.as_ref().is_none_or(|i| i.type_ref.is_none())
            {
                for (_, target) in md::links(&r.desc) {
                    let Some(a) = target.strip_prefix('#') else {
                        continue;
                    };
                    let key = format!("{}#{}", doc.page, a.to_lowercase());
                    if stack.contains(&key) {
                        continue;
                    }
                    let Some(h) = doc.anchor(a) else {
                        continue;
                    };
                    if let Some(rows) = self.first_field_table_in(doc, own_in(&doc.blocks, h)) {
                        // a scalar explained by a one-row table of itself
                        if rows.len() == 1 && rows[0].name.trim_end_matches('*') == name {
                            extra_desc = Some(rows[0].desc.clone());
                            break;
                        }
                        stack.push(key);
                        let mut f = self.fields_in(doc, &rows, stack);
                        // the section may point to the object's full field
                        // list elsewhere ("Description of all task fields"):
                        // the fields it lists besides these are optional
                        let more = self.all_fields_note(doc, h, &name, stack);
                        for mut m in more {
                            if !f.iter().any(|x| x.name == m.name) {
                                m.required = false;
                                f.push(m);
                            }
                        }
                        stack.pop();
                        nested = Some(f);
                        break;
                    }
                }
            }
            if let Some(fields) = nested.filter(|f| !f.is_empty()) {
                match shape.ty.as_str() {
                    "object" => shape.fields = fields,
                    "array" => {
                        let items = shape
                            .items
                            .get_or_insert_with(|| Box::new(Shape::of("object")));
                        if items.ty == "object" || items.ty == "any" {
                            items.ty = "object".into();
                            items.values.clear();
                            items.fields = fields;
                        }
                    }
                    "any" => {
                        shape.ty = "object".into();
                        shape.values.clear();
                        shape.fields = fields;
                    }
                    _ => {}
                }
            } else if let Some(u) = &unknown {
                let why = why.map(|w| format!(" ({w})")).unwrap_or_default();
                self.warnings.push(Warning::new(
                    &doc.page,
                    r.line,
                    format!(
                        "unknown type `{u}` of `{name}`; mapped to `{}`{why}",
                        shape.ty
                    ),
                ));
            }
            // an object whose fields another page describes, linked from
            // its description ("Description of all task fields")
            if shape.ty == "object"
                && shape.fields.is_empty()
                && shape.type_ref.is_none()
                && let Some(named) = self.fields_page_object(doc, r, element.is_some(), stack)
            {
                let nullable = shape.nullable;
                shape = named;
                shape.nullable = nullable;
            }
            if matches!(shape.ty.as_str(), "string" | "integer" | "boolean") {
                shape.values = enum_values(&r.desc, &shape.ty);
                if shape.values.is_empty()
                    && let Some(d) = &extra_desc
                {
                    shape.values = enum_values(d, &shape.ty);
                }
            }
            let field = Field {
                name: name.clone(),
                rust_name: None,
                required: r.required,
                description: clean_text(&r.desc),
                shape,
            };
            if element.is_some() {
                let path: Vec<&str> = name.split('.').collect();
                if !set_items(&mut out, &path, field.shape) {
                    self.warn(
                        r.line,
                        format!("`{name}[]`: no array field `{name}` above it; skipped"),
                    );
                }
                continue;
            }
            if name.contains('.') && !name.starts_with('.') && !name.ends_with('.') {
                let path: Vec<&str> = name.split('.').collect();
                let mut f = field.clone();
                f.name = path[path.len() - 1].to_owned();
                if !insert_path(&mut out, &path[..path.len() - 1], f) {
                    self.warn(
                        r.line,
                        format!(
                            "`{name}`: no parent field `{}` in the table; skipped",
                            path[0]
                        ),
                    );
                }
                continue;
            }
            out.push(field);
        }
        out
    }
}
