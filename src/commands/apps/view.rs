//! `svcacct apps view`: an install and the permissions it asks for.

use clap::Args;

use super::shared::*;
use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct AppIdArgs {
    /// Install id
    pub id: u64,
}

pub async fn run(ctx: &Context, args: &AppIdArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    let i = api.app_install(company, args.id).await?;
    if ctx.out.json {
        return ctx.out.json_value(&i);
    }
    let names = project_names(api, company).await?;
    show(ctx, &i, &names)
}
