//! Placement pages and their JS interface events and commands.

use super::*;

/// Joins a command's result with the error its callback receives instead:
/// no result (or `any`) becomes the error; an array without an item type
/// becomes an array of the error. Other results are left as they are and
/// `false` is returned.
pub(super) fn union_with_error(result: &mut Option<Shape>, error: Shape) -> bool {
    let Some(r) = result else {
        *result = Some(error);
        return true;
    };
    if r.ty == "any" && r.fields.is_empty() && r.values.is_empty() {
        let description = r.description.take();
        *r = error;
        r.description = description;
        return true;
    }
    let untyped_items = match &r.items {
        None => true,
        Some(it) => it.ty == "object" && it.fields.is_empty(),
    };
    if r.ty == "array" && error.ty == "array" && untyped_items {
        r.items = error.items;
        return true;
    }
    false
}

/// The callback's first parameter name in `bindEvent('name', function (x)`.
pub(super) fn bind_event_param(text: &str, name: &str) -> Option<String> {
    for q in ['\'', '"'] {
        let key = format!("bindEvent({q}{name}{q}");
        if let Some(p) = text.find(&key) {
            let after = &text[p + key.len()..];
            let after = after.trim_start().strip_prefix(',')?.trim_start();
            let after = after.strip_prefix("function").unwrap_or(after).trim_start();
            let after = after.strip_prefix('(')?;
            let end = after.find(')')?;
            let first = after[..end].split(',').next()?.trim();
            let first = first.split(':').next()?.trim();
            if is_ident(first) {
                return Some(first.to_owned());
            }
        }
    }
    None
}

impl Ctx<'_> {
    pub(super) fn placement_code(&self, all_text: &str) -> Option<String> {
        // "... in the `CALL_CARD` placement"
        let mut rest = all_text;
        while let Some(p) = rest.find("` placement") {
            let before = &rest[..p];
            if let Some(open) = before.rfind('`') {
                let code = &before[open + 1..];
                if !code.is_empty()
                    && code
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                {
                    return Some(code.to_owned());
                }
            }
            rest = &rest[p + 1..];
        }
        None
    }

    pub(super) fn interface_event(
        &mut self,
        name: String,
        h1_line: u32,
        all_text: &str,
    ) -> Analysis {
        let Some(placement) = self.placement_code(all_text) else {
            return Analysis::Skipped(format!(
                "interface event `{name}` without a placement code (\"in the `CODE` placement\")"
            ));
        };
        let (scopes, who) = self.header();
        // the example: `callback(...)` under "What the Handler Receives"
        let mut example: Option<(String, Vec<Value>)> = None;
        if let Some(h) = self.h2(|t| t.contains(IFACE_EVENT_SECTION)) {
            for i in self.section(h) {
                if let Block::Code { text, .. } = &self.doc.blocks[i]
                    && let Some(args) = call_args(text, "callback(")
                {
                    let json = format!("[{}]", args.trim());
                    if let Ok(Value::Array(v)) = serde_json::from_str::<Value>(&json) {
                        example = Some((json, v));
                        break;
                    }
                }
            }
        }
        let rows = match self
            .h2(|t| t.contains("handler parameters") || t.contains("handler arguments"))
        {
            Some(h) => self.section_table(h),
            None => None,
        };
        let fields = rows
            .map(|r| self.fields(&r, &mut Vec::new()))
            .unwrap_or_default();
        let mut args = Vec::new();
        let single_object = match &example {
            Some((_, v)) if v.len() == 1 => match &v[0] {
                Value::Object(o) => {
                    !fields.is_empty() && fields.iter().all(|f| o.contains_key(&f.name))
                        || fields.len() > 1
                }
                _ => false,
            },
            _ => false,
        };
        if single_object {
            let arg_name = bind_event_param(all_text, &name).unwrap_or_else(|| "eventData".into());
            let mut shape = Shape::of("object");
            shape.fields = fields;
            args.push(Field {
                name: arg_name,
                rust_name: None,
                required: true,
                description: None,
                shape,
            });
        } else if !fields.is_empty() {
            args = fields;
        } else if let Some((_, v)) = &example {
            for (i, val) in v.iter().enumerate() {
                args.push(Field {
                    name: format!("arg{}", i + 1),
                    required: true,
                    shape: infer_shape(val),
                    ..Field::default()
                });
            }
            if !args.is_empty() {
                self.warn(
                    h1_line,
                    "the handler arguments are not described in a table; inferred from the example",
                );
            }
        }
        // a later positional argument implies the earlier ones
        if let Some(last_req) = args.iter().rposition(|a| a.required) {
            for a in &mut args[..last_req] {
                a.required = true;
            }
        }
        let event = InterfaceEvent {
            name,
            docs: self.docs(who),
            args,
            examples: example.map(|e| vec![e.0]).unwrap_or_default(),
        };
        Analysis::Imported(
            Kind::InterfaceEvent,
            vec![Entry::InterfaceEvent {
                placement,
                scopes,
                event,
            }],
        )
    }

    pub(super) fn command(&mut self, name: String, _h1_line: u32, all_text: &str) -> Analysis {
        let Some(placement) = self.placement_code(all_text) else {
            return Analysis::Skipped(format!(
                "interface command `{name}` without a placement code (\"in the `CODE` placement\")"
            ));
        };
        let (scopes, who) = self.header();
        let params = match self.h2(|t| t.contains("parameter")) {
            Some(h) => {
                let rows = self.section_table(h);
                rows.map(|r| self.fields(&r, &mut Vec::new()))
                    .unwrap_or_default()
            }
            None => Vec::new(),
        };
        let mut examples = Vec::new();
        for key in [
            format!("placement.call('{name}'"),
            format!("placement.call(\"{name}\""),
        ] {
            let mut rest = all_text;
            while let Some(p) = rest.find(&key) {
                let after = &rest[p + key.len()..];
                if let Some(obj) = after.trim_start().strip_prefix(',').map(str::trim_start)
                    && obj.starts_with('{')
                    && let Some(end) = matching_brace(obj)
                {
                    let js = &obj[..=end];
                    if let Some(json) = js_to_json(js)
                        && json != "{}"
                        && !examples.contains(&json)
                    {
                        examples.push(json);
                    }
                }
                rest = after;
            }
        }
        let (mut result, mut result_examples) =
            match self.h2(|t| t.contains("result") || t.contains("response")) {
                Some(h) => self.result_of(h, false),
                None => (None, Vec::new()),
            };
        if let Some(h) = self.h2(|t| t.contains("error"))
            && let Some((error, text)) = self.command_error(h, &name)
        {
            if union_with_error(&mut result, error) {
                if !result_examples.contains(&text) {
                    result_examples.push(text);
                }
            } else {
                let line = self.example_line(&text);
                self.warn(
                    line,
                    format!(
                        "`{name}`: the error example and the result have different shapes; the error is left out of the result"
                    ),
                );
            }
        }
        let command = Command {
            name,
            docs: self.docs(who),
            params,
            result,
            examples,
            result_examples,
        };
        Analysis::Imported(
            Kind::InterfaceCommand,
            vec![Entry::Command {
                placement,
                scopes,
                command,
            }],
        )
    }

    /// The error a command's callback receives instead of its result: the
    /// first JSON example of the errors section `h` (an object or an array
    /// of objects), with each field whose values a subsection lists
    /// (`### errorCode Values` and a `Code` table) as an enum. The error
    /// object is a named type, `<Command>Error`. Returns the shape and the
    /// example's text.
    pub(super) fn command_error(&mut self, h: usize, command: &str) -> Option<(Shape, String)> {
        let range = self.section(h);
        let (value, text) = range.clone().find_map(|i| match &self.doc.blocks[i] {
            Block::Code { lang, text, .. } if lang.is_empty() || lang == "json" => {
                serde_json::from_str::<Value>(text)
                    .ok()
                    .map(|v| (v, text.trim().to_owned()))
            }
            _ => None,
        })?;
        let (object, in_array) = match &value {
            Value::Object(o) => (o.clone(), false),
            Value::Array(a) => match a.as_slice() {
                [Value::Object(o), rest @ ..] if rest.iter().all(Value::is_object) => {
                    (o.clone(), true)
                }
                _ => return None,
            },
            _ => return None,
        };
        let mut error = Shape::of("object");
        error.fields = infer_fields(&object);
        if error.fields.is_empty() {
            return None;
        }
        // `### <field> Values` followed by a table whose first column is the code
        for i in range.clone() {
            let Block::Heading { level, text, .. } = &self.doc.blocks[i] else {
                continue;
            };
            if *level <= 2 {
                continue;
            }
            let title = text.replace('`', "");
            let Some(field_name) = title.split_whitespace().next() else {
                continue;
            };
            let Some(field) = error
                .fields
                .iter_mut()
                .find(|f| f.name == field_name && f.shape.ty == "string")
            else {
                continue;
            };
            let values = self.own(i).find_map(|j| match &self.doc.blocks[j] {
                Block::Table(t) => code_table_values(t),
                _ => None,
            });
            if let Some(values) = values {
                field.shape.values = values;
            }
        }
        error.type_ref = Some(TypeRef {
            key: format!("{}#{command}-error", self.doc.page),
            name: format!(
                "{}Error",
                names::camel(command).unwrap_or_else(|| "Command".into())
            ),
        });
        let shape = if in_array {
            let mut s = Shape::of("array");
            s.items = Some(Box::new(error));
            s
        } else {
            error
        };
        Some((shape, text))
    }
}

impl Ctx<'_> {
    /// The fields of a page's `PLACEMENT_OPTIONS` section (heading `h`):
    /// its key table, else its list of `` `KEY` — description `` items; and
    /// the universal `URI` key when the section says the context carries it.
    /// Keys without a documented type are strings, which is how the portal
    /// sends them.
    pub(super) fn placement_options(&mut self, h: usize) -> Vec<Field> {
        let mut fields = self
            .section_table(h)
            .map(|rows| self.fields(&rows, &mut Vec::new()))
            .unwrap_or_default();
        let doc = Rc::clone(&self.doc);
        let texts: Vec<&str> = self
            .own(h)
            .filter_map(|i| match &doc.blocks[i] {
                Block::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        if fields.is_empty() {
            for text in &texts {
                let Some(item) = text.trim_start().strip_prefix("- ") else {
                    continue;
                };
                let Some(rest) = item.trim_start().strip_prefix('`') else {
                    continue;
                };
                let Some((key, desc)) = rest.split_once('`') else {
                    continue;
                };
                let desc = desc
                    .trim_start()
                    .trim_start_matches(['—', '-', '–', ':'])
                    .trim();
                if is_ident(key) && !fields.iter().any(|f: &Field| f.name == key) {
                    fields.push(Field {
                        name: key.to_owned(),
                        description: (!desc.is_empty()).then(|| md::plain(desc)),
                        shape: Shape::of("string"),
                        ..Field::default()
                    });
                }
            }
        }
        if fields.is_empty() {
            fields = options_example(&doc, self.section(h)).unwrap_or_default();
        }
        let all = texts.join(" ");
        if all.contains("universal `URI` key") && !fields.iter().any(|f| f.name == "URI") {
            fields.push(Field {
                name: "URI".into(),
                description: Some(
                    "The universal key: the address of the page the placement was opened from."
                        .into(),
                ),
                shape: Shape::of("string"),
                ..Field::default()
            });
        }
        fields
    }
}

/// The `PLACEMENT_OPTIONS` a JSON example in `range` of `doc` shows: a code
/// block right after text that names `PLACEMENT_OPTIONS`, holding an object.
/// Typed conservatively, as answers are (every key optional, `null` as `any`).
pub(super) fn options_example(doc: &Parsed, range: std::ops::Range<usize>) -> Option<Vec<Field>> {
    let blocks = &doc.blocks[range];
    blocks.iter().enumerate().find_map(|(i, b)| {
        let Block::Code {
            lang, text: code, ..
        } = b
        else {
            return None;
        };
        // the line before the block, blank lines aside (a text block is a line)
        let before = blocks[..i]
            .iter()
            .rev()
            .find(|b| !matches!(b, Block::Text { text, .. } if text.trim().is_empty()));
        let Some(Block::Text { text, .. }) = before else {
            return None;
        };
        if !text.contains("PLACEMENT_OPTIONS") || !matches!(lang.as_str(), "" | "json" | "js") {
            return None;
        }
        let v: Value = serde_json::from_str(code)
            .ok()
            .or_else(|| serde_json::from_str(&js_to_json(code)?).ok())?;
        let fields = infer_fields(v.as_object()?);
        (!fields.is_empty()).then_some(fields)
    })
}

/// The rows of a key table (`Key | Contents`) whose keys are code spans,
/// several to a row when they share a description: `(key, description)`.
fn key_rows(t: &Table) -> Vec<(String, String)> {
    let mut rows = t.rows.iter();
    let Some(head) = rows.next() else {
        return Vec::new();
    };
    let first = head.cells.first().map(|c| c.text.replace("**", ""));
    if first.is_none_or(|c| c.trim() != "Key") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in rows {
        let (Some(k), Some(d)) = (r.cells.first(), r.cells.get(1)) else {
            continue;
        };
        // only code spans and the commas between them
        let keys = md::code_spans(&k.text);
        let rest = keys.iter().fold(k.text.clone(), |t, key| {
            t.replacen(&format!("`{key}`"), "", 1)
        });
        if keys.is_empty() || !rest.chars().all(|c| c == ',' || c.is_whitespace()) {
            continue;
        }
        for key in keys.into_iter().filter(|k| is_ident(k)) {
            out.push((key, md::plain(d.text.trim())));
        }
    }
    out
}

/// Joins the keys a table describes with the types an example shows: the
/// example's fields (its order, its nested objects) with the table's
/// descriptions, then the keys only the table names, as strings.
fn join_options(described: Vec<(String, String)>, shown: Vec<Field>) -> Vec<Field> {
    let mut out = shown;
    for (key, desc) in described {
        match out.iter_mut().find(|f| f.name == key) {
            Some(f) => f.description = Some(desc),
            None => out.push(Field {
                name: key,
                description: Some(desc),
                shape: Shape::of("string"),
                ..Field::default()
            }),
        }
    }
    out
}

impl Ctx<'_> {
    /// A placement that a page other than a placement page documents: a
    /// section that names one placement ("opens in the `CODE` placement")
    /// and what `PLACEMENT_OPTIONS` carries, in a key table, a JSON example,
    /// or a JSON example on the page of a method the section names and the
    /// page links to (the method that registers the placement's handler).
    pub(super) fn section_placement(&mut self) -> Option<PlacementInfo> {
        let doc = Rc::clone(&self.doc);
        // the first section that names `PLACEMENT_OPTIONS` and one placement
        let (h, text, code) = (0..doc.blocks.len())
            .filter(|&i| matches!(&doc.blocks[i], Block::Heading { level: 2, .. }))
            .find_map(|h| {
                let text = self
                    .section(h)
                    .filter_map(|i| match &doc.blocks[i] {
                        Block::Text { text, .. } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                if !text.contains("`PLACEMENT_OPTIONS`") {
                    return None;
                }
                let code = self
                    .placement_code(&text)
                    .filter(|c| is_placement_code(c))?;
                Some((h, text, code))
            })?;
        // one placement only: a section naming several describes them all
        if md::code_spans(&text)
            .iter()
            .any(|c| is_placement_code(c) && *c != code && c != "PLACEMENT_OPTIONS")
        {
            return None;
        }
        let described: Vec<(String, String)> = self
            .section(h)
            .filter_map(|i| match &doc.blocks[i] {
                Block::Table(t) => Some(key_rows(t)),
                _ => None,
            })
            .find(|rows| !rows.is_empty())
            .unwrap_or_default();
        let mut shown = options_example(&doc, self.section(h));
        if shown.is_none() {
            // the registering method's page, linked from this page
            let links = md::links(&self.all_text());
            for name in md::code_spans(&text)
                .into_iter()
                .filter(|c| is_method_name(c))
            {
                let Some((_, target)) = links.iter().find(|(t, _)| t.trim_matches('`') == name)
                else {
                    continue;
                };
                let Some(rel) = crate::join(&doc.page, target.split('#').next().unwrap_or(""))
                else {
                    continue;
                };
                if let Some(other) = self.resolver.page(&rel)
                    && let Some(f) = options_example(&other, 0..other.blocks.len())
                {
                    shown = Some(f);
                    break;
                }
            }
        }
        let options = join_options(described, shown.unwrap_or_default());
        if options.is_empty() {
            return None;
        }
        let (scopes, _) = self.header();
        Some(PlacementInfo {
            code,
            title: None,
            docs: self.docs(None),
            scopes,
            options,
        })
    }
}
