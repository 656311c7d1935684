//! `svcacct service-accounts create`

use crate::api::service_accounts::NewServiceAccount;
use crate::cli::SaCreateArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::delivery::SecretDestination;

use super::{describe_permissions, permissions_from, show_secret};

pub async fn run(ctx: &Context, args: &SaCreateArgs) -> Result<()> {
    let dest = SecretDestination::new(&args.secret);
    dest.check()?;
    dest.check_jq(&ctx.out, "client_secret")?;
    let grants: Vec<_> = args.permissions.iter().chain(&args.projects).collect();
    let permissions = permissions_from(&grants);
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let new = NewServiceAccount {
        name: &args.name,
        email: &args.email,
        description: args.description.as_deref(),
        permissions: &permissions,
    };
    let created = session
        .api
        .create_service_account(company, &new, crate::oauth::idempotency_key())
        .await?;
    let perms = created.account.permissions.clone().unwrap_or_default();
    ctx.out.status(&format!(
        "✓ Created service account {} \"{}\" with permissions: {}",
        created.account.id,
        created.account.name,
        describe_permissions(&perms)
    ));
    let json = serde_json::to_value(&created.account).expect("serialisable");
    show_secret(ctx, &session.creds.api, &dest, &created, json).await
}
