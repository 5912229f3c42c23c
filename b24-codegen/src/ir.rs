//! The intermediate representation: one spec file fully resolved. Every
//! name is a valid Rust name, every type reference points at a definition,
//! every default (Rust names, scope, list cursor) is applied. [`crate::lower`]
//! builds it and reports every problem with the spec's `file:line:column`;
//! [`crate::emit`] turns it into tokens and cannot fail.

/// A resolved Rust type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `String` (`string`, `date`, `datetime`).
    String,
    /// `i64`.
    Int,
    /// `f64`.
    Num,
    /// `bool`.
    Bool,
    /// `serde_json::Value`.
    Any,
    /// A free-form JSON object.
    Map,
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// A generated struct or enum, by index into [`Module::defs`].
    Def(usize),
    /// A REST 3.0 `filter` (`V3Filter<F>`) over a field enum, a
    /// [`Def::Fields`] by index into [`Module::defs`].
    Filter(usize),
    /// A REST 3.0 `order` (`V3Order<F>`) over a field enum, a
    /// [`Def::Fields`] by index into [`Module::defs`].
    Order(usize),
}

/// Which way data flows through a generated type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dir {
    /// Sent by us (parameters).
    Out,
    /// Received (payloads, results): non-exhaustive, keeps unknown fields.
    In,
}

/// The documentation of an entry, as the spec wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    /// One-line summary (a placement's title).
    pub summary: Option<String>,
    /// Longer description (a placement's summary).
    pub description: Option<String>,
    /// Who can call or subscribe.
    pub who: Option<String>,
    /// Link to the documentation page.
    pub url: Option<String>,
}

/// A named value: a parameter, an argument or an object field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// Wire name, kept exactly.
    pub wire: String,
    /// Rust name (raw form added when emitted).
    pub ident: String,
    /// Its type.
    pub ty: Ty,
    /// Present in the Rust type as `T` rather than `Option<T>`.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// A generated struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Struct {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Incoming structs are non-exhaustive and keep unknown fields.
    pub dir: Dir,
}

/// How a generated enum is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    /// As strings.
    Str,
    /// As integers.
    Int,
}

/// A wire value of an enum, already in the enum's representation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wire {
    /// A string value.
    Str(String),
    /// An integer value.
    Int(i64),
}

/// One documented value of a generated enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// The wire value.
    pub wire: Wire,
    /// What it means.
    pub doc: Option<String>,
}

/// A generated enum; unknown wire values are kept in `Unknown(..)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Wire representation.
    pub repr: EnumRepr,
    /// Documented values.
    pub variants: Vec<Variant>,
}

/// One selectable field of a REST 3.0 row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldVariant {
    /// Rust variant name.
    pub name: String,
    /// The field's wire name (a path segment).
    pub wire: String,
    /// For a relation (a nested object): its own field enum, by index into
    /// [`Module::defs`]; the variant then holds the rest of the path.
    pub nested: Option<usize>,
}

/// The typed `select` of a REST 3.0 method: the row's field names and
/// relation paths (`responsible.name`), with a `Raw(String)` escape hatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEnum {
    /// Rust type name (`{Row}Field`).
    pub name: String,
    /// The row struct it names the fields of.
    pub row: String,
    /// One per field of the row.
    pub variants: Vec<FieldVariant>,
}

/// A generated type definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Def {
    /// A struct.
    Struct(Struct),
    /// An enum.
    Enum(Enum),
    /// The field names of a row, for a typed `select`.
    Fields(FieldEnum),
    /// Another name for a struct of the same shape.
    Alias(Alias),
}

/// A struct that came out field for field like an earlier one (docs pages
/// repeat an object's table or example on every method that returns it): it
/// keeps its name and doc as a `pub type` of the first, so the shape is
/// generated and compiled once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// Rust type name.
    pub name: String,
    /// Its own doc comment.
    pub doc: Option<String>,
    /// The struct it names, a [`Ty::Def`].
    pub target: Ty,
}

impl Def {
    /// The Rust type name.
    pub fn name(&self) -> &str {
        match self {
            Def::Struct(s) => &s.name,
            Def::Enum(e) => &e.name,
            Def::Fields(f) => &f.name,
            Def::Alias(a) => &a.name,
        }
    }
}

/// A placement with its interface events and commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Placement code (`PAGE_BACKGROUND_WORKER`).
    pub code: String,
    /// Title (as summary), summary (as description) and docs link.
    pub docs: Docs,
    /// Interface events, in spec order.
    pub events: Vec<InterfaceEvent>,
    /// Interface commands, in spec order.
    pub commands: Vec<Command>,
    /// The struct of its `PLACEMENT_OPTIONS` (an index into the module's
    /// defs), when the spec documents them.
    pub options: Option<usize>,
}

/// An interface event of a placement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceEvent {
    /// Wire name (`BackgroundCallCard::closeButtonClick`).
    pub wire: String,
    /// Variant name (`CloseButtonClick`).
    pub variant: String,
    /// Handler method name (`on_close_button_click`).
    pub handler: String,
    /// Documentation.
    pub docs: Docs,
    /// Positional arguments, in order.
    pub args: Vec<Field>,
    /// How many arguments are required (the decoder accepts between this
    /// and `args.len()`).
    pub min_args: usize,
}

/// The parameter of an interface command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandParam {
    /// An object with these fields.
    Object(Vec<Field>),
    /// One value (`setValue`), `null` allowed when `nullable`.
    Value {
        /// Its type.
        ty: Ty,
        /// Whether `null` is a documented value.
        nullable: bool,
    },
}

/// An interface command of a placement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// Wire name (`CallCardSetMute`).
    pub wire: String,
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub docs: Docs,
    /// What is sent.
    pub param: CommandParam,
    /// What the callback receives.
    pub output: Ty,
    /// The callback is called repeatedly.
    pub repeats: bool,
}

/// The REST generation of a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// `/rest/` (the default).
    V2,
    /// REST 3.0, `/rest/api/`.
    V3,
}

/// Whether a method is safe to resend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// The spec says so (`idempotent:`).
    Explicit(bool),
    /// The runtime's rule decides from the name
    /// (`b24_core::idempotent::by_name`), at compile time of the generated
    /// code, so the generator holds no rule of its own.
    ByName,
}

/// Paging of a list method: REST v2 `start`/`next` from the spec's `list:`,
/// or REST 3.0 `pagination` (inferred: a `pagination` parameter and an
/// `items` result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The row type.
    pub item: Ty,
    /// Where the rows sit in `result`; `None` when `result` is the array.
    pub path: Option<String>,
    /// The keyset cursor field.
    pub id_field: String,
}

/// A documented error of a method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDoc {
    /// The `error` code.
    pub code: String,
    /// The HTTP status, when documented.
    pub status: Option<u16>,
    /// The documented `error_description`.
    pub description: Option<String>,
}

/// A REST method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    /// Wire name (`crm.deal.get`).
    pub wire: String,
    /// Rust type name (`DealGet`).
    pub name: String,
    /// Documentation.
    pub docs: Docs,
    /// Required scope (empty when the spec names none).
    pub scope: String,
    /// REST generation.
    pub api: Api,
    /// Whether it is safe to resend.
    pub idempotent: Idempotency,
    /// Parameters: required ones become constructor arguments.
    pub params: Vec<Field>,
    /// Type of `result`.
    pub output: Ty,
    /// Paging, for list methods.
    pub list: Option<List>,
    /// Documented errors.
    pub errors: Vec<ErrorDoc>,
    /// Its error enum: an index into [`Module::error_enums`], `None` when
    /// the page documents no errors.
    pub error_enum: Option<usize>,
}

/// One variant of a generated error enum: a documented code, or (for codes
/// the docs write as empty or `0`) a documented description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// Rust variant name.
    pub name: String,
    /// The wire code (empty when matched by description).
    pub code: String,
    /// Normalized descriptions it matches when the wire code is empty or `0`
    /// (`b24_core::typed::normalize_description`).
    pub descriptions: Vec<String>,
    /// The documented descriptions, for the docs.
    pub doc: Vec<String>,
    /// Whether it says the object does not exist.
    pub not_found: bool,
}

/// A generated error-code enum, shared by every method of the module with
/// the same documented errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnum {
    /// Rust type name (the first method's `…Error`).
    pub name: String,
    /// The variants, in documented order.
    pub variants: Vec<ErrorVariant>,
    /// The other methods' aliases of this enum (`…Error`).
    pub aliases: Vec<String>,
}

/// A REST event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestEvent {
    /// Event code, upper case (`ONCRMDEALADD`).
    pub code: String,
    /// Rust type and variant name (`OnCrmDealAdd`).
    pub name: String,
    /// Handler method name (`on_crm_deal_add`).
    pub handler: String,
    /// Documentation.
    pub docs: Docs,
    /// Required scope (empty when the spec names none).
    pub scope: String,
    /// Fields of the `data` object.
    pub data: Vec<Field>,
}

/// The REST events of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestEvents {
    /// What the event set is called in docs (the file's scope or module).
    pub set: String,
    /// The events, in spec order; never empty.
    pub events: Vec<RestEvent>,
}

/// One spec file, resolved: everything a module is generated from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// The spec's path, as shown in messages.
    pub path: String,
    /// The Rust module name.
    pub name: String,
    /// Module documentation (the file's or the placement's summary).
    pub summary: Option<String>,
    /// The file-level scope.
    pub scope: Option<String>,
    /// The placement, if the file has one.
    pub placement: Option<Placement>,
    /// REST methods.
    pub methods: Vec<Method>,
    /// REST events, if the file has any.
    pub events: Option<RestEvents>,
    /// Every generated struct and enum; [`Ty::Def`] indexes it.
    pub defs: Vec<Def>,
    /// The methods' error enums, deduplicated.
    pub error_enums: Vec<ErrorEnum>,
}

impl Module {
    /// The definition a [`Ty::Def`] points at.
    pub fn def(&self, index: usize) -> &Def {
        &self.defs[index]
    }

    /// For each of [`Module::defs`], whether generated code decodes it: it
    /// is reachable from a method's result or an event's data, or the
    /// module has a placement (whose portal side decodes commands too).
    /// The others are only ever sent and need no `Deserialize`.
    pub fn decoded_defs(&self) -> Vec<bool> {
        if self.placement.is_some() {
            return vec![true; self.defs.len()];
        }
        let mut decoded = vec![false; self.defs.len()];
        let mut stack: Vec<&Ty> = Vec::new();
        for m in &self.methods {
            stack.push(&m.output);
            stack.extend(m.list.as_ref().map(|l| &l.item));
        }
        for e in self.events.iter().flat_map(|ev| &ev.events) {
            stack.extend(e.data.iter().map(|f| &f.ty));
        }
        while let Some(ty) = stack.pop() {
            match ty {
                Ty::Vec(inner) => stack.push(inner),
                Ty::Def(i) if !decoded[*i] => {
                    decoded[*i] = true;
                    match &self.defs[*i] {
                        Def::Struct(st) => stack.extend(st.fields.iter().map(|f| &f.ty)),
                        Def::Alias(a) => stack.push(&a.target),
                        Def::Enum(_) | Def::Fields(_) => {}
                    }
                }
                _ => {}
            }
        }
        decoded
    }
}
