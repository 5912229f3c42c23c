//! Tokens the portal issues and the requests it sends: OAuth pairs, event
//! deliveries to bound handlers, offline events and outgoing webhooks.

use serde_json::{Value, json};

use super::families::{EVENT_HANDLERS, OFFLINE_EVENTS};
use super::*;
use crate::clock::iso8601;
use crate::store::eq;

/// Deliveries kept.
const MAX_DELIVERIES: usize = 100_000;

impl State {
    /// Records a POST about to be made and returns its id; the oldest
    /// records go past [`MAX_DELIVERIES`].
    pub(crate) fn record_delivery(&mut self, url: &str, event: &str, body: &str) -> u64 {
        let id = self.next_seq();
        if self.deliveries.len() >= MAX_DELIVERIES {
            self.deliveries.pop_front();
        }
        self.deliveries.push_back(Delivery {
            id,
            url: url.to_owned(),
            event: event.to_owned(),
            body: body.to_owned(),
            status: None,
            error: None,
        });
        id
    }

    /// Notes how the POST `id` went: the handler's status or the transport
    /// error. Recent deliveries sit at the back, so the search starts there.
    pub(crate) fn delivery_done(&mut self, id: u64, result: Result<u16, String>) {
        if let Some(d) = self.deliveries.iter_mut().rev().find(|d| d.id == id) {
            match result {
                Ok(status) => d.status = Some(status),
                Err(e) => d.error = Some(e),
            }
        }
    }
}

impl Portal {
    /// Issues a token pair for `user_id` with `scopes` (empty: the app's).
    pub fn authorize(&self, user_id: u64, scopes: &[&str]) -> TokenPair {
        let mut st = self.lock();
        let scopes: Vec<String> = if scopes.is_empty() {
            st.app.scopes.clone()
        } else {
            scopes.iter().map(|s| (*s).to_owned()).collect()
        };
        st.app_installed = true;
        self.issue(&mut st, user_id, scopes)
    }

    pub(crate) fn issue(&self, st: &mut State, user_id: u64, scopes: Vec<String>) -> TokenPair {
        let now = self.shared.clock.unix();
        let lifetime = self.shared.config.token_lifetime;
        let access_token = st.token(32);
        let refresh_token = st.token(32);
        st.access.insert(
            access_token.clone(),
            AccessToken {
                user_id,
                scopes: scopes.clone(),
                expires: now + lifetime.as_secs_f64(),
            },
        );
        st.refresh.insert(
            refresh_token.clone(),
            RefreshToken {
                user_id,
                scopes: scopes.clone(),
                expires: now + 180.0 * 86_400.0,
            },
        );
        let cfg = &self.shared.config;
        TokenPair {
            access_token,
            refresh_token,
            expires_in: lifetime.as_secs(),
            expires: (now + lifetime.as_secs_f64()) as i64,
            member_id: cfg.member_id.clone(),
            domain: cfg.domain.clone(),
            client_endpoint: format!("{}/rest/", cfg.base_url),
            server_endpoint: format!("{}/rest/", cfg.base_url),
            application_token: st.app.application_token.clone(),
            scope: scopes.join(","),
            user_id,
            status: "L".into(),
        }
    }

    /// Queues a form POST and records it as a delivery.
    pub(crate) fn post(&self, st: &mut State, url: &str, event: &str, form: &Value) -> u64 {
        let body = b24_form::encode(form);
        let id = st.record_delivery(url, event, &body);
        // The worker lives as long as the portal; a send error means shutdown.
        let _ = self.shared.outbox.send(Outgoing {
            delivery_id: id,
            url: url.to_owned(),
            body,
        });
        id
    }

    /// The `auth` block of an event sent to the app on behalf of `user_id`.
    pub(crate) fn event_auth(&self, st: &mut State, user_id: u64, with_refresh: bool) -> Value {
        let scopes = st.app.scopes.clone();
        let pair = self.issue(st, user_id, scopes);
        auth_block(&pair, with_refresh)
    }

    /// Sends `event` to every handler bound to it, queues it for offline
    /// handlers, and to outgoing webhooks.
    pub(crate) fn emit(&self, st: &mut State, event: &str, data: Value, user_id: u64) {
        let event = event.to_uppercase();
        let ts = (self.shared.clock.unix() as i64).to_string();
        let bound: Vec<(u64, EventHandler)> =
            st.rows(EVENT_HANDLERS, &[eq("EVENT", event.as_str())]);
        for (id, h) in bound.iter().filter(|(_, h)| !h.offline) {
            let as_user = if h.auth_type > 0 {
                h.auth_type
            } else {
                user_id
            };
            let auth = self.event_auth(st, as_user, false);
            let form = json!({
                "event": event,
                "event_handler_id": id.to_string(),
                "data": data,
                "ts": ts,
                "auth": auth,
            });
            self.post(st, &h.handler, &event, &form);
        }
        let offline: Vec<&EventHandler> =
            bound.iter().map(|(_, h)| h).filter(|h| h.offline).collect();
        let waiting = [eq("PROCESS_ID", "")];
        // Only asked when the event goes to the queue (a scan of it).
        let was_empty = offline.is_empty() || st.family(OFFLINE_EVENTS).ids(&waiting).is_empty();
        let at = iso8601(self.shared.clock.unix() as i64);
        for h in &offline {
            let message_id = st.token(32);
            let queued = json!({
                "TIMESTAMP_X": at, "EVENT_NAME": event, "EVENT_DATA": data,
                "EVENT_ADDITIONAL": {"user_id": "1"}, "MESSAGE_ID": message_id,
                "PROCESS_ID": "", "ERROR": "0", "CONNECTOR_ID": h.connector,
            });
            st.insert(OFFLINE_EVENTS, &queued);
        }
        if !offline.is_empty() && was_empty && event != "ONOFFLINEEVENT" {
            // onOfflineEvent tells the app that the queue has something.
            self.emit(st, "ONOFFLINEEVENT", json!({"timestamp": ts}), user_id);
        }
        let hooks: Vec<OutgoingWebhook> = st
            .outgoing
            .iter()
            .filter(|o| o.events.contains(&event))
            .cloned()
            .collect();
        let cfg = &self.shared.config;
        for o in hooks {
            let form = json!({
                "event": event,
                "event_handler_id": o.id.to_string(),
                "data": data,
                "ts": ts,
                "auth": {
                    "domain": cfg.domain,
                    "client_endpoint": format!("{}/rest/", cfg.base_url),
                    "server_endpoint": format!("{}/rest/", cfg.base_url),
                    "member_id": cfg.member_id,
                    "application_token": o.application_token,
                },
            });
            self.post(st, &o.url, &event, &form);
        }
    }
}
