//! Sign-in throttling: failed passwords are counted per account and per client address in a
//! fixed window; past the limit, sign-in is refused (429 with `Retry-After`) until the window
//! ends, whether the password is right or not. Memory is bounded: old windows are dropped.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-ins one account may have per window.
pub const PER_ACCOUNT: u32 = 5;
/// Failed sign-ins one address may have per window (it may try several accounts).
pub const PER_ADDRESS: u32 = 20;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct LoginThrottle {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

fn keys(login: &str, addr: IpAddr) -> [(String, u32); 2] {
    [
        (
            format!("account:{}", login.trim().to_lowercase()),
            PER_ACCOUNT,
        ),
        (format!("address:{addr}"), PER_ADDRESS),
    ]
}

impl LoginThrottle {
    /// `Err(seconds)` when this account or address must wait before trying again.
    pub fn check(&self, login: &str, addr: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let mut wait = None;
        for (key, limit) in keys(login, addr) {
            if let Some((started, failures)) = windows.get(&key)
                && now.duration_since(*started) < WINDOW
                && *failures >= limit
            {
                let left = (WINDOW - now.duration_since(*started)).as_secs().max(1);
                wait = Some(wait.map_or(left, |w: u64| w.max(left)));
            }
        }
        wait.map_or(Ok(()), Err)
    }

    pub fn failed(&self, login: &str, addr: IpAddr) {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() >= MAX_ENTRIES {
            windows.retain(|_, (started, _)| now.duration_since(*started) < WINDOW);
            if windows.len() >= MAX_ENTRIES {
                // Still full of live windows: forget the oldest half rather than grow.
                let mut ages: Vec<Instant> = windows.values().map(|(s, _)| *s).collect();
                ages.sort();
                let cut = ages[ages.len() / 2];
                windows.retain(|_, (started, _)| *started > cut);
            }
        }
        for (key, _) in keys(login, addr) {
            let entry = windows.entry(key).or_insert((now, 0));
            if now.duration_since(entry.0) >= WINDOW {
                *entry = (now, 0);
            }
            entry.1 += 1;
        }
    }

    /// A right password clears the account's count (not the address's).
    pub fn succeeded(&self, login: &str) {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        windows.remove(&format!("account:{}", login.trim().to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_and_addresses_are_limited_separately() {
        let t = LoginThrottle::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..PER_ACCOUNT {
            assert!(t.check("Admin", a).is_ok());
            t.failed("Admin", a);
        }
        let wait = t.check("admin", a).unwrap_err();
        assert!(wait > 0 && wait <= WINDOW.as_secs());
        assert!(
            t.check("viewer", a).is_ok(),
            "another account is not locked"
        );
        // One address trying many accounts is stopped too.
        for i in 0..PER_ADDRESS {
            t.failed(&format!("user{i}"), a);
        }
        assert!(t.check("someone-else", a).is_err());
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(t.check("someone-else", b).is_ok());
    }
}
