//! A fast tier for the access token alone: the Linux kernel keyring (keyutils), per user, never
//! on disk, each entry with its token's remaining lifetime as its timeout. `svcacct token`
//! reads it with one system call instead of a Secret Service round trip (D-Bus connect,
//! session negotiation, search, decrypt: ~10 ms); refresh tokens and client secrets stay in the
//! Secret Service. Where keyctl is refused (Docker's default seccomp profile) or the kernel has
//! no keyring, every call here does nothing and the Secret Service serves as before.

use crate::secret::Secret;

/// The access token and when it expires (and was issued), as the fast tier keeps them.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct FastToken {
    pub access_token: Secret,
    pub expires_at: i64,
    #[serde(default)]
    pub issued_at: Option<i64>,
}

fn description(account: &str) -> String {
    format!("svcacct-access-token:{account}")
}

#[cfg(target_os = "linux")]
fn ring() -> Option<linux_keyutils::KeyRing> {
    // Debug builds only (tests): act as if keyctl were refused, as under Docker's seccomp.
    if cfg!(feature = "test-hooks") && crate::settings::var_os("SVCACCT_TEST_NO_KEYCTL").is_some() {
        return None;
    }
    linux_keyutils::KeyRing::from_special_id(linux_keyutils::KeyRingIdentifier::User, false).ok()
}

/// The token kept for `account`, if the kernel still holds it.
#[cfg(target_os = "linux")]
pub fn get(account: &str) -> Option<FastToken> {
    let key = ring()?.search(&description(account)).ok()?;
    let bytes = key.read_to_vec().ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Keep `token` for `account` until it expires (nothing without an expiry).
#[cfg(target_os = "linux")]
pub fn put(account: &str, token: &FastToken) {
    use linux_keyutils::{KeyPermissionsBuilder, Permission};
    let left = token.expires_at - crate::clock::now();
    if left <= 0 {
        return forget(account);
    }
    let Some(ring) = ring() else { return };
    let Ok(bytes) = serde_json::to_vec(token) else {
        return;
    };
    let Ok(key) = ring.add_key(&description(account), &bytes) else {
        return;
    };
    let _ = key.set_timeout(left as usize);
    // This user's processes only (possessor and user); nobody else may even see it.
    // The possessor only (the processes of this login session, through its session keyring):
    // other containers of the same uid share the user keyring but do not possess the key, and
    // may neither read nor write it.
    let perms = KeyPermissionsBuilder::builder()
        .posessor(Permission::ALL)
        .build();
    let _ = key.set_perms(perms);
}

/// Drop the token kept for `account` (logout, a refused token).
#[cfg(target_os = "linux")]
pub fn forget(account: &str) {
    if let Some(key) = ring().and_then(|r| r.search(&description(account)).ok()) {
        let _ = key.invalidate();
    }
}

#[cfg(not(target_os = "linux"))]
pub fn get(_account: &str) -> Option<FastToken> {
    None
}

#[cfg(not(target_os = "linux"))]
pub fn put(_account: &str, _token: &FastToken) {}

#[cfg(not(target_os = "linux"))]
pub fn forget(_account: &str) {}
