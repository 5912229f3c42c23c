//! Generates a whole SDK crate from spec files: `Cargo.toml`, `README.md`,
//! `src/lib.rs` and one formatted `src/<module>.rs` per module, each marked
//! `@generated`. The crate depends only on `b24-core`, so a user reads the
//! code they call and docs.rs renders it.
//!
//! ```no_run
//! use b24_codegen::crate_gen::CrateGen;
//!
//! let krate = CrateGen::new("my-portal-sdk")
//!     .description("Typed bindings of my portal's custom methods")
//!     .spec_dir("specs")
//!     .unwrap();
//! krate.write("generated/my-portal-sdk").unwrap();
//! ```
//!
//! `cargo xtask codegen` uses the same API to write the SDK crates under
//! `sdk/`, one per scope.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::{Error, emit, ir, lower};

/// The crate-level lint allowances of a generated crate: those of each
/// module, and those a module puts on single items.
fn crate_allows() -> String {
    let lints: Vec<String> = emit::ALLOWED_CLIPPY
        .iter()
        .chain(emit::ALLOWED_CLIPPY_ITEMS)
        .chain(emit::ALLOWED_RUSTDOC)
        .map(|l| format!("    {l}"))
        .collect();
    format!("#![allow(\n{}\n)]", lints.join(",\n"))
}

/// How the generated `Cargo.toml` fills its package fields and names the
/// runtime.
#[derive(Debug, Clone)]
enum Manifest {
    /// A standalone crate: explicit version and edition, `b24-core` by
    /// version (and path, when set).
    Standalone {
        version: String,
        core_version: String,
        core_path: Option<String>,
    },
    /// A member of a workspace that defines `version`, `edition`, ... and
    /// `b24-core` in `[workspace.package]` / `[workspace.dependencies]`.
    Workspace,
}

/// One spec file of a module: as shown in messages, and where it is read.
#[derive(Debug, Clone)]
struct SpecPath {
    display: String,
    full: PathBuf,
    /// Lowered already when the caller needed it (its name, its scope), so
    /// rendering does not read and lower the file again.
    lowered: Option<ir::Module>,
}

/// A generated crate: its name, manifest and modules.
#[derive(Debug, Clone)]
pub struct CrateGen {
    name: String,
    description: Option<String>,
    manifest: Manifest,
    modules: BTreeMap<String, Vec<SpecPath>>,
    base: Option<PathBuf>,
}

/// One file of a generated crate, relative to the crate's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// `Cargo.toml`, `src/lib.rs`, `src/deals.rs`, ...
    pub path: PathBuf,
    /// The file's whole content.
    pub content: String,
}

impl CrateGen {
    /// A crate named `name` (`my-portal-sdk`), standalone, version 0.1.0,
    /// depending on the `b24-core` of this generator's version.
    pub fn new(name: impl Into<String>) -> Self {
        CrateGen {
            name: name.into(),
            description: None,
            manifest: Manifest::Standalone {
                version: "0.1.0".into(),
                core_version: env!("CARGO_PKG_VERSION").into(),
                core_path: None,
            },
            modules: BTreeMap::new(),
            base: None,
        }
    }

    /// Reads relative spec paths from `dir` (messages still show them as
    /// given, e.g. `specs/methods/crm_deals.yaml`).
    pub fn base_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.base = Some(dir.into());
        self
    }

    fn full(&self, path: &Path) -> PathBuf {
        match &self.base {
            Some(b) if path.is_relative() => b.join(path),
            _ => path.to_owned(),
        }
    }

    /// The crate's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The package description (also the crate docs' first line).
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// The crate's own version (standalone crates only).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        if let Manifest::Standalone { version: v, .. } = &mut self.manifest {
            *v = version.into();
        }
        self
    }

    /// Depend on `b24-core` through a path as well as a version (relative
    /// to the generated crate's folder), for crates next to a b24 checkout.
    pub fn core_path(mut self, path: impl Into<String>) -> Self {
        if let Manifest::Standalone { core_path, .. } = &mut self.manifest {
            *core_path = Some(path.into());
        }
        self
    }

    /// Take the package fields and `b24-core` from the enclosing workspace
    /// (`version.workspace = true`, `b24-core.workspace = true`).
    pub fn workspace_member(mut self) -> Self {
        self.manifest = Manifest::Workspace;
        self
    }

    /// Adds a spec file as a module named after its `module:` key or file
    /// stem. The path is read as given; messages show it as given too.
    pub fn spec(self, path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let display = path.to_string_lossy().replace('\\', "/");
        let lowered = lower(&b24_spec::load(&self.full(path), &display)?)?;
        let module = lowered.name.clone();
        Ok(self.add(module, path, Some(lowered)))
    }

    /// Adds a spec that the caller has lowered already (read from `path`,
    /// shown as `lowered.path`) to the module `module`, as
    /// [`spec_as`](Self::spec_as) does without reading the file again.
    pub fn lowered_as(
        self,
        module: impl Into<String>,
        path: impl AsRef<Path>,
        lowered: ir::Module,
    ) -> Self {
        self.add(module, path, Some(lowered))
    }

    /// Adds a spec file to the module `module`. Several files may share a
    /// module (a scope's methods and its REST events); their items must not
    /// share names.
    pub fn spec_as(self, module: impl Into<String>, path: impl AsRef<Path>) -> Self {
        self.add(module, path, None)
    }

    fn add(
        mut self,
        module: impl Into<String>,
        path: impl AsRef<Path>,
        lowered: Option<ir::Module>,
    ) -> Self {
        let path = path.as_ref();
        let spec = SpecPath {
            display: path.to_string_lossy().replace('\\', "/"),
            full: self.full(path),
            lowered,
        };
        self.modules.entry(module.into()).or_default().push(spec);
        self
    }

    /// Adds every `*.yaml`/`*.yml` file under `dir`, recursively, in name
    /// order, each as its own module.
    pub fn spec_dir(mut self, dir: impl AsRef<Path>) -> Result<Self, Error> {
        let dir = dir.as_ref();
        for file in yaml_files(&self.full(dir))? {
            let rel = match &self.base {
                Some(b) => file.strip_prefix(b).map(Path::to_owned).unwrap_or(file),
                None => file,
            };
            self = self.spec(rel)?;
        }
        Ok(self)
    }

    /// The modules and the spec files of each, as added.
    pub fn modules(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        self.modules.iter().map(|(m, specs)| {
            (
                m.as_str(),
                specs.iter().map(|s| s.display.as_str()).collect(),
            )
        })
    }

    /// Every file of the crate, in path order. Fails on the first spec that
    /// does not load or validate, with its `file:line:column`.
    pub fn render(&self) -> Result<Vec<GeneratedFile>, Error> {
        let runtime = emit::Runtime::new("::b24_core")?;
        let mut files = Vec::new();
        let mut lib_mods = String::new();
        let mut readme_mods = String::new();
        for (module, specs) in &self.modules {
            if !b24_spec::names::is_module_name(module) {
                return Err(Error::at(
                    &specs[0].display,
                    0,
                    0,
                    format!(
                        "module name `{module}` is not a Rust identifier (or is a keyword); set `module:` in the spec"
                    ),
                ));
            }
            let mut tokens = proc_macro2::TokenStream::new();
            let mut summary = None;
            let runtime = runtime
                .clone()
                .with_examples_at(format!("{}::{module}", self.name.replace('-', "_")));
            let mut counts = (0usize, 0usize, 0usize);
            for s in specs {
                let read;
                let m = match &s.lowered {
                    Some(m) => m,
                    None => {
                        read = lower(&b24_spec::load(&s.full, &s.display)?)?;
                        &read
                    }
                };
                counts.0 += m.methods.len();
                counts.1 += m.events.as_ref().map_or(0, |e| e.events.len());
                counts.2 += usize::from(m.placement.is_some());
                tokens.extend(emit::items(m, &runtime));
                summary = summary.or_else(|| m.summary.clone());
            }
            let body = crate::format(&tokens).map_err(|e| {
                Error::at(
                    &specs[0].display,
                    0,
                    0,
                    format!("generated code does not parse: {e}"),
                )
            })?;
            let sources: Vec<&str> = specs.iter().map(|s| s.display.as_str()).collect();
            let sources = sources.join(", ");
            files.push(GeneratedFile {
                path: PathBuf::from(format!("src/{module}.rs")),
                content: format!(
                    "// @generated by b24-codegen from {sources}. Do not edit.\n\n{body}"
                ),
            });
            let summary = summary.unwrap_or_else(|| format!("Generated from {sources}."));
            for line in summary.trim().lines() {
                let _ = writeln!(
                    lib_mods,
                    "///{}{line}",
                    if line.is_empty() { "" } else { " " }
                );
            }
            // Formatted by prettyplease; `cargo fmt` would reformat it and
            // put it out of sync with the specs.
            let _ = writeln!(lib_mods, "#[rustfmt::skip]\npub mod {module};");
            let _ = writeln!(
                readme_mods,
                "| `{module}` | {} | {} | {} | {} |",
                counts.0,
                counts.1,
                counts.2,
                sources.replace(", ", "<br>")
            );
        }
        let description = self.description.clone().unwrap_or_else(|| {
            format!(
                "Typed Bitrix24 bindings generated by b24-codegen ({}).",
                self.name
            )
        });
        let mut lib = String::from("// @generated by b24-codegen. Do not edit.\n\n");
        for line in description.lines() {
            let _ = writeln!(lib, "//! {line}");
        }
        let _ = writeln!(
            lib,
            "//!\n//! Generated from specs by b24-codegen: the payload and result types,\n\
             //! method calls and REST event handlers call the `b24-core` runtime.\n\
             //! See the README for the spec file of each module.\n{}\n",
            crate_allows()
        );
        lib.push_str(&lib_mods);
        files.push(GeneratedFile {
            path: PathBuf::from("src/lib.rs"),
            content: lib,
        });
        files.push(GeneratedFile {
            path: PathBuf::from("Cargo.toml"),
            content: self.cargo_toml(&description),
        });
        files.push(GeneratedFile {
            path: PathBuf::from("README.md"),
            content: format!(
                "<!-- @generated by b24-codegen. Do not edit. -->\n# {}\n\n{description}\n\n\
                 Every item is generated from a spec file; the runtime it calls is\n\
                 `b24-core`. To change a binding, change its spec and generate again.\n\n\
                 | module | methods | REST events | placements | spec files |\n|---|---|---|---|---|\n{readme_mods}",
                self.name
            ),
        });
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    fn cargo_toml(&self, description: &str) -> String {
        let description = toml_string(description);
        let name = &self.name;
        let header = "# @generated by b24-codegen. Do not edit.\n";
        match &self.manifest {
            Manifest::Workspace => format!(
                "{header}[package]\nname = \"{name}\"\ndescription = {description}\n\
                 version.workspace = true\nedition.workspace = true\nrust-version.workspace = true\n\
                 license.workspace = true\nrepository.workspace = true\n\n\
                 [dependencies]\nb24-core.workspace = true\n"
            ),
            Manifest::Standalone {
                version,
                core_version,
                core_path,
            } => {
                let core = match core_path {
                    Some(p) => format!(
                        "{{ version = {}, path = {} }}",
                        toml_string(core_version),
                        toml_string(p)
                    ),
                    None => toml_string(core_version),
                };
                format!(
                    "{header}[package]\nname = \"{name}\"\ndescription = {description}\n\
                     version = {}\nedition = \"2024\"\nlicense = \"MIT OR Apache-2.0\"\n\n\
                     [dependencies]\nb24-core = {core}\n",
                    toml_string(version)
                )
            }
        }
    }

    /// Writes the crate into `dir`: each file only when its content changed,
    /// and `.rs` files under `src/` that are no longer generated are removed.
    /// Returns the files written or removed.
    pub fn write(&self, dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        let dir = dir.as_ref();
        let files = self.render()?;
        let mut changed = Vec::new();
        for f in &files {
            let path = dir.join(&f.path);
            if crate::build::write_if_changed(&path, &f.content).map_err(|e| io_error(&path, &e))? {
                changed.push(path);
            }
        }
        for stale in self.stale(dir, &files) {
            std::fs::remove_file(&stale).map_err(|e| io_error(&stale, &e))?;
            changed.push(stale);
        }
        Ok(changed)
    }

    /// The files of `dir` that differ from what [`render`](Self::render)
    /// gives, including stale and missing ones. Empty when in sync.
    pub fn diff(&self, dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        let dir = dir.as_ref();
        let files = self.render()?;
        let mut differ: Vec<PathBuf> = files
            .iter()
            .map(|f| (dir.join(&f.path), &f.content))
            .filter(|(p, c)| std::fs::read_to_string(p).ok().as_ref() != Some(*c))
            .map(|(p, _)| p)
            .collect();
        differ.extend(self.stale(dir, &files));
        Ok(differ)
    }

    fn stale(&self, dir: &Path, files: &[GeneratedFile]) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir.join("src")) else {
            return Vec::new();
        };
        let mut stale: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .filter(|p| !files.iter().any(|f| dir.join(&f.path) == *p))
            .collect();
        stale.sort();
        stale
    }
}

/// Every `*.yaml`/`*.yml` file under `dir`, recursively, sorted.
pub fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| io_error(&d, &e))? {
            let p = e.map_err(|e| io_error(&d, &e))?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn io_error(p: &Path, e: &std::io::Error) -> Error {
    Error::at(
        &p.display().to_string(),
        0,
        0,
        format!("cannot read or write: {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::toml_string;

    #[test]
    fn toml_strings_escape() {
        assert_eq!(toml_string("a \"b\"\\\n"), r#""a \"b\"\\\n""#);
    }
}
