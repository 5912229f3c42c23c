/// Background placement `PAGE_BACKGROUND_WORKER`: a telephony application drives the call card of its own WebRTC client from an invisible frame, with `CallCard*` commands and `BackgroundCallCard::*` events.
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
pub mod page_background_worker {
    /// Manage the Call Card of a WebRTC Client
    ///
    /// Used by telephony applications that work with the call card from an invisible background frame on Bitrix24 pages. The commands and events only work for the card of an external call the application raised itself with `telephony.externalCall.register`, and only after `BackgroundCallCard::initialized`; before it every command returns the `Call card is undefined` error.
    ///
    /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/index.html>
    pub const PLACEMENT: &str = "PAGE_BACKGROUND_WORKER";
    /// An interface event of this placement, decoded from the callback
    /// arguments `BX24.placement.bindEvent` delivers.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Event {
        /// Occurs after the call card is created and the initial data is passed.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/initialized.html>
        ///
        /// Wire name: `BackgroundCallCard::initialized`.
        Initialized(CallCardData),
        /// Occurs when a comment is saved in the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/add-comment-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::addCommentButtonClick`.
        AddCommentButtonClick(::std::string::String),
        /// Occurs when the operator clicks the microphone control button.
        ///
        /// Does not occur when the application changes the microphone state with `CallCardSetMute`; it arrives only in response to the operator's actions.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/mute-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::muteButtonClick`.
        MuteButtonClick(bool),
        /// Occurs when the operator clicks the hold button.
        ///
        /// Does not occur when the application changes the hold state with `CallCardSetHold`; it arrives only in response to the operator's actions.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/hold-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::holdButtonClick`.
        HoldButtonClick(bool),
        /// Occurs when the operator clicks the button that closes the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/close-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::closeButtonClick`.
        CloseButtonClick,
        /// Occurs when the recipient of the call transfer is selected.
        ///
        /// If the operator selected a department rather than an employee, the event does not occur.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/transfer-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::transferButtonClick`.
        TransferButtonClick(TransferTarget),
        /// Occurs when the transfer is canceled and the operator returns to the call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/cancel-transfer-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::cancelTransferButtonClick`.
        CancelTransferButtonClick,
        /// Occurs when the call transfer is confirmed.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/complete-transfer-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::completeTransferButtonClick`.
        CompleteTransferButtonClick,
        /// Occurs when the button that ends the active conversation is clicked.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/hang-up-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::hangupButtonClick`.
        HangupButtonClick,
        /// Occurs when the operator moves on to the next client in call campaign mode.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/next-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::nextButtonClick`.
        NextButtonClick,
        /// Occurs when the current call is skipped.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/skip-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::skipButtonClick`.
        SkipButtonClick,
        /// Occurs when an incoming call is accepted.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/answer-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::answerButtonClick`.
        AnswerButtonClick,
        /// Occurs when the card loads or changes the CRM object linked to the call.
        ///
        /// Arrives when the card opened and pulled up the client data from the CRM (possibly before `BackgroundCallCard::initialized`), when the client was identified or the call was rebound to another CRM object, and when the operator moved on to the next client in call campaign mode.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/entity-changed.html>
        ///
        /// Wire name: `BackgroundCallCard::entityChanged`.
        EntityChanged(EntityChangedData),
        /// Occurs when a call is started from the call card ("call" or "callback" button).
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/make-call-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::makeCallButtonClick`.
        MakeCallButtonClick,
        /// Occurs when a call quality rating is selected.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/quality-meter-click.html>
        ///
        /// Wire name: `BackgroundCallCard::qualityMeterClick`.
        QualityMeterClick(::std::string::String),
        /// Occurs when a key of the numeric keypad is pressed during a call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/dialpad-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::dialpadButtonClick`.
        DialpadButtonClick(::std::string::String),
        /// Occurs when a notification of the administrator is requested from the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/notify-admin-button-click.html>
        ///
        /// Wire name: `BackgroundCallCard::notifyAdminButtonClick`.
        NotifyAdminButtonClick,
    }
    impl Event {
        /// Every interface event of `PAGE_BACKGROUND_WORKER`.
        pub const NAMES: &'static [&'static str] = &[
            "BackgroundCallCard::initialized",
            "BackgroundCallCard::addCommentButtonClick",
            "BackgroundCallCard::muteButtonClick",
            "BackgroundCallCard::holdButtonClick",
            "BackgroundCallCard::closeButtonClick",
            "BackgroundCallCard::transferButtonClick",
            "BackgroundCallCard::cancelTransferButtonClick",
            "BackgroundCallCard::completeTransferButtonClick",
            "BackgroundCallCard::hangupButtonClick",
            "BackgroundCallCard::nextButtonClick",
            "BackgroundCallCard::skipButtonClick",
            "BackgroundCallCard::answerButtonClick",
            "BackgroundCallCard::entityChanged",
            "BackgroundCallCard::makeCallButtonClick",
            "BackgroundCallCard::qualityMeterClick",
            "BackgroundCallCard::dialpadButtonClick",
            "BackgroundCallCard::notifyAdminButtonClick",
        ];
        /// The wire name of this event.
        pub fn name(&self) -> &'static str {
            match self {
                Self::Initialized(_) => "BackgroundCallCard::initialized",
                Self::AddCommentButtonClick(_) => {
                    "BackgroundCallCard::addCommentButtonClick"
                }
                Self::MuteButtonClick(_) => "BackgroundCallCard::muteButtonClick",
                Self::HoldButtonClick(_) => "BackgroundCallCard::holdButtonClick",
                Self::CloseButtonClick => "BackgroundCallCard::closeButtonClick",
                Self::TransferButtonClick(_) => "BackgroundCallCard::transferButtonClick",
                Self::CancelTransferButtonClick => {
                    "BackgroundCallCard::cancelTransferButtonClick"
                }
                Self::CompleteTransferButtonClick => {
                    "BackgroundCallCard::completeTransferButtonClick"
                }
                Self::HangupButtonClick => "BackgroundCallCard::hangupButtonClick",
                Self::NextButtonClick => "BackgroundCallCard::nextButtonClick",
                Self::SkipButtonClick => "BackgroundCallCard::skipButtonClick",
                Self::AnswerButtonClick => "BackgroundCallCard::answerButtonClick",
                Self::EntityChanged(_) => "BackgroundCallCard::entityChanged",
                Self::MakeCallButtonClick => "BackgroundCallCard::makeCallButtonClick",
                Self::QualityMeterClick(_) => "BackgroundCallCard::qualityMeterClick",
                Self::DialpadButtonClick(_) => "BackgroundCallCard::dialpadButtonClick",
                Self::NotifyAdminButtonClick => {
                    "BackgroundCallCard::notifyAdminButtonClick"
                }
            }
        }
        /// Decodes event `name` from its callback arguments.
        pub fn decode(
            name: &str,
            args: &[::b24::__private::serde_json::Value],
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = args;
            match name {
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
                                CallCardData,
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
                "BackgroundCallCard::closeButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::closeButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::CloseButtonClick)
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
                                TransferTarget,
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
                "BackgroundCallCard::cancelTransferButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::cancelTransferButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::CancelTransferButtonClick)
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
                "BackgroundCallCard::hangupButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::hangupButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::HangupButtonClick)
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
                "BackgroundCallCard::skipButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::skipButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::SkipButtonClick)
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
                                EntityChangedData,
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
                "BackgroundCallCard::makeCallButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::makeCallButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::MakeCallButtonClick)
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
                "BackgroundCallCard::notifyAdminButtonClick" => {
                    ::b24::__private::arg_count(
                        "BackgroundCallCard::notifyAdminButtonClick",
                        args,
                        0usize,
                        0usize,
                    )?;
                    ::std::result::Result::Ok(Self::NotifyAdminButtonClick)
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
                Self::Initialized(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::AddCommentButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::MuteButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::HoldButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::CloseButtonClick => ::std::vec::Vec::new(),
                Self::TransferButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::CancelTransferButtonClick => ::std::vec::Vec::new(),
                Self::CompleteTransferButtonClick => ::std::vec::Vec::new(),
                Self::HangupButtonClick => ::std::vec::Vec::new(),
                Self::NextButtonClick => ::std::vec::Vec::new(),
                Self::SkipButtonClick => ::std::vec::Vec::new(),
                Self::AnswerButtonClick => ::std::vec::Vec::new(),
                Self::EntityChanged(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::MakeCallButtonClick => ::std::vec::Vec::new(),
                Self::QualityMeterClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::DialpadButtonClick(event_data) => {
                    ::std::vec![
                        ::b24::__private::serde_json::to_value(event_data)
                        .unwrap_or_default()
                    ]
                }
                Self::NotifyAdminButtonClick => ::std::vec::Vec::new(),
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
        /// Occurs after the call card is created and the initial data is passed.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/initialized.html>
        fn on_initialized(
            &self,
            event_data: CallCardData,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// Occurs when a comment is saved in the call card.
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
        /// Occurs when the operator clicks the microphone control button.
        ///
        /// Does not occur when the application changes the microphone state with `CallCardSetMute`; it arrives only in response to the operator's actions.
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
        /// Occurs when the operator clicks the hold button.
        ///
        /// Does not occur when the application changes the hold state with `CallCardSetHold`; it arrives only in response to the operator's actions.
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
        /// Occurs when the operator clicks the button that closes the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/close-button-click.html>
        fn on_close_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when the recipient of the call transfer is selected.
        ///
        /// If the operator selected a department rather than an employee, the event does not occur.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/transfer-button-click.html>
        fn on_transfer_button_click(
            &self,
            event_data: TransferTarget,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// Occurs when the transfer is canceled and the operator returns to the call.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/cancel-transfer-button-click.html>
        fn on_cancel_transfer_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when the call transfer is confirmed.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/complete-transfer-button-click.html>
        fn on_complete_transfer_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when the button that ends the active conversation is clicked.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/hang-up-button-click.html>
        fn on_hangup_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when the operator moves on to the next client in call campaign mode.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/next-button-click.html>
        fn on_next_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when the current call is skipped.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/skip-button-click.html>
        fn on_skip_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when an incoming call is accepted.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/answer-button-click.html>
        fn on_answer_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when the card loads or changes the CRM object linked to the call.
        ///
        /// Arrives when the card opened and pulled up the client data from the CRM (possibly before `BackgroundCallCard::initialized`), when the client was identified or the call was rebound to another CRM object, and when the operator moved on to the next client in call campaign mode.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/entity-changed.html>
        fn on_entity_changed(
            &self,
            event_data: EntityChangedData,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            let _ = event_data;
            async {}
        }
        /// Occurs when a call is started from the call card ("call" or "callback" button).
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/make-call-button-click.html>
        fn on_make_call_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
        /// Occurs when a call quality rating is selected.
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
        /// Occurs when a key of the numeric keypad is pressed during a call.
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
        /// Occurs when a notification of the administrator is requested from the call card.
        ///
        /// Who: any user.
        ///
        /// Docs: <https://apidocs.bitrix24.com/api-reference/widgets/ui-interaction/page-background-worker/events/notify-admin-button-click.html>
        fn on_notify_admin_button_click(
            &self,
        ) -> impl ::std::future::Future<Output = ()> + Send {
            async {}
        }
    }
    /// Calls the `handler` method that matches `event`.
    pub async fn dispatch<H: Handler + ?Sized>(handler: &H, event: Event) {
        let _ = handler;
        match event {
            Event::Initialized(event_data) => handler.on_initialized(event_data).await,
            Event::AddCommentButtonClick(event_data) => {
                handler.on_add_comment_button_click(event_data).await
            }
            Event::MuteButtonClick(event_data) => {
                handler.on_mute_button_click(event_data).await
            }
            Event::HoldButtonClick(event_data) => {
                handler.on_hold_button_click(event_data).await
            }
            Event::CloseButtonClick => handler.on_close_button_click().await,
            Event::TransferButtonClick(event_data) => {
                handler.on_transfer_button_click(event_data).await
            }
            Event::CancelTransferButtonClick => {
                handler.on_cancel_transfer_button_click().await
            }
            Event::CompleteTransferButtonClick => {
                handler.on_complete_transfer_button_click().await
            }
            Event::HangupButtonClick => handler.on_hangup_button_click().await,
            Event::NextButtonClick => handler.on_next_button_click().await,
            Event::SkipButtonClick => handler.on_skip_button_click().await,
            Event::AnswerButtonClick => handler.on_answer_button_click().await,
            Event::EntityChanged(event_data) => {
                handler.on_entity_changed(event_data).await
            }
            Event::MakeCallButtonClick => handler.on_make_call_button_click().await,
            Event::QualityMeterClick(event_data) => {
                handler.on_quality_meter_click(event_data).await
            }
            Event::DialpadButtonClick(event_data) => {
                handler.on_dialpad_button_click(event_data).await
            }
            Event::NotifyAdminButtonClick => handler.on_notify_admin_button_click().await,
        }
    }
    /// Mutes or unmutes the operator's microphone in the call card.
    ///
    /// If the microphone is already in the requested state, an empty array arrives right away and `BackgroundCallCard::muteButtonClick` does not occur. The desktop-only error `missing field muted` arrives as a single object, not wrapped in an array.
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
        /// `true` — mute the microphone, `false` — unmute it.
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
        type Output = ::std::vec::Vec<CommandError>;
    }
    /// Puts the call on hold or takes it off hold in the call card.
    ///
    /// If the call is already in the requested state, an empty array arrives right away and `BackgroundCallCard::holdButtonClick` does not occur. After the desktop-only error `missing field held` a second response, an empty array, may arrive.
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
        /// `true` — put the call on hold, `false` — take it off hold.
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
        type Output = ::std::vec::Vec<CommandError>;
    }
    /// Changes the interface state of the call card.
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
        /// The interface state of the card; the list is also returned by `CallCardGetListUiStates`.
        ///
        /// Wire name: `uiState`.
        #[serde(rename = "uiState")]
        pub ui_state: UiState,
        /// For `uiState = connected`: `true` — do not start the timer automatically; `false` or absent — start it automatically.
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
        pub fn new(ui_state: impl ::std::convert::Into<UiState>) -> Self {
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
        type Output = ::std::vec::Vec<CommandError>;
    }
    /// Returns the list of available interface states of the call card.
    ///
    /// Works even without an active card and has no error codes of its own.
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
        type Output = ::std::vec::Vec<UiState>;
    }
    /// Changes the title of the call card.
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
        /// The new title of the call card.
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
        type Output = ::std::vec::Vec<CommandError>;
    }
    /// Changes the status text in the center of the call card.
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
        /// The new status text in the center of the card.
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
        type Output = ::std::vec::Vec<CommandError>;
    }
    /// Shows the timer in the call card and starts counting the conversation time.
    ///
    /// In the browser the callback is not invoked on success; in the Bitrix24 desktop application an empty array arrives. The countdown runs from the first start: after `CallCardStopTimer` it resumes from the previous point.
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
        type Output = ::std::vec::Vec<CommandError>;
    }
    /// Stops counting the conversation time in the call card.
    ///
    /// In the browser the callback is not invoked on success; in the Bitrix24 desktop application an empty array arrives. The last timer value stays in the card until it leaves the `connected` state.
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
        type Output = ::std::vec::Vec<CommandError>;
    }
    /// Closes the call card.
    ///
    /// After `CallCardClose` the card can no longer be managed.
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
        type Output = ::std::vec::Vec<CommandError>;
    }
    /// Any interface command of this placement, as the portal side
    /// receives it from `BX24.placement.call`.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    #[allow(clippy::large_enum_variant)]
    pub enum Command {
        /// `CallCardSetMute`.
        CallCardSetMute(CallCardSetMute),
        /// `CallCardSetHold`.
        CallCardSetHold(CallCardSetHold),
        /// `CallCardSetUiState`.
        CallCardSetUiState(CallCardSetUiState),
        /// `CallCardGetListUiStates`.
        CallCardGetListUiStates(CallCardGetListUiStates),
        /// `CallCardSetCardTitle`.
        CallCardSetCardTitle(CallCardSetCardTitle),
        /// `CallCardSetStatusText`.
        CallCardSetStatusText(CallCardSetStatusText),
        /// `CallCardStartTimer`.
        CallCardStartTimer(CallCardStartTimer),
        /// `CallCardStopTimer`.
        CallCardStopTimer(CallCardStopTimer),
        /// `CallCardClose`.
        CallCardClose(CallCardClose),
    }
    impl Command {
        /// Every interface command of `PAGE_BACKGROUND_WORKER`.
        pub const NAMES: &'static [&'static str] = &[
            "CallCardSetMute",
            "CallCardSetHold",
            "CallCardSetUiState",
            "CallCardGetListUiStates",
            "CallCardSetCardTitle",
            "CallCardSetStatusText",
            "CallCardStartTimer",
            "CallCardStopTimer",
            "CallCardClose",
        ];
        /// The wire name of this command.
        pub fn name(&self) -> &'static str {
            match self {
                Self::CallCardSetMute(_) => "CallCardSetMute",
                Self::CallCardSetHold(_) => "CallCardSetHold",
                Self::CallCardSetUiState(_) => "CallCardSetUiState",
                Self::CallCardGetListUiStates(_) => "CallCardGetListUiStates",
                Self::CallCardSetCardTitle(_) => "CallCardSetCardTitle",
                Self::CallCardSetStatusText(_) => "CallCardSetStatusText",
                Self::CallCardStartTimer(_) => "CallCardStartTimer",
                Self::CallCardStopTimer(_) => "CallCardStopTimer",
                Self::CallCardClose(_) => "CallCardClose",
            }
        }
        /// Decodes command `name` from its parameters.
        pub fn decode(
            name: &str,
            params: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &params;
            match name {
                "CallCardSetMute" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetMute(
                            ::b24::__private::field::<
                                CallCardSetMute,
                            >("CallCardSetMute", "params", params)?,
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
                "CallCardSetUiState" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetUiState(
                            ::b24::__private::field::<
                                CallCardSetUiState,
                            >("CallCardSetUiState", "params", params)?,
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
                "CallCardSetStatusText" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetStatusText(
                            ::b24::__private::field::<
                                CallCardSetStatusText,
                            >("CallCardSetStatusText", "params", params)?,
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
                "CallCardClose" => {
                    ::std::result::Result::Ok(
                        Self::CallCardClose(
                            ::b24::__private::field::<
                                CallCardClose,
                            >("CallCardClose", "params", params)?,
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
                Self::CallCardSetMute(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetHold(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetUiState(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardGetListUiStates(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetCardTitle(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardSetStatusText(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardStartTimer(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardStopTimer(c) => {
                    ::b24::__private::serde_json::to_value(c).unwrap_or_default()
                }
                Self::CallCardClose(c) => {
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
        /// `CallCardSetMute`.
        CallCardSetMute(::std::vec::Vec<CommandError>),
        /// `CallCardSetHold`.
        CallCardSetHold(::std::vec::Vec<CommandError>),
        /// `CallCardSetUiState`.
        CallCardSetUiState(::std::vec::Vec<CommandError>),
        /// `CallCardGetListUiStates`.
        CallCardGetListUiStates(::std::vec::Vec<UiState>),
        /// `CallCardSetCardTitle`.
        CallCardSetCardTitle(::std::vec::Vec<CommandError>),
        /// `CallCardSetStatusText`.
        CallCardSetStatusText(::std::vec::Vec<CommandError>),
        /// `CallCardStartTimer`.
        CallCardStartTimer(::std::vec::Vec<CommandError>),
        /// `CallCardStopTimer`.
        CallCardStopTimer(::std::vec::Vec<CommandError>),
        /// `CallCardClose`.
        CallCardClose(::std::vec::Vec<CommandError>),
    }
    impl CommandResult {
        /// Decodes the result of command `name`.
        pub fn decode(
            name: &str,
            result: ::b24::__private::serde_json::Value,
        ) -> ::std::result::Result<Self, ::b24::__private::DecodeError> {
            let _ = &result;
            match name {
                "CallCardSetMute" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetMute(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CommandError>,
                            >("CallCardSetMute", "result", result)?,
                        ),
                    )
                }
                "CallCardSetHold" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetHold(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CommandError>,
                            >("CallCardSetHold", "result", result)?,
                        ),
                    )
                }
                "CallCardSetUiState" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetUiState(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CommandError>,
                            >("CallCardSetUiState", "result", result)?,
                        ),
                    )
                }
                "CallCardGetListUiStates" => {
                    ::std::result::Result::Ok(
                        Self::CallCardGetListUiStates(
                            ::b24::__private::field::<
                                ::std::vec::Vec<UiState>,
                            >("CallCardGetListUiStates", "result", result)?,
                        ),
                    )
                }
                "CallCardSetCardTitle" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetCardTitle(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CommandError>,
                            >("CallCardSetCardTitle", "result", result)?,
                        ),
                    )
                }
                "CallCardSetStatusText" => {
                    ::std::result::Result::Ok(
                        Self::CallCardSetStatusText(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CommandError>,
                            >("CallCardSetStatusText", "result", result)?,
                        ),
                    )
                }
                "CallCardStartTimer" => {
                    ::std::result::Result::Ok(
                        Self::CallCardStartTimer(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CommandError>,
                            >("CallCardStartTimer", "result", result)?,
                        ),
                    )
                }
                "CallCardStopTimer" => {
                    ::std::result::Result::Ok(
                        Self::CallCardStopTimer(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CommandError>,
                            >("CallCardStopTimer", "result", result)?,
                        ),
                    )
                }
                "CallCardClose" => {
                    ::std::result::Result::Ok(
                        Self::CallCardClose(
                            ::b24::__private::field::<
                                ::std::vec::Vec<CommandError>,
                            >("CallCardClose", "result", result)?,
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
    /// The symbolic code of a CRM object type.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CrmEntityType {
        /// `LEAD`
        ///
        /// lead
        Lead,
        /// `CONTACT`
        ///
        /// contact
        Contact,
        /// `COMPANY`
        ///
        /// company
        Company,
        /// `DEAL`
        ///
        /// deal
        Deal,
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
                Self::Contact => "CONTACT",
                Self::Company => "COMPANY",
                Self::Deal => "DEAL",
                Self::Empty => "",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "LEAD" => Self::Lead,
                "CONTACT" => Self::Contact,
                "COMPANY" => Self::Company,
                "DEAL" => Self::Deal,
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
        #[serde(
            rename = "ENTITY_TYPE",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub entity_type: ::std::string::String,
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
            entity_type: impl ::std::convert::Into<::std::string::String>,
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
    /// The call data passed with `BackgroundCallCard::initialized`.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CallCardData {
        /// The identifier of the call.
        ///
        /// Wire name: `CALL_ID`.
        #[serde(
            rename = "CALL_ID",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub call_id: ::std::string::String,
        /// The client's number; the key does not arrive at all if the number is not identified.
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
        /// The type of the current CRM object; an empty string if the call is not bound to the CRM.
        ///
        /// Wire name: `CRM_ENTITY_TYPE`.
        #[serde(rename = "CRM_ENTITY_TYPE")]
        pub crm_entity_type: CrmEntityType,
        /// The identifier of the CRM object the call is bound to; `0` if the call is not bound to the CRM.
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
    impl CallCardData {
        /// Creates a `CallCardData` from its required fields.
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
    /// An interface state of the call card.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum UiState {
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
    impl UiState {
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
    impl ::std::fmt::Display for UiState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for UiState {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for UiState {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// Always `error`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CommandErrorResult {
        /// `error`
        ///
        /// the command failed
        Error,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CommandErrorResult {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Error => "error",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "error" => Self::Error,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CommandErrorResult {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CommandErrorResult {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CommandErrorResult {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// What went wrong.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum CommandErrorCode {
        /// `Call card is undefined`
        ///
        /// There is no active call card, or the call was not registered with `telephony.externalCall.register`.
        CallCardIsUndefined,
        /// `Invalid ui state`
        ///
        /// The `uiState` passed to `CallCardSetUiState` is not a supported state.
        InvalidUiState,
        /// `missing field muted`
        ///
        /// `CallCardSetMute` without `muted` (desktop application only; arrives as a single object, not in an array).
        MissingFieldMuted,
        /// `missing field held`
        ///
        /// `CallCardSetHold` without `held` (desktop application only).
        MissingFieldHeld,
        /// `missing field title`
        ///
        /// `CallCardSetCardTitle` without `title` (desktop application only).
        MissingFieldTitle,
        /// `missing field statusText`
        ///
        /// `CallCardSetStatusText` without `statusText` (desktop application only).
        MissingFieldStatusText,
        /// A value the docs do not list, kept as received.
        Unknown(::std::string::String),
    }
    impl CommandErrorCode {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::CallCardIsUndefined => "Call card is undefined",
                Self::InvalidUiState => "Invalid ui state",
                Self::MissingFieldMuted => "missing field muted",
                Self::MissingFieldHeld => "missing field held",
                Self::MissingFieldTitle => "missing field title",
                Self::MissingFieldStatusText => "missing field statusText",
                Self::Unknown(s) => s,
            }
        }
        /// Reads a wire value; unlisted values become `Unknown`.
        pub fn from_wire(s: &str) -> Self {
            match s {
                "Call card is undefined" => Self::CallCardIsUndefined,
                "Invalid ui state" => Self::InvalidUiState,
                "missing field muted" => Self::MissingFieldMuted,
                "missing field held" => Self::MissingFieldHeld,
                "missing field title" => Self::MissingFieldTitle,
                "missing field statusText" => Self::MissingFieldStatusText,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }
    impl ::std::fmt::Display for CommandErrorCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::b24::__private::serde::Serialize for CommandErrorCode {
        fn serialize<S: ::b24::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::b24::__private::serde::Deserialize<'de> for CommandErrorCode {
        fn deserialize<D: ::b24::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            ::b24::__private::lenient::string(d).map(|s| Self::from_wire(&s))
        }
    }
    /// The error a call card command passes to its callback instead of the result, as an element of an array.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct CommandError {
        /// Always `error`.
        ///
        /// Wire name: `result`.
        #[serde(rename = "result")]
        pub result: CommandErrorResult,
        /// What went wrong.
        ///
        /// Wire name: `errorCode`.
        #[serde(rename = "errorCode")]
        pub error_code: CommandErrorCode,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl CommandError {
        /// Creates a `CommandError` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            result: impl ::std::convert::Into<CommandErrorResult>,
            error_code: impl ::std::convert::Into<CommandErrorCode>,
        ) -> Self {
            Self {
                result: result.into(),
                error_code: error_code.into(),
                extra: ::b24::__private::serde_json::Map::new(),
            }
        }
    }
    /// The `TransferTarget` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::b24::__private::serde::Serialize,
        ::b24::__private::serde::Deserialize
    )]
    #[serde(crate = "::b24::__private::serde")]
    #[non_exhaustive]
    pub struct TransferTarget {
        /// The number of the current call.
        ///
        /// Wire name: `phoneNumber`.
        #[serde(
            rename = "phoneNumber",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub phone_number: ::std::string::String,
        /// Where the call is being transferred to: the identifier of an employee (transfer to an internal extension) or a phone number from the employee's profile (mobile, personal or work). The cases can be told apart by the format of the value.
        ///
        /// Wire name: `target`.
        #[serde(
            rename = "target",
            deserialize_with = "::b24::__private::lenient::string"
        )]
        pub target: ::std::string::String,
        /// Fields the spec does not list, kept as received.
        #[serde(flatten)]
        pub extra: ::b24::__private::serde_json::Map<
            ::std::string::String,
            ::b24::__private::serde_json::Value,
        >,
    }
    impl TransferTarget {
        /// Creates a `TransferTarget` from its required fields.
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            phone_number: impl ::std::convert::Into<::std::string::String>,
            target: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                phone_number: phone_number.into(),
                target: target.into(),
                extra: ::b24::__private::serde_json::Map::new(),
            }
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
        /// The identifier of the CRM object linked to the call; `0` if the call is not bound to the CRM.
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
