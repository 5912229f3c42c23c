//! What to do after a failed attempt.

use std::cell::Cell;
use std::hash::{BuildHasher, RandomState};
use std::time::Duration;

use crate::error::Error;

/// Retry settings: `RetryPolicy::default().base_delay(Duration::from_millis(1))`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after transport and 5xx failures (idempotent calls only).
    pub max_retries: u32,
    /// Retries after `QUERY_LIMIT_EXCEEDED` / `OPERATION_TIME_LIMIT` (the
    /// request did not run, so these are safe for any call).
    pub max_limit_retries: u32,
    /// First backoff.
    pub base_delay: Duration,
    /// Backoff cap.
    pub max_delay: Duration,
    /// Resend non-idempotent calls after a transport failure anyway (they may
    /// then run twice). REST 3.0 calls carry an `Idempotency-Key` and are
    /// retried regardless.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 4,
            max_limit_retries: 40,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Sets [`RetryPolicy::max_retries`](Self::max_retries).
    #[must_use]
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }
    /// Sets [`RetryPolicy::max_limit_retries`](Self::max_limit_retries).
    #[must_use]
    pub fn max_limit_retries(mut self, max_limit_retries: u32) -> Self {
        self.max_limit_retries = max_limit_retries;
        self
    }
    /// Sets [`RetryPolicy::base_delay`](Self::base_delay).
    #[must_use]
    pub fn base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }
    /// Sets [`RetryPolicy::max_delay`](Self::max_delay).
    #[must_use]
    pub fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }
    /// Sets [`RetryPolicy::retry_non_idempotent`](Self::retry_non_idempotent).
    #[must_use]
    pub fn retry_non_idempotent(mut self, retry_non_idempotent: bool) -> Self {
        self.retry_non_idempotent = retry_non_idempotent;
        self
    }

    /// Never retry.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            max_limit_retries: 0,
            ..Self::default()
        }
    }

    /// Jittered exponential backoff for attempt `n` (0-based): uniform in
    /// `[d/2, d]` with `d = min(base * 2^n, max)`. A `Retry-After` wins when
    /// it is longer.
    pub fn backoff(&self, n: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << n.min(20));
        let d = exp.min(self.max_delay);
        let jittered = d.mul_f64(0.5 + 0.5 * unit_random());
        match retry_after {
            Some(r) if r > jittered => r.min(Duration::from_secs(600)),
            _ => jittered,
        }
    }
}

/// The decision after an error.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Decision {
    /// Give up and return the error.
    Fail,
    /// Refresh the OAuth tokens, then resend.
    Refresh,
    /// The rate limit: mark the bucket full, back off, resend.
    RateLimited,
    /// The operating-time limit: wait for the reset, resend.
    OperatingLimited,
    /// A transient failure: back off, resend.
    Transient,
}

/// Classifies `err` for a call that is `idempotent` (or carries an
/// idempotency key). Deterministic errors are never retried.
pub(crate) fn decide(err: &Error, idempotent: bool, oauth: bool, policy: &RetryPolicy) -> Decision {
    let resend_ok = idempotent || policy.retry_non_idempotent || err.request_did_not_run();
    match err {
        Error::ExpiredToken(_) | Error::InvalidToken(_) if oauth => Decision::Refresh,
        Error::QueryLimitExceeded(_) => Decision::RateLimited,
        Error::OperationTimeLimit(_) => Decision::OperatingLimited,
        Error::Transport(_) if resend_ok => Decision::Transient,
        Error::InternalServerError(_) | Error::UnexpectedAnswer(_) if resend_ok => {
            Decision::Transient
        }
        // 5xx without a documented body (502/503/504 from a proxy).
        Error::Http(i) | Error::Decode(i) if resend_ok && matches!(i.status, Some(500..=599)) => {
            Decision::Transient
        }
        _ => Decision::Fail,
    }
}

thread_local! {
    static RNG: Cell<u64> = Cell::new(RandomState::new().hash_one(std::thread::current().id()) | 1);
}

/// A uniform number in `[0, 1)` from a per-thread xorshift64*.
pub(crate) fn unit_random() -> f64 {
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A random `u64` (xorshift64*, randomly seeded per thread).
pub(crate) fn random_u64() -> u64 {
    RNG.with(|c| {
        let mut x = c.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        c.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorInfo;

    fn err(code: &str, status: u16) -> Error {
        Error::from_info(
            ErrorInfo::new("crm.deal.add", "")
                .with_code(code)
                .with_status(status),
        )
    }

    #[test]
    fn backoff_grows_with_jitter_and_honours_retry_after() {
        let p = RetryPolicy::default();
        for n in 0..8 {
            let d = p.backoff(n, None);
            let full = p.base_delay.saturating_mul(1 << n).min(p.max_delay);
            assert!(d >= full / 2 && d <= full, "{n}: {d:?}");
        }
        assert_eq!(
            p.backoff(0, Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
        assert!(p.backoff(3, Some(Duration::from_millis(1))) >= Duration::from_secs(2));
    }

    #[test]
    fn deterministic_errors_are_never_retried() {
        let p = RetryPolicy::default();
        for (code, status) in [
            ("ACCESS_DENIED", 403),
            ("insufficient_scope", 403),
            ("ERROR_CORE", 400),
            ("NOT_FOUND", 404),
            ("ERROR_BATCH_LENGTH_EXCEEDED", 400),
            ("OVERLOAD_LIMIT", 503),
            ("PORTAL_DELETED", 500),
        ] {
            assert_eq!(
                decide(&err(code, status), true, true, &p),
                Decision::Fail,
                "{code}"
            );
        }
        let http404 = Error::Http(Box::new(ErrorInfo::new("m", "").with_status(404)));
        assert_eq!(decide(&http404, true, false, &p), Decision::Fail);
    }

    #[test]
    fn limits_are_retried_even_for_add() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&err("QUERY_LIMIT_EXCEEDED", 503), false, false, &p),
            Decision::RateLimited
        );
        assert_eq!(
            decide(&err("OPERATION_TIME_LIMIT", 429), false, false, &p),
            Decision::OperatingLimited
        );
        assert_eq!(
            decide(&err("expired_token", 401), false, true, &p),
            Decision::Refresh
        );
        assert_eq!(
            decide(&err("expired_token", 401), false, false, &p),
            Decision::Fail,
            "webhooks cannot refresh"
        );
    }

    #[test]
    fn transport_errors_only_for_idempotent_or_unsent() {
        let p = RetryPolicy::default();
        let sent = Error::Transport(Box::new(ErrorInfo::new("crm.deal.add", "timed out")));
        assert_eq!(decide(&sent, false, false, &p), Decision::Fail);
        assert_eq!(decide(&sent, true, false, &p), Decision::Transient);
        let mut unsent = ErrorInfo::new("crm.deal.add", "connect error");
        unsent.not_sent = true;
        assert_eq!(
            decide(&Error::Transport(Box::new(unsent)), false, false, &p),
            Decision::Transient
        );
        let opt_in = RetryPolicy {
            retry_non_idempotent: true,
            ..p.clone()
        };
        assert_eq!(decide(&sent, false, false, &opt_in), Decision::Transient);
        let e500 = err("INTERNAL_SERVER_ERROR", 500);
        assert_eq!(decide(&e500, false, false, &p), Decision::Fail);
        assert_eq!(decide(&e500, true, false, &p), Decision::Transient);
    }
}
