//! What the user asked for on the command line and in the environment: the global flags (each
//! with its `SVCACCT_*` variable) and the environment's choice of platform. The clap tree
//! (`cli`) fills it; nothing below `cli` reads clap's arguments.

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
