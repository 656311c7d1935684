//! The command-line interface, one module per noun. Doc comments are the help text.

use clap::{Args, Parser, Subcommand};
use clap_complete::engine::ArgValueCandidates;

mod api;
mod apps;
mod auth;
pub mod complete;
mod service_accounts;
mod tokens;
mod webhooks;

pub use api::*;
pub use apps::*;
pub use auth::*;
pub use service_accounts::*;
pub use tokens::*;
pub use webhooks::*;

#[derive(Debug, Parser)]
#[command(
    name = "svcacct",
    version,
    about = "Manage the integration credentials of your construction-project platform",
    long_about = "Manage the integration credentials of your construction-project platform: \
                  sign in with OAuth 2.0, mint access tokens for CI, and keep tokens in the OS keychain.",
    disable_help_subcommand = true,
    after_help = "Run `svcacct help exit-codes` for the exit status table."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Profile to use (a named set of API URL and credentials)
    #[arg(long, global = true, env = "SVCACCT_PROFILE", value_name = "NAME", value_parser = profile_name, add = ArgValueCandidates::new(crate::cli::complete::profiles))]
    pub profile: Option<String>,
    /// Platform API base URL (https, or http to loopback only)
    #[arg(long, global = true, env = "SVCACCT_API_URL", value_name = "URL")]
    pub api: Option<String>,
    /// Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// Filter the JSON output with a jq program (implies --json), e.g. --jq '.[].client_id'
    #[arg(short = 'q', long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,
    /// Company to act on (default: the signed-in user's company)
    #[arg(long, global = true, env = "SVCACCT_COMPANY_ID", value_name = "ID")]
    pub company: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in: browser (authorization code + PKCE), a code on any device (device flow), client
    /// credentials, or a personal access token
    Login(LoginArgs),
    /// Revoke the profile's tokens at the server and delete them locally
    Logout(LogoutArgs),
    /// Print a valid access token (cached, refreshed or re-minted) and nothing else
    Token(TokenArgs),
    /// Run a command with a valid access token in its environment (never in its arguments)
    Exec(ExecArgs),
    /// Git's credential helper: `git config credential.helper '!svcacct git-credential'`
    GitCredential(GitCredentialArgs),
    /// Show who you are signed in as, where credentials are stored and when the token expires
    Status(StatusArgs),
    /// Manage service accounts: client-credentials integrations of your company
    #[command(subcommand, visible_alias = "sa")]
    ServiceAccounts(ServiceAccountCommand),
    /// Reset a service account's client secret (the same as `service-accounts reset-secret`)
    ResetSecret(ResetSecretArgs),
    /// Personal access tokens: yours, or (user managers) other users'
    #[command(subcommand)]
    Tokens(TokensCommand),
    /// The company directory and the API-access permission
    #[command(subcommand)]
    Users(UsersCommand),
    /// Webhooks: where the platform POSTs events (account owners only)
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// App installs: review the permissions an app asks for, approve or deny, uninstall
    #[command(subcommand)]
    Apps(AppsCommand),
    /// Every credential you may see, with created / last used / expires, checked against
    /// rules (default unused>90d,age>180d,expires<14d); --fail-on exits 10 (for CI alerts)
    Audit(AuditArgs),
    /// Call any API endpoint with your credentials (like `gh api`): prints the JSON answer
    Api(ApiArgs),
    /// Print a shell completion script (never edits your shell's files)
    Completions(CompletionsArgs),
    /// Help for a command, or a topic: `svcacct help exit-codes`
    Help(HelpArgs),
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The rules to flag credentials by: unused>SPAN, age>SPAN, expires<SPAN (d, h, m)
    #[arg(long, value_name = "RULES", default_value = crate::commands::audit::DEFAULT_RULES)]
    pub rules: String,
    /// Exit 10 when any credential breaks one of these rules (alone: the --rules)
    #[arg(long, value_name = "RULES", num_args = 0..=1, default_missing_value = "")]
    pub fail_on: Option<String>,
    /// With --fail-on: pass even when some credentials could not be seen (else exit 5)
    #[arg(long, requires = "fail_on")]
    pub allow_partial: bool,
    #[command(flatten)]
    pub output: ListFormatArgs,
}

/// How a listing prints as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// One JSON array (the same as --json)
    Json,
    /// One JSON object per line, each printed as soon as it is fetched
    Jsonl,
}

#[derive(Debug, Clone, Default, Args)]
pub struct ListFormatArgs {
    /// json (one array, like --json) or jsonl (one object per line, streamed)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ListFormat>,
}

impl ListFormatArgs {
    /// Whether JSON is printed at all (`--format`, `--json` or `--jq`).
    pub fn json(&self, out: &crate::ui::output::Output) -> bool {
        out.json || self.format.is_some()
    }

    pub fn lines(&self) -> bool {
        self.format == Some(ListFormat::Jsonl)
    }
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A command (e.g. `login`) or a topic (`exit-codes`)
    #[arg(value_name = "COMMAND|TOPIC")]
    pub topic: Vec<String>,
}

/// `--profile`: a name that is safe as a file name (an empty value means "the default").
fn profile_name(name: &str) -> Result<String, String> {
    if name.is_empty() {
        return Ok(String::new());
    }
    crate::config::validate_profile_name(name)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_tree_is_consistent() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(super::parse_duration("30d"), Ok(30 * 86_400));
        assert_eq!(super::parse_duration("12h"), Ok(43_200));
        assert_eq!(super::parse_duration("3600"), Ok(3600));
        assert!(super::parse_duration("30").is_err(), "under a minute");
        assert!(
            super::parse_duration("5y")
                .unwrap_err()
                .contains("e.g. 30d")
        );
        assert!(
            super::parse_duration("400d")
                .unwrap_err()
                .contains("366 days")
        );
        assert!(super::parse_duration("d").is_err());
    }
}
