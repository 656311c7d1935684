//! `svcacct webhooks events`: the events a webhook can subscribe to.

use crate::api::Api;
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context, api: &Api<'_>) -> Result<()> {
    let events = api.webhook_events().await?;
    if ctx.out.json {
        return ctx.out.json_value(&events);
    }
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| vec![e.event_type.clone(), e.description.clone()])
        .collect();
    ctx.out.table(&["EVENT", "DESCRIPTION"], &rows)
}
