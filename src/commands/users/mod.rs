//! `svcacct users …`: the directory and the API-access permission.

pub mod grant_api_access;
pub mod list;
pub mod revoke_api_access;
pub mod shared;
pub mod update;
pub mod view;

use clap::Subcommand;

use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::Result;
use revoke_api_access::UserIdYesArgs;
use shared::UserIdArgs;
use update::UserUpdateArgs;

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List the company's users
    List(ListFormatArgs),
    /// Show one user
    View(UserIdArgs),
    /// Let a user see the API docs and create personal access tokens (user managers)
    GrantApiAccess(UserIdArgs),
    /// Take API access away; the user's personal access tokens stop working (user managers)
    RevokeApiAccess(UserIdYesArgs),
    /// Set a person's permissions (company admins); LEVEL none removes one
    Update(UserUpdateArgs),
}

pub async fn dispatch(ctx: &Context, command: UsersCommand) -> Result<()> {
    match command {
        UsersCommand::List(output) => list::run(ctx, &output).await,
        UsersCommand::View(args) => view::run(ctx, &args).await,
        UsersCommand::GrantApiAccess(args) => grant_api_access::run(ctx, &args).await,
        UsersCommand::RevokeApiAccess(args) => revoke_api_access::run(ctx, &args).await,
        UsersCommand::Update(args) => update::run(ctx, &args).await,
    }
}
