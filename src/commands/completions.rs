//! `svcacct completions SHELL [--dynamic]`: print a completion script; install it yourself
//! (the README says where). Never edits rc files.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::context::Context;
use crate::error::{Error, Result};

/// The static script for `shell`, generated from the clap tree (also committed in completions/).
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "svcacct", &mut buf);
    buf
}

pub fn run(ctx: &Context, args: &CompletionsArgs) -> Result<()> {
    let bytes = if args.dynamic {
        // The registration calls back into svcacct (`COMPLETE=<shell> svcacct …`) on each <Tab>.
        let exe = std::env::current_exe()
            .map_err(|e| Error::internal(format!("cannot find my own executable: {e}")))?;
        let out = std::process::Command::new(exe)
            .env("COMPLETE", args.shell.to_string())
            .output()
            .map_err(|e| Error::internal(format!("cannot produce the registration script: {e}")))?;
        out.stdout
    } else {
        script(args.shell)
    };
    ctx.out.raw(&String::from_utf8_lossy(&bytes))
}
