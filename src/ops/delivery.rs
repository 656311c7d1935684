//! Where a secret shown once goes (SPEC "Secrets"): stdout, a 0600 file (`--secret-file`), or
//! the OS keychain as a client-credentials profile (`--save`). The destination is checked
//! before the server is asked to create anything, and a secret that cannot be delivered where
//! asked is printed instead of lost.

use std::io::Write;
use std::path::PathBuf;

use crate::api::models::ServiceAccount;
use crate::config::{AuthKind, Profile, StorageKind};
use crate::context::Context;
use crate::credentials::profiles;
use crate::credentials::store::{CredentialStore, StoredCredential};
use crate::error::{Error, ErrorKind, Result};
use crate::fsx::write_atomic;
use crate::oauth::{self, EndpointOverrides};
use crate::secret::Secret;

#[derive(Clone, Debug)]
pub enum SecretDestination {
    Stdout,
    File { path: PathBuf, force: bool },
    Keychain,
}

/// Where the secret ended up, for the JSON output.
pub enum Delivered {
    Stdout,
    File(PathBuf),
    /// Saved as this profile's credential, in this store (keychain or the profile's file).
    Profile(String, CredentialStore),
}

impl Delivered {
    /// Say in `--json` output where the secret went: the secret itself under `label` when it was
    /// to be printed, else `secret_file` or `saved_as_profile`.
    pub fn annotate(&self, json: &mut serde_json::Value, label: &str, secret: &Secret) {
        match self {
            Delivered::Stdout => json[label] = secret.expose().into(),
            Delivered::File(path) => json["secret_file"] = path.display().to_string().into(),
            Delivered::Profile(name, _) => json["saved_as_profile"] = name.clone().into(),
        }
    }

    /// Print the `--json` document with the secret (or where it went), through `--jq` only if
    /// the filter keeps a secret that has no other copy ([`crate::ui::output::Output::json_with_secret`]).
    pub fn print_json(
        &self,
        ctx: &Context,
        mut json: serde_json::Value,
        label: &str,
        secret: &Secret,
    ) -> Result<()> {
        self.annotate(&mut json, label, secret);
        let only_copy = matches!(self, Delivered::Stdout).then_some(secret);
        ctx.out.json_with_secret(&json, only_copy)
    }
}

impl SecretDestination {
    /// From the flags: `--secret-file PATH` (`--force` to replace it), `--save`, or stdout.
    pub fn new(secret_file: Option<&std::path::Path>, force: bool, save: bool) -> Self {
        match (secret_file, save) {
            (Some(path), _) => SecretDestination::File {
                path: path.to_path_buf(),
                force,
            },
            (None, true) => SecretDestination::Keychain,
            (None, false) => SecretDestination::Stdout,
        }
    }

    /// Refuse a destination that cannot work, before anything is created on the server.
    pub fn check(&self) -> Result<()> {
        let SecretDestination::File { path, force } = self else {
            return Ok(());
        };
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        if !parent.is_dir() {
            return Err(Error::usage(format!(
                "--secret-file {}: directory {} does not exist",
                path.display(),
                parent.display()
            ))
            .with_hint("create the directory first, or choose another path; nothing was changed"));
        }
        // symlink_metadata: a dangling symlink counts as an existing file.
        if path.symlink_metadata().is_ok() && !force {
            return Err(Error::usage(format!(
                "--secret-file {}: the file already exists",
                path.display()
            ))
            .with_hint("choose a new path, or pass --force to replace it; nothing was changed"));
        }
        Ok(())
    }

    /// With `--jq` and the secret bound for stdout, the filter must keep the secret: tried on
    /// a stand-in before anything is created, so a filter that would drop it (`--jq .id`)
    /// is refused while nothing has changed — no secret lost, none printed unasked.
    pub fn check_jq(&self, out: &crate::ui::output::Output, label: &str) -> Result<()> {
        if matches!(self, SecretDestination::Stdout) {
            out.check_jq_keeps(label)?;
        }
        Ok(())
    }

    /// Deliver `secret`; `label` names it if it has to be printed after all ("client_secret").
    pub async fn deliver(
        &self,
        ctx: &Context,
        api_url: &url::Url,
        save_as: SaveAs<'_>,
        label: &str,
        secret: &Secret,
    ) -> Result<Delivered> {
        let result = match self {
            SecretDestination::Stdout => return Ok(Delivered::Stdout),
            SecretDestination::File { path, .. } => {
                write_secret_file(path, secret).map(|_| Delivered::File(path.clone()))
            }
            SecretDestination::Keychain => match save_as {
                SaveAs::ServiceAccountProfile(account) => {
                    save_service_account(ctx, api_url, account, secret).await
                }
                SaveAs::CurrentProfile => save_personal_access_token(ctx, api_url, secret).await,
            }
            .map(|(name, store)| Delivered::Profile(name, store)),
        };
        result.map_err(|e| {
            // The secret exists only in this process now: print it rather than lose it.
            let _ = ctx.out.line(&format!("{label}: {}", secret.expose()));
            Error::new(
                e.kind,
                format!("the new secret could not be stored ({}); it was printed on stdout instead: store it now", e.message),
            )
        })
    }
}

/// What `--save` makes of a secret.
pub enum SaveAs<'a> {
    /// A client-credentials profile `sa-<id>` for the account.
    ServiceAccountProfile(&'a ServiceAccount),
    /// The credential of the current profile (a personal access token).
    CurrentProfile,
}

fn write_secret_file(path: &std::path::Path, secret: &Secret) -> Result<()> {
    let text = format!("{}\n", secret.expose());
    // An existing file (--force) is replaced by a rename, a new one created exclusively: either
    // way the secret lands in a fresh 0600 file and never follows a planted symlink.
    let written = if path.symlink_metadata().is_ok() {
        write_atomic(path, text.as_bytes(), 0o600)
    } else {
        crate::fsx::create_new_private(path, 0o600)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|_| f.sync_all()))
    };
    written.map_err(|e| {
        Error::new(
            ErrorKind::Usage,
            format!("cannot write {}: {e}", path.display()),
        )
    })
}

/// Where a new profile made by `--save` keeps its secret: where the current profile keeps its
/// own (a profile signed in with `--insecure-storage` chose the file), else the keychain.
pub fn storage_of_current_profile(
    ctx: &Context,
    config: &crate::config::ConfigFile,
) -> StorageKind {
    config
        .profiles
        .get(&ctx.profile_name(config))
        .map(|p| p.storage)
        .unwrap_or(StorageKind::Keyring)
}

/// Store the secret as profile `sa-<id>` (client credentials, in the current profile's kind
/// of storage), so that `svcacct --profile sa-<id> token` mints tokens for the account.
async fn save_service_account(
    ctx: &Context,
    api_url: &url::Url,
    account: &ServiceAccount,
    secret: &Secret,
) -> Result<(String, CredentialStore)> {
    let name = format!("sa-{}", account.id);
    let config = ctx.config.load()?;
    let storage = storage_of_current_profile(ctx, &config);
    if let Some(existing) = config.profiles.get(&name)
        && existing.client_id.as_deref() != Some(account.client_id.as_str())
    {
        return Err(Error::usage(format!(
            "profile '{name}' already exists for another client"
        )));
    }
    let discovered =
        oauth::discover(ctx.http()?, api_url, &EndpointOverrides::default(), false).await?;
    let method = oauth::choose_auth_method(&discovered.auth_methods, None);
    let old = config.profiles.get(&name).cloned();
    let profile = Profile {
        api_url: api_url.to_string(),
        auth: AuthKind::ClientCredentials,
        client_id: Some(account.client_id.clone()),
        client_auth_method: Some(method),
        storage,
        endpoints: Some(discovered.endpoints),
        user: Some(account.client_id.clone()),
        company_id: Some(account.company_id),
        provider: None,
    };
    let cred = StoredCredential {
        client_secret: Some(secret.clone()),
        ..Default::default()
    };
    let store = profiles::save(ctx, &name, profile, &cred, old.as_ref())?;
    Ok((name, store))
}

/// Make a new personal access token the current profile's credential (in the keychain unless
/// the profile chose a file), after revoking what the profile signed in with before.
async fn save_personal_access_token(
    ctx: &Context,
    api_url: &url::Url,
    token: &Secret,
) -> Result<(String, CredentialStore)> {
    let config = ctx.config.load()?;
    let name = ctx.profile_name(&config);
    let old = config.profiles.get(&name).cloned();
    let storage = old
        .as_ref()
        .map(|p| p.storage)
        .unwrap_or(StorageKind::Keyring);
    if let Some(old) = &old
        && old.auth != AuthKind::PersonalAccessToken
        && let Ok(Some(cred)) = profiles::store_of(ctx, &name, old).load()
    {
        let _ = crate::credentials::session::revoke_stored(ctx, old, &cred).await;
    }
    let profile = Profile {
        api_url: api_url.to_string(),
        auth: AuthKind::PersonalAccessToken,
        client_id: None,
        client_auth_method: None,
        storage,
        endpoints: old.as_ref().and_then(|p| p.endpoints.clone()),
        user: old.as_ref().and_then(|p| p.user.clone()),
        company_id: old.as_ref().and_then(|p| p.company_id),
        provider: old.as_ref().and_then(|p| p.provider),
    };
    let cred = StoredCredential {
        access_token: Some(token.clone()),
        issued_at: Some(crate::clock::now()),
        ..Default::default()
    };
    let store = profiles::save(ctx, &name, profile, &cred, old.as_ref())?;
    Ok((name, store))
}
