b24::generate!("tests/ui/specs/duplicate_event.yaml");

fn main() {}
