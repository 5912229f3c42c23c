b24::generate!("tests/ui/specs/bad_placement_code.yaml");

fn main() {}
