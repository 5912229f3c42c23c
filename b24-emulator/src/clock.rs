//! Virtual time: real time plus an offset that tests can advance, so limits
//! and token expiry can be exercised without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The emulator's clock. Cloning shares the same offset.
#[derive(Clone, Debug)]
pub struct Clock {
    inner: Arc<ClockInner>,
}

#[derive(Debug)]
struct ClockInner {
    started: Instant,
    offset_nanos: AtomicU64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new()
    }
}

impl Clock {
    /// A clock at real time.
    pub fn new() -> Clock {
        Clock {
            inner: Arc::new(ClockInner {
                started: Instant::now(),
                offset_nanos: AtomicU64::new(0),
            }),
        }
    }

    /// Moves virtual time forward; real time keeps passing too.
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        self.inner.offset_nanos.fetch_add(nanos, Ordering::SeqCst);
    }

    /// How far virtual time is ahead of real time.
    pub fn offset(&self) -> Duration {
        Duration::from_nanos(self.inner.offset_nanos.load(Ordering::SeqCst))
    }

    /// Monotonic virtual time since the clock was made.
    pub fn elapsed(&self) -> Duration {
        self.inner.started.elapsed() + self.offset()
    }

    /// Waits until virtual time reaches `unix` (fractional Unix seconds):
    /// in real time when nobody advances the clock, sooner when a test or a
    /// benchmark does.
    pub async fn wait_until(&self, unix: f64) {
        loop {
            let left = unix - self.unix();
            if left <= 0.0 || !left.is_finite() {
                return;
            }
            // Short naps: another task may advance the clock meanwhile.
            tokio::time::sleep(Duration::from_secs_f64(left).min(Duration::from_millis(10))).await;
        }
    }

    /// Virtual wall-clock time.
    pub fn now(&self) -> SystemTime {
        SystemTime::now() + self.offset()
    }

    /// Virtual wall-clock time as fractional Unix seconds.
    pub fn unix(&self) -> f64 {
        self.now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }
}

/// Formats Unix seconds as ISO 8601 in UTC with a `+00:00` offset, the form
/// Bitrix24 uses for dates (`2024-09-02T18:37:18+00:00`).
pub fn iso8601(unix_secs: i64) -> String {
    let days = unix_secs.div_euclid(86_400);
    let secs = unix_secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+00:00",
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        );
    }
    // The common case without the formatting machinery (it is called for
    // every date of every listed row).
    let mut out = String::with_capacity(25);
    for (n, width, sep) in [
        (y, 4, "-"),
        (m, 2, "-"),
        (d, 2, "T"),
        (secs / 3600, 2, ":"),
        ((secs / 60) % 60, 2, ":"),
        (secs % 60, 2, "+00:00"),
    ] {
        for p in (0..width).rev() {
            out.push(char::from(b'0' + (n / 10i64.pow(p) % 10) as u8));
        }
        out.push_str(sep);
    }
    out
}

/// Parses the ISO 8601 forms Bitrix24 accepts (`YYYY-MM-DDTHH:MM:SS±HH:MM`,
/// optionally without the offset or the time) into Unix seconds.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    if b.len() == 10 {
        return Some(secs);
    }
    if b.len() < 19 || !matches!(b[10], b'T' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    secs += hh * 3600 + mm * 60 + ss;
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = &frac[digits..];
    }
    match rest {
        "" | "Z" => Some(secs),
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let off = rest[1..].replace(':', "");
            if off.len() != 4 || !off.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let oh: i64 = off[..2].parse().ok()?;
            let om: i64 = off[2..].parse().ok()?;
            Some(secs - sign * (oh * 3600 + om * 60))
        }
    }
}

// Howard Hinnant's civil calendar algorithms.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_roundtrip() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(iso8601(1_725_294_438), "2024-09-02T16:27:18+00:00");
        assert_eq!(iso8601(-86_400), "1969-12-31T00:00:00+00:00");
        assert_eq!(iso8601(253_402_300_799), "9999-12-31T23:59:59+00:00");
        assert_eq!(iso8601(253_402_300_800), "10000-01-01T00:00:00+00:00");
        assert_eq!(
            parse_iso8601("2024-09-02T18:27:18+02:00"),
            Some(1_725_294_438)
        );
        assert_eq!(parse_iso8601("2024-09-02"), Some(1_725_235_200));
        assert_eq!(parse_iso8601("2024-13-02"), None);
        assert_eq!(parse_iso8601("yesterday"), None);
    }

    #[test]
    fn advance_moves_time() {
        let c = Clock::new();
        let before = c.unix();
        c.advance(Duration::from_secs(3600));
        assert!(c.unix() - before >= 3600.0);
    }
}
