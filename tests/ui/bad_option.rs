b24::generate!("tests/specs/my_widget.yaml", flavour = "x");

fn main() {}
