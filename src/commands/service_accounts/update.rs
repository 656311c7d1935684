//! `svcacct service-accounts update`

use crate::api::service_accounts::ServiceAccountChanges;
use crate::cli::SaUpdateArgs;
use crate::context::Context;
use crate::error::{Error, Result};

use super::{describe_permissions, permissions_from};

pub async fn run(ctx: &Context, args: &SaUpdateArgs) -> Result<()> {
    let grants: Vec<_> = args.permissions.iter().chain(&args.projects).collect();
    let permissions = (!grants.is_empty()).then(|| permissions_from(&grants));
    if args.name.is_none()
        && args.description.is_none()
        && args.email.is_none()
        && permissions.is_none()
    {
        return Err(Error::usage("nothing to update").with_hint(
            "pass --name, --description, --permission TOOL=LEVEL or --project ID:TOOL=LEVEL",
        ));
    }
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let changes = ServiceAccountChanges {
        name: args.name.as_deref(),
        description: args.description.as_deref(),
        email: args.email.as_deref(),
        permissions: permissions.as_ref(),
    };
    let sa = session
        .api
        .update_service_account(company, args.id, &changes)
        .await?;
    if ctx.out.json {
        return ctx.out.json_value(&sa);
    }
    ctx.out.status(&format!(
        "✓ Updated service account {} \"{}\"; permissions now: {}",
        sa.id,
        sa.name,
        describe_permissions(&sa.permissions.unwrap_or_default())
    ));
    Ok(())
}
