//! `svcacct users grant-api-access`: let a user see the API docs and create personal access tokens (user managers).

use super::shared::*;
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context, args: &UserIdArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let u = session.api.set_api_access(company, args.id, true).await?;
    ctx.out.status(&format!(
        "✓ {} ({}) has API access: they can see the API docs and create personal access tokens",
        u.login, u.name
    ));
    if ctx.out.json {
        ctx.out.json_value(&u)
    } else {
        Ok(())
    }
}
