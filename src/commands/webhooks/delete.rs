//! `svcacct webhooks delete`: delete a webhook: its deliveries stop.

use super::WebhookDeleteArgs;
use crate::api::Api;
use crate::context::Context;
use crate::error::Result;

pub async fn run(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    args: &WebhookDeleteArgs,
) -> Result<()> {
    let hook = api.webhook(company, args.id).await?;
    ctx.out.status(&format!(
        "Deleting webhook {} ({}) stops its deliveries; pending ones are discarded.",
        hook.id, hook.url
    ));
    ctx.out.confirm("Delete it?", args.yes)?;
    api.delete_webhook(company, args.id).await?;
    ctx.out.status(&format!("✓ Deleted webhook {}", hook.id));
    Ok(())
}
