//! Proof that a delivery came from the portal: the `application_token` sent
//! with ONAPPINSTALL, kept per portal and compared in constant time.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, RwLock};

use futures::future::BoxFuture;

use crate::auth::{Secret, TokenStore, Tokens};
use crate::events::delivery::EventDelivery;

/// An error from an [`InstallStore`] or an [`InstallCheck`].
pub type StoreError = Box<dyn std::error::Error + Send + Sync>;

/// Compares two byte strings without an early exit, so the time taken does
/// not tell how many leading bytes of a guessed token were right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    // The length is not secret (tokens have a fixed length); the content is.
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x ^ y;
    }
    std::hint::black_box(diff) == 0
}

/// What ONAPPINSTALL told us about one portal.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Installation {
    /// The portal's `member_id`.
    pub member_id: String,
    /// The portal's domain.
    pub domain: String,
    /// The token every later delivery from this portal must carry.
    pub application_token: Secret,
    /// The installing user's OAuth tokens, when the event carried them.
    pub tokens: Option<Tokens>,
}

impl Installation {
    /// An installation with no OAuth tokens.
    pub fn new(
        member_id: impl Into<String>,
        domain: impl Into<String>,
        application_token: impl Into<Secret>,
    ) -> Self {
        Self {
            member_id: member_id.into(),
            domain: domain.into(),
            application_token: application_token.into(),
            tokens: None,
        }
    }
}

/// Where application tokens live, one per portal (`member_id`). Implement
/// it over a database to survive restarts; [`MemoryInstallStore`] is the
/// in-memory default.
pub trait InstallStore: Send + Sync + 'static {
    /// The application token stored for portal `member_id`, if the app is
    /// installed there. Called for every delivery: keep it cheap.
    fn application_token<'a>(
        &'a self,
        member_id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Secret>, StoreError>>;
    /// Keeps an installation (replacing an older one of the same portal).
    fn save(&self, install: Installation) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Forgets portal `member_id` and its OAuth tokens (after ONAPPUNINSTALL).
    fn remove<'a>(&'a self, member_id: &'a str) -> BoxFuture<'a, Result<(), StoreError>>;
}

/// Installations in memory. With [`MemoryInstallStore::with_token_store`],
/// the OAuth tokens of each install are also saved to a client's
/// [`TokenStore`], so a client built on that store can call the portal.
#[derive(Default)]
pub struct MemoryInstallStore {
    map: RwLock<HashMap<String, Installation>>,
    tokens: Option<Arc<dyn TokenStore>>,
}

impl fmt::Debug for MemoryInstallStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.map.read().map(|m| m.len()).unwrap_or(0);
        f.debug_struct("MemoryInstallStore")
            .field("portals", &n)
            .finish_non_exhaustive()
    }
}

impl MemoryInstallStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that also saves installed OAuth tokens to `tokens`.
    pub fn with_token_store(tokens: Arc<dyn TokenStore>) -> Self {
        Self {
            map: RwLock::default(),
            tokens: Some(tokens),
        }
    }

    /// Adds an installation directly: an app that kept its token elsewhere,
    /// or an outgoing webhook, whose "Application Token" the portal shows in
    /// its UI instead of sending ONAPPINSTALL.
    pub fn insert(&self, install: Installation) {
        if let Ok(mut m) = self.map.write() {
            m.insert(install.member_id.clone(), install);
        }
    }

    /// The installation of `member_id`, if any.
    pub fn installation(&self, member_id: &str) -> Option<Installation> {
        self.map.read().ok()?.get(member_id).cloned()
    }

    /// The `member_id` of every installed portal.
    pub fn member_ids(&self) -> Vec<String> {
        self.map
            .read()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// How many portals are installed.
    pub fn len(&self) -> usize {
        self.map.read().map(|m| m.len()).unwrap_or(0)
    }

    /// Whether no portal is installed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl InstallStore for MemoryInstallStore {
    fn application_token<'a>(
        &'a self,
        member_id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Secret>, StoreError>> {
        let found = self
            .map
            .read()
            .ok()
            .and_then(|m| m.get(member_id).map(|i| i.application_token.clone()));
        Box::pin(async move { Ok(found) })
    }

    fn save(&self, install: Installation) -> BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            if let (Some(store), Some(t)) = (&self.tokens, &install.tokens) {
                store
                    .save(t.clone())
                    .await
                    .map_err(|e| Box::new(e) as StoreError)?;
            }
            self.insert(install);
            Ok(())
        })
    }

    fn remove<'a>(&'a self, member_id: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        if let Ok(mut m) = self.map.write() {
            m.remove(member_id);
        }
        Box::pin(async move {
            if let Some(store) = &self.tokens {
                store
                    .forget(member_id)
                    .await
                    .map_err(|e| Box::new(e) as StoreError)?;
            }
            Ok(())
        })
    }
}

impl<S: InstallStore + ?Sized> InstallStore for Arc<S> {
    fn application_token<'a>(
        &'a self,
        member_id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Secret>, StoreError>> {
        (**self).application_token(member_id)
    }
    fn save(&self, install: Installation) -> BoxFuture<'_, Result<(), StoreError>> {
        (**self).save(install)
    }
    fn remove<'a>(&'a self, member_id: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        (**self).remove(member_id)
    }
}

/// An extra check of an ONAPPINSTALL delivery, run after the authorization
/// server verified it (see [`AuthServer`](crate::events::AuthServer)), e.g.
/// a list of portals the app may be installed on.
pub trait InstallCheck: Send + Sync + 'static {
    /// `Ok(())` to trust the delivery; `Err` to refuse it (answered 401).
    fn check<'a>(&'a self, delivery: &'a EventDelivery) -> BoxFuture<'a, Result<(), StoreError>>;
}

impl<F> InstallCheck for F
where
    F: for<'a> Fn(&'a EventDelivery) -> BoxFuture<'a, Result<(), StoreError>>
        + Send
        + Sync
        + 'static,
{
    fn check<'a>(&'a self, delivery: &'a EventDelivery) -> BoxFuture<'a, Result<(), StoreError>> {
        self(delivery)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_compares() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(constant_time_eq(b"", b""));
    }
}
