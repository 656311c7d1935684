//! `svcacct token`: a valid access token on stdout and nothing else (or as JSON, or as a
//! Kubernetes ExecCredential); `svcacct exec`: a command run with the token in its environment.
//! Both read the same cross-process cache as every command: a second call within the token's
//! lifetime makes no request, and the expiry they report is at least a minute ahead.

use serde_json::json;

use crate::context::Context;
use crate::credentials::session::{self, Renewal, Source};
use crate::error::{Error, ErrorKind, Result};
use clap::{Args, ValueEnum};

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

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// The environment variable that carries the token
    #[arg(long = "env", value_name = "NAME", default_value = "SVCACCT_TOKEN", value_parser = env_name)]
    pub env: String,
    /// The command and its arguments (after `--`); the token is never one of them
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    pub command: Vec<std::ffi::OsString>,
}

/// An environment variable name: letters, digits and `_`, not starting with a digit.
fn env_name(name: &str) -> Result<String, String> {
    let ok = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(name.to_string())
    } else {
        Err(format!(
            "'{name}' is not an environment variable name (letters, digits and _)"
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GitCredentialOperation {
    /// Answer with the access token for the profile's API host
    Get,
    /// Accepted and ignored (svcacct keeps its own credentials)
    Store,
    /// Drop the cached access token the server refused, so the next get makes a new one
    Erase,
}

#[derive(Debug, Args)]
pub struct GitCredentialArgs {
    /// What git asks (git passes it; the request is on stdin)
    #[arg(value_enum)]
    pub operation: GitCredentialOperation,
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

/// Run the command with the token in `--env` (default SVCACCT_TOKEN) and its exit status passed
/// through; the token is in the child's environment only, never in its argv.
pub async fn exec(ctx: &Context, args: &ExecArgs) -> Result<()> {
    let creds = session::current(ctx).await?;
    let (program, rest) = args.command.split_first().ok_or_else(|| {
        Error::usage("no command given").with_hint("svcacct exec -- COMMAND ARGS…")
    })?;
    let mut child = std::process::Command::new(program);
    child.args(rest);
    // The child gets the token, and none of the credentials that made it.
    for name in crate::settings::CREDENTIAL_VARIABLES {
        child.env_remove(name);
    }
    child.env(&args.env, creds.token.expose());
    let not_started = |e: std::io::Error| {
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
    };
    // On Unix svcacct becomes the command (exec): no svcacct process stays behind whose
    // environment (/proc/PID/environ) still holds the credentials, and the command's exit
    // status and signals are its own.
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        Err(not_started(child.exec()))
    }
    #[cfg(not(unix))]
    {
        let status = child.status().map_err(not_started)?;
        let code = status.code().map(|c| c as u8).unwrap_or(1);
        if code == 0 {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::ChildExited(code),
                format!("the command exited with {code}"),
            ))
        }
    }
}

/// Git's credential-helper protocol (`git help credential`). The request's protocol and host
/// are compared with the API's first — from the config and environment alone — so another
/// host (github.com, or the same address on another port) gets no answer, no output and no
/// request: git asks its next helper. For our host, `get` answers with the access token (as a
/// Bearer credential where git offers `capability[]=authtype`, else as the password) and its
/// expiry; `erase` (git's word that the server refused it) drops the cached access token, so
/// the next `get` mints or refreshes one; `store` is ignored (svcacct keeps its own).
pub async fn git_credential(ctx: &Context, args: &GitCredentialArgs) -> Result<()> {
    let mut request = Vec::new();
    for line in crate::ui::input::lines_until_blank(64, "git's request")? {
        if let Some((k, v)) = line.split_once('=') {
            request.push((k.to_string(), v.to_string()));
        }
    }
    let field = |name: &str| {
        request
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if args.operation == GitCredentialOperation::Store {
        return Ok(());
    }
    let source = match Source::resolve(ctx) {
        Ok(source) => source,
        // Signed out: there is no host of ours to answer for, and git asks the next helper.
        Err(e) if e.kind == ErrorKind::Auth => return Ok(()),
        Err(e) => return Err(e),
    };
    let api = source.api()?;
    let api_host = match api.port() {
        Some(port) => format!("{}:{port}", api.host_str().unwrap_or_default()),
        None => api.host_str().unwrap_or_default().to_string(),
    };
    let ours = field("protocol") == Some(api.scheme())
        && field("host").is_some_and(|h| h.eq_ignore_ascii_case(&api_host));
    if !ours {
        return Ok(());
    }
    if args.operation == GitCredentialOperation::Erase {
        // The refused token, as git sends it back: Bearer's `credential`, else `password`.
        let refused = field("credential").or(field("password"));
        session::forget_access_token(ctx, &source, refused).await?;
        return Ok(());
    }
    let creds = session::obtain(ctx, source, Renewal::WhenDue).await?;
    let bearer = request
        .iter()
        .any(|(k, v)| k == "capability[]" && v == "authtype");
    let token = creds.token.expose();
    if !crate::oauth::is_token_text(token) {
        // git's protocol is lines of key=value: a newline would add fields of its own.
        return Err(Error::usage(
            "the token has characters that cannot go into git's credential protocol",
        )
        .with_hint("check SVCACCT_TOKEN or the stored token: one word of visible ASCII"));
    }
    let mut answer = String::new();
    if bearer {
        // ephemeral: git must not hand the token to helpers that store credentials.
        answer.push_str("capability[]=authtype\nauthtype=Bearer\nephemeral=true\n");
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
