//! `svcacct help [COMMAND…]` and `svcacct help exit-codes`.

use clap::CommandFactory;

use crate::cli::{Cli, HelpArgs};
use crate::context::Context;
use crate::error::{EXIT_CODES, Error, Result};

pub fn exit_codes_text() -> String {
    let mut text = String::from("Exit status of svcacct:\n\n");
    for (code, meaning) in EXIT_CODES {
        text.push_str(&format!("  {code:>3}  {meaning}\n"));
    }
    text
}

pub fn run(ctx: &Context, args: &HelpArgs) -> Result<()> {
    let mut cmd = Cli::command();
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
