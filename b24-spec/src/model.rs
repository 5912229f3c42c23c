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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Rust module name; defaults to the file stem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<Spanned<String>>,
    /// Module documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The scope (permission) this file's entries belong to, used for cargo
    /// features and as the default `scope` of methods and events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// A placement with its interface events and commands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    /// REST methods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<Method>,
    /// REST events (delivered to a handler URL by `event.bind`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<RestEvent>,
    /// Named types that fields refer to with `type: Name`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub types: IndexMap<String, Shape>,
}

/// The documentation every entry carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Docs {
    /// One-line summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Longer description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Link to the documentation page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// Who can subscribe or execute ("any user").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
}

/// A placement (widget location) such as `PAGE_BACKGROUND_WORKER`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(from = "raw::Placement")]
pub struct Placement {
    /// The placement code passed to `placement.bind`.
    pub code: Spanned<String>,
    /// A short human title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the placement is (`summary`) and its page (`docs`); a placement
    /// has no `description` or `who` key.
    #[serde(flatten)]
    pub docs: Docs,
    /// Scopes an app needs for this placement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Interface events (`BX24.placement.bindEvent`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<InterfaceEvent>,
    /// Interface commands (`BX24.placement.call`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<Command>,
    /// Fields of `PLACEMENT_OPTIONS`, the JSON context the portal posts to
    /// the handler when it opens the placement. Empty: none documented.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Field>,
}

/// A JS interface event fired in the app's iframe.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(from = "raw::InterfaceEvent")]
pub struct InterfaceEvent {
    /// Wire name, e.g. `BackgroundCallCard::closeButtonClick`.
    pub name: Spanned<String>,
    /// Rust variant/method base name; derived from the part after `::`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<Spanned<String>>,
    /// Documentation; `who` is who can subscribe.
    #[serde(flatten)]
    pub docs: Docs,
    /// Positional callback arguments; empty when no data is passed.
    pub args: Vec<Field>,
    /// Example argument lists, each a JSON array as the callback receives it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

/// A JS interface command sent with `BX24.placement.call`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(from = "raw::Command")]
pub struct Command {
    /// Wire name, e.g. `CallCardSetMute`.
    pub name: Spanned<String>,
    /// Rust type name; derived from `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<Spanned<String>>,
    /// Documentation; `who` is who can execute the command.
    #[serde(flatten)]
    pub docs: Docs,
    /// Fields of the parameter object.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Field>,
    /// The parameter when it is not an object (`setValue` takes the value
    /// itself, `bind*Callback` take `null` or a string). Excludes `params`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<Shape>,
    /// Shape of the value the callback receives; `any` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Shape>,
    /// The callback stays registered and is called each time the watched
    /// thing happens (`bindLayoutEventCallback`), not once.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeats: bool,
    /// Example parameter objects (JSON).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// Example results (JSON).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub result_examples: Vec<String>,
}

/// A REST method such as `telephony.externalCall.register`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(from = "raw::Method")]
pub struct Method {
    /// Wire name.
    pub name: Spanned<String>,
    /// Rust type name; derived from `name` without the file's scope prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<Spanned<String>>,
    /// The REST generation: `v2` (the default, `/rest/`) or `v3` (REST 3.0,
    /// `/rest/api/`). A name may have one entry of each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<Spanned<String>>,
    /// Documentation; `who` is who can execute the method.
    #[serde(flatten)]
    pub docs: Docs,
    /// Required scope; defaults to the file's `scope`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Whether sending it twice is harmless. Defaults to true for names whose
    /// last part starts with `get`, `list`, `fields` or is a known read verb.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotent: Option<bool>,
    /// Parameters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Field>,
    /// Shape of `result`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Shape>,
    /// Present on list methods that page with `start`/`next`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<ListSpec>,
    /// Documented error codes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorSpec>,
    /// Example requests (JSON).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// Example responses (JSON of the whole envelope or of `result`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub result_examples: Vec<String>,
}

impl Method {
    /// Whether the entry is a REST 3.0 method (`api: v3`).
    pub fn is_v3(&self) -> bool {
        self.api.as_ref().is_some_and(|a| a.value == "v3")
    }
}

/// Paging information of a list method.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ListSpec {
    /// Where the rows sit inside `result` (`items` for `crm.item.list`);
    /// absent when `result` is the array itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The field used as a keyset cursor (`ID` unless told).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_field: Option<String>,
}

/// A documented error of a method.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorSpec {
    /// The `error` code.
    pub code: String,
    /// The HTTP status, when documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The documented `error_description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A REST event such as `ONCRMDEALADD`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(from = "raw::RestEvent")]
pub struct RestEvent {
    /// Event code as bound with `event.bind` (case-insensitive on the wire).
    pub code: Spanned<String>,
    /// Rust type name; derived from the code's documented spelling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<Spanned<String>>,
    /// Documentation; `who` is who can subscribe.
    #[serde(flatten)]
    pub docs: Docs,
    /// Required scope; defaults to the file's `scope`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Fields of the `data` object.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<Field>,
    /// Example deliveries (JSON, as the docs show them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

/// A named value: a parameter, an argument, or an object field: a name and
/// a [`Shape`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(from = "raw::Field")]
pub struct Field {
    /// Wire name, kept exactly.
    pub name: Spanned<String>,
    /// Rust field name; derived (snake case) from `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<Spanned<String>>,
    /// Whether the field must be present.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// The type of the value.
    #[serde(flatten)]
    pub shape: Shape,
}

/// An anonymous shape: the type of a result, an array item, or a named type.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Shape {
    /// The type: a builtin (`string`, `integer`, `number`, `boolean`, `date`,
    /// `datetime`, `object`, `array`, `any`) or a name under `types:`.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Whether `null` is a documented value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Documented values; makes the shape an enum.
    #[serde(default, rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<EnumValue>,
    /// Fields of an inline `object`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// Element shape of an `array`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Shape>>,
    /// Rust name of the inline object or enum type generated for this shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<Spanned<String>>,
}

impl Shape {
    /// A bare shape of type `ty` with no source location (built by code).
    pub fn of(ty: &str) -> Shape {
        Shape {
            ty: unplaced(ty.to_owned()),
            nullable: false,
            description: None,
            values: Vec::new(),
            fields: Vec::new(),
            items: None,
            type_name: None,
        }
    }
}

/// A value built by code rather than read from a file.
pub fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned::new(
        value,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// The YAML keys as written. The public structs nest [`Docs`] and [`Shape`],
/// but serde's `flatten` buffers values and so loses both the spans of
/// [`Spanned`] names and the line/column of unknown keys: these flat
/// structs keep `deny_unknown_fields` exact, and `From` nests their values.
mod raw {
    use super::{Docs, EnumValue, ErrorSpec, ListSpec, Shape, Spanned};
    use serde::Deserialize;

    type Name = Spanned<String>;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Placement {
        code: Name,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        summary: Option<String>,
        #[serde(default)]
        scopes: Vec<String>,
        #[serde(default)]
        docs: Option<String>,
        #[serde(default)]
        events: Vec<super::InterfaceEvent>,
        #[serde(default)]
        commands: Vec<super::Command>,
        #[serde(default)]
        options: Vec<super::Field>,
    }

    impl From<Placement> for super::Placement {
        fn from(r: Placement) -> Self {
            super::Placement {
                code: r.code,
                title: r.title,
                docs: Docs {
                    summary: r.summary,
                    docs: r.docs,
                    ..Docs::default()
                },
                scopes: r.scopes,
                events: r.events,
                commands: r.commands,
                options: r.options,
            }
        }
    }

    /// A flat struct with an entry's own keys and the four keys of [`Docs`],
    /// and the conversion that nests them.
    macro_rules! with_docs {
        ($entry:ident { $($(#[$meta:meta])* $key:ident: $ty:ty,)* }) => {
            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct $entry {
                $($(#[$meta])* $key: $ty,)*
                #[serde(default)]
                summary: Option<String>,
                #[serde(default)]
                description: Option<String>,
                #[serde(default)]
                docs: Option<String>,
                #[serde(default)]
                who: Option<String>,
            }

            impl From<$entry> for super::$entry {
                fn from(r: $entry) -> Self {
                    super::$entry {
                        $($key: r.$key,)*
                        docs: Docs {
                            summary: r.summary,
                            description: r.description,
                            docs: r.docs,
                            who: r.who,
                        },
                    }
                }
            }
        };
    }

    with_docs!(InterfaceEvent {
        name: Name,
        #[serde(default)]
        rust_name: Option<Name>,
        #[serde(default)]
        args: Vec<super::Field>,
        #[serde(default)]
        examples: Vec<String>,
    });

    with_docs!(Command {
        name: Name,
        #[serde(default)]
        rust_name: Option<Name>,
        #[serde(default)]
        params: Vec<super::Field>,
        #[serde(default)]
        param: Option<Shape>,
        #[serde(default)]
        result: Option<Shape>,
        #[serde(default)]
        repeats: bool,
        #[serde(default)]
        examples: Vec<String>,
        #[serde(default)]
        result_examples: Vec<String>,
    });

    with_docs!(Method {
        name: Name,
        #[serde(default)]
        rust_name: Option<Name>,
        #[serde(default)]
        scope: Option<String>,
        #[serde(default)]
        api: Option<Name>,
        #[serde(default)]
        idempotent: Option<bool>,
        #[serde(default)]
        params: Vec<super::Field>,
        #[serde(default)]
        result: Option<Shape>,
        #[serde(default)]
        list: Option<ListSpec>,
        #[serde(default)]
        errors: Vec<ErrorSpec>,
        #[serde(default)]
        examples: Vec<String>,
        #[serde(default)]
        result_examples: Vec<String>,
    });

    with_docs!(RestEvent {
        code: Name,
        #[serde(default)]
        rust_name: Option<Name>,
        #[serde(default)]
        scope: Option<String>,
        #[serde(default)]
        data: Vec<super::Field>,
        #[serde(default)]
        examples: Vec<String>,
    });

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Field {
        name: Name,
        #[serde(default)]
        rust_name: Option<Name>,
        #[serde(rename = "type")]
        ty: Name,
        #[serde(default)]
        required: bool,
        #[serde(default)]
        nullable: bool,
        #[serde(default)]
        description: Option<String>,
        #[serde(default, rename = "enum")]
        values: Vec<EnumValue>,
        #[serde(default)]
        fields: Vec<super::Field>,
        #[serde(default)]
        items: Option<Box<Shape>>,
        #[serde(default)]
        type_name: Option<Name>,
    }

    impl From<Field> for super::Field {
        fn from(r: Field) -> Self {
            super::Field {
                name: r.name,
                rust_name: r.rust_name,
                required: r.required,
                shape: Shape {
                    ty: r.ty,
                    nullable: r.nullable,
                    description: r.description,
                    values: r.values,
                    fields: r.fields,
                    items: r.items,
                    type_name: r.type_name,
                },
            }
        }
    }
}

/// One documented value of an enum: either just the value (`- idle`) or the
/// value with its meaning (`- {value: idle, description: no connection}`).
/// Written back always as the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// The wire value.
    pub value: ScalarValue,
    /// Rust variant name; derived from the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<Spanned<String>>,
    /// What it means.
    #[serde(skip_serializing_if = "Option::is_none")]
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
    /// A value without a name or description.
    pub fn bare(value: ScalarValue) -> Self {
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
