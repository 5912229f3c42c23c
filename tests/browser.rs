//! End to end in headless Chromium: the emulator's portal page hosts the
//! app's PAGE_BACKGROUND_WORKER handler (the widget bridge) in an iframe; the
//! test clicks every call-card button and checks that the Rust handler got
//! each typed event with its documented payload, that commands from the
//! server change the card, that an event fired through
//! `/_emulator/placement/fire` arrives typed, and that a forged event POST is
//! refused.
//!
//! For CALL_CARD the handler is a tab of the card: the test raises calls,
//! moves them through their states with the card's buttons and
//! `telephony.externalCall.finish`, and checks the typed `CallCard::*` events,
//! `getStatus` against the card, and the auto-close commands.
//!
//! Every other placement that documents commands is hosted by the same page:
//! the test opens the CRM activity placement (`CRM_DEAL_DETAIL_ACTIVITY`),
//! subscribes to its repeating `bind*Callback`s (with `null` and with a block
//! id) and fires several calls of each from the page, each arriving as a
//! typed stream item; it writes falsy field values (`setValue(0)`, `null`,
//! `false`, `""`) into a `USERFIELD_TYPE` field and reads them back, and
//! writes robot properties with `setPropertyValue`.
//!
//! Runs twice: with the bridge's built-in frame client and with
//! @bitrix24/b24jssdk's B24Frame. Needs Debian's chromium and
//! chromium-driver and the npm package (scripts/setup/30-browser.sh); without
//! them it skips loudly, except under CI=true where it fails.

#[path = "browser/demo.rs"]
mod demo;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use demo::call_card as cc;
use demo::pbw::{self, Event};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const JSSDK: &str = "target/browser/node/node_modules/@bitrix24/b24jssdk/dist/umd/index.min.js";
/// Guard against a hung browser; never reached when things work.
const GUARD: Duration = Duration::from_secs(60);

fn missing(what: &str) -> bool {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("browser test: {what} is missing under CI=true (run scripts/setup/30-browser.sh)");
    }
    eprintln!("SKIPPED browser test: {what} is missing; run scripts/setup/30-browser.sh");
    true
}

struct Driver(Child);
impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn browser() -> (Client, Driver, tempdir::Dir) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    let profile = tempdir::Dir::new();
    let caps = json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", format!("--user-data-dir={}", profile.0.display())],
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let url = format!("http://127.0.0.1:{port}");
    // chromedriver takes a moment to listen; retry the session until it does.
    let deadline = tokio::time::Instant::now() + GUARD;
    loop {
        let b = ClientBuilder::rustls()
            .expect("tls")
            .capabilities(caps.clone())
            .connect(&url)
            .await;
        match b {
            Ok(c) => return (c, driver, profile),
            Err(e) if tokio::time::Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("chromedriver session: {e}"),
        }
    }
}

/// A fresh empty profile directory, removed afterwards.
mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Self {
            let p = std::env::temp_dir().join(format!(
                "b24-browser-{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos()
            ));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

struct Run<E: b24::InterfaceEvents = Event> {
    c: Client,
    demo: demo::Demo<E>,
}

impl<E: b24::InterfaceEvents + Clone> Run<E> {
    async fn click(&self, id: &str) {
        self.c
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click #{id}: {e}"));
    }
    fn events(&self) -> Vec<E> {
        self.demo.app.events.lock().unwrap().clone()
    }
    /// Waits until the handler has received `n` events.
    async fn wait_events(&self, n: usize) -> Vec<E> {
        let deadline = tokio::time::Instant::now() + GUARD;
        loop {
            let e = self.events();
            if e.len() >= n || tokio::time::Instant::now() > deadline {
                return e;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    /// Clicks `id` and returns the one event it produced.
    async fn click_event(&self, id: &str) -> E {
        let n = self.events().len();
        self.click(id).await;
        let e = self.wait_events(n + 1).await;
        assert_eq!(e.len(), n + 1, "no event after clicking #{id}");
        e[n].clone()
    }
    /// Waits for `k` events after the first `n` and returns them.
    async fn events_after(&self, n: usize, k: usize) -> Vec<E> {
        let e = self.wait_events(n + k).await;
        assert_eq!(e.len(), n + k, "expected {k} more events");
        e[n..].to_vec()
    }
    async fn attr(&self, id: &str, name: &str) -> Option<String> {
        self.c
            .find(Locator::Id(id))
            .await
            .unwrap()
            .attr(name)
            .await
            .unwrap()
    }
    async fn text(&self, id: &str) -> String {
        self.c
            .find(Locator::Id(id))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }
    async fn send<C: b24::PlacementCommand>(
        &self,
        session: &str,
        cmd: C,
    ) -> Result<C::Output, b24::axum::CommandError> {
        self.demo.bridge.send(session, &cmd).await
    }
}

/// The frame client the widget reports.
fn client_name(jssdk: &Option<String>) -> &'static str {
    if jssdk.is_some() {
        "b24jssdk"
    } else {
        "builtin"
    }
}

async fn run(jssdk: Option<String>) {
    let client_name = client_name(&jssdk);
    let emu = b24_emulator::Emulator::builder()
        .start()
        .await
        .expect("emulator");
    let demo = demo::start_app(false, jssdk).await;
    let rest = demo::app_client(&emu);
    demo::bind(&rest, &format!("{}/placement/", demo.url))
        .await
        .expect("placement.bind");
    let (c, _driver, _profile) = browser().await;
    c.goto(&format!("{}/portal/?user=1", emu.base_url()))
        .await
        .unwrap();
    let r = Run { c, demo };

    let ctx = tokio::time::timeout(GUARD, r.demo.bridge.wait_ready(1))
        .await
        .expect("widget ready");
    assert_eq!(ctx.client.as_deref(), Some(client_name));
    let s = ctx.session.clone();

    // The card opens: initialized, then entityChanged with its object.
    demo::register_call(&rest, "+19001234567")
        .await
        .expect("externalCall.register");
    let e = r.wait_events(2).await;
    let Event::Initialized(init) = &e[0] else {
        panic!("{e:?}")
    };
    assert_eq!(init.phone_number.as_deref(), Some("+19001234567"));
    assert_eq!(
        init.call_direction,
        Some(pbw::InitializedCallDirection::Incoming)
    );
    let Event::EntityChanged(ent) = &e[1] else {
        panic!("{e:?}")
    };
    assert_eq!(
        (
            ent.phone_number.as_deref(),
            ent.crm_entity_type.as_deref(),
            ent.crm_entity_id
        ),
        (Some("+19001234567"), Some("CONTACT"), Some(3))
    );

    // Commands with results.
    let states = r
        .send(&s, pbw::CallCardGetListUiStates::new())
        .await
        .unwrap();
    assert_eq!(states.len(), 12);
    assert!(
        r.send(&s, pbw::CallCardSetCardTitle::new("Client on the line"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(r.text("card-title").await, "Client on the line");
    assert!(
        r.send(&s, pbw::CallCardSetStatusText::new("Ringing"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(r.text("card-status").await, "Ringing");
    let bad = r
        .send(
            &s,
            pbw::CallCardSetUiState::new(pbw::CallCardSetUiStateUiState::Unknown("nope".into())),
        )
        .await
        .unwrap();
    assert_eq!(bad.len(), 1, "{bad:?}");

    // incoming
    assert_eq!(r.click_event("btn-answer").await, Event::AnswerButtonClick);
    assert_eq!(r.click_event("btn-skip").await, Event::SkipButtonClick);
    // outgoing
    r.send(
        &s,
        pbw::CallCardSetUiState::new(pbw::CallCardSetUiStateUiState::Outgoing),
    )
    .await
    .unwrap();
    assert_eq!(
        r.click_event("btn-make-call").await,
        Event::MakeCallButtonClick
    );
    // connected
    r.send(
        &s,
        pbw::CallCardSetUiState::new(pbw::CallCardSetUiStateUiState::Connected)
            .disable_auto_start_timer(true),
    )
    .await
    .unwrap();
    assert_eq!(
        r.click_event("btn-mute").await,
        Event::MuteButtonClick(true)
    );
    assert_eq!(
        r.click_event("btn-mute").await,
        Event::MuteButtonClick(false)
    );
    // Set by the app: the card shows muted, and no muteButtonClick fires, so
    // the next click unmutes.
    let n = r.events().len();
    assert!(
        r.send(&s, pbw::CallCardSetMute::new(true))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        r.attr("btn-mute", "aria-pressed").await.as_deref(),
        Some("true")
    );
    assert_eq!(
        r.click_event("btn-mute").await,
        Event::MuteButtonClick(false)
    );
    assert_eq!(r.events().len(), n + 1);
    assert_eq!(
        r.click_event("btn-hold").await,
        Event::HoldButtonClick(true)
    );
    assert!(
        r.send(&s, pbw::CallCardSetHold::new(false))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        r.attr("btn-hold", "aria-pressed").await.as_deref(),
        Some("false")
    );
    assert_eq!(
        r.click_event("btn-quality-4").await,
        Event::QualityMeterClick("4".into())
    );
    assert_eq!(
        r.click_event("btn-dial-5").await,
        Event::DialpadButtonClick("5".into())
    );
    assert_eq!(
        r.click_event("btn-dial-hash").await,
        Event::DialpadButtonClick("#".into())
    );
    let Event::TransferButtonClick(t) = r.click_event("btn-transfer").await else {
        panic!()
    };
    assert_eq!(
        (t.phone_number.as_deref(), t.target.as_deref()),
        (Some("+19001234567"), Some("12"))
    );
    // The timer commands never call back in the browser.
    assert!(matches!(
        r.send(&s, pbw::CallCardStartTimer::new()).await,
        Err(b24::axum::CommandError::NoReply)
    ));
    assert_eq!(
        r.attr("card-timer", "data-running").await.as_deref(),
        Some("true")
    );
    assert!(matches!(
        r.send(&s, pbw::CallCardStopTimer::new()).await,
        Err(b24::axum::CommandError::NoReply)
    ));
    assert_eq!(
        r.attr("card-timer", "data-running").await.as_deref(),
        Some("false")
    );
    assert_eq!(r.click_event("btn-hangup").await, Event::HangupButtonClick);
    // transferring
    r.send(
        &s,
        pbw::CallCardSetUiState::new(pbw::CallCardSetUiStateUiState::Transferring),
    )
    .await
    .unwrap();
    assert_eq!(
        r.click_event("btn-complete-transfer").await,
        Event::CompleteTransferButtonClick
    );
    assert_eq!(
        r.click_event("btn-cancel-transfer").await,
        Event::CancelTransferButtonClick
    );
    // moneyError
    r.send(
        &s,
        pbw::CallCardSetUiState::new(pbw::CallCardSetUiStateUiState::MoneyError),
    )
    .await
    .unwrap();
    assert_eq!(
        r.click_event("btn-notify-admin").await,
        Event::NotifyAdminButtonClick
    );
    assert_eq!(r.click_event("btn-next").await, Event::NextButtonClick);
    r.c.find(Locator::Id("comment-text"))
        .await
        .unwrap()
        .send_keys("Called back")
        .await
        .unwrap();
    assert_eq!(
        r.click_event("btn-add-comment").await,
        Event::AddCommentButtonClick("Called back".into())
    );
    assert_eq!(r.click_event("btn-close").await, Event::CloseButtonClick);
    // No card any more.
    let gone = r.send(&s, pbw::CallCardSetMute::new(true)).await.unwrap();
    assert_eq!(gone.len(), 1);

    // An interface event fired on demand through the test control.
    let body = json!({"placement": pbw::PLACEMENT, "event": "BackgroundCallCard::qualityMeterClick",
                      "args": ["2"]});
    let n = r.events().len();
    assert_eq!(fire(&emu, body).await, 1);
    assert_eq!(
        r.events_after(n, 1).await,
        [Event::QualityMeterClick("2".into())]
    );

    // A forged event POST is refused and never dispatched.
    let n = r.events().len();
    let forged = b24::axum::SessionKey::from_secret(b"guess").issue(&b24::axum::SessionClaims {
        session: s.clone(),
        member_id: ctx.member_id.clone(),
        user_id: 1,
        placement: pbw::PLACEMENT.into(),
        expires: u64::MAX,
    });
    let resp = reqwest::Client::new()
        .post(format!("{}/placement/events", r.demo.url))
        .bearer_auth(forged)
        .json(&json!({"event": "BackgroundCallCard::closeButtonClick", "args": [], "seq": 999}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(r.events().len(), n);
    assert_eq!(r.demo.bridge.rejected(), 1);

    r.c.close().await.unwrap();
    emu.shutdown().await;
}

fn call_states(e: &[cc::Event]) -> Vec<cc::CallStateChangedCallState> {
    e.iter()
        .map(|e| match e {
            cc::Event::CallStateChanged { call_state, .. } => call_state.clone(),
            other => panic!("expected CallStateChanged, got {other:?}"),
        })
        .collect()
}

impl Run<cc::Event> {
    /// `getStatus`, checked against what the card shows.
    async fn status(&self, session: &str) -> cc::GetStatusResult {
        let st = self.send(session, cc::GetStatus::new()).await.unwrap();
        assert_eq!(
            self.attr("call-card", "data-call-id").await.as_deref(),
            st.call_id.as_deref()
        );
        assert_eq!(Some(self.text("card-phone").await), st.phone_number.clone());
        assert_eq!(Some(self.text("card-line").await), st.line_number);
        assert_eq!(
            self.text("card-crm").await,
            format!(
                "{} {}",
                st.crm_entity_type.as_deref().unwrap_or_default(),
                st.crm_entity_id.unwrap_or_default()
            )
        );
        assert_eq!(
            self.text("card-direction").await,
            st.call_direction.as_ref().map_or("", |d| d.as_str())
        );
        assert_eq!(
            self.text("card-call-state").await,
            st.call_state.as_ref().map_or("", |d| d.as_str())
        );
        st
    }
    async fn card_open(&self) -> bool {
        self.attr("call-card", "hidden").await.is_none()
    }
    async fn auto_close(&self, session: &str, on: bool) {
        let out = if on {
            self.send(session, cc::EnableAutoClose::new()).await
        } else {
            self.send(session, cc::DisableAutoClose::new()).await
        };
        assert!(out.unwrap().is_empty(), "auto-close commands answer []");
    }
    /// The tab of a newly raised card: waits for its `n`th widget.
    async fn tab(&self, n: usize, client: &str) -> String {
        let ctx = tokio::time::timeout(GUARD, self.demo.bridge.wait_ready(n))
            .await
            .expect("CALL_CARD tab ready");
        assert_eq!(ctx.client.as_deref(), Some(client));
        assert_eq!(ctx.placement, cc::PLACEMENT);
        ctx.session
    }
}

async fn run_call_card(jssdk: Option<String>) {
    use cc::{CallStateChangedCallState as CallState, Event as E};
    let client_name = client_name(&jssdk);
    let emu = b24_emulator::Emulator::builder()
        .start()
        .await
        .expect("emulator");
    let demo = demo::start_tab_app(false, jssdk).await;
    let rest = demo::app_client(&emu);
    demo::bind_tab(&rest, &format!("{}/placement/", demo.url))
        .await
        .expect("placement.bind CALL_CARD");
    let (c, _driver, _profile) = browser().await;
    c.goto(&format!("{}/portal/?user=1", emu.base_url()))
        .await
        .unwrap();
    let r = Run { c, demo };
    // The tab comes with a card: no call, no widget.
    assert!(r.demo.bridge.sessions().is_empty());

    // A call raises the card, the tab loads with it and gets the card's CRM
    // data as EntityChanged.
    let reg = demo::register_call(&rest, "+19001234567")
        .await
        .expect("externalCall.register");
    let call_id = reg["CALL_ID"].as_str().expect("CALL_ID").to_owned();
    let s = r.tab(1, client_name).await;
    let e = r.events_after(0, 1).await;
    let E::EntityChanged(ent) = &e[0] else {
        panic!("{e:?}")
    };
    assert_eq!(
        (
            ent.phone_number.as_str(),
            ent.crm_entity_type.as_str(),
            ent.crm_entity_id
        ),
        ("+19001234567", "CONTACT", 3)
    );

    // getStatus: the card's data, typed.
    let st = r.status(&s).await;
    assert_eq!(st.call_id.as_deref(), Some(call_id.as_str()));
    assert_eq!(st.phone_number.as_deref(), Some("+19001234567"));
    assert_eq!(
        (st.line_number.as_deref(), st.line_name.as_deref()),
        (Some(demo::LINE), Some(""))
    );
    assert_eq!(
        (st.crm_entity_type.as_deref(), st.crm_entity_id),
        (Some("CONTACT"), Some(3))
    );
    assert_eq!(
        st.crm_bindings,
        Some(vec![
            cc::GetStatusResultCrmBindingsItem::new()
                .entity_type("CONTACT")
                .entity_id(3)
        ])
    );
    assert_eq!(st.crm_activity_id, None);
    assert_eq!(
        st.call_direction,
        Some(cc::GetStatusResultCallDirection::Incoming)
    );
    assert_eq!(st.call_state, Some(cc::GetStatusResultCallState::Idle));
    assert_eq!(st.call_list_mode, Some(false));

    // During the call enableAutoClose only lifts the block.
    r.auto_close(&s, false).await;
    assert_eq!(
        r.attr("call-card", "data-auto-close").await.as_deref(),
        Some("false")
    );
    r.auto_close(&s, true).await;
    assert_eq!(
        r.attr("call-card", "data-auto-close").await.as_deref(),
        Some("true")
    );
    assert!(r.card_open().await);

    // Answered: connecting, then connected.
    r.click("btn-answer").await;
    let e = r.events_after(1, 2).await;
    assert_eq!(
        call_states(&e),
        [CallState::Connecting, CallState::Connected]
    );
    assert_eq!(
        r.status(&s).await.call_state,
        Some(cc::GetStatusResultCallState::Connected)
    );

    // Auto-closing blocked, the call ends: idle, BeforeClose, and the card
    // stays, counting down.
    r.auto_close(&s, false).await;
    r.click("btn-hangup").await;
    let e = r.events_after(3, 2).await;
    assert_eq!(call_states(&e[..1]), [CallState::Idle]);
    assert_eq!(e[1], E::BeforeClose);
    assert!(r.card_open().await, "disableAutoClose keeps the card");
    assert_eq!(
        r.status(&s).await.call_state,
        Some(cc::GetStatusResultCallState::Idle)
    );
    let close_at = |v: Option<String>| v.expect("countdown").parse::<u64>().unwrap();
    let at = close_at(r.attr("card-autoclose", "data-close-at").await);
    // disableAutoClose again restarts the 65 s countdown.
    r.auto_close(&s, false).await;
    assert!(close_at(r.attr("card-autoclose", "data-close-at").await) > at);
    assert!(r.card_open().await);
    // enableAutoClose after the call closes the card now: BeforeClose again.
    r.auto_close(&s, true).await;
    let e = r.events_after(5, 1).await;
    assert_eq!(e, [E::BeforeClose]);
    assert!(!r.card_open().await);
    // No card: getStatus is not answered.
    assert!(matches!(
        r.send(&s, cc::GetStatus::new()).await,
        Err(b24::axum::CommandError::NoReply)
    ));
    assert_eq!(r.events().len(), 6);

    // Another call, ended over REST with auto-closing on: idle, one
    // BeforeClose, and the card is gone.
    let reg = demo::register_call(&rest, "+19001234567")
        .await
        .expect("externalCall.register");
    let call_id = reg["CALL_ID"].as_str().expect("CALL_ID").to_owned();
    let s = r.tab(2, client_name).await;
    let e = r.events_after(6, 1).await;
    assert!(
        matches!(&e[0], E::EntityChanged(d) if d.crm_entity_id == 3),
        "{e:?}"
    );
    assert_eq!(
        r.status(&s).await.call_id.as_deref(),
        Some(call_id.as_str())
    );
    r.click("btn-answer").await;
    assert_eq!(
        call_states(&r.events_after(7, 2).await),
        [CallState::Connecting, CallState::Connected]
    );
    demo::finish_call(&rest, &call_id)
        .await
        .expect("externalCall.finish");
    let e = r.events_after(9, 2).await;
    assert_eq!(call_states(&e[..1]), [CallState::Idle]);
    assert_eq!(e[1], E::BeforeClose);
    assert!(!r.card_open().await);
    assert_eq!(r.events().len(), 11);
    assert_eq!(r.demo.bridge.rejected(), 0);

    r.c.close().await.unwrap();
    emu.shutdown().await;
}

/// The b24jssdk UMD build; `None` (skipped loudly, or failing under CI) when
/// it is not installed.
fn jssdk() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(JSSDK);
    match std::fs::read_to_string(&path) {
        Ok(js) => Some(js),
        Err(_) => {
            missing(&path.display().to_string());
            None
        }
    }
}

fn have_browser() -> bool {
    for p in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(p).exists() {
            return !missing(p);
        }
    }
    true
}

/// A scenario's two tests: the built-in frame client, and b24jssdk's B24Frame.
macro_rules! both_clients {
    ($builtin:ident, $jssdk:ident, $run:ident) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $builtin() {
            if have_browser() {
                $run(None).await;
            }
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $jssdk() {
            if have_browser()
                && let Some(js) = jssdk()
            {
                $run(Some(js)).await;
            }
        }
    };
}

both_clients!(
    call_card_end_to_end_builtin_frame_client,
    call_card_end_to_end_with_b24jssdk,
    run
);
both_clients!(
    call_card_tab_end_to_end_builtin_frame_client,
    call_card_tab_end_to_end_with_b24jssdk,
    run_call_card
);
both_clients!(
    widgets_end_to_end_builtin_frame_client,
    widgets_end_to_end_with_b24jssdk,
    run_widgets
);

/// `/_emulator/placement/fire`: how many subscriptions the page reached.
async fn fire(emu: &b24_emulator::Emulator, body: serde_json::Value) -> u64 {
    let r = reqwest::Client::new()
        .post(format!("{}/_emulator/placement/fire", emu.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "fire {body}");
    let v: serde_json::Value = r.json().await.unwrap();
    v["delivered"].as_u64().expect("delivered")
}

/// The next `n` items of a command stream.
async fn take<T: std::fmt::Debug + serde::de::DeserializeOwned>(
    s: &mut b24::axum::CommandStream<T>,
    n: usize,
) -> Vec<T> {
    use futures::StreamExt;
    let mut out = Vec::new();
    for _ in 0..n {
        let item = tokio::time::timeout(GUARD, s.next())
            .await
            .expect("stream item")
            .expect("stream open");
        out.push(item.expect("typed item"));
    }
    out
}

async fn box_attr(c: &Client, placement: &str, name: &str) -> Option<String> {
    c.find(Locator::Id(&format!("box-{placement}")))
        .await
        .unwrap_or_else(|e| panic!("#box-{placement}: {e}"))
        .attr(name)
        .await
        .unwrap()
}

async fn run_widgets(jssdk: Option<String>) {
    use demo::{bizproc_robot_settings as robot, crm_detail_activity as act, userfield_type as uf};
    const ACT: &str = "CRM_DEAL_DETAIL_ACTIVITY";
    let client_name = client_name(&jssdk);
    let emu = b24_emulator::Emulator::builder()
        .start()
        .await
        .expect("emulator");
    let app = demo::start_widgets_app(jssdk).await;
    let rest = demo::app_client(&emu);
    for (code, path) in [
        (ACT, "activity"),
        (uf::PLACEMENT, "field"),
        (robot::PLACEMENT, "robot"),
    ] {
        demo::bind_placement(&rest, code, &format!("{}/{path}/", app.url))
            .await
            .unwrap_or_else(|e| panic!("placement.bind {code}: {e}"));
    }
    let (c, _driver, _profile) = browser().await;
    c.goto(&format!("{}/portal/?user=1", emu.base_url()))
        .await
        .unwrap();
    let ready = |ctx: b24::axum::WidgetContext| {
        assert_eq!(ctx.client.as_deref(), Some(client_name));
        ctx.session
    };
    let a = ready(
        tokio::time::timeout(GUARD, app.activity.wait_ready(1))
            .await
            .expect("activity widget ready"),
    );
    let f = ready(
        tokio::time::timeout(GUARD, app.field.wait_ready(1))
            .await
            .expect("field widget ready"),
    );
    let r = ready(
        tokio::time::timeout(GUARD, app.robot.wait_ready(1))
            .await
            .expect("robot widget ready"),
    );

    // The activity draws its layout, then listens: every value change, the
    // link's actions only, and every primary button click.
    let mut blocks = serde_json::Map::new();
    blocks.insert(
        "email".into(),
        json!({"type": "input", "properties": {"value": "", "title": "E-mail"}}),
    );
    blocks.insert(
        "myLink".into(),
        json!({"type": "link", "properties": {"text": "Go", "action": {"type": "layoutEvent", "value": "clicked"}}}),
    );
    let out = app
        .activity
        .send(&a, &act::SetLayout::new(blocks))
        .await
        .unwrap();
    assert_eq!(out, json!([]));
    let layout = box_attr(&c, ACT, "data-layout").await.unwrap_or_default();
    assert!(layout.contains("myLink"), "{layout}");
    let mut changes = app
        .activity
        .subscribe(&a, &act::BindValueChangeCallback::new(None))
        .await
        .unwrap();
    let mut link = app
        .activity
        .subscribe(
            &a,
            &act::BindLayoutEventCallback::new(Some("myLink".to_owned())),
        )
        .await
        .unwrap();
    let mut primary = app
        .activity
        .subscribe(
            &a,
            &act::BindPrimaryButtonClickCallback::new(serde_json::Value::Null),
        )
        .await
        .unwrap();
    // One send on a repeating command is refused, typed.
    assert!(matches!(
        app.activity
            .send(
                &a,
                &act::BindEntityUpdateCallback::new(serde_json::Value::Null)
            )
            .await,
        Err(b24::axum::CommandError::Repeating(_))
    ));
    assert_eq!(
        box_attr(&c, ACT, "data-callbacks").await.as_deref(),
        Some(
            r#"{"bindValueChangeCallback":1,"bindLayoutEventCallback":1,"bindPrimaryButtonClickCallback":1}"#
        )
    );
    for v in ["a", "ab", "ab@example.com"] {
        let body = json!({"placement": ACT, "command": "bindValueChangeCallback",
                          "value": {"id": "email", "value": v}});
        assert_eq!(fire(&emu, body).await, 1);
    }
    let got = take(&mut changes, 3).await;
    assert_eq!(
        got.iter()
            .map(|e| (e.id.as_str(), e.value.as_str()))
            .collect::<Vec<_>>(),
        [("email", "a"), ("email", "ab"), ("email", "ab@example.com")]
    );
    // Bound to one block: another block's action does not reach it.
    let other = json!({"placement": ACT, "command": "bindLayoutEventCallback",
                       "value": {"id": "other", "value": "x"}});
    assert_eq!(fire(&emu, other).await, 0);
    for _ in 0..2 {
        let body = json!({"placement": ACT, "command": "bindLayoutEventCallback",
                          "value": {"id": "myLink", "value": "clicked"}});
        assert_eq!(fire(&emu, body).await, 1);
    }
    let got = take(&mut link, 2).await;
    assert!(
        got.iter().all(|e| e.id == "myLink" && e.value == "clicked"),
        "{got:?}"
    );
    for _ in 0..2 {
        let body = json!({"placement": ACT, "command": "bindPrimaryButtonClickCallback",
                          "value": null});
        assert_eq!(fire(&emu, body).await, 1);
    }
    assert_eq!(take(&mut primary, 2).await.len(), 2);
    // The other commands answer as documented.
    assert_eq!(
        app.activity.send(&a, &act::Lock::new()).await.unwrap(),
        json!([])
    );
    assert_eq!(
        box_attr(&c, ACT, "data-locked").await.as_deref(),
        Some("true")
    );
    app.activity.send(&a, &act::Unlock::new()).await.unwrap();
    assert_eq!(
        box_attr(&c, ACT, "data-locked").await.as_deref(),
        Some("false")
    );
    app.activity.send(&a, &act::Finish::new()).await.unwrap();
    assert_eq!(
        box_attr(&c, ACT, "data-finished").await.as_deref(),
        Some("true")
    );

    // The field: falsy values reach the page as they are and read back.
    for v in [json!(0), json!(null), json!(false), json!(""), json!(42)] {
        app.field
            .send(&f, &uf::SetValue::new(v.clone()))
            .await
            .unwrap();
        assert_eq!(
            box_attr(&c, uf::PLACEMENT, "data-value").await,
            Some(v.to_string()),
            "setValue({v})"
        );
        assert_eq!(app.field.send(&f, &uf::GetValue::new()).await.unwrap(), v);
    }

    // The robot settings: property values into the form.
    let mut props = serde_json::Map::new();
    props.insert("string".into(), json!("test string"));
    props.insert("stringm".into(), json!(["test2", "test3"]));
    app.robot
        .send(&r, &robot::SetPropertyValue::new(props))
        .await
        .unwrap();
    assert_eq!(
        box_attr(&c, robot::PLACEMENT, "data-properties")
            .await
            .as_deref(),
        Some(r#"{"string":"test string","stringm":["test2","test3"]}"#)
    );

    assert_eq!(app.activity.rejected(), 0);
    assert_eq!(app.field.rejected(), 0);
    assert_eq!(app.robot.rejected(), 0);

    // The session closes: its streams end.
    assert!(app.activity.close(&a));
    assert!(futures::StreamExt::next(&mut changes).await.is_none());

    c.close().await.unwrap();
    emu.shutdown().await;
}
