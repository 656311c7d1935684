//! `svcacct tokens list [--user ID]`

use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct TokensListArgs {
    /// Another user's tokens (needs the user-management permission)
    #[arg(long, value_name = "USER_ID")]
    pub user: Option<u64>,
    #[command(flatten)]
    pub output: ListFormatArgs,
}

pub async fn run(ctx: &Context, args: &TokensListArgs) -> Result<()> {
    let session = ctx.session().await?;
    let owner = super::shared::owner(ctx, &session, args.user).await?;
    let tokens = session.api.tokens(owner).await?;
    if args.output.json(&ctx.out) {
        return ctx.out.json_items(&tokens, args.output.lines());
    }
    if tokens.is_empty() {
        ctx.out.status("No personal access tokens.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = tokens
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.name.clone(),
                format!(
                    "{}…{}",
                    t.hint,
                    if t.current { " (this session)" } else { "" }
                ),
                t.created_at.clone(),
                t.expires_at.clone().unwrap_or_else(|| "never".into()),
                t.last_used_at.clone().unwrap_or_else(|| "never".into()),
            ]
        })
        .collect();
    ctx.out.rows(
        &["ID", "NAME", "TOKEN", "CREATED", "EXPIRES", "LAST USED"],
        &rows,
    )
}
