/// Call card tab `CALL_CARD`: the widget reads the data of the current call, controls the auto-closing of the card and reacts to a change of the client or of the call state.
#[allow(
    clippy::match_single_binding,
    clippy::doc_lazy_continuation,
    clippy::doc_overindented_list_items,
    clippy::tabs_in_doc_comments,
    rustdoc::broken_intra_doc_links,
    rustdoc::bare_urls,
    rustdoc::invalid_html_tags,
    rustdoc::invalid_rust_codeblocks
)]
pub mod call_card {
    /// Call Card
    ///
    /// Adds an application widget as a tab in the CRM call card. Through the JS interface the application retrieves data of the current call, controls the auto-closing of the card, and reacts to a change of the client or of the call state. None of the commands accepts parameters.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/index.html>
    pub const PLACEMENT: &str = "CALL_CARD";
    /// An interface event of this placement, decoded from the callback
    /// arguments `BX24.placement.bindEvent` delivers.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Event {
        /// Occurs when the client bound to the call changes.
        ///
        /// Arrives when the call card opened and pulled up CRM data, when the card refreshed the client data, when a CRM item (lead, contact or company) was created or bound from the card, and when the operator moved on to the next client in call campaign mode.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-entity-changed.html>
        ///
        /// Wire name: `CallCard::EntityChanged`.
        EntityChanged(EntityChangedData),
        /// Occurs when Bitrix24 tries to close the call card.
        ///
        /// The card may not close: if auto-closing is blocked by `disableAutoClose` or a comment form is open, the event still arrives while the card stays on screen for another 65 seconds. When the card actually closes, the event arrives a second time, so the handler must be ready to run twice.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-before-close.html>
        ///
        /// Wire name: `CallCard::BeforeClose`.
        BeforeClose,
        /// Occurs when the state of the current call changes.
        ///
        /// Setting the same `callState` value again does not trigger the event.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-call-state-changed.html>
        ///
        /// Wire name: `CallCard::CallStateChanged`.
        CallStateChanged {
            /// The current state of the call.
            ///
            /// Argument 1 (`callState`).
            call_state: CallState,
            /// Additional data. The docs say the argument always arrives (an empty object when there is no additional data), but the frame protocol carries only the first callback argument across the iframe, so it is optional here.
            ///
            /// Argument 2 (`additionalParams`).
            additional_params: ::std::option::Option<AdditionalParams>,
        },
    }
    impl Event {
        /// Every interface event of `CALL_CARD`.
        pub const NAMES: &'static [&'static str] = &[
            "CallCard::EntityChanged",
            "CallCard::BeforeClose",
            "CallCard::CallStateChanged",
        ];
        /// The wire name of this event.
        pub fn name(&self) -> &'static str {
            match self {
                Self::EntityChanged(_) => "CallCard::EntityChanged",
                Self::BeforeClose => "CallCard::BeforeClose",
                Self::CallStateChanged { .. } => "CallCard::CallStateChanged",
            }
        }
        /// Decodes event `name` from its callback arguments.
        pub fn decode(
            name: &str,
            args: &[::b24::__private::serde_json::Value],
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = args;
            match name {
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
                                EntityChangedData,
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
                            CallState,
                        >(
                            "CallCard::CallStateChanged",
                            "callState",
                            args
                                .first()
                                .cloned()
                                .unwrap_or(::b24::__private::serde_json::Value::Null),
                        )?,
                        additional_params: ::b24::__private::field::<
                            ::std::option::Option<AdditionalParams>,
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
                Self::EntityChanged(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::BeforeClose => ::std::vec::Vec::new(),
                Self::CallStateChanged { call_state, additional_params } => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(call_state)
                        .unwrap_or_default(),
                        ::b24::__private::serde_json::to_value(additional_params)
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
        /// Occurs when the client bound to the call changes.
        ///
        /// Arrives when the call card opened and pulled up CRM data, when the card refreshed the client data, when a CRM item (lead, contact or company) was created or bound from the card, and when the operator moved on to the next client in call campaign mode.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-entity-changed.html>
        fn on_entity_changed(
            &self,
            event_data: EntityChangedData,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// Occurs when Bitrix24 tries to close the call card.
        ///
        /// The card may not close: if auto-closing is blocked by `disableAutoClose` or a comment form is open, the event still arrives while the card stays on screen for another 65 seconds. When the card actually closes, the event arrives a second time, so the handler must be ready to run twice.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-before-close.html>
        fn on_before_close(&self) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when the state of the current call changes.
        ///
        /// Setting the same `callState` value again does not trigger the event.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/call-card/call-card-call-state-changed.html>
        fn on_call_state_changed(
            &self,
            call_state: CallState,
            additional_params: ::std::option::Option<AdditionalParams>,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = (call_state, additional_params);
            async {}
        }
    }
    /// Calls the `handler` method that matches `event`.
    pub async fn dispatch<H: Handler + ?Sized>(handler: &H, event: Event) {
        let _ = handler;
        match event {
            Event::EntityChanged(event_data) => {
                handler.on_entity_changed(event_data).await
            }
            Event::BeforeClose => handler.on_before_close().await,
            Event::CallStateChanged { call_state, additional_params } => {
                handler.on_call_state_changed(call_state, additional_params).await
            }
        }
    }
    /// Returns the current data of the call card.
    ///
    /// Has no error codes of its own; outside `CALL_CARD` the callback is not invoked.
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
        type Output = CallStatus;
    }
    /// Disables the automatic closing of the call card and resets the delayed-closing timer to 65 seconds if it has already started.
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
    /// Restores the automatic closing of the call card that was disabled by `disableAutoClose`.
    ///
    /// If the conversation has already ended and the countdown to closing was running, the card closes immediately. While the call is active, the command only lifts the block.
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
    /// Any interface command of this placement, as the portal side
    /// receives it from `BX24.placement.call`.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Command {
        /// `getStatus`.
        GetStatus(GetStatus),
        /// `disableAutoClose`.
        DisableAutoClose(DisableAutoClose),
        /// `enableAutoClose`.
        EnableAutoClose(EnableAutoClose),
    }
    impl Command {
        /// Every interface command of `CALL_CARD`.
        pub const NAMES: &'static [&'static str] = &[
            "getStatus",
            "disableAutoClose",
            "enableAutoClose",
        ];
        /// The wire name of this command.
        pub fn name(&self) -> &'static str {
            match self {
                Self::GetStatus(_) => "getStatus",
                Self::DisableAutoClose(_) => "disableAutoClose",
                Self::EnableAutoClose(_) => "enableAutoClose",
            }
        }
        /// Decodes command `name` from its parameters.
        pub fn decode(
            name: &str,
            params: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &params;
            match name {
                "getStatus" => {
                    ::std::result::Result::Ok(
                        Self::GetStatus(
                            ::b24::__private::field::<
                                GetStatus,
                            >("getStatus", "params", params)?,
                        ),
                    )
                }
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
                Self::GetStatus(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::DisableAutoClose(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::EnableAutoClose(c) => {
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
        /// `getStatus`.
        GetStatus(CallStatus),
        /// `disableAutoClose`.
        DisableAutoClose(::std::vec::Vec<::b24::__private::serde_json::Value>),
        /// `enableAutoClose`.
        EnableAutoClose(::std::vec::Vec<::b24::__private::serde_json::Value>),
    }
    impl CommandResult {
        /// Decodes the result of command `name`.
        pub fn decode(
            name: &str,
            result: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &result;
            match name {
                "getStatus" => {
                    ::std::result::Result::Ok(
                        Self::GetStatus(
                            ::b24::__private::field::<
                                CallStatus,
                            >("getStatus", "result", result)?,
                        ),
                    )
                }
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
                other => {
                    ::std::result::Result::Err(::b24::__private::DecodeError::UnknownEvent {
                        set: "CALL_CARD",
                        name: other.to_owned(),
                    })
                }
            }
        }
    }
    /// The state of the call.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallState {
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
    impl CallState {
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
    impl ::std::fmt::Display for CallState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallState {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CallState {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// Additional data of `CallCard::CallStateChanged`; an empty object when there is none.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct AdditionalParams {
        /// The call termination code (a SIP code, e.g. `486` — busy, `480` — unavailable). Passed only on an unsuccessful termination, when `callState = idle`.
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
    impl AdditionalParams {
        /// Creates a `AdditionalParams` from its required fields.
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
    /// The symbolic code of a CRM item type.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CrmEntityType {
        /// `LEAD`
        ///
        /// lead
        Lead,
        /// `DEAL`
        ///
        /// deal
        Deal,
        /// `CONTACT`
        ///
        /// contact
        Contact,
        /// `COMPANY`
        ///
        /// company
        Company,
        /// ``
        ///
        /// the call is not bound to the CRM
        Empty,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CrmEntityType {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Lead => "LEAD",
                Self::Deal => "DEAL",
                Self::Contact => "CONTACT",
                Self::Company => "COMPANY",
                Self::Empty => "",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "LEAD" => Self::Lead,
                "DEAL" => Self::Deal,
                "CONTACT" => Self::Contact,
                "COMPANY" => Self::Company,
                "" => Self::Empty,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CrmEntityType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CrmEntityType {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CrmEntityType {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// A binding of the call to a CRM object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CrmBinding {
        /// The type of the CRM object.
        ///
        /// Wire name: `ENTITY_TYPE`.
        #[serde(rename = "ENTITY_TYPE")]
        pub entity_type: CrmEntityType,
        /// The identifier of the CRM object.
        ///
        /// Wire name: `ENTITY_ID`.
        #[serde(
            rename = "ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::int"
        )]
        pub entity_id: i64,
    }
    impl CrmBinding {
        /// Creates a `CrmBinding` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            entity_type: impl ::std::convert::Into<CrmEntityType>,
            entity_id: impl ::std::convert::Into<i64>,
        ) -> Self {
            Self {
                entity_type: entity_type.into(),
                entity_id: entity_id.into(),
            }
        }
    }
    /// The direction of the call.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallDirection {
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
    impl CallDirection {
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
    impl ::std::fmt::Display for CallDirection {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallDirection {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CallDirection {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The data of the current call returned by `getStatus`.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallStatus {
        /// The identifier of the call.
        ///
        /// Wire name: `CALL_ID`.
        #[serde(
            rename = "CALL_ID",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub call_id: ::std::string::String,
        /// The client's number; `hidden` if the client hid their number; the key does not arrive at all if the number is not identified.
        ///
        /// Wire name: `PHONE_NUMBER`.
        #[serde(
            rename = "PHONE_NUMBER",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub phone_number: ::std::option::Option<::std::string::String>,
        /// The line number.
        ///
        /// Wire name: `LINE_NUMBER`.
        #[serde(
            rename = "LINE_NUMBER",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub line_number: ::std::string::String,
        /// The name of the company's phone line; an empty string if the line name is not set.
        ///
        /// Wire name: `LINE_NAME`.
        #[serde(
            rename = "LINE_NAME",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub line_name: ::std::string::String,
        /// The symbolic code of the CRM item type the call is bound to; an empty string if the call is not bound to the CRM.
        ///
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(rename = "CRM_ENTITY_TYPE")]
        pub crm_entity_type: CrmEntityType,
        /// The identifier of the CRM item the call is bound to; `0` if the call is not bound to the CRM. The full list of linked items is in `CRM_BINDINGS`.
        ///
        /// Wire name: `CRM_ENTITY_ID`.
        #[serde(
            rename = "CRM_ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::int"
        )]
        pub crm_entity_id: i64,
        /// The identifier of the CRM activity created for the call. If there is no activity, the key either does not arrive at all or arrives as an empty string.
        ///
        /// Wire name: `CRM_ACTIVITY_ID`.
        #[serde(
            rename = "CRM_ACTIVITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_activity_id: ::std::option::Option<i64>,
        /// The bindings of the call to CRM objects.
        ///
        /// Wire name: `CRM_BINDINGS`.
        #[serde(rename = "CRM_BINDINGS")]
        pub crm_bindings: ::std::vec::Vec<CrmBinding>,
        /// The direction of the call.
        ///
        /// Wire name: `CALL_DIRECTION`.
        #[serde(rename = "CALL_DIRECTION")]
        pub call_direction: CallDirection,
        /// The state of the call.
        ///
        /// Wire name: `CALL_STATE`.
        #[serde(rename = "CALL_STATE")]
        pub call_state: CallState,
        /// Indicator of the call campaign mode.
        ///
        /// Wire name: `CALL_LIST_MODE`.
        #[serde(
            rename = "CALL_LIST_MODE",
            deserialize_with = "::b24::__private::lenient::boolean"
        )]
        pub call_list_mode: bool,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallStatus {
        /// Creates a `CallStatus` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            call_id: impl ::std::convert::Into<::std::string::String>,
            line_number: impl ::std::convert::Into<::std::string::String>,
            line_name: impl ::std::convert::Into<::std::string::String>,
            crm_entity_type: impl ::std::convert::Into<CrmEntityType>,
            crm_entity_id: impl ::std::convert::Into<i64>,
            crm_bindings: impl ::std::convert::Into<::std::vec::Vec<CrmBinding>>,
            call_direction: impl ::std::convert::Into<CallDirection>,
            call_state: impl ::std::convert::Into<CallState>,
            call_list_mode: impl ::std::convert::Into<bool>,
        ) -> Self {
            Self {
                call_id: call_id.into(),
                phone_number: ::std::option::Option::None,
                line_number: line_number.into(),
                line_name: line_name.into(),
                crm_entity_type: crm_entity_type.into(),
                crm_entity_id: crm_entity_id.into(),
                crm_activity_id: ::std::option::Option::None,
                crm_bindings: crm_bindings.into(),
                call_direction: call_direction.into(),
                call_state: call_state.into(),
                call_list_mode: call_list_mode.into(),
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
        /// Sets `CRM_ACTIVITY_ID`.
        #[must_use]
        pub fn crm_activity_id(mut self, value: impl ::std::convert::Into<i64>) -> Self {
            self.crm_activity_id = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The `EntityChangedData` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct EntityChangedData {
        /// The client's phone number; the string `unknown` if the client has no phone number at all.
        ///
        /// Wire name: `PHONE_NUMBER`.
        #[serde(
            rename = "PHONE_NUMBER",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub phone_number: ::std::string::String,
        /// The type of the CRM object linked to the call.
        ///
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(
            rename = "CRM_ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub crm_entity_type: ::std::string::String,
        /// The identifier of the CRM object linked to the call.
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
    impl EntityChangedData {
        /// Creates a `EntityChangedData` from its required fields.
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
}
