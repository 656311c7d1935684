//! The wall clock. Test builds can move it: `SVCACCT_TEST_CLOCK_OFFSET` (seconds; debug builds
//! only, set by the test harness) is added to the time, so a test of expiry advances the clock
//! instead of sleeping. Waits and timeouts use the monotonic clock and are not moved.

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    let real = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    real + offset()
}

/// The same instant as a date and time (UTC).
pub fn now_utc() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc() + time::Duration::seconds(offset())
}

fn offset() -> i64 {
    if cfg!(debug_assertions) {
        crate::settings::var("SVCACCT_TEST_CLOCK_OFFSET")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    } else {
        0
    }
}
