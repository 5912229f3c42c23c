//! TypeScript result declarations in the JS examples: `type XResult = {...}`
//! or `interface XResult {...}`, passed to `$b24.actions.v2.call.make<X>`.
//! A small parser for what those declarations use: primitives, literals,
//! `null`/`undefined` unions, arrays (`T[]`, `Array<T>`), object literals and
//! references to other declarations of the same example. Anything else
//! (`Record<...>`, index signatures, unions of different kinds) is `any`.
//! Every field is optional: a declaration says what a key holds, not that
//! the answer always carries it.

use std::collections::HashMap;

use super::*;

/// How deep declarations refer to each other before the rest is `any`.
const MAX_DEPTH: usize = 6;

/// The result type the code examples declare: the declaration named in
/// `make<Name>` or `call<Name>`, else one whose name ends in `Result`; `None`
/// when there is none or it says nothing a decoder could check.
pub(super) fn ts_result(code: &str) -> Option<Shape> {
    let decls = declarations(code);
    let used: Vec<&str> = ["make<", "call<"]
        .iter()
        .flat_map(|m| {
            code.match_indices(m)
                .map(move |(i, _)| &code[i + m.len()..])
        })
        .filter_map(|rest| {
            let end = rest.find('>')?;
            let name = rest[..end].trim();
            is_ident(name).then_some(name)
        })
        .collect();
    let named = used.iter().find(|n| decls.contains_key(**n)).copied();
    let name = named.or_else(|| {
        let mut results: Vec<&str> = decls
            .keys()
            .map(String::as_str)
            .filter(|n| n.ends_with("Result"))
            .collect();
        results.sort_unstable();
        (results.len() == 1).then(|| results[0])
    })?;
    let mut p = Parser {
        s: decls.get(name)?,
        at: 0,
        decls: &decls,
        depth: 0,
    };
    let shape = p.ty("")?;
    // `type X = null`: a documented `null`, as an answer of `null` is
    let null = p.s[..p.at].trim().trim_start_matches('|').trim() == "null";
    (null || !super::result_shape::is_untyped(&shape)).then_some(shape)
}

/// `name → the text from its type on` for each `type N =` and
/// `interface N {` in `code` (the parser stops where the type ends).
fn declarations(code: &str) -> HashMap<String, &str> {
    let mut out = HashMap::new();
    for (kw, opens) in [("type ", "="), ("interface ", "{")] {
        for (i, _) in code.match_indices(kw) {
            // a keyword starts a statement: line start or `export `
            let before = code[..i].trim_end_matches(' ');
            if !(before.is_empty() || before.ends_with('\n') || before.ends_with("export")) {
                continue;
            }
            let rest = &code[i + kw.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let after = rest[name.len()..].trim_start();
            if name.is_empty() || !after.starts_with(opens) {
                continue;
            }
            // an interface is its body; a type alias what follows `=`
            let body = if opens == "=" { &after[1..] } else { after };
            out.entry(name).or_insert(body);
        }
    }
    out
}

struct Parser<'a> {
    s: &'a str,
    at: usize,
    decls: &'a HashMap<String, &'a str>,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.at..]
    }

    /// Skips whitespace and comments.
    fn skip(&mut self) {
        loop {
            let r = self.rest();
            let t = r.trim_start();
            self.at += r.len() - t.len();
            if t.starts_with("//") {
                self.at += t.find('\n').unwrap_or(t.len());
            } else if t.starts_with("/*") {
                self.at += t.find("*/").map_or(t.len(), |e| e + 2);
            } else {
                return;
            }
        }
    }

    fn eat(&mut self, tok: &str) -> bool {
        self.skip();
        if self.rest().starts_with(tok) {
            self.at += tok.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.skip();
        let id: String = self
            .rest()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.at += id.len();
        Some(id)
    }

    /// A quoted string literal's content.
    fn quoted(&mut self) -> Option<String> {
        self.skip();
        let q = self
            .rest()
            .chars()
            .next()
            .filter(|c| matches!(c, '\'' | '"'))?;
        let body = &self.rest()[1..];
        let end = body.find(q)?;
        let text = body[..end].to_owned();
        self.at += end + 2;
        Some(text)
    }

    /// A union of postfix types; `key` is the field it types (ids are
    /// integers, as in the JSON examples).
    fn ty(&mut self, key: &str) -> Option<Shape> {
        self.eat("|");
        let mut parts = vec![self.postfix(key)?];
        while self.eat("|") {
            parts.push(self.postfix(key)?);
        }
        Some(union(parts))
    }

    fn postfix(&mut self, key: &str) -> Option<Shape> {
        let mut s = self.primary(key)?;
        loop {
            self.skip();
            if self.rest().starts_with("[]") {
                self.at += 2;
                let mut a = Shape::of("array");
                a.items = Some(Box::new(s));
                s = a;
            } else {
                return Some(s);
            }
        }
    }

    fn primary(&mut self, key: &str) -> Option<Shape> {
        self.skip();
        let c = self.rest().chars().next()?;
        if c == '{' {
            self.at += 1;
            return self.members();
        }
        if c == '(' {
            self.at += 1;
            let s = self.ty(key)?;
            return self.eat(")").then_some(s);
        }
        if matches!(c, '\'' | '"') {
            self.quoted()?;
            return Some(Shape::of("string"));
        }
        if c.is_ascii_digit() || c == '-' {
            let n: String = self
                .rest()
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.'))
                .collect();
            self.at += n.len();
            return Some(Shape::of(if n.contains('.') {
                "number"
            } else {
                "integer"
            }));
        }
        let id = self.ident()?;
        // generic arguments: `Array<T>` is an array, the rest unknown
        self.skip();
        if self.rest().starts_with('<') {
            self.at += 1;
            let mut args = vec![self.ty("")?];
            while self.eat(",") {
                args.push(self.ty("")?);
            }
            if !self.eat(">") {
                return None;
            }
            if id == "Array" && args.len() == 1 {
                let mut a = Shape::of("array");
                a.items = args.pop().map(Box::new);
                return Some(a);
            }
            return Some(Shape::of("any"));
        }
        Some(match id.as_str() {
            "string" => Shape::of("string"),
            "number" if is_id_key(key) => Shape::of("integer"),
            "number" => Shape::of("number"),
            "boolean" | "true" | "false" => Shape::of("boolean"),
            "ISODate" => Shape::of("datetime"),
            "null" | "undefined" => {
                let mut s = Shape::of("any");
                s.nullable = true;
                s
            }
            other => self.reference(other, key),
        })
    }

    /// Another declaration of the example, parsed in place.
    fn reference(&self, name: &str, key: &str) -> Shape {
        let Some(text) = self.decls.get(name) else {
            return Shape::of("any");
        };
        if self.depth >= MAX_DEPTH {
            return Shape::of("any");
        }
        let mut p = Parser {
            s: text,
            at: 0,
            decls: self.decls,
            depth: self.depth + 1,
        };
        p.ty(key).unwrap_or_else(|| Shape::of("any"))
    }

    /// The members of an object type after its `{`, through its `}`.
    fn members(&mut self) -> Option<Shape> {
        let mut s = Shape::of("object");
        let mut map = false;
        loop {
            if self.eat("}") {
                break;
            }
            self.skip();
            // an index signature makes a map: its keys are data
            if self.rest().starts_with('[') {
                let end = self.rest().find(']')?;
                self.at += end + 1;
                self.eat("?");
                if !self.eat(":") {
                    return None;
                }
                self.ty("")?;
                map = true;
            } else {
                let name = match self.quoted() {
                    Some(q) => q,
                    None => self.ident()?,
                };
                self.eat("?");
                if !self.eat(":") {
                    return None;
                }
                let shape = self.ty(&name)?;
                if !s.fields.iter().any(|f| f.name == name) {
                    s.fields.push(Field {
                        name,
                        shape,
                        ..Field::default()
                    });
                }
            }
            if !(self.eat(";") || self.eat(",")) {
                // members may also be separated by line breaks only
                self.skip();
                if self.rest().starts_with('}') {
                    continue;
                }
                if self.rest().is_empty() {
                    return None;
                }
            }
        }
        if map {
            s.fields.clear();
        }
        Some(s)
    }
}

/// A union: `null`/`undefined` make the rest nullable; literals and
/// primitives of one kind stay that kind; anything else is `any`.
fn union(parts: Vec<Shape>) -> Shape {
    let nullable = parts.iter().any(|p| p.nullable && p.ty == "any");
    let mut rest: Vec<Shape> = parts
        .into_iter()
        .filter(|p| !(p.nullable && p.ty == "any"))
        .collect();
    let mut s = match rest.len() {
        0 => Shape::of("any"),
        1 => rest.pop().unwrap_or_default(),
        _ => {
            let first = rest[0].ty.clone();
            let scalar = !matches!(first.as_str(), "object" | "array" | "any");
            if scalar && rest.iter().all(|p| p.ty == first) {
                Shape::of(&first)
            } else if rest
                .iter()
                .all(|p| matches!(p.ty.as_str(), "integer" | "number"))
            {
                Shape::of("number")
            } else {
                Shape::of("any")
            }
        }
    };
    s.nullable |= nullable;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &Shape) -> Vec<&str> {
        s.fields.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn reads_the_declaration_the_call_names() {
        let code = "type VatGetResult = {\n  vat: {\n    active: string\n    id: number\n    rate: number\n    timestampX: ISODate | null\n  }\n}\n\ntry {\n  const r = await $b24.actions.v2.call.make<VatGetResult>({})\n} catch {}";
        let s = ts_result(code).expect("typed");
        assert_eq!(names(&s), ["vat"]);
        let vat = &s.fields[0].shape;
        assert_eq!(names(vat), ["active", "id", "rate", "timestampX"]);
        let ty = |i: usize| vat.fields[i].shape.ty.as_str();
        assert_eq!(
            [ty(0), ty(1), ty(2), ty(3)],
            ["string", "integer", "number", "datetime"]
        );
        assert!(vat.fields[3].shape.nullable);
        assert!(vat.fields.iter().all(|f| !f.required));
    }

    #[test]
    fn arrays_interfaces_references_and_comments() {
        let code = "interface Item { id: number; tags?: string[]; 'x-y': Array<boolean> }\n// the answer\ntype ListResult = {\n  items: Item[] // rows\n  next: number | null\n}\n";
        let s = ts_result(code).expect("typed");
        assert_eq!(names(&s), ["items", "next"]);
        let item = s.fields[0].shape.items.as_deref().expect("rows");
        assert_eq!(names(item), ["id", "tags", "x-y"]);
        assert_eq!(
            item.fields[1].shape.items.as_deref().map(|i| i.ty.as_str()),
            Some("string")
        );
        assert_eq!(item.fields[2].shape.ty, "array");
    }

    #[test]
    fn what_it_cannot_type_stays_open() {
        // a bare scalar union, a map, mixed kinds: nothing a struct can hold
        assert!(ts_result("type AResult = boolean | null\n").is_some_and(|s| s.ty == "boolean"));
        assert_eq!(ts_result("type UrlResult = Record<string, string>\n"), None);
        assert_eq!(
            ts_result("type MapResult = { [id: string]: number }\n"),
            None
        );
        let mixed = ts_result("type XResult =\n  | number\n  | { id: number }\n\nconst a = 1");
        assert_eq!(mixed, None);
        // `'Y' | 'N'` is a string
        let s = ts_result("type FlagResult = { active: 'Y' | 'N' }").expect("typed");
        assert_eq!(s.fields[0].shape.ty, "string");
        // a documented `null`, but not an unknown that may be `null`
        let s = ts_result("type MoveResult = null\n\ntry {}").expect("null");
        assert!(s.nullable && s.ty == "any");
        assert_eq!(ts_result("type MaybeResult = unknown | null\n"), None);
        // unparsable text: no type rather than a wrong one
        assert_eq!(ts_result("type BadResult = { a: string"), None);
        assert_eq!(ts_result("const x: number = 1"), None);
    }
}
