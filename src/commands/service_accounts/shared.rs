//! What the service-account verbs share: the id argument, and handing out a once-only secret.

use clap::Args;
use clap_complete::engine::ArgValueCandidates;

use crate::api::models::{ServiceAccount, WithSecret};
use crate::context::Context;
use crate::error::Result;
use crate::ops::delivery::{Delivered, SaveAs, SecretDestination};
pub use crate::ops::permissions::{
    describe as describe_permissions, from_grants as permissions_from,
};

#[derive(Debug, Args)]
pub struct SaIdArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::service_account_ids))]
    pub id: u64,
}

/// Hand a once-only secret to its destination and report it (create and reset-secret).
pub async fn show_secret(
    ctx: &Context,
    api_url: &url::Url,
    dest: &SecretDestination,
    created: &WithSecret,
    json: serde_json::Value,
) -> Result<()> {
    let delivered = deliver_secret(ctx, api_url, dest, created).await?;
    report_secret(ctx, created, &delivered, json)
}

/// Store the secret where asked (a file, the keychain); one to be printed is left for
/// [`report_secret`]. Call this before any later step of the command can fail.
pub async fn deliver_secret(
    ctx: &Context,
    api_url: &url::Url,
    dest: &SecretDestination,
    created: &WithSecret,
) -> Result<Delivered> {
    dest.deliver(
        ctx,
        api_url,
        SaveAs::ServiceAccountProfile(&created.account),
        "client_secret",
        &created.client_secret,
    )
    .await
}

/// Print the account's client id and the secret (or where it went); `json` is the document
/// printed in `--json` mode.
pub fn report_secret(
    ctx: &Context,
    created: &WithSecret,
    delivered: &Delivered,
    json: serde_json::Value,
) -> Result<()> {
    let account: &ServiceAccount = &created.account;
    if ctx.out.json {
        return delivered.print_json(ctx, json, "client_secret", &created.client_secret);
    }
    ctx.out
        .line(&format!("client_id:     {}", account.client_id))?;
    match delivered {
        Delivered::Stdout => {
            ctx.out.line(&format!("client_secret: {}", created.client_secret.expose()))?;
            ctx.out.warn(&format!(
                "the client secret is shown only this once: store it now (lost it? `svcacct reset-secret {}` issues a new one)",
                account.id
            ));
        }
        Delivered::File(path) => ctx.out.status(&format!("✓ Client secret written to {} (mode 0600)", path.display())),
        Delivered::Profile(name, store) => ctx.out.status(&format!(
            "✓ Client secret saved in {} as profile '{name}': `svcacct --profile {name} token` mints tokens",
            store.whereabouts()
        )),
    }
    Ok(())
}
