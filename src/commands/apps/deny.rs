//! `svcacct apps deny`: deny an install (admins).

use clap::Args;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct AppDenyArgs {
    /// Install id
    pub id: u64,
    /// Why (shown to whoever asked)
    #[arg(long)]
    pub reason: Option<String>,
}

pub async fn run(ctx: &Context, args: &AppDenyArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    let i = api
        .deny_app(company, args.id, args.reason.as_deref())
        .await?;
    if ctx.out.json {
        return ctx.out.json_value(&i);
    }
    ctx.out
        .status(&format!("✓ Denied {} (install {})", i.app.name, i.id));
    Ok(())
}
