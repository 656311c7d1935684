//! Provider presets (`svcacct login --provider …`): what each platform publishes about itself —
//! hosts, OAuth endpoints, redirect rules, how a token is sent, its rate-limit rules — so that a
//! user of that platform needs no endpoint flags. `--api` and the endpoint flags still override a
//! preset's hosts (that is how tests point a preset at a local server).
//!
//! Sources (public developer documentation):
//! - Procore: developers.procore.com — OAuth at `https://login.procore.com/oauth/{authorize,token,revoke}`
//!   (sandbox `login-sandbox.procore.com` / `sandbox.procore.com`), no discovery document and no
//!   PKCE, exact redirect URIs (`urn:ietf:wg:oauth:2.0:oob` or the registered one), the API under
//!   `/rest/v1.0/`, `Procore-Company-Id` on company-scoped calls, `X-Rate-Limit-*` headers.
//! - PlanRadar: help.planradar.com "Open API" articles — `https://www.planradar.com/api/v1/{customer_id}/…`,
//!   personal access tokens in `X-PlanRadar-API-Key`, 30 requests per minute per account (all
//!   tokens summed) and a 5-minute cooldown once exceeded.

use std::time::Duration;

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

pub const PROCORE_LOGIN: &str = "https://login.procore.com";
pub const PROCORE_API: &str = "https://api.procore.com";
pub const PROCORE_SANDBOX_LOGIN: &str = "https://login-sandbox.procore.com";
pub const PROCORE_SANDBOX_API: &str = "https://sandbox.procore.com";
pub const PLANRADAR_API: &str = "https://www.planradar.com/api/v1";

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
    pub fn name(self) -> &'static str {
        match self {
            Provider::Svcacct => "svcacct",
            Provider::Procore => "Procore",
            Provider::Planradar => "PlanRadar",
            Provider::Oidc => "OpenID provider",
        }
    }

    /// The API base URL when neither `--api` nor a profile names one.
    pub fn default_api(self) -> Option<&'static str> {
        match self {
            Provider::Procore => Some(PROCORE_API),
            Provider::Planradar => Some(PLANRADAR_API),
            Provider::Svcacct | Provider::Oidc => None,
        }
    }

    /// Endpoints the platform publishes instead of a discovery document. Procore signs in on
    /// its login host (the sandbox API's on the sandbox login host); any other API host given
    /// with `--api` (a test server, a proxy) serves `/oauth/…` itself.
    pub fn fixed_endpoints(self, api: &Url) -> Option<Endpoints> {
        match self {
            Provider::Procore => {
                let login = match api.host_str() {
                    Some("api.procore.com") | Some("app.procore.com") => PROCORE_LOGIN.to_string(),
                    Some("sandbox.procore.com") => PROCORE_SANDBOX_LOGIN.to_string(),
                    _ => api.origin().ascii_serialization(),
                };
                Some(Endpoints {
                    authorization_endpoint: Some(format!("{login}/oauth/authorize")),
                    token_endpoint: format!("{login}/oauth/token"),
                    revocation_endpoint: Some(format!("{login}/oauth/revoke")),
                })
            }
            _ => None,
        }
    }

    /// Whether the authorization request carries a PKCE challenge.
    pub fn uses_pkce(self) -> bool {
        self != Provider::Procore
    }

    /// Whether a browser sign-in must use the exact registered redirect URI (no random port).
    pub fn needs_exact_redirect(self) -> bool {
        self == Provider::Procore
    }

    /// Whether the app is confidential: the code exchange needs the client secret.
    pub fn needs_client_secret(self) -> bool {
        self == Provider::Procore
    }

    pub fn token_placement(self) -> TokenPlacement {
        match self {
            Provider::Planradar => TokenPlacement::Header("X-PlanRadar-API-Key"),
            _ => TokenPlacement::Bearer,
        }
    }

    /// The header naming the company on every call, when the platform has one.
    pub fn company_header(self) -> Option<&'static str> {
        match self {
            Provider::Procore => Some("Procore-Company-Id"),
            _ => None,
        }
    }

    pub fn pacer(self) -> Option<PacerRule> {
        match self {
            Provider::Planradar => Some(PacerRule {
                requests: 30,
                window: Duration::from_secs(60),
                cooldown: Duration::from_secs(300),
            }),
            _ => None,
        }
    }

    /// Whether the svcacct admin API (service accounts, PATs, users, apps) exists there.
    /// Refuse a sign-in the platform cannot do, before it starts: PlanRadar takes only a
    /// personal access token, for one customer (`--company`).
    pub fn check_sign_in(self, with_token: bool, company: Option<i64>) -> Result<()> {
        if self == Provider::Planradar && !with_token {
            return Err(Error::usage(
                "PlanRadar signs in with a personal access token, not OAuth",
            )
            .with_hint("create one under Settings → Profile → Personal Access Tokens, then `svcacct login --provider planradar --company CUSTOMER_ID --with-token < key.txt`"));
        }
        if self == Provider::Planradar && company.is_none() {
            return Err(
                Error::usage("PlanRadar's API needs your customer id").with_hint(
                    "pass --company CUSTOMER_ID (the number after /api/v1/ in PlanRadar's API URLs)",
                ),
            );
        }
        Ok(())
    }

    /// How a confidential client authenticates at the token endpoint when the user did not say:
    /// Procore documents the client's id and secret in the form body; elsewhere discovery (or
    /// HTTP Basic) decides.
    pub fn client_auth(self) -> Option<crate::oauth::ClientAuthMethod> {
        (self == Provider::Procore).then_some(crate::oauth::ClientAuthMethod::ClientSecretPost)
    }

    /// Whether sign-in asks for the `openid` scope when discovery names no default scopes (any
    /// OpenID provider: without it there is no ID token and often no refresh token).
    pub fn wants_openid_scope(self) -> bool {
        self == Provider::Oidc
    }

    /// Whether the device flow may be used where the server offers it (Procore's device
    /// endpoint is not for third-party apps).
    pub fn allows_device_flow(self) -> bool {
        self != Provider::Procore
    }

    /// How sign-in checks whose the new credentials are.
    pub fn identity_probe(self) -> IdentityProbe {
        match self {
            Provider::Procore => IdentityProbe::ProcoreMe,
            Provider::Planradar => IdentityProbe::PlanradarCustomer,
            Provider::Svcacct | Provider::Oidc => IdentityProbe::Me,
        }
    }

    pub fn has_admin_api(self) -> bool {
        matches!(self, Provider::Svcacct)
    }

    /// Which webhooks API the platform has: svcacct's own, Procore's hooks and triggers, or
    /// none.
    pub fn webhooks(self) -> WebhooksBackend {
        match self {
            Provider::Svcacct => WebhooksBackend::Svcacct,
            Provider::Procore => WebhooksBackend::Procore,
            Provider::Planradar | Provider::Oidc => WebhooksBackend::None,
        }
    }

    /// The error for a command the platform has no API for: exit 2, and where to do it instead.
    pub fn unsupported(self, what: &str, company: Option<i64>) -> Error {
        let hint = match self {
            Provider::Procore => {
                let company = company
                    .map(|c| format!("https://app.procore.com/{c}/company/app_management"))
                    .unwrap_or_else(|| {
                        "https://app.procore.com → Company Admin → App Management".to_string()
                    });
                format!(
                    "manage Procore apps and their service accounts (DMSA) in the Procore web app: {company}; \
                     API credentials of an app are in the Developer Portal, https://developers.procore.com"
                )
            }
            Provider::Planradar => {
                "manage PlanRadar personal access tokens in the PlanRadar web app: \
                 Settings → Profile → Personal Access Tokens"
                    .to_string()
            }
            _ => "this platform has no svcacct admin API; use its own console".to_string(),
        };
        Error::usage(format!(
            "{} has no API for {what}, so svcacct cannot manage them there",
            self.name()
        ))
        .with_hint(hint)
    }

    /// Resolve a preset against the API URL actually used; refuses what the platform cannot do.
    pub fn check_api(self, api: &Url) -> Result<()> {
        if self == Provider::Planradar && api.path().trim_end_matches('/').is_empty() {
            return Err(Error::usage(format!(
                "{api} has no path: PlanRadar's API lives under /api/v1"
            ))
            .with_hint("pass --api https://www.planradar.com/api/v1 (or leave --api out)"));
        }
        Ok(())
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
