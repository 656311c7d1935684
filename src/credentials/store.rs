//! Where a profile's secrets live: the OS keychain (default), or a 0600 file the user chose
//! with `--insecure-storage`. Never a silent plaintext fallback. Keychain calls are bounded.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use crate::config::StorageKind;
use crate::error::{Error, Result};
use crate::fsx::write_atomic;
pub use crate::oauth::StoredCredential;

const KEYRING_TIMEOUT: Duration = Duration::from_secs(3);
const KEYRING_SERVICE: &str = "svcacct";
/// The keychain service of the token cache (environment and federated credentials).
const CACHE_SERVICE: &str = "svcacct-token-cache";

#[derive(Clone, Debug)]
pub enum CredentialStore {
    Keyring {
        service: String,
        account: String,
    },
    File {
        path: PathBuf,
    },
    /// A cache of tokens minted from environment credentials (CI jobs, kubectl's `env:`): `file`,
    /// a 0600 file in a private directory of its own, when that is under the login session's
    /// `$XDG_RUNTIME_DIR` (`session_file`: memory, this user's, gone at logout — and no Secret
    /// Service round trip, ~15 ms, on every mint); else the keychain where one answers, else the
    /// file (CI containers have no keychain). Only tokens go here, never a client secret.
    TokenCache {
        service: String,
        account: String,
        file: PathBuf,
        session_file: bool,
    },
}

impl CredentialStore {
    /// Keychain items are keyed by API URL and profile, so two deployments never share one.
    pub fn for_profile(
        kind: StorageKind,
        config_dir: &std::path::Path,
        profile: &str,
        api_url: &str,
    ) -> Self {
        match kind {
            StorageKind::Keyring => CredentialStore::Keyring {
                service: KEYRING_SERVICE.to_string(),
                account: format!(
                    "{profile}@{} [{}]",
                    api_url.trim_end_matches('/'),
                    config_tag(config_dir)
                ),
            },
            StorageKind::InsecureFile => CredentialStore::File {
                path: config_dir
                    .join("credentials")
                    .join(format!("{profile}.json")),
            },
        }
    }

    /// The token cache named `name` for `api_url` (see [`CredentialStore::TokenCache`]): under
    /// `$XDG_RUNTIME_DIR/svcacct/tokens` (per login session, never on disk on most systems), else
    /// the user's cache directory.
    pub fn token_cache(config_dir: &std::path::Path, name: &str, api_url: &str) -> Self {
        let runtime = crate::settings::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|d| is_own_private_dir(d));
        let session_file = runtime.is_some();
        let dir = runtime
            .map(|d| d.join("svcacct"))
            .or_else(|| {
                directories::ProjectDirs::from("", "", "svcacct")
                    .map(|d| d.cache_dir().to_path_buf())
            })
            .unwrap_or_else(|| config_dir.join("cache"))
            .join("tokens");
        // A service of its own: a cache entry can never be (or overwrite) a profile's item.
        let account = format!(
            "{name}@{} [{}]",
            api_url.trim_end_matches('/'),
            config_tag(config_dir)
        );
        CredentialStore::TokenCache {
            service: CACHE_SERVICE.to_string(),
            account,
            file: dir.join(format!("{name}.json")),
            session_file,
        }
    }

    /// Whether both name the same item: the same keychain entry, or the same file.
    pub fn same_place(&self, other: &CredentialStore) -> bool {
        match (self, other) {
            (
                CredentialStore::Keyring { service, account },
                CredentialStore::Keyring {
                    service: s,
                    account: a,
                },
            ) => service == s && account == a,
            (CredentialStore::File { path }, CredentialStore::File { path: p }) => path == p,
            (
                CredentialStore::TokenCache {
                    service,
                    account,
                    file,
                    ..
                },
                CredentialStore::TokenCache {
                    service: s,
                    account: a,
                    file: f,
                    ..
                },
            ) => service == s && account == a && file == f,
            _ => false,
        }
    }

    /// Where the secret is, as the end of a sentence: "the OS keychain", or the plaintext file.
    pub fn whereabouts(&self) -> String {
        match self {
            CredentialStore::Keyring { .. } => "the OS keychain".to_string(),
            CredentialStore::File { path } => {
                format!("the plaintext file {} (mode 0600)", path.display())
            }
            CredentialStore::TokenCache { .. } => self.describe(),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            CredentialStore::Keyring { .. } => "OS keychain (Secret Service)".to_string(),
            CredentialStore::TokenCache {
                file,
                session_file: true,
                ..
            } => format!(
                "token cache ({} with mode 0600, in the login session's runtime directory)",
                file.display()
            ),
            CredentialStore::TokenCache { file, .. } => format!(
                "token cache (the OS keychain, else {} with mode 0600)",
                file.display()
            ),
            CredentialStore::File { path } => {
                format!(
                    "INSECURE plaintext file {} (mode 0600, chosen with --insecure-storage)",
                    path.display()
                )
            }
        }
    }

    /// The access token the fast tier holds for this keychain item (see `fast_tier`), as a
    /// credential with nothing else; `None` for other stores or when it holds none.
    pub fn fast_access_token(&self) -> Option<StoredCredential> {
        let CredentialStore::Keyring { account, .. } = self else {
            return None;
        };
        super::fast_tier::get(account).map(|t| StoredCredential {
            access_token: Some(t.access_token),
            expires_at: Some(t.expires_at),
            issued_at: t.issued_at,
            ..Default::default()
        })
    }

    /// Whether credentials can be kept here, asked before a sign-in: the keychain answers a
    /// read (a missing entry is fine), or the file's directory can be made private.
    pub fn check_usable(&self) -> Result<()> {
        match self {
            CredentialStore::Keyring { service, account } => {
                keyring_get(service, account).map(|_| ())
            }
            CredentialStore::File { path } => match path.parent() {
                Some(dir) => crate::fsx::private_dir(dir).map(|_| ()),
                None => Ok(()),
            },
            CredentialStore::TokenCache { .. } => Ok(()),
        }
    }

    pub fn load(&self) -> Result<Option<StoredCredential>> {
        let raw = match self {
            CredentialStore::Keyring { service, account } => keyring_get(service, account)?,
            CredentialStore::TokenCache {
                file,
                session_file: true,
                ..
            } => cache_file_read(file)?,
            CredentialStore::TokenCache {
                service,
                account,
                file,
                ..
            } => match keyring_get(service, account) {
                Err(e) if e.keychain_missing => cache_file_read(file)?,
                other => other?,
            },
            CredentialStore::File { path } => match std::fs::read_to_string(path) {
                Ok(t) => Some(t),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    return Err(Error::config(format!(
                        "cannot read credentials file {}: {e}",
                        path.display()
                    )));
                }
            },
        };
        raw.map(|text| {
            serde_json::from_str(&text).map_err(|_| {
                Error::config(format!(
                    "stored credentials in the {} are unreadable",
                    self.describe()
                ))
                .with_hint("run `svcacct logout` then `svcacct login`")
            })
        })
        .transpose()
    }

    pub fn save(&self, cred: &StoredCredential) -> Result<()> {
        let text = serde_json::to_string(cred).map_err(|e| Error::internal(e.to_string()))?;
        match self {
            CredentialStore::Keyring { service, account } => {
                keyring_set(service, account, &text)?;
                // The access token alone, also in the fast tier (until it expires).
                match (&cred.access_token, cred.expires_at) {
                    (Some(token), Some(expires_at)) => super::fast_tier::put(
                        account,
                        &super::fast_tier::FastToken {
                            access_token: token.clone(),
                            expires_at,
                            issued_at: cred.issued_at,
                        },
                    ),
                    _ => super::fast_tier::forget(account),
                }
                Ok(())
            }
            CredentialStore::TokenCache {
                service,
                account,
                file,
                session_file,
            } => {
                // A token without an expiry would stay on disk (and be served) for ever: not
                // cached, minted each time instead.
                if cred.expires_at.is_none() {
                    return Ok(());
                }
                // A cache holds tokens only: whatever else the credential carries stays out.
                let tokens = StoredCredential {
                    access_token: cred.access_token.clone(),
                    expires_at: cred.expires_at,
                    issued_at: cred.issued_at,
                    ..Default::default()
                };
                let text =
                    serde_json::to_string(&tokens).map_err(|e| Error::internal(e.to_string()))?;
                if *session_file {
                    return cache_file_write(file, &text);
                }
                match keyring_set(service, account, &text) {
                    Err(e) if e.keychain_missing => cache_file_write(file, &text),
                    other => other,
                }
            }
            CredentialStore::File { path } => {
                if let Some(dir) = path.parent() {
                    crate::fsx::private_dir(dir)?;
                }
                write_atomic(path, text.as_bytes(), 0o600).map_err(|e| {
                    Error::config(format!(
                        "cannot write credentials file {}: {e}",
                        path.display()
                    ))
                })
            }
        }
    }

    /// Remove the stored secrets; `Ok(false)` when there were none.
    pub fn delete(&self) -> Result<bool> {
        match self {
            CredentialStore::Keyring { service, account } => {
                super::fast_tier::forget(account);
                keyring_delete(service, account)
            }
            CredentialStore::TokenCache {
                service,
                account,
                file,
                session_file,
            } => {
                // (The session file alone: no keychain round trip where the keychain is not used.)
                let in_keychain = !*session_file
                    && match keyring_delete(service, account) {
                        Err(e) if e.keychain_missing => false,
                        other => other?,
                    };
                let in_file = match std::fs::remove_file(file) {
                    Ok(()) => true,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
                    Err(e) => {
                        return Err(Error::config(format!(
                            "cannot delete {}: {e}",
                            file.display()
                        )));
                    }
                };
                Ok(in_keychain || in_file)
            }
            CredentialStore::File { path } => match std::fs::remove_file(path) {
                Ok(()) => Ok(true),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
                Err(e) => Err(Error::config(format!(
                    "cannot delete {}: {e}",
                    path.display()
                ))),
            },
        }
    }
}

/// A short, stable tag for a config directory: keychain items belong to one config directory,
/// so two installs (or two `SVCACCT_CONFIG_DIR`s) on one keychain never share credentials.
fn config_tag(dir: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(dir.to_string_lossy().as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// The token cache's directory must be ours alone: created 0700, and an existing one that is
/// not owned by this user, or that others may read, is refused (a token there is a credential).
fn private_cache_dir(file: &std::path::Path) -> Result<&std::path::Path> {
    let dir = file
        .parent()
        .ok_or_else(|| Error::internal("a cache file without a directory"))?;
    crate::fsx::private_dir(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // The directory above (svcacct's own) must be this user's too: another user who owns
        // it could swap the tokens directory between this check and its use.
        if let Some(parent) = dir.parent()
            && let Ok(meta) = std::fs::symlink_metadata(parent)
            // SAFETY: geteuid has no preconditions and cannot fail.
            && (meta.uid() != unsafe { libc::geteuid() } || meta.mode() & 0o022 != 0)
        {
            return Err(Error::config(format!(
                "the token cache's directory {} is not this user's own",
                parent.display()
            ))
            .with_hint(format!(
                "remove it, or run `chmod 700 {}`",
                parent.display()
            )));
        }
        let meta = std::fs::symlink_metadata(dir)
            .map_err(|e| Error::config(format!("cannot read {}: {e}", dir.display())))?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if !meta.is_dir() || meta.uid() != me || meta.mode() & 0o077 != 0 {
            return Err(Error::config(format!(
                "the token cache {} is not private (owner {}, mode {:o}, or not a directory)",
                dir.display(),
                meta.uid(),
                meta.mode() & 0o777
            ))
            .with_hint(format!(
                "run `chmod 700 {}` (it must be yours), or remove it",
                dir.display()
            )));
        }
    }
    Ok(dir)
}

fn cache_file_read(file: &std::path::Path) -> Result<Option<String>> {
    if !file.exists() {
        return Ok(None);
    }
    private_cache_dir(file)?;
    match std::fs::read_to_string(file) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::config(format!(
            "cannot read the token cache {}: {e}",
            file.display()
        ))),
    }
}

fn cache_file_write(file: &std::path::Path, text: &str) -> Result<()> {
    let dir = private_cache_dir(file)?;
    prune_expired(dir);
    write_atomic(file, text.as_bytes(), 0o600).map_err(|e| {
        Error::config(format!(
            "cannot write the token cache {}: {e}",
            file.display()
        ))
    })
}

/// Cache files whose token has expired are removed when another is written: a token stays on
/// disk no longer than it works (bounded: at most 256 files looked at).
fn prune_expired(dir: &std::path::Path) {
    let now = crate::clock::now();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten().take(256) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let expired = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<StoredCredential>(&t).ok())
            .is_none_or(|c| c.expires_at.is_none_or(|at| at <= now));
        if expired {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// `$XDG_RUNTIME_DIR` is used only as the XDG spec promises it: a directory owned by this
/// user that no one else may enter (mode 0700) — not one inherited across `su`.
fn is_own_private_dir(dir: &std::path::Path) -> bool {
    if !dir.is_absolute() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        std::fs::symlink_metadata(dir)
            .is_ok_and(|m| m.is_dir() && m.uid() == me && m.mode() & 0o077 == 0)
    }
    #[cfg(not(unix))]
    {
        dir.is_dir()
    }
}

fn no_keychain(reason: &str) -> Error {
    let mut err = Error::config(format!("no OS keychain is available ({reason})"));
    err.keychain_missing = true;
    err.with_hint(
        "start a Secret Service (e.g. gnome-keyring) in this session, or use environment variables \
         (SVCACCT_TOKEN, or SVCACCT_CLIENT_ID + SVCACCT_CLIENT_SECRET), or log in with --insecure-storage \
         to keep credentials in a 0600 file",
    )
}

/// Run a keychain call on its own thread and give up after [`KEYRING_TIMEOUT`]: a keychain that
/// waits for an unlock prompt nobody will answer must not hang the CLI (or CI).
fn bounded<T: Send + 'static>(
    what: &'static str,
    call: impl FnOnce() -> std::result::Result<T, keyring_core::Error> + Send + 'static,
) -> Result<std::result::Result<T, keyring_core::Error>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(call());
    });
    rx.recv_timeout(KEYRING_TIMEOUT).map_err(|_| {
        no_keychain(&format!(
            "the keychain did not answer a {what} within {} s; it may be locked",
            KEYRING_TIMEOUT.as_secs()
        ))
    })
}

/// The OS's own keychain: Secret Service on Linux (gnome-keyring, KWallet, KeePassXC), the login
/// Keychain on macOS, the Credential Manager on Windows.
#[cfg(target_os = "linux")]
fn entry(
    service: &str,
    account: &str,
) -> std::result::Result<keyring_core::Entry, keyring_core::Error> {
    use keyring_core::api::CredentialStoreApi;
    let store = zbus_secret_service_keyring_store::Store::new()?;
    store.build(service, account, None)
}

#[cfg(target_os = "macos")]
fn entry(
    service: &str,
    account: &str,
) -> std::result::Result<keyring_core::Entry, keyring_core::Error> {
    use keyring_core::api::CredentialStoreApi;
    let store = apple_native_keyring_store::keychain::Store::new()?;
    store.build(service, account, None)
}

#[cfg(target_os = "windows")]
fn entry(
    service: &str,
    account: &str,
) -> std::result::Result<keyring_core::Entry, keyring_core::Error> {
    use keyring_core::api::CredentialStoreApi;
    let store = windows_native_keyring_store::Store::new()?;
    store.build(service, account, None)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn entry(
    _service: &str,
    _account: &str,
) -> std::result::Result<keyring_core::Entry, keyring_core::Error> {
    Err(keyring_core::Error::NotSupportedByStore(
        "this build has keychain backends for Linux, macOS and Windows only".to_string(),
    ))
}

/// The Windows Credential Manager keeps at most 2,560 bytes of secret, stored as UTF-16.
const WINDOWS_CREDENTIAL_MAX: usize = 2560;

/// Whether `value` fits one Windows credential (checked before writing, so that a large
/// credential gets a clear refusal naming the alternatives rather than a store error).
fn fits_windows_credential(value: &str) -> bool {
    value.encode_utf16().count() * 2 <= WINDOWS_CREDENTIAL_MAX
}

fn too_large_for_keychain(bytes: usize) -> Error {
    no_keychain(&format!(
        "the credential ({bytes} bytes) is larger than the Windows Credential Manager keeps ({WINDOWS_CREDENTIAL_MAX} bytes as UTF-16)"
    ))
}

fn map_keyring_error(e: keyring_core::Error) -> Error {
    use keyring_core::Error as K;
    match e {
        K::NoStorageAccess(inner) => no_keychain(&format!("access refused: {inner}")),
        K::PlatformFailure(inner) => no_keychain(&inner.to_string()),
        K::NoDefaultStore | K::NotSupportedByStore(_) => no_keychain(&e.to_string()),
        K::TooLong(what, max) => no_keychain(&format!(
            "the keychain refused the credential: {what} is longer than its limit of {max}"
        )),
        other => Error::config(format!("keychain error: {other}")),
    }
}

/// Tests only: a keychain kept as one file per item in the directory `SVCACCT_TEST_KEYCHAIN`
/// names, so that plain `cargo test` needs no Secret Service. The test harness selects it;
/// only binaries built by `cargo test` have it (the `test-hooks` feature; never `cargo build`,
/// `cargo install` or a release), and `scripts/test.sh` runs the same
/// tests against the real keychain instead.
#[cfg(feature = "test-hooks")]
mod test_keychain {
    use std::path::PathBuf;

    use sha2::{Digest, Sha256};

    use crate::error::{Error, Result};

    fn item(service: &str, account: &str) -> Option<PathBuf> {
        let dir = PathBuf::from(crate::settings::var_os("SVCACCT_TEST_KEYCHAIN")?);
        let digest = Sha256::digest(format!("{service}\n{account}").as_bytes());
        let name: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        Some(dir.join(name))
    }

    pub fn get(service: &str, account: &str) -> Option<Result<Option<String>>> {
        let path = item(service, account)?;
        Some(match std::fs::read_to_string(&path) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::config(format!("test keychain: {e}"))),
        })
    }

    pub fn set(service: &str, account: &str, value: &str) -> Option<Result<()>> {
        let path = item(service, account)?;
        let written = path
            .parent()
            .map_or(Ok(()), |d| crate::fsx::private_dir(d).map(|_| ()))
            .and_then(|()| {
                crate::fsx::write_atomic(&path, value.as_bytes(), 0o600)
                    .map_err(|e| Error::config(format!("test keychain: {e}")))
            });
        Some(written)
    }

    pub fn delete(service: &str, account: &str) -> Option<Result<bool>> {
        let path = item(service, account)?;
        Some(match std::fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(Error::config(format!("test keychain: {e}"))),
        })
    }
}

fn keyring_get(service: &str, account: &str) -> Result<Option<String>> {
    #[cfg(feature = "test-hooks")]
    if let Some(answer) = test_keychain::get(service, account) {
        return answer;
    }
    let (s, a) = (service.to_string(), account.to_string());
    match bounded("read", move || entry(&s, &a)?.get_password())? {
        Ok(v) => Ok(Some(v)),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(map_keyring_error(e)),
    }
}

fn keyring_set(service: &str, account: &str, value: &str) -> Result<()> {
    if cfg!(target_os = "windows") && !fits_windows_credential(value) {
        return Err(too_large_for_keychain(value.len()));
    }
    #[cfg(feature = "test-hooks")]
    if let Some(answer) = test_keychain::set(service, account, value) {
        return answer;
    }
    let (s, a, v) = (service.to_string(), account.to_string(), value.to_string());
    bounded("write", move || entry(&s, &a)?.set_password(&v))?.map_err(map_keyring_error)
}

fn keyring_delete(service: &str, account: &str) -> Result<bool> {
    #[cfg(feature = "test-hooks")]
    if let Some(answer) = test_keychain::delete(service, account) {
        return answer;
    }
    let (s, a) = (service.to_string(), account.to_string());
    match bounded("delete", move || entry(&s, &a)?.delete_credential())? {
        Ok(()) => Ok(true),
        Err(keyring_core::Error::NoEntry) => Ok(false),
        Err(e) => Err(map_keyring_error(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_credential_limit() {
        assert!(fits_windows_credential(&"a".repeat(1280)));
        assert!(!fits_windows_credential(&"a".repeat(1281)));
        let err = too_large_for_keychain(4000);
        assert_eq!(err.kind, crate::error::ErrorKind::Config);
        assert!(err.to_string().contains("--insecure-storage"), "{err}");
    }

    /// The OS's own keychain, for real (run by the macOS and Windows CI jobs; Linux has its
    /// Secret Service tests in tests/cli): write, read back, delete.
    #[cfg(any(target_os = "macos", target_os = "windows"))]
    #[test]
    fn native_keychain_round_trip() {
        let service = format!("svcacct-test-{}", std::process::id());
        let value = r#"{"access_token":"round-trip"}"#;
        keyring_set(&service, "ci", value).expect("write");
        assert_eq!(
            keyring_get(&service, "ci").expect("read").as_deref(),
            Some(value)
        );
        assert!(keyring_delete(&service, "ci").expect("delete"));
        assert_eq!(keyring_get(&service, "ci").expect("read again"), None);
    }

    #[test]
    fn keychain_items_are_per_profile_api_and_config_dir() {
        let key = |dir: &str, profile: &str, api: &str| match CredentialStore::for_profile(
            StorageKind::Keyring,
            std::path::Path::new(dir),
            profile,
            api,
        ) {
            CredentialStore::Keyring { account, .. } => account,
            _ => unreachable!(),
        };
        let a = key("/home/a/.config/svcacct", "default", "https://api.example/");
        assert_eq!(
            a,
            key("/home/a/.config/svcacct", "default", "https://api.example")
        );
        assert!(a.starts_with("default@https://api.example ["));
        assert_ne!(
            a,
            key("/home/b/.config/svcacct", "default", "https://api.example/")
        );
        assert_ne!(
            a,
            key("/home/a/.config/svcacct", "ci", "https://api.example/")
        );
    }
}
