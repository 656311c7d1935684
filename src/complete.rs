//! Dynamic shell completion (`source <(COMPLETE=bash svcacct)`): profile names from the config,
//! service-account and webhook ids from the API with the current credentials. A completer that
//! cannot answer quickly (no network, not logged in) offers nothing rather than an error.

use std::time::Duration;

use clap::Parser;
use clap_complete::engine::CompletionCandidate;

use crate::cli::GlobalArgs;
use crate::config::ConfigStore;
use crate::context::Context;

const LIMIT: Duration = Duration::from_secs(3);

pub fn profiles() -> Vec<CompletionCandidate> {
    let Ok(store) = ConfigStore::locate() else {
        return Vec::new();
    };
    let Ok(config) = store.load() else {
        return Vec::new();
    };
    config
        .profiles
        .iter()
        .map(|(name, p)| {
            CompletionCandidate::new(name)
                .help(Some(format!("{} ({:?})", p.api_url, p.auth).into()))
        })
        .collect()
}

/// The global flags as the environment sets them (completion runs without the command line's).
#[derive(Parser)]
struct EnvOnly {
    #[command(flatten)]
    global: GlobalArgs,
}

fn with_api<F>(fetch: F) -> Vec<CompletionCandidate>
where
    F: for<'a> AsyncFnOnce(&'a Context) -> crate::error::Result<Vec<CompletionCandidate>>,
{
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    let Ok(args) = EnvOnly::try_parse_from(["svcacct"]) else {
        return Vec::new();
    };
    let Ok(ctx) = Context::new(args.global) else {
        return Vec::new();
    };
    rt.block_on(async {
        tokio::time::timeout(LIMIT, fetch(&ctx))
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default()
    })
}

pub fn service_account_ids() -> Vec<CompletionCandidate> {
    with_api(async |ctx| {
        let session = ctx.session().await?;
        let company = ctx.company_id(&session).await?;
        let page = session
            .api
            .service_accounts_page(company, 100, None, None)
            .await?;
        Ok(page
            .items
            .into_iter()
            .map(|sa| CompletionCandidate::new(sa.id.to_string()).help(Some(sa.name.into())))
            .collect())
    })
}

pub fn webhook_ids() -> Vec<CompletionCandidate> {
    with_api(async |ctx| {
        let session = ctx.session().await?;
        let company = ctx.company_id(&session).await?;
        let hooks = session.api.webhooks(company).await?;
        Ok(hooks
            .into_iter()
            .map(|h| CompletionCandidate::new(h.id.to_string()).help(Some(h.url.into())))
            .collect())
    })
}
