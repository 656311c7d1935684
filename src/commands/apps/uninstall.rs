//! `svcacct apps uninstall`: uninstall: the app's service user is disabled and its tokens stop working (admins).

use clap::Args;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct AppUninstallArgs {
    /// Install id
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub async fn run(ctx: &Context, args: &AppUninstallArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    let i = api.app_install(company, args.id).await?;
    ctx.out.status(&format!(
        "Uninstalling {} disables its service user; its tokens stop working at once.",
        i.app.name
    ));
    ctx.out.confirm("Uninstall?", args.yes)?;
    api.uninstall_app(company, args.id).await?;
    ctx.out
        .status(&format!("✓ Uninstalled {} (install {})", i.app.name, i.id));
    Ok(())
}
