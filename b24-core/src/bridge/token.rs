//! The session token: issued when the placement page opens, carried by every
//! forwarded event. An HMAC-SHA256 over the claims, so the server keeps no
//! per-token secret and a forged or edited token fails the MAC check.

use aws_lc_rs::hmac;
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};

/// What a session token says: who opened which placement, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionClaims {
    /// Random session ID (hex), unique per placement opening.
    #[serde(rename = "sid")]
    pub session: String,
    /// The portal's `member_id`.
    #[serde(rename = "mid")]
    pub member_id: String,
    /// The user the placement was opened for (0 when not resolved).
    #[serde(rename = "uid")]
    pub user_id: u64,
    /// The placement code.
    #[serde(rename = "plc")]
    pub placement: String,
    /// Unix seconds after which the token is refused.
    #[serde(rename = "exp")]
    pub expires: u64,
}

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// Not `v1.<hex>.<hex>`, or the payload is not the claims JSON.
    #[error("malformed session token")]
    Malformed,
    /// The MAC does not match: forged or altered.
    #[error("session token signature mismatch")]
    BadSignature,
    /// Past its `exp`.
    #[error("session token expired at {0}")]
    Expired(u64),
}

/// Signs and checks session tokens.
#[derive(Clone)]
pub struct SessionKey {
    key: hmac::Key,
}

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(..)")
    }
}

impl SessionKey {
    /// A key from the app's secret (keep it stable across restarts if tokens
    /// must survive them).
    pub fn from_secret(secret: &[u8]) -> Self {
        Self {
            key: hmac::Key::new(hmac::HMAC_SHA256, secret),
        }
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        Self::from_secret(&random_bytes::<32>())
    }

    /// Signs `claims`: `v1.<hex(json)>.<hex(mac)>`.
    pub fn issue(&self, claims: &SessionClaims) -> String {
        // Serializing a struct of strings and integers cannot fail.
        let payload = serde_json::to_vec(claims).unwrap_or_default();
        let tag = hmac::sign(&self.key, &payload);
        format!("v1.{}.{}", hex(&payload), hex(tag.as_ref()))
    }

    /// Checks the MAC (in constant time) and the expiry against `now` (Unix
    /// seconds).
    pub fn verify(&self, token: &str, now: u64) -> Result<SessionClaims, TokenError> {
        let mut parts = token.split('.');
        let (Some("v1"), Some(p), Some(t), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let payload = unhex(p).ok_or(TokenError::Malformed)?;
        let tag = unhex(t).ok_or(TokenError::Malformed)?;
        hmac::verify(&self.key, &payload, &tag).map_err(|_| TokenError::BadSignature)?;
        let claims: SessionClaims =
            serde_json::from_slice(&payload).map_err(|_| TokenError::Malformed)?;
        if now >= claims.expires {
            return Err(TokenError::Expired(claims.expires));
        }
        Ok(claims)
    }
}

/// `N` bytes from the system's secure random source.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // The system source only fails when the OS has no entropy at all; a zero
    // key would then be worse than stopping.
    SystemRandom::new()
        .fill(&mut b)
        .expect("system random source");
    b
}

pub(crate) fn hex(b: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push(D[(x >> 4) as usize] as char);
        s.push(D[(x & 15) as usize] as char);
    }
    s
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > 8192 {
        return None;
    }
    let v = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    s.as_bytes()
        .chunks(2)
        .map(|p| Some(v(p[0])? << 4 | v(p[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> SessionClaims {
        SessionClaims {
            session: "abc".into(),
            member_id: "m1".into(),
            user_id: 7,
            placement: "PAGE_BACKGROUND_WORKER".into(),
            expires: 1000,
        }
    }

    #[test]
    fn round_trip() {
        let k = SessionKey::from_secret(b"s");
        let t = k.issue(&claims());
        assert_eq!(k.verify(&t, 999).unwrap(), claims());
    }

    #[test]
    fn expired() {
        let k = SessionKey::from_secret(b"s");
        let t = k.issue(&claims());
        assert_eq!(k.verify(&t, 1000), Err(TokenError::Expired(1000)));
    }

    #[test]
    fn forged() {
        let k = SessionKey::from_secret(b"s");
        // Signed with another key.
        let t = SessionKey::from_secret(b"other").issue(&claims());
        assert_eq!(k.verify(&t, 0), Err(TokenError::BadSignature));
        // Claims edited (user 7 -> 1) with the old MAC.
        let good = k.issue(&claims());
        let mut c = claims();
        c.user_id = 1;
        let edited = format!(
            "v1.{}.{}",
            hex(&serde_json::to_vec(&c).unwrap()),
            good.rsplit('.').next().unwrap()
        );
        assert_eq!(k.verify(&edited, 0), Err(TokenError::BadSignature));
        for bad in ["", "v1", "v1.zz.zz", "v2.00.00", "v1.00.00.00", "v1.0.00"] {
            assert!(k.verify(bad, 0).is_err(), "{bad}");
        }
    }

    #[test]
    fn random_keys_differ() {
        let t1 = SessionKey::generate().issue(&claims());
        let t2 = SessionKey::generate().issue(&claims());
        assert_ne!(t1, t2);
    }
}
