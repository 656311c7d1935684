//! `svcacct service-accounts create`

use crate::api::service_accounts::NewServiceAccount;

use crate::context::Context;
use crate::error::Result;

use super::shared::{describe_permissions, permissions_from, show_secret};
use crate::commands::args::SecretOutArgs;
use crate::commands::args::parse_company_grant;
use crate::commands::args::parse_project_grant;
use crate::ops::permissions::Grant;
use clap::Args;

#[derive(Debug, Args)]
pub struct SaCreateArgs {
    /// Display name
    #[arg(long)]
    pub name: String,
    /// Contact email in the company directory (cannot change later)
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub description: Option<String>,
    /// Company-wide permission TOOL=LEVEL (repeatable); new accounts have none
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = parse_company_grant)]
    pub permissions: Vec<Grant>,
    /// Project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = parse_project_grant)]
    pub projects: Vec<Grant>,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}

pub async fn run(ctx: &Context, args: &SaCreateArgs) -> Result<()> {
    let dest = args.secret.destination();
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
        .create_service_account(company, &new, crate::http::client::idempotency_key())
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
