//! REST event pages: the code, the scope and the fields of `data`.

use super::*;

impl Ctx<'_> {
    pub(super) fn rest_event(&mut self, tokens: &[String], h1_line: u32) -> Option<Analysis> {
        // the title names the event, or the examples do
        let title_code = tokens.iter().rev().find(|t| is_event_code(t)).cloned();
        if tokens
            .iter()
            .any(|t| is_method_name(t) && !is_event_code(t))
        {
            return None;
        }
        // the payload: "What the Handler Receives", else a parameter section
        let handler = self.h2(|t| t.contains(IFACE_EVENT_SECTION));
        let h = handler.or_else(|| self.h2(|t| t.contains("parameter") || t.contains("fields")));
        let range = match h {
            Some(h) => self.section(h),
            None => 0..self.doc.blocks.len(),
        };
        let mut codes: Vec<(String, Option<String>)> = Vec::new();
        for i in range.clone() {
            let Block::Code { text, .. } = &self.doc.blocks[i] else {
                continue;
            };
            if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) {
                if let Some(Value::String(e)) = o.get("event") {
                    codes.push((e.clone(), Some(text.trim().to_owned())));
                }
            } else if let Some(e) = json_string_key(text, "event") {
                codes.push((e, None));
            }
        }
        let (code, example) = match &title_code {
            Some(t) => match codes.iter().find(|c| c.0.eq_ignore_ascii_case(t)) {
                Some(c) => c.clone(),
                // The title may carry the module's internal name
                // (`onLeadDelete`) while the page delivers another code
                // (`ONCRMLEADDELETE`): the delivered code wins when the
                // examples agree on it and the title's is nowhere else.
                None => match delivered_instead(t, &codes, &self.all_text()) {
                    Some(c) => {
                        self.warn(
                            h1_line,
                            format!(
                                "the title names `{t}`, but the page delivers and describes `{}`; the delivered code is kept",
                                c.0
                            ),
                        );
                        c
                    }
                    None => (t.clone(), None),
                },
            },
            None => {
                // no name in the title: one event code in the handler examples
                let first = codes.first()?.clone();
                if handler.is_none() || codes.iter().any(|c| !c.0.eq_ignore_ascii_case(&first.0)) {
                    return None;
                }
                first
            }
        };
        if !is_event_code(&code) {
            return None;
        }
        let (scopes, who) = self.header();
        // the docs spelling: a mixed-case word equal to the code
        let upper = code.to_ascii_uppercase();
        let mut spelled = tokens
            .iter()
            .find(|t| t.eq_ignore_ascii_case(&code) && t.chars().any(|c| c.is_ascii_lowercase()))
            .cloned();
        if spelled.is_none() {
            let text = self.all_text();
            spelled = md::code_spans(&text)
                .into_iter()
                .chain(
                    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '_')
                        .map(str::to_owned),
                )
                .find(|t| {
                    t.eq_ignore_ascii_case(&code) && t.chars().any(|c| c.is_ascii_lowercase())
                });
        }
        // else the page's file name, when its words spell the code
        // (`on-voximplant-call-end.md` for ONVOXIMPLANTCALLEND)
        let spelled = spelled.or_else(|| slug_spelling(self.page, &code));
        let rust_name = b24_spec::names::camel(
            spelled
                .as_deref()
                .unwrap_or(&code)
                .replace('.', "_")
                .as_str(),
        );
        // the payload table
        let rows = match h {
            Some(h) => {
                let own = self.own(h);
                self.first_field_table(own)
                    .or_else(|| self.first_field_table(range.clone()))
            }
            None => self.first_field_table(range.clone()),
        };
        let mut data = Vec::new();
        if let Some(rows) = rows {
            let fields = self.fields(&rows, &mut Vec::new());
            let envelope = fields.iter().any(|f| {
                matches!(
                    f.name.as_str(),
                    "event" | "auth" | "event_handler_id" | "ts"
                )
            });
            if envelope {
                if let Some(d) = fields.iter().find(|f| f.name.eq_ignore_ascii_case("data")) {
                    data = d.shape.fields.clone();
                }
            } else {
                data = fields;
            }
        }
        if data.is_empty()
            && let Some(ex) = &example
            && let Ok(Value::Object(o)) = serde_json::from_str::<Value>(ex)
            && let Some(Value::Object(d)) = o.get("data")
        {
            data = infer_fields(d);
            if !data.is_empty() {
                self.warn(
                    h1_line,
                    "the `data` fields are not described in a table; inferred from the example",
                );
            }
        }
        if !data.is_empty()
            && let Some(ex) = &example
            && let Ok(Value::Object(o)) = serde_json::from_str::<Value>(ex)
            && let Some(d) = o.get("data")
        {
            let notes = crate::reconcile::reconcile_fields(
                &mut data,
                std::slice::from_ref(d),
                &upper,
                "data",
            );
            let line = self.example_line(ex);
            for n in notes {
                self.warn(
                    line,
                    format!(
                        "`{upper}`: `{}`: {} (reconciled with the example)",
                        n.path, n.what
                    ),
                );
            }
        }
        // The format describes `data` as an object's fields; a delivery whose
        // `data` is one value (an id) cannot be typed yet: say so, and keep
        // the example out of a spec it contradicts.
        let mut example = example;
        if let Some(ex) = &example
            && let Ok(Value::Object(o)) = serde_json::from_str::<Value>(ex)
            && let Some(d) = o.get("data")
            && !(d.is_object() || d.is_null() || d.as_array().is_some_and(|a| a.is_empty()))
        {
            let line = self.example_line(ex);
            self.warn(
                line,
                format!("`{upper}`: the example's `data` is `{d}`, not an object; the spec format has no such `data`, the example is left out"),
            );
            example = None;
        }
        let event = RestEvent {
            code: upper,
            rust_name,
            docs: self.docs(who),
            scopes,
            data,
            examples: example.into_iter().collect(),
        };
        Some(Analysis::Imported(
            Kind::RestEvent,
            vec![Entry::RestEvent(event)],
        ))
    }
}

/// The code the handler examples deliver, when it should replace the
/// title's `title`: every example delivers the same code, and `title` does
/// not occur in the page's text (headings aside) while the delivered one does.
fn delivered_instead(
    title: &str,
    codes: &[(String, Option<String>)],
    text: &str,
) -> Option<(String, Option<String>)> {
    let first = codes.first()?;
    if codes.iter().any(|c| !c.0.eq_ignore_ascii_case(&first.0)) {
        return None;
    }
    let occurs = |code: &str| super::occurs_in(code, text);
    (!occurs(title) && occurs(&first.0)).then(|| {
        codes
            .iter()
            .find(|c| c.1.is_some())
            .unwrap_or(first)
            .clone()
    })
}
