//! `svcacct exec -- COMMAND…`: run a command with a valid access token in its environment (never
//! in its arguments), and none of the credentials that made it.

use clap::Args;

use crate::context::Context;
use crate::credentials::session;
use crate::error::{Error, ErrorKind, Result};

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

/// Run the command with the token in `--env` (default SVCACCT_TOKEN) and its exit status passed
/// through; the token is in the child's environment only, never in its argv.
pub async fn run(ctx: &Context, args: &ExecArgs) -> Result<()> {
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
