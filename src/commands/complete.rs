//! Dynamic shell completion (`source <(COMPLETE=bash svcacct)`): profile names from the config,
//! service-account and webhook ids from the API with the current credentials. A completer that
//! cannot answer quickly (no network, not logged in) offers nothing rather than an error.

use std::time::Duration;

use clap::Parser;
use clap_complete::engine::CompletionCandidate;

use crate::commands::args::GlobalArgs;
use crate::context::Context;

const LIMIT: Duration = Duration::from_secs(3);

/// The global flags as the environment sets them (completion runs without the command line's).
#[derive(Parser)]
struct EnvOnly {
    #[command(flatten)]
    global: GlobalArgs,
}

/// The global flags typed on the line being completed (`--profile`, `--api`, `--company`), as
/// arguments for [`EnvOnly`]: the shell calls `COMPLETE=<shell> svcacct -- svcacct WORDS…`, so a
/// profile named on the line is the one asked, not only `SVCACCT_PROFILE`.
fn typed_globals(argv: impl Iterator<Item = String>) -> Vec<String> {
    let words: Vec<String> = argv.skip_while(|a| a != "--").skip(2).collect();
    let mut out = vec!["svcacct".to_string()];
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        for flag in ["--profile", "--api", "--company"] {
            if word == flag {
                // The value after it — unless it is the word being completed (the last one).
                if let Some(value) = words.get(i + 1).filter(|_| i + 2 < words.len()) {
                    out.push(flag.to_string());
                    out.push(value.clone());
                }
            } else if let Some(value) = word.strip_prefix(&format!("{flag}=")) {
                out.push(flag.to_string());
                out.push(value.to_string());
            }
        }
        i += 1;
    }
    out
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
    let Ok(args) = EnvOnly::try_parse_from(typed_globals(std::env::args())) else {
        return Vec::new();
    };
    let Ok(ctx) = Context::new(args.global.settings()) else {
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

#[cfg(test)]
mod tests {
    use super::typed_globals;

    fn typed(words: &[&str]) -> Vec<String> {
        typed_globals(words.iter().map(|w| w.to_string()))
    }

    #[test]
    fn globals_typed_on_the_line() {
        assert_eq!(
            typed(&[
                "svcacct",
                "--",
                "svcacct",
                "--profile",
                "b",
                "sa",
                "view",
                ""
            ]),
            ["svcacct", "--profile", "b"]
        );
        assert_eq!(
            typed(&[
                "svcacct",
                "--",
                "svcacct",
                "sa",
                "view",
                "--api=http://x",
                ""
            ]),
            ["svcacct", "--api", "http://x"]
        );
        // The profile name itself being completed is not a value yet.
        assert_eq!(
            typed(&["svcacct", "--", "svcacct", "--profile", "b"]),
            ["svcacct"]
        );
    }
}
