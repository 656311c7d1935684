//! `svcacct webhooks view`: show a webhook (write-only values masked).

use super::{WebhookIdArgs, show};
use crate::api::Api;
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context, api: &Api<'_>, company: i64, args: &WebhookIdArgs) -> Result<()> {
    let hook = api.webhook(company, args.id).await?;
    if ctx.out.json {
        return ctx.out.json_value(&hook);
    }
    show(ctx, &hook)
}
