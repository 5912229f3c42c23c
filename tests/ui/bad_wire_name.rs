b24::generate!("tests/ui/specs/bad_wire_name.yaml");

fn main() {}
