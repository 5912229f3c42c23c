b24::generate!("tests/ui/specs/duplicate_method.yaml");

fn main() {}
