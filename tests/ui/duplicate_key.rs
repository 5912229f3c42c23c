b24::generate!("tests/ui/specs/duplicate_key.yaml");

fn main() {}
