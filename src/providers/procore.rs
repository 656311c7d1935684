//! Procore (developers.procore.com): OAuth at `https://login.procore.com/oauth/{authorize,token,revoke}`
//! (sandbox `login-sandbox.procore.com` / `sandbox.procore.com`), no discovery document and no
//! PKCE, confidential apps with exact redirect URIs, the client's id and secret in the form body,
//! `Procore-Company-Id` on company-scoped calls, its own hooks and triggers for webhooks.

use url::Url;

use super::{IdentityProbe, Platform, WebhooksBackend};
use crate::oauth::{ClientAuthMethod, Endpoints};

pub const PROCORE_LOGIN: &str = "https://login.procore.com";
pub const PROCORE_API: &str = "https://api.procore.com";
pub const PROCORE_SANDBOX_LOGIN: &str = "https://login-sandbox.procore.com";
/// The sandbox API (its login host is [`PROCORE_SANDBOX_LOGIN`]); named in tests.
#[cfg(test)]
pub const PROCORE_SANDBOX_API: &str = "https://sandbox.procore.com";

pub struct Procore;

impl Platform for Procore {
    fn name(&self) -> &'static str {
        "Procore"
    }

    fn default_api(&self) -> Option<&'static str> {
        Some(PROCORE_API)
    }

    /// Procore signs in on its login host (the sandbox API's on the sandbox login host); any
    /// other API host given with `--api` (a test server, a proxy) serves `/oauth/…` itself.
    fn fixed_endpoints(&self, api: &Url) -> Option<Endpoints> {
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

    fn uses_pkce(&self) -> bool {
        false
    }

    fn needs_exact_redirect(&self) -> bool {
        true
    }

    fn needs_client_secret(&self) -> bool {
        true
    }

    fn company_header(&self) -> Option<&'static str> {
        Some("Procore-Company-Id")
    }

    /// Procore documents the client's id and secret in the form body.
    fn client_auth(&self) -> Option<ClientAuthMethod> {
        Some(ClientAuthMethod::ClientSecretPost)
    }

    /// Procore's device endpoint is not for third-party apps.
    fn allows_device_flow(&self) -> bool {
        false
    }

    fn identity_probe(&self) -> IdentityProbe {
        IdentityProbe::ProcoreMe
    }

    fn webhooks(&self) -> WebhooksBackend {
        WebhooksBackend::Procore
    }

    fn elsewhere(&self, company: Option<i64>) -> String {
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
}
