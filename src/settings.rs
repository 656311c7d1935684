//! What the user asked for on the command line and in the environment: the global flags (each
//! with its `SVCACCT_*` variable, which clap reads) that the clap tree (`cli`) fills — nothing
//! below `cli` reads clap's arguments — and every other environment variable svcacct reads,
//! listed in [`VARIABLES`] and read once, here (`architecture.rs` refuses `std::env::var`
//! anywhere else).

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::sync::OnceLock;

/// The global flags, as given (`--profile`/`SVCACCT_PROFILE`, `--api`/`SVCACCT_API_URL`,
/// `--company`/`SVCACCT_COMPANY_ID`, `-v`, `--json`, `--jq`).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub profile: Option<String>,
    pub api: Option<String>,
    pub verbose: u8,
    pub json: bool,
    pub jq: Option<String>,
    pub company: Option<i64>,
}

/// The environment variables a token is made from (`svcacct exec` and the exec sink keep them
/// from their child).
pub const CREDENTIAL_VARIABLES: [&str; 6] = [
    "SVCACCT_TOKEN",
    "SVCACCT_CLIENT_ID",
    "SVCACCT_CLIENT_SECRET",
    "SVCACCT_CLIENT_ASSERTION_FILE",
    "ACTIONS_ID_TOKEN_REQUEST_URL",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
];

/// Every environment variable svcacct reads besides the global flags' (`SVCACCT_PROFILE`,
/// `SVCACCT_API_URL`, `SVCACCT_COMPANY_ID`, which clap reads with the flags).
pub const VARIABLES: &[&str] = &[
    // Credentials from the environment (CI jobs, kubectl's `env:`, git's helper).
    "SVCACCT_TOKEN",
    "SVCACCT_CLIENT_ID",
    "SVCACCT_CLIENT_SECRET",
    "SVCACCT_CLIENT_ASSERTION_FILE",
    "SVCACCT_AUDIENCE",
    "SVCACCT_TOKEN_URL",
    "SVCACCT_PROVIDER",
    "ACTIONS_ID_TOKEN_REQUEST_URL",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    "SVCACCT_WEBHOOK_PASSWORD",
    // Where things are, and how long to wait.
    "SVCACCT_CONFIG_DIR",
    "XDG_RUNTIME_DIR",
    "SVCACCT_HTTP_TIMEOUT",
    "SVCACCT_MAX_WAIT",
    // The session: CI, a desktop, SSH, a browser, kubectl.
    "CI",
    "BROWSER",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "SSH_CONNECTION",
    "SSH_TTY",
    "KUBERNETES_EXEC_INFO",
    // Only in binaries `cargo test` builds (feature test-hooks): the tests' file keychain,
    // keyctl refused, the clock.
    "SVCACCT_TEST_KEYCHAIN",
    "SVCACCT_TEST_NO_KEYCTL",
    "SVCACCT_TEST_CLOCK_OFFSET",
];

fn snapshot() -> &'static HashMap<&'static str, OsString> {
    static SNAPSHOT: OnceLock<HashMap<&'static str, OsString>> = OnceLock::new();
    SNAPSHOT.get_or_init(|| {
        VARIABLES
            .iter()
            .filter_map(|name| std::env::var_os(name).map(|v| (*name, v)))
            .collect()
    })
}

/// The variable `name` (one of [`VARIABLES`]) as the process started with it.
pub fn var_os(name: &str) -> Option<&'static OsStr> {
    debug_assert!(
        VARIABLES.contains(&name),
        "{name} is not in settings::VARIABLES"
    );
    snapshot().get(name).map(OsString::as_os_str)
}

/// The variable `name` when it is set to UTF-8 text.
pub fn var(name: &str) -> Option<&'static str> {
    var_os(name).and_then(OsStr::to_str)
}

/// The variable `name` when set to something besides white space, trimmed.
pub fn nonempty(name: &str) -> Option<&'static str> {
    var(name).map(str::trim).filter(|v| !v.is_empty())
}
