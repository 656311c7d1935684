//! The clap tree's root: the global flags and one subcommand per noun or verb, whose arguments
//! live with their `run` in `commands/`. Doc comments are the help text.

use clap::{CommandFactory, Parser, Subcommand};

use crate::context::Context;
use crate::error::Result;

use crate::commands::api::ApiArgs;
use crate::commands::apps::AppsCommand;
use crate::commands::args::GlobalArgs;
use crate::commands::audit::AuditArgs;
use crate::commands::completions::CompletionsArgs;
use crate::commands::exec::ExecArgs;
use crate::commands::git_credential::GitCredentialArgs;
use crate::commands::help::HelpArgs;
use crate::commands::login::LoginArgs;
use crate::commands::logout::LogoutArgs;
use crate::commands::service_accounts::ServiceAccountCommand;
use crate::commands::service_accounts::reset_secret::ResetSecretArgs;
use crate::commands::status::StatusArgs;
use crate::commands::token::TokenArgs;
use crate::commands::tokens::TokensCommand;
use crate::commands::users::UsersCommand;
use crate::commands::webhooks::WebhooksCommand;

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

/// Run the command: the noun's guard (an admin API the platform must have), then its verb.
pub async fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    use crate::commands::*;
    match command {
        Command::Login(args) => login::run(ctx, &args).await,
        Command::Logout(args) => logout::run(ctx, &args).await,
        Command::Token(args) => token::run(ctx, &args).await,
        Command::Exec(args) => exec::run(ctx, &args).await,
        Command::GitCredential(args) => git_credential::run(ctx, &args).await,
        Command::Status(args) => status::run(ctx, &args).await,
        Command::ServiceAccounts(cmd) => {
            ctx.require_admin_api("service accounts")?;
            service_accounts::dispatch(ctx, cmd).await
        }
        Command::ResetSecret(args) => {
            ctx.require_admin_api("service accounts")?;
            service_accounts::reset_secret::run(ctx, &args).await
        }
        Command::Tokens(cmd) => {
            ctx.require_admin_api("personal access tokens")?;
            tokens::dispatch(ctx, cmd).await
        }
        Command::Users(cmd) => {
            ctx.require_admin_api("the user directory's API-access permission")?;
            users::dispatch(ctx, cmd).await
        }
        Command::Webhooks(cmd) => webhooks::dispatch(ctx, cmd).await,
        Command::Apps(cmd) => {
            ctx.require_admin_api("app install requests")?;
            apps::dispatch(ctx, cmd).await
        }
        Command::Audit(args) => {
            ctx.require_admin_api("credential audits")?;
            audit::run(ctx, &args).await
        }
        Command::Api(args) => api::run(ctx, &args).await,
        Command::Completions(args) => completions::run(ctx, &args, Cli::command()),
        Command::Help(args) => help::run(ctx, &args, Cli::command()),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_tree_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
