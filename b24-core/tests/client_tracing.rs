//! Every REST call attempt is a `b24_call` span with method, portal,
//! attempt, status and duration, and no token or webhook code ever reaches
//! a subscriber.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use b24_core::{Client, MemoryTokenStore, OAuthCredentials, Tokens};
use b24_emulator::Emulator;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// What the capturing subscriber saw: each span's name and fields, and
/// every event's fields.
#[derive(Default)]
struct Seen {
    spans: BTreeMap<u64, (String, BTreeMap<String, String>)>,
    events: Vec<BTreeMap<String, String>>,
}

#[derive(Clone, Default)]
struct Capture {
    seen: Arc<Mutex<Seen>>,
    next: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let mut fields = BTreeMap::new();
        attrs.record(&mut Fields(&mut fields));
        let name = attrs.metadata().name().to_owned();
        self.seen.lock().unwrap().spans.insert(id, (name, fields));
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some((_, f)) = self.seen.lock().unwrap().spans.get_mut(&span.into_u64()) {
            values.record(&mut Fields(f));
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.seen.lock().unwrap().events.push(fields);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn each_call_is_a_span_without_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (secrets, domain) = rt.block_on(async {
        let emu = Emulator::builder()
            .webhook(1, "w3bh00kc0de5ecret", &["crm", "user"])
            .seed_deals(3)
            .start()
            .await
            .unwrap();
        let hook = emu.webhook_url();
        let webhook = Client::from_webhook(&hook).unwrap();
        webhook.raw("crm.deal.list").send().await.unwrap();
        // An unknown method: a failed attempt is a span too.
        assert!(webhook.raw("no.such.method").send().await.is_err());

        let pair = emu.authorize(1, &[]);
        let app = emu.oauth_app();
        let tokens = Tokens::from_oauth_response(&serde_json::to_value(&pair).unwrap(), 0.0)
            .expect("token response");
        let oauth = Client::builder()
            .oauth(
                OAuthCredentials::new(app.client_id, app.client_secret.clone()),
                MemoryTokenStore::new(tokens),
            )
            .oauth_token_url(app.token_endpoint)
            .build()
            .unwrap();
        oauth.raw("user.current").send().await.unwrap();
        let code = hook
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned();
        (
            vec![
                code,
                pair.access_token,
                pair.refresh_token,
                pair.application_token,
                app.client_secret,
            ],
            pair.domain,
        )
    });
    let seen = capture.seen.lock().unwrap();
    let calls: Vec<&BTreeMap<String, String>> = seen
        .spans
        .values()
        .filter(|(n, _)| n == "b24_call")
        .map(|(_, f)| f)
        .collect();
    assert_eq!(calls.len(), 3, "{calls:?}");
    for f in &calls {
        for k in ["method", "portal", "attempt", "status", "duration_ms"] {
            assert!(f.contains_key(k), "{k} missing in {f:?}");
        }
        assert_eq!(f["portal"], domain, "{f:?}");
    }
    let methods: Vec<&str> = calls.iter().map(|f| f["method"].as_str()).collect();
    assert_eq!(methods, ["crm.deal.list", "no.such.method", "user.current"]);
    assert_eq!(calls[0]["status"], "200");
    assert_eq!(calls[0]["attempt"], "1");
    assert!(calls[1].contains_key("error"), "{:?}", calls[1]);

    // No secret in any field of any span or event.
    let everything: Vec<&String> = seen
        .spans
        .values()
        .flat_map(|(_, f)| f.values())
        .chain(seen.events.iter().flat_map(|f| f.values()))
        .collect();
    assert!(!everything.is_empty());
    for secret in &secrets {
        assert!(secret.len() >= 8, "{secret}");
        for v in &everything {
            assert!(!v.contains(secret.as_str()), "a secret leaked: {v}");
        }
    }
}
