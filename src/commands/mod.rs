//! One module per command; each turns its arguments into calls on `auth::` or `api::` and hands
//! the result to `output::`.

pub mod api;
pub mod apps;
pub mod audit;
pub mod completions;
pub mod help;
pub mod login;
pub mod logout;
pub mod permissions;
pub mod service_accounts;
pub mod status;
pub mod token;
pub mod tokens;
pub mod users;
pub mod webhooks;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Result;

pub async fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Login(args) => login::run(ctx, &args).await,
        Command::Logout(args) => logout::run(ctx, &args).await,
        Command::Token(args) => token::run(ctx, &args).await,
        Command::Exec(args) => token::exec(ctx, &args).await,
        Command::GitCredential(args) => token::git_credential(ctx, &args).await,
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
        Command::Completions(args) => completions::run(ctx, &args),
        Command::Help(args) => help::run(ctx, &args),
    }
}
