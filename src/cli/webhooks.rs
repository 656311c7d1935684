//! `svcacct webhooks …`.

use clap::{Args, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// List webhooks
    List(super::ListFormatArgs),
    /// The events a webhook can subscribe to
    Events,
    /// Create a webhook
    Create(WebhookCreateArgs),
    /// Show a webhook (hidden values masked: they cannot be read back)
    View(WebhookIdArgs),
    /// Change a webhook; hidden values not given again are kept
    Update(WebhookUpdateArgs),
    /// Delete a webhook; pending deliveries are discarded
    Delete(WebhookDeleteArgs),
    /// Send a test event and report the receiver's answer
    Test(WebhookIdArgs),
    /// Delivery attempts of a webhook, newest first
    Deliveries(DeliveriesArgs),
    /// Send a delivery again now
    Redeliver(RedeliverArgs),
}

#[derive(Debug, Args)]
pub struct WebhookIdArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::webhook_ids))]
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct WebhookDeleteArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::webhook_ids))]
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Authentication and headers sent with every delivery. Write-only values (the password,
/// hidden header values) come from stdin, a file or a hidden prompt: never from argv.
#[derive(Debug, Args)]
pub struct WebhookAuthArgs {
    /// HTTP basic auth user name
    #[arg(long, value_name = "USER")]
    pub basic_auth_user: Option<String>,
    /// Read the basic-auth password from stdin (else SVCACCT_WEBHOOK_PASSWORD, else a prompt)
    #[arg(long)]
    pub basic_auth_password_stdin: bool,
    /// Read the basic-auth password from a file
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "basic_auth_password_stdin"
    )]
    pub basic_auth_password_file: Option<std::path::PathBuf>,
    /// An extra header 'Name: value' (repeatable)
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// A hidden header NAME (value from a prompt), NAME=@PATH (from a file) or NAME=- (stdin) (repeatable)
    #[arg(long = "hidden-header", value_name = "NAME[=@PATH|=-]")]
    pub hidden_headers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct WebhookCreateArgs {
    /// Destination (https; plain http only to 127.0.0.1, ::1, localhost)
    #[arg(long)]
    pub url: String,
    /// An event to send (repeatable); `ticket.*` means all ticket events. Procore profiles:
    /// RESOURCE.create|update|delete, e.g. `RFIs.create` or `Projects.*`
    #[arg(long = "event", value_name = "EVENT", required = true)]
    pub events: Vec<String>,
    #[command(flatten)]
    pub auth: WebhookAuthArgs,
    /// Create it paused (no deliveries until activated)
    #[arg(long)]
    pub inactive: bool,
    /// Procore profiles: the hook's namespace (default svcacct)
    #[arg(long, value_name = "NAME")]
    pub namespace: Option<String>,
}

#[derive(Debug, Args)]
pub struct WebhookUpdateArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::webhook_ids))]
    pub id: u64,
    #[arg(long)]
    pub url: Option<String>,
    /// Replace the events with these (repeatable; globs like `ticket.*`)
    #[arg(long = "event", value_name = "EVENT")]
    pub events: Vec<String>,
    #[command(flatten)]
    pub auth: WebhookAuthArgs,
    /// Remove a header (repeatable)
    #[arg(long = "remove-header", value_name = "NAME")]
    pub remove_headers: Vec<String>,
    /// Stop sending basic auth
    #[arg(long, conflicts_with_all = ["basic_auth_user", "basic_auth_password_stdin", "basic_auth_password_file"])]
    pub no_basic_auth: bool,
    /// Resume deliveries
    #[arg(long, conflicts_with = "inactive")]
    pub active: bool,
    /// Pause deliveries
    #[arg(long)]
    pub inactive: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DeliveryStatus {
    Pending,
    Sending,
    Succeeded,
    Failed,
    Discarded,
}

#[derive(Debug, Args)]
pub struct DeliveriesArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::webhook_ids))]
    pub id: u64,
    /// Only deliveries in this state
    #[arg(long, value_enum)]
    pub status: Option<DeliveryStatus>,
    /// Keep watching and print deliveries as they change, until Ctrl-C
    #[arg(long)]
    pub follow: bool,
    /// How many (newest first, at most 100)
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: u32,
    #[command(flatten)]
    pub output: super::ListFormatArgs,
}

#[derive(Debug, Args)]
pub struct RedeliverArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::cli::complete::webhook_ids))]
    pub id: u64,
    /// Delivery id (see `svcacct webhooks deliveries`)
    pub delivery: u64,
}
