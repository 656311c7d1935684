//! `svcacct service-accounts view`

use super::shared::SaIdArgs;
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context, args: &SaIdArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let sa = session.api.service_account(company, args.id).await?;
    if ctx.out.json {
        return ctx.out.json_value(&sa);
    }
    let perms = sa.permissions.clone().unwrap_or_default();
    let lines = [
        format!("ID:            {}", sa.id),
        format!("Name:          {}", sa.name),
        format!(
            "Description:   {}",
            if sa.description.is_empty() {
                "-"
            } else {
                &sa.description
            }
        ),
        format!(
            "Contact email: {} (fixed: changing it would break the account)",
            sa.email
        ),
        format!("Client ID:     {}", sa.client_id),
        format!("Created:       {}", sa.created_at),
        format!(
            "Secret reset:  {}",
            sa.secret_reset_at.as_deref().unwrap_or("never")
        ),
    ];
    for line in lines {
        ctx.out.line(&line)?;
    }
    // The active secrets (two while a rotation runs), never their values.
    for (i, secret) in sa.secrets.iter().flatten().enumerate() {
        let label = if i == 0 { "Secrets:" } else { "" };
        let until = secret
            .expires_at
            .as_deref()
            .map(|e| format!(", valid until {e}"))
            .unwrap_or_default();
        ctx.out.line(&format!(
            "{label:<15}created {}, last used {}{until}",
            secret.created_at,
            secret.last_use()
        ))?;
    }
    ctx.out.line("")?;
    crate::ops::permissions::show_table(
        ctx,
        &session.api,
        company,
        &perms,
        Some(sa.permission_usage.as_deref().unwrap_or_default()),
    )
    .await
}
