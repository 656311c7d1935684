//! The command-line interface. Doc comments are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    #[arg(long, global = true, env = "SVCACCT_PROFILE", value_name = "NAME")]
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
    /// Help for a command, or a topic: `svcacct help exit-codes`
    Help(HelpArgs),
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
    /// Read the client secret from stdin (else SVCACCT_CLIENT_SECRET, else a hidden prompt)
    #[arg(long, requires = "client_credentials")]
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
}
