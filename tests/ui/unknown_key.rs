b24::generate!("tests/ui/specs/unknown_key.yaml");

fn main() {}
