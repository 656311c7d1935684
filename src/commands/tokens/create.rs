//! `svcacct tokens create --name N [--expires-in 30d]`: the value goes to stdout alone (so
//! `TOKEN=$(svcacct tokens create …)` works), a 0600 file, or this profile's credential.

use crate::commands::args::SecretOutArgs;
use crate::context::Context;
use crate::credentials::session::Origin;
use crate::duration::parse_duration;
use crate::error::{Error, Result};
use crate::ops::delivery::{Delivered, SaveAs, SecretDestination};
use clap::Args;

#[derive(Debug, Args)]
pub struct TokensCreateArgs {
    /// What the token is for
    #[arg(long)]
    pub name: String,
    /// Lifetime, e.g. 30d, 12h (default: until revoked)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expires_in: Option<u64>,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}

pub async fn run(ctx: &Context, args: &TokensCreateArgs) -> Result<()> {
    let dest = args.secret.destination();
    dest.check()?;
    dest.check_jq(&ctx.out, "token")?;
    let session = ctx.session().await?;
    // --save makes the token the credential of the profile it was created through; with
    // credentials from the environment there is none, and the stored profile (another
    // principal, perhaps) must not be replaced. Refused before anything is created.
    if matches!(dest, SecretDestination::Keychain)
        && !matches!(session.creds.origin, Origin::Profile { .. })
    {
        return Err(Error::usage(
            "--save keeps the new token as the credential of the stored profile it was created with, and this command runs with credentials from the environment",
        )
        .with_hint("unset SVCACCT_TOKEN / SVCACCT_CLIENT_ID, or pass --profile NAME, or use --secret-file"));
    }
    let created = session
        .api
        .create_token(&args.name, args.expires_in)
        .await?;
    let expiry = created
        .pat
        .expires_at
        .as_deref()
        .map(|e| format!("expires {e}"))
        .unwrap_or("does not expire".into());
    ctx.out.status(&format!(
        "✓ Created personal access token {} \"{}\" ({expiry})",
        created.pat.id, created.pat.name
    ));
    let delivered = dest
        .deliver(
            ctx,
            &session.creds.api,
            SaveAs::CurrentProfile,
            "token",
            &created.token,
        )
        .await?;
    if ctx.out.json {
        let json = serde_json::to_value(&created.pat).expect("serialisable");
        return delivered.print_json(ctx, json, "token", &created.token);
    }
    match delivered {
        Delivered::Stdout => {
            ctx.out.line(created.token.expose())?;
            ctx.out.warn(
                "the token is shown only this once; handle it like a password: it acts as you",
            );
        }
        Delivered::File(path) => ctx.out.status(&format!(
            "✓ Token written to {} (mode 0600)",
            path.display()
        )),
        Delivered::Profile(name, store) => ctx.out.status(&format!(
            "✓ Profile '{name}' now signs in with this token (kept in {})",
            store.whereabouts()
        )),
    }
    Ok(())
}
