//! `svcacct service-accounts update`

use crate::api::service_accounts::ServiceAccountChanges;
use crate::cli::SaUpdateArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::ops::permission_journal::PermissionJournal;

use super::{describe_permissions, permissions_from};

pub async fn run(ctx: &Context, args: &SaUpdateArgs) -> Result<()> {
    let grants: Vec<_> = args.permissions.iter().chain(&args.projects).collect();
    let mut permissions = (!grants.is_empty()).then(|| permissions_from(&grants));
    if args.name.is_none()
        && args.description.is_none()
        && args.email.is_none()
        && permissions.is_none()
        && !args.restore_permissions
    {
        return Err(Error::usage("nothing to update").with_hint(
            "pass --name, --description, --permission TOOL=LEVEL, --project ID:TOOL=LEVEL or --restore-permissions",
        ));
    }
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let journal =
        PermissionJournal::for_account(ctx.config.dir(), &session.creds.api, company, args.id);
    if args.restore_permissions {
        permissions = Some(journal.pending()?.ok_or_else(|| {
            Error::usage(format!(
                "no permissions of service account {} are waiting to be granted again",
                args.id
            ))
            .with_hint("--restore-permissions applies what an interrupted `reset-secret --reapply-permissions` journaled")
        })?);
    }
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
    if args.restore_permissions {
        journal.clear();
    }
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
