//! `svcacct service-accounts …` (alias `sa`).

pub mod create;
pub mod delete;
pub mod federation;
pub mod list;
pub mod reset_secret;
pub mod rotate_secret;
pub mod shared;
pub mod update;
pub mod view;

use crate::context::Context;
use crate::error::Result;

pub async fn dispatch(ctx: &Context, command: ServiceAccountCommand) -> Result<()> {
    match command {
        ServiceAccountCommand::List(args) => list::run(ctx, &args).await,
        ServiceAccountCommand::Create(args) => create::run(ctx, &args).await,
        ServiceAccountCommand::View(args) => view::run(ctx, &args).await,
        ServiceAccountCommand::Update(args) => update::run(ctx, &args).await,
        ServiceAccountCommand::Delete(args) => delete::run(ctx, &args).await,
        ServiceAccountCommand::ResetSecret(args) => reset_secret::run(ctx, &args).await,
        ServiceAccountCommand::RotateSecret(args) => rotate_secret::run(ctx, &args).await,
        ServiceAccountCommand::Federation(cmd) => federation::dispatch(ctx, cmd).await,
    }
}

use crate::commands::service_accounts::create::SaCreateArgs;
use crate::commands::service_accounts::delete::SaDeleteArgs;
use crate::commands::service_accounts::federation::FederationCommand;
use crate::commands::service_accounts::list::SaListArgs;
use crate::commands::service_accounts::reset_secret::ResetSecretArgs;
use crate::commands::service_accounts::rotate_secret::RotateSecretArgs;
use crate::commands::service_accounts::update::SaUpdateArgs;
use clap::Subcommand;

use shared::SaIdArgs;

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
    /// Issue a new client secret; the old one, its tokens, and all permissions are reset (an
    /// incident); for a planned rotation without downtime use rotate-secret
    ResetSecret(ResetSecretArgs),
    /// Planned rotation: a second secret, the old one valid for a grace period; --finish
    /// retires the old one early. Permissions are untouched
    RotateSecret(RotateSecretArgs),
    /// Outside identities (CI systems' OpenID tokens) that may mint tokens for the account
    /// without a secret
    #[command(subcommand)]
    Federation(FederationCommand),
}
