//! `svcacct service-accounts update`

use crate::api::service_accounts::ServiceAccountChanges;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::ops::permission_journal::PermissionJournal;

use super::shared::{describe_permissions, permissions_from};
use crate::commands::args::parse_company_grant;
use crate::commands::args::parse_project_grant;
use crate::ops::permissions::Grant;
use clap::Args;
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Args)]
pub struct SaUpdateArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::service_account_ids))]
    pub id: u64,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    /// The contact email cannot change; the server explains why
    #[arg(long)]
    pub email: Option<String>,
    /// Set a company-wide permission TOOL=LEVEL (repeatable; LEVEL none removes it)
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = parse_company_grant)]
    pub permissions: Vec<Grant>,
    /// Set a project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = parse_project_grant)]
    pub projects: Vec<Grant>,
    /// Grant again the permissions an interrupted `reset-secret --reapply-permissions` journaled
    #[arg(long, conflicts_with_all = ["permissions", "projects"])]
    pub restore_permissions: bool,
    /// Reduce the permissions to what the account's requests needed within SPAN (e.g. 90d):
    /// each tool granted → needed, or removed; shown, then confirmed
    #[arg(long, value_name = "SPAN", value_parser = trim_span, conflicts_with_all = ["permissions", "projects", "restore_permissions"])]
    pub trim_unused: Option<u64>,
    /// With --trim-unused: only show the proposal
    #[arg(long, requires = "trim_unused")]
    pub dry_run: bool,
    /// With --trim-unused: apply without asking
    #[arg(long, short = 'y', requires = "trim_unused")]
    pub yes: bool,
}

fn trim_span(s: &str) -> Result<u64, String> {
    crate::duration::duration_in(
        s,
        60,
        3650 * 86_400,
        "a span lasts from 1 minute to 10 years",
    )
}

/// `--trim-unused SPAN`: the proposal from real use, shown (a table, or `--json`), confirmed
/// (`--yes`; `--dry-run` stops after showing), applied in one request with an Idempotency-Key.
async fn trim_unused(ctx: &Context, args: &SaUpdateArgs, span: u64) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let sa = session.api.service_account(company, args.id).await?;
    let granted = sa.permissions.clone().unwrap_or_default();
    let usage = sa.permission_usage.clone().unwrap_or_default();
    let since = crate::clock::now() - span as i64;
    let (trims, after) = crate::ops::least_privilege::propose(&granted, &usage, since);
    let report = |applied: bool| {
        ctx.out.json_value(&serde_json::json!({
            "service_account_id": sa.id,
            "proposal": trims,
            "permissions_after": after,
            "applied": applied,
        }))
    };
    if ctx.out.json {
        // Printed once the outcome is known (below).
    } else if trims.is_empty() {
        ctx.out.status(&format!(
            "Every permission of service account {} was needed at its level: nothing to trim",
            sa.id
        ));
    } else {
        let rows: Vec<Vec<String>> = trims
            .iter()
            .map(|t| {
                vec![
                    t.tool.clone(),
                    t.project_id
                        .map(|p| format!("project {p}"))
                        .unwrap_or_else(|| "company-wide".into()),
                    t.granted.clone(),
                    if t.needed == "none" {
                        "(removed)".into()
                    } else {
                        t.needed.clone()
                    },
                ]
            })
            .collect();
        ctx.out
            .table(&["TOOL", "WHERE", "GRANTED", "NEEDED"], &rows)?;
    }
    if trims.is_empty() || args.dry_run {
        return if ctx.out.json { report(false) } else { Ok(()) };
    }
    ctx.out.confirm(
        &format!(
            "Reduce the permissions of service account {} \"{}\" to what it used?",
            sa.id, sa.name
        ),
        args.yes,
    )?;
    // Proposed from a view that may be old by now (another admin may have lowered a grant
    // while we asked): proposed again from a fresh one, which never raises a level.
    let fresh = session.api.service_account(company, args.id).await?;
    let (trims, _) = crate::ops::least_privilege::propose(
        &fresh.permissions.clone().unwrap_or_default(),
        &fresh.permission_usage.clone().unwrap_or_default(),
        since,
    );
    let change = crate::ops::least_privilege::change(&trims);
    let changes = ServiceAccountChanges {
        permissions: Some(&change),
        idempotency_key: Some(crate::http::client::idempotency_key()),
        ..Default::default()
    };
    let updated = session
        .api
        .update_service_account(company, args.id, &changes)
        .await?;
    if ctx.out.json {
        return report(true);
    }
    ctx.out.status(&format!(
        "✓ Trimmed service account {}; permissions now: {}",
        updated.id,
        describe_permissions(&updated.permissions.unwrap_or_default())
    ));
    Ok(())
}

pub async fn run(ctx: &Context, args: &SaUpdateArgs) -> Result<()> {
    if let Some(span) = args.trim_unused {
        return trim_unused(ctx, args, span).await;
    }
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
        idempotency_key: None,
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
