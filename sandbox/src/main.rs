//! `svcacct-sandbox serve`: run the local platform.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

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
    Serve {
        /// Address to listen on; port 0 picks a free port
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Data directory (SQLite database, bootstrap.json); created and seeded on first start
        #[arg(long, env = "SVCACCT_SANDBOX_DATA")]
        data: PathBuf,
        /// Requests per minute per account, all tokens summed, e.g. 30/min
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
        /// Do not log requests to stderr
        #[arg(long)]
        quiet: bool,
    },
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
    let Command::Serve {
        listen,
        data,
        rate_limit,
        rate_window,
        seed_service_accounts,
        token_ttl,
        quiet,
    } = cli.command;
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async move {
        let config = svcacct_sandbox::Config {
            listen,
            data_dir: data.clone(),
            rate_limit_per_minute: rate_limit,
            rate_window_secs: rate_window,
            token_ttl_secs: token_ttl,
            request_log: !quiet,
        };
        let running = match svcacct_sandbox::start(config).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        if seed_service_accounts > 0
            && let Err(e) = running.seed_service_accounts(seed_service_accounts)
        {
            eprintln!("error: cannot seed service accounts: {e}");
            return ExitCode::FAILURE;
        }
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", running.base_url);
        let _ = writeln!(
            out,
            "bootstrap credentials: {}",
            data.join("bootstrap.json").display()
        );
        let _ = out.flush();
        drop(out);
        wait_for_signal().await;
        eprintln!("shutting down");
        running.stop().await;
        ExitCode::SUCCESS
    })
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
