//! `svcacct users revoke-api-access`: take API access away; the user's personal access tokens stop working (user managers).

use clap::Args;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct UserIdYesArgs {
    /// User id
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub async fn run(ctx: &Context, args: &UserIdYesArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let u = session.api.user(company, args.id).await?;
    ctx.out.status(&format!(
        "Taking API access from {} ({}) also stops their personal access tokens from working.",
        u.login, u.name
    ));
    ctx.out.confirm("Continue?", args.yes)?;
    let u = session.api.set_api_access(company, args.id, false).await?;
    ctx.out.status(&format!(
        "✓ {} ({}) no longer has API access",
        u.login, u.name
    ));
    if ctx.out.json {
        ctx.out.json_value(&u)
    } else {
        Ok(())
    }
}
