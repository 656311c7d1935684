//! `svcacct tokens …`: personal access tokens.

pub mod create;
pub mod list;
pub mod revoke;
pub mod shared;

use crate::commands::tokens::create::TokensCreateArgs;
use crate::commands::tokens::list::TokensListArgs;
use crate::commands::tokens::revoke::TokensRevokeArgs;
use crate::context::Context;
use crate::error::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// List personal access tokens (never their values)
    List(TokensListArgs),
    /// Create a personal access token; its value is shown once
    Create(TokensCreateArgs),
    /// Revoke one token, or every token of a user with --all
    Revoke(TokensRevokeArgs),
}

pub async fn dispatch(ctx: &Context, command: TokensCommand) -> Result<()> {
    match command {
        TokensCommand::List(args) => list::run(ctx, &args).await,
        TokensCommand::Create(args) => create::run(ctx, &args).await,
        TokensCommand::Revoke(args) => revoke::run(ctx, &args).await,
    }
}
