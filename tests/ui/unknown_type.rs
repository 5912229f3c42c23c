b24::generate!("tests/ui/specs/unknown_type.yaml");

fn main() {}
