b24::generate!("tests/ui/specs/does_not_exist.yaml");

fn main() {}
