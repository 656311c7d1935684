//! `svcacct token`: a valid access token on stdout and nothing else.

use serde_json::json;

use crate::auth::session::{self, Origin};
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context) -> Result<()> {
    let creds = session::current(ctx).await?;
    if ctx.out.json {
        let expires_at = match &creds.origin {
            Origin::Profile { credential, .. } => credential.expires_at,
            _ => None,
        };
        return ctx
            .out
            .json_value(&json!({"access_token": creds.token.expose(), "expires_at": expires_at}));
    }
    ctx.out.line(creds.token.expose())
}
