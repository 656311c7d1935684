//! One error type for the whole CLI: a kind (which decides the exit code), a one-line message
//! naming the problem, and a hint naming the fix.

use std::fmt;

/// What went wrong, as far as the exit code is concerned. The table is printed by
/// `svcacct help exit-codes` and documented in docs/scripting.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Something unexpected (local I/O, a bug).
    Internal,
    /// Bad command-line input, or a question that needs a terminal or `--yes`.
    Usage,
    /// The config file or the credential storage is unusable.
    Config,
    /// Not logged in, or the server rejected the credentials.
    Auth,
    /// Logged in, but not allowed.
    Permission,
    /// The thing named does not exist.
    NotFound,
    /// The server's rate limit held for longer than the CLI waits.
    RateLimited,
    /// The server could not be reached, or answered with an error or garbage.
    Network,
    /// The server refused because of the current state (HTTP 409).
    Conflict,
    /// Interrupted by the user (Ctrl-C).
    Interrupted,
    /// The user answered no at a confirmation: nothing was changed.
    Cancelled,
    /// `rotate-secret --finish-when-idle`: the old secret was still in use when the wait ended.
    StillInUse,
    /// stdout was closed by the reader (`| head`): stop quietly, exit 0.
    BrokenPipe,
    /// `svcacct exec`: the command ran and exited with this status, passed through quietly.
    ChildExited(u8),
    /// `svcacct audit --fail-on`: a credential breaks a rule.
    AuditFailed,
}

impl ErrorKind {
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Internal => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Config => 3,
            ErrorKind::Auth => 4,
            ErrorKind::Permission => 5,
            ErrorKind::NotFound => 6,
            ErrorKind::RateLimited => 7,
            ErrorKind::Network => 8,
            ErrorKind::Conflict => 9,
            ErrorKind::Interrupted => 130,
            ErrorKind::Cancelled => 12,
            ErrorKind::StillInUse => 11,
            ErrorKind::BrokenPipe => 0,
            ErrorKind::ChildExited(code) => code,
            ErrorKind::AuditFailed => 10,
        }
    }
}

/// `(code, meaning)` for every exit status, in order.
pub const EXIT_CODES: &[(u8, &str)] = &[
    (0, "success"),
    (1, "unexpected error (local I/O failure or a bug)"),
    (
        2,
        "bad command-line input, or a confirmation needed without a terminal (use --yes)",
    ),
    (
        3,
        "configuration or credential storage problem (corrupt config file, no OS keychain)",
    ),
    (4, "not logged in, or the server rejected the credentials"),
    (5, "permission denied by the server"),
    (6, "not found"),
    (
        7,
        "rate limited: the server's budget did not recover within the retry window",
    ),
    (
        8,
        "network or server error (unreachable, timeout, 5xx, a response that is not the API's JSON)",
    ),
    (
        9,
        "conflict with the current state on the server (HTTP 409)",
    ),
    (
        10,
        "svcacct audit --fail-on: a credential breaks one of the rules",
    ),
    (
        11,
        "sa rotate-secret --finish-when-idle: the old secret was still in use when the wait ended (both stay valid)",
    ),
    (
        12,
        "cancelled: you answered no at a confirmation, and nothing was changed",
    ),
    (
        127,
        "svcacct exec: the command could not be started (otherwise exec exits with the command's own status)",
    ),
    (130, "interrupted"),
];

#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// What to do about it: one fix, or several alternatives (shown in order).
    pub hints: Vec<String>,
    /// The error underneath (an I/O error, say), for `std::error::Error::source`.
    pub source: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
    /// No OS keychain answered (none running, locked, refused): callers that can do without
    /// one (a token cache) use their fallback instead of failing.
    pub keychain_missing: bool,
    /// The API's own error `code` (`old_secret_in_use`, `permission_denied`, …), for callers to
    /// decide on — never the message text, which is for people.
    pub code: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hints: Vec::new(),
            source: None,
            keychain_missing: false,
            code: None,
        }
    }

    /// The fix, replacing any hint given before (a caller that knows better says so).
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints = vec![hint.into()];
        self
    }

    /// One more way out, after the hints given before.
    pub fn also_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// The error underneath.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(std::sync::Arc::new(source));
        self
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config, message)
    }
    pub fn auth(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Auth, message)
    }
    pub fn network(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Network, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    pub fn not_logged_in(profile: &str) -> Self {
        let login = if profile == "default" {
            "svcacct login".to_string()
        } else {
            format!("svcacct login --profile {profile}")
        };
        Self::auth(format!("not logged in (profile '{profile}')")).with_hint(format!(
            "run `{login}`, or set SVCACCT_TOKEN, or SVCACCT_API_URL + SVCACCT_CLIENT_ID + SVCACCT_CLIENT_SECRET"
        ))
    }
}

impl fmt::Display for Error {
    /// One line: the problem, then the fix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if !self.hints.is_empty() {
            write!(f, " (hint: {})", self.hints.join("; or "))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::internal(e.to_string()).with_source(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_code_table_matches_kinds() {
        let kinds = [
            ErrorKind::Internal,
            ErrorKind::Usage,
            ErrorKind::Config,
            ErrorKind::Auth,
            ErrorKind::Permission,
            ErrorKind::NotFound,
            ErrorKind::RateLimited,
            ErrorKind::Network,
            ErrorKind::Conflict,
            ErrorKind::AuditFailed,
            ErrorKind::Interrupted,
            ErrorKind::Cancelled,
            ErrorKind::StillInUse,
        ];
        for k in kinds {
            assert!(
                EXIT_CODES.iter().any(|(c, _)| *c == k.exit_code()),
                "{k:?} is documented"
            );
        }
        let mut codes: Vec<u8> = kinds.iter().map(|k| k.exit_code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), kinds.len(), "each kind has its own code");
    }

    #[test]
    fn several_hints_and_a_source() {
        use std::error::Error as _;
        let e = Error::from(std::io::Error::other("disk full"))
            .with_hint("free some space")
            .also_hint("set SVCACCT_CONFIG_DIR to another disk");
        assert_eq!(
            e.to_string(),
            "disk full (hint: free some space; or set SVCACCT_CONFIG_DIR to another disk)"
        );
        assert_eq!(
            e.source().map(|s| s.to_string()).as_deref(),
            Some("disk full")
        );
        let replaced = e.with_hint("only this");
        assert_eq!(replaced.to_string(), "disk full (hint: only this)");
    }

    #[test]
    fn display_is_one_line_with_hint() {
        let e = Error::not_logged_in("ci");
        let s = e.to_string();
        assert!(!s.contains('\n'));
        assert!(s.contains("profile 'ci'") && s.contains("svcacct login"));
    }
}
