//! Time: the clock (Unix seconds and milliseconds) and the RFC 3339 form the API answers with.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The system's time in Unix milliseconds (for what is not the sandbox's decision: a test
/// receiver's log, the start before there is a [`Clock`]).
pub fn system_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The system's time in Unix seconds.
pub fn system_now() -> i64 {
    system_now_ms().div_euclid(1000)
}

/// The sandbox's clock: the system's time plus an offset that only tests move
/// ([`crate::Running::advance_clock`]), so that waiting for an expiry or a window is a clock
/// change, not a sleep. Every expiry and window decision reads it; clones share the offset.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        system_now_ms() + self.offset_ms.load(Ordering::SeqCst)
    }

    /// Unix seconds.
    pub fn now(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }

    /// Move the clock `secs` seconds ahead (tests only).
    pub fn advance(&self, secs: i64) {
        self.offset_ms.fetch_add(secs * 1000, Ordering::SeqCst);
    }
}

/// RFC 3339 UTC time, with milliseconds, for Unix milliseconds.
pub fn rfc3339_ms(unix_ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// RFC 3339 UTC time for a Unix timestamp.
pub fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
