//! Field tables: rows, their types and links to the objects they name, and
//! the fields built from them.

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

    /// The object a row's type links to: a section with a field table on
    /// this page or another one. `stack` holds the objects being resolved.
    pub(super) fn linked_object(
        &mut self,
        doc: &Rc<Parsed>,
        r: &RawRow,
        stack: &mut Vec<String>,
    ) -> Linked {
        // candidates: the type cell's links, then a section of this page
        // named like an unknown type
        let mut candidates: Vec<(String, String)> = Vec::new();
        for (text, target) in &r.type_links {
            candidates.push((text.clone(), target.clone()));
        }
        if r.type_links.is_empty()
            && let [t] = r.types.as_slice()
        {
            let base = type_base(t);
            if map_one(base).is_none() && is_ident(base) {
                candidates.push((t.clone(), format!("#{}", base.to_lowercase())));
            }
        }
        let mut missing = None;
        for (text, target) in candidates {
            let t = text.trim().trim_matches('`').trim();
            let base = type_base(t);
            if base.is_empty() || target.contains("://") || target.contains(' ') {
                continue;
            }
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (target.as_str(), None),
            };
            if !(path.is_empty() || path.ends_with(".md")) {
                continue;
            }
            // builtin types stay builtin, unless the link names an object's
            // section explicitly
            match map_one(base) {
                Some(s) if !(matches!(s.ty.as_str(), "object" | "any") && anchor.is_some()) => {
                    continue;
                }
                _ => {}
            }
            let tdoc = if path.is_empty() {
                Some(Rc::clone(doc))
            } else {
                match crate::join(&doc.page, path) {
                    Some(rel) if rel == doc.page => Some(Rc::clone(doc)),
                    Some(rel) => self.resolver.page(&rel),
                    None => None,
                }
            };
            let Some(tdoc) = tdoc else {
                missing.get_or_insert_with(|| {
                    format!("the linked page `{path}` is not in the docs tree")
                });
                continue;
            };
            let explicit = anchor.filter(|a| !a.is_empty());
            let mut anchor = match explicit {
                Some(a) => a.to_owned(),
                None => slug(base),
            };
            let h = match tdoc.anchor(&anchor) {
                Some(h) => Some(h),
                // a link to a page that describes the object: its first table
                None if explicit.is_none() && tdoc.page != doc.page => {
                    anchor.clear();
                    first_table_heading(&tdoc)
                }
                None => None,
            };
            let Some(h) = h else {
                missing.get_or_insert_with(|| format!("no section `#{anchor}` in `{}`", tdoc.page));
                continue;
            };
            let key = format!("{}#{}", tdoc.page, anchor.to_lowercase());
            if stack.contains(&key) || stack.len() >= MAX_NESTING {
                self.cuts += 1;
                return Linked::Cut(t.ends_with("[]"));
            }
            let array = t.ends_with("[]") || t.to_ascii_lowercase().starts_with("array<");
            if let Some(s) = self.resolver.memo(&key) {
                return Linked::Found(s, array);
            }
            let Some(rows) = self.section_table_in(&tdoc, h) else {
                missing.get_or_insert_with(|| {
                    format!("no field table under `#{anchor}` in `{}`", tdoc.page)
                });
                continue;
            };
            let cuts = self.cuts;
            stack.push(key.clone());
            let fields = self.fields_in(&tdoc, &rows, stack);
            stack.pop();
            if fields.is_empty() {
                continue;
            }
            // named after the type, or after the section when the type is
            // a builtin (`object` linking to `#fields`)
            let camel = |x: &str| {
                names::camel(&sanitize_name(x))
                    .filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
            };
            let (first, second) = if map_one(base).is_some() {
                (anchor.as_str(), base)
            } else {
                (base, anchor.as_str())
            };
            let name = camel(first)
                .or_else(|| camel(second))
                .unwrap_or_else(|| "Object".to_owned());
            let mut s = Shape::of("object");
            s.fields = fields;
            s.type_ref = Some(TypeRef {
                key: key.clone(),
                name,
            });
            if self.cuts == cuts {
                // resolved without cutting a cycle: the same wherever it is met
                self.resolver.remember(&key, &s);
            }
            return Linked::Found(s, array);
        }
        match missing {
            Some(m) => Linked::Missing(m),
            None => Linked::None,
        }
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

    /// The object a row's description links to as its fields' description
    /// on another page: that page's section, or its first field table. An
    /// array's `element` row may also name the object's section ("[Task
    /// object](fields.md#taskdto)"); other rows may not, as an `order` or a
    /// result that only refers to the object's fields would then be typed as
    /// the object.
    pub(super) fn fields_page_object(
        &mut self,
        doc: &Rc<Parsed>,
        r: &RawRow,
        element: bool,
        stack: &mut Vec<String>,
    ) -> Option<Shape> {
        for (text, target) in md::links(&r.desc) {
            // "Description of task fields", "List of fields with related
            // objects", "Description of all task fields"
            let t = text.to_ascii_lowercase();
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a.to_owned())),
                None => (target.as_str(), None),
            };
            let field_list = t.contains("fields")
                && (t.contains("description") || t.contains("list") || t.contains("all "));
            // "See the field descriptions in the [Task object](fields.md#taskdto)
            // block": a named object's section on another page
            let object_section = element && anchor.is_some() && t.trim().ends_with(" object");
            if !(field_list || object_section) {
                continue;
            }
            if !path.ends_with(".md") || path.contains("://") {
                continue;
            }
            let rel = crate::join(&doc.page, path)?;
            if rel == doc.page {
                continue;
            }
            let anchor = match anchor {
                Some(a) => a,
                None => {
                    let tdoc = self.resolver.page(&rel)?;
                    let h = first_table_heading(&tdoc)?;
                    match &tdoc.blocks[h] {
                        Block::Heading { anchor, text, .. } => {
                            anchor.clone().unwrap_or_else(|| slug(text))
                        }
                        _ => continue,
                    }
                }
            };
            let row = RawRow {
                name: r.name.clone(),
                required: r.required,
                types: vec!["object".into()],
                type_links: vec![("object".into(), format!("{path}#{anchor}"))],
                desc: String::new(),
                line: r.line,
            };
            if let Linked::Found(s, false) = self.linked_object(doc, &row, stack) {
                return Some(s);
            }
        }
        None
    }

    /// The fields of the object a section's "all … fields" link describes.
    fn all_fields_note(
        &mut self,
        doc: &Rc<Parsed>,
        h: usize,
        name: &str,
        stack: &mut Vec<String>,
    ) -> Vec<Field> {
        let texts: Vec<(String, u32)> = section_in(&doc.blocks, h)
            .filter_map(|i| match &doc.blocks[i] {
                Block::Text { text, line } => Some((text.clone(), *line)),
                _ => None,
            })
            .collect();
        for (text, line) in texts {
            let all = md::links(&text).into_iter().any(|(t, _)| {
                let t = t.to_ascii_lowercase();
                t.contains("all") && t.contains("field")
            });
            if !all {
                continue;
            }
            let row = RawRow {
                name: name.to_owned(),
                required: false,
                types: vec!["object".into()],
                type_links: Vec::new(),
                desc: text,
                line,
            };
            if let Some(s) = self.fields_page_object(doc, &row, false, stack) {
                return s.fields;
            }
        }
        Vec::new()
    }
}
