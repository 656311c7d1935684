//! The command-line interface. Doc comments are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

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
    #[arg(long, global = true, env = "SVCACCT_PROFILE", value_name = "NAME", add = ArgValueCandidates::new(crate::complete::profiles))]
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
    /// Company to act on (default: the signed-in user's company)
    #[arg(long, global = true, env = "SVCACCT_COMPANY_ID", value_name = "ID")]
    pub company: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in: browser (authorization code + PKCE), client credentials, or a personal access token
    Login(LoginArgs),
    /// Revoke the profile's tokens at the server and delete them locally
    Logout(LogoutArgs),
    /// Print a valid access token (cached, refreshed or re-minted) and nothing else
    Token,
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
    /// Call any API endpoint with your credentials (like `gh api`): prints the JSON answer
    Api(ApiArgs),
    /// Print a shell completion script (never edits your shell's files)
    Completions(CompletionsArgs),
    /// Help for a command, or a topic: `svcacct help exit-codes`
    Help(HelpArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    /// Print the registration for dynamic completion instead (also completes service-account and
    /// webhook ids and profile names, asking the API)
    #[arg(long)]
    pub dynamic: bool,
}

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// HTTP method: GET, POST, PATCH, PUT or DELETE
    #[arg(value_parser = ["GET", "POST", "PATCH", "PUT", "DELETE", "get", "post", "patch", "put", "delete"], ignore_case = true)]
    pub method: String,
    /// Path under the API, e.g. /api/v1/me (`{company}` becomes your company id)
    pub path: String,
    /// A string field KEY=VALUE (repeatable): JSON body, or query parameter for GET
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    pub raw_fields: Vec<String>,
    /// A typed field KEY=VALUE: numbers, true, false and null become JSON values (repeatable)
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// The request body from a file (- for stdin)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["raw_fields", "fields"])]
    pub input: Option<std::path::PathBuf>,
    /// An extra request header 'Name: value' (repeatable)
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Follow `Link: rel="next"` and print every page (arrays are merged into one)
    #[arg(long)]
    pub paginate: bool,
    /// Print the response status and headers to stderr
    #[arg(short = 'i', long)]
    pub include: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InstallState {
    Pending,
    Approved,
    Denied,
    Uninstalled,
}

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// The company's app installs
    List(AppsListArgs),
    /// The marketplace: apps, their developers, flows and the permissions they ask for
    Marketplace,
    /// Ask for an app to be installed (an admin approves or denies it)
    Request(AppRequestArgs),
    /// An install and the permissions it asks for
    View(AppIdArgs),
    /// Approve an install: its service user gets exactly the listed permissions (admins)
    Approve(AppApproveArgs),
    /// Deny an install (admins)
    Deny(AppDenyArgs),
    /// Uninstall: the app's service user is disabled and its tokens stop working (admins)
    Uninstall(AppUninstallArgs),
}

#[derive(Debug, Args)]
pub struct AppsListArgs {
    /// Only installs in this state
    #[arg(long, value_enum)]
    pub status: Option<InstallState>,
}

#[derive(Debug, Args)]
pub struct AppRequestArgs {
    /// The app's marketplace slug (see `svcacct apps marketplace`)
    pub app: String,
}

#[derive(Debug, Args)]
pub struct AppIdArgs {
    /// Install id
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct AppApproveArgs {
    /// Install id
    pub id: u64,
    /// A project the app's project permissions apply to (repeatable)
    #[arg(long = "project", value_name = "PROJECT_ID")]
    pub projects: Vec<i64>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct AppDenyArgs {
    /// Install id
    pub id: u64,
    /// Why (shown to whoever asked)
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct AppUninstallArgs {
    /// Install id
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// List webhooks
    List,
    /// The events a webhook can subscribe to
    Events,
    /// Create a webhook
    Create(WebhookCreateArgs),
    /// Show a webhook (hidden values masked: they cannot be read back)
    View(WebhookIdArgs),
    /// Change a webhook; hidden values not given again are kept
    Update(WebhookUpdateArgs),
    /// Delete a webhook; pending deliveries are discarded
    Delete(WebhookDeleteArgs),
    /// Send a test event and report the receiver's answer
    Test(WebhookIdArgs),
    /// Delivery attempts of a webhook, newest first
    Deliveries(DeliveriesArgs),
    /// Send a delivery again now
    Redeliver(RedeliverArgs),
}

#[derive(Debug, Args)]
pub struct WebhookIdArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::complete::webhook_ids))]
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct WebhookDeleteArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::complete::webhook_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Authentication and headers sent with every delivery. Write-only values (the password,
/// hidden header values) come from stdin, a file or a hidden prompt: never from argv.
#[derive(Debug, Args)]
pub struct WebhookAuthArgs {
    /// HTTP basic auth user name
    #[arg(long, value_name = "USER")]
    pub basic_auth_user: Option<String>,
    /// Read the basic-auth password from stdin (else SVCACCT_WEBHOOK_PASSWORD, else a prompt)
    #[arg(long)]
    pub basic_auth_password_stdin: bool,
    /// Read the basic-auth password from a file
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "basic_auth_password_stdin"
    )]
    pub basic_auth_password_file: Option<std::path::PathBuf>,
    /// An extra header 'Name: value' (repeatable)
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// A hidden header NAME (value from a prompt), NAME=@PATH (from a file) or NAME=- (stdin) (repeatable)
    #[arg(long = "hidden-header", value_name = "NAME[=@PATH|=-]")]
    pub hidden_headers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct WebhookCreateArgs {
    /// Destination (https; plain http only to 127.0.0.1, ::1, localhost)
    #[arg(long)]
    pub url: String,
    /// An event to send (repeatable); `ticket.*` means all ticket events
    #[arg(long = "event", value_name = "EVENT", required = true)]
    pub events: Vec<String>,
    #[command(flatten)]
    pub auth: WebhookAuthArgs,
    /// Create it paused (no deliveries until activated)
    #[arg(long)]
    pub inactive: bool,
}

#[derive(Debug, Args)]
pub struct WebhookUpdateArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::complete::webhook_ids))]
    pub id: u64,
    #[arg(long)]
    pub url: Option<String>,
    /// Replace the events with these (repeatable; globs like `ticket.*`)
    #[arg(long = "event", value_name = "EVENT")]
    pub events: Vec<String>,
    #[command(flatten)]
    pub auth: WebhookAuthArgs,
    /// Remove a header (repeatable)
    #[arg(long = "remove-header", value_name = "NAME")]
    pub remove_headers: Vec<String>,
    /// Stop sending basic auth
    #[arg(long, conflicts_with_all = ["basic_auth_user", "basic_auth_password_stdin", "basic_auth_password_file"])]
    pub no_basic_auth: bool,
    /// Resume deliveries
    #[arg(long, conflicts_with = "inactive")]
    pub active: bool,
    /// Pause deliveries
    #[arg(long)]
    pub inactive: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DeliveryStatus {
    Pending,
    Sending,
    Succeeded,
    Failed,
    Discarded,
}

#[derive(Debug, Args)]
pub struct DeliveriesArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::complete::webhook_ids))]
    pub id: u64,
    /// Only deliveries in this state
    #[arg(long, value_enum)]
    pub status: Option<DeliveryStatus>,
    /// Keep watching and print deliveries as they change, until Ctrl-C
    #[arg(long)]
    pub follow: bool,
    /// How many (newest first, at most 100)
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: u32,
}

#[derive(Debug, Args)]
pub struct RedeliverArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::complete::webhook_ids))]
    pub id: u64,
    /// Delivery id (see `svcacct webhooks deliveries`)
    pub delivery: u64,
}

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// List personal access tokens (never their values)
    List(TokensListArgs),
    /// Create a personal access token; its value is shown once
    Create(TokensCreateArgs),
    /// Revoke one token, or every token of a user with --all
    Revoke(TokensRevokeArgs),
}

#[derive(Debug, Args)]
pub struct TokensListArgs {
    /// Another user's tokens (needs the user-management permission)
    #[arg(long, value_name = "USER_ID")]
    pub user: Option<u64>,
}

/// `30d`, `12h`, `90m`, `2w` or plain seconds.
pub fn parse_duration(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let bad = || format!("'{s}' is not a duration: use a number with s, m, h, d or w, e.g. 30d");
    let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        "w" => n * 604_800,
        _ => return Err(bad()),
    };
    if !(60..=366 * 86_400).contains(&secs) {
        return Err(format!(
            "'{s}' is out of range: a token may last from 1 minute to 366 days"
        ));
    }
    Ok(secs)
}

#[derive(Debug, Args)]
pub struct TokensCreateArgs {
    /// What the token is for
    #[arg(long)]
    pub name: String,
    /// Lifetime, e.g. 30d, 12h (default: until revoked)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expires_in: Option<u64>,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["id", "all"])))]
pub struct TokensRevokeArgs {
    /// Token id (see `svcacct tokens list`)
    pub id: Option<i64>,
    /// Revoke every token (of --user, or your own)
    #[arg(long)]
    pub all: bool,
    /// Another user's tokens (needs the user-management permission)
    #[arg(long, value_name = "USER_ID")]
    pub user: Option<u64>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List the company's users
    List,
    /// Show one user
    View(UserIdArgs),
    /// Let a user see the API docs and create personal access tokens (user managers)
    GrantApiAccess(UserIdArgs),
    /// Take API access away; the user's personal access tokens stop working (user managers)
    RevokeApiAccess(UserIdYesArgs),
}

#[derive(Debug, Args)]
pub struct UserIdArgs {
    /// User id
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct UserIdYesArgs {
    /// User id
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum ServiceAccountCommand {
    /// List service accounts (a table on a terminal, tab-separated when piped)
    List(SaListArgs),
    /// Create a service account; its client secret is shown once
    Create(SaCreateArgs),
    /// Show a service account and its permissions
    View(SaIdArgs),
    /// Change a service account's name, description or permissions
    Update(SaUpdateArgs),
    /// Delete a service account; its tokens stop working at once
    Delete(SaDeleteArgs),
    /// Issue a new client secret; the old one, its tokens, and all permissions are reset
    ResetSecret(ResetSecretArgs),
}

/// A permission: TOOL=LEVEL company-wide, or PROJECT:TOOL=LEVEL on one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub project: Option<i64>,
    pub tool: String,
    pub level: String,
}

fn grant_help() -> String {
    format!(
        "expected TOOL=LEVEL with TOOL one of {} and LEVEL one of {}",
        crate::api::models::TOOLS.join(", "),
        crate::api::models::LEVELS.join(", ")
    )
}

fn parse_tool_level(s: &str) -> Result<(String, String), String> {
    let (tool, level) = s.split_once('=').ok_or_else(grant_help)?;
    let (tool, level) = (
        tool.trim().to_ascii_lowercase(),
        level.trim().to_ascii_lowercase(),
    );
    if !crate::api::models::TOOLS.contains(&tool.as_str()) {
        return Err(format!("unknown tool '{tool}': {}", grant_help()));
    }
    if !crate::api::models::LEVELS.contains(&level.as_str()) {
        return Err(format!("unknown level '{level}': {}", grant_help()));
    }
    Ok((tool, level))
}

/// `documents=read`
pub fn parse_company_grant(s: &str) -> Result<Grant, String> {
    let (tool, level) = parse_tool_level(s)?;
    Ok(Grant {
        project: None,
        tool,
        level,
    })
}

/// `12:documents=read`
pub fn parse_project_grant(s: &str) -> Result<Grant, String> {
    let (project, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("expected PROJECT_ID:TOOL=LEVEL ({})", grant_help()))?;
    let project = project
        .trim()
        .parse::<i64>()
        .map_err(|_| format!("'{project}' is not a project id (a number)"))?;
    let (tool, level) = parse_tool_level(rest)?;
    Ok(Grant {
        project: Some(project),
        tool,
        level,
    })
}

#[derive(Debug, Args)]
pub struct SaListArgs {
    /// Only accounts whose name contains TEXT
    #[arg(long = "q", visible_alias = "search", value_name = "TEXT")]
    pub q: Option<String>,
    /// Stop after N accounts
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Accounts per request (1-100)
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100), value_name = "N")]
    pub page_size: u32,
}

/// Where a secret that is shown once goes (default: stdout).
#[derive(Debug, Args)]
pub struct SecretOutArgs {
    /// Write the secret to PATH (mode 0600) instead of stdout
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<std::path::PathBuf>,
    /// With --secret-file: replace an existing file
    #[arg(long, requires = "secret_file")]
    pub force: bool,
    /// Keep it in the OS keychain instead: a service account's secret as profile sa-ID (then
    /// `svcacct --profile sa-ID token`), a personal access token as this profile's credential
    #[arg(long, conflicts_with = "secret_file")]
    pub save: bool,
}

#[derive(Debug, Args)]
pub struct SaCreateArgs {
    /// Display name
    #[arg(long)]
    pub name: String,
    /// Contact email in the company directory (cannot change later)
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub description: Option<String>,
    /// Company-wide permission TOOL=LEVEL (repeatable); new accounts have none
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = parse_company_grant)]
    pub permissions: Vec<Grant>,
    /// Project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = parse_project_grant)]
    pub projects: Vec<Grant>,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}

#[derive(Debug, Args)]
pub struct SaIdArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::complete::service_account_ids))]
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct SaUpdateArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::complete::service_account_ids))]
    pub id: u64,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    /// The contact email cannot change; the server explains why
    #[arg(long)]
    pub email: Option<String>,
    /// Set a company-wide permission TOOL=LEVEL (repeatable; LEVEL none removes it)
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = parse_company_grant)]
    pub permissions: Vec<Grant>,
    /// Set a project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = parse_project_grant)]
    pub projects: Vec<Grant>,
}

#[derive(Debug, Args)]
pub struct SaDeleteArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::complete::service_account_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ResetSecretArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::complete::service_account_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Afterwards, grant again the permissions the account had before the reset
    #[arg(long)]
    pub reapply_permissions: bool,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AuthMethodArg {
    /// HTTP Basic (client_secret_basic)
    Basic,
    /// In the form body (client_secret_post)
    Post,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Use the client credentials grant (a service account) instead of the browser
    #[arg(long, requires = "client_id", conflicts_with_all = ["with_token", "no_browser"])]
    pub client_credentials: bool,
    /// OAuth client id (default for browser login: svcacct-cli)
    #[arg(long, env = "SVCACCT_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,
    /// Read the client secret from stdin (client credentials: else SVCACCT_CLIENT_SECRET, else a
    /// hidden prompt; browser login: for confidential clients such as marketplace apps)
    #[arg(long, conflicts_with = "no_browser")]
    pub client_secret_stdin: bool,
    /// How to send the client secret to the token endpoint (default: what the server supports, basic first)
    #[arg(long, value_enum, value_name = "METHOD")]
    pub auth_method: Option<AuthMethodArg>,
    /// Store a personal access token read from stdin
    #[arg(long, conflicts_with_all = ["no_browser", "client_secret_stdin"])]
    pub with_token: bool,
    /// Print the sign-in URL and read the pasted redirect URL or code from stdin
    #[arg(long)]
    pub no_browser: bool,
    /// Redirect URI for --no-browser (default: urn:ietf:wg:oauth:2.0:oob)
    #[arg(long, value_name = "URI", requires = "no_browser")]
    pub redirect_uri: Option<String>,
    /// OAuth scope to request (repeatable)
    #[arg(long = "scope", value_name = "SCOPE")]
    pub scopes: Vec<String>,
    /// Authorization endpoint, for providers without RFC 8414 metadata
    #[arg(long, value_name = "URL")]
    pub authorize_url: Option<String>,
    /// Token endpoint, for providers without RFC 8414 metadata
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,
    /// Revocation endpoint (RFC 7009), for providers without RFC 8414 metadata
    #[arg(long, value_name = "URL")]
    pub revocation_url: Option<String>,
    /// Keep credentials in a plaintext 0600 file instead of the OS keychain
    #[arg(long)]
    pub insecure_storage: bool,
    /// Seconds to wait for the browser sign-in
    #[arg(long, default_value_t = 300, value_name = "SECS")]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Delete local credentials even if the server cannot be reached to revoke them
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Do not ask the server whether the token still works
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A command (e.g. `login`) or a topic (`exit-codes`)
    #[arg(value_name = "COMMAND|TOPIC")]
    pub topic: Vec<String>,
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
