//! Client-side limits: the portal's leaky bucket, per-method operating-time
//! budgets and adaptive concurrency. One [`Limiter`] per portal is shared by
//! every [`Client`](crate::Client) of the process (the portal counts requests
//! per source IP, so two clients that each respect the bucket alone would
//! still overrun it together).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, Weak};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::clock::{SystemClock, TimeSource};

mod config;

pub use config::{BucketConfig, LimitsConfig};

/// A leaky bucket that hands out reservations: each request adds 1 at once
/// and learns how long to wait, so concurrent callers queue in order instead
/// of waking together and racing (no thundering herd).
#[derive(Debug)]
pub struct LeakyBucket {
    config: BucketConfig,
    state: Mutex<BucketState>,
}

#[derive(Debug)]
struct BucketState {
    level: f64,
    at: Duration,
}

impl LeakyBucket {
    /// An empty bucket.
    pub fn new(config: BucketConfig) -> Self {
        Self {
            config,
            state: Mutex::new(BucketState {
                level: 0.0,
                at: Duration::ZERO,
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> BucketConfig {
        self.config
    }

    fn drain(&self, s: &mut BucketState, now: Duration) {
        if now > s.at {
            let drained = (now - s.at).as_secs_f64() * self.config.drain_per_sec;
            s.level = (s.level - drained).max(0.0);
            s.at = now;
        }
    }

    /// Reserves one request at `now`; returns how long to wait before sending.
    pub fn reserve(&self, now: Duration) -> Duration {
        if !self.config.capacity.is_finite() {
            return Duration::ZERO;
        }
        let Ok(mut s) = self.state.lock() else {
            return Duration::ZERO;
        };
        self.drain(&mut s, now);
        let over = s.level + 1.0 - self.config.capacity;
        s.level += 1.0;
        if over <= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(over / self.config.drain_per_sec)
        }
    }

    /// The server refused a request as over the limit: our counter was too
    /// low (another process shares the IP, or clocks differ), so treat the
    /// bucket as full from now on.
    pub fn on_rejected(&self, now: Duration) {
        if !self.config.capacity.is_finite() {
            return;
        }
        let Ok(mut s) = self.state.lock() else { return };
        self.drain(&mut s, now);
        s.level = s.level.max(self.config.capacity);
    }

    /// The current counter value (including reservations not yet due).
    pub fn level(&self, now: Duration) -> f64 {
        let Ok(mut s) = self.state.lock() else {
            return 0.0;
        };
        self.drain(&mut s, now);
        s.level
    }
}

/// Per-method operating-time budget, fed from `time.operating`.
#[derive(Debug, Default)]
pub struct OperatingBudget {
    methods: Mutex<HashMap<String, MethodBudget>>,
}

#[derive(Debug, Default, Clone, Copy)]
struct MethodBudget {
    operating: f64,
    reset_at: Option<f64>,
    blocked_until: Option<f64>,
}

impl OperatingBudget {
    /// Records a response's `time.operating` and `time.operating_reset_at`
    /// for `method`; blocks the method until the reset when it is within
    /// `margin` of `limit`.
    pub fn record(
        &self,
        method: &str,
        operating: Option<f64>,
        reset_at: Option<f64>,
        limit: f64,
        margin: f64,
    ) {
        if method == "batch" || (operating.is_none() && reset_at.is_none()) {
            return;
        }
        let Ok(mut m) = self.methods.lock() else {
            return;
        };
        let b = m.entry(method.to_owned()).or_default();
        if let Some(op) = operating {
            b.operating = op;
        }
        if reset_at.is_some() {
            b.reset_at = reset_at;
        }
        if b.operating >= limit - margin {
            b.blocked_until = b.reset_at;
        }
    }

    /// The server answered `OPERATION_TIME_LIMIT`: block until the reset it
    /// named, else the last known reset, else one basket (60 s) from now.
    pub fn on_limit(&self, method: &str, reset_at: Option<f64>, unix_now: f64) -> f64 {
        let Ok(mut m) = self.methods.lock() else {
            return unix_now + 60.0;
        };
        let b = m.entry(method.to_owned()).or_default();
        let until = reset_at
            .filter(|r| *r > unix_now)
            .or(b.reset_at.filter(|r| *r > unix_now))
            .unwrap_or(unix_now + 60.0);
        b.blocked_until = Some(until);
        b.reset_at = None;
        until
    }

    /// How long `method` must wait at `unix_now`.
    pub fn wait(&self, method: &str, unix_now: f64) -> Duration {
        let Ok(mut m) = self.methods.lock() else {
            return Duration::ZERO;
        };
        let Some(b) = m.get_mut(method) else {
            return Duration::ZERO;
        };
        match b.blocked_until {
            Some(t) if t > unix_now => Duration::from_secs_f64((t - unix_now).min(600.0)),
            Some(_) => {
                // The basket dropped out; the next response will tell the new sum.
                b.blocked_until = None;
                b.operating = 0.0;
                Duration::ZERO
            }
            None => Duration::ZERO,
        }
    }

    /// The last `operating` seen for `method`.
    pub fn operating(&self, method: &str) -> Option<f64> {
        self.methods.lock().ok()?.get(method).map(|b| b.operating)
    }
}

/// An AIMD concurrency limit: +1 after a window of successes, halved on
/// overload (503, transport failure), at most once per second.
#[derive(Debug)]
pub struct AdaptiveConcurrency {
    sem: Arc<Semaphore>,
    state: Mutex<AcState>,
    min: usize,
    max: usize,
}

#[derive(Debug)]
struct AcState {
    limit: usize,
    /// Permits to swallow on release after a decrease.
    debt: usize,
    successes: usize,
    last_decrease: Option<Duration>,
}

/// A held concurrency slot; released on drop.
#[derive(Debug)]
pub struct ConcurrencyPermit {
    permit: Option<OwnedSemaphorePermit>,
    owner: Arc<AdaptiveConcurrency>,
}

impl Drop for ConcurrencyPermit {
    fn drop(&mut self) {
        if let Some(p) = self.permit.take() {
            let mut s = match self.owner.state.lock() {
                Ok(s) => s,
                Err(_) => return,
            };
            if s.debt > 0 {
                s.debt -= 1;
                p.forget();
            }
        }
    }
}

impl AdaptiveConcurrency {
    /// A limit starting at `initial`, kept within `min..=max`.
    pub fn new(initial: usize, min: usize, max: usize) -> Arc<Self> {
        let min = min.max(1);
        let max = max.max(min);
        let initial = initial.clamp(min, max);
        Arc::new(Self {
            sem: Arc::new(Semaphore::new(initial)),
            state: Mutex::new(AcState {
                limit: initial,
                debt: 0,
                successes: 0,
                last_decrease: None,
            }),
            min,
            max,
        })
    }

    /// Waits for a slot.
    pub async fn acquire(self: &Arc<Self>) -> ConcurrencyPermit {
        let permit = self.sem.clone().acquire_owned().await.ok();
        ConcurrencyPermit {
            permit,
            owner: self.clone(),
        }
    }

    /// The current limit.
    pub fn limit(&self) -> usize {
        self.state.lock().map(|s| s.limit).unwrap_or(self.min)
    }

    /// A call succeeded.
    pub fn on_success(&self) {
        let Ok(mut s) = self.state.lock() else { return };
        s.successes += 1;
        if s.successes >= s.limit && s.limit < self.max {
            s.successes = 0;
            s.limit += 1;
            if s.debt > 0 {
                s.debt -= 1;
            } else {
                self.sem.add_permits(1);
            }
        }
    }

    /// The server is overloaded or refused us.
    pub fn on_overload(&self, now: Duration) {
        let Ok(mut s) = self.state.lock() else { return };
        if let Some(t) = s.last_decrease
            && now.saturating_sub(t) < Duration::from_secs(1)
        {
            return;
        }
        s.last_decrease = Some(now);
        s.successes = 0;
        let new = (s.limit / 2).max(self.min);
        let cut = s.limit - new;
        s.limit = new;
        // Take idle permits now; the rest are swallowed as busy ones return.
        let mut remaining = cut;
        while remaining > 0 {
            match self.sem.try_acquire() {
                Ok(p) => {
                    p.forget();
                    remaining -= 1;
                }
                Err(_) => break,
            }
        }
        s.debt += remaining;
    }
}

/// Everything that paces requests to one portal.
pub struct Limiter {
    config: LimitsConfig,
    /// The leaky bucket.
    pub bucket: LeakyBucket,
    /// Operating-time budgets.
    pub operating: OperatingBudget,
    /// The concurrency limit.
    pub concurrency: Arc<AdaptiveConcurrency>,
    clock: Arc<dyn TimeSource>,
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("config", &self.config)
            .field("concurrency", &self.concurrency.limit())
            .finish_non_exhaustive()
    }
}

static REGISTRY: LazyLock<Mutex<HashMap<String, Weak<Limiter>>>> = LazyLock::new(Default::default);

impl Limiter {
    /// A private limiter (not shared through the registry).
    pub fn new(config: LimitsConfig, clock: Arc<dyn TimeSource>) -> Arc<Self> {
        Arc::new(Self {
            bucket: LeakyBucket::new(config.bucket),
            operating: OperatingBudget::default(),
            concurrency: AdaptiveConcurrency::new(
                config.initial_concurrency,
                config.min_concurrency,
                config.max_concurrency,
            ),
            config,
            clock,
        })
    }

    /// The process-wide limiter of `portal` (scheme, host and port): created
    /// with `config` and `clock` by the first caller, shared afterwards.
    pub fn shared(portal: &str, config: LimitsConfig, clock: Arc<dyn TimeSource>) -> Arc<Self> {
        let Ok(mut reg) = REGISTRY.lock() else {
            return Self::new(config, clock);
        };
        reg.retain(|_, w| w.strong_count() > 0);
        if let Some(l) = reg.get(portal).and_then(Weak::upgrade) {
            return l;
        }
        let l = Self::new(config, clock);
        reg.insert(portal.to_owned(), Arc::downgrade(&l));
        l
    }

    /// A limiter with default settings on the system clock.
    pub fn standard() -> Arc<Self> {
        Self::new(LimitsConfig::default(), Arc::new(SystemClock::default()))
    }

    /// The configuration.
    pub fn config(&self) -> &LimitsConfig {
        &self.config
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn TimeSource> {
        &self.clock
    }

    /// Waits until every method in `methods` is within its operating budget.
    pub async fn wait_operating<'a>(&self, methods: impl IntoIterator<Item = &'a str> + Clone) {
        loop {
            let now = self.clock.unix_now();
            let wait = methods
                .clone()
                .into_iter()
                .map(|m| self.operating.wait(m, now))
                .max()
                .unwrap_or_default();
            if wait.is_zero() {
                return;
            }
            tracing::debug!(
                ?wait,
                "operating-time budget exhausted; waiting for the basket reset"
            );
            self.clock.sleep(wait).await;
        }
    }

    /// Takes one slot of the leaky bucket, waiting as long as it says.
    pub async fn wait_bucket(&self) {
        let wait = self.bucket.reserve(self.clock.now());
        if !wait.is_zero() {
            self.clock.sleep(wait).await;
        }
    }

    /// Feeds `time.operating` of one response (or one batch command).
    pub fn record_operating(&self, method: &str, operating: Option<f64>, reset_at: Option<f64>) {
        self.operating.record(
            method,
            operating,
            reset_at,
            self.config.operating_limit,
            self.config.operating_margin,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn bucket_bursts_then_paces() {
        let b = LeakyBucket::new(BucketConfig::STANDARD);
        let t0 = Duration::ZERO;
        for _ in 0..50 {
            assert_eq!(b.reserve(t0), Duration::ZERO);
        }
        // The 51st waits 0.5 s, the 52nd 1 s: 2 per second after the burst.
        assert_eq!(b.reserve(t0), secs(0.5));
        assert_eq!(b.reserve(t0), secs(1.0));
        // After 10 s, 20 have drained: the two reservations above and 18 more slots.
        let t = secs(10.0);
        let mut free = 0;
        while b.reserve(t).is_zero() {
            free += 1;
        }
        assert_eq!(free, 18);
    }

    #[test]
    fn bucket_rejection_fills_it() {
        let b = LeakyBucket::new(BucketConfig::STANDARD);
        b.on_rejected(Duration::ZERO);
        assert_eq!(b.reserve(Duration::ZERO), secs(0.5));
        let e = LeakyBucket::new(BucketConfig::ENTERPRISE);
        for _ in 0..250 {
            assert!(e.reserve(Duration::ZERO).is_zero());
        }
        assert_eq!(e.reserve(Duration::ZERO), secs(0.2));
    }

    #[test]
    fn unlimited_bucket_never_waits() {
        let b = LeakyBucket::new(BucketConfig::UNLIMITED);
        for _ in 0..10_000 {
            assert!(b.reserve(Duration::ZERO).is_zero());
        }
    }

    #[test]
    fn operating_budget_blocks_near_limit_until_reset() {
        let o = OperatingBudget::default();
        o.record("crm.deal.list", Some(100.0), Some(1_000.0), 480.0, 5.0);
        assert!(o.wait("crm.deal.list", 900.0).is_zero());
        o.record("crm.deal.list", Some(476.0), Some(1_000.0), 480.0, 5.0);
        assert_eq!(o.wait("crm.deal.list", 900.0), secs(100.0));
        assert!(
            o.wait("crm.deal.add", 900.0).is_zero(),
            "other methods are not blocked"
        );
        assert!(o.wait("crm.deal.list", 1_000.5).is_zero());
        // batch's own operating is not counted by the portal.
        o.record("batch", Some(479.0), Some(2_000.0), 480.0, 5.0);
        assert!(o.wait("batch", 1_500.0).is_zero());
    }

    #[test]
    fn operating_limit_error_waits_for_reset() {
        let o = OperatingBudget::default();
        assert_eq!(o.on_limit("m", Some(130.0), 100.0), 130.0);
        assert_eq!(o.wait("m", 100.0), secs(30.0));
        // A reset in the past: wait one basket.
        assert_eq!(o.on_limit("m", Some(50.0), 100.0), 160.0);
    }

    #[tokio::test]
    async fn concurrency_aimd() {
        let c = AdaptiveConcurrency::new(8, 1, 10);
        assert_eq!(c.limit(), 8);
        let held: Vec<_> = futures::future::join_all((0..8).map(|_| c.acquire())).await;
        c.on_overload(Duration::ZERO);
        assert_eq!(c.limit(), 4);
        c.on_overload(Duration::from_millis(10));
        assert_eq!(c.limit(), 4, "one decrease per second");
        drop(held);
        // Four permits were swallowed on release: exactly four are free now.
        let p: Vec<_> = (0..4)
            .map(|_| c.sem.clone().try_acquire_owned().unwrap())
            .collect();
        assert!(c.sem.clone().try_acquire_owned().is_err());
        drop(p);
        for _ in 0..4 {
            c.on_success();
        }
        assert_eq!(c.limit(), 5);
        c.on_overload(Duration::from_secs(5));
        assert_eq!(c.limit(), 2);
        c.on_overload(Duration::from_secs(7));
        c.on_overload(Duration::from_secs(9));
        assert_eq!(c.limit(), 1, "never below min");
    }

    #[test]
    fn registry_shares_per_portal() {
        let clock: Arc<dyn TimeSource> = Arc::new(SystemClock::default());
        let a = Limiter::shared(
            "http://unit-test-portal:1",
            LimitsConfig::default(),
            clock.clone(),
        );
        let b = Limiter::shared(
            "http://unit-test-portal:1",
            LimitsConfig::default(),
            clock.clone(),
        );
        let c = Limiter::shared("http://unit-test-portal:2", LimitsConfig::default(), clock);
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
    }
}
