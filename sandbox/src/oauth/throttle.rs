//! Sign-in throttling: attempts are counted per account and per client address (an IPv6 /64)
//! in a fixed window, before the password is checked; a right password gives its attempt back.
//! Past the limit, sign-in is refused (429 with `Retry-After`) until the window ends, whether
//! the password is right or not.
//!
//! Memory is bounded without handing anyone a lockout of everyone: every entry is charged to the
//! source (address or /64) whose attempt made it, a source holds at most [`PER_SOURCE`] entries
//! (past that its own oldest go), and a full table forgets its oldest windows — it never refuses
//! sign-ins because it is full. Guessing device codes counts per address only
//! ([`LoginThrottle::attempt_address`]): a lookup never makes a per-account entry.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-ins one account may have per window.
pub const PER_ACCOUNT: u32 = 5;
/// Failed sign-ins one address may have per window (it may try several accounts).
pub const PER_ADDRESS: u32 = 20;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Entries in the whole table at most.
const MAX_ENTRIES: usize = 10_000;
/// Account entries one source may have made, at most (a right password gives the address an
/// attempt back, so the address limit alone does not bound them).
pub const PER_SOURCE: usize = 2 * PER_ADDRESS as usize;

/// The longest login counted (longer ones are refused before anything is stored).
pub const MAX_LOGIN: usize = 256;

struct Entry {
    started: Instant,
    failures: u32,
}

#[derive(Default)]
struct Table {
    entries: HashMap<String, Entry>,
    /// The account keys each source made, oldest first.
    made_by: HashMap<String, VecDeque<String>>,
}

#[derive(Default)]
pub struct LoginThrottle {
    table: Mutex<Table>,
}

/// The source a request is charged to: its address, or its IPv6 /64 (a client owns at least a
/// /64: count the network, not the address). Also the key of per-source caps elsewhere.
pub fn source_of(addr: IpAddr) -> String {
    source(addr)
}

fn source(addr: IpAddr) -> String {
    match addr {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("address:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        v4 => format!("address:{v4}"),
    }
}

fn account(login: &str) -> String {
    format!("account:{}", login.trim().to_lowercase())
}

impl Table {
    fn live(&self, key: &str, now: Instant) -> Option<&Entry> {
        self.entries
            .get(key)
            .filter(|e| now.duration_since(e.started) < WINDOW)
    }

    /// Seconds until `key` may try again, if it is over `limit`.
    fn wait(&self, key: &str, limit: u32, now: Instant) -> Option<u64> {
        self.live(key, now)
            .filter(|e| e.failures >= limit)
            .map(|e| (WINDOW - now.duration_since(e.started)).as_secs().max(1))
    }

    fn count(&mut self, key: &str, now: Instant) {
        let entry = self.entries.entry(key.to_string()).or_insert(Entry {
            started: now,
            failures: 0,
        });
        if now.duration_since(entry.started) >= WINDOW {
            *entry = Entry {
                started: now,
                failures: 0,
            };
        }
        entry.failures += 1;
    }

    /// Room for `new` more entries: expired windows go first, then — only if live windows
    /// fill the table — the oldest of them (forgetting a window beats refusing everyone).
    fn make_room(&mut self, new: usize, now: Instant) {
        if self.entries.len() + new <= MAX_ENTRIES {
            return;
        }
        self.entries
            .retain(|_, e| now.duration_since(e.started) < WINDOW);
        let over = (self.entries.len() + new).saturating_sub(MAX_ENTRIES);
        if over > 0 {
            // What is forgotten first: the least that a forgotten count could give away —
            // accounts close to their lockout last (a flood must not reset a guessed-at
            // account), then the fewest failures, then the oldest.
            let mut by_worth: Vec<(bool, u32, Instant, String)> = self
                .entries
                .iter()
                .map(|(k, e)| {
                    let near_lockout = k.starts_with("account:") && e.failures + 1 >= PER_ACCOUNT;
                    (near_lockout, e.failures, e.started, k.clone())
                })
                .collect();
            by_worth.sort();
            for (_, _, _, key) in by_worth.into_iter().take(over.max(MAX_ENTRIES / 10)) {
                self.entries.remove(&key);
            }
        }
        let entries = &self.entries;
        self.made_by.retain(|src, keys| {
            keys.retain(|k| entries.contains_key(k));
            !keys.is_empty() || entries.contains_key(src)
        });
    }
}

impl LoginThrottle {
    /// Count an attempt before the password is checked, under one lock, so that guesses sent
    /// in parallel cannot all pass the check before any of them is counted. `Err(seconds)` when
    /// this account or address must wait. A right password gives the attempt back
    /// ([`LoginThrottle::succeeded`]).
    pub fn attempt(&self, login: &str, addr: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let mut t = self.table.lock().unwrap_or_else(|p| p.into_inner());
        let (src, acct) = (source(addr), account(login));
        let wait = [
            t.wait(&acct, PER_ACCOUNT, now),
            t.wait(&src, PER_ADDRESS, now),
        ]
        .into_iter()
        .flatten()
        .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        t.make_room(2, now);
        t.count(&src, now);
        let is_new = t.live(&acct, now).is_none();
        t.count(&acct, now);
        if is_new {
            // Charged to this source; past its quota its own oldest entries go.
            let Table { entries, made_by } = &mut *t;
            let mine = made_by.entry(src.clone()).or_default();
            mine.retain(|k| k != &acct);
            mine.push_back(acct);
            while mine.len() > PER_SOURCE {
                let oldest = mine.pop_front().expect("non-empty");
                entries.remove(&oldest);
            }
        }
        Ok(())
    }

    /// A guess at a device code: counted for the address alone. `Err(seconds)` when it must wait.
    pub fn attempt_address(&self, addr: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let mut t = self.table.lock().unwrap_or_else(|p| p.into_inner());
        let src = source(addr);
        if let Some(wait) = t.wait(&src, PER_ADDRESS, now) {
            return Err(wait);
        }
        t.make_room(1, now);
        t.count(&src, now);
        Ok(())
    }

    /// A right password: the account's count is cleared and the address gets its attempt back.
    pub fn succeeded(&self, login: &str, addr: IpAddr) {
        let mut t = self.table.lock().unwrap_or_else(|p| p.into_inner());
        t.entries.remove(&account(login));
        self.give_back_locked(&mut t, addr);
    }

    /// A right device code: the address gets its attempt back.
    pub fn address_succeeded(&self, addr: IpAddr) {
        let mut t = self.table.lock().unwrap_or_else(|p| p.into_inner());
        self.give_back_locked(&mut t, addr);
    }

    fn give_back_locked(&self, t: &mut Table, addr: IpAddr) {
        if let Some(entry) = t.entries.get_mut(&source(addr)) {
            entry.failures = entry.failures.saturating_sub(1);
        }
    }

    /// Entries held (for tests: the table stays bounded).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.table
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entries
            .len()
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

    /// Issue 19: 480 addresses × 20 wrong sign-ins (the attack that filled the old table) leave
    /// the table bounded and a legitimate user, from another address, still signs in; one
    /// source cannot make more than its quota of account entries.
    #[test]
    fn a_flood_from_many_sources_never_locks_everyone_out() {
        let t = LoginThrottle::default();
        for a in 0..480u32 {
            let addr = IpAddr::V4(std::net::Ipv4Addr::from(0x7f00_0000 + 2 + a));
            for i in 0..PER_ADDRESS {
                let _ = t.attempt(&format!("random-{a}-{i}"), addr);
            }
        }
        assert!(t.len() <= MAX_ENTRIES);
        let user: IpAddr = "127.0.0.1".parse().unwrap();
        // An account guessed at up to its limit stays locked through a flood of new entries.
        let guesser: IpAddr = "198.51.100.1".parse().unwrap();
        for _ in 0..PER_ACCOUNT {
            assert!(t.attempt("admin", guesser).is_ok());
        }
        for a in 0..12_000u32 {
            let addr = IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + a));
            let _ = t.attempt_address(addr);
        }
        assert!(t.len() <= MAX_ENTRIES);
        let elsewhere: IpAddr = "203.0.113.77".parse().unwrap();
        assert!(
            t.attempt("admin", elsewhere).is_err(),
            "the flood reset a lockout"
        );
        assert!(t.attempt("owner", user).is_ok(), "the owner still signs in");
        t.succeeded("owner", user);
        // A source that keeps getting attempts back (a right password) stays within its quota.
        let busy: IpAddr = "198.51.100.7".parse().unwrap();
        for i in 0..10 * PER_SOURCE {
            assert!(t.attempt(&format!("guess-{i}"), busy).is_ok(), "{i}");
            t.succeeded("mine", busy);
        }
        let held = {
            let table = t.table.lock().unwrap();
            table.made_by[&source(busy)].len()
        };
        assert!(held <= PER_SOURCE, "{held}");
        // Device-code guesses count for the address only: no account entries.
        let before = t.len();
        let guesser: IpAddr = "203.0.113.9".parse().unwrap();
        for _ in 0..PER_ADDRESS {
            assert!(t.attempt_address(guesser).is_ok());
        }
        assert!(t.attempt_address(guesser).is_err());
        assert!(t.len() <= before + 1);
    }
}
