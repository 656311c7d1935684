//! `svcacct apps request`: ask for an app to be installed (an admin approves or denies it).

use clap::Args;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct AppRequestArgs {
    /// The app's marketplace slug (see `svcacct apps marketplace`)
    pub app: String,
}

pub async fn run(ctx: &Context, args: &AppRequestArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    let i = api.request_app(company, &args.app).await?;
    if ctx.out.json {
        return ctx.out.json_value(&i);
    }
    ctx.out.status(&format!("✓ Requested {} (install {}): a company admin reviews its permissions and approves or denies it", i.app.name, i.id));
    Ok(())
}
