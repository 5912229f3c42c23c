b24::generate!("tests/ui/specs/bad_identifier.yaml");

fn main() {}
