//! A request budget the server does not announce (PlanRadar: 30 requests a minute per account,
//! then a 5-minute cooldown), shared by every svcacct process of a profile: the send times of
//! the last window and any cooldown live in a small file in the config dir's `locks/`, read and
//! rewritten under an exclusive lock before each request. The window slides (the server's
//! window boundaries are unknown), so no span of `window` ever holds more than `requests`.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::fsx::FileLock;
use crate::fsx::write_atomic;
use crate::ui::output::Output;

/// A client-side request budget the server does not announce in headers: at most `requests`
/// in any `window` (a sliding window, since the server's window boundaries are unknown), and
/// `cooldown` of silence after a 429.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PacerRule {
    pub requests: usize,
    pub window: Duration,
    pub cooldown: Duration,
}

/// Slack added to the window: a request is stamped before it is sent and reaches the server a
/// little later, so two stamps exactly a window apart could land inside one server window.
const SLACK: Duration = Duration::from_secs(1);
/// The longest a process keeps waiting for a free slot while other processes take them.
const GIVE_UP_AFTER: Duration = Duration::from_secs(600);

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    /// Unix milliseconds of the requests sent in the last window, oldest first.
    #[serde(default)]
    sent: Vec<u64>,
    /// Unix milliseconds until which the server refuses everything (after a 429).
    #[serde(default)]
    cooldown_until: Option<u64>,
    /// Whether the server said how long (`Retry-After`): only then may a cooldown be longer
    /// than the platform's documented one.
    #[serde(default)]
    server_said: bool,
}

/// The longest cooldown a server's `Retry-After` is believed for.
const LONGEST_SAID: Duration = Duration::from_secs(86_400);

pub struct SharedPacer {
    rule: PacerRule,
    platform: &'static str,
    config_dir: PathBuf,
    lock_name: String,
    state_path: PathBuf,
    out: Output,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

enum Verdict {
    Go,
    Cooldown(Duration),
    Full(Duration),
}

impl SharedPacer {
    pub fn new(
        rule: PacerRule,
        platform: &'static str,
        config_dir: PathBuf,
        profile: &str,
        out: Output,
    ) -> Self {
        let state_path = config_dir.join("locks").join(format!("{profile}.budget"));
        SharedPacer {
            rule,
            platform,
            lock_name: format!("{profile}.budget.lock"),
            config_dir,
            state_path,
            out,
        }
    }

    /// The budget, and why it had to be repaired, if it did. A state file that cannot be read
    /// (a crash mid-write cannot make one: it is replaced atomically; a disk or a person can)
    /// counts as full for one window rather than as empty — better late than a 31st request —
    /// and is replaced so that it frees itself after that window. Implausible contents (stamps
    /// in the future, a cooldown longer than the platform's unless the server said so) are cut
    /// back to what could be true.
    fn read(&self) -> (State, Option<&'static str>) {
        let now = now_ms();
        let full = || State {
            sent: vec![now; self.rule.requests],
            cooldown_until: None,
            server_said: false,
        };
        let mut state = match std::fs::read(&self.state_path) {
            Ok(bytes) => match serde_json::from_slice::<State>(&bytes) {
                Ok(state) => state,
                Err(_) => return (full(), Some("it could not be read")),
            },
            Err(_) => return (State::default(), None),
        };
        let mut repaired = None;
        // A stamp is taken just before its request: none can lie ahead of now.
        if state.sent.iter().any(|t| *t > now) {
            state.sent.retain(|t| *t <= now);
            repaired = Some("it held send times in the future");
        }
        // What the server said holds for its own cooldown only.
        if state.cooldown_until.is_none_or(|until| until <= now) {
            state.server_said = false;
        }
        let longest = if state.server_said {
            LONGEST_SAID
        } else {
            self.rule.cooldown
        };
        let cap = now.saturating_add(longest.as_millis() as u64);
        if let Some(until) = state.cooldown_until
            && until > cap
        {
            state.cooldown_until = Some(cap);
            repaired = Some("its cooldown was longer than the platform's");
        }
        (state, repaired)
    }

    /// [`Self::read`], writing a repaired budget back (the caller holds the lock) and saying so
    /// once.
    fn load(&self) -> Result<State> {
        let (state, repaired) = self.read();
        if let Some(why) = repaired {
            self.write(&state)?;
            self.out.warn(&format!(
                "the request budget {} was replaced: {why}",
                self.state_path.display()
            ));
        }
        Ok(state)
    }

    fn write(&self, state: &State) -> Result<()> {
        let bytes = serde_json::to_vec(state).map_err(|e| Error::internal(e.to_string()))?;
        write_atomic(&self.state_path, &bytes, 0o600).map_err(|e| {
            Error::config(format!(
                "cannot write the request budget {}: {e}",
                self.state_path.display()
            ))
        })
    }

    fn window_ms(&self) -> u64 {
        (self.rule.window + SLACK).as_millis() as u64
    }

    /// Take a slot for one request, waiting (bounded) while the window is full. A cooldown
    /// longer than `max_wait` fails at once with exit 7, naming the wait.
    pub async fn take_slot(&self, max_wait: Duration) -> Result<()> {
        let started = Instant::now();
        let mut said = false;
        loop {
            let verdict = {
                let _lock = FileLock::named(&self.config_dir, &self.lock_name).await?;
                let mut state = self.load()?;
                let now = now_ms();
                let window = self.window_ms();
                state
                    .sent
                    .retain(|t| t + window > now && *t <= now + window);
                match state.cooldown_until.filter(|until| *until > now) {
                    Some(until) => Verdict::Cooldown(Duration::from_millis(until - now)),
                    None if state.sent.len() >= self.rule.requests => {
                        let oldest = state.sent[state.sent.len() - self.rule.requests];
                        Verdict::Full(Duration::from_millis(oldest + window - now))
                    }
                    None => {
                        state.cooldown_until = None;
                        state.sent.push(now);
                        self.write(&state)?;
                        Verdict::Go
                    }
                }
            };
            let wait = match verdict {
                Verdict::Go => return Ok(()),
                Verdict::Cooldown(wait) => {
                    if wait > max_wait {
                        return Err(self.cooldown_error(wait));
                    }
                    wait
                }
                Verdict::Full(wait) => wait,
            };
            if started.elapsed() + wait > GIVE_UP_AFTER {
                return Err(Error::new(
                    ErrorKind::RateLimited,
                    format!(
                        "no free request in {}'s budget after {} s: other svcacct processes of this profile keep using it",
                        self.platform,
                        started.elapsed().as_secs()
                    ),
                )
                .with_hint("run fewer svcacct commands at once"));
            }
            if !said {
                self.out.status(&format!(
                    "{} allows {} requests a minute: waiting {} s for a free one…",
                    self.platform,
                    self.rule.requests,
                    wait.as_secs_f64().ceil()
                ));
                said = true;
            }
            tokio::time::sleep(wait.max(Duration::from_millis(10))).await;
        }
    }

    /// The server answered 429: every process of the profile stays silent for the server's
    /// `Retry-After`, else the platform's cooldown. Returns that wait.
    pub async fn cooled_down(&self, retry_after: Option<Duration>) -> Result<Duration> {
        // A hostile or broken server's huge Retry-After is held to a day.
        let wait = retry_after.unwrap_or(self.rule.cooldown).min(LONGEST_SAID);
        let _lock = FileLock::named(&self.config_dir, &self.lock_name).await?;
        let mut state = self.load()?;
        let until = now_ms().saturating_add(wait.as_millis() as u64);
        state.cooldown_until = Some(state.cooldown_until.unwrap_or(0).max(until));
        state.server_said |= retry_after.is_some();
        self.write(&state)?;
        Ok(wait)
    }

    pub fn cooldown_error(&self, wait: Duration) -> Error {
        Error::new(
            ErrorKind::RateLimited,
            format!(
                "{} is in its rate-limit cooldown: no request may be sent for another {} s",
                self.platform,
                wait.as_secs_f64().ceil()
            ),
        )
        .with_hint(format!(
            "wait {} s and run the command again (or set SVCACCT_MAX_WAIT to at least that to wait it out)",
            wait.as_secs_f64().ceil()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pacer(dir: &std::path::Path) -> SharedPacer {
        let rule = PacerRule {
            requests: 3,
            window: Duration::from_secs(60),
            cooldown: Duration::from_secs(300),
        };
        SharedPacer::new(rule, "Test", dir.to_path_buf(), "p", Output::new(false))
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_full_window_or_a_cooldown_is_never_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let p = pacer(dir.path());
        for _ in 0..3 {
            p.take_slot(Duration::from_secs(5)).await.unwrap();
        }
        assert_eq!(p.read().0.sent.len(), 3);
        // A cooldown longer than the caller waits: exit 7, naming it.
        let wait = p.cooled_down(None).await.unwrap();
        assert_eq!(wait, Duration::from_secs(300));
        let err = p.take_slot(Duration::from_secs(5)).await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::RateLimited);
        assert!(err.message.contains("300 s"), "{}", err.message);
        // A huge Retry-After neither overflows nor is believed.
        let wait = p
            .cooled_down(Some(Duration::from_secs(u64::MAX / 2)))
            .await
            .unwrap();
        assert_eq!(wait, Duration::from_secs(86_400));
    }

    #[test]
    fn an_unreadable_budget_counts_as_full() {
        let dir = tempfile::tempdir().unwrap();
        let p = pacer(dir.path());
        std::fs::create_dir_all(dir.path().join("locks")).unwrap();
        std::fs::write(dir.path().join("locks/p.budget"), "{not json").unwrap();
        assert_eq!(p.read().0.sent.len(), 3);
    }

    /// A corrupt or implausible budget is replaced (issue 17: it blocked every command for
    /// minutes and was never repaired): one window's wait at most, and a cooldown read from
    /// the file is held to the platform's 5 minutes unless the server said more.
    #[tokio::test(flavor = "current_thread")]
    async fn a_corrupt_budget_is_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let p = pacer(dir.path());
        std::fs::create_dir_all(dir.path().join("locks")).unwrap();
        let path = dir.path().join("locks/p.budget");
        std::fs::write(&path, "{not json").unwrap();
        let state = {
            let _lock = FileLock::named(dir.path(), "p.budget.lock").await.unwrap();
            p.load().unwrap()
        };
        assert_eq!(state.sent.len(), 3, "full for one window");
        let written: State = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(written.sent.len(), 3, "written back: it frees itself");
        assert!(written.sent.iter().all(|t| *t <= now_ms()));
        // A year of cooldown nobody said: held to the platform's 300 s.
        let year = now_ms() + 365 * 86_400_000;
        std::fs::write(&path, format!(r#"{{"sent":[],"cooldown_until":{year}}}"#)).unwrap();
        let err = p.take_slot(Duration::from_secs(1)).await.unwrap_err();
        assert!(err.message.contains("300 s"), "{}", err.message);
        // Stamps in the future are dropped, not waited for.
        let future = now_ms() + 3_600_000;
        std::fs::write(&path, format!(r#"{{"sent":[{future},{future},{future}]}}"#)).unwrap();
        p.take_slot(Duration::from_secs(1)).await.unwrap();
        // What the server said is believed up to a day.
        p.cooled_down(Some(Duration::from_secs(3_600)))
            .await
            .unwrap();
        let err = p.take_slot(Duration::from_secs(1)).await.unwrap_err();
        assert!(err.message.contains("3600 s"), "{}", err.message);
    }
}
