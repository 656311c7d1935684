//! `svcacct users view`: one user.

use super::shared::*;
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context, args: &UserIdArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let u = session.api.user(company, args.id).await?;
    if ctx.out.json {
        return ctx.out.json_value(&u);
    }
    let lines = [
        format!("ID:              {}", u.id),
        format!("Login:           {}", u.login),
        format!("Name:            {}", u.name),
        format!("Email:           {}", u.email),
        format!("Kind:            {}", kind(&u)),
        format!("Account owner:   {}", yes_no(u.is_owner)),
        format!("Company admin:   {}", yes_no(u.is_admin)),
        format!("API access:      {}", yes_no(u.api_access)),
        format!("User management: {}", yes_no(u.user_management)),
        format!("Disabled:        {}", yes_no(u.disabled)),
    ];
    lines.iter().try_for_each(|l| ctx.out.line(l))?;
    ctx.out.line("")?;
    crate::ops::permissions::show_table(
        ctx,
        &session.api,
        company,
        &u.permissions.clone().unwrap_or_default(),
        None,
    )
    .await
}
