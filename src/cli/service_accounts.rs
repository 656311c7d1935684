//! `svcacct service-accounts …` (alias `sa`) and `svcacct reset-secret`.

use clap::{Args, Subcommand};
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Subcommand)]
pub enum ServiceAccountCommand {
    /// List service accounts (a table on a terminal, tab-separated when piped)
    List(SaListArgs),
    /// Create a service account; its client secret is shown once
    Create(SaCreateArgs),
    /// Show a service account and its permissions
    View(SaIdArgs),
    /// Change a service account's name, description or permissions
    Update(SaUpdateArgs),
    /// Delete a service account; its tokens stop working at once
    Delete(SaDeleteArgs),
    /// Issue a new client secret; the old one, its tokens, and all permissions are reset (an
    /// incident); for a planned rotation without downtime use rotate-secret
    ResetSecret(ResetSecretArgs),
    /// Planned rotation: a second secret, the old one valid for a grace period; --finish
    /// retires the old one early. Permissions are untouched
    RotateSecret(RotateSecretArgs),
    /// Outside identities (CI systems' OpenID tokens) that may mint tokens for the account
    /// without a secret
    #[command(subcommand)]
    Federation(FederationCommand),
}

#[derive(Debug, Subcommand)]
pub enum FederationCommand {
    /// Trust tokens from ISSUER whose sub (and aud, and --claim values) match
    Add(FederationAddArgs),
    /// List the identities the account trusts
    List(SaIdArgs),
    /// Stop trusting one
    Remove(FederationRemoveArgs),
    /// Say whether an assertion would be accepted, and if not which check failed
    Test(FederationTestArgs),
}

/// NAME=VALUE, a claim that must match exactly.
fn claim(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!(
            "'{s}' is not NAME=VALUE (e.g. environment=production)"
        )),
    }
}

#[derive(Debug, Args)]
pub struct FederationAddArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::service_account_ids))]
    pub id: u64,
    /// The token issuer, e.g. https://token.actions.githubusercontent.com
    #[arg(long, value_name = "URL")]
    pub issuer: String,
    /// The sub claim to trust, e.g. repo:acme/erp-sync:ref:refs/heads/main
    #[arg(long, value_name = "SUBJECT")]
    pub subject: String,
    /// The aud claim expected (default: the platform's API URL)
    #[arg(long, value_name = "AUD")]
    pub audience: Option<String>,
    /// Another claim that must match exactly (repeatable), e.g. environment=production
    #[arg(long = "claim", value_name = "NAME=VALUE", value_parser = claim)]
    pub claims: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct FederationRemoveArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::service_account_ids))]
    pub id: u64,
    /// Federation id (see `svcacct sa federation list ID`)
    pub federation_id: u64,
}

#[derive(Debug, Args)]
pub struct FederationTestArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::service_account_ids))]
    pub id: u64,
    /// A file holding the assertion (an OpenID token from the CI system)
    #[arg(long, value_name = "PATH")]
    pub assertion_file: std::path::PathBuf,
}

/// A rotation's grace: 1 second to 30 days.
fn grace(s: &str) -> Result<u64, String> {
    super::duration_in(s, 1, 30 * 86_400, "a grace lasts from 1 second to 30 days")
}

#[derive(Debug, Args)]
pub struct RotateSecretArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::service_account_ids))]
    pub id: u64,
    /// How long the old secret keeps working: 30m, 24h, 7d, or plain seconds such as 8
    #[arg(long, value_name = "DURATION", value_parser = grace, default_value = "24h", conflicts_with = "finish")]
    pub grace: u64,
    /// Retire the old secret now (it and the tokens minted with it stop working)
    #[arg(long, conflicts_with_all = ["secret_file", "save"])]
    pub finish: bool,
    /// With --finish: even if the old secret was used in the last 15 minutes. With
    /// --secret-file: replace an existing file
    #[arg(long)]
    pub force: bool,
    /// Write the new secret to PATH (mode 0600) instead of stdout
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<std::path::PathBuf>,
    /// Keep the new secret in the OS keychain as profile sa-ID instead
    #[arg(long, conflicts_with = "secret_file")]
    pub save: bool,
    /// Also deliver the new secret to its consumers (repeatable): file:PATH (0600, never
    /// through a symlink), env-file:PATH:NAME (that line of a dotenv file), exec:COMMAND (the
    /// secret on the command's stdin only). Until the rotation ends the secret is kept (the OS
    /// keychain, or --secret-file) so that --resume can retry the sinks that failed
    #[arg(long = "deliver", value_name = "SINK", value_parser = crate::ops::secret_sinks::parse, conflicts_with_all = ["finish", "save"])]
    pub deliver: Vec<crate::ops::secret_sinks::Sink>,
    /// After the new secret is out, wait until the old one has not been used for SPAN (default
    /// 15m), then retire it; on a terminal a progress line, else one line a minute
    #[arg(long, value_name = "SPAN", num_args = 0..=1, default_missing_value = "15m", value_parser = grace, conflicts_with = "finish")]
    pub finish_when_idle: Option<u64>,
    /// With --finish-when-idle: wait at most SPAN (default: the grace); then both secrets
    /// stay, and exit 11 says who still uses the old one
    #[arg(long, value_name = "SPAN", value_parser = grace, requires = "finish_when_idle")]
    pub timeout: Option<u64>,
    /// Deliver the pending secret again to the sinks that failed (no new secret is made)
    #[arg(long, conflicts_with_all = ["finish", "deliver", "save", "secret_file", "grace"])]
    pub resume: bool,
}

/// A permission: TOOL=LEVEL company-wide, or PROJECT:TOOL=LEVEL on one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub project: Option<i64>,
    pub tool: String,
    pub level: String,
}

fn grant_help() -> String {
    format!(
        "expected TOOL=LEVEL with TOOL one of {} and LEVEL one of {}",
        crate::api::models::TOOLS.join(", "),
        crate::api::models::LEVELS.join(", ")
    )
}

fn parse_tool_level(s: &str) -> Result<(String, String), String> {
    let (tool, level) = s.split_once('=').ok_or_else(grant_help)?;
    let (tool, level) = (
        tool.trim().to_ascii_lowercase(),
        level.trim().to_ascii_lowercase(),
    );
    if !crate::api::models::TOOLS.contains(&tool.as_str()) {
        return Err(format!("unknown tool '{tool}': {}", grant_help()));
    }
    if !crate::api::models::LEVELS.contains(&level.as_str()) {
        return Err(format!("unknown level '{level}': {}", grant_help()));
    }
    Ok((tool, level))
}

/// `documents=read`
pub fn parse_company_grant(s: &str) -> Result<Grant, String> {
    let (tool, level) = parse_tool_level(s)?;
    Ok(Grant {
        project: None,
        tool,
        level,
    })
}

/// `12:documents=read`
pub fn parse_project_grant(s: &str) -> Result<Grant, String> {
    let (project, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("expected PROJECT_ID:TOOL=LEVEL ({})", grant_help()))?;
    let project = project
        .trim()
        .parse::<i64>()
        .map_err(|_| format!("'{project}' is not a project id (a number)"))?;
    let (tool, level) = parse_tool_level(rest)?;
    Ok(Grant {
        project: Some(project),
        tool,
        level,
    })
}

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
    pub output: super::ListFormatArgs,
}

/// Where a secret that is shown once goes (default: stdout).
#[derive(Debug, Args)]
pub struct SecretOutArgs {
    /// Write the secret to PATH (mode 0600) instead of stdout
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<std::path::PathBuf>,
    /// With --secret-file: replace an existing file
    #[arg(long, requires = "secret_file")]
    pub force: bool,
    /// Keep it in the OS keychain instead: a service account's secret as profile sa-ID (then
    /// `svcacct --profile sa-ID token`), a personal access token as this profile's credential
    #[arg(long, conflicts_with = "secret_file")]
    pub save: bool,
}

#[derive(Debug, Args)]
pub struct SaCreateArgs {
    /// Display name
    #[arg(long)]
    pub name: String,
    /// Contact email in the company directory (cannot change later)
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub description: Option<String>,
    /// Company-wide permission TOOL=LEVEL (repeatable); new accounts have none
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = parse_company_grant)]
    pub permissions: Vec<Grant>,
    /// Project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = parse_project_grant)]
    pub projects: Vec<Grant>,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}

#[derive(Debug, Args)]
pub struct SaIdArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::service_account_ids))]
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct SaUpdateArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::service_account_ids))]
    pub id: u64,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    /// The contact email cannot change; the server explains why
    #[arg(long)]
    pub email: Option<String>,
    /// Set a company-wide permission TOOL=LEVEL (repeatable; LEVEL none removes it)
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = parse_company_grant)]
    pub permissions: Vec<Grant>,
    /// Set a project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = parse_project_grant)]
    pub projects: Vec<Grant>,
    /// Grant again the permissions an interrupted `reset-secret --reapply-permissions` journaled
    #[arg(long, conflicts_with_all = ["permissions", "projects"])]
    pub restore_permissions: bool,
    /// Reduce the permissions to what the account's requests needed within SPAN (e.g. 90d):
    /// each tool granted → needed, or removed; shown, then confirmed
    #[arg(long, value_name = "SPAN", value_parser = trim_span, conflicts_with_all = ["permissions", "projects", "restore_permissions"])]
    pub trim_unused: Option<u64>,
    /// With --trim-unused: only show the proposal
    #[arg(long, requires = "trim_unused")]
    pub dry_run: bool,
    /// With --trim-unused: apply without asking
    #[arg(long, short = 'y', requires = "trim_unused")]
    pub yes: bool,
}

fn trim_span(s: &str) -> Result<u64, String> {
    super::duration_in(
        s,
        60,
        3650 * 86_400,
        "a span lasts from 1 minute to 10 years",
    )
}

#[derive(Debug, Args)]
pub struct SaDeleteArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::service_account_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ResetSecretArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::service_account_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Afterwards, grant again the permissions the account had before the reset
    #[arg(long)]
    pub reapply_permissions: bool,
    #[command(flatten)]
    pub secret: SecretOutArgs,
}
