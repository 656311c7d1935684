//! Per-account request budget: a fixed window (a minute by default) per company, all tokens summed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct RateLimiter {
    limit: AtomicU32,
    window: Duration,
    windows: Mutex<HashMap<i64, (Instant, u32)>>,
}

#[derive(Debug, Clone, Copy)]
pub struct RateDecision {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the window resets (at least 1).
    pub reset_secs: u64,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit: AtomicU32::new(limit),
            window,
            windows: Mutex::new(HashMap::new()),
        }
    }

    pub fn set_limit(&self, limit: u32) {
        self.limit.store(limit, Ordering::SeqCst);
    }

    /// Count one request against `account` and say whether it may proceed.
    pub fn check(&self, account: i64) -> RateDecision {
        let limit = self.limit.load(Ordering::SeqCst);
        let now = Instant::now();
        let mut windows = self.windows.lock().expect("rate limiter lock");
        let entry = windows.entry(account).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        let elapsed = now.duration_since(entry.0);
        let reset_secs = (self.window - elapsed).as_secs_f64().ceil().max(1.0) as u64;
        let allowed = entry.1 < limit;
        if allowed {
            entry.1 += 1;
        }
        RateDecision {
            allowed,
            limit,
            remaining: limit.saturating_sub(entry.1),
            reset_secs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_is_per_account_and_runs_out() {
        let rl = RateLimiter::new(2, Duration::from_secs(60));
        assert!(rl.check(1).allowed);
        let second = rl.check(1);
        assert!(second.allowed);
        assert_eq!(second.remaining, 0);
        let third = rl.check(1);
        assert!(!third.allowed);
        assert!(third.reset_secs >= 1 && third.reset_secs <= 60);
        assert!(rl.check(2).allowed, "another account has its own budget");
    }
}
