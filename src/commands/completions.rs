//! `svcacct completions SHELL [--dynamic]`: print a completion script; install it yourself
//! (docs/scripting.md says where). Never edits rc files.
//!
//! The static scripts are data, not programs: sourcing one or pressing <Tab> never runs
//! svcacct or anything else (tests/cli/shells.rs sources them in the real shells with a
//! recording stub on PATH). Only `--dynamic` registers a script that calls back into svcacct.

use crate::context::Context;
use crate::error::{Error, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    /// Print the registration for dynamic completion instead (also completes service-account and
    /// webhook ids and profile names, asking the API)
    #[arg(long)]
    pub dynamic: bool,
}

/// The static script for `shell`, generated from the clap tree (also committed in completions/).
pub fn script(shell: clap_complete::Shell, mut cmd: clap::Command) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "svcacct", &mut buf);
    if shell == clap_complete::Shell::Fish {
        buf.extend(fish_positional_values(&cmd).into_bytes());
    }
    buf
}

/// clap_complete's fish script offers files for positional arguments, even those with a fixed
/// set of values (`git-credential get|store|erase`, `completions bash|zsh|…`): one more
/// `complete` line per such argument offers the values instead. Descriptions are cut to
/// characters that mean nothing to fish inside single quotes.
fn fish_positional_values(root: &clap::Command) -> String {
    fn visit(cmd: &clap::Command, path: &[&str], out: &mut String) {
        if !path.is_empty() {
            let values: Vec<String> = cmd
                .get_positionals()
                .flat_map(|a| a.get_possible_values())
                .filter(|v| !v.is_hide_set())
                .map(|v| {
                    let help = v.get_help().map(|h| h.to_string()).unwrap_or_default();
                    let help: String = help
                        .chars()
                        .filter(|c| c.is_alphanumeric() || " ,.:;()/+-_".contains(*c))
                        .collect();
                    if help.is_empty() {
                        v.get_name().to_string()
                    } else {
                        format!("{}\\t'{help}'", v.get_name())
                    }
                })
                .collect();
            if !values.is_empty() {
                let mut condition = format!("__fish_svcacct_using_subcommand {}", path[0]);
                for sub in &path[1..] {
                    condition.push_str(&format!("; and __fish_seen_subcommand_from {sub}"));
                }
                out.push_str(&format!(
                    "complete -c svcacct -n \"{condition}\" -f -a \"{}\"\n",
                    values.join("\n")
                ));
            }
        }
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut next = path.to_vec();
            next.push(sub.get_name());
            visit(sub, &next, out);
        }
    }
    let mut out = String::new();
    visit(root, &[], &mut out);
    if out.is_empty() {
        out
    } else {
        format!("\n# Positional arguments with a fixed set of values (added by svcacct).\n{out}")
    }
}

pub fn run(ctx: &Context, args: &CompletionsArgs, tree: clap::Command) -> Result<()> {
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
        script(args.shell, tree)
    };
    ctx.out.raw(&String::from_utf8_lossy(&bytes))
}
