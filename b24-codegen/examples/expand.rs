//! Expands spec files and prints any error, or writes the formatted code:
//! `cargo run -p b24-codegen --example expand -- specs/methods/*.yaml [--out DIR]`.

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.iter().position(|a| a == "--out").map(|i| {
        let dir = args.remove(i + 1);
        args.remove(i);
        dir
    });
    let mut failed = 0;
    for path in &args {
        let result = b24_spec::load(std::path::Path::new(path), path)
            .and_then(|s| b24_codegen::generate_module(&s, &Default::default()));
        match result {
            Ok(tokens) => {
                if let Some(dir) = &out {
                    let code = b24_codegen::format(&tokens)
                        .unwrap_or_else(|e| format!("// {e}\n{tokens}"));
                    let name = std::path::Path::new(path)
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    std::fs::write(format!("{dir}/{name}.rs"), code).expect("write");
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    eprintln!("{} specs, {failed} failed", args.len());
    std::process::exit(i32::from(failed > 0));
}
