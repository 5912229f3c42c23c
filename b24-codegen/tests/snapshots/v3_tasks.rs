/// Generated from `b24-codegen/tests/specs/v3_tasks.yaml`.
#[allow(
    clippy::match_single_binding,
    clippy::module_inception,
    clippy::should_implement_trait,
    clippy::doc_lazy_continuation,
    clippy::doc_overindented_list_items,
    clippy::tabs_in_doc_comments,
    rustdoc::broken_intra_doc_links,
    rustdoc::bare_urls,
    rustdoc::invalid_html_tags,
    rustdoc::invalid_rust_codeblocks
)]
pub mod v3_tasks {
    ///
    ///REST 3.0: `Client::send` calls it at `/rest/api/`.
    /// The `TaskList` object.
    #[derive(Debug, Clone, PartialEq, ::b24::__private::serde::Serialize)]
    #[serde(crate = "::b24::__private::serde")]
    pub struct TaskList {
        /// Wire name: `select`.
        #[serde(rename = "select", default, skip_serializing_if = "Option::is_none")]
        pub select: ::std::option::Option<::std::vec::Vec<TaskField>>,
        /// Wire name: `filter`.
        #[serde(rename = "filter", default, skip_serializing_if = "Option::is_none")]
        pub filter: ::std::option::Option<::b24::__private::V3Filter<TaskField>>,
        /// Wire name: `order`.
        #[serde(rename = "order", default, skip_serializing_if = "Option::is_none")]
        pub order: ::std::option::Option<::b24::__private::V3Order<TaskField>>,
        /// Wire name: `pagination`.
        #[serde(rename = "pagination", default, skip_serializing_if = "Option::is_none")]
        pub pagination: ::std::option::Option<
            ::b24::__private::serde_json::Map<
                ::std::string::String,
                ::b24::__private::serde_json::Value,
            >,
        >,
    }
    impl TaskList {
        /// Creates a `TaskList` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                select: ::std::option::Option::None,
                filter: ::std::option::Option::None,
                order: ::std::option::Option::None,
                pagination: ::std::option::Option::None,
            }
        }
        /// Sets `select`.
        #[must_use]
        pub fn select(
            mut self,
            value: impl ::std::convert::Into<::std::vec::Vec<TaskField>>,
        ) -> Self {
            self.select = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `filter`.
        #[must_use]
        pub fn filter(
            mut self,
            value: impl ::std::convert::Into<::b24::__private::V3Filter<TaskField>>,
        ) -> Self {
            self.filter = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `order`.
        #[must_use]
        pub fn order(
            mut self,
            value: impl ::std::convert::Into<::b24::__private::V3Order<TaskField>>,
        ) -> Self {
            self.order = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `pagination`.
        #[must_use]
        pub fn pagination(
            mut self,
            value: impl ::std::convert::Into<
                ::b24::__private::serde_json::Map<
                    ::std::string::String,
                    ::b24::__private::serde_json::Value,
                >,
            >,
        ) -> Self {
            self.pagination = ::std::option::Option::Some(value.into());
            self
        }
    }
    impl ::b24::__private::Method for TaskList {
        const NAME: &'static str = "tasks.task.list";
        const SCOPE: &'static str = "tasks";
        const IDEMPOTENT: bool = ::b24::__private::idempotent_by_name("tasks.task.list");
        const API: ::b24::__private::ApiVersion = ::b24::__private::ApiVersion::V3;
        type Output = TaskListResult;
        type Error = ::b24::__private::UndocumentedError;
    }
    impl ::b24::__private::ListMethod for TaskList {
        type Item = Task;
        const ITEMS_PATH: ::std::option::Option<&'static str> = ::std::option::Option::Some(
            "items",
        );
        const ID_FIELD: &'static str = "id";
    }
    ///
    ///REST 3.0: `Client::send` calls it at `/rest/api/`.
    /// The `MainEventlogList` object.
    #[derive(Debug, Clone, PartialEq, ::b24::__private::serde::Serialize)]
    #[serde(crate = "::b24::__private::serde")]
    pub struct MainEventlogList {
        /// Wire name: `select`.
        #[serde(rename = "select", default, skip_serializing_if = "Option::is_none")]
        pub select: ::std::option::Option<
            ::std::vec::Vec<::b24::__private::serde_json::Value>,
        >,
        /// Wire name: `filter`.
        #[serde(rename = "filter", default, skip_serializing_if = "Option::is_none")]
        pub filter: ::std::option::Option<
            ::std::vec::Vec<::b24::__private::serde_json::Value>,
        >,
        /// Wire name: `order`.
        #[serde(rename = "order", default, skip_serializing_if = "Option::is_none")]
        pub order: ::std::option::Option<
            ::b24::__private::serde_json::Map<
                ::std::string::String,
                ::b24::__private::serde_json::Value,
            >,
        >,
        /// Wire name: `pagination`.
        #[serde(rename = "pagination", default, skip_serializing_if = "Option::is_none")]
        pub pagination: ::std::option::Option<
            ::b24::__private::serde_json::Map<
                ::std::string::String,
                ::b24::__private::serde_json::Value,
            >,
        >,
    }
    impl MainEventlogList {
        /// Creates a `MainEventlogList` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                select: ::std::option::Option::None,
                filter: ::std::option::Option::None,
                order: ::std::option::Option::None,
                pagination: ::std::option::Option::None,
            }
        }
        /// Sets `select`.
        #[must_use]
        pub fn select(
            mut self,
            value: impl ::std::convert::Into<
                ::std::vec::Vec<::b24::__private::serde_json::Value>,
            >,
        ) -> Self {
            self.select = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `filter`.
        #[must_use]
        pub fn filter(
            mut self,
            value: impl ::std::convert::Into<
                ::std::vec::Vec<::b24::__private::serde_json::Value>,
            >,
        ) -> Self {
            self.filter = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `order`.
        #[must_use]
        pub fn order(
            mut self,
            value: impl ::std::convert::Into<
                ::b24::__private::serde_json::Map<
                    ::std::string::String,
                    ::b24::__private::serde_json::Value,
                >,
            >,
        ) -> Self {
            self.order = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `pagination`.
        #[must_use]
        pub fn pagination(
            mut self,
            value: impl ::std::convert::Into<
                ::b24::__private::serde_json::Map<
                    ::std::string::String,
                    ::b24::__private::serde_json::Value,
                >,
            >,
        ) -> Self {
            self.pagination = ::std::option::Option::Some(value.into());
            self
        }
    }
    impl ::b24::__private::Method for MainEventlogList {
        const NAME: &'static str = "main.eventlog.list";
        const SCOPE: &'static str = "tasks";
        const IDEMPOTENT: bool = ::b24::__private::idempotent_by_name(
            "main.eventlog.list",
        );
        const API: ::b24::__private::ApiVersion = ::b24::__private::ApiVersion::V3;
        type Output = MainEventlogListResult;
        type Error = ::b24::__private::UndocumentedError;
    }
    impl ::b24::__private::ListMethod for MainEventlogList {
        type Item = ::b24::__private::serde_json::Value;
        const ITEMS_PATH: ::std::option::Option<&'static str> = ::std::option::Option::Some(
            "items",
        );
        const ID_FIELD: &'static str = "id";
    }
    /// The `User` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct User {
        /// Wire name: `id`.
        #[serde(
            rename = "id",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub id: ::std::option::Option<i64>,
        /// Wire name: `name`.
        #[serde(
            rename = "name",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub name: ::std::option::Option<::std::string::String>,
    }
    impl User {
        /// Creates a `User` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                id: ::std::option::Option::None,
                name: ::std::option::Option::None,
            }
        }
        /// Sets `id`.
        #[must_use]
        pub fn id(mut self, value: impl ::std::convert::Into<i64>) -> Self {
            self.id = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `name`.
        #[must_use]
        pub fn name(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.name = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The `Task` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct Task {
        /// Wire name: `id`.
        #[serde(
            rename = "id",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub id: ::std::option::Option<i64>,
        /// Wire name: `title`.
        #[serde(
            rename = "title",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub title: ::std::option::Option<::std::string::String>,
        /// Wire name: `responsible`.
        #[serde(
            rename = "responsible",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub responsible: ::std::option::Option<User>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl Task {
        /// Creates a `Task` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                id: ::std::option::Option::None,
                title: ::std::option::Option::None,
                responsible: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `id`.
        #[must_use]
        pub fn id(mut self, value: impl ::std::convert::Into<i64>) -> Self {
            self.id = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `title`.
        #[must_use]
        pub fn title(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.title = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `responsible`.
        #[must_use]
        pub fn responsible(mut self, value: impl ::std::convert::Into<User>) -> Self {
            self.responsible = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The `TaskListResult` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct TaskListResult {
        /// Wire name: `items`.
        #[serde(rename = "items", default, skip_serializing_if = "Option::is_none")]
        pub items: ::std::option::Option<::std::vec::Vec<Task>>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl TaskListResult {
        /// Creates a `TaskListResult` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                items: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `items`.
        #[must_use]
        pub fn items(
            mut self,
            value: impl ::std::convert::Into<::std::vec::Vec<Task>>,
        ) -> Self {
            self.items = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// A field of `User` for a REST 3.0 `select`, `filter` and `order`; a relation variant holds the rest of the path (`responsible.name`). `Raw` takes any path as written.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum UserField {
        /// `id`.
        Id,
        /// `name`.
        Name,
        /// Any path, as the portal takes it.
        Raw(::std::string::String),
    }
    impl UserField {
        /// The path as `select` takes it (`responsible.name`).
        pub fn path(&self) -> ::std::string::String {
            match self {
                Self::Id => "id".to_owned(),
                Self::Name => "name".to_owned(),
                Self::Raw(s) => s.clone(),
            }
        }
    }
    impl ::std::convert::From<&str> for UserField {
        fn from(path: &str) -> Self {
            Self::Raw(path.to_owned())
        }
    }
    impl ::b24::__private::FieldPath for UserField {
        fn path(&self) -> ::std::string::String {
            UserField::path(self)
        }
    }
    impl ::b24::__private::serde::Serialize for UserField {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(&self.path())
        }
    }
    /// A field of `Task` for a REST 3.0 `select`, `filter` and `order`; a relation variant holds the rest of the path (`responsible.name`). `Raw` takes any path as written.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum TaskField {
        /// `id`.
        Id,
        /// `title`.
        Title,
        /// `responsible.…`: a field of the relation.
        Responsible(::std::boxed::Box<UserField>),
        /// Any path, as the portal takes it.
        Raw(::std::string::String),
    }
    impl TaskField {
        /// The path as `select` takes it (`responsible.name`).
        pub fn path(&self) -> ::std::string::String {
            match self {
                Self::Id => "id".to_owned(),
                Self::Title => "title".to_owned(),
                Self::Responsible(rest) => {
                    ::std::format!("{}.{}", "responsible", rest.path())
                }
                Self::Raw(s) => s.clone(),
            }
        }
    }
    impl ::std::convert::From<&str> for TaskField {
        fn from(path: &str) -> Self {
            Self::Raw(path.to_owned())
        }
    }
    impl ::b24::__private::FieldPath for TaskField {
        fn path(&self) -> ::std::string::String {
            TaskField::path(self)
        }
    }
    impl ::b24::__private::serde::Serialize for TaskField {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(&self.path())
        }
    }
    /// The `MainEventlogListResult` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct MainEventlogListResult {
        /// Wire name: `items`.
        #[serde(rename = "items", default, skip_serializing_if = "Option::is_none")]
        pub items: ::std::option::Option<
            ::std::vec::Vec<::b24::__private::serde_json::Value>,
        >,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl MainEventlogListResult {
        /// Creates a `MainEventlogListResult` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                items: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `items`.
        #[must_use]
        pub fn items(
            mut self,
            value: impl ::std::convert::Into<
                ::std::vec::Vec<::b24::__private::serde_json::Value>,
            >,
        ) -> Self {
            self.items = ::std::option::Option::Some(value.into());
            self
        }
    }
}
