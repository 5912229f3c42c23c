//! One idempotency rule: for every method under `specs/methods`, the
//! `IDEMPOTENT` the generator emits is what the runtime uses for an untyped
//! call of the same name (`client.call("user.current", ..)`), unless the
//! spec states `idempotent:`, in which case it is the stated value.

use std::path::Path;

use b24_codegen::ir::Idempotency;

/// `NAME` and the `IDEMPOTENT` expression of every `Method` impl in the
/// generated tokens, whitespace removed, in order.
fn method_consts(tokens: &str) -> Vec<(String, String)> {
    let code: String = tokens.chars().filter(|c| !c.is_whitespace()).collect();
    code.split("::b24_core::__private::Methodfor")
        .skip(1)
        .map(|block| {
            let after = |key: &str, end: char| {
                let start = block.find(key).map(|i| i + key.len())?;
                let len = block[start..].find(end)?;
                Some(block[start..start + len].to_owned())
            };
            (
                after("constNAME:&'staticstr=\"", '"').expect("a NAME"),
                after("constIDEMPOTENT:bool=", ';').expect("an IDEMPOTENT"),
            )
        })
        .collect()
}

#[test]
fn generated_idempotent_is_the_runtime_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = b24_codegen::Options {
        runtime: "::b24_core".into(),
    };
    let mut checked = 0;
    let mut reads = 0;
    let files = b24_codegen::crate_gen::yaml_files(&root.join("specs/methods")).unwrap();
    for file in &files {
        let display = file.strip_prefix(root).unwrap().display().to_string();
        let spec = b24_spec::load(file, &display).unwrap_or_else(|e| panic!("{e}"));
        let module = b24_codegen::lower(&spec).unwrap_or_else(|e| panic!("{e}"));
        let tokens = b24_codegen::generate(&spec, &options).unwrap().to_string();
        let consts = method_consts(&tokens);
        assert_eq!(consts.len(), module.methods.len(), "{display}");
        for (m, (name, expr)) in module.methods.iter().zip(consts) {
            assert_eq!(name, m.wire, "{display}");
            let by_name = format!("::b24_core::__private::idempotent_by_name(\"{}\")", m.wire);
            let generated = match expr.as_str() {
                "true" => true,
                "false" => false,
                e if e == by_name => b24_core::__private::idempotent_by_name(&m.wire),
                other => panic!("{display}: {}: unexpected IDEMPOTENT `{other}`", m.wire),
            };
            let untyped = b24_core::idempotent::by_name(&m.wire);
            match m.idempotent {
                Idempotency::Explicit(stated) => {
                    assert_eq!(generated, stated, "{display}: {}", m.wire)
                }
                Idempotency::ByName => {
                    assert_eq!(expr, by_name, "{display}: {}", m.wire);
                    assert_eq!(generated, untyped, "{display}: {}", m.wire);
                }
            }
            checked += 1;
            reads += usize::from(generated);
        }
    }
    // Every file read, and the rule is neither always true nor always false.
    assert!(files.len() > 100 && checked > 1000, "{checked} methods");
    assert!(reads > 100 && reads < checked - 100, "{reads} of {checked}");
}

/// The typed constant, evaluated at compile time, agrees with the untyped
/// call; `user.current` used to be resent untyped but not typed.
#[test]
fn typed_constants_agree_with_untyped_calls() {
    use b24::Method;
    const { assert!(<b24::user::user::Current as Method>::IDEMPOTENT) };
    assert!(b24_core::guess_idempotent(
        <b24::user::user::Current as Method>::NAME
    ));
    const { assert!(!<b24::crm::deals::DealAdd as Method>::IDEMPOTENT) };
    assert!(!b24_core::guess_idempotent("crm.deal.add"));
}
