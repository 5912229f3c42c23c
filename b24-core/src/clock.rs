//! Time, injectable so limiter and retry logic can be tested without sleeping.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::future::BoxFuture;

/// The clock the client waits on. The default is [`SystemClock`] (tokio time,
/// so `tokio::time::pause` works too).
pub trait TimeSource: Send + Sync + 'static {
    /// Monotonic time since an arbitrary origin.
    fn now(&self) -> Duration;
    /// Wall-clock Unix seconds (for `operating_reset_at` and token expiry).
    fn unix_now(&self) -> f64;
    /// Waits `d` on this clock.
    fn sleep(&self, d: Duration) -> BoxFuture<'static, ()>;
}

/// Real time, through tokio's timer.
#[derive(Debug, Clone)]
pub struct SystemClock {
    origin: tokio::time::Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        Self {
            origin: tokio::time::Instant::now(),
        }
    }
}

impl TimeSource for SystemClock {
    fn now(&self) -> Duration {
        tokio::time::Instant::now().saturating_duration_since(self.origin)
    }
    fn unix_now(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }
    fn sleep(&self, d: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(d))
    }
}

/// A virtual clock that jumps: `sleep(d)` moves time forward to `now + d`
/// (never backwards) and returns at once. Concurrent sleepers therefore share
/// the jump instead of adding up. An optional hook sees every advance, so a
/// test can drive the emulator's virtual clock with it.
#[derive(Clone)]
pub struct JumpClock {
    inner: Arc<Mutex<JumpState>>,
    hook: Option<Arc<dyn Fn(Duration) + Send + Sync>>,
}

struct JumpState {
    now: Duration,
    unix_origin: f64,
}

impl std::fmt::Debug for JumpClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JumpClock")
            .field("now", &self.elapsed())
            .finish()
    }
}

impl JumpClock {
    /// A clock starting at the current Unix time.
    pub fn new() -> Self {
        let unix_origin = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        Self {
            inner: Arc::new(Mutex::new(JumpState {
                now: Duration::ZERO,
                unix_origin,
            })),
            hook: None,
        }
    }

    /// Calls `hook(delta)` whenever the clock moves forward by `delta`.
    pub fn with_hook(mut self, hook: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        self.hook = Some(Arc::new(hook));
        self
    }

    /// Virtual time elapsed since creation.
    pub fn elapsed(&self) -> Duration {
        self.inner.lock().map(|s| s.now).unwrap_or_default()
    }

    /// Moves the clock to at least `t` (elapsed).
    pub fn advance_to(&self, t: Duration) {
        let delta = {
            let Ok(mut s) = self.inner.lock() else { return };
            if t <= s.now {
                return;
            }
            let d = t - s.now;
            s.now = t;
            d
        };
        if let Some(h) = &self.hook {
            h(delta);
        }
    }

    /// Moves the clock forward by `d`.
    pub fn advance(&self, d: Duration) {
        let target = self.elapsed() + d;
        self.advance_to(target);
    }
}

impl Default for JumpClock {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeSource for JumpClock {
    fn now(&self) -> Duration {
        self.elapsed()
    }
    fn unix_now(&self) -> f64 {
        self.inner
            .lock()
            .map(|s| s.unix_origin + s.now.as_secs_f64())
            .unwrap_or(0.0)
    }
    fn sleep(&self, d: Duration) -> BoxFuture<'static, ()> {
        let target = self.now() + d;
        self.advance_to(target);
        // Yield so a storm of sleepers interleaves like real waiting would.
        Box::pin(tokio::task::yield_now())
    }
}
