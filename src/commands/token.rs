//! `svcacct token`: a valid access token on stdout and nothing else (or as JSON, or as a
//! Kubernetes ExecCredential); `svcacct exec`: a command run with the token in its environment.
//! Both read the same cross-process cache as every command: a second call within the token's
//! lifetime makes no request, and the expiry they report is at least a minute ahead.

use serde_json::json;

use crate::auth::session;
use crate::cli::{ExecArgs, GitCredentialArgs, GitCredentialOperation, TokenArgs, TokenFormat};
use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};

fn rfc3339(unix: i64) -> Option<String> {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
}

pub async fn run(ctx: &Context, args: &TokenArgs) -> Result<()> {
    let creds = session::current(ctx).await?;
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
                "apiVersion": "client.authentication.k8s.io/v1",
                "kind": "ExecCredential",
                "status": status,
            }))
        }
    }
}

/// Run the command with the token in `--env` (default SVCACCT_TOKEN) and its exit status passed
/// through; the token is in the child's environment only, never in its argv.
pub async fn exec(ctx: &Context, args: &ExecArgs) -> Result<()> {
    let creds = session::current(ctx).await?;
    let (program, rest) = args.command.split_first().ok_or_else(|| {
        Error::usage("no command given").with_hint("svcacct exec -- COMMAND ARGS…")
    })?;
    let status = std::process::Command::new(program)
        .args(rest)
        .env(&args.env, creds.token.expose())
        .status()
        .map_err(|e| {
            let name = program.to_string_lossy();
            let kind = if e.kind() == std::io::ErrorKind::NotFound {
                "not found"
            } else {
                "cannot be started"
            };
            // Said here: a passed-through exit status is otherwise silent.
            ctx.out.error(
                &Error::usage(format!("command '{name}' {kind}: {e}"))
                    .with_hint("check the command after `--` and PATH"),
            );
            Error::new(ErrorKind::ChildExited(127), "command not started")
        })?;
    let code = status.code().map(|c| c as u8).unwrap_or_else(|| {
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            128 + status.signal().unwrap_or(0) as u8
        }
        #[cfg(not(unix))]
        {
            1
        }
    });
    if code == 0 {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::ChildExited(code),
            format!("the command exited with {code}"),
        ))
    }
}

/// Git's credential-helper protocol (`git help credential`): for `get`, when git asks for the
/// profile's API host, answer with the access token — as a Bearer credential where git offers
/// `capability[]=authtype`, else as the password — and its expiry. Other hosts get no answer
/// (git asks its next helper); `store` and `erase` are read and ignored.
pub async fn git_credential(ctx: &Context, args: &GitCredentialArgs) -> Result<()> {
    use std::io::BufRead;
    let mut request = Vec::new();
    for line in std::io::stdin().lock().lines().take(64) {
        let line = line.map_err(|e| Error::usage(format!("cannot read git's request: {e}")))?;
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once('=') {
            request.push((k.to_string(), v.to_string()));
        }
    }
    if args.operation != GitCredentialOperation::Get {
        return Ok(());
    }
    let field = |name: &str| {
        request
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let creds = session::current(ctx).await?;
    let api = &creds.api;
    let api_host = match api.port() {
        Some(port) => format!("{}:{port}", api.host_str().unwrap_or_default()),
        None => api.host_str().unwrap_or_default().to_string(),
    };
    if field("protocol") != Some(api.scheme()) || field("host") != Some(api_host.as_str()) {
        return Ok(());
    }
    let bearer = request
        .iter()
        .any(|(k, v)| k == "capability[]" && v == "authtype");
    let mut answer = String::new();
    if bearer {
        answer.push_str("capability[]=authtype\nauthtype=Bearer\n");
        answer.push_str(&format!("credential={}\n", creds.token.expose()));
    } else {
        answer.push_str("username=svcacct\n");
        answer.push_str(&format!("password={}\n", creds.token.expose()));
    }
    if let Some(at) = creds.expires_at {
        answer.push_str(&format!("password_expiry_utc={at}\n"));
    }
    ctx.out.raw(&answer)
}
