//! `svcacct sa rotate-secret ID [--grace DURATION] | --finish [--force]`: a planned rotation
//! without downtime. A second secret is issued and delivered like a reset's; the old one keeps
//! working until the grace ends (or `--finish`), and permissions are untouched.

use crate::api::models::ServiceAccount;
use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::ops::delivery::SecretDestination;
use crate::ops::pending_rotation::{PendingRotation, SinkResult};
use crate::ops::secret_sinks::{self, Sink};
use crate::secret::Secret;

use super::shared::{deliver_secret, report_secret};
use clap::Args;
use clap_complete::engine::ArgValueCandidates;

/// A rotation's grace: 1 second to 30 days.
pub fn grace(s: &str) -> Result<u64, String> {
    crate::duration::duration_in(s, 1, 30 * 86_400, "a grace lasts from 1 second to 30 days")
}

#[derive(Debug, Args)]
pub struct RotateSecretArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::service_account_ids))]
    pub id: u64,
    /// How long the old secret keeps working: 30m, 24h, 7d, or plain seconds such as 8
    #[arg(long, value_name = "DURATION", value_parser = grace, default_value = "24h", conflicts_with = "finish")]
    pub grace: u64,
    /// Retire the old secret now (it and the tokens minted with it stop working)
    #[arg(long, conflicts_with_all = ["secret_file", "save"])]
    pub finish: bool,
    /// With --finish: even if the old secret was used in the last 15 minutes. With
    /// --secret-file: replace an existing file
    #[arg(long)]
    pub force: bool,
    /// Write the new secret to PATH (mode 0600) instead of stdout
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<std::path::PathBuf>,
    /// Keep the new secret in the OS keychain as profile sa-ID instead
    #[arg(long, conflicts_with = "secret_file")]
    pub save: bool,
    /// Also deliver the new secret to its consumers (repeatable): file:PATH (0600, never
    /// through a symlink), env-file:PATH:NAME (that line of a dotenv file), exec:COMMAND (the
    /// secret on the command's stdin only). Until the rotation ends the secret is kept (the OS
    /// keychain, or --secret-file) so that --resume can retry the sinks that failed
    #[arg(long = "deliver", value_name = "SINK", value_parser = crate::ops::secret_sinks::parse, conflicts_with_all = ["finish", "save"])]
    pub deliver: Vec<crate::ops::secret_sinks::Sink>,
    /// After the new secret is out, wait until the old one has not been used for SPAN (default
    /// 15m), then retire it; on a terminal a progress line, else one line a minute
    #[arg(long, value_name = "SPAN", num_args = 0..=1, default_missing_value = "15m", value_parser = grace, conflicts_with = "finish")]
    pub finish_when_idle: Option<u64>,
    /// With --finish-when-idle: wait at most SPAN (default: the grace); then both secrets
    /// stay, and exit 11 says who still uses the old one
    #[arg(long, value_name = "SPAN", value_parser = grace, requires = "finish_when_idle")]
    pub timeout: Option<u64>,
    /// Deliver the pending secret again to the sinks that failed (no new secret is made)
    #[arg(long, conflicts_with_all = ["finish", "deliver", "save", "secret_file", "grace"])]
    pub resume: bool,
}

/// The pending rotation of `id` (see `ops::pending_rotation`).
fn pending(ctx: &Context, api: &url::Url, company: i64, id: u64) -> Result<PendingRotation> {
    let config = ctx.config.load()?;
    let storage = crate::ops::delivery::storage_of_current_profile(ctx, &config);
    Ok(PendingRotation::for_account(
        ctx.config.dir(),
        storage,
        api,
        company,
        id,
    ))
}

/// Run `sinks` with `secret`, saying how each went.
fn run_sinks(ctx: &Context, sinks: &[Sink], secret: &Secret) -> Vec<SinkResult> {
    sinks
        .iter()
        .map(|sink| {
            let outcome = secret_sinks::deliver(sink, secret);
            match &outcome {
                Ok(()) => ctx.out.status(&format!("  ✓ delivered to {sink}")),
                Err(why) => ctx.out.status(&format!("  ✗ {sink}: {why}")),
            }
            SinkResult {
                sink: sink.clone(),
                ok: outcome.is_ok(),
                error: outcome.err(),
            }
        })
        .collect()
}

/// After the sinks ran: the report (`--json`: the account and `deliveries`), and an error
/// naming `--resume` when any failed.
fn report_sinks(
    ctx: &Context,
    id: u64,
    mut json: serde_json::Value,
    results: &[SinkResult],
    kept: &str,
) -> Result<()> {
    let failed = results.iter().filter(|r| !r.ok).count();
    if ctx.out.json {
        json["deliveries"] = serde_json::to_value(results).expect("serialisable");
        json["pending_secret"] = if failed > 0 {
            kept.into()
        } else {
            serde_json::Value::Null
        };
        ctx.out.json_value(&json)?;
    }
    if failed == 0 {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Internal,
        format!(
            "{failed} of {} sinks did not get the new secret; it is kept in {kept}, and the old secret keeps working",
            results.len()
        ),
    )
    .with_hint(format!(
        "fix them, then `svcacct sa rotate-secret {id} --resume` delivers the same secret again"
    )))
}

async fn resume(ctx: &Context, args: &RotateSecretArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let pending = pending(ctx, &session.creds.api, company, args.id)?;
    let Some((secret, mut results)) = pending.pending()? else {
        return Err(Error::usage(format!(
            "no rotation of service account {} is waiting to be delivered",
            args.id
        ))
        .with_hint(format!(
            "start one: svcacct sa rotate-secret {} --deliver SINK",
            args.id
        )));
    };
    let retry: Vec<Sink> = results
        .iter()
        .filter(|r| !r.ok)
        .map(|r| r.sink.clone())
        .collect();
    ctx.out.status(&format!(
        "Delivering the pending secret of service account {} again to {} sink(s)…",
        args.id,
        retry.len()
    ));
    let retried = run_sinks(ctx, &retry, &secret);
    for r in retried {
        if let Some(slot) = results.iter_mut().find(|x| x.sink == r.sink) {
            *slot = r;
        }
    }
    let kept = pending.whereabouts();
    pending.record(&results)?;
    let account = session.api.service_account(company, args.id).await?;
    let json = serde_json::to_value(&account).expect("serialisable");
    let outcome = report_sinks(ctx, args.id, json, &results, &kept);
    if outcome.is_ok() {
        pending.end();
        ctx.out.status(&format!(
            "✓ Every sink has the new secret; finish with `svcacct sa rotate-secret {} --finish` once the old one is idle",
            args.id
        ));
    }
    outcome
}

pub async fn run(ctx: &Context, args: &RotateSecretArgs) -> Result<()> {
    if args.finish {
        return finish(ctx, args).await;
    }
    if args.resume {
        return resume(ctx, args).await;
    }
    let dest = SecretDestination::new(args.secret_file.as_deref(), args.force, args.save);
    dest.check()?;
    if args.deliver.is_empty() {
        dest.check_jq(&ctx.out, "client_secret")?;
    }
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    // Sinks need a place to keep the secret until they all have it: checked before anything
    // changes on the server.
    if !args.deliver.is_empty() {
        pending(ctx, &session.creds.api, company, args.id)?
            .check_usable(args.secret_file.is_some())
            .map_err(|e| {
                e.with_hint("--deliver keeps the new secret until every sink has it: pass --secret-file PATH, or sign in with a keychain")
            })?;
    }
    let rotated = session
        .api
        .rotate_service_account_secret(
            company,
            args.id,
            args.grace,
            crate::http::client::idempotency_key(),
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
    if args.deliver.is_empty() {
        let delivered = deliver_secret(ctx, &session.creds.api, &dest, &rotated).await?;
        let json = serde_json::to_value(account).expect("serialisable");
        report_secret(ctx, &rotated, &delivered, json)?;
        if let Some(idle) = args.finish_when_idle {
            let timeout = args.timeout.unwrap_or(args.grace);
            finish_when_idle(ctx, &session, company, args.id, idle, timeout).await?;
        }
        return Ok(());
    }
    // With sinks: the secret is kept first (the --secret-file, else the credential store), so
    // that no failure can lose it; then every sink gets it.
    let pending = pending(ctx, &session.creds.api, company, args.id)?;
    if args.secret_file.is_some() {
        deliver_secret(ctx, &session.creds.api, &dest, &rotated).await?;
    }
    if let Err(e) = pending.begin(&rotated.client_secret, args.secret_file.clone()) {
        // Nowhere to keep it: printed rather than lost.
        let _ = ctx.out.line(&format!(
            "client_secret: {}",
            rotated.client_secret.expose()
        ));
        return Err(Error::new(
            e.kind,
            format!(
                "the new secret could not be kept for --resume ({}); it was printed on stdout instead: store it now",
                e.message
            ),
        ));
    }
    let results = run_sinks(ctx, &args.deliver, &rotated.client_secret);
    pending.record(&results)?;
    let json = serde_json::to_value(account).expect("serialisable");
    report_sinks(ctx, args.id, json, &results, &pending.whereabouts())?;
    // Every sink has it: nothing is left to resume, and the kept copy goes.
    pending.end();
    if let Some(idle) = args.finish_when_idle {
        let timeout = args.timeout.unwrap_or(args.grace);
        finish_when_idle(ctx, &session, company, args.id, idle, timeout).await?;
    }
    Ok(())
}

/// Wait until the old secret has not been used for `idle` seconds, then retire it; after
/// `timeout` seconds, stop with exit 11 naming who still uses it (both secrets stay valid).
async fn finish_when_idle(
    ctx: &Context,
    session: &crate::credentials::session::Session<'_>,
    company: i64,
    id: u64,
    idle: u64,
    timeout: u64,
) -> Result<()> {
    let started = std::time::Instant::now();
    let started_unix = crate::clock::now();
    let poll = std::time::Duration::from_secs((idle / 3).clamp(1, 5));
    let mut said_at = None::<std::time::Instant>;
    let spinner = ctx.out.spinner("", std::time::Duration::ZERO);
    loop {
        let account = session.api.service_account(company, id).await?;
        let secrets = account.secrets.clone().unwrap_or_default();
        if secrets.len() < 2 {
            // Finished meanwhile (by hand, or the grace ran out).
            if let Some(s) = spinner {
                s.finish();
            }
            ctx.out.status(&format!(
                "✓ The rotation of service account {id} is already finished"
            ));
            return Ok(());
        }
        let old = &secrets[0];
        // Never used since the rotation started counts from its start.
        let last = old
            .last_used_at
            .as_deref()
            .and_then(crate::oauth::unix_time)
            .unwrap_or(0)
            .max(started_unix);
        let quiet_for = crate::clock::now() - last;
        if quiet_for >= idle as i64 {
            if let Some(s) = spinner {
                s.finish();
            }
            session
                .api
                .finish_service_account_rotation(company, id, true)
                .await?;
            ctx.out.status(&format!(
                "✓ The old secret of service account {id} was idle for {quiet_for} s: retired (it and its tokens no longer work)"
            ));
            return Ok(());
        }
        let line = format!(
            "Waiting for the old secret to go quiet for {idle} s: last used {}",
            old.last_use()
        );
        match &spinner {
            Some(s) => s.set_message(line),
            None => {
                if said_at.is_none_or(|at| at.elapsed() >= std::time::Duration::from_secs(60)) {
                    ctx.out.status(&line);
                    said_at = Some(std::time::Instant::now());
                }
            }
        }
        if started.elapsed() >= std::time::Duration::from_secs(timeout) {
            if let Some(s) = spinner {
                s.finish();
            }
            return Err(Error::new(
                ErrorKind::StillInUse,
                format!(
                    "the old secret of service account {id} is still in use after {timeout} s: last used {}; both secrets stay valid",
                    old.last_use()
                ),
            )
            .with_hint(format!(
                "move that consumer to the new secret, then `svcacct sa rotate-secret {id} --finish`"
            )));
        }
        tokio::time::sleep(poll).await;
    }
}

async fn finish(ctx: &Context, args: &RotateSecretArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let account: ServiceAccount = session
        .api
        .finish_service_account_rotation(company, args.id, args.force)
        .await
        .map_err(|e| {
            if e.code.as_deref() == Some("old_secret_in_use") {
                e.with_hint(format!(
                    "find what still uses it, or retire it anyway: svcacct sa rotate-secret {} --finish --force",
                    args.id
                ))
            } else {
                e
            }
        })?;
    // The rotation is over: a secret kept for --resume goes.
    pending(ctx, &session.creds.api, company, args.id)?.end();
    if ctx.out.json {
        return ctx.out.json_value(&account);
    }
    ctx.out.status(&format!(
        "✓ Retired the old secret of service account {}: it and the tokens minted with it no longer work",
        account.id
    ));
    Ok(())
}
