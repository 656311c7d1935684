//! `svcacct users update`: set a person's permissions (company admins); LEVEL none removes one.

use clap::Args;

use crate::commands::args::{parse_company_grant, parse_project_grant};
use crate::context::Context;
use crate::error::Result;
use crate::ops::permissions::Grant;

#[derive(Debug, Args)]
pub struct UserUpdateArgs {
    /// User id
    pub id: u64,
    /// Company-wide permission TOOL=LEVEL (repeatable)
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = parse_company_grant)]
    pub permissions: Vec<Grant>,
    /// Project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = parse_project_grant)]
    pub projects: Vec<Grant>,
}

pub async fn run(ctx: &Context, args: &UserUpdateArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let grants: Vec<_> = args.permissions.iter().chain(&args.projects).collect();
    if grants.is_empty() {
        return Err(crate::error::Error::usage("nothing to update")
            .with_hint("pass --permission TOOL=LEVEL or --project ID:TOOL=LEVEL"));
    }
    let perms = crate::ops::permissions::from_grants(&grants);
    let u = session
        .api
        .set_user_permissions(company, args.id, &perms)
        .await?;
    if ctx.out.json {
        return ctx.out.json_value(&u);
    }
    let now = u.permissions.clone().unwrap_or_default();
    ctx.out.status(&format!(
        "✓ {} ({}) now has: {}",
        u.login,
        u.name,
        crate::ops::permissions::describe(&now)
    ));
    Ok(())
}
