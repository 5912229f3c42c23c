b24::generate!("tests/ui/specs/missing_key.yaml");

fn main() {}
