//! Helpers shared by the emulator-backed tests.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use b24_core::{Client, LimitsConfig, RetryPolicy, TimeSource};
use futures::future::BoxFuture;

/// The client's clock driven by the emulator's virtual clock: `sleep(d)`
/// moves virtual time to `now + d` (never adding up concurrent sleeps) and
/// returns at once, so waits for the bucket, backoff, operating resets and
/// token expiry take no real time.
#[derive(Clone)]
pub struct EmuClock {
    clock: b24_emulator::Clock,
    lock: Arc<Mutex<()>>,
}

impl EmuClock {
    pub fn new(emu: &b24_emulator::Emulator) -> Arc<Self> {
        Arc::new(Self {
            clock: emu.clock().clone(),
            lock: Arc::default(),
        })
    }
}

impl TimeSource for EmuClock {
    fn now(&self) -> Duration {
        self.clock.elapsed()
    }
    fn unix_now(&self) -> f64 {
        self.clock.unix()
    }
    fn sleep(&self, d: Duration) -> BoxFuture<'static, ()> {
        {
            let _g = self.lock.lock().unwrap();
            let target = self.clock.elapsed() + d;
            let now = self.clock.elapsed();
            if target > now {
                self.clock.advance(target - now);
            }
        }
        Box::pin(tokio::task::yield_now())
    }
}

/// A webhook client on the emulator's clock with a private limiter.
pub fn webhook_client(emu: &b24_emulator::Emulator, limits: LimitsConfig) -> Client {
    let clock = EmuClock::new(emu);
    Client::builder()
        .webhook(&emu.webhook_url())
        .limiter(b24_core::Limiter::new(limits, clock.clone()))
        .clock(clock)
        .retry(RetryPolicy::default().max_limit_retries(200))
        .build()
        .expect("client")
}
