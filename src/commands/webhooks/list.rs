//! `svcacct webhooks list`: list the company's webhooks.

use crate::api::Api;
use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::Result;

pub async fn run(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    output: &ListFormatArgs,
) -> Result<()> {
    let hooks = api.webhooks(company).await?;
    if output.json(&ctx.out) {
        return ctx.out.json_items(&hooks, output.lines());
    }
    if hooks.is_empty() {
        ctx.out
            .status(&format!("No webhooks in company {company}."));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = hooks
        .iter()
        .map(|h| {
            vec![
                h.id.to_string(),
                h.url.clone(),
                h.events.join(","),
                if h.active { "active" } else { "paused" }.to_string(),
            ]
        })
        .collect();
    ctx.out.rows(&["ID", "URL", "EVENTS", "STATE"], &rows)
}
