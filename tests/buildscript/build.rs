fn main() {
    b24_codegen::build::Builder::new()
        .spec("../specs/my_widget.yaml")
        .generate("my_specs.rs")
        .unwrap_or_else(|e| panic!("{e}"));
}
