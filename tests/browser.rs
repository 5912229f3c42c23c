//! End to end in headless Chromium: the emulator's portal page hosts the
//! app's PAGE_BACKGROUND_WORKER handler (the widget bridge) in an iframe; the
//! test clicks every call-card button and checks that the Rust handler got
//! each typed event with its documented payload, that commands from the
//! server change the card, and that a forged event POST is refused.
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

struct Run {
    c: Client,
    demo: demo::Demo,
}

impl Run {
    async fn click(&self, id: &str) {
        self.c
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click #{id}: {e}"));
    }
    fn events(&self) -> Vec<Event> {
        self.demo.app.events.lock().unwrap().clone()
    }
    /// Waits until the handler has received `n` events.
    async fn wait_events(&self, n: usize) -> Vec<Event> {
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
    async fn click_event(&self, id: &str) -> Event {
        let n = self.events().len();
        self.click(id).await;
        let e = self.wait_events(n + 1).await;
        assert_eq!(e.len(), n + 1, "no event after clicking #{id}");
        e[n].clone()
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
    ) -> Result<C::Output, b24::bridge::CommandError> {
        self.demo.bridge.send(session, &cmd).await
    }
}

async fn run(jssdk: Option<String>) {
    let client_name = if jssdk.is_some() {
        "b24jssdk"
    } else {
        "builtin"
    };
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
    assert_eq!(init.call_direction, pbw::CallDirection::Incoming);
    let Event::EntityChanged(ent) = &e[1] else {
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
            pbw::CallCardSetUiState::new(pbw::UiState::Unknown("nope".into())),
        )
        .await
        .unwrap();
    assert_eq!(bad.len(), 1, "{bad:?}");

    // incoming
    assert_eq!(r.click_event("btn-answer").await, Event::AnswerButtonClick);
    assert_eq!(r.click_event("btn-skip").await, Event::SkipButtonClick);
    // outgoing
    r.send(&s, pbw::CallCardSetUiState::new(pbw::UiState::Outgoing))
        .await
        .unwrap();
    assert_eq!(
        r.click_event("btn-make-call").await,
        Event::MakeCallButtonClick
    );
    // connected
    r.send(
        &s,
        pbw::CallCardSetUiState::new(pbw::UiState::Connected).disable_auto_start_timer(true),
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
        (t.phone_number.as_str(), t.target.as_str()),
        ("+19001234567", "12")
    );
    // The timer commands never call back in the browser.
    assert!(matches!(
        r.send(&s, pbw::CallCardStartTimer::new()).await,
        Err(b24::bridge::CommandError::NoReply)
    ));
    assert_eq!(
        r.attr("card-timer", "data-running").await.as_deref(),
        Some("true")
    );
    assert!(matches!(
        r.send(&s, pbw::CallCardStopTimer::new()).await,
        Err(b24::bridge::CommandError::NoReply)
    ));
    assert_eq!(
        r.attr("card-timer", "data-running").await.as_deref(),
        Some("false")
    );
    assert_eq!(r.click_event("btn-hangup").await, Event::HangupButtonClick);
    // transferring
    r.send(&s, pbw::CallCardSetUiState::new(pbw::UiState::Transferring))
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
    r.send(&s, pbw::CallCardSetUiState::new(pbw::UiState::MoneyError))
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

    // A forged event POST is refused and never dispatched.
    let n = r.events().len();
    let forged =
        b24::bridge::SessionKey::from_secret(b"guess").issue(&b24::bridge::SessionClaims {
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

fn have_browser() -> bool {
    for p in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(p).exists() {
            return !missing(p);
        }
    }
    true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_card_end_to_end_builtin_frame_client() {
    if !have_browser() {
        return;
    }
    run(None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_card_end_to_end_with_b24jssdk() {
    if !have_browser() {
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(JSSDK);
    let Ok(js) = std::fs::read_to_string(&path) else {
        missing(&path.display().to_string());
        return;
    };
    run(Some(js)).await;
}
