//! Any OpenID Connect provider: OpenID discovery, and the `openid` (+ `offline_access`) scope
//! requested when discovery names no default scopes (without it there is no ID token and often
//! no refresh token). No svcacct admin API.

use super::Platform;

pub struct Oidc;

impl Platform for Oidc {
    fn name(&self) -> &'static str {
        "OpenID provider"
    }

    fn wants_openid_scope(&self) -> bool {
        true
    }
}
