b24::generate!("tests/ui/specs/yaml_syntax.yaml");

fn main() {}
