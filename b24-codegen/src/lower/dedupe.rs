//! Structs of the same shape become one: the docs repeat an object's table
//! or JSON example on each method that returns it, and each method's inline
//! result would otherwise be generated (and compiled) again under its own
//! name.

use std::collections::HashMap;

use crate::ir::{Alias, Def, Dir, Field, Ty};

/// Turns every struct whose fields, field docs and direction equal an
/// earlier struct's into an [`Alias`] of it. Field types compare after
/// their own structs are shared, so repeated nested objects collapse too;
/// it runs to a fixed point. References keep pointing at their index: an
/// alias names the same type.
pub(super) fn share_structs(defs: &mut [Def]) {
    let mut canon: Vec<usize> = (0..defs.len()).collect();
    loop {
        let mut first: HashMap<(Dir, Vec<Field>), usize> = HashMap::new();
        let mut changed = false;
        for i in 0..defs.len() {
            let Def::Struct(s) = &defs[i] else { continue };
            if canon[i] != i {
                continue;
            }
            let fields = s
                .fields
                .iter()
                .map(|f| Field {
                    ty: canonical(&f.ty, &canon),
                    ..f.clone()
                })
                .collect();
            let j = *first.entry((s.dir, fields)).or_insert(i);
            if j != i {
                canon[i] = j;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // A struct matched in an early round may be shared itself later on.
    for i in 0..canon.len() {
        while canon[canon[i]] != canon[i] {
            canon[i] = canon[canon[i]];
        }
    }
    for (i, &j) in canon.iter().enumerate() {
        if i != j
            && let Def::Struct(s) = &defs[i]
        {
            defs[i] = Def::Alias(Alias {
                name: s.name.clone(),
                doc: s.doc.clone(),
                target: Ty::Def(j),
            });
        }
    }
}

fn canonical(ty: &Ty, canon: &[usize]) -> Ty {
    match ty {
        Ty::Def(i) => Ty::Def(canon[*i]),
        Ty::Vec(inner) => Ty::Vec(Box::new(canonical(inner, canon))),
        other => other.clone(),
    }
}
