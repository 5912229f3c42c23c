b24::generate!("tests/ui/specs/wrong_type.yaml");

fn main() {}
