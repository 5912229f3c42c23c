//! REST method pages: parameters, result, paging, errors and examples.

use super::*;

use super::result_shape::*;

impl Ctx<'_> {
    /// The result shape and examples of a response section. With
    /// `envelope`, examples are `{"result": ...}` objects.
    /// The JSON code blocks of section `h`, parsed.
    pub(super) fn json_blocks(&self, h: usize) -> Vec<Value> {
        self.section(h)
            .filter_map(|i| match &self.doc.blocks[i] {
                // answers with a trailing comma are still answers
                Block::Code { lang, text, .. } if lang.is_empty() || lang == "json" => {
                    serde_json::from_str(text)
                        .ok()
                        .or_else(|| serde_json::from_str(&js_to_json(text)?).ok())
                }
                _ => None,
            })
            .collect()
    }

    pub(super) fn result_of(&mut self, h: usize, envelope: bool) -> (Option<Shape>, Vec<String>) {
        let range = self.section(h);
        let mut examples = Vec::new();
        let mut first_val: Option<Value> = None;
        let mut section_text = String::new();
        for i in range.clone() {
            match &self.doc.blocks[i] {
                Block::Code { lang, text, .. } if lang.is_empty() || lang == "json" => {
                    if let Ok(v) = serde_json::from_str::<Value>(text) {
                        let keep =
                            !envelope || matches!(&v, Value::Object(o) if o.contains_key("result"));
                        if keep {
                            if first_val.is_none() {
                                first_val = Some(v);
                            }
                            examples.push(text.trim().to_owned());
                        }
                    }
                }
                Block::Text { text, .. } => {
                    section_text.push_str(text);
                    section_text.push('\n');
                }
                _ => {}
            }
        }
        let rows = self.first_field_table(range.clone());
        let result_val = match (&first_val, envelope) {
            (Some(Value::Object(o)), true) => o.get("result").cloned(),
            (v, false) => v.clone(),
            _ => None,
        };
        let shape = match rows {
            Some(rows) => {
                let fields = self.fields(&rows, &mut Vec::new());
                if envelope {
                    if let Some(r) = fields.iter().find(|f| f.name == "result") {
                        let mut s = r.shape.clone();
                        s.description = r.description.clone();
                        add_siblings(&mut s, &fields, result_val.as_ref());
                        add_elements(&mut s, &fields, result_val.as_ref());
                        Some(s)
                    } else {
                        let fs: Vec<Field> = fields
                            .into_iter()
                            .filter(|f| !matches!(f.name.as_str(), "time" | "total" | "next"))
                            .collect();
                        shape_from_fields(fs, result_val.as_ref())
                    }
                } else {
                    shape_from_fields(fields, result_val.as_ref())
                }
            }
            None => result_val.as_ref().map(|v| {
                let mut s = shallow_shape(v);
                if let (Value::Array(items), Some(it)) = (v, s.items.as_mut())
                    && it.ty == "string"
                    && items.iter().all(Value::is_string)
                {
                    it.values = enum_values(&section_text, "string");
                }
                s
            }),
        };
        (shape, examples)
    }

    /// Whether a code example calls method `name`.
    pub(super) fn calls_method(&self, name: &str) -> bool {
        let pats = [
            format!("'{name}'"),
            format!("\"{name}\""),
            format!("/{name}'"),
            format!("/{name}\""),
            format!("/{name} "),
            format!("/{name}\n"),
            format!("/{name}.json"),
            format!("/{name}?"),
        ];
        self.doc.blocks.iter().any(|b| match b {
            Block::Code { text, .. } => {
                let t = format!("{text}\n");
                pats.iter().any(|p| t.contains(p.as_str()))
            }
            _ => false,
        })
    }

    pub(super) fn method_name_from_examples(&self) -> Option<String> {
        let mut found: Option<String> = None;
        for b in &self.doc.blocks {
            let Block::Code { text, .. } = b else {
                continue;
            };
            // `callMethod(` takes the quoted name after it, also on the next line
            for marker in ["**put_your_webhook_here**/", "callMethod("] {
                let mut rest = text.as_str();
                while let Some(p) = rest.find(marker) {
                    let after = &rest[p + marker.len()..];
                    let after = if marker.ends_with('(') {
                        match after.trim_start().strip_prefix(['\'', '"']) {
                            Some(quoted) => quoted,
                            None => {
                                rest = after;
                                continue;
                            }
                        }
                    } else {
                        after
                    };
                    let name: String = after
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
                        .collect();
                    let name = name
                        .trim_end_matches(".json")
                        .trim_end_matches('.')
                        .to_owned();
                    if !name.is_empty()
                        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    {
                        match &found {
                            None => found = Some(name),
                            Some(f) if *f == name => {}
                            Some(_) => return None,
                        }
                    }
                    rest = after;
                }
            }
        }
        found
    }

    pub(super) fn method(&mut self, name: String, _h1_line: u32) -> Analysis {
        let (scopes, who) = self.header();
        let params = match self.h2(|t| {
            t.contains("parameter") && !t.contains("handler") && !t.contains("subscription")
        }) {
            Some(h) => {
                let rows = self.section_table(h);
                rows.map(|r| self.fields(&r, &mut Vec::new()))
                    .unwrap_or_default()
            }
            // A page without a parameter heading may still open with a
            // table headed "Parameter" before its first section.
            None => {
                let end = self
                    .doc
                    .blocks
                    .iter()
                    .position(|b| matches!(b, Block::Heading { level: 2, .. }))
                    .unwrap_or(self.doc.blocks.len());
                let headed = (0..end).find(|&i| {
                    matches!(&self.doc.blocks[i], Block::Table(t) if t.rows.first().and_then(|r| r.cells.first()).is_some_and(|c| c.text.to_ascii_lowercase().contains("parameter")))
                });
                headed
                    .and_then(|i| self.first_field_table(i..i + 1))
                    .map(|r| self.fields(&r, &mut Vec::new()))
                    .unwrap_or_default()
            }
        };
        let is_response = |t: &str| {
            (t.contains("response") || t.starts_with("returned") || t.contains("result"))
                && !t.contains("error")
        };
        // some pages open the answer's table with an H3 only
        let response = self
            .h2(is_response)
            .or_else(|| self.heading(3, |t| t.starts_with("returned")));
        let (mut result, result_examples) = match response {
            Some(h) => self.result_of(h, true),
            None => (None, Vec::new()),
        };
        // every JSON answer, also those shown without their `result` wrapper
        let answers: Vec<Value> = response.map(|h| self.json_blocks(h)).unwrap_or_default();
        if let Some(shape) = &mut result {
            self.reconcile_result(&name, shape, &result_examples);
        }
        // A `*.fields` method answers with each field's metadata, not its
        // value: the table's value types hold only when an answer shows
        // them; without one, the keys are known and their values are not.
        let describes_fields = name.rsplit('.').next().is_some_and(|last| {
            last.eq_ignore_ascii_case("fields") || last.eq_ignore_ascii_case("getfields")
        });
        if describes_fields
            && result_examples.is_empty()
            && let Some(r) = result.as_mut()
            && r.ty == "object"
        {
            for f in &mut r.fields {
                if f.shape.type_ref.is_none() {
                    f.shape = Shape::of("any");
                }
            }
        }
        // What the tables leave untyped, the answers shown may type.
        if result.as_ref().is_none_or(is_untyped) {
            let shown = shown_results(&answers);
            let refs: Vec<&Value> = shown.iter().collect();
            if let Some(mut inferred) = infer_result(&refs)
                && (result.is_none() || !is_untyped(&inferred))
            {
                inferred.description = result.and_then(|r| r.description);
                result = Some(inferred);
            }
        }
        // Neither: the JS examples may declare the result's TypeScript type,
        // unless an answer the page shows is of another kind (a number
        // where the declaration has an object).
        if result.as_ref().is_none_or(is_untyped)
            && let Some(mut declared) = self.doc.blocks.iter().find_map(|b| match b {
                Block::Code { text, .. } => super::typescript::ts_result(text),
                _ => None,
            })
            && shown_results(&answers)
                .iter()
                .all(|v| same_kind(&declared, v))
        {
            declared.description = result.and_then(|r| r.description);
            result = Some(declared);
        }
        let v3 = self.is_rest_v3();
        // REST 3.0 lists page with `pagination`, never `start`/`next`.
        let list = if v3 {
            None
        } else {
            paging(&params, result.as_ref(), answers)
        };
        let errors = self.errors();
        let examples = self.request_examples();
        let method = Method {
            name,
            v3,
            docs: self.docs(who),
            scopes,
            params,
            result,
            list,
            errors,
            examples,
            result_examples,
        };
        Analysis::Imported(Kind::RestMethod, vec![Entry::Method(method)])
    }

    /// The source line of the code block holding `example`.
    pub(super) fn example_line(&self, example: &str) -> u32 {
        self.doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Code { text, line, .. } if text.trim() == example.trim() => Some(*line),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// Lets the response examples decide where the tables' shape
    /// contradicts them (see [`crate::reconcile`]), with a warning each.
    pub(super) fn reconcile_result(&mut self, name: &str, shape: &mut Shape, examples: &[String]) {
        let mut texts = Vec::new();
        let mut values = Vec::new();
        for ex in examples {
            let Some(r) = crate::reconcile::result_value(ex) else {
                continue;
            };
            texts.push(ex.as_str());
            values.push(r);
        }
        let notes = crate::reconcile::reconcile_result(shape, &values, name);
        for n in notes {
            let line = texts.get(n.example).map_or(0, |t| self.example_line(t));
            self.warn(
                line,
                format!(
                    "`{name}`: `{}`: {} (reconciled with the example)",
                    n.path, n.what
                ),
            );
        }
    }

    pub(super) fn errors(&mut self) -> Vec<ErrorSpec> {
        let mut out: Vec<ErrorSpec> = Vec::new();
        let mut in_errors = false;
        for b in &self.doc.blocks {
            match b {
                Block::Heading { level, text, .. } => {
                    if *level <= 2 {
                        in_errors = text.to_ascii_lowercase().contains("error");
                    } else if text.to_ascii_lowercase().contains("error") {
                        in_errors = true;
                    }
                }
                Block::Table(t) if in_errors => {
                    let Some(head) = t.rows.first() else { continue };
                    let cols: Vec<String> = head
                        .cells
                        .iter()
                        .map(|c| c.text.replace("**", "").trim().to_ascii_lowercase())
                        .collect();
                    let Some(ci) = cols.iter().position(|c| c == "code" || c == "error code")
                    else {
                        continue;
                    };
                    let si = cols.iter().position(|c| c.contains("status"));
                    let di = cols
                        .iter()
                        .position(|c| c.contains("description") || c.contains("message"));
                    for r in &t.rows[1..] {
                        let Some(code) = r.cells.get(ci) else {
                            continue;
                        };
                        let mut code = code.text.replace('`', "").trim().to_owned();
                        if matches!(
                            code.to_ascii_lowercase().as_str(),
                            "empty value" | "empty string" | "-" | "—" | "empty"
                        ) {
                            code.clear();
                        }
                        if code.contains('\n') || code.len() > 120 {
                            continue;
                        }
                        let status = si
                            .and_then(|i| r.cells.get(i))
                            .and_then(|c| c.text.replace('`', "").trim().parse::<u16>().ok());
                        let description = di
                            .and_then(|i| r.cells.get(i))
                            .map(|c| md::plain(&c.text.replace('`', "")))
                            .filter(|d| !d.is_empty() && d != ">");
                        let e = ErrorSpec {
                            code,
                            status,
                            description,
                        };
                        if !out.contains(&e) {
                            out.push(e);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    pub(super) fn request_examples(&self) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.doc.blocks {
            let Block::Code { lang, text, .. } = b else {
                continue;
            };
            if !matches!(lang.as_str(), "bash" | "sh" | "shell" | "curl" | "") {
                continue;
            }
            if !text.contains("curl") {
                continue;
            }
            let Some(p) = text.find("-d '") else { continue };
            let body = &text[p + 4..];
            let Some(end) = body.find('\'') else { continue };
            let body = &body[..end];
            if serde_json::from_str::<Value>(body).is_ok() && !out.iter().any(|o| o == body) {
                out.push(body.to_owned());
            }
            if out.len() >= 3 {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn array(name: &str) -> Field {
        Field {
            name: name.into(),
            shape: Shape::of("array"),
            ..Field::default()
        }
    }

    #[test]
    fn open_array_elements_take_the_example_s_kind() {
        let mut s = Shape::of("object");
        s.fields = vec![array("tags"), array("ids"), array("none")];
        let shown = serde_json::json!({"tags": ["a", "b"], "ids": [1, 2], "none": []});
        add_elements(&mut s, &[], Some(&shown));
        let item = |i: usize| s.fields[i].shape.items.as_deref().map(|e| e.ty.clone());
        assert_eq!(item(0).as_deref(), Some("string"));
        assert_eq!(item(1).as_deref(), Some("number"));
        // an empty example says nothing about the elements
        assert_eq!(item(2), None);
    }
}
