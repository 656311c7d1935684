//! `svcacct reset-secret ID` / `svcacct service-accounts reset-secret ID`: destructive, so it
//! says what will happen in the seed's words and asks first.

use serde_json::json;

use crate::api::service_accounts::ServiceAccountChanges;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::ops::permission_journal::PermissionJournal;

use super::shared::{deliver_secret, describe_permissions, report_secret};
use crate::commands::args::SecretOutArgs;
use clap::Args;
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Args)]
pub struct ResetSecretArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::service_account_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Afterwards, grant again the permissions the account had before the reset
    #[arg(long)]
    pub reapply_permissions: bool,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}

pub async fn run(ctx: &Context, args: &ResetSecretArgs) -> Result<()> {
    let dest = args.secret.destination();
    dest.check()?;
    dest.check_jq(&ctx.out, "client_secret")?;
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let sa = session.api.service_account(company, args.id).await?;
    let reapply = if args.reapply_permissions {
        " (--reapply-permissions grants them again right after)"
    } else {
        ""
    };
    ctx.out.status(&format!(
        "Resetting the client secret of service account {} \"{}\" ({}):\n  \
         • a new client secret is issued, shown only once;\n  \
         • the old secret stops working, and so does every access token minted with it;\n  \
         • all permissions and project memberships of this account are reset to none{reapply}.",
        sa.id, sa.name, sa.client_id
    ));
    ctx.out.status(&format!(
        "  (For a planned rotation without downtime: `svcacct sa rotate-secret {}` keeps the old secret working for a grace period.)",
        sa.id
    ));
    ctx.out.confirm("Continue?", args.yes)?;
    // The set to grant again is journaled before the reset (and an earlier run's set, not yet
    // restored, is the one that counts: the account has none since that run).
    let journal =
        PermissionJournal::for_account(ctx.config.dir(), &session.creds.api, company, args.id);
    let pending = journal.pending()?;
    if args.reapply_permissions {
        if pending.is_none() {
            journal.record(&sa.permissions.clone().unwrap_or_default())?;
        }
    } else if let Some(set) = &pending {
        ctx.out.warn(&format!(
            "an interrupted reset left permissions to grant again ({}): `svcacct sa update {} --restore-permissions` grants them",
            describe_permissions(set),
            args.id
        ));
    }
    let reset = session
        .api
        .reset_service_account_secret(company, args.id, crate::http::client::idempotency_key())
        .await?;
    let removed = reset.previous_permissions.clone().unwrap_or_default();
    let previous = match (&pending, args.reapply_permissions) {
        (Some(set), true) => set.clone(),
        _ => removed.clone(),
    };
    ctx.out.status(&format!(
        "✓ Reset the secret of service account {}; permissions removed: {}",
        sa.id,
        describe_permissions(&removed)
    ));
    let mut out = serde_json::to_value(&reset.account).expect("serialisable");
    out["previous_permissions"] = json!(previous);
    // The old secret is dead now: the new one reaches its destination before anything else
    // can fail (a file or the keychain at once; stdout in the report below).
    let delivered = deliver_secret(ctx, &session.creds.api, &dest, &reset).await?;
    let restore = args.reapply_permissions && !previous.is_empty();
    if args.reapply_permissions && previous.is_empty() {
        journal.clear();
    }
    // (With --jq the document is whole before it is filtered: it goes out, secret included,
    // before the restore below, and the restore reports on stderr.)
    if ctx.out.json && restore && !ctx.out.has_jq() {
        // One document, written in two parts: everything but its end goes out (secret
        // included) before the restore's network call, so an interrupt or a hang there cannot
        // lose the secret; the end says what the restore did, or why it failed.
        delivered.annotate(&mut out, "client_secret", &reset.client_secret);
        let text = serde_json::to_string_pretty(&out).expect("serialisable");
        let open = text.strip_suffix("\n}").unwrap_or(&text);
        ctx.out
            .raw(&crate::ui::output::json_escape_controls(open))?;
        let restored = reapply_permissions(&session, company, args.id, &previous).await;
        if restored.is_ok() {
            journal.clear();
        }
        let (key, value) = match &restored {
            Ok(perms) => ("restored_permissions", json!(perms)),
            Err(e) => ("restore_error", json!(e.to_string())),
        };
        // Pretty like the rest of the document, indented one level.
        let value = serde_json::to_string_pretty(&value)
            .expect("serialisable")
            .replace('\n', "\n  ");
        let tail = format!(",\n  \"{key}\": {value}\n}}\n");
        ctx.out
            .raw(&crate::ui::output::json_escape_controls(&tail))?;
        return restored.map(|_| ());
    }
    report_secret(ctx, &reset, &delivered, out)?;
    if restore {
        let restored = reapply_permissions(&session, company, args.id, &previous).await?;
        journal.clear();
        ctx.out.status(&format!(
            "✓ Restored permissions: {}",
            describe_permissions(&restored)
        ));
    }
    Ok(())
}

async fn reapply_permissions(
    session: &crate::credentials::session::Session<'_>,
    company: i64,
    id: u64,
    previous: &crate::api::models::Permissions,
) -> Result<crate::api::models::Permissions> {
    let changes = ServiceAccountChanges {
        permissions: Some(previous),
        ..Default::default()
    };
    let updated = session
        .api
        .update_service_account(company, id, &changes)
        .await
        .map_err(|e| {
            Error::new(
                e.kind,
                format!(
                    "the secret was reset, but restoring the permissions failed: {}",
                    e.message
                ),
            )
            .with_hint(format!(
                "they are journaled: `svcacct sa update {id} --restore-permissions` grants them (or: svcacct sa update {id} {})",
                as_flags(previous)
            ))
        })?;
    Ok(updated.permissions.unwrap_or_default())
}

/// The `--permission`/`--project` flags that grant `perms`.
fn as_flags(perms: &crate::api::models::Permissions) -> String {
    perms
        .entries()
        .into_iter()
        .map(|(project, tool, level)| match project {
            None => format!("--permission {tool}={level}"),
            Some(p) => format!("--project {p}:{tool}={level}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
