//! Bad specs fail the build with `file:line:column` and what was expected.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
