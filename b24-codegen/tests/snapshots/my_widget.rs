/// A made-up widget used by the tests.
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
pub mod my_widget {
    /// My widget
    pub const PLACEMENT: &str = "MY_WIDGET";
    /// An interface event of this placement, decoded from the callback
    /// arguments `BX24.placement.bindEvent` delivers.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Event {
        /// No data.
        ///
        /// Wire name: `MyWidget::closed`.
        Closed,
        /// A single boolean.
        ///
        /// Wire name: `MyWidget::toggled`.
        Toggled(bool),
        /// A single string.
        ///
        /// Wire name: `MyWidget::digit`.
        Digit(::std::string::String),
        /// An object with fields.
        ///
        /// Wire name: `MyWidget::entityChanged`.
        EntityChanged(EntityChanged),
        /// Positional arguments with an enum and a named nested object.
        ///
        /// Wire name: `MyWidget::stateChanged`.
        StateChanged {
            /// Argument 1 (`callState`).
            call_state: CallState,
            /// Argument 2 (`additionalParams`).
            additional_params: ::std::option::Option<AdditionalParams>,
        },
    }
    impl Event {
        /// Every interface event of `MY_WIDGET`.
        pub const NAMES: &'static [&'static str] = &[
            "MyWidget::closed",
            "MyWidget::toggled",
            "MyWidget::digit",
            "MyWidget::entityChanged",
            "MyWidget::stateChanged",
        ];
        /// The wire name of this event.
        pub fn name(&self) -> &'static str {
            match self {
                Self::Closed => "MyWidget::closed",
                Self::Toggled(_) => "MyWidget::toggled",
                Self::Digit(_) => "MyWidget::digit",
                Self::EntityChanged(_) => "MyWidget::entityChanged",
                Self::StateChanged { .. } => "MyWidget::stateChanged",
            }
        }
        /// Decodes event `name` from its callback arguments.
        pub fn decode(
            name: &str,
            args: &[::b24::__private::serde_json::Value],
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = args;
            match name {
                "MyWidget::closed" => {
                    ::b24::__private::arg_count(
                        "MyWidget::closed",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::Closed)
                }
                "MyWidget::toggled" => {
                    ::b24::__private::arg_count(
                        "MyWidget::toggled",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::Toggled(
                            ::b24::__private::scalar(
                                "MyWidget::toggled",
                                "state",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                                ::b24::__private::lenient::boolean,
                            )?,
                        ),
                    )
                }
                "MyWidget::digit" => {
                    ::b24::__private::arg_count(
                        "MyWidget::digit",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::Digit(
                            ::b24::__private::scalar(
                                "MyWidget::digit",
                                "digit",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                                ::b24::__private::lenient::string,
                            )?,
                        ),
                    )
                }
                "MyWidget::entityChanged" => {
                    ::b24::__private::arg_count(
                        "MyWidget::entityChanged",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::EntityChanged(
                            ::b24::__private::field::<
                                EntityChanged,
                            >(
                                "MyWidget::entityChanged",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                            )?,
                        ),
                    )
                }
                "MyWidget::stateChanged" => {
                    ::b24::__private::arg_count(
                        "MyWidget::stateChanged",
                        args,
                        1usize,
                        2usize,
                    )?;
                    ::std::result::Result::Ok(Self::StateChanged {
                        call_state: ::b24::__private::field::<
                            CallState,
                        >(
                            "MyWidget::stateChanged",
                            "callState",
                            args
                                .first()
                                .cloned()
                                .unwrap_or(::b24::__private::serde_json::Value::Null),
                        )?,
                        additional_params: ::b24::__private::field::<
                            ::std::option::Option<AdditionalParams>,
                        >(
                            "MyWidget::stateChanged",
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
                        set: "MY_WIDGET",
                        name: other.to_owned(),
                    })
                }
            }
        }
        /// The callback arguments this event is fired with.
        pub fn to_args(&self) -> ::std::vec::Vec<::b24::__private::serde_json::Value> {
            match self {
                Self::Closed => ::std::vec::Vec::new(),
                Self::Toggled(state) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(state).unwrap_or_default()
                    ]
                }
                Self::Digit(digit) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(digit).unwrap_or_default()
                    ]
                }
                Self::EntityChanged(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::StateChanged { call_state, additional_params } => {
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
        const PLACEMENT: &'static str = "MY_WIDGET";
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
        /// No data.
        fn on_closed(&self) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// A single boolean.
        fn on_toggled(
            &self,
            state: bool,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = state;
            async {}
        }
        /// A single string.
        fn on_digit(
            &self,
            digit: ::std::string::String,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = digit;
            async {}
        }
        /// An object with fields.
        fn on_entity_changed(
            &self,
            event_data: EntityChanged,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// Positional arguments with an enum and a named nested object.
        fn on_state_changed(
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
            Event::Closed => handler.on_closed().await,
            Event::Toggled(state) => handler.on_toggled(state).await,
            Event::Digit(digit) => handler.on_digit(digit).await,
            Event::EntityChanged(event_data) => {
                handler.on_entity_changed(event_data).await
            }
            Event::StateChanged { call_state, additional_params } => {
                handler.on_state_changed(call_state, additional_params).await
            }
        }
    }
    /// Mutes or unmutes.
    /// The `MyWidgetSetMute` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct MyWidgetSetMute {
        /// Wire name: `muted`.
        #[serde(
            rename = "muted",
            deserialize_with = "::b24::__private::lenient::boolean"
        )]
        pub muted: bool,
    }
    impl MyWidgetSetMute {
        /// Creates a `MyWidgetSetMute` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(muted: impl ::std::convert::Into<bool>) -> Self {
            Self { muted: muted.into() }
        }
    }
    impl ::b24::__private::PlacementCommand for MyWidgetSetMute {
        const NAME: &'static str = "MyWidgetSetMute";
        const PLACEMENT: &'static str = "MY_WIDGET";
        type Output = ::std::vec::Vec<::b24::__private::serde_json::Value>;
    }
    /// The `MyWidgetGetStates` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct MyWidgetGetStates {}
    impl MyWidgetGetStates {
        /// Creates a `MyWidgetGetStates` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {}
        }
    }
    impl ::b24::__private::PlacementCommand for MyWidgetGetStates {
        const NAME: &'static str = "MyWidgetGetStates";
        const PLACEMENT: &'static str = "MY_WIDGET";
        type Output = ::std::vec::Vec<::std::string::String>;
    }
    /// Any interface command of this placement, as the portal side
    /// receives it from `BX24.placement.call`.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Command {
        /// `MyWidgetSetMute`.
        MyWidgetSetMute(MyWidgetSetMute),
        /// `MyWidgetGetStates`.
        MyWidgetGetStates(MyWidgetGetStates),
    }
    impl Command {
        /// Every interface command of `MY_WIDGET`.
        pub const NAMES: &'static [&'static str] = &[
            "MyWidgetSetMute",
            "MyWidgetGetStates",
        ];
        /// The wire name of this command.
        pub fn name(&self) -> &'static str {
            match self {
                Self::MyWidgetSetMute(_) => "MyWidgetSetMute",
                Self::MyWidgetGetStates(_) => "MyWidgetGetStates",
            }
        }
        /// Decodes command `name` from its parameters.
        pub fn decode(
            name: &str,
            params: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &params;
            match name {
                "MyWidgetSetMute" => {
                    ::std::result::Result::Ok(
                        Self::MyWidgetSetMute(
                            ::b24::__private::field::<
                                MyWidgetSetMute,
                            >("MyWidgetSetMute", "params", params)?,
                        ),
                    )
                }
                "MyWidgetGetStates" => {
                    ::std::result::Result::Ok(
                        Self::MyWidgetGetStates(
                            ::b24::__private::field::<
                                MyWidgetGetStates,
                            >("MyWidgetGetStates", "params", params)?,
                        ),
                    )
                }
                other => {
                    ::std::result::Result::Err(::b24::__private::DecodeError::UnknownEvent {
                        set: "MY_WIDGET",
                        name: other.to_owned(),
                    })
                }
            }
        }
        /// The parameters, as `BX24.placement.call` sends them.
        pub fn params(&self) -> ::b24::__private::serde_json::Value {
            match self {
                Self::MyWidgetSetMute(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::MyWidgetGetStates(c) => {
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
        /// `MyWidgetSetMute`.
        MyWidgetSetMute(::std::vec::Vec<::b24::__private::serde_json::Value>),
        /// `MyWidgetGetStates`.
        MyWidgetGetStates(::std::vec::Vec<::std::string::String>),
    }
    impl CommandResult {
        /// Decodes the result of command `name`.
        pub fn decode(
            name: &str,
            result: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &result;
            match name {
                "MyWidgetSetMute" => {
                    ::std::result::Result::Ok(
                        Self::MyWidgetSetMute(
                            ::b24::__private::field::<
                                ::std::vec::Vec<::b24::__private::serde_json::Value>,
                            >("MyWidgetSetMute", "result", result)?,
                        ),
                    )
                }
                "MyWidgetGetStates" => {
                    ::std::result::Result::Ok(
                        Self::MyWidgetGetStates(
                            ::b24::__private::field::<
                                ::std::vec::Vec<::std::string::String>,
                            >("MyWidgetGetStates", "result", result)?,
                        ),
                    )
                }
                other => {
                    ::std::result::Result::Err(::b24::__private::DecodeError::UnknownEvent {
                        set: "MY_WIDGET",
                        name: other.to_owned(),
                    })
                }
            }
        }
    }
    /// The `AdditionalParamsNested` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct AdditionalParamsNested {
        /// Wire name: `level`.
        #[serde(rename = "level", deserialize_with = "::b24::__private::lenient::int")]
        pub level: i64,
    }
    impl AdditionalParamsNested {
        /// Creates a `AdditionalParamsNested` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(level: impl ::std::convert::Into<i64>) -> Self {
            Self { level: level.into() }
        }
    }
    /// The `AdditionalParams` object.
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
        /// Wire name: `failedCode`.
        #[serde(
            rename = "failedCode",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub failed_code: ::std::option::Option<::std::string::String>,
        /// Wire name: `nested`.
        #[serde(rename = "nested", default, skip_serializing_if = "Option::is_none")]
        pub nested: ::std::option::Option<AdditionalParamsNested>,
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
                nested: ::std::option::Option::None,
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
        /// Sets `nested`.
        #[must_use]
        pub fn nested(
            mut self,
            value: impl ::std::convert::Into<AdditionalParamsNested>,
        ) -> Self {
            self.nested = ::std::option::Option::Some(value.into());
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
        /// Wire name: `PHONE_NUMBER`.
        #[serde(
            rename = "PHONE_NUMBER",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub phone_number: ::std::string::String,
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(
            rename = "CRM_ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub crm_entity_type: ::std::string::String,
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
    /// The documented values of `CallState`.
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
}
