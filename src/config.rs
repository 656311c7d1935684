//! The TOML config file: named profiles with non-secret settings. Secrets never go here.
//! Written atomically (temp file + rename); a file that does not parse is never overwritten.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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
    ClientCredentials,
    PersonalAccessToken,
}

impl AuthKind {
    pub fn describe(self) -> &'static str {
        match self {
            AuthKind::AuthorizationCode => "authorization code + PKCE (acts as you)",
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
}

/// OAuth endpoints, discovered (RFC 8414) at login or given with flags.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_endpoint: Option<String>,
    pub token_endpoint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revocation_endpoint: Option<String>,
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
}

/// Where the config lives, and reading/writing it.
#[derive(Clone, Debug)]
pub struct ConfigStore {
    dir: PathBuf,
}

impl ConfigStore {
    /// `$SVCACCT_CONFIG_DIR`, else the platform's config dir (`$XDG_CONFIG_HOME/svcacct`).
    pub fn locate() -> Result<Self> {
        if let Some(dir) = std::env::var_os("SVCACCT_CONFIG_DIR").filter(|d| !d.is_empty()) {
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
        toml::from_str(&text).map_err(|e| {
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
        })
    }

    /// Replace the config file atomically. Refuses to run over a file that does not parse.
    pub fn save(&self, config: &ConfigFile) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|e| {
            Error::config(format!(
                "cannot create config dir {}: {e}",
                self.dir.display()
            ))
        })?;
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

/// Write `bytes` to `path` via a temp file in the same directory and a rename, so readers see
/// the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
                    },
                )
            })
            .unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.profiles["ci"].client_id.as_deref(), Some("sa_1"));
    }
}
