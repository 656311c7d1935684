//! `svcacct users list`: the company's users.

use super::shared::*;
use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context, output: &ListFormatArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let users = session.api.users(company).await?;
    if output.json(&ctx.out) {
        return ctx.out.json_items(&users, output.lines());
    }
    let rows: Vec<Vec<String>> = users
        .iter()
        .map(|u| {
            vec![
                u.id.to_string(),
                u.login.clone(),
                u.name.clone(),
                kind(u),
                yes_no(u.api_access),
                yes_no(u.user_management),
                yes_no(u.is_admin),
                yes_no(u.is_owner),
                yes_no(u.disabled),
            ]
        })
        .collect();
    ctx.out.rows(
        &[
            "ID",
            "LOGIN",
            "NAME",
            "KIND",
            "API ACCESS",
            "USER MGMT",
            "ADMIN",
            "OWNER",
            "DISABLED",
        ],
        &rows,
    )
}
