//! Who sent an event ([`WidgetContext`], [`current`]) and which frame client
//! the widget page loads.

/// Who sent an event: the session the placement page opened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WidgetContext {
    /// The session ID; pass it to [`Bridge::send`](super::Bridge::send).
    pub session: String,
    /// The portal's `member_id` (verified by the authorization server).
    pub member_id: String,
    /// The portal's domain (verified likewise).
    pub domain: String,
    /// The user the authorization server named (or the user resolver's
    /// answer; 0 when verification is skipped and no resolver is set).
    pub user_id: u64,
    /// The placement code.
    pub placement: String,
    /// The frame client the widget uses (`builtin`, `bx24`, `b24jssdk`), once
    /// it reported ready.
    pub client: Option<String>,
}

tokio::task_local! {
    pub(super) static CURRENT: WidgetContext;
}

/// The session of the event being dispatched, inside a handler method.
pub fn current() -> Option<WidgetContext> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Which frame client the widget page loads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum FrameClient {
    /// `BX24` or `B24Js` if the page has one, else the built-in client.
    #[default]
    Auto,
    /// Load `@bitrix24/b24jssdk`'s UMD build from this URL and use its
    /// `initializeB24Frame()`.
    B24JsSdk {
        /// Where the app serves `dist/umd/index.min.js`.
        script_url: String,
    },
}
