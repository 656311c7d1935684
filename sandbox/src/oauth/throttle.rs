//! Sign-in throttling: attempts are counted per account and per client address (an IPv6 /64)
//! in a fixed window, before the password is checked; a right password gives its attempt back.
//! Past the limit, sign-in is refused (429 with `Retry-After`) until the window ends, whether
//! the password is right or not. Memory is bounded: expired windows are dropped, logins are at
//! most 256 bytes, and a full table refuses rather than forgets a lockout.

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

/// The longest login counted (longer ones are refused before anything is stored).
pub const MAX_LOGIN: usize = 256;

fn keys(login: &str, addr: IpAddr) -> [(String, u32); 2] {
    // An IPv6 client owns at least a /64: count the network, not the address.
    let addr = match addr {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        v4 => v4.to_string(),
    };
    [
        (
            format!("account:{}", login.trim().to_lowercase()),
            PER_ACCOUNT,
        ),
        (format!("address:{addr}"), PER_ADDRESS),
    ]
}

impl LoginThrottle {
    /// Count an attempt before the password is checked, under one lock, so that guesses sent
    /// in parallel cannot all pass the check before any of them is counted. `Err(seconds)` when
    /// this account or address must wait. A right password gives the attempt back
    /// ([`LoginThrottle::succeeded`]).
    pub fn attempt(&self, login: &str, addr: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let keys = keys(login, addr);
        let mut wait = None;
        for (key, limit) in &keys {
            if let Some((started, failures)) = windows.get(key)
                && now.duration_since(*started) < WINDOW
                && *failures >= *limit
            {
                let left = (WINDOW - now.duration_since(*started)).as_secs().max(1);
                wait = Some(wait.map_or(left, |w: u64| w.max(left)));
            }
        }
        if let Some(wait) = wait {
            return Err(wait);
        }
        if windows.len() + 2 > MAX_ENTRIES {
            windows.retain(|_, (started, _)| now.duration_since(*started) < WINDOW);
        }
        if windows.len() + 2 > MAX_ENTRIES {
            // Full of live windows: refuse rather than forget a lockout (fail closed).
            return Err(WINDOW.as_secs());
        }
        for (key, _) in keys {
            let entry = windows.entry(key).or_insert((now, 0));
            if now.duration_since(entry.0) >= WINDOW {
                *entry = (now, 0);
            }
            entry.1 += 1;
        }
        Ok(())
    }

    /// A right password: the account's count is cleared and the address gets its attempt back.
    pub fn succeeded(&self, login: &str, addr: IpAddr) {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let [(account, _), (address, _)] = keys(login, addr);
        windows.remove(&account);
        if let Some(entry) = windows.get_mut(&address) {
            entry.1 = entry.1.saturating_sub(1);
        }
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
            assert!(t.attempt("Admin", a).is_ok());
        }
        let wait = t.attempt("admin", a).unwrap_err();
        assert!(wait > 0 && wait <= WINDOW.as_secs());
        assert!(
            t.attempt("viewer", a).is_ok(),
            "another account is not locked"
        );
        t.succeeded("viewer", a);
        // One address trying many accounts is stopped too.
        for i in 0..PER_ADDRESS - PER_ACCOUNT {
            assert!(t.attempt(&format!("user{i}"), a).is_ok());
        }
        assert!(t.attempt("someone-else", a).is_err());
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(t.attempt("someone-else", b).is_ok());
        // Addresses of one IPv6 /64 are one client.
        let v6 = |s: &str| s.parse::<IpAddr>().unwrap();
        for i in 0..PER_ADDRESS {
            let _ = t.attempt(
                &format!("v6user{i}"),
                v6(&format!("2001:db8:1:2::{:x}", i + 1)),
            );
        }
        assert!(t.attempt("fresh", v6("2001:db8:1:2:ffff::1")).is_err());
        assert!(t.attempt("fresh", v6("2001:db8:1:3::1")).is_ok());
    }
}
