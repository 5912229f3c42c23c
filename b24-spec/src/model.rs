//! The spec model: what a `specs/*.yaml` file says, as serde types.
//!
//! Every struct denies unknown keys so a typo fails the build at its line and
//! column. Names that later become Rust identifiers are [`Spanned`] so that
//! validation can point at them too.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// One spec file. A file becomes one Rust module; the sections it uses decide
/// what is generated in it. A placement file has `placement:`, a REST method
/// file has `methods:`, a REST event file has `events:`; `types:` is shared.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Rust module name; defaults to the file stem.
    #[serde(default)]
    pub module: Option<Spanned<String>>,
    /// Module documentation.
    #[serde(default)]
    pub summary: Option<String>,
    /// The scope (permission) this file's entries belong to, used for cargo
    /// features and as the default `scope` of methods and events.
    #[serde(default)]
    pub scope: Option<String>,
    /// A placement with its interface events and commands.
    #[serde(default)]
    pub placement: Option<Placement>,
    /// REST methods.
    #[serde(default)]
    pub methods: Vec<Method>,
    /// REST events (delivered to a handler URL by `event.bind`).
    #[serde(default)]
    pub events: Vec<RestEvent>,
    /// Named types that fields refer to with `type: Name`.
    #[serde(default)]
    pub types: IndexMap<String, Shape>,
}

/// A placement (widget location) such as `PAGE_BACKGROUND_WORKER`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    /// The placement code passed to `placement.bind`.
    pub code: Spanned<String>,
    /// A short human title.
    #[serde(default)]
    pub title: Option<String>,
    /// What the placement is.
    #[serde(default)]
    pub summary: Option<String>,
    /// Scopes an app needs for this placement.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Link to the official documentation page.
    #[serde(default)]
    pub docs: Option<String>,
    /// Interface events (`BX24.placement.bindEvent`).
    #[serde(default)]
    pub events: Vec<InterfaceEvent>,
    /// Interface commands (`BX24.placement.call`).
    #[serde(default)]
    pub commands: Vec<Command>,
}

/// A JS interface event fired in the app's iframe.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterfaceEvent {
    /// Wire name, e.g. `BackgroundCallCard::closeButtonClick`.
    pub name: Spanned<String>,
    /// Rust variant/method base name; derived from the part after `::`.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// One-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// Link to the documentation page.
    #[serde(default)]
    pub docs: Option<String>,
    /// Who can subscribe ("any user").
    #[serde(default)]
    pub who: Option<String>,
    /// Positional callback arguments; empty when no data is passed.
    #[serde(default)]
    pub args: Vec<Field>,
    /// Example argument lists, each a JSON array as the callback receives it.
    #[serde(default)]
    pub examples: Vec<String>,
}

/// A JS interface command sent with `BX24.placement.call`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Command {
    /// Wire name, e.g. `CallCardSetMute`.
    pub name: Spanned<String>,
    /// Rust type name; derived from `name`.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// One-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// Link to the documentation page.
    #[serde(default)]
    pub docs: Option<String>,
    /// Who can execute the command.
    #[serde(default)]
    pub who: Option<String>,
    /// Fields of the parameter object.
    #[serde(default)]
    pub params: Vec<Field>,
    /// The parameter when it is not an object (`setValue` takes the value
    /// itself, `bind*Callback` take `null` or a string). Excludes `params`.
    #[serde(default)]
    pub param: Option<Shape>,
    /// Shape of the value the callback receives; `any` when absent.
    #[serde(default)]
    pub result: Option<Shape>,
    /// Example parameter objects (JSON).
    #[serde(default)]
    pub examples: Vec<String>,
    /// Example results (JSON).
    #[serde(default)]
    pub result_examples: Vec<String>,
}

/// A REST method such as `telephony.externalCall.register`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Wire name.
    pub name: Spanned<String>,
    /// Rust type name; derived from `name` without the file's scope prefix.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// One-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// Link to the documentation page.
    #[serde(default)]
    pub docs: Option<String>,
    /// Who can execute the method.
    #[serde(default)]
    pub who: Option<String>,
    /// Required scope; defaults to the file's `scope`.
    #[serde(default)]
    pub scope: Option<String>,
    /// The REST generation: `v2` (the default, `/rest/`) or `v3` (REST 3.0,
    /// `/rest/api/`). A name may have one entry of each.
    #[serde(default)]
    pub api: Option<Spanned<String>>,
    /// Whether sending it twice is harmless. Defaults to true for names whose
    /// last part starts with `get`, `list`, `fields` or is a known read verb.
    #[serde(default)]
    pub idempotent: Option<bool>,
    /// Parameters.
    #[serde(default)]
    pub params: Vec<Field>,
    /// Shape of `result`.
    #[serde(default)]
    pub result: Option<Shape>,
    /// Present on list methods that page with `start`/`next`.
    #[serde(default)]
    pub list: Option<ListSpec>,
    /// Documented error codes.
    #[serde(default)]
    pub errors: Vec<ErrorSpec>,
    /// Example requests (JSON).
    #[serde(default)]
    pub examples: Vec<String>,
    /// Example responses (JSON of the whole envelope or of `result`).
    #[serde(default)]
    pub result_examples: Vec<String>,
}

impl Method {
    /// Whether the entry is a REST 3.0 method (`api: v3`).
    pub fn is_v3(&self) -> bool {
        self.api.as_ref().is_some_and(|a| a.value == "v3")
    }
}

/// Paging information of a list method.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ListSpec {
    /// Where the rows sit inside `result` (`items` for `crm.item.list`);
    /// absent when `result` is the array itself.
    #[serde(default)]
    pub path: Option<String>,
    /// The field used as a keyset cursor (`ID` unless told).
    #[serde(default)]
    pub id_field: Option<String>,
}

/// A documented error of a method.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorSpec {
    /// The `error` code.
    pub code: String,
    /// The HTTP status, when documented.
    #[serde(default)]
    pub status: Option<u16>,
    /// The documented `error_description`.
    #[serde(default)]
    pub description: Option<String>,
}

/// A REST event such as `ONCRMDEALADD`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestEvent {
    /// Event code as bound with `event.bind` (case-insensitive on the wire).
    pub code: Spanned<String>,
    /// Rust type name; derived from the code's documented spelling.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// One-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// Link to the documentation page.
    #[serde(default)]
    pub docs: Option<String>,
    /// Who can subscribe.
    #[serde(default)]
    pub who: Option<String>,
    /// Required scope; defaults to the file's `scope`.
    #[serde(default)]
    pub scope: Option<String>,
    /// Fields of the `data` object.
    #[serde(default)]
    pub data: Vec<Field>,
    /// Example deliveries (JSON, as the docs show them).
    #[serde(default)]
    pub examples: Vec<String>,
}

/// A named value: a parameter, an argument, or an object field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name, kept exactly.
    pub name: Spanned<String>,
    /// Rust field name; derived (snake case) from `name`.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// The type: a builtin (`string`, `integer`, `number`, `boolean`, `date`,
    /// `datetime`, `object`, `array`, `any`) or a name under `types:`.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Whether the field must be present.
    #[serde(default)]
    pub required: bool,
    /// Whether `null` is a documented value.
    #[serde(default)]
    pub nullable: bool,
    /// Documentation.
    #[serde(default)]
    pub description: Option<String>,
    /// Documented values; makes the field an enum.
    #[serde(default, rename = "enum")]
    pub values: Vec<EnumValue>,
    /// Fields of an inline `object`.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Element shape of an `array`.
    #[serde(default)]
    pub items: Option<Box<Shape>>,
    /// Rust name of the inline object or enum type generated for this field.
    #[serde(default)]
    pub type_name: Option<Spanned<String>>,
}

/// An anonymous shape: the type of a result, an array item, or a named type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shape {
    /// As [`Field::ty`].
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Whether `null` is a documented value.
    #[serde(default)]
    pub nullable: bool,
    /// Documentation.
    #[serde(default)]
    pub description: Option<String>,
    /// Documented values; makes the shape an enum.
    #[serde(default, rename = "enum")]
    pub values: Vec<EnumValue>,
    /// Fields of an inline `object`.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Element shape of an `array`.
    #[serde(default)]
    pub items: Option<Box<Shape>>,
    /// Rust name of the inline object or enum type generated for this shape.
    #[serde(default)]
    pub type_name: Option<Spanned<String>>,
}

/// One documented value of an enum: either just the value (`- idle`) or the
/// value with its meaning (`- {value: idle, description: no connection}`).
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The wire value.
    pub value: ScalarValue,
    /// Rust variant name; derived from the value.
    pub rust_name: Option<Spanned<String>>,
    /// What it means.
    pub description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DescribedValue {
    value: ScalarValue,
    #[serde(default)]
    rust_name: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
}

impl<'de> Deserialize<'de> for EnumValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = EnumValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an enum value (string, integer or boolean) or a map with `value` and `description`")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<EnumValue, E> {
                Ok(EnumValue::bare(ScalarValue::Bool(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<EnumValue, E> {
                Ok(EnumValue::bare(ScalarValue::Int(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<EnumValue, E> {
                i64::try_from(v)
                    .map(|v| EnumValue::bare(ScalarValue::Int(v)))
                    .map_err(|_| E::custom("enum value out of range for i64"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<EnumValue, E> {
                Ok(EnumValue::bare(ScalarValue::Str(v.to_owned())))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<EnumValue, A::Error> {
                let d =
                    DescribedValue::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(EnumValue {
                    value: d.value,
                    rust_name: d.rust_name,
                    description: d.description,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl EnumValue {
    fn bare(value: ScalarValue) -> Self {
        EnumValue {
            value,
            rust_name: None,
            description: None,
        }
    }
}

/// A wire value of an enum: a string, an integer or a boolean.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ScalarValue {
    /// `true`/`false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
}

impl std::fmt::Display for ScalarValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScalarValue::Bool(b) => write!(f, "{b}"),
            ScalarValue::Int(i) => write!(f, "{i}"),
            ScalarValue::Str(s) => f.write_str(s),
        }
    }
}

impl Field {
    /// The field seen as a shape (its type part).
    pub fn shape(&self) -> Shape {
        Shape {
            ty: self.ty.clone(),
            nullable: self.nullable,
            description: self.description.clone(),
            values: self.values.clone(),
            fields: self.fields.clone(),
            items: self.items.clone(),
            type_name: self.type_name.clone(),
        }
    }
}
