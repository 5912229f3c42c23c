//! What the importer reads from a page before the spec files are put
//! together: entries with the page they came from, the scopes it lists and,
//! on object shapes, the docs section they were described in (the files'
//! `types:` are made from these). Values the spec model already has
//! (enum values, errors, paging) are [`b24_spec`] types.

pub use b24_spec::{EnumValue, ErrorSpec, ScalarValue};

/// A type: builtin name plus nested structure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shape {
    /// `string`, `integer`, `number`, `boolean`, `date`, `datetime`,
    /// `object`, `array` or `any`.
    pub ty: String,
    /// `null` is a documented value.
    pub nullable: bool,
    /// Documentation (only emitted on shapes that are not fields).
    pub description: Option<String>,
    /// Enum values.
    pub values: Vec<EnumValue>,
    /// Object fields.
    pub fields: Vec<Field>,
    /// Array items.
    pub items: Option<Box<Shape>>,
    /// Set on an object described in a section of its own (`#deal` on
    /// `crm-deal-get.md`): the emitter puts it under the file's `types:`.
    pub type_ref: Option<TypeRef>,
}

/// The section an object was imported from and the type name it gets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TypeRef {
    /// `page#anchor`, unique in the docs tree.
    pub key: String,
    /// UpperCamelCase name from the type (`crm_multifield` → `CrmMultifield`).
    pub name: String,
}

impl Shape {
    /// A bare shape of the builtin type `ty`.
    pub fn of(ty: &str) -> Shape {
        Shape {
            ty: ty.to_owned(),
            ..Shape::default()
        }
    }
}

/// A named value: parameter, argument, payload field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Field {
    /// Wire name.
    pub name: String,
    /// Rust name when the derived one would not compile or collides.
    pub rust_name: Option<String>,
    /// Marked with `*` in the docs.
    pub required: bool,
    /// Documentation.
    pub description: Option<String>,
    /// The type.
    pub shape: Shape,
}

/// Common documentation of an entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Docs {
    /// One-line summary.
    pub summary: Option<String>,
    /// Longer description (set by the importer, e.g. for entries known only
    /// from an overview table).
    pub description: Option<String>,
    /// Documentation URL.
    pub docs: String,
    /// "Who can ..." text.
    pub who: Option<String>,
    /// The page, relative to the docs root (for the report).
    pub page: String,
}

/// A REST method.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Method {
    /// Wire name.
    pub name: String,
    /// A REST 3.0 method (the page says so in its opening note).
    pub v3: bool,
    /// Docs.
    pub docs: Docs,
    /// Scopes listed on the page, first is the main one.
    pub scopes: Vec<String>,
    /// Parameters.
    pub params: Vec<Field>,
    /// `result` shape.
    pub result: Option<Shape>,
    /// Paging of a list method.
    pub list: Option<b24_spec::ListSpec>,
    /// Documented errors.
    pub errors: Vec<ErrorSpec>,
    /// JSON request examples.
    pub examples: Vec<String>,
    /// JSON response examples.
    pub result_examples: Vec<String>,
}

/// A REST event.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RestEvent {
    /// Event code, upper case.
    pub code: String,
    /// Type name from the docs spelling.
    pub rust_name: Option<String>,
    /// Docs.
    pub docs: Docs,
    /// Scopes listed on the page.
    pub scopes: Vec<String>,
    /// Fields of `data`.
    pub data: Vec<Field>,
    /// JSON deliveries.
    pub examples: Vec<String>,
}

/// A JS interface event of a placement.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InterfaceEvent {
    /// Wire name `Owner::event`.
    pub name: String,
    /// Docs.
    pub docs: Docs,
    /// Positional arguments.
    pub args: Vec<Field>,
    /// JSON arrays of arguments.
    pub examples: Vec<String>,
}

/// A JS interface command of a placement.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Command {
    /// Wire name.
    pub name: String,
    /// Docs.
    pub docs: Docs,
    /// Fields of the parameter object.
    pub params: Vec<Field>,
    /// What the callback receives.
    pub result: Option<Shape>,
    /// JSON parameter objects.
    pub examples: Vec<String>,
    /// JSON results.
    pub result_examples: Vec<String>,
}

/// A placement page: where a widget is embedded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlacementInfo {
    /// Placement code.
    pub code: String,
    /// Title (the H1 without the code).
    pub title: Option<String>,
    /// Docs.
    pub docs: Docs,
    /// Scopes listed on the page.
    pub scopes: Vec<String>,
    /// Fields of `PLACEMENT_OPTIONS`, from the page's table.
    pub options: Vec<Field>,
}

/// What one page contributes.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A REST method.
    Method(Method),
    /// A REST event.
    RestEvent(RestEvent),
    /// An interface event of `placement`.
    InterfaceEvent {
        /// Placement code.
        placement: String,
        /// Scopes listed on the page.
        scopes: Vec<String>,
        /// The event.
        event: InterfaceEvent,
    },
    /// A placement page.
    Placement(PlacementInfo),
    /// An interface command of `placement`.
    Command {
        /// Placement code.
        placement: String,
        /// Scopes listed on the page.
        scopes: Vec<String>,
        /// The command.
        command: Command,
    },
}

/// The four kinds of page the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A REST method page.
    RestMethod,
    /// A REST event page.
    RestEvent,
    /// A JS interface event page.
    InterfaceEvent,
    /// A JS interface command page.
    InterfaceCommand,
    /// A placement page (code, title and summary of a widget location).
    Placement,
}

impl Kind {
    /// A human name for the report.
    pub fn label(self) -> &'static str {
        match self {
            Kind::RestMethod => "REST method",
            Kind::RestEvent => "REST event",
            Kind::InterfaceEvent => "interface event",
            Kind::InterfaceCommand => "interface command",
            Kind::Placement => "placement",
        }
    }
}
