//! `svcacct tokens …` and `svcacct users …`.

use clap::{Args, Subcommand};

use super::SecretOutArgs;

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// List personal access tokens (never their values)
    List(TokensListArgs),
    /// Create a personal access token; its value is shown once
    Create(TokensCreateArgs),
    /// Revoke one token, or every token of a user with --all
    Revoke(TokensRevokeArgs),
}

#[derive(Debug, Args)]
pub struct TokensListArgs {
    /// Another user's tokens (needs the user-management permission)
    #[arg(long, value_name = "USER_ID")]
    pub user: Option<u64>,
    #[command(flatten)]
    pub output: super::ListFormatArgs,
}

/// `30d`, `12h`, `90m`, `2w` or plain seconds.
pub fn parse_duration(s: &str) -> Result<u64, String> {
    duration_in(
        s,
        60,
        366 * 86_400,
        "a token may last from 1 minute to 366 days",
    )
}

/// `N` seconds, or `N` with s, m, h, d or w, between `min` and `max` seconds.
pub fn duration_in(s: &str, min: u64, max: u64, range: &str) -> Result<u64, String> {
    let s = s.trim();
    let bad = || format!("'{s}' is not a duration: use a number with s, m, h, d or w, e.g. 30d");
    let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let secs = match unit {
        "" | "s" => Some(n),
        "m" => n.checked_mul(60),
        "h" => n.checked_mul(3600),
        "d" => n.checked_mul(86_400),
        "w" => n.checked_mul(604_800),
        _ => return Err(bad()),
    }
    .unwrap_or(u64::MAX);
    if !(min..=max).contains(&secs) {
        return Err(format!("'{s}' is out of range: {range}"));
    }
    Ok(secs)
}

#[derive(Debug, Args)]
pub struct TokensCreateArgs {
    /// What the token is for
    #[arg(long)]
    pub name: String,
    /// Lifetime, e.g. 30d, 12h (default: until revoked)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expires_in: Option<u64>,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["id", "all"])))]
pub struct TokensRevokeArgs {
    /// Token id (see `svcacct tokens list`)
    pub id: Option<i64>,
    /// Revoke every token (of --user, or your own)
    #[arg(long)]
    pub all: bool,
    /// Another user's tokens (needs the user-management permission)
    #[arg(long, value_name = "USER_ID")]
    pub user: Option<u64>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List the company's users
    List(super::ListFormatArgs),
    /// Show one user
    View(UserIdArgs),
    /// Let a user see the API docs and create personal access tokens (user managers)
    GrantApiAccess(UserIdArgs),
    /// Take API access away; the user's personal access tokens stop working (user managers)
    RevokeApiAccess(UserIdYesArgs),
    /// Set a person's permissions (company admins); LEVEL none removes one
    Update(UserUpdateArgs),
}

#[derive(Debug, Args)]
pub struct UserUpdateArgs {
    /// User id
    pub id: u64,
    /// Company-wide permission TOOL=LEVEL (repeatable)
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = super::parse_company_grant)]
    pub permissions: Vec<super::Grant>,
    /// Project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = super::parse_project_grant)]
    pub projects: Vec<super::Grant>,
}

#[derive(Debug, Args)]
pub struct UserIdArgs {
    /// User id
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct UserIdYesArgs {
    /// User id
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}
