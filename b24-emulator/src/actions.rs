//! What the portal does on its own, outside REST: installing the app, opening placements, outgoing webhooks.

#[allow(unused_imports)]
use super::*;
use crate::state::Placement;
use crate::state::families::PLACEMENTS;
use crate::store::eq;

/// Actions on a running portal that talk to the outside (usable from routes
/// added with [`EmulatorBuilder::routes`], e.g. a portal page that opens
/// placements in an iframe).
impl Portal {
    /// Installs the app for `user_id`: issues tokens and POSTs `ONAPPINSTALL`
    /// to `handler` as the docs show, waiting for the handler's answer.
    pub async fn install(&self, user_id: u64, handler: &str) -> Result<TokenPair, Error> {
        let (pair, form) = {
            let mut st = self.lock();
            st.app_installed = true;
            let scopes = st.app.scopes.clone();
            let pair = self.issue(&mut st, user_id, scopes);
            let ts = (self.clock().unix() as i64).to_string();
            let form = json!({
                "event": "ONAPPINSTALL",
                "event_handler_id": "0",
                "data": {"VERSION": "1", "ACTIVE": "Y", "INSTALLED": "Y", "LANGUAGE_ID": "en"},
                "ts": ts,
                "auth": state::auth_block(&pair, true),
            });
            (pair, form)
        };
        let resp = self.post_now(handler, "ONAPPINSTALL", &form).await?;
        if resp.0 >= 400 {
            return Err(Error::Delivery(format!(
                "install handler answered {}",
                resp.0
            )));
        }
        Ok(pair)
    }

    /// Uninstalls the app: POSTs `ONAPPUNINSTALL` (with the application
    /// token only, as the docs show) to `handler` and marks the app removed.
    pub async fn uninstall(&self, handler: &str) -> Result<(), Error> {
        let form = {
            let mut st = self.lock();
            st.app_installed = false;
            let cfg = self.config();
            json!({
                "event": "ONAPPUNINSTALL",
                "event_handler_id": "0",
                "data": {"LANGUAGE_ID": "en", "CLEAN": "0"},
                "ts": (self.clock().unix() as i64).to_string(),
                "auth": {
                    "domain": cfg.domain,
                    "member_id": cfg.member_id,
                    "application_token": st.app.application_token,
                },
            })
        };
        let resp = self.post_now(handler, "ONAPPUNINSTALL", &form).await?;
        if resp.0 >= 400 {
            return Err(Error::Delivery(format!(
                "uninstall handler answered {}",
                resp.0
            )));
        }
        Ok(())
    }

    /// An employee clicks a phone number in the CRM (click-to-call through
    /// the app's external line): the portal registers an outgoing call, opens
    /// its call card and sends `ONEXTERNALCALLSTART` to the bound handlers.
    /// `crm_entity` (`("CONTACT", 5)`) defaults to the entity found by the
    /// phone number. Returns the `CALL_ID`, which the app then completes with
    /// `telephony.externalCall.finish`.
    pub fn click_to_call(
        &self,
        user_id: u64,
        phone: &str,
        crm_entity: Option<(&str, u64)>,
    ) -> Result<String, Error> {
        let mut st = self.lock();
        handlers::click_to_call(
            self,
            &mut st,
            user_id,
            phone,
            crm_entity.map(|(t, id)| (t.to_owned(), id)),
        )
        .map_err(|e| Error::Rejected(e.description))
    }

    pub(crate) async fn post_now(
        &self,
        url: &str,
        event: &str,
        form: &Value,
    ) -> Result<(u16, String, String), Error> {
        let body = b24_form::encode(form);
        let id = self.lock().record_delivery(url, event, &body);
        let result = deliver::post_form(url, body).await;
        self.lock().delivery_done(
            id,
            result.as_ref().map(|(s, _, _)| *s).map_err(Clone::clone),
        );
        result.map_err(Error::Delivery)
    }

    /// Opens a placement as the portal would: POSTs `DOMAIN`, `PROTOCOL`,
    /// `LANG`, `APP_SID`, `AUTH_ID`, `AUTH_EXPIRES`, `REFRESH_ID`,
    /// `member_id`, `status`, `PLACEMENT` and `PLACEMENT_OPTIONS` (a JSON
    /// string) to the first handler bound to `placement`, for `user_id`.
    pub async fn open_placement(
        &self,
        placement: &str,
        options: &Value,
        user_id: u64,
    ) -> Result<PlacementResponse, Error> {
        let code = placement.to_uppercase();
        let (handler, form) = {
            let mut st = self.lock();
            let handler = st
                .rows::<Placement>(PLACEMENTS, &[eq("PLACEMENT", code.as_str())])
                .into_iter()
                .find(|(_, p)| p.user_id == 0 || p.user_id == user_id)
                .map(|(_, p)| p.handler)
                .ok_or_else(|| Error::NoPlacement(code.clone()))?;
            let scopes = st.app.scopes.clone();
            let pair = self.issue(&mut st, user_id, scopes);
            let sid = st.token(32);
            let cfg = self.config();
            let form = json!({
                "DOMAIN": cfg.domain,
                "PROTOCOL": if cfg.base_url.starts_with("https") { "1" } else { "0" },
                "LANG": cfg.lang,
                "APP_SID": sid,
                "AUTH_ID": pair.access_token,
                "AUTH_EXPIRES": pair.expires_in.to_string(),
                "REFRESH_ID": pair.refresh_token,
                "member_id": pair.member_id,
                "status": pair.status,
                "PLACEMENT": code,
                "PLACEMENT_OPTIONS": options.to_string(),
            });
            (handler, form)
        };
        let (status, content_type, body) = self
            .post_now(&handler, &format!("PLACEMENT:{code}"), &form)
            .await?;
        Ok(PlacementResponse {
            handler,
            form,
            status,
            content_type,
            body,
        })
    }

    /// The placement handlers bound so far.
    pub fn placements(&self) -> Vec<PlacementInfo> {
        self.read()
            .rows::<Placement>(PLACEMENTS, &[])
            .into_iter()
            .map(|(_, p)| PlacementInfo {
                placement: p.placement,
                handler: p.handler,
                title: p.title,
                options: p.options,
                user_id: p.user_id,
            })
            .collect()
    }
}
