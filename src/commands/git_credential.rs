//! `svcacct git-credential get|store|erase`: git's credential helper.

use clap::{Args, ValueEnum};

use crate::context::Context;
use crate::credentials::session::{self, Renewal, Source};
use crate::error::{Error, ErrorKind, Result};

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

/// Git's credential-helper protocol (`git help credential`). The request's protocol and host
/// are compared with the API's first — from the config and environment alone — so another
/// host (github.com, or the same address on another port) gets no answer, no output and no
/// request: git asks its next helper. For our host, `get` answers with the access token (as a
/// Bearer credential where git offers `capability[]=authtype`, else as the password) and its
/// expiry; `erase` (git's word that the server refused it) drops the cached access token, so
/// the next `get` mints or refreshes one; `store` is ignored (svcacct keeps its own).
pub async fn run(ctx: &Context, args: &GitCredentialArgs) -> Result<()> {
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
