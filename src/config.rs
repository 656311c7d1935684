//! The TOML config file: named profiles with non-secret settings. Secrets never go here.
//! Written atomically (temp file + rename); a file that does not parse is never overwritten.

use crate::fsx::{check_not_writable_by_others, private_dir, write_atomic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::oauth::{ClientAuthMethod, Endpoints};

pub const DEFAULT_PROFILE: &str = "default";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    AuthorizationCode,
    /// A person's sign-in through the device flow (RFC 8628): renewed like an authorization
    /// code's, with its refresh token.
    DeviceCode,
    ClientCredentials,
    PersonalAccessToken,
}

impl AuthKind {
    pub fn describe(self) -> &'static str {
        match self {
            AuthKind::AuthorizationCode => "authorization code + PKCE (acts as you)",
            AuthKind::DeviceCode => "device authorization, RFC 8628 (acts as you)",
            AuthKind::ClientCredentials => "client credentials (service account)",
            AuthKind::PersonalAccessToken => "personal access token",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StorageKind {
    /// The OS keychain (Secret Service on Linux).
    Keyring,
    /// A 0600 file, chosen explicitly with `--insecure-storage`.
    InsecureFile,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub api_url: String,
    pub auth: AuthKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_auth_method: Option<ClientAuthMethod>,
    pub storage: StorageKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Endpoints>,
    /// Who the credentials act as, from `GET /api/v1/me` at login (display only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<i64>,
    /// The provider preset chosen at login (`--provider`); none means discovery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<crate::providers::Provider>,
}

impl Profile {
    pub fn provider(&self) -> crate::providers::Provider {
        self.provider.unwrap_or_default()
    }
}

/// Where the config lives, and reading/writing it.
#[derive(Clone, Debug)]
pub struct ConfigStore {
    dir: PathBuf,
}

impl ConfigStore {
    /// `$SVCACCT_CONFIG_DIR`, else the platform's config dir (`$XDG_CONFIG_HOME/svcacct`).
    pub fn locate() -> Result<Self> {
        if let Some(dir) = crate::settings::var_os("SVCACCT_CONFIG_DIR").filter(|d| !d.is_empty()) {
            return Ok(ConfigStore {
                dir: PathBuf::from(dir),
            });
        }
        let dirs = directories::ProjectDirs::from("", "", "svcacct").ok_or_else(|| {
            Error::config("cannot find a home directory for the config file")
                .with_hint("set HOME or SVCACCT_CONFIG_DIR")
        })?;
        Ok(ConfigStore {
            dir: dirs.config_dir().to_path_buf(),
        })
    }

    pub fn at(dir: impl Into<PathBuf>) -> Self {
        ConfigStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join("config.toml")
    }

    pub fn load(&self) -> Result<ConfigFile> {
        check_not_writable_by_others(&self.dir)?;
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ConfigFile::default()),
            Err(e) => {
                return Err(Error::config(format!(
                    "cannot read config file {}: {e}",
                    path.display()
                )));
            }
        };
        let config: ConfigFile = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            let at = line.map(|l| format!(" at line {l}")).unwrap_or_default();
            let reason = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_string();
            Error::config(format!(
                "config file {}{at} is invalid: {reason}",
                path.display()
            ))
            .with_hint("fix or remove that file; svcacct left it untouched")
        })?;
        let names = config.profiles.keys().chain(config.default_profile.iter());
        for name in names {
            validate_profile_name(name).map_err(|e| {
                Error::config(format!("config file {}: {e}", path.display()))
                    .with_hint("rename that profile in the file; svcacct left it untouched")
            })?;
        }
        Ok(config)
    }

    /// Replace the config file atomically. Refuses to run over a file that does not parse.
    pub fn save(&self, config: &ConfigFile) -> Result<()> {
        private_dir(&self.dir)?;
        for name in config.profiles.keys() {
            validate_profile_name(name).map_err(Error::usage)?;
        }
        let text = toml::to_string_pretty(config).map_err(|e| Error::internal(e.to_string()))?;
        write_atomic(&self.path(), text.as_bytes(), 0o600).map_err(|e| {
            Error::config(format!(
                "cannot write config file {}: {e}",
                self.path().display()
            ))
        })
    }

    /// Load, change, save — the only way commands modify the config.
    pub fn update<T>(&self, change: impl FnOnce(&mut ConfigFile) -> T) -> Result<T> {
        let mut config = self.load()?;
        let result = change(&mut config);
        self.save(&config)?;
        Ok(result)
    }
}

/// Profile names become file names (lock files, credential files): letters, digits, `-`, `_`
/// and `.`, not starting with `.`, at most 64 characters.
pub fn validate_profile_name(name: &str) -> std::result::Result<String, String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(name.to_string())
    } else {
        Err(format!(
            "invalid profile name '{name}': use 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_config_names_file_and_line_and_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = ConfigStore::at(dir.path());
        let bad = "[profiles.default]\napi_url = \"http://127.0.0.1:1\"\nauth = = oops\n";
        std::fs::write(store.path(), bad).unwrap();
        let err = store.update(|_| ()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("config.toml at line 3"), "{msg}");
        assert_eq!(err.kind, crate::error::ErrorKind::Config);
        assert_eq!(std::fs::read_to_string(store.path()).unwrap(), bad);
    }

    #[cfg(unix)]
    #[test]
    fn write_atomic_makes_a_fresh_private_file_and_replaces_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let path = dir.path().join("secret");
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        write_atomic(&path, b"s3cret", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        // Over an existing 0644 file, the result is 0600 too, and no temp file is left.
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"new", 0o600).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn profile_names() {
        for good in ["default", "sa-42", "ci_prod.eu"] {
            assert!(validate_profile_name(good).is_ok(), "{good}");
        }
        for bad in ["", "../x", "a/b", ".x", "a\\b", "a b", &"x".repeat(65)] {
            assert!(validate_profile_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = ConfigStore::at(dir.path().join("nested"));
        store
            .update(|c| {
                c.profiles.insert(
                    "ci".into(),
                    Profile {
                        api_url: "https://api.example".into(),
                        auth: AuthKind::ClientCredentials,
                        client_id: Some("sa_1".into()),
                        client_auth_method: None,
                        storage: StorageKind::Keyring,
                        endpoints: None,
                        user: None,
                        company_id: None,
                        provider: None,
                    },
                )
            })
            .unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.profiles["ci"].client_id.as_deref(), Some("sa_1"));
    }
}
