//! The wall clock. Test builds can move it: `SVCACCT_TEST_CLOCK_OFFSET` (seconds; only in the
//! binaries `cargo test` builds, feature `test-hooks`) is added to the time, so a test of expiry
//! advances the clock instead of sleeping. Waits and timeouts use the monotonic clock.

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    let real = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    real.saturating_add(offset())
}

/// The same instant as a date and time (UTC).
pub fn now_utc() -> time::OffsetDateTime {
    let now = time::OffsetDateTime::now_utc();
    now.checked_add(time::Duration::seconds(offset()))
        .unwrap_or(now)
}

fn offset() -> i64 {
    if cfg!(feature = "test-hooks") {
        crate::settings::var("SVCACCT_TEST_CLOCK_OFFSET")
            .and_then(|v| v.trim().parse::<i64>().ok())
            // (at most a century either way: a test's offset, never an overflow)
            .map(|v| v.clamp(-3_155_760_000, 3_155_760_000))
            .unwrap_or(0)
    } else {
        0
    }
}
