//! `svcacct`: an admin CLI for the integration credentials of a construction-project platform.

pub mod api;
#[cfg(test)]
mod architecture;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod context;
pub mod credentials;
pub mod duration;
pub mod error;
pub mod fsx;
pub mod http;
pub mod oauth;
pub mod ops;
pub mod providers;
pub mod secret;
pub mod settings;
pub mod ui;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::{Error, ErrorKind};
use crate::ui::output::Output;

/// Parse the command line, run the command, and turn the outcome into an exit code.
pub fn run() -> ExitCode {
    // `svcacct __jq EXPR`: the child that runs a --jq program (see jq.rs), not a command.
    let mut args = std::env::args_os();
    if args.nth(1).is_some_and(|a| a == ui::jq::CHILD_MODE) {
        let expr = args.next().unwrap_or_default();
        return ui::jq::child_main(&expr.to_string_lossy());
    }
    // `COMPLETE=<shell> svcacct …` is the shell asking for completions: answer and exit.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                ErrorKind::Usage.exit_code()
            } else {
                0
            });
        }
    };
    let out = Output::new(cli.global.json || cli.global.jq.is_some());
    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("cannot start the async runtime: {e}")))
        .and_then(|rt| {
            let ctx = Context::new(cli.global.settings())?;
            let result = rt.block_on(cli::dispatch(&ctx, cli.command));
            ctx.warn_if_expiring();
            result
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Error {
            kind: ErrorKind::ChildExited(code),
            ..
        }) => ExitCode::from(code),
        Err(e) => {
            out.error(&e);
            ExitCode::from(e.kind.exit_code())
        }
    }
}
