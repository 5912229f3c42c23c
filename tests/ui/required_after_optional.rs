b24::generate!("tests/ui/specs/required_after_optional.yaml");

fn main() {}
