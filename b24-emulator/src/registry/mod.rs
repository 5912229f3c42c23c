//! The method registry (layer 1, beside the state): every REST method of
//! `specs/methods/*.yaml`, embedded at build time by `build.rs` and parsed
//! once per process on first use. The surface of a method (name, scope, REST
//! generation, parameters, result shape, documented errors, idempotency)
//! comes from its spec entry; `methods`, `scope`, `rest.scope.list` and the
//! OpenAPI document are derived from it.

pub(crate) mod catalog;
pub(crate) mod openapi;
pub(crate) mod synth;

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use b24_spec::{Method, SpecFile};

include!(concat!(env!("OUT_DIR"), "/spec_files.rs"));

/// One method of the specs.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The wire name as the docs spell it.
    pub name: String,
    /// The scope it needs.
    pub scope: String,
    /// REST 3.0 (`/rest/api/`).
    pub v3: bool,
    /// Safe to resend.
    pub idempotent: bool,
    /// Index of its file in [`Registry::file`].
    pub file: usize,
    /// The spec entry.
    pub method: Method,
}

impl Entry {
    /// Whether it is a list method (pages with `start`).
    pub fn is_list(&self) -> bool {
        self.method.list.is_some()
    }
}

/// Every spec method, looked up case-insensitively.
#[derive(Debug)]
pub(crate) struct Registry {
    /// The spec files without their methods (for named `types:`).
    files: Vec<SpecFile>,
    entries: Vec<Entry>,
    v2: HashMap<String, usize>,
    v3: HashMap<String, usize>,
    /// Files that failed to parse, with the reason.
    pub errors: Vec<String>,
    /// How long parsing took.
    pub load_time: Duration,
}

static REGISTRY: OnceLock<Registry> = OnceLock::new();

/// The registry, parsed on first use.
pub(crate) fn registry() -> &'static Registry {
    REGISTRY.get_or_init(Registry::load)
}

impl Registry {
    fn load() -> Registry {
        let started = Instant::now();
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 4);
        let chunk = SPEC_FILES.len().div_ceil(threads).max(1);
        let parsed: Vec<Result<b24_spec::Spec, String>> = std::thread::scope(|s| {
            let handles: Vec<_> = SPEC_FILES
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|(path, text)| {
                                b24_spec::parse(path, text).map_err(|e| e.to_string())
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let mut reg = Registry {
            files: Vec::new(),
            entries: Vec::new(),
            v2: HashMap::new(),
            v3: HashMap::new(),
            errors: Vec::new(),
            load_time: Duration::ZERO,
        };
        for spec in parsed {
            let mut spec = match spec {
                Ok(s) => s,
                Err(e) => {
                    reg.errors.push(e);
                    continue;
                }
            };
            let file = reg.files.len();
            let methods = std::mem::take(&mut spec.file.methods);
            let file_scope = spec.file.scope.clone();
            for method in methods {
                let name = method.name.value.clone();
                let scope = method
                    .scope
                    .clone()
                    .or_else(|| file_scope.clone())
                    .unwrap_or_else(|| "basic".to_owned());
                let v3 = method.is_v3();
                let idempotent = method
                    .idempotent
                    .unwrap_or_else(|| b24_core::idempotent::by_name(&name));
                let index = if v3 { &mut reg.v3 } else { &mut reg.v2 };
                let key = name.to_ascii_lowercase();
                if index.contains_key(&key) {
                    continue;
                }
                index.insert(key, reg.entries.len());
                reg.entries.push(Entry {
                    name,
                    scope,
                    v3,
                    idempotent,
                    file,
                    method,
                });
            }
            reg.files.push(spec.file);
        }
        reg.load_time = started.elapsed();
        reg
    }

    /// The entry of a method, any case; `v3` picks the REST generation.
    pub fn get(&self, method: &str, v3: bool) -> Option<&Entry> {
        let index = if v3 { &self.v3 } else { &self.v2 };
        let i = match index.get(method) {
            Some(i) => *i,
            None => *index.get(&method.to_ascii_lowercase())?,
        };
        self.entries.get(i)
    }

    /// The file an entry comes from (for its named types).
    pub fn file(&self, entry: &Entry) -> &SpecFile {
        &self.files[entry.file]
    }

    /// Every entry, v2 and v3, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The names of one REST generation, sorted.
    pub fn names(&self, v3: bool) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .entries
            .iter()
            .filter(|e| e.v3 == v3)
            .map(|e| e.name.as_str())
            .collect();
        v.sort_unstable();
        v
    }

    /// Every scope a method needs, sorted.
    pub fn scopes(&self) -> BTreeSet<&str> {
        self.entries.iter().map(|e| e.scope.as_str()).collect()
    }
}

/// Statistics for the README and the startup report.
#[derive(Debug, Clone)]
pub struct RegistryInfo {
    /// REST v2 methods.
    pub v2_methods: usize,
    /// REST 3.0 methods.
    pub v3_methods: usize,
    /// Distinct scopes.
    pub scopes: usize,
    /// Spec files embedded.
    pub files: usize,
    /// Time spent parsing the embedded YAML (once per process).
    pub load_time: Duration,
}

/// Loads the registry (once) and describes it.
pub fn registry_info() -> RegistryInfo {
    let r = registry();
    RegistryInfo {
        v2_methods: r.v2.len(),
        v3_methods: r.v3.len(),
        scopes: r.scopes().len(),
        files: SPEC_FILES.len(),
        load_time: r.load_time,
    }
}

/// One spec method, as the table test and users' own tests see it.
#[derive(Debug, Clone)]
pub struct SpecMethod {
    /// Wire name.
    pub name: String,
    /// Scope it needs.
    pub scope: String,
    /// REST 3.0.
    pub v3: bool,
    /// A list method (`list:` in the spec).
    pub list: bool,
    /// Safe to resend.
    pub idempotent: bool,
    /// Parameters that satisfy the declared ones (a documented example or
    /// the required parameters built from their shapes).
    pub sample_params: serde_json::Value,
}

/// Every method of the embedded specs.
pub fn spec_methods() -> Vec<SpecMethod> {
    let r = registry();
    r.entries
        .iter()
        .map(|e| SpecMethod {
            name: e.name.clone(),
            scope: e.scope.clone(),
            v3: e.v3,
            list: e.is_list(),
            idempotent: e.idempotent,
            sample_params: synth::sample_params(r, e),
        })
        .collect()
}

/// Whether `result` fits the declared result shape of a spec method
/// (`b24_spec::conforms`); `Err` names the path that differs, or says the
/// method is unknown.
pub fn check_result(method: &str, v3: bool, result: &serde_json::Value) -> Result<(), String> {
    let r = registry();
    let e = r
        .get(method, v3)
        .ok_or_else(|| format!("{method}: not in the specs"))?;
    match &e.method.result {
        Some(shape) => b24_spec::conforms(r.file(e), shape, result),
        None => Ok(()),
    }
}
