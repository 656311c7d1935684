//! `svcacct service-accounts delete`

use crate::context::Context;
use crate::error::Result;
use clap::Args;
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Args)]
pub struct SaDeleteArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::service_account_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub async fn run(ctx: &Context, args: &SaDeleteArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let sa = session.api.service_account(company, args.id).await?;
    ctx.out.status(&format!(
        "Deleting service account {} \"{}\" ({}) stops every integration using it, at once.",
        sa.id, sa.name, sa.client_id
    ));
    ctx.out.confirm("Delete it?", args.yes)?;
    session.api.delete_service_account(company, args.id).await?;
    ctx.out.status(&format!(
        "✓ Deleted service account {} \"{}\"",
        sa.id, sa.name
    ));
    Ok(())
}
