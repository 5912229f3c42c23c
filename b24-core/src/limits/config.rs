//! The limiter's settings: the leaky bucket preset and the rest.

/// The leaky bucket parameters: `capacity` requests may burst, and the
/// counter drains by `drain_per_sec` each second (`limits.md`).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct BucketConfig {
    /// X: the counter value above which requests are refused.
    pub capacity: f64,
    /// Y: how much the counter drains per second.
    pub drain_per_sec: f64,
}

impl BucketConfig {
    /// A bucket of `capacity` that drains by `drain_per_sec` each second.
    pub const fn new(capacity: f64, drain_per_sec: f64) -> Self {
        BucketConfig {
            capacity,
            drain_per_sec,
        }
    }

    /// Ordinary plans: 50 burst, 2 per second.
    pub const STANDARD: BucketConfig = BucketConfig {
        capacity: 50.0,
        drain_per_sec: 2.0,
    };
    /// Enterprise: 250 burst, 5 per second.
    pub const ENTERPRISE: BucketConfig = BucketConfig {
        capacity: 250.0,
        drain_per_sec: 5.0,
    };
    /// No client-side pacing (the server's 503s and the retry policy still apply).
    pub const UNLIMITED: BucketConfig = BucketConfig {
        capacity: f64::INFINITY,
        drain_per_sec: f64::INFINITY,
    };
}

impl Default for BucketConfig {
    fn default() -> Self {
        Self::STANDARD
    }
}

/// Limiter settings: `LimitsConfig::default().max_concurrency(8)`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LimitsConfig {
    /// The leaky bucket.
    pub bucket: BucketConfig,
    /// The per-method operating-time limit, seconds (480 in the cloud).
    pub operating_limit: f64,
    /// Stop sending a method this many seconds before its limit.
    pub operating_margin: f64,
    /// Concurrency starts here ...
    pub initial_concurrency: usize,
    /// ... never drops below this ...
    pub min_concurrency: usize,
    /// ... and never grows past this.
    pub max_concurrency: usize,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            bucket: BucketConfig::STANDARD,
            operating_limit: 480.0,
            operating_margin: 5.0,
            initial_concurrency: 16,
            min_concurrency: 1,
            max_concurrency: 64,
        }
    }
}

impl LimitsConfig {
    /// Sets [`LimitsConfig::bucket`](Self::bucket).
    #[must_use]
    pub fn bucket(mut self, bucket: BucketConfig) -> Self {
        self.bucket = bucket;
        self
    }
    /// Sets [`LimitsConfig::operating_limit`](Self::operating_limit).
    #[must_use]
    pub fn operating_limit(mut self, operating_limit: f64) -> Self {
        self.operating_limit = operating_limit;
        self
    }
    /// Sets [`LimitsConfig::operating_margin`](Self::operating_margin).
    #[must_use]
    pub fn operating_margin(mut self, operating_margin: f64) -> Self {
        self.operating_margin = operating_margin;
        self
    }
    /// Sets [`LimitsConfig::initial_concurrency`](Self::initial_concurrency).
    #[must_use]
    pub fn initial_concurrency(mut self, initial_concurrency: usize) -> Self {
        self.initial_concurrency = initial_concurrency;
        self
    }
    /// Sets [`LimitsConfig::min_concurrency`](Self::min_concurrency).
    #[must_use]
    pub fn min_concurrency(mut self, min_concurrency: usize) -> Self {
        self.min_concurrency = min_concurrency;
        self
    }
    /// Sets [`LimitsConfig::max_concurrency`](Self::max_concurrency).
    #[must_use]
    pub fn max_concurrency(mut self, max_concurrency: usize) -> Self {
        self.max_concurrency = max_concurrency;
        self
    }
}
