//! `svcacct apps list`: the company's app installs.

use clap::{Args, ValueEnum};

use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InstallState {
    Pending,
    Approved,
    Denied,
    Uninstalled,
}

#[derive(Debug, Args)]
pub struct AppsListArgs {
    /// Only installs in this state
    #[arg(long, value_enum)]
    pub status: Option<InstallState>,
    #[command(flatten)]
    pub output: ListFormatArgs,
}

fn state_name(s: InstallState) -> &'static str {
    match s {
        InstallState::Pending => "pending",
        InstallState::Approved => "approved",
        InstallState::Denied => "denied",
        InstallState::Uninstalled => "uninstalled",
    }
}

pub async fn run(ctx: &Context, args: &AppsListArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    let installs = api
        .app_installs(company, args.status.map(state_name))
        .await?;
    if args.output.json(&ctx.out) {
        return ctx.out.json_items(&installs, args.output.lines());
    }
    if installs.is_empty() {
        ctx.out.status("No app installs.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = installs
        .iter()
        .map(|i| {
            vec![
                i.id.to_string(),
                i.app.name.clone(),
                i.app.developer.clone(),
                i.state.clone(),
                i.requested_version.to_string(),
            ]
        })
        .collect();
    ctx.out
        .rows(&["ID", "APP", "DEVELOPER", "STATE", "VERSION"], &rows)
}
