//! The two documented limits: the per-portal leaky bucket (`limits.md`,
//! request intensity) and per-method operating time over ten one-minute
//! baskets.

use std::collections::HashMap;
use std::time::Duration;

/// Leaky bucket: each request adds 1, the level drains at `drain` per second,
/// and a request that would push it past `size` is refused.
#[derive(Debug, Clone)]
pub struct Bucket {
    size: f64,
    drain: f64,
    level: f64,
    last: Duration,
}

impl Bucket {
    /// A bucket of `size` draining at `drain` per second.
    pub fn new(size: u32, drain: f64) -> Bucket {
        Bucket {
            size: f64::from(size),
            drain: if drain.is_finite() && drain > 0.0 {
                drain
            } else {
                0.0
            },
            level: 0.0,
            last: Duration::ZERO,
        }
    }

    /// Counts one request at virtual time `now`; false when refused.
    pub fn hit(&mut self, now: Duration) -> bool {
        let elapsed = now.saturating_sub(self.last).as_secs_f64();
        self.last = self.last.max(now);
        self.level = (self.level - elapsed * self.drain).max(0.0);
        if self.level + 1.0 > self.size {
            return false;
        }
        self.level += 1.0;
        true
    }
}

/// The cloud limit: 480 s per method in 10 minutes.
pub const OPERATING_LIMIT: Duration = Duration::from_secs(480);
const BASKETS: u64 = 10;
const BASKET_SECS: u64 = 60;

/// Operating time per (app or webhook, method), in one-minute baskets.
#[derive(Debug, Default)]
pub struct Operating {
    /// (principal, method) → (basket minute, seconds) oldest first.
    spent: HashMap<(String, String), Vec<(u64, f64)>>,
    /// The limit in force.
    pub limit: Option<Duration>,
}

/// What a method has spent, for the `time` block.
#[derive(Debug, Clone, Copy)]
pub struct Spent {
    /// Seconds accumulated in the window.
    pub operating: f64,
    /// Unix time when the oldest basket leaves the window.
    pub reset_at: i64,
}

impl Operating {
    /// An empty window with a limit (`None`: 480 s).
    pub fn new(limit: Option<Duration>) -> Operating {
        Operating {
            spent: HashMap::new(),
            limit,
        }
    }

    fn window(&mut self, key: &(String, String), unix: f64) -> (&mut Vec<(u64, f64)>, u64) {
        let minute = (unix.max(0.0) as u64) / BASKET_SECS;
        let baskets = self.spent.entry(key.clone()).or_default();
        baskets.retain(|(m, _)| m + BASKETS > minute);
        (baskets, minute)
    }

    /// What the method has spent in the window ending at `unix`.
    pub fn spent(&mut self, principal: &str, method: &str, unix: f64) -> Spent {
        let key = (principal.to_owned(), method.to_owned());
        let (baskets, minute) = self.window(&key, unix);
        let operating = baskets.iter().map(|(_, s)| s).sum();
        let oldest = baskets.first().map(|(m, _)| *m).unwrap_or(minute);
        Spent {
            operating,
            reset_at: ((oldest + BASKETS) * BASKET_SECS) as i64,
        }
    }

    /// True when the method is blocked (its sum already exceeds the limit).
    pub fn blocked(&mut self, principal: &str, method: &str, unix: f64) -> bool {
        let limit = self.limit.unwrap_or(OPERATING_LIMIT).as_secs_f64();
        self.spent(principal, method, unix).operating > limit
    }

    /// Adds a call's cost.
    pub fn add(&mut self, principal: &str, method: &str, unix: f64, secs: f64) -> Spent {
        let key = (principal.to_owned(), method.to_owned());
        let (baskets, minute) = self.window(&key, unix);
        match baskets.last_mut() {
            Some((m, s)) if *m == minute => *s += secs,
            _ => baskets.push((minute, secs)),
        }
        self.spent(principal, method, unix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_drains() {
        let mut b = Bucket::new(50, 2.0);
        let t0 = Duration::from_secs(100);
        assert!((0..50).all(|_| b.hit(t0)));
        assert!(!b.hit(t0));
        assert!(b.hit(t0 + Duration::from_millis(500)));
        assert!(!b.hit(t0 + Duration::from_millis(500)));
        assert!((0..20).all(|_| b.hit(t0 + Duration::from_secs(11))));
    }

    #[test]
    fn operating_window() {
        let mut o = Operating::default();
        let t = 6000.0;
        o.add("app", "crm.deal.list", t, 300.0);
        assert!(!o.blocked("app", "crm.deal.list", t));
        o.add("app", "crm.deal.list", t + 61.0, 200.0);
        assert!(o.blocked("app", "crm.deal.list", t + 62.0));
        assert!(!o.blocked("app", "crm.deal.get", t + 62.0));
        assert!(!o.blocked("hook", "crm.deal.list", t + 62.0));
        let s = o.spent("app", "crm.deal.list", t + 62.0);
        assert_eq!(s.reset_at, 6600);
        assert!(!o.blocked("app", "crm.deal.list", 6600.0));
    }
}
