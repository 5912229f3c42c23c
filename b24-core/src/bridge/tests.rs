//! The bridge's HTTP contract, against a hand-written event set.

use super::*;
use crate::clock::JumpClock;
use std::sync::Mutex as StdMutex;

#[derive(Debug, Clone, PartialEq)]
enum Ev {
    Close,
    Mute(bool),
}

impl InterfaceEvents for Ev {
    const PLACEMENT: &'static str = "TEST_PLACEMENT";
    const NAMES: &'static [&'static str] = &["T::close", "T::mute"];
    fn decode(name: &str, args: &[Value]) -> Result<Self, DecodeError> {
        match (name, args) {
            ("T::close", []) => Ok(Ev::Close),
            ("T::close", _) => Err(DecodeError::ArgCount {
                event: "T::close",
                got: args.len(),
                min: 0,
                max: 0,
            }),
            ("T::mute", [Value::Bool(b)]) => Ok(Ev::Mute(*b)),
            _ => Err(DecodeError::UnknownEvent {
                set: "TEST_PLACEMENT",
                name: name.into(),
            }),
        }
    }
    fn name(&self) -> &'static str {
        match self {
            Ev::Close => "T::close",
            Ev::Mute(_) => "T::mute",
        }
    }
    fn to_args(&self) -> Vec<Value> {
        match self {
            Ev::Close => vec![],
            Ev::Mute(b) => vec![json!(b)],
        }
    }
}

#[derive(serde::Serialize)]
struct SetMute {
    muted: bool,
}
impl PlacementCommand for SetMute {
    const NAME: &'static str = "SetMute";
    const PLACEMENT: &'static str = "TEST_PLACEMENT";
    type Output = Vec<Value>;
}

struct Fixture {
    base: String,
    http: reqwest::Client,
    bridge: Bridge<Ev>,
    got: Arc<StdMutex<Vec<(Ev, WidgetContext)>>>,
    clock: JumpClock,
}

const FORM: &str = "DOMAIN=127.0.0.1%3A9&PROTOCOL=0&LANG=en&APP_SID=sid&AUTH_ID=tok\
    &AUTH_EXPIRES=3600&REFRESH_ID=r&member_id=m1&status=L&PLACEMENT=TEST_PLACEMENT\
    &PLACEMENT_OPTIONS=%7B%7D";

async fn fixture() -> Fixture {
    let got = Arc::new(StdMutex::new(Vec::new()));
    let clock = JumpClock::new();
    let sink = Arc::clone(&got);
    let bridge = Bridge::<Ev>::builder()
        .secret(b"test")
        .insecure_skip_verification_because("session protocol tests; see tests/hostile_input.rs")
        .ttl(Duration::from_secs(60))
        .clock(Arc::new(clock.clone()))
        .command_timeout(Duration::from_secs(5))
        .user_resolver(|r: PlacementRequest| async move {
            if r.auth_id == "tok" {
                Ok(7)
            } else {
                Err("bad auth".into())
            }
        })
        .on_event(move |ctx, e| {
            let sink = Arc::clone(&sink);
            async move {
                assert_eq!(current().as_ref(), Some(&ctx));
                sink.lock().unwrap().push((e, ctx));
            }
        })
        .build();
    let app = bridge.router("/placement");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Fixture {
        base: format!("http://{addr}/placement"),
        http: reqwest::Client::new(),
        bridge,
        got,
        clock,
    }
}

impl Fixture {
    async fn open(&self, form: &str) -> reqwest::Response {
        self.http
            .post(format!("{}/", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.to_owned())
            .send()
            .await
            .unwrap()
    }
    /// Opens the placement and pulls the token out of the page.
    async fn token(&self) -> String {
        let page = self.open(FORM).await.text().await.unwrap();
        let start = page.find("\"token\":\"").unwrap() + 9;
        page[start..start + page[start..].find('"').unwrap()].to_owned()
    }
    async fn post(&self, path: &str, token: &str, body: Value) -> u16 {
        self.http
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

#[tokio::test]
async fn page_carries_config_and_script() {
    let f = fixture().await;
    let r = f.open(FORM).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("\"portalOrigin\":\"http://127.0.0.1:9\""),
        "{page}"
    );
    assert!(page.contains("\"appSid\":\"sid\""));
    assert!(page.contains("\"subscriptions\":[\"T::close\",\"T::mute\"]"));
    assert!(page.contains("src=\"/placement/bridge.js\""));
    let js = f
        .http
        .get(format!("{}/bridge.js", f.base))
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert!(js.text().await.unwrap().contains("placementBindEvent"));
}

#[tokio::test]
async fn bad_openings_are_refused() {
    let f = fixture().await;
    assert_eq!(f.open("DOMAIN=x").await.status(), 400);
    assert_eq!(
        f.open(&FORM.replace("TEST_PLACEMENT", "OTHER"))
            .await
            .status(),
        400
    );
    assert_eq!(
        f.open(&FORM.replace("AUTH_ID=tok", "AUTH_ID=forged"))
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn events_are_dispatched_typed() {
    let f = fixture().await;
    let t = f.token().await;
    assert_eq!(
        f.post(
            "/events",
            &t,
            json!({"event": "T::mute", "args": [true], "seq": 1})
        )
        .await,
        204
    );
    // b24jssdk delivers an empty reply as "".
    assert_eq!(
        f.post(
            "/events",
            &t,
            json!({"event": "T::close", "args": [""], "seq": 2})
        )
        .await,
        204
    );
    let got = f.got.lock().unwrap().clone();
    assert_eq!(
        got.iter().map(|(e, _)| e.clone()).collect::<Vec<_>>(),
        vec![Ev::Mute(true), Ev::Close]
    );
    assert_eq!(got[0].1.member_id, "m1");
    assert_eq!(got[0].1.user_id, 7);
    assert_eq!(f.bridge.rejected(), 0);
}

#[tokio::test]
async fn forged_expired_replayed_and_bad_posts_are_refused() {
    let f = fixture().await;
    let t = f.token().await;
    let ev = |seq: u64| json!({"event": "T::close", "args": [], "seq": seq});
    // Forged: signed with another key, or no token at all.
    let forged = SessionKey::from_secret(b"guess").issue(&SessionClaims {
        session: "x".into(),
        member_id: "m1".into(),
        user_id: 1,
        placement: "TEST_PLACEMENT".into(),
        expires: u64::MAX,
    });
    assert_eq!(f.post("/events", &forged, ev(1)).await, 401);
    let r = f
        .http
        .post(format!("{}/events", f.base))
        .json(&ev(1))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Valid, then the same post again.
    assert_eq!(f.post("/events", &t, ev(5)).await, 204);
    assert_eq!(f.post("/events", &t, ev(5)).await, 401);
    assert_eq!(f.post("/events", &t, ev(4)).await, 401);
    // Bad bodies.
    assert_eq!(
        f.post(
            "/events",
            &t,
            json!({"event": "T::nope", "args": [], "seq": 6})
        )
        .await,
        400
    );
    assert_eq!(
        f.post(
            "/events",
            &t,
            json!({"event": "T::mute", "args": ["x"], "seq": 7})
        )
        .await,
        400
    );
    assert_eq!(f.post("/events", &t, json!({"nonsense": 1})).await, 400);
    // Expired.
    f.clock.advance(Duration::from_secs(61));
    assert_eq!(f.post("/events", &t, ev(8)).await, 401);
    assert_eq!(f.got.lock().unwrap().len(), 1);
    assert_eq!(f.bridge.rejected(), 8);
}

#[tokio::test]
async fn commands_round_trip() {
    let f = fixture().await;
    let t = f.token().await;
    assert_eq!(
        f.post("/ready", &t, json!({"client": "builtin"})).await,
        204
    );
    let ctx = f.bridge.wait_ready(1).await;
    assert_eq!(ctx.client.as_deref(), Some("builtin"));
    // The widget: poll, run, answer.
    let widget = {
        let (http, base, t) = (f.http.clone(), f.base.clone(), t.clone());
        tokio::spawn(async move {
            let mut seen = Vec::new();
            for _ in 0..2 {
                let cmd: Value = http
                    .get(format!("{base}/commands"))
                    .bearer_auth(&t)
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                seen.push(cmd.clone());
                let answer = if cmd["params"]["muted"] == json!(true) {
                    json!({"id": cmd["id"], "result": []})
                } else {
                    json!({"id": cmd["id"], "noReply": true})
                };
                let r = http
                    .post(format!("{base}/commands/result"))
                    .bearer_auth(&t)
                    .json(&answer)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 204);
            }
            seen
        })
    };
    let out = f
        .bridge
        .send(&ctx.session, &SetMute { muted: true })
        .await
        .unwrap();
    assert!(out.is_empty());
    let e = f
        .bridge
        .send(&ctx.session, &SetMute { muted: false })
        .await
        .unwrap_err();
    assert!(matches!(e, CommandError::NoReply), "{e}");
    let seen = widget.await.unwrap();
    assert_eq!(seen[0]["command"], "SetMute");
    assert_eq!(seen[0]["params"], json!({"muted": true}));
    assert!(matches!(
        f.bridge.send("nope", &SetMute { muted: true }).await,
        Err(CommandError::UnknownSession(_))
    ));
    // A result nobody waits for.
    assert_eq!(
        f.post("/commands/result", &t, json!({"id": 999, "result": []}))
            .await,
        400
    );
}

/// `setValue`-like: the parameter is the value itself.
#[derive(serde::Serialize)]
#[serde(transparent)]
struct SetValue(Value);
impl PlacementCommand for SetValue {
    const NAME: &'static str = "setValue";
    const PLACEMENT: &'static str = "TEST_PLACEMENT";
    type Output = Value;
}

/// `bindValueChangeCallback`-like: `null` or a block id, called back on
/// every change.
#[derive(serde::Serialize)]
#[serde(transparent)]
struct BindChange(Option<String>);
impl PlacementCommand for BindChange {
    const NAME: &'static str = "bindValueChangeCallback";
    const PLACEMENT: &'static str = "TEST_PLACEMENT";
    const REPEATS: bool = true;
    type Output = Change;
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Change {
    id: String,
    value: String,
}

impl Fixture {
    async fn ready_session(&self) -> (String, String) {
        let t = self.token().await;
        assert_eq!(
            self.post("/ready", &t, json!({"client": "builtin"})).await,
            204
        );
        (t, self.bridge.wait_ready(1).await.session)
    }
    async fn next_command(&self, token: &str) -> Value {
        self.http
            .get(format!("{}/commands", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn falsy_parameters_pass_through_unchanged() {
    let f = fixture().await;
    let (t, s) = f.ready_session().await;
    for v in [
        json!(0),
        json!(null),
        json!(""),
        json!(false),
        json!({}),
        json!([]),
    ] {
        let sent = {
            let (bridge, s, v) = (f.bridge.clone(), s.clone(), v.clone());
            tokio::spawn(async move { bridge.send(&s, &SetValue(v)).await })
        };
        let cmd = f.next_command(&t).await;
        assert_eq!(cmd["command"], "setValue");
        assert_eq!(cmd["params"], v, "{cmd}");
        assert_eq!(cmd["repeat"], false);
        // The portal's answer comes back as it is, falsy or not.
        assert_eq!(
            f.post(
                "/commands/result",
                &t,
                json!({"id": cmd["id"], "result": v})
            )
            .await,
            204
        );
        assert_eq!(sent.await.unwrap().unwrap(), v);
    }
    // The rendered script sends them on as they are too.
    assert!(!BRIDGE_JS.contains("params || {}"));
}

#[tokio::test]
async fn repeating_callbacks_arrive_as_a_typed_stream() {
    use futures::StreamExt;
    let f = fixture().await;
    let (t, s) = f.ready_session().await;
    // The wrong entry point for either kind is a typed error.
    assert!(matches!(
        f.bridge.send(&s, &BindChange(None)).await,
        Err(CommandError::Repeating("bindValueChangeCallback"))
    ));
    assert!(matches!(
        f.bridge.subscribe(&s, &SetMute { muted: true }).await,
        Err(CommandError::NotRepeating("SetMute"))
    ));

    let sub = {
        let (bridge, s) = (f.bridge.clone(), s.clone());
        tokio::spawn(async move { bridge.subscribe(&s, &BindChange(None)).await })
    };
    let cmd = f.next_command(&t).await;
    assert_eq!(cmd["params"], json!(null));
    assert_eq!(cmd["repeat"], true);
    let id = cmd["id"].clone();
    assert_eq!(
        f.post("/commands/result", &t, json!({"id": id, "bound": true}))
            .await,
        204
    );
    let mut stream = sub.await.unwrap().unwrap();
    let cb = |seq: u64, v: Value| json!({"id": id, "result": v, "seq": seq});
    for (seq, value) in [(1, "a"), (2, "b"), (3, "c")] {
        assert_eq!(
            f.post(
                "/commands/callback",
                &t,
                cb(seq, json!({"id": "email", "value": value}))
            )
            .await,
            204
        );
    }
    // A replay and an unknown command are refused; a value of the wrong
    // shape arrives as a typed error item.
    assert_eq!(
        f.post("/commands/callback", &t, cb(3, json!({}))).await,
        401
    );
    assert_eq!(
        f.post(
            "/commands/callback",
            &t,
            json!({"id": 999, "result": null, "seq": 4})
        )
        .await,
        400
    );
    assert_eq!(f.post("/commands/callback", &t, cb(5, json!(7))).await, 204);
    let mut got = Vec::new();
    for _ in 0..3 {
        got.push(stream.next().await.unwrap().unwrap().value);
    }
    assert_eq!(got, ["a", "b", "c"]);
    assert!(matches!(
        stream.next().await,
        Some(Err(CommandError::Json(_)))
    ));
    // The app drops the stream: the widget is told to stop.
    drop(stream);
    assert_eq!(
        f.post(
            "/commands/callback",
            &t,
            cb(6, json!({"id": "x", "value": "y"}))
        )
        .await,
        410
    );
    assert_eq!(
        f.post("/commands/callback", &t, cb(7, json!(null))).await,
        400
    );
    assert_eq!(f.bridge.rejected(), 3);

    // A stream ends when its session closes.
    let sub = {
        let (bridge, s) = (f.bridge.clone(), s.clone());
        tokio::spawn(async move {
            bridge
                .subscribe(&s, &BindChange(Some("email".into())))
                .await
        })
    };
    let cmd = f.next_command(&t).await;
    assert_eq!(cmd["params"], "email");
    f.post(
        "/commands/result",
        &t,
        json!({"id": cmd["id"], "bound": true}),
    )
    .await;
    let mut stream = sub.await.unwrap().unwrap();
    assert!(f.bridge.close(&s));
    assert!(stream.next().await.is_none());
    assert!(!f.bridge.close(&s));
}
