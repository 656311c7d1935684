//! `svcacct reset-secret ID` / `svcacct service-accounts reset-secret ID`: destructive, so it
//! says what will happen in the seed's words and asks first.

use serde_json::json;

use crate::api::service_accounts::ServiceAccountChanges;
use crate::cli::ResetSecretArgs;
use crate::context::Context;
use crate::delivery::SecretDestination;
use crate::error::{Error, Result};

use super::{deliver_secret, describe_permissions, report_secret};

pub async fn run(ctx: &Context, args: &ResetSecretArgs) -> Result<()> {
    let dest = SecretDestination::new(&args.secret);
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
    let reset = session
        .api
        .reset_service_account_secret(company, args.id, crate::auth::oauth::idempotency_key())
        .await?;
    let previous = reset.previous_permissions.clone().unwrap_or_default();
    ctx.out.status(&format!(
        "✓ Reset the secret of service account {}; permissions removed: {}",
        sa.id,
        describe_permissions(&previous)
    ));
    let mut out = serde_json::to_value(&reset.account).expect("serialisable");
    out["previous_permissions"] = json!(previous);
    // The old secret is dead now: the new one reaches its destination before anything else
    // can fail (a file or the keychain at once; stdout in the report below).
    let delivered = deliver_secret(ctx, &session.creds.api, &dest, &reset).await?;
    let restore = args.reapply_permissions && !previous.is_empty();
    // (With --jq the document is whole before it is filtered: it goes out, secret included,
    // before the restore below, and the restore reports on stderr.)
    if ctx.out.json && restore && !ctx.out.has_jq() {
        // One document, written in two parts: everything but its end goes out (secret
        // included) before the restore's network call, so an interrupt or a hang there cannot
        // lose the secret; the end says what the restore did, or why it failed.
        delivered.annotate(&mut out, "client_secret", &reset.client_secret);
        let text = serde_json::to_string_pretty(&out).expect("serialisable");
        let open = text.strip_suffix("\n}").unwrap_or(&text);
        ctx.out.raw(&crate::output::json_escape_controls(open))?;
        let restored = reapply_permissions(&session, company, args.id, &previous).await;
        let (key, value) = match &restored {
            Ok(perms) => ("restored_permissions", json!(perms)),
            Err(e) => ("restore_error", json!(e.to_string())),
        };
        let tail = format!(",\n  \"{key}\": {value}\n}}\n");
        ctx.out.raw(&crate::output::json_escape_controls(&tail))?;
        return restored.map(|_| ());
    }
    report_secret(ctx, &reset, &delivered, out)?;
    if restore {
        let restored = reapply_permissions(&session, company, args.id, &previous).await?;
        ctx.out.status(&format!(
            "✓ Restored permissions: {}",
            describe_permissions(&restored)
        ));
    }
    Ok(())
}

async fn reapply_permissions(
    session: &crate::context::Session<'_>,
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
                "grant them again: svcacct sa update {id} {}",
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
