b24::generate!("tests/ui/specs/enum_on_object.yaml");

fn main() {}
