//! `svcacct apps …`.

use clap::{Args, Subcommand, ValueEnum};

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
    #[command(flatten)]
    pub output: super::ListFormatArgs,
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
