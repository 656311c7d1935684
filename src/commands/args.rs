use crate::ops::permissions::Grant;
use clap::Args;
use clap_complete::engine::ArgValueCandidates;

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

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Profile to use (a named set of API URL and credentials)
    #[arg(long, global = true, env = "SVCACCT_PROFILE", value_name = "NAME", value_parser = profile_name, add = ArgValueCandidates::new(profiles))]
    pub profile: Option<String>,
    /// Platform API base URL (https, or http to loopback only)
    #[arg(long, global = true, env = "SVCACCT_API_URL", value_name = "URL")]
    pub api: Option<String>,
    /// Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// Filter the JSON output with a jq program (implies --json), e.g. --jq '.[].client_id'
    #[arg(short = 'q', long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,
    /// Company to act on (default: the signed-in user's company)
    #[arg(long, global = true, env = "SVCACCT_COMPANY_ID", value_name = "ID")]
    pub company: Option<i64>,
}

impl GlobalArgs {
    /// What the commands below see of the flags.
    pub fn settings(&self) -> crate::settings::Settings {
        crate::settings::Settings {
            profile: self.profile.clone(),
            api: self.api.clone(),
            verbose: self.verbose,
            json: self.json,
            jq: self.jq.clone(),
            company: self.company,
        }
    }
}

/// How a listing prints as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// One JSON array (the same as --json)
    Json,
    /// One JSON object per line, each printed as soon as it is fetched
    Jsonl,
}

#[derive(Debug, Clone, Default, Args)]
pub struct ListFormatArgs {
    /// json (one array, like --json) or jsonl (one object per line, streamed)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ListFormat>,
}

impl ListFormatArgs {
    /// Whether JSON is printed at all (`--format`, `--json` or `--jq`).
    pub fn json(&self, out: &crate::ui::output::Output) -> bool {
        out.json || self.format.is_some()
    }

    pub fn lines(&self) -> bool {
        self.format == Some(ListFormat::Jsonl)
    }
}

/// `--profile`: a name that is safe as a file name (an empty value means "the default").
fn profile_name(name: &str) -> Result<String, String> {
    if name.is_empty() {
        return Ok(String::new());
    }
    crate::config::validate_profile_name(name)
}

impl SecretOutArgs {
    /// Where the flags send the secret.
    pub fn destination(&self) -> crate::ops::delivery::SecretDestination {
        crate::ops::delivery::SecretDestination::new(
            self.secret_file.as_deref(),
            self.force,
            self.save,
        )
    }
}

/// Profile names from the config, for completing `--profile` (the other completers are in
/// `complete`).
pub fn profiles() -> Vec<clap_complete::engine::CompletionCandidate> {
    let Ok(store) = crate::config::ConfigStore::locate() else {
        return Vec::new();
    };
    let Ok(config) = store.load() else {
        return Vec::new();
    };
    config
        .profiles
        .iter()
        .map(|(name, p)| {
            clap_complete::engine::CompletionCandidate::new(name)
                .help(Some(format!("{} ({:?})", p.api_url, p.auth).into()))
        })
        .collect()
}
