//! `svcacct webhooks deliveries|test|redeliver`.

use std::collections::HashMap;
use std::time::Duration;

use crate::api::Api;
use crate::api::models::Delivery;

use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::ui::interrupt::Interrupt;
use clap::{Args, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DeliveryStatus {
    Pending,
    Sending,
    Succeeded,
    Failed,
    Discarded,
}

#[derive(Debug, Args)]
pub struct DeliveriesArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::webhook_ids))]
    pub id: u64,
    /// Only deliveries in this state
    #[arg(long, value_enum)]
    pub status: Option<DeliveryStatus>,
    /// Keep watching and print deliveries as they change, until Ctrl-C
    #[arg(long)]
    pub follow: bool,
    /// How many (newest first, at most 100)
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: u32,
    #[command(flatten)]
    pub output: ListFormatArgs,
}

#[derive(Debug, Args)]
pub struct RedeliverArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::webhook_ids))]
    pub id: u64,
    /// Delivery id (see `svcacct webhooks deliveries`)
    pub delivery: u64,
}

fn status_name(s: DeliveryStatus) -> &'static str {
    match s {
        DeliveryStatus::Pending => "pending",
        DeliveryStatus::Sending => "sending",
        DeliveryStatus::Succeeded => "succeeded",
        DeliveryStatus::Failed => "failed",
        DeliveryStatus::Discarded => "discarded",
    }
}

fn cells(d: &Delivery) -> Vec<String> {
    vec![
        d.id.to_string(),
        d.event_type.clone(),
        d.status.clone(),
        d.attempts.to_string(),
        d.response_status
            .map(|c| c.to_string())
            .unwrap_or_else(|| "-".into()),
        d.duration_ms
            .map(|ms| format!("{ms} ms"))
            .unwrap_or_else(|| "-".into()),
        d.error.clone().unwrap_or_else(|| "-".into()),
        d.next_attempt_at.clone().unwrap_or_else(|| "-".into()),
    ]
}

/// `--follow`'s polling: the first interval, the longest, and the remaining budget below which
/// it always waits the longest.
const FOLLOW_FIRST: Duration = Duration::from_secs(2);
const FOLLOW_LONGEST: Duration = Duration::from_secs(30);
const FOLLOW_BUDGET_LOW: u64 = 10;

const HEADERS: &[&str] = &[
    "ID",
    "EVENT",
    "STATUS",
    "ATTEMPTS",
    "CODE",
    "TIME",
    "ERROR",
    "NEXT ATTEMPT",
];

pub async fn list(ctx: &Context, api: &Api<'_>, company: i64, args: &DeliveriesArgs) -> Result<()> {
    let status = args.status.map(status_name);
    let first = api.deliveries(company, args.id, status, args.limit).await?;
    if !args.follow {
        if args.output.json(&ctx.out) {
            return ctx.out.json_items(&first, args.output.lines());
        }
        if first.is_empty() {
            ctx.out.status("No deliveries.");
            return Ok(());
        }
        let rows: Vec<Vec<String>> = first.iter().map(cells).collect();
        return ctx.out.rows(HEADERS, &rows);
    }
    // --follow: print each delivery when it appears or changes, oldest first, until Ctrl-C,
    // polling gently: every 2 s while there is news, twice as long after each quiet poll up to
    // 30 s, and 30 s whenever the server says its budget runs low — the company's budget is
    // shared with every other client.
    // The handler is installed before anything is printed: a Ctrl-C right after the first
    // lines must end the loop, not kill the process.
    let mut interrupted = Interrupt::install()?;
    ctx.out.status(&format!(
        "Following deliveries of webhook {} (Ctrl-C to stop)…",
        args.id
    ));
    // A header for people; a pipe gets the rows alone (as every listing does).
    if !ctx.out.json && ctx.out.stdout_is_terminal() {
        ctx.out
            .tsv_row(&HEADERS.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
    }
    let mut seen: HashMap<i64, (String, i64)> = HashMap::new();
    let mut batch = first;
    let mut quiet = FOLLOW_FIRST;
    loop {
        batch.reverse();
        let mut news = false;
        for d in &batch {
            let key = (d.status.clone(), d.attempts);
            if seen.get(&d.id) != Some(&key) {
                news = true;
                seen.insert(d.id, key);
                if ctx.out.json {
                    ctx.out
                        .line(&serde_json::to_string(d).expect("serialisable"))?;
                } else {
                    ctx.out.tsv_row(&cells(d))?;
                }
            }
        }
        quiet = if news {
            FOLLOW_FIRST
        } else {
            (quiet * 2).min(FOLLOW_LONGEST)
        };
        let wait = match api.budget_remaining() {
            Some(left) if left < FOLLOW_BUDGET_LOW => FOLLOW_LONGEST,
            _ => quiet,
        };
        tokio::select! {
            _ = interrupted.recv() => return Ok(()),
            _ = tokio::time::sleep(wait) => {}
        }
        batch = api.deliveries(company, args.id, status, args.limit).await?;
    }
}

pub async fn test(ctx: &Context, api: &Api<'_>, company: i64, id: u64) -> Result<()> {
    let d = api.test_webhook(company, id).await?;
    if ctx.out.json {
        ctx.out.json_value(&d)?;
    }
    match (d.status.as_str(), d.response_status) {
        ("succeeded", Some(code)) => {
            ctx.out.status(&format!(
                "✓ The receiver answered {code} in {} ms (delivery {}, event {})",
                d.duration_ms.unwrap_or(0),
                d.id,
                d.event_id
            ));
            Ok(())
        }
        _ => {
            let why = d.error.clone().unwrap_or_else(|| "no answer yet".into());
            let code = d
                .response_status
                .map(|c| format!(" (HTTP {c})"))
                .unwrap_or_default();
            Err(Error::network(format!("the test delivery {} failed: {why}{code}", d.id))
                .with_hint(format!("it will be retried; watch it with `svcacct webhooks deliveries {id} --follow`")))
        }
    }
}

pub async fn redeliver(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    args: &RedeliverArgs,
) -> Result<()> {
    let d = api.redeliver(company, args.id, args.delivery).await?;
    if ctx.out.json {
        return ctx.out.json_value(&d);
    }
    ctx.out.status(&format!(
        "✓ Delivery {} ({}) is queued to be sent again now",
        d.id, d.event_type
    ));
    Ok(())
}
