//! `svcacct webhooks …` (account owners only).

pub mod delete;
pub mod deliveries;
pub mod edit;
pub mod events;
pub mod list;
pub mod procore;
pub mod view;

use crate::api::models::Webhook;

use crate::api::Api;
use crate::commands::args::ListFormatArgs;
use crate::commands::webhooks::deliveries::DeliveriesArgs;
use crate::commands::webhooks::deliveries::RedeliverArgs;
use crate::commands::webhooks::edit::WebhookCreateArgs;
use crate::commands::webhooks::edit::WebhookUpdateArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::providers::{Provider, WebhooksBackend};
use clap::{Args, Subcommand};
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// List webhooks
    List(ListFormatArgs),
    /// The events a webhook can subscribe to
    Events,
    /// Create a webhook
    Create(WebhookCreateArgs),
    /// Show a webhook (hidden values masked: they cannot be read back)
    View(WebhookIdArgs),
    /// Change a webhook; hidden values not given again are kept
    Update(WebhookUpdateArgs),
    /// Delete a webhook; pending deliveries are discarded
    Delete(WebhookDeleteArgs),
    /// Send a test event and report the receiver's answer
    Test(WebhookIdArgs),
    /// Delivery attempts of a webhook, newest first
    Deliveries(DeliveriesArgs),
    /// Send a delivery again now
    Redeliver(RedeliverArgs),
}

#[derive(Debug, Args)]
pub struct WebhookIdArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::webhook_ids))]
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct WebhookDeleteArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::webhook_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub async fn dispatch(ctx: &Context, command: WebhooksCommand) -> Result<()> {
    if let Some(p) = ctx.provider_in_use()? {
        match p.webhooks() {
            WebhooksBackend::Procore => {
                let session = ctx.session().await?;
                let company = ctx.company_id(&session).await?;
                return dispatch_procore(ctx, p, &session.api, company, command).await;
            }
            WebhooksBackend::None => {
                return Err(p.unsupported("webhooks", ctx.settings.company));
            }
            WebhooksBackend::Svcacct => {}
        }
    }
    if let WebhooksCommand::Create(args) = &command
        && args.namespace.is_some()
    {
        return Err(Error::usage("--namespace is for Procore hooks only")
            .with_hint("leave it out, or sign in with `svcacct login --provider procore`"));
    }
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    match command {
        WebhooksCommand::List(output) => list::run(ctx, api, company, &output).await,
        WebhooksCommand::Events => events::run(ctx, api).await,
        WebhooksCommand::Create(args) => edit::create(ctx, api, company, &args).await,
        WebhooksCommand::Update(args) => edit::update(ctx, api, company, &args).await,
        WebhooksCommand::View(args) => view::run(ctx, api, company, &args).await,
        WebhooksCommand::Delete(args) => delete::run(ctx, api, company, &args).await,
        WebhooksCommand::Test(args) => deliveries::test(ctx, api, company, args.id).await,
        WebhooksCommand::Deliveries(args) => deliveries::list(ctx, api, company, &args).await,
        WebhooksCommand::Redeliver(args) => deliveries::redeliver(ctx, api, company, &args).await,
    }
}

/// A webhook for people; write-only values are shown masked, and said to be so.
pub fn show(ctx: &Context, h: &Webhook) -> Result<()> {
    let auth = match &h.basic_auth {
        Some(b) => format!(
            "HTTP basic, user {} (password hidden: it cannot be read back)",
            b.username
        ),
        None => "none".to_string(),
    };
    let lines = [
        format!("ID:       {}", h.id),
        format!("URL:      {}", h.url),
        format!("State:    {}", if h.active { "active" } else { "paused" }),
        format!("Events:   {}", h.events.join(", ")),
        format!("Auth:     {auth}"),
        format!("Created:  {}", h.created_at),
        format!("Updated:  {}", h.updated_at),
    ];
    for line in lines {
        ctx.out.line(&line)?;
    }
    if h.headers.is_empty() {
        return ctx.out.line("Headers:  none");
    }
    ctx.out.line("")?;
    let rows: Vec<Vec<String>> = h
        .headers
        .iter()
        .map(|x| {
            vec![
                x.name.clone(),
                if x.hidden {
                    format!("{} (hidden: cannot be read back)", x.value)
                } else {
                    x.value.clone()
                },
            ]
        })
        .collect();
    ctx.out.table(&["HEADER", "VALUE"], &rows)
}

/// The Procore profile's webhooks: Procore's hooks, triggers and deliveries.
async fn dispatch_procore(
    ctx: &Context,
    provider: Provider,
    api: &Api<'_>,
    company: i64,
    command: WebhooksCommand,
) -> Result<()> {
    match command {
        WebhooksCommand::List(output) => procore::list(ctx, api, company, &output).await,
        WebhooksCommand::Create(args) => procore::create(ctx, api, company, &args).await,
        WebhooksCommand::View(args) => {
            let hook = api.procore_hook(company, args.id).await?;
            let triggers = api.procore_triggers(company, hook.id).await?;
            procore::show(ctx, &hook, &triggers)
        }
        WebhooksCommand::Delete(args) => {
            let hook = api.procore_hook(company, args.id).await?;
            ctx.out.status(&format!(
                "Deleting Procore hook {} ({}) removes its triggers; no more deliveries.",
                hook.id,
                hook.destination_url.as_deref().unwrap_or("no destination")
            ));
            ctx.out.confirm("Delete it?", args.yes)?;
            api.procore_delete_hook(company, args.id).await?;
            ctx.out.status(&format!("✓ Deleted hook {}", hook.id));
            Ok(())
        }
        WebhooksCommand::Deliveries(args) => procore::deliveries(ctx, api, company, &args).await,
        WebhooksCommand::Events => Err(Error::usage(
            "Procore has no event catalogue API",
        )
        .with_hint("events are RESOURCE.create|update|delete, e.g. --event RFIs.create; see Procore's webhooks resources list")),
        WebhooksCommand::Update(_) | WebhooksCommand::Test(_) | WebhooksCommand::Redeliver(_) => {
            Err(provider.unsupported("changing, testing or redelivering hooks", Some(company))
                .with_hint("delete the hook and create it again, or use the Webhooks tool in the Procore web app"))
        }
    }
}
