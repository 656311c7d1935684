//! `svcacct sa rotate-secret ID [--grace DURATION] | --finish [--force]`: a planned rotation
//! without downtime. A second secret is issued and delivered like a reset's; the old one keeps
//! working until the grace ends (or `--finish`), and permissions are untouched.

use crate::api::models::ServiceAccount;
use crate::cli::{RotateSecretArgs, SecretOutArgs};
use crate::context::Context;
use crate::delivery::SecretDestination;
use crate::error::{ErrorKind, Result};

use super::{deliver_secret, report_secret};

pub async fn run(ctx: &Context, args: &RotateSecretArgs) -> Result<()> {
    if args.finish {
        return finish(ctx, args).await;
    }
    let dest = SecretDestination::new(&SecretOutArgs {
        secret_file: args.secret_file.clone(),
        force: args.force,
        save: args.save,
    });
    dest.check()?;
    dest.check_jq(&ctx.out, "client_secret")?;
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let rotated = session
        .api
        .rotate_service_account_secret(
            company,
            args.id,
            args.grace,
            crate::auth::oauth::idempotency_key(),
        )
        .await
        .map_err(|e| {
            if e.kind == ErrorKind::Conflict {
                e.with_hint(format!(
                    "retire the old secret first: svcacct sa rotate-secret {} --finish",
                    args.id
                ))
            } else {
                e
            }
        })?;
    let account = &rotated.account;
    let old_until = account
        .secrets
        .as_ref()
        .and_then(|s| s.first())
        .and_then(|s| s.expires_at.clone())
        .unwrap_or_else(|| "the end of the grace".into());
    ctx.out.status(&format!(
        "✓ Rotated the secret of service account {} \"{}\": the old secret works until {old_until}; permissions are unchanged.\n  \
         Deploy the new secret, then `svcacct sa rotate-secret {} --finish` (or let the grace run out).",
        account.id, account.name, account.id
    ));
    let delivered = deliver_secret(ctx, &session.creds.api, &dest, &rotated).await?;
    let json = serde_json::to_value(account).expect("serialisable");
    report_secret(ctx, &rotated, &delivered, json)
}

async fn finish(ctx: &Context, args: &RotateSecretArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let account: ServiceAccount = session
        .api
        .finish_service_account_rotation(company, args.id, args.force)
        .await
        .map_err(|e| {
            if e.kind == ErrorKind::Conflict && e.message.contains("used") {
                e.with_hint(format!(
                    "find what still uses it, or retire it anyway: svcacct sa rotate-secret {} --finish --force",
                    args.id
                ))
            } else {
                e
            }
        })?;
    if ctx.out.json {
        return ctx.out.json_value(&account);
    }
    ctx.out.status(&format!(
        "✓ Retired the old secret of service account {}: it and the tokens minted with it no longer work",
        account.id
    ));
    Ok(())
}
