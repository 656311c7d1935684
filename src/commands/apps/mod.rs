//! `svcacct apps …`: app installs with developer-managed service accounts (DMSA).

pub mod approve;
pub mod deny;
pub mod list;
pub mod marketplace;
pub mod request;
pub mod shared;
pub mod uninstall;
pub mod view;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;
use approve::AppApproveArgs;
use deny::AppDenyArgs;
use list::AppsListArgs;
use request::AppRequestArgs;
use uninstall::AppUninstallArgs;
use view::AppIdArgs;

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

pub async fn dispatch(ctx: &Context, command: AppsCommand) -> Result<()> {
    match command {
        AppsCommand::List(args) => list::run(ctx, &args).await,
        AppsCommand::Marketplace => marketplace::run(ctx).await,
        AppsCommand::Request(args) => request::run(ctx, &args).await,
        AppsCommand::View(args) => view::run(ctx, &args).await,
        AppsCommand::Approve(args) => approve::run(ctx, &args).await,
        AppsCommand::Deny(args) => deny::run(ctx, &args).await,
        AppsCommand::Uninstall(args) => uninstall::run(ctx, &args).await,
    }
}
