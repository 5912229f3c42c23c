//! A placement's interface events and commands.

use b24_spec::{Spanned, names};

use super::{Lower, docs};
use crate::Error;
use crate::ir::{Command, CommandParam, Dir, Docs, Field, InterfaceEvent, Placement, Ty};

impl Lower<'_> {
    pub(super) fn command_name(&self, c: &b24_spec::Command) -> Result<String, Error> {
        self.rust_name(
            c.rust_name.as_ref(),
            &c.name,
            names::camel(&c.name.value),
            "command name",
        )
    }

    pub(super) fn placement(&mut self, pl: &b24_spec::Placement) -> Result<Placement, Error> {
        let mut events = Vec::with_capacity(pl.events.len());
        for ev in &pl.events {
            events.push(self.interface_event(ev)?);
        }
        let mut commands = Vec::with_capacity(pl.commands.len());
        for c in &pl.commands {
            commands.push(self.command(c)?);
        }
        // `PLACEMENT_OPTIONS`: one struct, `Options` unless a command's
        // types took the name.
        let options = if pl.options.is_empty() {
            None
        } else {
            let mut shape = b24_spec::Shape::of("object");
            shape.fields = pl.options.clone();
            shape.description = Some(format!(
                "The `PLACEMENT_OPTIONS` of `{}`: the context the portal posts to the handler when it opens the placement.",
                pl.code.value
            ));
            match self.shape(&shape, "Options", Dir::In)? {
                Ty::Def(i) => Some(i),
                _ => None,
            }
        };
        Ok(Placement {
            code: pl.code.value.clone(),
            // A placement's title reads as the summary, its summary as the
            // description.
            docs: Docs {
                summary: pl.title.clone(),
                description: pl.docs.summary.clone(),
                who: None,
                url: pl.docs.docs.clone(),
            },
            events,
            commands,
            options,
        })
    }

    fn interface_event(&mut self, ev: &b24_spec::InterfaceEvent) -> Result<InterfaceEvent, Error> {
        let wire = ev.name.value.clone();
        let variant = self.rust_name(
            ev.rust_name.as_ref(),
            &ev.name,
            names::interface_event(&wire),
            "event name",
        )?;
        let args = self.event_args(&ev.args, &variant)?;
        Ok(InterfaceEvent {
            handler: names::handler_method(&variant),
            min_args: ev.args.iter().filter(|a| a.required).count(),
            docs: docs(&ev.docs),
            wire,
            variant,
            args,
        })
    }

    fn event_args(&mut self, args: &[b24_spec::Field], base: &str) -> Result<Vec<Field>, Error> {
        // A lone inline object argument is named after the event itself.
        if let [only] = args
            && only.shape.ty.value == "object"
            && !only.shape.fields.is_empty()
            && only.shape.type_name.is_none()
        {
            let mut f = only.clone();
            f.shape.type_name = Some(Spanned::new(
                base.to_owned(),
                only.shape.ty.referenced,
                only.shape.ty.defined,
            ));
            return self.fields(&[f], base, Dir::In);
        }
        self.fields(args, base, Dir::In)
    }

    fn command(&mut self, c: &b24_spec::Command) -> Result<Command, Error> {
        let name = self.command_name(c)?;
        let param = match &c.param {
            Some(one) => CommandParam::Value {
                ty: self.shape(one, &format!("{name}Param"), Dir::Out)?,
                nullable: one.nullable,
            },
            None => CommandParam::Object(self.fields(&c.params, &name, Dir::Out)?),
        };
        let output = self.result(c.result.as_ref(), &format!("{name}Result"))?;
        Ok(Command {
            wire: c.name.value.clone(),
            docs: docs(&c.docs),
            name,
            param,
            output,
            repeats: c.repeats,
        })
    }

    /// The type of a result; `any` when the spec does not say.
    pub(super) fn result(
        &mut self,
        result: Option<&b24_spec::Shape>,
        hint: &str,
    ) -> Result<Ty, Error> {
        match result {
            Some(s) => self.shape(s, hint, Dir::In),
            None => Ok(Ty::Any),
        }
    }
}
