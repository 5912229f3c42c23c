/// A few telephony methods and events.
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
pub mod telephony_sample {
    /// Registers an external call.
    /// The `ExternalCallRegister` object.
    #[derive(Debug, Clone, PartialEq, ::b24::__private::serde::Serialize)]
    #[serde(crate = "::b24::__private::serde")]
    pub struct ExternalCallRegister {
        /// Wire name: `USER_ID`.
        #[serde(rename = "USER_ID", deserialize_with = "::b24::__private::lenient::int")]
        pub user_id: ::b24::__private::Param<i64>,
        /// Wire name: `PHONE_NUMBER`.
        #[serde(
            rename = "PHONE_NUMBER",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub phone_number: ::b24::__private::Param<::std::string::String>,
        /// Wire name: `TYPE`.
        #[serde(rename = "TYPE")]
        pub r#type: CallType,
        /// Wire name: `CRM_CREATE`.
        #[serde(
            rename = "CRM_CREATE",
            deserialize_with = "::b24::__private::lenient::opt_boolean",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_create: ::std::option::Option<::b24::__private::Param<bool>>,
        /// Wire name: `SHOW`.
        #[serde(
            rename = "SHOW",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub show: ::std::option::Option<::b24::__private::Param<i64>>,
    }
    impl ExternalCallRegister {
        /// Creates a `ExternalCallRegister` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            user_id: impl ::std::convert::Into<::b24::__private::Param<i64>>,
            phone_number: impl ::std::convert::Into<
                ::b24::__private::Param<::std::string::String>,
            >,
            r#type: impl ::std::convert::Into<CallType>,
        ) -> Self {
            Self {
                user_id: user_id.into(),
                phone_number: phone_number.into(),
                r#type: r#type.into(),
                crm_create: ::std::option::Option::None,
                show: ::std::option::Option::None,
            }
        }
        /// Sets `CRM_CREATE`.
        #[must_use]
        pub fn crm_create(
            mut self,
            value: impl ::std::convert::Into<::b24::__private::Param<bool>>,
        ) -> Self {
            self.crm_create = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `SHOW`.
        #[must_use]
        pub fn show(
            mut self,
            value: impl ::std::convert::Into<::b24::__private::Param<i64>>,
        ) -> Self {
            self.show = ::std::option::Option::Some(value.into());
            self
        }
    }
    impl ::b24::__private::Method for ExternalCallRegister {
        const NAME: &'static str = "telephony.externalCall.register";
        const SCOPE: &'static str = "telephony";
        const IDEMPOTENT: bool = ::b24::__private::idempotent_by_name(
            "telephony.externalCall.register",
        );
        type Output = ExternalCallRegisterResult;
        type Error = ::b24::__private::UndocumentedError;
    }
    /// The `DealList` object.
    #[derive(Debug, Clone, PartialEq, ::b24::__private::serde::Serialize)]
    #[serde(crate = "::b24::__private::serde")]
    pub struct DealList {
        /// Wire name: `filter`.
        #[serde(rename = "filter", default, skip_serializing_if = "Option::is_none")]
        pub filter: ::std::option::Option<
            ::b24::__private::serde_json::Map<
                ::std::string::String,
                ::b24::__private::serde_json::Value,
            >,
        >,
        /// Wire name: `order`.
        #[serde(rename = "order", default, skip_serializing_if = "Option::is_none")]
        pub order: ::std::option::Option<
            ::b24::__private::serde_json::Map<
                ::std::string::String,
                ::b24::__private::serde_json::Value,
            >,
        >,
        /// Wire name: `select`.
        #[serde(rename = "select", default, skip_serializing_if = "Option::is_none")]
        pub select: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        /// Wire name: `start`.
        #[serde(
            rename = "start",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub start: ::std::option::Option<::b24::__private::Param<i64>>,
    }
    impl DealList {
        /// Creates a `DealList` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                filter: ::std::option::Option::None,
                order: ::std::option::Option::None,
                select: ::std::option::Option::None,
                start: ::std::option::Option::None,
            }
        }
        /// Sets `filter`.
        #[must_use]
        pub fn filter(
            mut self,
            value: impl ::std::convert::Into<
                ::b24::__private::serde_json::Map<
                    ::std::string::String,
                    ::b24::__private::serde_json::Value,
                >,
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
        /// Sets `select`.
        #[must_use]
        pub fn select(
            mut self,
            value: impl ::std::convert::Into<::std::vec::Vec<::std::string::String>>,
        ) -> Self {
            self.select = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `start`.
        #[must_use]
        pub fn start(
            mut self,
            value: impl ::std::convert::Into<::b24::__private::Param<i64>>,
        ) -> Self {
            self.start = ::std::option::Option::Some(value.into());
            self
        }
    }
    impl ::b24::__private::Method for DealList {
        const NAME: &'static str = "crm.deal.list";
        const SCOPE: &'static str = "crm";
        const IDEMPOTENT: bool = ::b24::__private::idempotent_by_name("crm.deal.list");
        type Output = ::std::vec::Vec<Deal>;
        type Error = ::b24::__private::UndocumentedError;
    }
    impl ::b24::__private::ListMethod for DealList {
        type Item = Deal;
        const ITEMS_PATH: ::std::option::Option<&'static str> = ::std::option::Option::None;
        const ID_FIELD: &'static str = "ID";
    }
    /// A user clicked a phone number.
    ///
    /// Event code: `ONEXTERNALCALLSTART`.
    /// The `OnExternalCallStart` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct OnExternalCallStart {
        /// Wire name: `PHONE_NUMBER`.
        #[serde(
            rename = "PHONE_NUMBER",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub phone_number: ::std::option::Option<::std::string::String>,
        /// Wire name: `USER_ID`.
        #[serde(
            rename = "USER_ID",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub user_id: ::std::option::Option<i64>,
        /// Wire name: `CALL_ID`.
        #[serde(
            rename = "CALL_ID",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub call_id: ::std::option::Option<::std::string::String>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl OnExternalCallStart {
        /// Creates a `OnExternalCallStart` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                phone_number: ::std::option::Option::None,
                user_id: ::std::option::Option::None,
                call_id: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `PHONE_NUMBER`.
        #[must_use]
        pub fn phone_number(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.phone_number = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `USER_ID`.
        #[must_use]
        pub fn user_id(mut self, value: impl ::std::convert::Into<i64>) -> Self {
            self.user_id = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CALL_ID`.
        #[must_use]
        pub fn call_id(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.call_id = ::std::option::Option::Some(value.into());
            self
        }
    }
    impl OnExternalCallStart {
        /// The event code, as `event.bind` takes it.
        pub const CODE: &'static str = "ONEXTERNALCALLSTART";
    }
    impl ::b24::__private::RestEvent for OnExternalCallStart {
        const CODE: &'static str = "ONEXTERNALCALLSTART";
        const SCOPE: &'static str = "telephony";
    }
    /// A REST event of this scope, decoded from its `data` object.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum RestEvent {
        /// A user clicked a phone number.
        ///
        /// Event code: `ONEXTERNALCALLSTART`.
        OnExternalCallStart(OnExternalCallStart),
        /// An event this spec does not list, with its raw `data`.
        Unknown {
            /// The event code as received.
            code: ::std::string::String,
            /// The raw `data` object.
            data: ::b24::__private::serde_json::Value,
        },
    }
    impl RestEvent {
        /// Every REST event code of `telephony`.
        pub const CODES: &'static [&'static str] = &["ONEXTERNALCALLSTART"];
        /// Decodes the `data` of event `code` (case-insensitive).
        pub fn decode(
            code: &str,
            data: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            match code.to_ascii_uppercase().as_str() {
                "ONEXTERNALCALLSTART" => {
                    ::std::result::Result::Ok(
                        Self::OnExternalCallStart(
                            ::b24::__private::field::<
                                OnExternalCallStart,
                            >("ONEXTERNALCALLSTART", "data", data)?,
                        ),
                    )
                }
                _ => {
                    ::std::result::Result::Ok(Self::Unknown {
                        code: code.to_owned(),
                        data,
                    })
                }
            }
        }
        /// The event code (upper case for known events).
        pub fn code(&self) -> &str {
            match self {
                Self::OnExternalCallStart(_) => "ONEXTERNALCALLSTART",
                Self::Unknown { code, .. } => code,
            }
        }
    }
    impl ::b24::__private::RestEvents for RestEvent {
        const CODES: &'static [&'static str] = RestEvent::CODES;
        fn decode(
            code: &str,
            data: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            RestEvent::decode(code, data)
        }
        fn code(&self) -> &str {
            RestEvent::code(self)
        }
    }
    /// Handles the REST events of this scope. Every method defaults to
    /// doing nothing; implement the ones you need. `ctx` tells which
    /// portal sent the event (`ctx.auth.member_id`, `ctx.auth.domain`).
    pub trait RestHandler: Send + Sync {
        /// A user clicked a phone number.
        fn on_external_call_start(
            &self,
            data: OnExternalCallStart,
            ctx: ::b24::__private::DeliveryContext,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = (data, ctx);
            async {}
        }
        /// An event this spec does not list.
        fn on_unknown(
            &self,
            code: ::std::string::String,
            data: ::b24::__private::serde_json::Value,
            ctx: ::b24::__private::DeliveryContext,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = (code, data, ctx);
            async {}
        }
    }
    /// Adapts a [`RestHandler`] to the runtime's event receiver (for
    /// example the axum route `rest_events`).
    #[derive(Debug, Clone, Default)]
    pub struct Dispatch<H>(pub H);
    impl<H: RestHandler + 'static> ::b24::__private::EventHandler<RestEvent>
    for Dispatch<H> {
        fn handle(
            &self,
            event: RestEvent,
            ctx: ::b24::__private::DeliveryContext,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            dispatch_rest(&self.0, event, ctx)
        }
    }
    /// Calls the `handler` method that matches `event`, with its delivery context.
    pub async fn dispatch_rest<H: RestHandler + ?Sized>(
        handler: &H,
        event: RestEvent,
        ctx: ::b24::__private::DeliveryContext,
    ) {
        match event {
            RestEvent::OnExternalCallStart(data) => {
                handler.on_external_call_start(data, ctx).await
            }
            RestEvent::Unknown { code, data } => {
                handler.on_unknown(code, data, ctx).await
            }
        }
    }
    /// The `Deal` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct Deal {
        /// Wire name: `ID`.
        #[serde(rename = "ID", deserialize_with = "::b24::__private::lenient::int")]
        pub id: i64,
        /// Wire name: `TITLE`.
        #[serde(
            rename = "TITLE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub title: ::std::option::Option<::std::string::String>,
        /// Wire name: `OPPORTUNITY`.
        #[serde(
            rename = "OPPORTUNITY",
            deserialize_with = "::b24::__private::lenient::opt_num",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub opportunity: ::std::option::Option<f64>,
        /// Wire name: `CLOSED`.
        #[serde(
            rename = "CLOSED",
            deserialize_with = "::b24::__private::lenient::opt_boolean",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub closed: ::std::option::Option<bool>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl Deal {
        /// Creates a `Deal` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(id: impl ::std::convert::Into<i64>) -> Self {
            Self {
                id: id.into(),
                title: ::std::option::Option::None,
                opportunity: ::std::option::Option::None,
                closed: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `TITLE`.
        #[must_use]
        pub fn title(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.title = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `OPPORTUNITY`.
        #[must_use]
        pub fn opportunity(mut self, value: impl ::std::convert::Into<f64>) -> Self {
            self.opportunity = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CLOSED`.
        #[must_use]
        pub fn closed(mut self, value: impl ::std::convert::Into<bool>) -> Self {
            self.closed = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallType`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallType {
        /// `1`
        ///
        /// outgoing
        Outgoing,
        /// `2`
        ///
        /// incoming
        Incoming,
        /// A value the docs do not list, kept as received.
        Unknown(i64),
    }
    impl CallType {
        /// The wire value.
        pub fn as_i64(&self) -> i64 {
            match self {
                Self::Outgoing => 1,
                Self::Incoming => 2,
                Self::Unknown(i) => *i,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(i: i64) -> Self {
            match i {
                1 => Self::Outgoing,
                2 => Self::Incoming,
                other => Self::Unknown(other),
            }
        }
    }
    impl ::std::fmt::Display for CallType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            ::std::write!(f, "{}", self.as_i64())
        }
    }
    impl ::b24::__private::serde::Serialize for CallType {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_i64(self.as_i64())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CallType {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::int(d).map(Self::from_wire)
        }
    }
    /// The `ExternalCallRegisterResultCrmCreatedEntitiesItem` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct ExternalCallRegisterResultCrmCreatedEntitiesItem {
        /// Wire name: `ENTITY_TYPE`.
        #[serde(
            rename = "ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub entity_type: ::std::option::Option<::std::string::String>,
        /// Wire name: `ENTITY_ID`.
        #[serde(
            rename = "ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub entity_id: ::std::option::Option<i64>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl ExternalCallRegisterResultCrmCreatedEntitiesItem {
        /// Creates a `ExternalCallRegisterResultCrmCreatedEntitiesItem` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                entity_type: ::std::option::Option::None,
                entity_id: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `ENTITY_TYPE`.
        #[must_use]
        pub fn entity_type(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.entity_type = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `ENTITY_ID`.
        #[must_use]
        pub fn entity_id(mut self, value: impl ::std::convert::Into<i64>) -> Self {
            self.entity_id = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The `ExternalCallRegisterResult` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct ExternalCallRegisterResult {
        /// Wire name: `CALL_ID`.
        #[serde(
            rename = "CALL_ID",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub call_id: ::std::string::String,
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(
            rename = "CRM_ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_entity_type: ::std::option::Option<::std::string::String>,
        /// Wire name: `CRM_ENTITY_ID`.
        #[serde(
            rename = "CRM_ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_entity_id: ::std::option::Option<i64>,
        /// Wire name: `CRM_CREATED_ENTITIES`.
        #[serde(
            rename = "CRM_CREATED_ENTITIES",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_created_entities: ::std::option::Option<
            ::std::vec::Vec<ExternalCallRegisterResultCrmCreatedEntitiesItem>,
        >,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl ExternalCallRegisterResult {
        /// Creates a `ExternalCallRegisterResult` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(call_id: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                call_id: call_id.into(),
                crm_entity_type: ::std::option::Option::None,
                crm_entity_id: ::std::option::Option::None,
                crm_created_entities: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `CRM_ENTITY_TYPE`.
        #[must_use]
        pub fn crm_entity_type(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.crm_entity_type = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CRM_ENTITY_ID`.
        #[must_use]
        pub fn crm_entity_id(mut self, value: impl ::std::convert::Into<i64>) -> Self {
            self.crm_entity_id = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CRM_CREATED_ENTITIES`.
        #[must_use]
        pub fn crm_created_entities(
            mut self,
            value: impl ::std::convert::Into<
                ::std::vec::Vec<ExternalCallRegisterResultCrmCreatedEntitiesItem>,
            >,
        ) -> Self {
            self.crm_created_entities = ::std::option::Option::Some(value.into());
            self
        }
    }
}
