//! `svcacct logout`: revoke at the server (RFC 7009), then delete local secrets and the profile.

use crate::config::AuthKind;
use crate::context::Context;
use crate::credentials::profiles;
use crate::credentials::session;
use crate::error::{Error, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Delete local credentials even if the server cannot be reached to revoke them
    #[arg(long)]
    pub force: bool,
}

pub async fn run(ctx: &Context, args: &LogoutArgs) -> Result<()> {
    let config = ctx.config.load()?;
    let name = ctx.profile_name(&config);
    let Some(profile) = config.profiles.get(&name).cloned() else {
        if crate::settings::var_os("SVCACCT_TOKEN").is_some() {
            return Err(Error::auth(format!(
                "profile '{name}' is not logged in; the token comes from SVCACCT_TOKEN"
            ))
            .with_hint("unset SVCACCT_TOKEN in your environment"));
        }
        return Err(Error::not_logged_in(&name));
    };
    let store = profiles::store_of(ctx, &name, &profile);
    let cred = match store.load() {
        Ok(c) => c,
        Err(e) if args.force => {
            ctx.out
                .warn(&format!("cannot read stored credentials: {e}"));
            None
        }
        Err(e) => return Err(e),
    };
    let mut revoked = false;
    if let Some(cred) = &cred {
        match session::revoke_stored(ctx, &profile, cred).await {
            Ok(done) => revoked = done,
            Err(e) if args.force => ctx
                .out
                .warn(&format!("could not revoke at the server: {e}")),
            Err(e) => {
                return Err(Error::new(
                    e.kind,
                    format!("could not revoke the tokens at the server, so nothing was deleted: {}", e.message),
                )
                .with_hint("try again, or use `svcacct logout --force` to delete the local credentials anyway"));
            }
        }
    }
    profiles::forget(ctx, &name, &profile)?;
    let server = if revoked {
        "tokens revoked at the server"
    } else if profile.auth == AuthKind::PersonalAccessToken {
        "the personal access token itself stays valid until you revoke it on the platform"
    } else {
        "the server has no revocation endpoint; tokens expire on their own"
    };
    ctx.out.status(&format!(
        "✓ Logged out of profile '{name}': {server}; local credentials deleted from the {}",
        store.describe()
    ));
    Ok(())
}
