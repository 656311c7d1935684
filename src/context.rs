//! What every command receives: output streams, the global flags, the config store and (lazily,
//! so `svcacct token` with a cached token does no HTTP set-up) the HTTP client.

use std::sync::OnceLock;

use url::Url;

use crate::api::Api;
use crate::api::client::{HttpClient, parse_base_url};
use crate::auth::session::{self, Credentials, Origin};
use crate::cli::GlobalArgs;
use crate::config::{ConfigFile, ConfigStore, DEFAULT_PROFILE, Profile};
use crate::error::{Error, Result};
use crate::output::Output;

pub struct Context {
    pub out: Output,
    pub global: GlobalArgs,
    pub config: ConfigStore,
    http: OnceLock<HttpClient>,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Result<Self> {
        let out = Output::new(global.json);
        let config = ConfigStore::locate()?;
        Ok(Context {
            out,
            global,
            config,
            http: OnceLock::new(),
        })
    }

    pub fn http(&self) -> Result<&HttpClient> {
        if let Some(h) = self.http.get() {
            return Ok(h);
        }
        let client = HttpClient::new(self.out.clone(), self.global.verbose)?;
        Ok(self.http.get_or_init(|| client))
    }

    /// `--profile`, `SVCACCT_PROFILE`, the config's `default_profile`, or `default`.
    pub fn profile_name(&self, config: &ConfigFile) -> String {
        self.global
            .profile
            .clone()
            .filter(|p| !p.is_empty())
            .or_else(|| config.default_profile.clone())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_string())
    }

    /// Whether a profile was named (`--profile` or `SVCACCT_PROFILE`): then the stored profile
    /// is used even when the environment carries credentials.
    pub fn profile_is_explicit(&self) -> bool {
        self.global
            .profile
            .as_deref()
            .is_some_and(|p| !p.is_empty())
    }

    /// `--api` / `SVCACCT_API_URL`, else the profile's.
    pub fn api_url(&self, profile: Option<&Profile>) -> Result<Url> {
        if let Some(raw) = self.global.api.as_deref().filter(|a| !a.is_empty()) {
            return parse_base_url(raw, "--api / SVCACCT_API_URL");
        }
        match profile {
            Some(p) => parse_base_url(&p.api_url, "the profile's api_url"),
            None => {
                Err(Error::usage("no API URL").with_hint("pass --api URL or set SVCACCT_API_URL"))
            }
        }
    }
}

/// An authenticated API and the credentials behind it.
pub struct Session<'a> {
    pub api: Api<'a>,
    pub creds: Credentials,
}

impl Context {
    /// A valid token (renewed if needed) and the API to use it with.
    pub async fn session(&self) -> Result<Session<'_>> {
        let creds = session::current(self).await?;
        let api = Api::new(self.http()?, creds.api.clone(), creds.token.clone());
        Ok(Session { api, creds })
    }

    /// `--company` / `SVCACCT_COMPANY_ID`, else the profile's, else the caller's own (`/me`).
    pub async fn company_id(&self, session: &Session<'_>) -> Result<i64> {
        if let Some(id) = self.global.company {
            return Ok(id);
        }
        if let Origin::Profile { profile, .. } = &session.creds.origin
            && let Some(id) = profile.company_id
        {
            return Ok(id);
        }
        Ok(session.api.me().await?.company_id)
    }
}
