//! Objects a field table row names elsewhere: the section or page its
//! type or description links to, resolved to a named object shape.

use super::*;

impl Ctx<'_> {
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
    pub(super) fn all_fields_note(
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
