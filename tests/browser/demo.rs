//! The call-card demo app, shared by `examples/call_card.rs` and the browser
//! test: an axum server whose placement handler is the widget bridge, with a
//! typed `page_background_worker::Handler` (or, for the card's tab, a
//! `call_card::Handler`) behind it.
#![allow(dead_code)] // the example uses the background worker only

use std::sync::{Arc, Mutex};

use b24::axum::{Bridge, FrameClient};
use serde_json::json;

b24::generate!("specs/placements/page_background_worker.yaml");
b24::generate!("specs/placements/call_card.yaml");
b24::generate!("specs/placements/crm_detail_activity.yaml");
b24::generate!("specs/placements/userfield_type.yaml");
b24::generate!("specs/placements/bizproc_robot_settings.yaml");
b24::generate!("specs/methods/widgets.yaml");
b24::generate!("specs/methods/telephony.yaml");

pub use page_background_worker as pbw;
use pbw::Event;

/// Records (and optionally prints) every typed event it receives.
#[derive(Clone)]
pub struct Recorder<E> {
    pub events: Arc<Mutex<Vec<E>>>,
    pub print: bool,
}

impl<E> Default for Recorder<E> {
    fn default() -> Self {
        Self {
            events: Arc::default(),
            print: false,
        }
    }
}

/// The PAGE_BACKGROUND_WORKER app.
pub type CallCardApp = Recorder<Event>;
/// The CALL_CARD tab app.
pub type CallCardTabApp = Recorder<call_card::Event>;

impl<E: std::fmt::Debug> Recorder<E> {
    fn got(&self, e: E) {
        if self.print {
            println!("typed event: {e:?}");
        }
        self.events.lock().unwrap().push(e);
    }
}

impl pbw::Handler for CallCardApp {
    async fn on_initialized(&self, d: pbw::Initialized) {
        self.got(Event::Initialized(d));
    }
    async fn on_add_comment_button_click(&self, d: String) {
        self.got(Event::AddCommentButtonClick(d));
    }
    async fn on_mute_button_click(&self, d: bool) {
        self.got(Event::MuteButtonClick(d));
    }
    async fn on_hold_button_click(&self, d: bool) {
        self.got(Event::HoldButtonClick(d));
    }
    async fn on_close_button_click(&self) {
        self.got(Event::CloseButtonClick);
    }
    async fn on_transfer_button_click(&self, d: pbw::TransferButtonClick) {
        self.got(Event::TransferButtonClick(d));
    }
    async fn on_cancel_transfer_button_click(&self) {
        self.got(Event::CancelTransferButtonClick);
    }
    async fn on_complete_transfer_button_click(&self) {
        self.got(Event::CompleteTransferButtonClick);
    }
    async fn on_hangup_button_click(&self) {
        self.got(Event::HangupButtonClick);
    }
    async fn on_next_button_click(&self) {
        self.got(Event::NextButtonClick);
    }
    async fn on_skip_button_click(&self) {
        self.got(Event::SkipButtonClick);
    }
    async fn on_answer_button_click(&self) {
        self.got(Event::AnswerButtonClick);
    }
    async fn on_entity_changed(&self, d: pbw::EntityChanged) {
        self.got(Event::EntityChanged(d));
    }
    async fn on_make_call_button_click(&self) {
        self.got(Event::MakeCallButtonClick);
    }
    async fn on_quality_meter_click(&self, d: String) {
        self.got(Event::QualityMeterClick(d));
    }
    async fn on_dialpad_button_click(&self, d: String) {
        self.got(Event::DialpadButtonClick(d));
    }
    async fn on_notify_admin_button_click(&self) {
        self.got(Event::NotifyAdminButtonClick);
    }
}

impl call_card::Handler for CallCardTabApp {
    async fn on_entity_changed(&self, d: call_card::EntityChanged) {
        self.got(call_card::Event::EntityChanged(d));
    }
    async fn on_before_close(&self) {
        self.got(call_card::Event::BeforeClose);
    }
    async fn on_call_state_changed(
        &self,
        call_state: call_card::CallStateChangedCallState,
        additional_params: Option<call_card::CallStateChangedAdditionalParams>,
    ) {
        self.got(call_card::Event::CallStateChanged {
            call_state,
            additional_params,
        });
    }
}

/// A running demo app.
pub struct Demo<E: b24::InterfaceEvents = Event> {
    pub url: String,
    pub bridge: Bridge<E>,
    pub app: Recorder<E>,
    /// The portals that installed the app (verified app only).
    pub installs: Arc<b24::events::MemoryInstallStore>,
}

/// Where the verified app takes ONAPPINSTALL / ONAPPUNINSTALL.
pub const INSTALL_PATH: &str = "/b24/install";

/// Where the app serves the b24jssdk UMD build (when given).
pub const JSSDK_PATH: &str = "/vendor/b24jssdk.min.js";

/// Starts the app on a loopback port. With `jssdk` (the UMD file's text),
/// the widget page loads `@bitrix24/b24jssdk` and uses its B24Frame.
pub async fn start_app(print: bool, jssdk: Option<String>) -> Demo {
    let app = CallCardApp {
        print,
        ..Default::default()
    };
    let builder = b24::placement_bridge!(pbw, app.clone());
    serve(builder, app, jssdk, None).await
}

/// The PAGE_BACKGROUND_WORKER app, verified: it takes ONAPPINSTALL at
/// [`INSTALL_PATH`] (checked with `app.info` on `auth`), and its bridge
/// opens a session only for an installed portal's verified `AUTH_ID`.
pub async fn start_verified_app(print: bool, auth: b24::events::AuthServer) -> Demo {
    let app = CallCardApp {
        print,
        ..Default::default()
    };
    let builder = b24::placement_bridge!(pbw, app.clone());
    serve(builder, app, None, Some(auth)).await
}

/// The same for a CALL_CARD tab: a typed `call_card::Handler`.
pub async fn start_tab_app(print: bool, jssdk: Option<String>) -> Demo<call_card::Event> {
    let app = CallCardTabApp {
        print,
        ..Default::default()
    };
    let builder = b24::placement_bridge!(call_card, app.clone());
    serve(builder, app, jssdk, None).await
}

async fn serve<E: b24::InterfaceEvents>(
    builder: b24::axum::BridgeBuilder<E>,
    app: Recorder<E>,
    jssdk: Option<String>,
    verify: Option<b24::events::AuthServer>,
) -> Demo<E> {
    let installs = Arc::new(b24::events::MemoryInstallStore::new());
    let mut install_route = None;
    let builder = match verify {
        Some(auth) => {
            let receiver = b24::events::Receiver::<b24::basic::common::RestEvent, _>::builder(
                |_e, _ctx| async {},
                installs.clone(),
            )
            .auth_server(auth.clone())
            .build();
            install_route = Some(b24::axum::rest_events_route(receiver));
            builder.installs(installs.clone()).auth_server(auth)
        }
        None => skip_verification(builder),
    };
    let bridge = with_frame(builder, &jssdk).build();
    let mut router = bridge.router("/placement");
    if let Some(r) = install_route {
        router = router.route(INSTALL_PATH, r);
    }
    let url = listen(router, jssdk).await;
    Demo {
        url,
        bridge,
        app,
        installs,
    }
}

fn skip_verification<E: b24::InterfaceEvents>(
    builder: b24::axum::BridgeBuilder<E>,
) -> b24::axum::BridgeBuilder<E> {
    builder.insecure_skip_verification_because(
        "the browser test drives the frame protocol; tests/hostile_input.rs covers verification",
    )
}

/// The widget page loads b24jssdk when the app serves it.
fn with_frame<E: b24::InterfaceEvents>(
    builder: b24::axum::BridgeBuilder<E>,
    jssdk: &Option<String>,
) -> b24::axum::BridgeBuilder<E> {
    match jssdk {
        Some(_) => builder.frame_client(FrameClient::B24JsSdk {
            script_url: JSSDK_PATH.into(),
        }),
        None => builder,
    }
}

/// Serves `router` (and the b24jssdk file, when given) on a loopback port.
async fn listen(mut router: axum::Router, jssdk: Option<String>) -> String {
    if let Some(js) = jssdk {
        router = router.route(
            JSSDK_PATH,
            axum::routing::get(move || {
                let js = js.clone();
                async move { ([(axum::http::header::CONTENT_TYPE, "text/javascript")], js) }
            }),
        );
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    url
}

/// An app with three widgets driven by commands: the CRM activity (at
/// `/activity`, its `bind*Callback`s repeat), a user field type (`/field`)
/// and a robot's settings page (`/robot`). None of them documents interface
/// events, so the bridges dispatch nothing.
pub struct Widgets {
    pub url: String,
    pub activity: Bridge<crm_detail_activity::Event>,
    pub field: Bridge<userfield_type::Event>,
    pub robot: Bridge<bizproc_robot_settings::Event>,
}

pub async fn start_widgets_app(jssdk: Option<String>) -> Widgets {
    let activity = with_frame(skip_verification(Bridge::builder()), &jssdk).build();
    let field = with_frame(skip_verification(Bridge::builder()), &jssdk).build();
    let robot = with_frame(skip_verification(Bridge::builder()), &jssdk).build();
    let router = activity
        .router("/activity")
        .merge(field.router("/field"))
        .merge(robot.router("/robot"));
    let url = listen(router, jssdk).await;
    Widgets {
        url,
        activity,
        field,
        robot,
    }
}

/// `placement.bind` of `placement` to `handler`, typed.
pub async fn bind_placement(
    client: &b24::Client,
    placement: &str,
    handler: &str,
) -> Result<(), b24::Error> {
    let bind = widgets::Bind::new(placement, handler).title("Widget");
    client.send(&bind).await.map(|_| ())
}

/// A REST client acting as the installed app (placement.bind needs the
/// application context) on the emulator.
pub fn app_client(emu: &b24_emulator::Emulator) -> b24::Client {
    let pair = emu.authorize(1, &["placement", "telephony", "crm", "user"]);
    let app = emu.oauth_app();
    let response = serde_json::to_value(&pair).expect("token pair");
    let tokens = b24::Tokens::from_oauth_response(&response, 0.0).expect("token response");
    b24::Client::builder()
        .oauth(
            b24::OAuthCredentials::new(app.client_id, app.client_secret),
            b24::MemoryTokenStore::new(tokens),
        )
        .oauth_token_url(app.token_endpoint)
        .build()
        .expect("client")
}

/// `placement.bind` of PAGE_BACKGROUND_WORKER to the demo's handler, typed.
pub async fn bind(client: &b24::Client, handler: &str) -> Result<(), b24::Error> {
    let mut options = serde_json::Map::new();
    options.insert("errorHandlerUrl".into(), json!(format!("{handler}error")));
    let bind = widgets::Bind::new(pbw::PLACEMENT, handler).options(options);
    client.send(&bind).await.map(|_| ())
}

/// `placement.bind` of CALL_CARD (a tab of the call card), typed.
pub async fn bind_tab(client: &b24::Client, handler: &str) -> Result<(), b24::Error> {
    let bind = widgets::Bind::new(call_card::PLACEMENT, handler).title("Customer profile");
    client.send(&bind).await.map(|_| ())
}

/// The company's line the demo calls come in on.
pub const LINE: &str = "+19005550100";

/// `telephony.externalCall.register`: raises the call card for user 1.
pub async fn register_call(
    client: &b24::Client,
    phone: &str,
) -> Result<serde_json::Value, b24::Error> {
    use telephony::{
        ExternalCallRegisterCrmEntityType as Crm, ExternalCallRegisterShow as Show,
        ExternalCallRegisterType as Type,
    };
    let reg = telephony::ExternalCallRegister::new(1, "100", phone, Type::Incoming)
        .crm_entity_type(Crm::Contact)
        .crm_entity_id(3)
        .line_number(LINE)
        .show(Show::Show);
    let env = client.send(&reg).await?;
    Ok(serde_json::to_value(&env.result).unwrap_or_default())
}

/// `telephony.externalCall.finish`: the conversation is over.
pub async fn finish_call(client: &b24::Client, call_id: &str) -> Result<(), b24::Error> {
    let fin = telephony::ExternalCallFinish::new(call_id, 1, "100").duration(42);
    client.send(&fin).await.map(|_| ())
}
