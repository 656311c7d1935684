//! `svcacct service-accounts list`: every page, fetched as needed and streamed.

use crate::api::models::ServiceAccount;

use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct SaListArgs {
    /// Only accounts whose name contains TEXT
    #[arg(long = "q", visible_alias = "search", value_name = "TEXT")]
    pub q: Option<String>,
    /// Stop after N accounts
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Accounts per request (1-100)
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100), value_name = "N")]
    pub page_size: u32,
    #[command(flatten)]
    pub output: ListFormatArgs,
}

fn cells(sa: &ServiceAccount) -> Vec<String> {
    vec![
        sa.id.to_string(),
        sa.name.clone(),
        sa.client_id.clone(),
        sa.email.clone(),
        sa.created_at.clone(),
    ]
}

pub async fn run(ctx: &Context, args: &SaListArgs) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let limit = args.limit.unwrap_or(u64::MAX);
    let per_page = u64::from(args.page_size).min(limit.max(1)) as u32;
    let spinner = ctx.out.spinner(
        "Fetching service accounts…",
        std::time::Duration::from_millis(300),
    );
    // A terminal gets one aligned table (people read screenfuls); pipes get rows as they come.
    let json_out = args.output.json(&ctx.out);
    let table = !json_out && ctx.out.stdout_is_terminal();
    let mut rows = Vec::new();
    let mut json = json_out.then(|| ctx.out.json_stream(args.output.lines()));
    let mut shown: u64 = 0;
    let mut next = None;
    'pages: loop {
        let page = session
            .api
            .service_accounts_page(company, per_page, args.q.as_deref(), next.take())
            .await?;
        if let Some(bar) = &spinner {
            bar.set_message(format!(
                "Fetching service accounts… {} of {}",
                shown + page.items.len() as u64,
                page.total.map(|t| t.to_string()).unwrap_or("?".into())
            ));
        }
        for sa in &page.items {
            if shown >= limit {
                break 'pages;
            }
            shown += 1;
            match &mut json {
                Some(array) => array.push(sa)?,
                None if table => rows.push(cells(sa)),
                None => ctx.out.tsv_row(&cells(sa))?,
            }
        }
        match page.next {
            Some(url) if shown < limit => next = Some(url),
            _ => break,
        }
    }
    if let Some(bar) = spinner {
        bar.finish();
    }
    if let Some(array) = json {
        array.finish()?;
    } else if table && !rows.is_empty() {
        ctx.out
            .table(&["ID", "NAME", "CLIENT ID", "EMAIL", "CREATED"], &rows)?;
    }
    if shown == 0 {
        let filter = args
            .q
            .as_deref()
            .map(|q| format!(" matching '{q}'"))
            .unwrap_or_default();
        ctx.out.status(&format!(
            "No service accounts{filter} in company {company}."
        ));
    }
    Ok(())
}
