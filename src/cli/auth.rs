//! `svcacct login`, `logout`, `status`.

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AuthMethodArg {
    /// HTTP Basic (client_secret_basic)
    Basic,
    /// In the form body (client_secret_post)
    Post,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// A platform preset: its endpoints, redirect rules, token header and rate limits, so no
    /// endpoint flag is needed (default: discovery from --api; kept in the profile)
    #[arg(long, value_enum, value_name = "PROVIDER")]
    pub provider: Option<crate::providers::Provider>,
    /// Use the client credentials grant (a service account) instead of the browser
    #[arg(long, requires = "client_id", conflicts_with_all = ["with_token", "no_browser"])]
    pub client_credentials: bool,
    /// OAuth client id (default for browser login: svcacct-cli)
    #[arg(long, env = "SVCACCT_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,
    /// Read the client secret from stdin (client credentials: else SVCACCT_CLIENT_SECRET, else a
    /// hidden prompt; browser login: for confidential clients such as Procore or marketplace
    /// apps, else SVCACCT_CLIENT_SECRET; with --no-browser the first line, the code after it)
    #[arg(long)]
    pub client_secret_stdin: bool,
    /// How to send the client secret to the token endpoint (default: what the server supports, basic first)
    #[arg(long, value_enum, value_name = "METHOD")]
    pub auth_method: Option<AuthMethodArg>,
    /// Store a personal access token read from stdin
    #[arg(long, conflicts_with_all = ["no_browser", "client_secret_stdin"])]
    pub with_token: bool,
    /// Print the sign-in URL and read the pasted redirect URL or code from stdin
    #[arg(long, conflicts_with = "device")]
    pub no_browser: bool,
    /// Sign in with a code entered on any device (RFC 8628 device flow): for SSH sessions and
    /// containers. Without a flag, login picks: loopback on a desktop, the device flow over SSH
    /// or without a display (where offered), else paste-the-code
    #[arg(long, conflicts_with_all = ["redirect_uri", "client_credentials", "with_token"])]
    pub device: bool,
    /// The registered redirect URI: with --no-browser the one the provider shows the code on
    /// (default urn:ietf:wg:oauth:2.0:oob); for a browser sign-in an exact
    /// http://localhost:PORT/PATH, listened on at that port and path (default: any free port)
    #[arg(long, value_name = "URI")]
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
    /// Seconds to wait for the browser sign-in (default 300), or at most for a device code's
    /// approval (default: the code's own lifetime)
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum TokenFormat {
    /// The token alone, for scripts and command substitution
    #[default]
    Text,
    /// {"access_token", "token_type", "expires_at"}
    Json,
    /// A Kubernetes client.authentication.k8s.io/v1 ExecCredential (kubectl exec plugins)
    ExecCredential,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    /// How to print it (--json is the same as --format json)
    #[arg(long, value_enum, default_value_t = TokenFormat::Text)]
    pub format: TokenFormat,
    /// Mint (or refresh) a new token even if the cached one has not expired: for a token the
    /// server revoked early
    #[arg(long)]
    pub refresh: bool,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// The environment variable that carries the token
    #[arg(long = "env", value_name = "NAME", default_value = "SVCACCT_TOKEN", value_parser = env_name)]
    pub env: String,
    /// The command and its arguments (after `--`); the token is never one of them
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    pub command: Vec<std::ffi::OsString>,
}

/// An environment variable name: letters, digits and `_`, not starting with a digit.
fn env_name(name: &str) -> Result<String, String> {
    let ok = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(name.to_string())
    } else {
        Err(format!(
            "'{name}' is not an environment variable name (letters, digits and _)"
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GitCredentialOperation {
    /// Answer with the access token for the profile's API host
    Get,
    /// Accepted and ignored (svcacct keeps its own credentials)
    Store,
    /// Drop the cached access token the server refused, so the next get makes a new one
    Erase,
}

#[derive(Debug, Args)]
pub struct GitCredentialArgs {
    /// What git asks (git passes it; the request is on stdin)
    #[arg(value_enum)]
    pub operation: GitCredentialOperation,
}
