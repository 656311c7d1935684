//! `svcacct token`: a valid access token on stdout and nothing else (or as JSON, or as a
//! Kubernetes ExecCredential); `svcacct exec` (exec.rs) hands it to a command, git-credential.rs to git.
//! Both read the same cross-process cache as every command: a second call within the token's
//! lifetime makes no request, and the expiry they report is at least a minute ahead.

use crate::context::Context;
use crate::credentials::session::{self, Renewal, Source};
use crate::error::{Error, Result};
use clap::{Args, ValueEnum};
use serde_json::json;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum TokenFormat {
    /// The token alone, for scripts and command substitution
    #[default]
    Text,
    /// {"access_token", "token_type", "expires_at"}
    Json,
    /// A Kubernetes client.authentication.k8s.io/v1 ExecCredential (kubectl exec plugins)
    ExecCredential,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    /// How to print it (--json is the same as --format json)
    #[arg(long, value_enum, default_value_t = TokenFormat::Text)]
    pub format: TokenFormat,
    /// Mint (or refresh) a new token even if the cached one has not expired: for a token the
    /// server revoked early
    #[arg(long)]
    pub refresh: bool,
}

fn rfc3339(unix: i64) -> Option<String> {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
}

/// The ExecCredential apiVersion kubectl asked for in `KUBERNETES_EXEC_INFO` (v1 without it):
/// kubectl refuses an answer in another version than the kubeconfig's, and retries.
fn exec_credential_version() -> Result<String> {
    const KNOWN: [&str; 2] = [
        "client.authentication.k8s.io/v1",
        "client.authentication.k8s.io/v1beta1",
    ];
    let Some(info) = crate::settings::var("KUBERNETES_EXEC_INFO").filter(|v| !v.trim().is_empty())
    else {
        return Ok(KNOWN[0].to_string());
    };
    let asked = serde_json::from_str::<serde_json::Value>(info)
        .ok()
        .and_then(|v| v["apiVersion"].as_str().map(str::to_string));
    match asked {
        Some(v) if KNOWN.contains(&v.as_str()) => Ok(v),
        Some(v) => Err(Error::usage(format!(
            "kubectl asked for an ExecCredential of {v}; svcacct answers {} and {}",
            KNOWN[0], KNOWN[1]
        ))
        .with_hint(
            "set `apiVersion: client.authentication.k8s.io/v1` in the kubeconfig's exec section",
        )),
        None => Ok(KNOWN[0].to_string()),
    }
}

pub async fn run(ctx: &Context, args: &TokenArgs) -> Result<()> {
    let version = if args.format == TokenFormat::ExecCredential && !ctx.out.json {
        Some(exec_credential_version()?)
    } else {
        None
    };
    let renewal = if args.refresh {
        Renewal::Now
    } else {
        Renewal::WhenDue
    };
    let creds = session::obtain(ctx, Source::resolve(ctx)?, renewal).await?;
    let format = if ctx.out.json {
        TokenFormat::Json
    } else {
        args.format
    };
    let expires = creds.expires_at.and_then(rfc3339);
    match format {
        TokenFormat::Text => ctx.out.line(creds.token.expose()),
        TokenFormat::Json => ctx.out.json_value(&json!({
            "access_token": creds.token.expose(),
            "token_type": "Bearer",
            "expires_at": expires,
        })),
        TokenFormat::ExecCredential => {
            let mut status = json!({"token": creds.token.expose()});
            if let Some(at) = expires {
                status["expirationTimestamp"] = json!(at);
            }
            ctx.out.json_value(&json!({
                "apiVersion": version,
                "kind": "ExecCredential",
                "status": status,
            }))
        }
    }
}
