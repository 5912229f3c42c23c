/// Bitrix24 loads the handler of this placement on every page in a hidden frame, without a visible interface element. The user neither opens nor sees the widget: the application code runs in the background on any page the employee has open.
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
pub mod page_background_worker {
    /// Background Handler on Every Page
    ///
    /// Bitrix24 loads the handler of this placement on every page in a hidden frame, without a visible interface element. The user neither opens nor sees the widget: the application code runs in the background on any page the employee has open.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/universal/background-worker.html>
    pub const PLACEMENT: &str = "PAGE_BACKGROUND_WORKER";
    /// An interface event of this placement, decoded from the callback
    /// arguments `BX24.placement.bindEvent` delivers.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Event {
        /// The `BackgroundCallCard::addCommentButtonClick` event occurs when a comment is saved in the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/add-comment-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::addCommentButtonClick`.
        AddCommentButtonClick(::std::string::String),
        /// The `BackgroundCallCard::answerButtonClick` event occurs when an incoming call is accepted.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/answer-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::answerButtonClick`.
        AnswerButtonClick,
        /// The `BackgroundCallCard::cancelTransferButtonClick` event occurs when the transfer is canceled and the operator returns to the call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/cancel-transfer-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::cancelTransferButtonClick`.
        CancelTransferButtonClick,
        /// The `BackgroundCallCard::closeButtonClick` event occurs when the operator clicks the button that closes the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/close-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::closeButtonClick`.
        CloseButtonClick,
        /// The `BackgroundCallCard::completeTransferButtonClick` event occurs when the call transfer is confirmed.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/complete-transfer-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::completeTransferButtonClick`.
        CompleteTransferButtonClick,
        /// The `BackgroundCallCard::dialpadButtonClick` event occurs when a key of the numeric keypad is pressed during a call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/dialpad-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::dialpadButtonClick`.
        DialpadButtonClick(::std::string::String),
        /// The `BackgroundCallCard::entityChanged` event occurs when the card loads or changes the CRM object linked to the call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/entity-changed.html>
        ///
        /// Wire name: `BackgroundCallCard::entityChanged`.
        EntityChanged(EntityChanged),
        /// The `BackgroundCallCard::hangupButtonClick` event occurs when the button that ends the active conversation is clicked.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/hang-up-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::hangupButtonClick`.
        HangupButtonClick,
        /// The `BackgroundCallCard::holdButtonClick` event occurs when the operator clicks the hold button.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/hold-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::holdButtonClick`.
        HoldButtonClick(bool),
        /// The `BackgroundCallCard::initialized` event occurs after the call card is created and the initial data is passed.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/initialized.html>
        ///
        /// Wire name: `BackgroundCallCard::initialized`.
        Initialized(Initialized),
        /// The `BackgroundCallCard::makeCallButtonClick` event occurs when a call is started from the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/make-call-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::makeCallButtonClick`.
        MakeCallButtonClick,
        /// The `BackgroundCallCard::muteButtonClick` event occurs when the operator clicks the microphone control button.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/mute-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::muteButtonClick`.
        MuteButtonClick(bool),
        /// The `BackgroundCallCard::nextButtonClick` event occurs when the operator moves on to the next client in call campaign mode.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/next-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::nextButtonClick`.
        NextButtonClick,
        /// The `BackgroundCallCard::notifyAdminButtonClick` event occurs when a notification of the administrator is requested from the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/notify-admin-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::notifyAdminButtonClick`.
        NotifyAdminButtonClick,
        /// The `BackgroundCallCard::qualityMeterClick` event occurs when a call quality rating is selected.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/quality-meter-click.html>
        ///
        /// Wire name: `BackgroundCallCard::qualityMeterClick`.
        QualityMeterClick(::std::string::String),
        /// The `BackgroundCallCard::skipButtonClick` event occurs when the current call is skipped.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/skip-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::skipButtonClick`.
        SkipButtonClick,
        /// The `BackgroundCallCard::transferButtonClick` event occurs when the recipient of the call transfer is selected.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/transfer-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::transferButtonClick`.
        TransferButtonClick(TransferButtonClick),
    }
    impl Event {
        /// Every interface event of `PAGE_BACKGROUND_WORKER`.
        pub const NAMES: &'static [&'static str] = &[
            "BackgroundCallCard::addCommentButtonClick",
            "BackgroundCallCard::answerButtonClick",
            "BackgroundCallCard::cancelTransferButtonClick",
            "BackgroundCallCard::closeButtonClick",
            "BackgroundCallCard::completeTransferButtonClick",
            "BackgroundCallCard::dialpadButtonClick",
            "BackgroundCallCard::entityChanged",
            "BackgroundCallCard::hangupButtonClick",
            "BackgroundCallCard::holdButtonClick",
            "BackgroundCallCard::initialized",
            "BackgroundCallCard::makeCallButtonClick",
            "BackgroundCallCard::muteButtonClick",
            "BackgroundCallCard::nextButtonClick",
            "BackgroundCallCard::notifyAdminButtonClick",
            "BackgroundCallCard::qualityMeterClick",
            "BackgroundCallCard::skipButtonClick",
            "BackgroundCallCard::transferButtonClick",
        ];
        /// The wire name of this event.
        pub fn name(&self) -> &'static str {
            match self {
                Self::AddCommentButtonClick(_) => {
                    "BackgroundCallCard::addCommentButtonClick"
                }
                Self::AnswerButtonClick => "BackgroundCallCard::answerButtonClick",
                Self::CancelTransferButtonClick => {
                    "BackgroundCallCard::cancelTransferButtonClick"
                }
                Self::CloseButtonClick => "BackgroundCallCard::closeButtonClick",
                Self::CompleteTransferButtonClick => {
                    "BackgroundCallCard::completeTransferButtonClick"
                }
                Self::DialpadButtonClick(_) => "BackgroundCallCard::dialpadButtonClick",
                Self::EntityChanged(_) => "BackgroundCallCard::entityChanged",
                Self::HangupButtonClick => "BackgroundCallCard::hangupButtonClick",
                Self::HoldButtonClick(_) => "BackgroundCallCard::holdButtonClick",
                Self::Initialized(_) => "BackgroundCallCard::initialized",
                Self::MakeCallButtonClick => "BackgroundCallCard::makeCallButtonClick",
                Self::MuteButtonClick(_) => "BackgroundCallCard::muteButtonClick",
                Self::NextButtonClick => "BackgroundCallCard::nextButtonClick",
                Self::NotifyAdminButtonClick => {
                    "BackgroundCallCard::notifyAdminButtonClick"
                }
                Self::QualityMeterClick(_) => "BackgroundCallCard::qualityMeterClick",
                Self::SkipButtonClick => "BackgroundCallCard::skipButtonClick",
                Self::TransferButtonClick(_) => "BackgroundCallCard::transferButtonClick",
            }
        }
        /// Decodes event `name` from its callback arguments.
        pub fn decode(
            name: &str,
            args: &[::b24::__private::serde_json::Value],
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = args;
            match name {
                "BackgroundCallCard::addCommentButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::addCommentButtonClick",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::AddCommentButtonClick(
                            ::b24::__private::scalar(
                                "BackgroundCallCard::addCommentButtonClick",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                                ::b24::__private::lenient::string,
                            )?,
                        ),
                    )
                }
                "BackgroundCallCard::answerButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::answerButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::AnswerButtonClick)
                }
                "BackgroundCallCard::cancelTransferButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::cancelTransferButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::CancelTransferButtonClick)
                }
                "BackgroundCallCard::closeButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::closeButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::CloseButtonClick)
                }
                "BackgroundCallCard::completeTransferButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::completeTransferButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::CompleteTransferButtonClick)
                }
                "BackgroundCallCard::dialpadButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::dialpadButtonClick",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::DialpadButtonClick(
                            ::b24::__private::scalar(
                                "BackgroundCallCard::dialpadButtonClick",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                                ::b24::__private::lenient::string,
                            )?,
                        ),
                    )
                }
                "BackgroundCallCard::entityChanged" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::entityChanged",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::EntityChanged(
                            ::b24::__private::field::<
                                EntityChanged,
                            >(
                                "BackgroundCallCard::entityChanged",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                            )?,
                        ),
                    )
                }
                "BackgroundCallCard::hangupButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::hangupButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::HangupButtonClick)
                }
                "BackgroundCallCard::holdButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::holdButtonClick",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::HoldButtonClick(
                            ::b24::__private::scalar(
                                "BackgroundCallCard::holdButtonClick",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                                ::b24::__private::lenient::boolean,
                            )?,
                        ),
                    )
                }
                "BackgroundCallCard::initialized" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::initialized",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::Initialized(
                            ::b24::__private::field::<
                                Initialized,
                            >(
                                "BackgroundCallCard::initialized",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                            )?,
                        ),
                    )
                }
                "BackgroundCallCard::makeCallButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::makeCallButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::MakeCallButtonClick)
                }
                "BackgroundCallCard::muteButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::muteButtonClick",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::MuteButtonClick(
                            ::b24::__private::scalar(
                                "BackgroundCallCard::muteButtonClick",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                                ::b24::__private::lenient::boolean,
                            )?,
                        ),
                    )
                }
                "BackgroundCallCard::nextButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::nextButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::NextButtonClick)
                }
                "BackgroundCallCard::notifyAdminButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::notifyAdminButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::NotifyAdminButtonClick)
                }
                "BackgroundCallCard::qualityMeterClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::qualityMeterClick",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::QualityMeterClick(
                            ::b24::__private::scalar(
                                "BackgroundCallCard::qualityMeterClick",
                                "eventData",
                                args
                                    .first()
                                    .cloned()
                                    .unwrap_or(::b24::__private::serde_json::Value::Null),
                                ::b24::__private::lenient::string,
                            )?,
                        ),
                    )
                }
                "BackgroundCallCard::skipButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::skipButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::SkipButtonClick)
                }
                "BackgroundCallCard::transferButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::transferButtonClick",
                        args,
                        1usize,
                        1usize,
                    )?;
                    ::std::result::Result::Ok(
                        Self::TransferButtonClick(
                            ::b24::__private::field::<
                                TransferButtonClick,
                            >(
                                "BackgroundCallCard::transferButtonClick",
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
                        set: "PAGE_BACKGROUND_WORKER",
                        name: other.to_owned(),
                    })
                }
            }
        }
        /// The callback arguments this event is fired with.
        pub fn to_args(&self) -> ::std::vec::Vec<::b24::__private::serde_json::Value> {
            match self {
                Self::AddCommentButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::AnswerButtonClick => ::std::vec::Vec::new(),
                Self::CancelTransferButtonClick => ::std::vec::Vec::new(),
                Self::CloseButtonClick => ::std::vec::Vec::new(),
                Self::CompleteTransferButtonClick => ::std::vec::Vec::new(),
                Self::DialpadButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::EntityChanged(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::HangupButtonClick => ::std::vec::Vec::new(),
                Self::HoldButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::Initialized(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::MakeCallButtonClick => ::std::vec::Vec::new(),
                Self::MuteButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::NextButtonClick => ::std::vec::Vec::new(),
                Self::NotifyAdminButtonClick => ::std::vec::Vec::new(),
                Self::QualityMeterClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::SkipButtonClick => ::std::vec::Vec::new(),
                Self::TransferButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
            }
        }
    }
    impl ::b24::__private::InterfaceEvents for Event {
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
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
        /// The `BackgroundCallCard::addCommentButtonClick` event occurs when a comment is saved in the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/add-comment-button-click.html>
        fn on_add_comment_button_click(
            &self,
            event_data: ::std::string::String,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// The `BackgroundCallCard::answerButtonClick` event occurs when an incoming call is accepted.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/answer-button-click.html>
        fn on_answer_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::cancelTransferButtonClick` event occurs when the transfer is canceled and the operator returns to the call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/cancel-transfer-button-click.html>
        fn on_cancel_transfer_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::closeButtonClick` event occurs when the operator clicks the button that closes the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/close-button-click.html>
        fn on_close_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::completeTransferButtonClick` event occurs when the call transfer is confirmed.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/complete-transfer-button-click.html>
        fn on_complete_transfer_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::dialpadButtonClick` event occurs when a key of the numeric keypad is pressed during a call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/dialpad-button-click.html>
        fn on_dialpad_button_click(
            &self,
            event_data: ::std::string::String,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// The `BackgroundCallCard::entityChanged` event occurs when the card loads or changes the CRM object linked to the call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/entity-changed.html>
        fn on_entity_changed(
            &self,
            event_data: EntityChanged,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// The `BackgroundCallCard::hangupButtonClick` event occurs when the button that ends the active conversation is clicked.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/hang-up-button-click.html>
        fn on_hangup_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::holdButtonClick` event occurs when the operator clicks the hold button.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/hold-button-click.html>
        fn on_hold_button_click(
            &self,
            event_data: bool,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// The `BackgroundCallCard::initialized` event occurs after the call card is created and the initial data is passed.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/initialized.html>
        fn on_initialized(
            &self,
            event_data: Initialized,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// The `BackgroundCallCard::makeCallButtonClick` event occurs when a call is started from the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/make-call-button-click.html>
        fn on_make_call_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::muteButtonClick` event occurs when the operator clicks the microphone control button.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/mute-button-click.html>
        fn on_mute_button_click(
            &self,
            event_data: bool,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// The `BackgroundCallCard::nextButtonClick` event occurs when the operator moves on to the next client in call campaign mode.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/next-button-click.html>
        fn on_next_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::notifyAdminButtonClick` event occurs when a notification of the administrator is requested from the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/notify-admin-button-click.html>
        fn on_notify_admin_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::qualityMeterClick` event occurs when a call quality rating is selected.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/quality-meter-click.html>
        fn on_quality_meter_click(
            &self,
            event_data: ::std::string::String,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// The `BackgroundCallCard::skipButtonClick` event occurs when the current call is skipped.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/skip-button-click.html>
        fn on_skip_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// The `BackgroundCallCard::transferButtonClick` event occurs when the recipient of the call transfer is selected.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/transfer-button-click.html>
        fn on_transfer_button_click(
            &self,
            event_data: TransferButtonClick,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
    }
    /// Calls the `handler` method that matches `event`.
    pub async fn dispatch<H: Handler + ?Sized>(handler: &H, event: Event) {
        let _ = handler;
        match event {
            Event::AddCommentButtonClick(event_data) => {
                handler.on_add_comment_button_click(event_data).await
            }
            Event::AnswerButtonClick => handler.on_answer_button_click().await,
            Event::CancelTransferButtonClick => {
                handler.on_cancel_transfer_button_click().await
            }
            Event::CloseButtonClick => handler.on_close_button_click().await,
            Event::CompleteTransferButtonClick => {
                handler.on_complete_transfer_button_click().await
            }
            Event::DialpadButtonClick(event_data) => {
                handler.on_dialpad_button_click(event_data).await
            }
            Event::EntityChanged(event_data) => {
                handler.on_entity_changed(event_data).await
            }
            Event::HangupButtonClick => handler.on_hangup_button_click().await,
            Event::HoldButtonClick(event_data) => {
                handler.on_hold_button_click(event_data).await
            }
            Event::Initialized(event_data) => handler.on_initialized(event_data).await,
            Event::MakeCallButtonClick => handler.on_make_call_button_click().await,
            Event::MuteButtonClick(event_data) => {
                handler.on_mute_button_click(event_data).await
            }
            Event::NextButtonClick => handler.on_next_button_click().await,
            Event::NotifyAdminButtonClick => handler.on_notify_admin_button_click().await,
            Event::QualityMeterClick(event_data) => {
                handler.on_quality_meter_click(event_data).await
            }
            Event::SkipButtonClick => handler.on_skip_button_click().await,
            Event::TransferButtonClick(event_data) => {
                handler.on_transfer_button_click(event_data).await
            }
        }
    }
    /// The `CallCardClose` command closes the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-close.html>
    /// The `CallCardClose` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardClose {}
    impl CallCardClose {
        /// Creates a `CallCardClose` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {}
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardClose {
        const NAME: &'static str = "CallCardClose";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardCloseError>;
    }
    /// The `CallCardGetListUiStates` command returns the list of available interface states of the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-get-list-ui-states.html>
    /// The `CallCardGetListUiStates` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardGetListUiStates {}
    impl CallCardGetListUiStates {
        /// Creates a `CallCardGetListUiStates` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {}
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardGetListUiStates {
        const NAME: &'static str = "CallCardGetListUiStates";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardGetListUiStatesResultItem>;
    }
    /// The `CallCardSetCardTitle` command changes the title of the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-set-card-title.html>
    /// The `CallCardSetCardTitle` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardSetCardTitle {
        /// The new title of the call card
        ///
        /// Wire name: `title`.
        #[serde(
            rename = "title",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub title: ::std::string::String,
    }
    impl CallCardSetCardTitle {
        /// Creates a `CallCardSetCardTitle` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(title: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self { title: title.into() }
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardSetCardTitle {
        const NAME: &'static str = "CallCardSetCardTitle";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardSetCardTitleError>;
    }
    /// The `CallCardSetHold` command puts the call on hold or takes it off hold in the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-set-hold.html>
    /// The `CallCardSetHold` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardSetHold {
        /// Hold control.
        ///
        /// Possible values:
        ///
        /// - `true` — put the call on hold
        /// - `false` — take the call off hold
        ///
        /// Wire name: `held`.
        #[serde(
            rename = "held",
            deserialize_with = "::b24::__private::lenient::boolean"
        )]
        pub held: bool,
    }
    impl CallCardSetHold {
        /// Creates a `CallCardSetHold` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(held: impl ::std::convert::Into<bool>) -> Self {
            Self { held: held.into() }
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardSetHold {
        const NAME: &'static str = "CallCardSetHold";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardSetHoldError>;
    }
    /// The `CallCardSetMute` command mutes or unmutes the operator's microphone in the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-set-mute.html>
    /// The `CallCardSetMute` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardSetMute {
        /// Microphone control.
        ///
        /// Possible values:
        ///
        /// - `true` — mute the microphone
        /// - `false` — unmute the microphone
        ///
        /// Wire name: `muted`.
        #[serde(
            rename = "muted",
            deserialize_with = "::b24::__private::lenient::boolean"
        )]
        pub muted: bool,
    }
    impl CallCardSetMute {
        /// Creates a `CallCardSetMute` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(muted: impl ::std::convert::Into<bool>) -> Self {
            Self { muted: muted.into() }
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardSetMute {
        const NAME: &'static str = "CallCardSetMute";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardSetMuteError>;
    }
    /// The `CallCardSetStatusText` command changes the status text in the center of the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-set-status-text.html>
    /// The `CallCardSetStatusText` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardSetStatusText {
        /// The new status text in the center of the card
        ///
        /// Wire name: `statusText`.
        #[serde(
            rename = "statusText",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub status_text: ::std::string::String,
    }
    impl CallCardSetStatusText {
        /// Creates a `CallCardSetStatusText` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            status_text: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                status_text: status_text.into(),
            }
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardSetStatusText {
        const NAME: &'static str = "CallCardSetStatusText";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardSetStatusTextError>;
    }
    /// The `CallCardSetUiState` command changes the interface state of the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-set-ui-state.html>
    /// The `CallCardSetUiState` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardSetUiState {
        /// The interface state of the card.
        ///
        /// Possible values:
        ///
        /// - `incoming` — incoming call
        /// - `transferIncoming` — incoming call transfer
        /// - `outgoing` — outgoing call
        /// - `connectingIncoming` — connecting an incoming call
        /// - `connectingOutgoing` — connecting an outgoing call
        /// - `connected` — connection established
        /// - `transferring` — the call is being transferred
        /// - `transferFailed` — call transfer error
        /// - `transferConnected` — the call transfer was connected successfully
        /// - `error` — call error
        /// - `moneyError` — an error caused by insufficient funds
        /// - `redial` — redial
        ///
        /// The same list can be retrieved programmatically with the CallCardGetListUiStates command. How the card looks in each state and which buttons are available in it is shown on the page {#T}
        ///
        /// Wire name: `uiState`.
        #[serde(rename = "uiState")]
        pub ui_state: CallCardSetUiStateUiState,
        /// An additional parameter for `uiState = connected`.
        ///
        /// Possible values:
        ///
        /// - `true` — do not start the timer automatically
        /// - `false` or no parameter — start the timer automatically
        ///
        /// Wire name: `disableAutoStartTimer`.
        #[serde(
            rename = "disableAutoStartTimer",
            deserialize_with = "::b24::__private::lenient::opt_boolean",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub disable_auto_start_timer: ::std::option::Option<bool>,
    }
    impl CallCardSetUiState {
        /// Creates a `CallCardSetUiState` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            ui_state: impl ::std::convert::Into<CallCardSetUiStateUiState>,
        ) -> Self {
            Self {
                ui_state: ui_state.into(),
                disable_auto_start_timer: ::std::option::Option::None,
            }
        }
        /// Sets `disableAutoStartTimer`.
        #[must_use]
        pub fn disable_auto_start_timer(
            mut self,
            value: impl ::std::convert::Into<bool>,
        ) -> Self {
            self.disable_auto_start_timer = ::std::option::Option::Some(value.into());
            self
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardSetUiState {
        const NAME: &'static str = "CallCardSetUiState";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardSetUiStateError>;
    }
    /// The `CallCardStartTimer` command shows the timer in the call card and starts counting the conversation time.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-start-timer.html>
    /// The `CallCardStartTimer` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardStartTimer {}
    impl CallCardStartTimer {
        /// Creates a `CallCardStartTimer` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {}
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardStartTimer {
        const NAME: &'static str = "CallCardStartTimer";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardStartTimerError>;
    }
    /// The `CallCardStopTimer` command stops counting the conversation time in the call card.
    ///
    /// Who: any user.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/call-card-stop-timer.html>
    /// The `CallCardStopTimer` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    pub struct CallCardStopTimer {}
    impl CallCardStopTimer {
        /// Creates a `CallCardStopTimer` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {}
        }
    }
    impl ::b24::__private::PlacementCommand for CallCardStopTimer {
        const NAME: &'static str = "CallCardStopTimer";
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
        type Output = ::std::vec::Vec<CallCardStopTimerError>;
    }
    /// Any interface command of this placement, as the portal side
    /// receives it from `BX24.placement.call`.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Command {
        /// `CallCardClose`.
        CallCardClose(CallCardClose),
        /// `CallCardGetListUiStates`.
        CallCardGetListUiStates(CallCardGetListUiStates),
        /// `CallCardSetCardTitle`.
        CallCardSetCardTitle(CallCardSetCardTitle),
        /// `CallCardSetHold`.
        CallCardSetHold(CallCardSetHold),
        /// `CallCardSetMute`.
        CallCardSetMute(CallCardSetMute),
        /// `CallCardSetStatusText`.
        CallCardSetStatusText(CallCardSetStatusText),
        /// `CallCardSetUiState`.
        CallCardSetUiState(CallCardSetUiState),
        /// `CallCardStartTimer`.
        CallCardStartTimer(CallCardStartTimer),
        /// `CallCardStopTimer`.
        CallCardStopTimer(CallCardStopTimer),
    }
    impl Command {
        /// Every interface command of `PAGE_BACKGROUND_WORKER`.
        pub const NAMES: &'static [&'static str] = &[
            "CallCardClose",
            "CallCardGetListUiStates",
            "CallCardSetCardTitle",
            "CallCardSetHold",
            "CallCardSetMute",
            "CallCardSetStatusText",
            "CallCardSetUiState",
            "CallCardStartTimer",
            "CallCardStopTimer",
        ];
        /// The wire name of this command.
        pub fn name(&self) -> &'static str {
            match self {
                Self::CallCardClose(_) => "CallCardClose",
                Self::CallCardGetListUiStates(_) => "CallCardGetListUiStates",
                Self::CallCardSetCardTitle(_) => "CallCardSetCardTitle",
                Self::CallCardSetHold(_) => "CallCardSetHold",
                Self::CallCardSetMute(_) => "CallCardSetMute",
                Self::CallCardSetStatusText(_) => "CallCardSetStatusText",
                Self::CallCardSetUiState(_) => "CallCardSetUiState",
                Self::CallCardStartTimer(_) => "CallCardStartTimer",
                Self::CallCardStopTimer(_) => "CallCardStopTimer",
            }
        }
        /// Decodes command `name` from its parameters.
        pub fn decode(
            name: &str,
            params: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &params;
            match name {
                "CallCardClose" => {
                    ::std::result::Result::Ok(
                        Self::CallCardClose(
                            ::b24::__private::field::<
                                CallCardClose,
                            >("CallCardClose", "params", params)?,
                        ),
                    )
                }
                "CallCardGetListUiStates" => {
                    ::std::result::Result::Ok(
                        Self::CallCardGetListUiStates(
                            ::b24::__private::field::<
                                CallCardGetListUiStates,
                            >("CallCardGetListUiStates", "params", params)?,
                        ),
                    )
                }
                "CallCardSetCardTitle" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetCardTitle(
                            ::b24::__private::field::<
                                CallCardSetCardTitle,
                            >("CallCardSetCardTitle", "params", params)?,
                        ),
                    )
                }
                "CallCardSetHold" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetHold(
                            ::b24::__private::field::<
                                CallCardSetHold,
                            >("CallCardSetHold", "params", params)?,
                        ),
                    )
                }
                "CallCardSetMute" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetMute(
                            ::b24::__private::field::<
                                CallCardSetMute,
                            >("CallCardSetMute", "params", params)?,
                        ),
                    )
                }
                "CallCardSetStatusText" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetStatusText(
                            ::b24::__private::field::<
                                CallCardSetStatusText,
                            >("CallCardSetStatusText", "params", params)?,
                        ),
                    )
                }
                "CallCardSetUiState" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetUiState(
                            ::b24::__private::field::<
                                CallCardSetUiState,
                            >("CallCardSetUiState", "params", params)?,
                        ),
                    )
                }
                "CallCardStartTimer" => {
                    ::std::result::Result::Ok(
                        Self::CallCardStartTimer(
                            ::b24::__private::field::<
                                CallCardStartTimer,
                            >("CallCardStartTimer", "params", params)?,
                        ),
                    )
                }
                "CallCardStopTimer" => {
                    ::std::result::Result::Ok(
                        Self::CallCardStopTimer(
                            ::b24::__private::field::<
                                CallCardStopTimer,
                            >("CallCardStopTimer", "params", params)?,
                        ),
                    )
                }
                other => {
                    ::std::result::Result::Err(::b24::__private::DecodeError::UnknownEvent {
                        set: "PAGE_BACKGROUND_WORKER",
                        name: other.to_owned(),
                    })
                }
            }
        }
        /// The parameters, as `BX24.placement.call` sends them.
        pub fn params(&self) -> ::b24::__private::serde_json::Value {
            match self {
                Self::CallCardClose(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardGetListUiStates(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetCardTitle(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetHold(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetMute(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetStatusText(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetUiState(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardStartTimer(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardStopTimer(c) => {
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
        /// `CallCardClose`.
        CallCardClose(::std::vec::Vec<CallCardCloseError>),
        /// `CallCardGetListUiStates`.
        CallCardGetListUiStates(::std::vec::Vec<CallCardGetListUiStatesResultItem>),
        /// `CallCardSetCardTitle`.
        CallCardSetCardTitle(::std::vec::Vec<CallCardSetCardTitleError>),
        /// `CallCardSetHold`.
        CallCardSetHold(::std::vec::Vec<CallCardSetHoldError>),
        /// `CallCardSetMute`.
        CallCardSetMute(::std::vec::Vec<CallCardSetMuteError>),
        /// `CallCardSetStatusText`.
        CallCardSetStatusText(::std::vec::Vec<CallCardSetStatusTextError>),
        /// `CallCardSetUiState`.
        CallCardSetUiState(::std::vec::Vec<CallCardSetUiStateError>),
        /// `CallCardStartTimer`.
        CallCardStartTimer(::std::vec::Vec<CallCardStartTimerError>),
        /// `CallCardStopTimer`.
        CallCardStopTimer(::std::vec::Vec<CallCardStopTimerError>),
    }
    impl CommandResult {
        /// Decodes the result of command `name`.
        pub fn decode(
            name: &str,
            result: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &result;
            match name {
                "CallCardClose" => {
                    ::std::result::Result::Ok(
                        Self::CallCardClose(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardCloseError>,
                            >("CallCardClose", "result", result)?,
                        ),
                    )
                }
                "CallCardGetListUiStates" => {
                    ::std::result::Result::Ok(
                        Self::CallCardGetListUiStates(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardGetListUiStatesResultItem>,
                            >("CallCardGetListUiStates", "result", result)?,
                        ),
                    )
                }
                "CallCardSetCardTitle" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetCardTitle(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardSetCardTitleError>,
                            >("CallCardSetCardTitle", "result", result)?,
                        ),
                    )
                }
                "CallCardSetHold" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetHold(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardSetHoldError>,
                            >("CallCardSetHold", "result", result)?,
                        ),
                    )
                }
                "CallCardSetMute" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetMute(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardSetMuteError>,
                            >("CallCardSetMute", "result", result)?,
                        ),
                    )
                }
                "CallCardSetStatusText" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetStatusText(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardSetStatusTextError>,
                            >("CallCardSetStatusText", "result", result)?,
                        ),
                    )
                }
                "CallCardSetUiState" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetUiState(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardSetUiStateError>,
                            >("CallCardSetUiState", "result", result)?,
                        ),
                    )
                }
                "CallCardStartTimer" => {
                    ::std::result::Result::Ok(
                        Self::CallCardStartTimer(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardStartTimerError>,
                            >("CallCardStartTimer", "result", result)?,
                        ),
                    )
                }
                "CallCardStopTimer" => {
                    ::std::result::Result::Ok(
                        Self::CallCardStopTimer(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CallCardStopTimerError>,
                            >("CallCardStopTimer", "result", result)?,
                        ),
                    )
                }
                other => {
                    ::std::result::Result::Err(::b24::__private::DecodeError::UnknownEvent {
                        set: "PAGE_BACKGROUND_WORKER",
                        name: other.to_owned(),
                    })
                }
            }
        }
    }
    impl ::b24::__private::PlacementOptions for Options {
        const PLACEMENT: &'static str = "PAGE_BACKGROUND_WORKER";
    }
    /// The documented values of `CallCardCloseErrorErrorCode`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardCloseErrorErrorCode {
        /// `Call card is undefined`
        ///
        /// The call card is unavailable
        CallCardIsUndefined,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardCloseErrorErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardCloseErrorErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardCloseErrorErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CallCardCloseErrorErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `CallCardCloseError` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardCloseError {
        /// Wire name: `result`.
        #[serde(
            rename = "result",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub result: ::std::option::Option<::std::string::String>,
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
        pub error_code: ::std::option::Option<CallCardCloseErrorErrorCode>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallCardCloseError {
        /// Creates a `CallCardCloseError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                result: ::std::option::Option::None,
                error_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `result`.
        #[must_use]
        pub fn result(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.result = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `errorCode`.
        #[must_use]
        pub fn error_code(
            mut self,
            value: impl ::std::convert::Into<CallCardCloseErrorErrorCode>,
        ) -> Self {
            self.error_code = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallCardSetCardTitleErrorErrorCode`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardSetCardTitleErrorErrorCode {
        /// `Call card is undefined`
        ///
        /// The call card is unavailable
        CallCardIsUndefined,
        /// `missing field title`
        ///
        /// The required `title` parameter was not passed
        MissingFieldTitle,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardSetCardTitleErrorErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::MissingFieldTitle => "missing field title",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                "missing field title" => Self::MissingFieldTitle,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardSetCardTitleErrorErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardSetCardTitleErrorErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for CallCardSetCardTitleErrorErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `CallCardSetCardTitleError` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardSetCardTitleError {
        /// Wire name: `result`.
        #[serde(
            rename = "result",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub result: ::std::option::Option<::std::string::String>,
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
        pub error_code: ::std::option::Option<CallCardSetCardTitleErrorErrorCode>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallCardSetCardTitleError {
        /// Creates a `CallCardSetCardTitleError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                result: ::std::option::Option::None,
                error_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `result`.
        #[must_use]
        pub fn result(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.result = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `errorCode`.
        #[must_use]
        pub fn error_code(
            mut self,
            value: impl ::std::convert::Into<CallCardSetCardTitleErrorErrorCode>,
        ) -> Self {
            self.error_code = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallCardSetHoldErrorErrorCode`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardSetHoldErrorErrorCode {
        /// `Call card is undefined`
        ///
        /// The call card is unavailable
        CallCardIsUndefined,
        /// `missing field held`
        ///
        /// The required `held` parameter was not passed
        MissingFieldHeld,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardSetHoldErrorErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::MissingFieldHeld => "missing field held",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                "missing field held" => Self::MissingFieldHeld,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardSetHoldErrorErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardSetHoldErrorErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for CallCardSetHoldErrorErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `CallCardSetHoldError` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardSetHoldError {
        /// Wire name: `result`.
        #[serde(
            rename = "result",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub result: ::std::option::Option<::std::string::String>,
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
        pub error_code: ::std::option::Option<CallCardSetHoldErrorErrorCode>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallCardSetHoldError {
        /// Creates a `CallCardSetHoldError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                result: ::std::option::Option::None,
                error_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `result`.
        #[must_use]
        pub fn result(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.result = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `errorCode`.
        #[must_use]
        pub fn error_code(
            mut self,
            value: impl ::std::convert::Into<CallCardSetHoldErrorErrorCode>,
        ) -> Self {
            self.error_code = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallCardSetMuteErrorErrorCode`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardSetMuteErrorErrorCode {
        /// `Call card is undefined`
        ///
        /// The call card is unavailable
        CallCardIsUndefined,
        /// `missing field muted`
        ///
        /// The required `muted` parameter was not passed
        MissingFieldMuted,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardSetMuteErrorErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::MissingFieldMuted => "missing field muted",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                "missing field muted" => Self::MissingFieldMuted,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardSetMuteErrorErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardSetMuteErrorErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for CallCardSetMuteErrorErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `CallCardSetMuteError` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardSetMuteError {
        /// Wire name: `result`.
        #[serde(
            rename = "result",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub result: ::std::option::Option<::std::string::String>,
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
        pub error_code: ::std::option::Option<CallCardSetMuteErrorErrorCode>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallCardSetMuteError {
        /// Creates a `CallCardSetMuteError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                result: ::std::option::Option::None,
                error_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `result`.
        #[must_use]
        pub fn result(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.result = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `errorCode`.
        #[must_use]
        pub fn error_code(
            mut self,
            value: impl ::std::convert::Into<CallCardSetMuteErrorErrorCode>,
        ) -> Self {
            self.error_code = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallCardSetStatusTextErrorErrorCode`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardSetStatusTextErrorErrorCode {
        /// `Call card is undefined`
        ///
        /// The call card is unavailable
        CallCardIsUndefined,
        /// `missing field statusText`
        ///
        /// The required `statusText` parameter was not passed
        MissingFieldStatusText,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardSetStatusTextErrorErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::MissingFieldStatusText => "missing field statusText",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                "missing field statusText" => Self::MissingFieldStatusText,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardSetStatusTextErrorErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardSetStatusTextErrorErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for CallCardSetStatusTextErrorErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `CallCardSetStatusTextError` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardSetStatusTextError {
        /// Wire name: `result`.
        #[serde(
            rename = "result",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub result: ::std::option::Option<::std::string::String>,
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
        pub error_code: ::std::option::Option<CallCardSetStatusTextErrorErrorCode>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallCardSetStatusTextError {
        /// Creates a `CallCardSetStatusTextError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                result: ::std::option::Option::None,
                error_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `result`.
        #[must_use]
        pub fn result(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.result = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `errorCode`.
        #[must_use]
        pub fn error_code(
            mut self,
            value: impl ::std::convert::Into<CallCardSetStatusTextErrorErrorCode>,
        ) -> Self {
            self.error_code = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallCardSetUiStateErrorErrorCode`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardSetUiStateErrorErrorCode {
        /// `Call card is undefined`
        ///
        /// The call card is unavailable
        CallCardIsUndefined,
        /// `Invalid ui state`
        ///
        /// An incorrect `uiState` value
        InvalidUiState,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardSetUiStateErrorErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::InvalidUiState => "Invalid ui state",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                "Invalid ui state" => Self::InvalidUiState,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardSetUiStateErrorErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardSetUiStateErrorErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for CallCardSetUiStateErrorErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `CallCardSetUiStateError` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardSetUiStateError {
        /// Wire name: `result`.
        #[serde(
            rename = "result",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub result: ::std::option::Option<::std::string::String>,
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
        pub error_code: ::std::option::Option<CallCardSetUiStateErrorErrorCode>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallCardSetUiStateError {
        /// Creates a `CallCardSetUiStateError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                result: ::std::option::Option::None,
                error_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `result`.
        #[must_use]
        pub fn result(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.result = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `errorCode`.
        #[must_use]
        pub fn error_code(
            mut self,
            value: impl ::std::convert::Into<CallCardSetUiStateErrorErrorCode>,
        ) -> Self {
            self.error_code = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallCardStartTimerErrorErrorCode`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardStartTimerErrorErrorCode {
        /// `Call card is undefined`
        ///
        /// The call card is unavailable
        CallCardIsUndefined,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardStartTimerErrorErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardStartTimerErrorErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardStartTimerErrorErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for CallCardStartTimerErrorErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `CallCardStartTimerError` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardStartTimerError {
        /// Wire name: `result`.
        #[serde(
            rename = "result",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub result: ::std::option::Option<::std::string::String>,
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
        pub error_code: ::std::option::Option<CallCardStartTimerErrorErrorCode>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallCardStartTimerError {
        /// Creates a `CallCardStartTimerError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                result: ::std::option::Option::None,
                error_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `result`.
        #[must_use]
        pub fn result(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.result = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `errorCode`.
        #[must_use]
        pub fn error_code(
            mut self,
            value: impl ::std::convert::Into<CallCardStartTimerErrorErrorCode>,
        ) -> Self {
            self.error_code = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallCardStopTimerErrorErrorCode`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardStopTimerErrorErrorCode {
        /// `Call card is undefined`
        ///
        /// The call card is unavailable
        CallCardIsUndefined,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardStopTimerErrorErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardStopTimerErrorErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardStopTimerErrorErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for CallCardStopTimerErrorErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `CallCardStopTimerError` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardStopTimerError {
        /// Wire name: `result`.
        #[serde(
            rename = "result",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub result: ::std::option::Option<::std::string::String>,
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
        pub error_code: ::std::option::Option<CallCardStopTimerErrorErrorCode>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CallCardStopTimerError {
        /// Creates a `CallCardStopTimerError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                result: ::std::option::Option::None,
                error_code: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `result`.
        #[must_use]
        pub fn result(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.result = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `errorCode`.
        #[must_use]
        pub fn error_code(
            mut self,
            value: impl ::std::convert::Into<CallCardStopTimerErrorErrorCode>,
        ) -> Self {
            self.error_code = ::std::option::Option::Some(value.into());
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
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub phone_number: ::std::option::Option<::std::string::String>,
        /// The type of the CRM object linked to the call
        ///
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(
            rename = "CRM_ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_entity_type: ::std::option::Option<::std::string::String>,
        /// The identifier of the CRM object linked to the call.
        ///
        /// `0` if the call is not bound to the CRM
        ///
        /// Wire name: `CRM_ENTITY_ID`.
        #[serde(
            rename = "CRM_ENTITY_ID",
            deserialize_with = "::b24::__private::lenient::opt_int",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub crm_entity_id: ::std::option::Option<i64>,
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
        pub fn new() -> Self {
            Self {
                phone_number: ::std::option::Option::None,
                crm_entity_type: ::std::option::Option::None,
                crm_entity_id: ::std::option::Option::None,
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
    }
    /// The `InitializedCrmBindingsItem` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct InitializedCrmBindingsItem {
        /// The type of the CRM object
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
    impl InitializedCrmBindingsItem {
        /// Creates a `InitializedCrmBindingsItem` from its required fields.
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
    pub enum InitializedCallDirection {
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
    impl InitializedCallDirection {
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
    impl ::std::fmt::Display for InitializedCallDirection {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for InitializedCallDirection {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for InitializedCallDirection {
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
    pub enum InitializedCallState {
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
    impl InitializedCallState {
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
    impl ::std::fmt::Display for InitializedCallState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for InitializedCallState {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for InitializedCallState {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `Initialized` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct Initialized {
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
        /// The key does not arrive at all if the number is not identified
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
        /// The type of the current CRM object: `LEAD`, `CONTACT`, `COMPANY`, or `DEAL`.
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
        /// The identifier of the CRM object the call is bound to.
        ///
        /// `0` if the call is not bound to the CRM
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
            ::std::vec::Vec<InitializedCrmBindingsItem>,
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
        pub call_direction: ::std::option::Option<InitializedCallDirection>,
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
        pub call_state: ::std::option::Option<InitializedCallState>,
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
    impl Initialized {
        /// Creates a `Initialized` from its required fields.
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
            value: impl ::std::convert::Into<::std::vec::Vec<InitializedCrmBindingsItem>>,
        ) -> Self {
            self.crm_bindings = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CALL_DIRECTION`.
        #[must_use]
        pub fn call_direction(
            mut self,
            value: impl ::std::convert::Into<InitializedCallDirection>,
        ) -> Self {
            self.call_direction = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `CALL_STATE`.
        #[must_use]
        pub fn call_state(
            mut self,
            value: impl ::std::convert::Into<InitializedCallState>,
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
    /// The `TransferButtonClick` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct TransferButtonClick {
        /// The number of the current call
        ///
        /// Wire name: `phoneNumber`.
        #[serde(
            rename = "phoneNumber",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub phone_number: ::std::option::Option<::std::string::String>,
        /// Where the call is being transferred to.
        ///
        /// The value depends on the item the operator selected:
        ///
        /// - the identifier of an employee — when transferring to an internal extension
        /// - a phone number from the employee's profile — mobile, personal, or work, if the operator chose to call a phone
        ///
        /// The cases can be told apart by the format of the value.
        ///
        /// If the operator selected a department rather than an employee, the event does not occur
        ///
        /// Wire name: `target`.
        #[serde(
            rename = "target",
            deserialize_with = "::b24::__private::lenient::opt_string",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub target: ::std::option::Option<::std::string::String>,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl TransferButtonClick {
        /// Creates a `TransferButtonClick` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new() -> Self {
            Self {
                phone_number: ::std::option::Option::None,
                target: ::std::option::Option::None,
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
        /// Sets `phoneNumber`.
        #[must_use]
        pub fn phone_number(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.phone_number = ::std::option::Option::Some(value.into());
            self
        }
        /// Sets `target`.
        #[must_use]
        pub fn target(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.target = ::std::option::Option::Some(value.into());
            self
        }
    }
    /// The documented values of `CallCardGetListUiStatesResultItem`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardGetListUiStatesResultItem {
        /// `incoming`
        ///
        /// incoming call
        Incoming,
        /// `transferIncoming`
        ///
        /// incoming call transfer
        TransferIncoming,
        /// `outgoing`
        ///
        /// outgoing call
        Outgoing,
        /// `connectingIncoming`
        ///
        /// connecting an incoming call
        ConnectingIncoming,
        /// `connectingOutgoing`
        ///
        /// connecting an outgoing call
        ConnectingOutgoing,
        /// `connected`
        ///
        /// connection established
        Connected,
        /// `transferring`
        ///
        /// the call is being transferred
        Transferring,
        /// `transferFailed`
        ///
        /// call transfer error
        TransferFailed,
        /// `transferConnected`
        ///
        /// the call transfer was connected successfully
        TransferConnected,
        /// `error`
        ///
        /// call error
        Error,
        /// `moneyError`
        ///
        /// an error caused by insufficient funds
        MoneyError,
        /// `redial`
        ///
        /// redial
        Redial,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardGetListUiStatesResultItem {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Incoming => "incoming",
                Self::TransferIncoming => "transferIncoming",
                Self::Outgoing => "outgoing",
                Self::ConnectingIncoming => "connectingIncoming",
                Self::ConnectingOutgoing => "connectingOutgoing",
                Self::Connected => "connected",
                Self::Transferring => "transferring",
                Self::TransferFailed => "transferFailed",
                Self::TransferConnected => "transferConnected",
                Self::Error => "error",
                Self::MoneyError => "moneyError",
                Self::Redial => "redial",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "incoming" => Self::Incoming,
                "transferIncoming" => Self::TransferIncoming,
                "outgoing" => Self::Outgoing,
                "connectingIncoming" => Self::ConnectingIncoming,
                "connectingOutgoing" => Self::ConnectingOutgoing,
                "connected" => Self::Connected,
                "transferring" => Self::Transferring,
                "transferFailed" => Self::TransferFailed,
                "transferConnected" => Self::TransferConnected,
                "error" => Self::Error,
                "moneyError" => Self::MoneyError,
                "redial" => Self::Redial,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardGetListUiStatesResultItem {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardGetListUiStatesResultItem {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de>
    for CallCardGetListUiStatesResultItem {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The interface state of the card.
    ///
    /// Possible values:
    ///
    /// - `incoming` — incoming call
    /// - `transferIncoming` — incoming call transfer
    /// - `outgoing` — outgoing call
    /// - `connectingIncoming` — connecting an incoming call
    /// - `connectingOutgoing` — connecting an outgoing call
    /// - `connected` — connection established
    /// - `transferring` — the call is being transferred
    /// - `transferFailed` — call transfer error
    /// - `transferConnected` — the call transfer was connected successfully
    /// - `error` — call error
    /// - `moneyError` — an error caused by insufficient funds
    /// - `redial` — redial
    ///
    /// The same list can be retrieved programmatically with the CallCardGetListUiStates command. How the card looks in each state and which buttons are available in it is shown on the page {#T}
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CallCardSetUiStateUiState {
        /// `incoming`
        ///
        /// incoming call
        Incoming,
        /// `transferIncoming`
        ///
        /// incoming call transfer
        TransferIncoming,
        /// `outgoing`
        ///
        /// outgoing call
        Outgoing,
        /// `connectingIncoming`
        ///
        /// connecting an incoming call
        ConnectingIncoming,
        /// `connectingOutgoing`
        ///
        /// connecting an outgoing call
        ConnectingOutgoing,
        /// `connected`
        ///
        /// connection established
        Connected,
        /// `transferring`
        ///
        /// the call is being transferred
        Transferring,
        /// `transferFailed`
        ///
        /// call transfer error
        TransferFailed,
        /// `transferConnected`
        ///
        /// the call transfer was connected successfully
        TransferConnected,
        /// `error`
        ///
        /// call error
        Error,
        /// `moneyError`
        ///
        /// an error caused by insufficient funds
        MoneyError,
        /// `redial`
        ///
        /// redial
        Redial,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CallCardSetUiStateUiState {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Incoming => "incoming",
                Self::TransferIncoming => "transferIncoming",
                Self::Outgoing => "outgoing",
                Self::ConnectingIncoming => "connectingIncoming",
                Self::ConnectingOutgoing => "connectingOutgoing",
                Self::Connected => "connected",
                Self::Transferring => "transferring",
                Self::TransferFailed => "transferFailed",
                Self::TransferConnected => "transferConnected",
                Self::Error => "error",
                Self::MoneyError => "moneyError",
                Self::Redial => "redial",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "incoming" => Self::Incoming,
                "transferIncoming" => Self::TransferIncoming,
                "outgoing" => Self::Outgoing,
                "connectingIncoming" => Self::ConnectingIncoming,
                "connectingOutgoing" => Self::ConnectingOutgoing,
                "connected" => Self::Connected,
                "transferring" => Self::Transferring,
                "transferFailed" => Self::TransferFailed,
                "transferConnected" => Self::TransferConnected,
                "error" => Self::Error,
                "moneyError" => Self::MoneyError,
                "redial" => Self::Redial,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CallCardSetUiStateUiState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CallCardSetUiStateUiState {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CallCardSetUiStateUiState {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The `PLACEMENT_OPTIONS` of `PAGE_BACKGROUND_WORKER`: the context the portal posts to the handler when it opens the placement.
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
        /// The placement code, always equal to `PAGE_BACKGROUND_WORKER`
        ///
        /// Wire name: `ID`.
        #[serde(rename = "ID", deserialize_with = "::b24::__private::lenient::string")]
        pub id: ::std::string::String,
        /// The path with the query string of the page where the handler loaded. It tells the application where the user currently is
        ///
        /// Wire name: `URI`.
        #[serde(rename = "URI", deserialize_with = "::b24::__private::lenient::string")]
        pub uri: ::std::string::String,
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
            id: impl ::std::convert::Into<::std::string::String>,
            uri: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                id: id.into(),
                uri: uri.into(),
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
    }
}
