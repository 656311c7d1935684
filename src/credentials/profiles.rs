//! The one profile writer: where a profile's secret is kept, saving a profile (the secret first,
//! then the config entry) and forgetting one. Sign-in, `--save` of a new secret or token and
//! logout all write through here, so they cannot disagree about where a secret went.

use super::store::{CredentialStore, StoredCredential};
use crate::config::{Profile, StorageKind};
use crate::context::Context;
use crate::error::Result;

/// Where profile `name` (with `storage`, at `api_url`) keeps its secret.
pub fn store_for(
    ctx: &Context,
    storage: StorageKind,
    name: &str,
    api_url: &str,
) -> CredentialStore {
    CredentialStore::for_profile(storage, ctx.config.dir(), name, api_url)
}

/// Where the stored profile `name` keeps its secret.
pub fn store_of(ctx: &Context, name: &str, profile: &Profile) -> CredentialStore {
    store_for(ctx, profile.storage, name, &profile.api_url)
}

/// Save `profile` as `name` with its secret `cred`: the secret first (a failure leaves the old
/// profile as it was), then the config entry, and only then — when the profile's secret now lives
/// somewhere else (another kind of storage, another API's keychain item) — the old one is
/// deleted. The same place is never deleted: it holds the secret just written. Returns where the
/// secret went.
pub fn save(
    ctx: &Context,
    name: &str,
    profile: Profile,
    cred: &StoredCredential,
    old: Option<&Profile>,
) -> Result<CredentialStore> {
    let store = store_of(ctx, name, &profile);
    let old_store = old
        .map(|old| store_of(ctx, name, old))
        .filter(|old| !old.same_place(&store));
    store.save(cred)?;
    ctx.config.update(|c| {
        c.profiles.insert(name.to_string(), profile);
    })?;
    if let Some(old_store) = old_store {
        let _ = old_store.delete();
    }
    Ok(store)
}

/// Delete profile `name`: its secret, then its config entry (and the default, if it was).
pub fn forget(ctx: &Context, name: &str, profile: &Profile) -> Result<()> {
    store_of(ctx, name, profile).delete()?;
    ctx.config.update(|c| {
        c.profiles.remove(name);
        if c.default_profile.as_deref() == Some(name) {
            c.default_profile = None;
        }
    })
}
