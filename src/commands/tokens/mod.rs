//! `svcacct tokens …`: personal access tokens.

pub mod create;
pub mod list;
pub mod revoke;

use crate::api::tokens::Owner;
use crate::cli::TokensCommand;
use crate::context::{Context, Session};
use crate::error::Result;

pub async fn dispatch(ctx: &Context, command: TokensCommand) -> Result<()> {
    match command {
        TokensCommand::List(args) => list::run(ctx, &args).await,
        TokensCommand::Create(args) => create::run(ctx, &args).await,
        TokensCommand::Revoke(args) => revoke::run(ctx, &args).await,
    }
}

/// `--user ID` means that user's tokens; none means your own.
pub async fn owner(ctx: &Context, session: &Session<'_>, user: Option<u64>) -> Result<Owner> {
    Ok(match user {
        None => Owner::Me,
        Some(user) => Owner::User {
            company: ctx.company_id(session).await?,
            user,
        },
    })
}
