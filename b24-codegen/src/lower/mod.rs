//! Spec to IR. This is the only code that reads the spec model
//! (`b24_spec::SpecFile` and what it holds): names are derived, types
//! resolved and defaults applied here, and every problem is an [`Error`] at
//! the spec's `file:line:column`. What comes out is complete, so emitting
//! it cannot fail.

mod dedupe;
mod errors;
mod events;
mod methods;
mod placements;
mod types;

use b24_spec::{Spanned, Spec, names};

use crate::Error;
use crate::ir::{Dir, Docs, Module};

/// Resolves one validated spec into the IR of its module.
///
/// ```
/// let spec = b24_spec::parse("user.yaml", "scope: user\nmethods:\n  - name: user.current\n")?;
/// let module = b24_codegen::lower(&spec)?;
/// assert_eq!(module.methods[0].name, "Current");
/// # Ok::<(), b24_codegen::Error>(())
/// ```
pub fn lower(spec: &Spec) -> Result<Module, Error> {
    // `parse` derives it; a `Spec` built or changed by hand is checked too.
    if !names::is_ident(&spec.module) {
        return Err(Error::at(
            &spec.path,
            0,
            0,
            format!("module name `{}` is not a Rust identifier", spec.module),
        ));
    }
    let mut cx = Lower {
        spec,
        types: types::Types::default(),
        error_enums: Vec::new(),
        field_enums: std::collections::HashMap::new(),
    };
    let file = &spec.file;
    // Entry types own their names; inline types give way to them.
    cx.reserve_entries()?;
    // Named types next, so references resolve to one definition.
    for (name, shape) in &file.types {
        cx.named(name, &shape.ty, Dir::Out)?;
    }
    let placement = match &file.placement {
        Some(p) => Some(cx.placement(p)?),
        None => None,
    };
    let mut methods = Vec::with_capacity(file.methods.len());
    for m in &file.methods {
        methods.push(cx.method(m)?);
    }
    let events = cx.rest_events()?;
    dedupe::share_structs(&mut cx.types.defs);
    Ok(Module {
        path: spec.path.clone(),
        name: spec.module.clone(),
        summary: file
            .summary
            .clone()
            .or_else(|| file.placement.as_ref().and_then(|p| p.docs.summary.clone())),
        scope: file.scope.clone(),
        placement,
        methods,
        events,
        defs: cx.types.defs,
        error_enums: cx.error_enums,
    })
}

/// The lowering of one spec.
struct Lower<'a> {
    spec: &'a Spec,
    types: types::Types,
    /// The methods' error enums so far (deduplicated).
    error_enums: Vec<crate::ir::ErrorEnum>,
    /// Row struct to its `select` field enum, both indexes into the defs.
    field_enums: std::collections::HashMap<usize, usize>,
}

impl Lower<'_> {
    fn err(&self, at: &Spanned<String>, msg: impl Into<String>) -> Error {
        Error::at(
            &self.spec.path,
            at.referenced.line(),
            at.referenced.column(),
            msg,
        )
    }

    /// An explicit `rust_name`, or the name derived from the wire name.
    fn rust_name(
        &self,
        explicit: Option<&Spanned<String>>,
        wire: &Spanned<String>,
        derived: Option<String>,
        what: &str,
    ) -> Result<String, Error> {
        match explicit {
            Some(r) if names::is_ident(&r.value) => Ok(r.value.clone()),
            Some(r) => Err(self.err(
                r,
                format!("rust_name `{}` is not a Rust identifier", r.value),
            )),
            None => derived.ok_or_else(|| {
                self.err(
                    wire,
                    format!(
                        "{what} `{}` cannot become a Rust identifier; set `rust_name:`",
                        wire.value
                    ),
                )
            }),
        }
    }

    /// An entry's scope: its own, else the file's; empty when neither.
    fn scope(&self, own: Option<&str>) -> String {
        own.or(self.spec.file.scope.as_deref())
            .unwrap_or("")
            .to_owned()
    }

    /// Entry types (commands, methods, events) and the per-module enums
    /// own their names; inline types give way to them.
    fn reserve_entries(&mut self) -> Result<(), Error> {
        let file = &self.spec.file;
        if let Some(pl) = &file.placement {
            for fixed in ["Event", "Command", "CommandResult"] {
                self.reserve(fixed, &pl.code)?;
            }
            for c in &pl.commands {
                let name = self.command_name(c)?;
                self.reserve(&name, &c.name)?;
            }
        }
        for m in &file.methods {
            let name = self.method_name(m)?;
            self.reserve(&name, &m.name)?;
            if !m.errors.is_empty() {
                self.reserve(&format!("{name}Error"), &m.name)?;
            }
        }
        if let Some(first) = file.events.first() {
            self.reserve("RestEvent", &first.code)?;
            self.reserve("Dispatch", &first.code)?;
        }
        for e in &file.events {
            let name = self.event_name(e)?;
            self.reserve(&name, &e.code)?;
        }
        Ok(())
    }
}

/// The docs of an entry. The spec model's docs fields are read here only.
fn docs(d: &b24_spec::Docs) -> Docs {
    Docs {
        summary: d.summary.clone(),
        description: d.description.clone(),
        who: d.who.clone(),
        url: d.docs.clone(),
    }
}
