//! What every command receives: output streams, the global flags, the config store and (lazily,
//! so `svcacct token` with a cached token does no HTTP set-up) the HTTP client.

use std::sync::OnceLock;

use url::Url;

use crate::config::{ConfigFile, ConfigStore, DEFAULT_PROFILE, Profile};
use crate::error::{Error, Result};
use crate::http::client::{HttpClient, parse_base_url};
use crate::http::pacer::SharedPacer;
use crate::providers::Provider;
use crate::providers::env_provider;
use crate::settings::Settings;
use crate::ui::output::Output;

pub struct Context {
    pub out: Output,
    pub settings: Settings,
    pub config: ConfigStore,
    http: OnceLock<HttpClient>,
}

impl Context {
    pub fn new(settings: Settings) -> Result<Self> {
        let out = Output::new(settings.json).with_jq(settings.jq.as_deref())?;
        let config = ConfigStore::locate()?;
        Ok(Context {
            out,
            settings,
            config,
            http: OnceLock::new(),
        })
    }

    pub fn http(&self) -> Result<&HttpClient> {
        if let Some(h) = self.http.get() {
            return Ok(h);
        }
        let client = HttpClient::new(self.out.clone(), self.settings.verbose)?;
        Ok(self.http.get_or_init(|| client))
    }

    /// `--profile`, `SVCACCT_PROFILE`, the config's `default_profile`, or `default`.
    pub fn profile_name(&self, config: &ConfigFile) -> String {
        self.settings
            .profile
            .clone()
            .filter(|p| !p.is_empty())
            .or_else(|| config.default_profile.clone())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_string())
    }

    /// Whether a profile was named (`--profile` or `SVCACCT_PROFILE`): then the stored profile
    /// is used even when the environment carries credentials.
    pub fn profile_is_explicit(&self) -> bool {
        self.settings
            .profile
            .as_deref()
            .is_some_and(|p| !p.is_empty())
    }

    /// `--api` / `SVCACCT_API_URL`, else the profile's.
    pub fn api_url(&self, profile: Option<&Profile>) -> Result<Url> {
        if let Some(raw) = self.settings.api.as_deref().filter(|a| !a.is_empty()) {
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

impl Context {
    /// After the command: when the server said the credential in use expires within 7 days,
    /// say so on stderr — once a day per profile (the day is kept in the config dir's state/).
    pub fn warn_if_expiring(&self) {
        let Some(at) = self.http.get().and_then(HttpClient::credential_expires) else {
            return;
        };
        let Ok(when) =
            time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339)
        else {
            return;
        };
        let now = crate::clock::now_utc();
        let left = when - now;
        if left > time::Duration::days(7) {
            return;
        }
        let profile = self
            .config
            .load()
            .map(|c| self.profile_name(&c))
            .unwrap_or_else(|_| crate::config::DEFAULT_PROFILE.to_string());
        let dir = self.config.dir().join("state");
        let stamp = dir.join(format!("expiry-warned-{profile}"));
        let today = now.date().to_string();
        if std::fs::read_to_string(&stamp).is_ok_and(|d| d.trim() == today) {
            return;
        }
        let days = left.whole_days();
        let when_text = if left.is_negative() {
            "has expired".to_string()
        } else if days == 0 {
            format!("expires today ({at})")
        } else {
            format!("expires in {days} day(s) ({at})")
        };
        self.out.warn(&format!(
            "the credential of profile '{profile}' {when_text}: renew it before it stops working (`svcacct audit` lists what expires)"
        ));
        if crate::fsx::private_dir(&dir).is_ok() {
            let _ = crate::fsx::write_atomic(&stamp, today.as_bytes(), 0o600);
        }
    }

    /// Pace authenticated requests by `preset`'s client-side budget (PlanRadar), shared by every
    /// process of profile `name`.
    pub fn pace_as(&self, preset: Provider, name: &str) -> Result<()> {
        if let Some(rule) = preset.pacer() {
            self.http()?.set_pacer(SharedPacer::new(
                rule,
                preset.name(),
                self.config.dir().to_path_buf(),
                name,
                self.out.clone(),
            ));
        }
        Ok(())
    }

    /// The provider of the stored profile the credentials will come from; `None` when the
    /// environment supplies them (`SVCACCT_TOKEN`, `SVCACCT_CLIENT_ID`) or there is no profile.
    pub fn stored_profile(&self) -> Result<Option<Profile>> {
        let env_creds = ["SVCACCT_TOKEN", "SVCACCT_CLIENT_ID"]
            .iter()
            .any(|v| crate::settings::nonempty(v).is_some());
        if env_creds && !self.profile_is_explicit() {
            return Ok(None);
        }
        let config = self.config.load()?;
        Ok(config.profiles.get(&self.profile_name(&config)).cloned())
    }

    /// Refuse a command of svcacct's admin API on a platform that has none (exit 2, naming
    /// where to do it instead).
    /// The preset of the credentials a command will use: the stored profile's, or
    /// `SVCACCT_PROVIDER` for environment credentials.
    pub fn provider_in_use(&self) -> Result<Option<Provider>> {
        match self.stored_profile()? {
            Some(profile) => Ok(profile.provider),
            None => env_provider(),
        }
    }

    pub fn require_admin_api(&self, what: &str) -> Result<()> {
        match self.provider_in_use()? {
            Some(preset) if !preset.has_admin_api() => {
                let stored = self.stored_profile()?.and_then(|p| p.company_id);
                Err(preset.unsupported(what, self.settings.company.or(stored)))
            }
            _ => Ok(()),
        }
    }
}
