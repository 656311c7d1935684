//! `svcacct help [COMMAND…]` and `svcacct help exit-codes`.

use crate::context::Context;
use crate::error::{EXIT_CODES, Error, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A command (e.g. `login`) or a topic (`exit-codes`)
    #[arg(value_name = "COMMAND|TOPIC")]
    pub topic: Vec<String>,
}

pub fn exit_codes_text() -> String {
    let mut text = String::from("Exit status of svcacct:\n\n");
    for (code, meaning) in EXIT_CODES {
        text.push_str(&format!("  {code:>3}  {meaning}\n"));
    }
    text
}

pub fn run(ctx: &Context, args: &HelpArgs, tree: clap::Command) -> Result<()> {
    let mut cmd = tree;
    if args.topic.first().map(String::as_str) == Some("exit-codes") {
        return ctx.out.line(exit_codes_text().trim_end());
    }
    let mut current = &mut cmd;
    for word in &args.topic {
        current = current.find_subcommand_mut(word).ok_or_else(|| {
            Error::usage(format!("no command or help topic '{word}'"))
                .with_hint("run `svcacct help` for the commands; topics: exit-codes")
        })?;
    }
    let help = current.render_long_help().to_string();
    ctx.out.line(help.trim_end())
}
