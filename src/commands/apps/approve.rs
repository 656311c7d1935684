//! `svcacct apps approve`: approve an install: its service user gets exactly the listed permissions (admins).

use clap::Args;

use super::shared::*;
use crate::context::Context;
use crate::error::{Error, Result};

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

pub async fn run(ctx: &Context, args: &AppApproveArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    let i = api.app_install(company, args.id).await?;
    let dmsa = i.app.flows.iter().any(|f| f == "client_credentials");
    if dmsa && !i.requested_permissions.project.is_empty() && args.projects.is_empty() {
        return Err(Error::usage(format!("{} asks for project permissions: choose the projects", i.app.name))
            .with_hint("pass --project ID for each project (see the project ids with `svcacct sa view` or the platform)"));
    }
    let names = project_names(api, company).await?;
    let rows = permission_rows(&i.requested_permissions, &args.projects, &names);
    if rows.is_empty() || !dmsa {
        ctx.out.status(&format!(
            "{} by {} has no service user of its own: it acts only as each signed-in user.",
            i.app.name, i.app.developer
        ));
    } else {
        ctx.out.status(&format!(
            "Approving {} by {} gives its service user exactly these permissions:",
            i.app.name, i.app.developer
        ));
        for r in &rows {
            ctx.out
                .status(&format!("  {:<12} {:<9} {}", r[0], r[1], r[2]));
        }
    }
    ctx.out.confirm("Approve?", args.yes)?;
    let i = api.approve_app(company, args.id, &args.projects).await?;
    if ctx.out.json {
        return ctx.out.json_value(&i);
    }
    let user = i
        .dmsa_user_id
        .map(|u| format!("; its service user is user {u}"))
        .unwrap_or_default();
    ctx.out.status(&format!(
        "✓ Approved {} (install {}){user}",
        i.app.name, i.id
    ));
    Ok(())
}
