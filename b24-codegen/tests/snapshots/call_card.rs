/// The widget adds its own tab to the call card. The handler is invoked during a conversation and receives the call context: call identifier, phone number, call direction and state, and the linked CRM items.
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
pub mod call_card {
    /// Call Card Tab
    ///
    /// The widget adds its own tab to the call card. The handler is invoked during a conversation and receives the call context: call identifier, phone number, call direction and state, and the linked CRM items.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/telephony/call-card.html>
    pub const PLACEMENT: &str = "CALL_CARD";
    /// An interface event of this placement, decoded from the callback
    /// arguments `BX24.placement.bindEvent` delivers.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Event {
        /// The `CallCard::BeforeClose` event occurs when Bitrix24 tries to close the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-before-close.html>
        ///
        /// Wire name: `CallCard::BeforeClose`.
        BeforeClose,
        /// The `CallCard::CallStateChanged` event occurs when the state of the current call changes.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-call-state-changed.html>
        ///
        /// Wire name: `CallCard::CallStateChanged`.
        CallStateChanged {
            /// The current state of the call.
            ///
            /// Possible values:
            ///
            /// - `idle` — no connection
            /// - `connecting` — establishing connection
            /// - `connected` — connection established
            ///
            /// Argument 1 (`callState`).
            call_state: CallStateChangedCallState,
            /// Additional data (detailed description).
            ///
            /// The argument always arrives: if there is no additional data, it is an empty object. The asterisk marks the required subscription parameters, not the handler arguments
            ///
            /// Argument 2 (`additionalParams`).
            additional_params: ::std::option::Option<CallStateChangedAdditionalParams>,
        },
        /// The `CallCard::EntityChanged` event occurs when the client bound to the call changes.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-entity-changed.html>
        ///
        /// Wire name: `CallCard::EntityChanged`.
        EntityChanged(EntityChanged),
    }
    impl Event {
        /// Every interface event of `CALL_CARD`.
        pub const NAMES: &'static [&'static str] = &[
            "CallCard::BeforeClose",
            "CallCard::CallStateChanged",
            "CallCard::EntityChanged",
        ];
        /// The wire name of this event.
        pub fn name(&self) -> &'static str {
            match self {
                Self::BeforeClose => "CallCard::BeforeClose",
                Self::CallStateChanged { .. } => "CallCard::CallStateChanged",
                Self::EntityChanged(_) => "CallCard::EntityChanged",
            }
        }
        /// Decodes event `name` from its callback arguments.
        pub fn decode(
            name: &str,
            args: &[::b24::__private::serde_json::Value],
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = args;
            match name {
                "CallCard::BeforeClose" => {
                    ::b24::__private::arg_count(
                        "CallCard::BeforeClose",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::BeforeClose)
                }
                "CallCard::CallStateChanged" => {
                    ::b24::__private::arg_count(
                        "CallCard::CallStateChanged",
                        args,
                        1usize,
                        2usize,
                    )?;
                    ::std::result::Result::Ok(Self::CallStateChanged {
                        call_state: ::b24::__private::field::<
                            CallStateChangedCallState,
                        >(
                            "CallCard::CallStateChanged",
                            "callState",
                            args
                                .first()
                                .cloned()
                                .unwrap_or(::b24::__private::serde_json::Value::Null),
                        )?,
                        additional_params: ::b24::__private::field::<
                            ::std::option::Option<CallStateChangedAdditionalParams>,
                        >(
                            "CallCard::CallStateChanged",
                            "additionalParams",
                            args
                                .get(1)
                                .cloned()
                                .unwrap_or(::b24::__private::serde_json::Value::Null),
                        )?,
                    })
                }
                "CallCard::EntityChanged" => {
                    ::b24::__private::arg_count(
                        "CallCard::EntityChanged",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::EntityChanged(
                            ::b24::__private::field::<
                                EntityChanged,
                            >(
                                "CallCard::EntityChanged",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                            )?,
                        ),
                    )
                }
                other => {
                    ::std::result::Result::Err(::b24::__private::DecodeError::UnknownEvent {
                        set: "CALL_CARD",
                        name: other.to_owned(),
                    })
                }
            }
        }
        /// The callback arguments this event is fired with.
        pub fn to_args(&self) -> ::std::vec::Vec<::b24::__private::serde_json::Value> {
            match self {
                Self::BeforeClose => ::std::vec::Vec::new(),
                Self::CallStateChanged { call_state, additional_params } => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(call_state)
                        .unwrap_or_default(),
                        ::b24::__private::serde_json::to_value(additional_params)
                        .unwrap_or_default()
                    ]
                }
                Self::EntityChanged(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
            }
        }
    }
    impl ::b24::__private::InterfaceEvents for Event {
        const PLACEMENT: &'static str = "CALL_CARD";
        const NAMES: &'static [&'static str] = Event::NAMES;
        fn decode(
            name: &str,
            args: &[::b24::__private::serde_json::Value],
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            Event::decode(name, args)
        }
        fn name(&self) -> &'static str {
            Event::name(self)
        }
        fn to_args(&self) -> ::std::vec::Vec<::b24::__private::serde_json::Value> {
            Event::to_args(self)
        }
    }
    /// Handles the interface events of this placement. Every method
    /// defaults to doing nothing; implement the ones you need.
    pub trait Handler: Send + Sync {
        /// The events the widget subscribes to; all by default.
        fn subscriptions(&self) -> &'static [&'static str] {
            Event::NAMES
        }
        /// The `CallCard::BeforeClose` event occurs when Bitrix24 tries to close the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-before-close.html>
        fn on_before_close(&self) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `CallCard::CallStateChanged` event occurs when the state of the current call changes.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-call-state-changed.html>
        fn on_call_state_changed(
            &self,
            call_state: CallStateChangedCallState,
            additional_params: ::std::option::Option<CallStateChangedAdditionalParams>,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = (call_state, additional_params);
            async {}
        }
        /// The `CallCard::EntityChanged` event occurs when the client bound to the call changes.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-entity-changed.html>
        fn on_entity_changed(
            &self,
            event_data: EntityChanged,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
    }
    /// Calls the `handler` method that matches `event`.
    pub async fn dispatch<H: Handler + ?Sized>(handler: &H, event: Event) {
        let _ = handler;
        match event {
            Event::BeforeClose => handler.on_before_close().await,
            Event::CallStateChanged { call_state, additional_params } => {
                handler.on_call_state_changed(call_state, additional_params).await
            }
            Event::EntityChanged(event_data) => {
                handler.on_entity_changed(event_data).await
            }
        }
    }
    /// The `disableAutoClose` command disables the automatic closing of the call card and resets the delayed-closing timer to 65 seconds if it has already started.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/disable-auto-close.html>
    /// The `DisableAutoClose` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct DisableAutoClose {}
    impl DisableAutoClose {
        /// Creates a `DisableAutoClose` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {}
        }
    }
    impl ::b24::__private::PlacementCommand for DisableAutoClose {
        const NAME: &'static str = "disableAutoClose";
        const PLACEMENT: &'static str = "CALL_CARD";
        type Output = ::std::vec::Vec<::b24::__private::serde_json::Value>;
    }
    /// The `enableAutoClose` command restores the automatic closing of the call card that was disabled by the disableAutoClose command.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/enable-auto-close.html>
    /// The `EnableAutoClose` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct EnableAutoClose {}
    impl EnableAutoClose {
        /// Creates a `EnableAutoClose` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {}
        }
    }
    impl ::b24::__private::PlacementCommand for EnableAutoClose {
        const NAME: &'static str = "enableAutoClose";
        const PLACEMENT: &'static str = "CALL_CARD";
        type Output = ::std::vec::Vec<::b24::__private::serde_json::Value>;
    }
    /// The `getStatus` command returns the current data of the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/get-status.html>
    /// The `GetStatus` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct GetStatus {}
    impl GetStatus {
        /// Creates a `GetStatus` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {}
        }
    }
    impl ::b24::__private::PlacementCommand for GetStatus {
        const NAME: &'static str = "getStatus";
        const PLACEMENT: &'static str = "CALL_CARD";
        type Output = GetStatusResult;
    }
    /// Any interface command of this placement, as the portal side
    /// receives it from `BX24.placement.call`.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Command {
        /// `disableAutoClose`.
        DisableAutoClose(DisableAutoClose),
        /// `enableAutoClose`.
        EnableAutoClose(EnableAutoClose),
        /// `getStatus`.
        GetStatus(GetStatus),
    }
    impl Command {
        /// Every interface command of `CALL_CARD`.
        pub const NAMES: &'static [&'static str] = &[
            "disableAutoClose",
            "enableAutoClose",
            "getStatus",
        ];
        /// The wire name of this command.
        pub fn name(&self) -> &'static str {
            match self {
                Self::DisableAutoClose(_) => "disableAutoClose",
                Self::EnableAutoClose(_) => "enableAutoClose",
                Self::GetStatus(_) => "getStatus",
            }
        }
        /// Decodes command `name` from its parameters.
        pub fn decode(
            name: &str,
            params: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &params;
            match name {
                "disableAutoClose" => {
                    ::std::result::Result::Ok(
                        Self::DisableAutoClose(
                            ::b24::__private::field::<
                                DisableAutoClose,
                            >("disableAutoClose", "params", params)?,
                        ),
                    )
                }
                "enableAutoClose" => {
                    ::std::result::Result::Ok(
                        Self::EnableAutoClose(
                            ::b24::__private::field::<
                                EnableAutoClose,
                            >("enableAutoClose", "params", params)?,
                        ),
                    )
                }
                "getStatus" => {
                    ::std::result::Result::Ok(
                        Self::GetStatus(
                            ::b24::__private::field::<
                                GetStatus,
                            >("getStatus", "params", params)?,
                        ),
                    )
                }
                other => {
                    ::std::result::Result::Err(::b24::__private::DecodeError::UnknownEvent {
                        set: "CALL_CARD",
                        name: other.to_owned(),
                    })
                }
            }
        }
        /// The parameters, as `BX24.placement.call` sends them.
        pub fn params(&self) -> ::b24::__private::serde_json::Value {
            match self {
                Self::DisableAutoClose(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::EnableAutoClose(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::GetStatus(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
            }
        }
    }
    /// The typed result of any interface command of this placement.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum CommandResult {
        /// `disableAutoClose`.
        DisableAutoClose(::std::vec::Vec<::b24::__private::serde_json::Value>),
        /// `enableAutoClose`.
        EnableAutoClose(::std::vec::Vec<::b24::__private::serde_json::Value>),
        /// `getStatus`.
        GetStatus(GetStatusResult),
    }
    impl CommandResult {
        /// Decodes the result of command `name`.
        pub fn decode(
            name: &str,
            result: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &result;
            match name {
                "disableAutoClose" => {
                    ::std::result::Result::Ok(
                        Self::DisableAutoClose(
                            ::b24::__private::field::<
                                ::std::vec::Vec<::b24::__private::serde_json::Value>,
                            >("disableAutoClose", "result", result)?,
                        ),
                    )
                }
                "enableAutoClose" => {
                    ::std::result::Result::Ok(
                        Self::EnableAutoClose(
                            ::b24::__private::field::<
                                ::std::vec::Vec<::b24::__private::serde_json::Value>,
                            >("enableAutoClose", "result", result)?,
                        ),
                    )
                }
                "getStatus" => {
                    ::std::result::Result::Ok(
                        Self::GetStatus(
                            ::b24::__private::field::<
                                GetStatusResult,
                            >("getStatus", "result", result)?,
                        ),
                    )
                }
                other => {
                    ::std::result::Result::Err(::b24::__private::DecodeError::UnknownEvent {
                        set: "CALL_CARD",
                        name: other.to_owned(),
                    })
                }
            }
        }
    }
    impl ::b24::__private::PlacementOptions for Options {
        const PLACEMENT: &'static str = "CALL_CARD";
    }
    /// The current state of the call.
    ///
    /// Possible values:
    ///
    /// - `idle` — no connection
    /// - `connecting` — establishing connection
    /// - `connected` — connection established
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallStateChangedCallState {
        /// `idle`
        ///
        /// no connection
        Idle,
        /// `connecting`
        ///
        /// establishing connection
        Connecting,
        /// `connected`
        ///
        /// connection established
        Connected,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallStateChangedCallState {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Idle => "idle",
                Self::Connecting => "connecting",
                Self::Connected => "connected",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "idle" => Self::Idle,
                "connecting" => Self::Connecting,
                "connected" => Self::Connected,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallStateChangedCallState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallStateChangedCallState {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CallStateChangedCallState {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// Additional data (detailed description).
    ///
    /// The argument always arrives: if there is no additional data, it is an empty object. The asterisk marks the required subscription parameters, not the handler arguments
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallStateChangedAdditionalParams {
        /// The call termination code. It is passed only on an unsuccessful termination, when `callState = idle`.
        ///
        /// The value is a SIP protocol code. For example, `486` — the subscriber is busy, `480` — the subscriber is unavailable
        ///
        /// Wire name: `failedCode`.
        #[serde(
            rename = "failedCode",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub failed_code: ::std::option::Option<::std::string::String>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallStateChangedAdditionalParams {
        /// Creates a `CallStateChangedAdditionalParams` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                failed_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `failedCode`.
        #[must_use]
        pub fn failed_code(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.failed_code = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The `EntityChanged` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct EntityChanged {
        /// The client's phone number.
        ///
        /// If the client has no phone number at all, the string `unknown` arrives
        ///
        /// Wire name: `PHONE_NUMBER`.
        #[serde(
            rename = "PHONE_NUMBER",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub phone_number: ::std::string::String,
        /// The type of the CRM object linked to the call
        ///
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(
            rename = "CRM_ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub crm_entity_type: ::std::string::String,
        /// The identifier of the CRM object linked to the call
        ///
        /// Wire name: `CRM_ENTITY_ID`.
        #[serde(
            rename = "CRM_ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::int"
        )]
        pub crm_entity_id: i64,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl EntityChanged {
        /// Creates a `EntityChanged` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            phone_number: impl ::std::convert::Into<::std::string::String>,
            crm_entity_type: impl ::std::convert::Into<::std::string::String>,
            crm_entity_id: impl ::std::convert::Into<i64>,
        ) -> Self {
            Self {
                phone_number: phone_number.into(),
                crm_entity_type: crm_entity_type.into(),
                crm_entity_id: crm_entity_id.into(),
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
    }
    /// The `GetStatusResultCrmBindingsItem` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct GetStatusResultCrmBindingsItem {
        /// The type of the CRM object: `LEAD`, `DEAL`, `CONTACT`, or `COMPANY`
        ///
        /// Wire name: `ENTITY_TYPE`.
        #[serde(
            rename = "ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub entity_type: ::std::option::Option<::std::string::String>,
        /// The identifier of the CRM object
        ///
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
    impl GetStatusResultCrmBindingsItem {
        /// Creates a `GetStatusResultCrmBindingsItem` from its required fields.
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
    /// The direction of the call.
    ///
    /// Possible values:
    ///
    /// - `incoming` — incoming call
    /// - `outgoing` — outgoing call
    /// - `callback` — callback
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum GetStatusResultCallDirection {
        /// `incoming`
        ///
        /// incoming call
        Incoming,
        /// `outgoing`
        ///
        /// outgoing call
        Outgoing,
        /// `callback`
        ///
        /// callback
        Callback,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl GetStatusResultCallDirection {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Incoming => "incoming",
                Self::Outgoing => "outgoing",
                Self::Callback => "callback",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "incoming" => Self::Incoming,
                "outgoing" => Self::Outgoing,
                "callback" => Self::Callback,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for GetStatusResultCallDirection {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for GetStatusResultCallDirection {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for GetStatusResultCallDirection {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The state of the call.
    ///
    /// Possible values:
    ///
    /// - `idle` — no connection
    /// - `connecting` — establishing connection
    /// - `connected` — connection established
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum GetStatusResultCallState {
        /// `idle`
        ///
        /// no connection
        Idle,
        /// `connecting`
        ///
        /// establishing connection
        Connecting,
        /// `connected`
        ///
        /// connection established
        Connected,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl GetStatusResultCallState {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Idle => "idle",
                Self::Connecting => "connecting",
                Self::Connected => "connected",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "idle" => Self::Idle,
                "connecting" => Self::Connecting,
                "connected" => Self::Connected,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for GetStatusResultCallState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for GetStatusResultCallState {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for GetStatusResultCallState {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `GetStatusResult` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct GetStatusResult {
        /// The identifier of the call
        ///
        /// Wire name: `CALL_ID`.
        #[serde(
            rename = "CALL_ID",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub call_id: ::std::option::Option<::std::string::String>,
        /// The client's number.
        ///
        /// Possible states:
        ///
        /// - the client's number — the usual case
        /// - `hidden` — the client hid their number
        /// - the key does not arrive at all — the number is not identified
        ///
        /// Wire name: `PHONE_NUMBER`.
        #[serde(
            rename = "PHONE_NUMBER",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub phone_number: ::std::option::Option<::std::string::String>,
        /// The line number
        ///
        /// Wire name: `LINE_NUMBER`.
        #[serde(
            rename = "LINE_NUMBER",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub line_number: ::std::option::Option<::std::string::String>,
        /// The name of the company's phone line.
        ///
        /// It can be an empty string if the line name is not set
        ///
        /// Wire name: `LINE_NAME`.
        #[serde(
            rename = "LINE_NAME",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub line_name: ::std::option::Option<::std::string::String>,
        /// The symbolic code of the CRM item type the call is bound to: `LEAD`, `DEAL`, `CONTACT`, or `COMPANY`.
        ///
        /// An empty string if the call is not bound to the CRM
        ///
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(
            rename = "CRM_ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_entity_type: ::std::option::Option<::std::string::String>,
        /// The identifier of the CRM item the call is bound to.
        ///
        /// `0` if the call is not bound to the CRM. The full list of linked items arrives in `CRM_BINDINGS`
        ///
        /// Wire name: `CRM_ENTITY_ID`.
        #[serde(
            rename = "CRM_ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_entity_id: ::std::option::Option<i64>,
        /// The identifier of the CRM activity created for the call.
        ///
        /// If there is no activity, the key either does not arrive at all or arrives as an empty string
        ///
        /// Wire name: `CRM_ACTIVITY_ID`.
        #[serde(
            rename = "CRM_ACTIVITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_activity_id: ::std::option::Option<i64>,
        /// The bindings of the call to CRM objects (detailed description)
        ///
        /// Wire name: `CRM_BINDINGS`.
        #[serde(
            rename = "CRM_BINDINGS",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_bindings: ::std::option::Option<
            ::std::vec::Vec<GetStatusResultCrmBindingsItem>,
        >,
        /// The direction of the call.
        ///
        /// Possible values:
        ///
        /// - `incoming` — incoming call
        /// - `outgoing` — outgoing call
        /// - `callback` — callback
        ///
        /// Wire name: `CALL_DIRECTION`.
        #[serde(
            rename = "CALL_DIRECTION",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub call_direction: ::std::option::Option<GetStatusResultCallDirection>,
        /// The state of the call.
        ///
        /// Possible values:
        ///
        /// - `idle` — no connection
        /// - `connecting` — establishing connection
        /// - `connected` — connection established
        ///
        /// Wire name: `CALL_STATE`.
        #[serde(rename = "CALL_STATE", default, skip_serializing_if = "Option::is_none")]
        pub call_state: ::std::option::Option<GetStatusResultCallState>,
        /// Indicator of the call campaign mode
        ///
        /// Wire name: `CALL_LIST_MODE`.
        #[serde(
            rename = "CALL_LIST_MODE",
            deserialize_with = "::b24::__private::lenient::opt_boolean",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub call_list_mode: ::std::option::Option<bool>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl GetStatusResult {
        /// Creates a `GetStatusResult` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                call_id: ::std::option::Option::None,
                phone_number: ::std::option::Option::None,
                line_number: ::std::option::Option::None,
                line_name: ::std::option::Option::None,
                crm_entity_type: ::std::option::Option::None,
                crm_entity_id: ::std::option::Option::None,
                crm_activity_id: ::std::option::Option::None,
                crm_bindings: ::std::option::Option::None,
                call_direction: ::std::option::Option::None,
                call_state: ::std::option::Option::None,
                call_list_mode: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
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
        /// Sets `PHONE_NUMBER`.
        #[must_use]
        pub fn phone_number(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.phone_number = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `LINE_NUMBER`.
        #[must_use]
        pub fn line_number(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.line_number = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `LINE_NAME`.
        #[must_use]
        pub fn line_name(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.line_name = ::std::option::Option::Some(value.into());
            self
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
        /// Sets `CRM_ACTIVITY_ID`.
        #[must_use]
        pub fn crm_activity_id(mut self, value: impl ::std::convert::Into<i64>) -> Self {
            self.crm_activity_id = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CRM_BINDINGS`.
        #[must_use]
        pub fn crm_bindings(
            mut self,
            value: impl ::std::convert::Into<
                ::std::vec::Vec<GetStatusResultCrmBindingsItem>,
            >,
        ) -> Self {
            self.crm_bindings = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CALL_DIRECTION`.
        #[must_use]
        pub fn call_direction(
            mut self,
            value: impl ::std::convert::Into<GetStatusResultCallDirection>,
        ) -> Self {
            self.call_direction = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CALL_STATE`.
        #[must_use]
        pub fn call_state(
            mut self,
            value: impl ::std::convert::Into<GetStatusResultCallState>,
        ) -> Self {
            self.call_state = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CALL_LIST_MODE`.
        #[must_use]
        pub fn call_list_mode(mut self, value: impl ::std::convert::Into<bool>) -> Self {
            self.call_list_mode = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The `OptionsCrmBindingsItem` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct OptionsCrmBindingsItem {
        /// Symbolic code of the CRM item type: `LEAD`, `DEAL`, `CONTACT`, `COMPANY`
        ///
        /// Wire name: `ENTITY_TYPE`.
        #[serde(
            rename = "ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub entity_type: ::std::option::Option<::std::string::String>,
        /// Identifier of the CRM item
        ///
        /// Wire name: `ENTITY_ID`.
        #[serde(
            rename = "ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub entity_id: ::std::option::Option<::std::string::String>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl OptionsCrmBindingsItem {
        /// Creates a `OptionsCrmBindingsItem` from its required fields.
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
        pub fn entity_id(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.entity_id = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The direction of the call. Possible values:
    ///
    /// - `incoming` — incoming call
    /// - `outgoing` — outgoing call
    /// - `callback` — callback
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum OptionsCallDirection {
        /// `incoming`
        ///
        /// incoming call
        Incoming,
        /// `outgoing`
        ///
        /// outgoing call
        Outgoing,
        /// `callback`
        ///
        /// callback
        Callback,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl OptionsCallDirection {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Incoming => "incoming",
                Self::Outgoing => "outgoing",
                Self::Callback => "callback",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "incoming" => Self::Incoming,
                "outgoing" => Self::Outgoing,
                "callback" => Self::Callback,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for OptionsCallDirection {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for OptionsCallDirection {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for OptionsCallDirection {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The state of the call at the moment the widget is opened. Possible values:
    ///
    /// - `idle` — the conversation has not started yet
    /// - `connecting` — the connection is being established
    /// - `connected` — active conversation
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum OptionsCallState {
        /// `idle`
        ///
        /// the conversation has not started yet
        Idle,
        /// `connecting`
        ///
        /// the connection is being established
        Connecting,
        /// `connected`
        ///
        /// active conversation
        Connected,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl OptionsCallState {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Idle => "idle",
                Self::Connecting => "connecting",
                Self::Connected => "connected",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "idle" => Self::Idle,
                "connecting" => Self::Connecting,
                "connected" => Self::Connected,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for OptionsCallState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for OptionsCallState {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for OptionsCallState {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `PLACEMENT_OPTIONS` of `CALL_CARD`: the context the portal posts to the handler when it opens the placement.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct Options {
        /// The identifier of the call during which the widget was opened.
        ///
        /// The telephony.externalCall.register method returns the same identifier. It is accepted by the methods that finish a call and attach a call recording
        ///
        /// Wire name: `CALL_ID`.
        #[serde(
            rename = "CALL_ID",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub call_id: ::std::string::String,
        /// The phone number of the client the conversation is held with.
        ///
        /// The number arrives in normalized form, without spaces or separators. If the client's number is unknown, the key is not passed
        ///
        /// Wire name: `PHONE_NUMBER`.
        #[serde(
            rename = "PHONE_NUMBER",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub phone_number: ::std::option::Option<::std::string::String>,
        /// The company's phone number that received the call or that the call is made from
        ///
        /// Wire name: `LINE_NUMBER`.
        #[serde(
            rename = "LINE_NUMBER",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub line_number: ::std::option::Option<::std::string::String>,
        /// The name of the company's phone line.
        ///
        /// Lines are added by telephony integration applications with the telephony.externalLine.add method and are used in Sales Intelligence. If the line has no name, the key carries its number
        ///
        /// Wire name: `LINE_NAME`.
        #[serde(
            rename = "LINE_NAME",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub line_name: ::std::option::Option<::std::string::String>,
        /// The symbolic code of the CRM item type the call is linked to: `LEAD`, `DEAL`, `CONTACT`, `COMPANY`.
        ///
        /// This is `entityTypeName`, not the numeric type identifier. If the call is not linked to CRM, the key arrives empty
        ///
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(
            rename = "CRM_ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_entity_type: ::std::option::Option<::std::string::String>,
        /// The identifier of the CRM item the call is linked to.
        ///
        /// Knowing the type and the identifier, you can retrieve the item data:
        ///
        /// - any object type — crm.item.get with `entityTypeId` = '1' for leads, '2' for deals, and etc.
        /// - lead — crm.lead.get
        /// - deal — crm.deal.get
        /// - contact — crm.contact.get
        /// - company — crm.company.get
        ///
        /// If the call is not linked to CRM, the key carries `0`
        ///
        /// Wire name: `CRM_ENTITY_ID`.
        #[serde(
            rename = "CRM_ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_entity_id: ::std::option::Option<::std::string::String>,
        /// All CRM items linked to the call. The composition of an array element is described below.
        ///
        /// The `CRM_ENTITY_TYPE` and `CRM_ENTITY_ID` keys name the primary item only. If the call is linked to several items at once — for example, to a company and its deal — the full list arrives in `CRM_BINDINGS`.
        ///
        /// If there are no linked items, the key is not passed at all
        ///
        /// Wire name: `CRM_BINDINGS`.
        #[serde(
            rename = "CRM_BINDINGS",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_bindings: ::std::option::Option<::std::vec::Vec<OptionsCrmBindingsItem>>,
        /// The identifier of the CRM activity created for this call.
        ///
        /// The crm.activity.get method returns the activity data.
        ///
        /// If no activity was created for the call, the key carries the string `undefined`. Check the value before using it
        ///
        /// Wire name: `CRM_ACTIVITY_ID`.
        #[serde(
            rename = "CRM_ACTIVITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_activity_id: ::std::option::Option<::std::string::String>,
        /// The direction of the call. Possible values:
        ///
        /// - `incoming` — incoming call
        /// - `outgoing` — outgoing call
        /// - `callback` — callback
        ///
        /// Wire name: `CALL_DIRECTION`.
        #[serde(rename = "CALL_DIRECTION")]
        pub call_direction: OptionsCallDirection,
        /// The state of the call at the moment the widget is opened. Possible values:
        ///
        /// - `idle` — the conversation has not started yet
        /// - `connecting` — the connection is being established
        /// - `connected` — active conversation
        ///
        /// Wire name: `CALL_STATE`.
        #[serde(rename = "CALL_STATE", default, skip_serializing_if = "Option::is_none")]
        pub call_state: ::std::option::Option<OptionsCallState>,
        /// Indicates whether the call is made as part of a call campaign. The value arrives as a string: `true` or `false`
        ///
        /// Wire name: `CALL_LIST_MODE`.
        #[serde(
            rename = "CALL_LIST_MODE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub call_list_mode: ::std::option::Option<::std::string::String>,
        /// The universal key: the address of the page the placement was opened from.
        ///
        /// Wire name: `URI`.
        #[serde(
            rename = "URI",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub uri: ::std::option::Option<::std::string::String>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl Options {
        /// Creates a `Options` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            call_id: impl ::std::convert::Into<::std::string::String>,
            call_direction: impl ::std::convert::Into<OptionsCallDirection>,
        ) -> Self {
            Self {
                call_id: call_id.into(),
                phone_number: ::std::option::Option::None,
                line_number: ::std::option::Option::None,
                line_name: ::std::option::Option::None,
                crm_entity_type: ::std::option::Option::None,
                crm_entity_id: ::std::option::Option::None,
                crm_bindings: ::std::option::Option::None,
                crm_activity_id: ::std::option::Option::None,
                call_direction: call_direction.into(),
                call_state: ::std::option::Option::None,
                call_list_mode: ::std::option::Option::None,
                uri: ::std::option::Option::None,
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
        /// Sets `LINE_NUMBER`.
        #[must_use]
        pub fn line_number(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.line_number = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `LINE_NAME`.
        #[must_use]
        pub fn line_name(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.line_name = ::std::option::Option::Some(value.into());
            self
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
        pub fn crm_entity_id(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.crm_entity_id = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CRM_BINDINGS`.
        #[must_use]
        pub fn crm_bindings(
            mut self,
            value: impl ::std::convert::Into<::std::vec::Vec<OptionsCrmBindingsItem>>,
        ) -> Self {
            self.crm_bindings = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CRM_ACTIVITY_ID`.
        #[must_use]
        pub fn crm_activity_id(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.crm_activity_id = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CALL_STATE`.
        #[must_use]
        pub fn call_state(
            mut self,
            value: impl ::std::convert::Into<OptionsCallState>,
        ) -> Self {
            self.call_state = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CALL_LIST_MODE`.
        #[must_use]
        pub fn call_list_mode(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.call_list_mode = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `URI`.
        #[must_use]
        pub fn uri(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.uri = ::std::option::Option::Some(value.into());
            self
        }
    }
}
