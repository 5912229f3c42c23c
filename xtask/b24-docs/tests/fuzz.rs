//! Property tests: the parser and the importer never panic on arbitrary or
//! mutated Markdown, and whatever they import is a valid spec.

use proptest::prelude::*;

const SEED: &str = include_str!(
    "fixtures/docs/api-reference/widgets/ui-interaction/call-card/call-card-call-state-changed.md"
);
const SEED2: &str = include_str!("fixtures/docs/api-reference/crm/deals/crm-deal-add.md");
const SEED3: &str = include_str!("fixtures/docs/api-reference/tasks/events-tasks/on-task-add.md");

/// Pieces the YFM parser reacts to, to build hostile pages from.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("#|\n".to_owned()),
        Just("|#\n".to_owned()),
        Just("|| ".to_owned()),
        Just(" ||\n".to_owned()),
        Just(" | ".to_owned()),
        Just("**NAME***\n".to_owned()),
        Just("**a.b**\n".to_owned()),
        Just("[`object`](x.md)".to_owned()),
        Just("[`string[]`](x.md)".to_owned()),
        Just("[`undefined`\\|`object`](x.md)".to_owned()),
        Just("```json\n".to_owned()),
        Just("```\n".to_owned()),
        Just("`".to_owned()),
        Just("## What the Handler Receives\n".to_owned()),
        Just("## Method Parameters\n".to_owned()),
        Just("## Response Handling\n".to_owned()),
        Just("### Sub {#sub}\n".to_owned()),
        Just("[below](#sub)".to_owned()),
        Just("# Title frob.do\n".to_owned()),
        Just("# Event onFrobDo\n".to_owned()),
        Just("# Ev X::y\n".to_owned()),
        Just("BX24.placement.bindEvent callback(1, {\"a\": 2});\n".to_owned()),
        Just("in the `FROB_PLACE` placement\n".to_owned()),
        Just("{\"event\": \"ONX\", \"data\": {\"A\": 1}}\n".to_owned()),
        Just("Possible values:\n- `a` — x\n- `1` — y\n".to_owned()),
        Just("{% include [x](../_includes/none.md) %}\n".to_owned()),
        Just("{% note info \"\" %}\n".to_owned()),
        Just("\n".to_owned()),
        "[ -~]{0,12}".prop_map(|s| s),
        "\\PC{0,6}".prop_map(|s| s),
    ]
}

fn import_one(text: &str) {
    let out = b24_docs::import_pages(&[("api-reference/x/page.md".to_owned(), text.to_owned())]);
    assert!(
        out.invalid.is_empty(),
        "invalid output for:\n{text}\n{:?}",
        out.invalid
    );
    for w in &out.warnings {
        assert_eq!(w.page, "api-reference/x/page.md");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        import_one(&text);
    }

    #[test]
    fn yfm_token_soup_never_panics(tokens in proptest::collection::vec(token(), 0..60)) {
        import_one(&tokens.concat());
    }

    #[test]
    fn truncated_and_mutated_pages(cut in 0usize..20_000, at in 0usize..20_000, ins in token(), which in 0usize..3) {
        let seed = [SEED, SEED2, SEED3][which];
        let mut cut = cut.min(seed.len());
        while !seed.is_char_boundary(cut) { cut -= 1; }
        let mut text = seed[..cut].to_owned();
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &ins);
        import_one(&text);
    }

    #[test]
    fn dropped_lines(mask in proptest::collection::vec(any::<bool>(), 0..400)) {
        let text: String = SEED
            .lines()
            .zip(mask.iter().chain(std::iter::repeat(&true)))
            .filter(|(_, keep)| **keep)
            .map(|(l, _)| format!("{l}\n"))
            .collect();
        import_one(&text);
    }
}
