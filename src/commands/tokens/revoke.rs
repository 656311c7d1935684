//! `svcacct tokens revoke ID` and `svcacct tokens revoke --all [--user ID]`.

use serde_json::json;

use crate::api::models::Pat;
use crate::api::tokens::Owner;

use crate::context::Context;
use crate::credentials::session::Origin;
use crate::credentials::session::Session;
use crate::error::{Error, ErrorKind, Result};
use clap::Args;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["id", "all"])))]
pub struct TokensRevokeArgs {
    /// Token id (see `svcacct tokens list`)
    pub id: Option<i64>,
    /// Revoke every token (of --user, or your own)
    #[arg(long)]
    pub all: bool,
    /// Another user's tokens (needs the user-management permission)
    #[arg(long, value_name = "USER_ID")]
    pub user: Option<u64>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub async fn run(ctx: &Context, args: &TokensRevokeArgs) -> Result<()> {
    let session = ctx.session().await?;
    let owner = super::shared::owner(ctx, &session, args.user).await?;
    let tokens = session.api.tokens(owner).await?;
    let whose = match owner {
        Owner::Me => "your".to_string(),
        Owner::User { user, .. } => format!("user {user}'s"),
    };
    let chosen: Vec<Pat> = match args.id {
        Some(id) => vec![tokens.iter().find(|t| t.id == id).cloned().ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("personal access token {id} is not among {whose} active tokens"),
            )
            .with_hint("see `svcacct tokens list`")
        })?],
        None => tokens,
    };
    if chosen.is_empty() {
        ctx.out
            .status(&format!("No active tokens to revoke ({whose})."));
        return Ok(());
    }
    let current = chosen.iter().any(|t| t.current);
    if current {
        ctx.out.warn("one of these tokens is the credential this profile signs in with: revoking it logs this profile out");
    }
    let question = match chosen.as_slice() {
        [one] => format!("Revoke token {} \"{}\" ({}…)?", one.id, one.name, one.hint),
        many => format!(
            "Revoke all {} of {whose} personal access tokens?",
            many.len()
        ),
    };
    ctx.out.confirm(&question, args.yes)?;
    let outcome = revoke_each(ctx, &session, owner, &chosen).await;
    if current
        && outcome
            .revoked
            .iter()
            .any(|id| chosen.iter().any(|t| t.id == *id && t.current))
    {
        forget_current_credential(ctx, &session)?;
    }
    report(ctx, &whose, &outcome)
}

#[derive(Default)]
struct Outcome {
    revoked: Vec<i64>,
    refused: Vec<(i64, String)>,
    failed: Vec<(i64, Error)>,
}

/// One DELETE per token, paced by the HTTP layer from the rate-limit headers, with progress.
async fn revoke_each(
    ctx: &Context,
    session: &Session<'_>,
    owner: Owner,
    tokens: &[Pat],
) -> Outcome {
    let progress = ctx.out.progress(tokens.len() as u64, "Revoking tokens");
    let mut outcome = Outcome::default();
    for t in tokens {
        match session.api.revoke_token(owner, t.id).await {
            Ok(()) => outcome.revoked.push(t.id),
            Err(e) if e.kind == ErrorKind::Permission => outcome.refused.push((t.id, e.message)),
            Err(e) => outcome.failed.push((t.id, e)),
        }
        progress.inc();
    }
    outcome
}

fn report(ctx: &Context, whose: &str, o: &Outcome) -> Result<()> {
    if ctx.out.json {
        ctx.out.json_value(&json!({
            "revoked": o.revoked,
            "refused": o.refused.iter().map(|(id, why)| json!({"id": id, "reason": why})).collect::<Vec<_>>(),
            "failed": o.failed.iter().map(|(id, e)| json!({"id": id, "reason": e.message})).collect::<Vec<_>>(),
        }))?;
    } else {
        for (id, why) in &o.refused {
            ctx.out.status(&format!("  refused {id}: {why}"));
        }
        for (id, e) in &o.failed {
            ctx.out.status(&format!("  failed {id}: {}", e.message));
        }
        ctx.out.status(&format!(
            "Revoked {}, refused {}, failed {} of {} of {whose} tokens.",
            o.revoked.len(),
            o.refused.len(),
            o.failed.len(),
            o.revoked.len() + o.refused.len() + o.failed.len()
        ));
    }
    if let Some((_, e)) = o.failed.first() {
        return Err(Error::new(
            e.kind,
            format!("{} token(s) could not be revoked", o.failed.len()),
        )
        .with_hint("run the command again to retry the rest"));
    }
    if let Some((_, why)) = o.refused.first() {
        return Err(Error::new(
            ErrorKind::Permission,
            format!("{} token(s) were refused: {why}", o.refused.len()),
        ));
    }
    Ok(())
}

/// The profile's own token is gone at the server: drop it locally too.
fn forget_current_credential(ctx: &Context, session: &Session<'_>) -> Result<()> {
    if let Origin::Profile { name, store, .. } = &session.creds.origin {
        store.delete()?;
        ctx.config.update(|c| {
            c.profiles.remove(name);
        })?;
        ctx.out.status(&format!(
            "Profile '{name}' is logged out (its token was revoked)."
        ));
    }
    Ok(())
}
