//! `svcacct status`: which profile and API, who, how credentials are stored, token expiry.

use serde_json::json;

use crate::api::Api;

use crate::context::Context;
use crate::credentials::session::{self, Origin};
use crate::error::{Error, ErrorKind, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Do not ask the server whether the token still works
    #[arg(long)]
    pub offline: bool,
}

fn human_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, _) => format!("{m}m {s:02}s"),
        _ => format!("{h}h {m:02}m"),
    }
}

fn utc(unix: i64) -> String {
    let fmt =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_else(|| unix.to_string())
}

pub async fn run(ctx: &Context, args: &StatusArgs) -> Result<()> {
    let creds = session::current(ctx).await?;
    let (profile_name, auth, client_id, storage, expires_at, stored_user) = match &creds.origin {
        Origin::EnvToken => (
            "(environment)".to_string(),
            "access token from SVCACCT_TOKEN".to_string(),
            None,
            "environment variable SVCACCT_TOKEN".to_string(),
            None,
            None,
        ),
        Origin::EnvClientCredentials { client_id } => (
            "(environment)".to_string(),
            "client credentials from the environment".to_string(),
            Some(client_id.clone()),
            "environment variables SVCACCT_CLIENT_ID / SVCACCT_CLIENT_SECRET (the secret is not stored; tokens are cached)"
                .to_string(),
            creds.expires_at,
            None,
        ),
        Origin::Profile {
            name,
            profile,
            store,
            credential,
        } => (
            name.clone(),
            profile.auth.describe().to_string(),
            profile.client_id.clone(),
            store.describe(),
            credential.expires_at,
            profile.user.clone(),
        ),
    };
    let source = match &creds.origin {
        Origin::EnvToken => "environment: SVCACCT_TOKEN".to_string(),
        Origin::EnvClientCredentials { .. } => {
            "environment: SVCACCT_CLIENT_ID + SVCACCT_CLIENT_SECRET".to_string()
        }
        Origin::Profile { name, .. } => format!("stored profile '{name}'"),
    };
    // Say so when the environment shadows a stored profile: that is who a CI job acts as.
    let shadowed = match &creds.origin {
        Origin::Profile { .. } => None,
        _ => {
            let config = ctx.config.load()?;
            let name = ctx.profile_name(&config);
            config.profiles.contains_key(&name).then_some(name)
        }
    };
    // A preset platform (Procore, PlanRadar) is checked with its own cheap call by `login`;
    // svcacct's `/api/v1/me` does not exist there.
    let preset = match &creds.origin {
        Origin::Profile { profile, .. } => profile.provider,
        _ => None,
    };
    let foreign = preset.is_some_and(|p| !p.has_admin_api());
    let me = if args.offline || foreign {
        None
    } else {
        match Api::new(ctx.http()?, creds.api.clone(), creds.token.clone())
            .me()
            .await
        {
            Ok(me) => Some(me),
            Err(e) if e.kind == ErrorKind::Auth => {
                return Err(Error::auth(format!(
                    "profile '{profile_name}': the server rejected the token ({})",
                    e.message
                ))
                .with_hint("run `svcacct login` again"));
            }
            Err(e) if e.kind == ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        }
    };
    let now = crate::clock::now();
    if ctx.out.json {
        return ctx.out.json_value(&json!({
            "profile": profile_name,
            "provider": preset,
            "source": source,
            "shadowed_profile": shadowed,
            "api_url": creds.api.as_str(),
            "auth": auth,
            "client_id": client_id,
            "credential_storage": storage,
            "user": me.as_ref().map(|m| json!({"id": m.id, "login": m.login, "name": m.name, "company_id": m.company_id})),
            "token_expires_at": expires_at,
            "token_expires_in": expires_at.map(|e| (e - now).max(0)),
            "verified_with_server": !args.offline,
        }));
    }
    let user = match (&me, stored_user) {
        (Some(m), _) => format!(
            "{} ({}, {}) in company {}",
            m.login, m.name, m.email, m.company_id
        ),
        (None, Some(login)) => format!("{login} (not checked with the server)"),
        (None, None) => "unknown (the server has no /api/v1/me)".to_string(),
    };
    let token = match expires_at {
        Some(e) if e > now => format!("valid, expires in {} ({})", human_duration(e - now), utc(e)),
        Some(e) => format!("expired at {} (the next command renews it)", utc(e)),
        None => "no expiry given by the server".to_string(),
    };
    let client = client_id
        .map(|c| format!(", client {c}"))
        .unwrap_or_default();
    let lines = [
        format!("Profile:      {profile_name}"),
        match &shadowed {
            None => format!("Source:       {source}"),
            Some(name) => format!(
                "Source:       {source} (wins over the stored profile '{name}'; `--profile {name}` selects it)"
            ),
        },
        format!("API:          {}", creds.api),
        format!("Signed in as: {user}"),
        format!("Auth:         {auth}{client}"),
        format!("Credentials:  {storage}"),
        format!("Token:        {token}"),
    ];
    for line in lines {
        ctx.out.line(&line)?;
    }
    if let Some(p) = preset.filter(|_| foreign) {
        ctx.out.line(&format!(
            "Provider:     {} (--provider {})",
            p.name(),
            serde_json::to_value(p)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::human_duration;

    #[test]
    fn durations() {
        assert_eq!(human_duration(59), "59s");
        assert_eq!(human_duration(3599), "59m 59s");
        assert_eq!(human_duration(3600 * 5 + 61), "5h 01m");
    }
}
