b24::generate!("tests/ui/specs/enum_type_mismatch.yaml");

fn main() {}
