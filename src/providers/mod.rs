//! Provider presets (`svcacct login --provider …`): what each platform publishes about itself —
//! hosts, OAuth endpoints, redirect rules, how a token is sent, its rate-limit rules, which admin
//! APIs exist — so that a user of that platform needs no endpoint flags. `--api` and the endpoint
//! flags still override a preset's hosts (that is how tests point a preset at a local server).
//!
//! One trait, [`Platform`], answers every question generic code asks, with one implementation
//! per platform (`svcacct.rs`, `procore.rs`, `planradar.rs`, `oidc.rs`); [`Provider`] names them
//! (the `--provider` value) and hands each question to its platform. No code outside this folder
//! branches on which platform is in use (`src/architecture.rs` checks).
//!
//! Sources (public developer documentation):
//! - Procore: developers.procore.com — OAuth at `https://login.procore.com/oauth/{authorize,token,revoke}`
//!   (sandbox `login-sandbox.procore.com` / `sandbox.procore.com`), no discovery document and no
//!   PKCE, exact redirect URIs (`urn:ietf:wg:oauth:2.0:oob` or the registered one), the API under
//!   `/rest/v1.0/`, `Procore-Company-Id` on company-scoped calls, `X-Rate-Limit-*` headers.
//! - PlanRadar: help.planradar.com "Open API" articles — `https://www.planradar.com/api/v1/{customer_id}/…`,
//!   personal access tokens in `X-PlanRadar-API-Key`, 30 requests per minute per account (all
//!   tokens summed) and a 5-minute cooldown once exceeded.

mod oidc;
mod planradar;
mod procore;
mod svcacct;

use clap::ValueEnum;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Result};
pub use crate::http::client::TokenPlacement;
pub use crate::http::pacer::PacerRule;
use crate::oauth::Endpoints;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// svcacct's own platform (and svcacct-sandbox): RFC 8414 discovery, PKCE, Bearer tokens
    Svcacct,
    /// Procore: fixed OAuth endpoints, confidential apps without PKCE, Procore-Company-Id
    Procore,
    /// PlanRadar: personal access tokens in X-PlanRadar-API-Key, 30 requests a minute
    Planradar,
    /// Any OpenID Connect provider: OpenID discovery, the openid (+ offline_access) scope requested
    Oidc,
}

/// Everything generic code asks about a platform. The defaults are svcacct's own platform (an
/// RFC 8414 authorization server with PKCE and Bearer tokens, and the svcacct admin API).
pub trait Platform: Sync {
    /// The platform's name in messages.
    fn name(&self) -> &'static str;

    /// The API base URL when neither `--api` nor a profile names one.
    fn default_api(&self) -> Option<&'static str> {
        None
    }

    /// Endpoints the platform publishes instead of a discovery document.
    fn fixed_endpoints(&self, _api: &Url) -> Option<Endpoints> {
        None
    }

    /// Whether the authorization request carries a PKCE challenge.
    fn uses_pkce(&self) -> bool {
        true
    }

    /// Whether a browser sign-in must use the exact registered redirect URI (no random port).
    fn needs_exact_redirect(&self) -> bool {
        false
    }

    /// Whether the app is confidential: the code exchange needs the client secret.
    fn needs_client_secret(&self) -> bool {
        false
    }

    /// How the access token travels with each API request.
    fn token_placement(&self) -> TokenPlacement {
        TokenPlacement::Bearer
    }

    /// The header naming the company on every call, when the platform has one.
    fn company_header(&self) -> Option<&'static str> {
        None
    }

    /// A client-side request budget the server does not announce in headers.
    fn pacer(&self) -> Option<PacerRule> {
        None
    }

    /// Refuse a sign-in the platform cannot do, before it starts.
    fn check_sign_in(&self, _with_token: bool, _company: Option<i64>) -> Result<()> {
        Ok(())
    }

    /// How a confidential client authenticates at the token endpoint when the user did not
    /// say (`None`: discovery, or HTTP Basic, decides).
    fn client_auth(&self) -> Option<crate::oauth::ClientAuthMethod> {
        None
    }

    /// Whether sign-in asks for the `openid` scope when discovery names no default scopes.
    fn wants_openid_scope(&self) -> bool {
        false
    }

    /// Whether the device flow may be used where the server offers it.
    fn allows_device_flow(&self) -> bool {
        true
    }

    /// How sign-in checks whose the new credentials are.
    fn identity_probe(&self) -> IdentityProbe {
        IdentityProbe::Me
    }

    /// Whether the svcacct admin API (service accounts, PATs, users, apps) exists there.
    fn has_admin_api(&self) -> bool {
        false
    }

    /// Which webhooks API the platform has.
    fn webhooks(&self) -> WebhooksBackend {
        WebhooksBackend::None
    }

    /// Where to do what the platform has no API for (the hint of [`Provider::unsupported`]).
    fn elsewhere(&self, _company: Option<i64>) -> String {
        "this platform has no svcacct admin API; use its own console".to_string()
    }

    /// Refuse an API URL the platform cannot have.
    fn check_api(&self, _api: &Url) -> Result<()> {
        Ok(())
    }
}

/// How sign-in learns whose new credentials are (see [`Provider::identity_probe`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityProbe {
    /// `GET /api/v1/me` (svcacct's; a plain OAuth provider may have none: then 404 is fine).
    Me,
    /// Procore's `GET /rest/v1.0/me`.
    ProcoreMe,
    /// PlanRadar has no "me": one page of the customer's projects proves the key and customer.
    /// A bad key is answered 403 there, and any failure is the user's to fix.
    PlanradarCustomer,
}

impl IdentityProbe {
    /// Whether a 403 means the credentials were rejected (not a missing permission).
    pub fn forbidden_means_rejected(self) -> bool {
        self == IdentityProbe::PlanradarCustomer
    }

    /// Whether a failed probe fails the sign-in (else it is a warning, or nothing for a 404).
    pub fn required(self) -> bool {
        self == IdentityProbe::PlanradarCustomer
    }
}

/// The webhooks API a platform offers (see [`Provider::webhooks`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhooksBackend {
    Svcacct,
    Procore,
    None,
}

impl Default for Provider {
    /// svcacct's own platform (the sandbox), when nothing names another.
    fn default() -> Self {
        Provider::Svcacct
    }
}

impl Provider {
    /// The platform this preset names.
    pub fn platform(self) -> &'static dyn Platform {
        match self {
            Provider::Svcacct => &svcacct::Svcacct,
            Provider::Procore => &procore::Procore,
            Provider::Planradar => &planradar::Planradar,
            Provider::Oidc => &oidc::Oidc,
        }
    }

    pub fn name(self) -> &'static str {
        self.platform().name()
    }

    pub fn default_api(self) -> Option<&'static str> {
        self.platform().default_api()
    }

    pub fn fixed_endpoints(self, api: &Url) -> Option<Endpoints> {
        self.platform().fixed_endpoints(api)
    }

    pub fn uses_pkce(self) -> bool {
        self.platform().uses_pkce()
    }

    pub fn needs_exact_redirect(self) -> bool {
        self.platform().needs_exact_redirect()
    }

    pub fn needs_client_secret(self) -> bool {
        self.platform().needs_client_secret()
    }

    pub fn token_placement(self) -> TokenPlacement {
        self.platform().token_placement()
    }

    pub fn company_header(self) -> Option<&'static str> {
        self.platform().company_header()
    }

    pub fn pacer(self) -> Option<PacerRule> {
        self.platform().pacer()
    }

    pub fn check_sign_in(self, with_token: bool, company: Option<i64>) -> Result<()> {
        self.platform().check_sign_in(with_token, company)
    }

    pub fn client_auth(self) -> Option<crate::oauth::ClientAuthMethod> {
        self.platform().client_auth()
    }

    pub fn wants_openid_scope(self) -> bool {
        self.platform().wants_openid_scope()
    }

    pub fn allows_device_flow(self) -> bool {
        self.platform().allows_device_flow()
    }

    pub fn identity_probe(self) -> IdentityProbe {
        self.platform().identity_probe()
    }

    pub fn has_admin_api(self) -> bool {
        self.platform().has_admin_api()
    }

    pub fn webhooks(self) -> WebhooksBackend {
        self.platform().webhooks()
    }

    /// The error for a command the platform has no API for: exit 2, and where to do it instead.
    pub fn unsupported(self, what: &str, company: Option<i64>) -> Error {
        Error::usage(format!(
            "{} has no API for {what}, so svcacct cannot manage them there",
            self.name()
        ))
        .with_hint(self.platform().elsewhere(company))
    }

    /// Resolve a preset against the API URL actually used; refuses what the platform cannot do.
    pub fn check_api(self, api: &Url) -> Result<()> {
        self.platform().check_api(api)
    }
}

/// `SVCACCT_PROVIDER`: the preset for credentials from the environment (`SVCACCT_TOKEN`, or
/// client credentials), which have no profile to keep one in.
pub fn env_provider() -> Result<Option<Provider>> {
    use clap::ValueEnum;
    match crate::settings::var("SVCACCT_PROVIDER") {
        Some(v) if !v.trim().is_empty() => {
            Provider::from_str(v.trim(), true).map(Some).map_err(|_| {
                Error::usage(format!("SVCACCT_PROVIDER '{v}' is not a provider"))
                    .with_hint("use procore, planradar, oidc or svcacct")
            })
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn procore_endpoints_follow_the_api_host() {
        use procore::{PROCORE_API, PROCORE_SANDBOX_API};
        let real = Provider::Procore
            .fixed_endpoints(&Url::parse(PROCORE_API).unwrap())
            .unwrap();
        assert_eq!(real.token_endpoint, "https://login.procore.com/oauth/token");
        let sandbox = Provider::Procore
            .fixed_endpoints(&Url::parse(PROCORE_SANDBOX_API).unwrap())
            .unwrap();
        assert_eq!(
            sandbox.authorization_endpoint.as_deref(),
            Some("https://login-sandbox.procore.com/oauth/authorize")
        );
        let local = Provider::Procore
            .fixed_endpoints(&Url::parse("http://127.0.0.1:4000/").unwrap())
            .unwrap();
        assert_eq!(
            local.revocation_endpoint.as_deref(),
            Some("http://127.0.0.1:4000/oauth/revoke")
        );
        assert!(
            Provider::Svcacct
                .fixed_endpoints(&Url::parse(PROCORE_API).unwrap())
                .is_none()
        );
    }
}
