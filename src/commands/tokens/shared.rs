//! What the token verbs share: whose tokens (`--user`).

use crate::api::tokens::Owner;
use crate::context::Context;
use crate::credentials::session::Session;
use crate::error::Result;

/// `--user ID` means that user's tokens; none means your own.
pub async fn owner(ctx: &Context, session: &Session<'_>, user: Option<u64>) -> Result<Owner> {
    Ok(match user {
        None => Owner::Me,
        Some(user) => Owner::User {
            company: ctx.company_id(session).await?,
            user,
        },
    })
}
