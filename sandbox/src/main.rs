//! `svcacct-sandbox serve`: run the local platform. `svcacct-sandbox receive`: a local webhook
//! receiver that prints what it gets.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "svcacct-sandbox",
    version,
    about = "A local, real implementation of the platform API for svcacct"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the OAuth 2.0 server and the platform API until interrupted
    Serve(ServeArgs),
    /// Receive webhooks on 127.0.0.1 and print each delivery as a JSON line
    Receive(ReceiveArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free port
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Data directory (SQLite database, bootstrap.json, webhook.key); created and seeded on first start
    #[arg(long, env = "SVCACCT_SANDBOX_DATA")]
    data: PathBuf,
    /// Requests per window per account, all tokens summed, e.g. 30/min
    #[arg(long, default_value = "30/min", value_parser = parse_rate)]
    rate_limit: u32,
    /// Length of the rate-limit window in seconds
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    rate_window: u64,
    /// Add this many service accounts to the demo company at start (load tests, benchmarks)
    #[arg(long, default_value_t = 0)]
    seed_service_accounts: u32,
    /// Lifetime of access tokens in seconds
    #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
    token_ttl: u64,
    /// Device flow (RFC 8628): seconds between polls
    #[arg(long, default_value_t = 5, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=60))]
    device_interval: u64,
    /// Device flow: how long a device code waits for approval, in seconds
    #[arg(long, default_value_t = 600, value_name = "SECS", value_parser = clap::value_parser!(u64).range(10..=3600))]
    device_code_ttl: u64,
    /// Seconds a just-rotated refresh token may be redeemed again (a lost answer) before its
    /// reuse counts as theft and ends the grant; 0 turns the grace off
    #[arg(long, default_value_t = 30, value_name = "SECS", value_parser = clap::value_parser!(u64).range(0..=300))]
    refresh_reuse_window: u64,
    /// Milliseconds a webhook receiver has to answer
    #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u64).range(1..))]
    delivery_timeout_ms: u64,
    /// First webhook retry delay in milliseconds (doubles on each failure)
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    retry_base_ms: u64,
    /// Longest webhook retry delay in milliseconds
    #[arg(long, default_value_t = 3_600_000, value_parser = clap::value_parser!(u64).range(1..))]
    retry_max_ms: u64,
    /// Seconds after which a delivery that keeps failing is discarded
    #[arg(long, default_value_t = 43_200, value_parser = clap::value_parser!(u64).range(1..))]
    retry_max_age: u64,
    /// Do not log requests to stderr
    #[arg(long)]
    quiet: bool,
    /// Let webhooks deliver to loopback receivers (127.0.0.1, ::1, localhost), for local
    /// testing. Private, link-local and other internal addresses stay refused.
    #[arg(long)]
    allow_loopback_webhooks: bool,
    /// Send webhook deliveries only to loopback receivers; others are recorded as not sent
    /// (test suites and fuzzing, on machines that must not reach out)
    #[arg(long)]
    no_external_webhooks: bool,
    /// Trust federation issuers on loopback (plain http allowed there), for trying federated
    /// service accounts locally. Private, link-local and other internal addresses stay refused
    #[arg(long)]
    allow_loopback_issuers: bool,
    /// Delete client-credentials access tokens this many seconds after they expired
    #[arg(long, default_value_t = 600, value_name = "SECS")]
    prune_expired_after: u64,
    /// Benchmarks only: /oauth/token answers without authenticating or storing anything
    #[arg(long, hide = true)]
    bench_ceiling: bool,
    /// For trying things out by hand: at least 600 requests a minute, and webhooks and
    /// federation issuers on loopback allowed (--allow-loopback-webhooks --allow-loopback-issuers)
    #[arg(long)]
    explore: bool,
}

#[derive(clap::Args)]
struct ReceiveArgs {
    /// Address to listen on (loopback); port 0 picks a free port
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// HTTP status to answer with
    #[arg(long, default_value_t = 200)]
    status: u16,
    /// Milliseconds to wait before answering
    #[arg(long, default_value_t = 0)]
    delay_ms: u64,
}

fn parse_rate(s: &str) -> Result<u32, String> {
    let n = s.strip_suffix("/min").unwrap_or(s);
    n.parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("'{s}' is not a rate: use N/min with N ≥ 1, e.g. 30/min"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Command::Serve(args) => rt.block_on(serve(args)),
        Command::Receive(args) => rt.block_on(receive(args)),
    }
}

/// Print lines on stdout, ignoring a reader that went away.
fn print_lines(lines: &[String]) {
    let mut out = std::io::stdout().lock();
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
}

async fn serve(a: ServeArgs) -> ExitCode {
    let config = svcacct_sandbox::Config {
        listen: a.listen,
        data_dir: a.data.clone(),
        rate_limit_per_minute: if a.explore {
            a.rate_limit.max(600)
        } else {
            a.rate_limit
        },
        rate_window_secs: a.rate_window,
        token_ttl_secs: a.token_ttl,
        device_interval_secs: a.device_interval,
        device_code_ttl_secs: a.device_code_ttl,
        refresh_reuse_window_secs: a.refresh_reuse_window,
        request_log: !a.quiet,
        delivery: svcacct_sandbox::DeliveryConfig {
            timeout: Duration::from_millis(a.delivery_timeout_ms),
            retry_base: Duration::from_millis(a.retry_base_ms),
            retry_max: Duration::from_millis(a.retry_max_ms),
            max_age: Duration::from_secs(a.retry_max_age),
            allow_loopback: a.allow_loopback_webhooks || a.explore,
            external: !a.no_external_webhooks,
            ..Default::default()
        },
        record_issued_secrets: false,
        allow_loopback_issuers: a.allow_loopback_issuers || a.explore,
        prune_expired_after_secs: a.prune_expired_after,
        bench_ceiling: a.bench_ceiling,
    };
    let running = match svcacct_sandbox::start(config).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if a.seed_service_accounts > 0
        && let Err(e) = running.seed_service_accounts(a.seed_service_accounts)
    {
        eprintln!("error: cannot seed service accounts: {e}");
        return ExitCode::FAILURE;
    }
    // Whoever started us may stop reading after the first line: never fail on stdout.
    print_lines(&[
        format!("listening on {}", running.base_url),
        format!(
            "bootstrap credentials: {}",
            a.data.join("bootstrap.json").display()
        ),
    ]);
    wait_for_signal().await;
    let _ = writeln!(std::io::stderr(), "shutting down");
    running.stop().await;
    ExitCode::SUCCESS
}

async fn receive(a: ReceiveArgs) -> ExitCode {
    if !a.listen.ip().is_loopback() {
        eprintln!("error: the receiver listens on loopback addresses only (127.0.0.1 or [::1])");
        return ExitCode::from(2);
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let receiver = match svcacct_sandbox::receiver::Receiver::start(a.listen, Some(tx)).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", a.listen);
            return ExitCode::FAILURE;
        }
    };
    receiver.set_status(a.status);
    receiver.set_delay(Duration::from_millis(a.delay_ms));
    print_lines(&[format!("listening on {}", receiver.url())]);
    let print = async {
        while let Some(got) = rx.recv().await {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", serde_json::to_string(&got).unwrap_or_default());
            let _ = out.flush();
        }
    };
    tokio::select! {
        _ = print => {}
        _ = wait_for_signal() => {}
    }
    receiver.stop().await;
    ExitCode::SUCCESS
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
