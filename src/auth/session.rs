//! Getting a valid access token: `SVCACCT_TOKEN`, environment client credentials, or a stored
//! profile (cached token, else refresh or re-mint under a cross-process lock).

use std::fs::OpenOptions;
use std::time::{Duration, Instant};

use url::Url;

use super::oauth::{self, ClientIdentity, EndpointOverrides, TokenHint, unix_now};
use super::store::{CredentialStore, StoredCredential};
use crate::api::client::parse_base_url;
use crate::config::{AuthKind, ClientAuthMethod, Profile};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::secret::Secret;

const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Where the token came from (for `status`).
#[derive(Clone, Debug)]
pub enum Origin {
    EnvToken,
    EnvClientCredentials {
        client_id: String,
    },
    Profile {
        name: String,
        profile: Box<Profile>,
        store: CredentialStore,
        credential: Box<StoredCredential>,
    },
}

pub struct Credentials {
    pub api: Url,
    pub token: Secret,
    /// When the token expires (Unix seconds), where known.
    pub expires_at: Option<i64>,
    pub origin: Origin,
}

/// A token with less than this left is renewed: a minute, or half its lifetime when shorter.
fn is_fresh(cred: &StoredCredential, now: i64) -> bool {
    if cred.access_token.is_none() {
        return false;
    }
    match cred.expires_at {
        None => true,
        Some(expires_at) => {
            let lifetime = cred.issued_at.map(|i| expires_at - i).unwrap_or(120);
            let margin = 60.min(lifetime / 2);
            expires_at - now > margin
        }
    }
}

pub fn env_secret(name: &str) -> Option<Secret> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| Secret::new(v.trim().to_string()))
}

/// A valid access token, from the first source that has one (SPEC "Secrets"; the order of gh,
/// the AWS and Azure SDKs): `SVCACCT_TOKEN`, then environment client credentials, then the
/// stored profile. An explicit `--profile` (or `SVCACCT_PROFILE`) selects the stored profile
/// and skips the environment, so asking for one principal never yields another.
pub async fn current(ctx: &Context) -> Result<Credentials> {
    let config = ctx.config.load()?;
    let name = ctx.profile_name(&config);
    if !ctx.profile_is_explicit() {
        if let Some(token) = env_secret("SVCACCT_TOKEN") {
            // The token goes only where the environment says: never to a stored profile's
            // API, which may be another deployment.
            let api = ctx.api_url(None).map_err(|e| {
                e.with_hint("SVCACCT_TOKEN needs SVCACCT_API_URL (or --api) naming its API")
            })?;
            return Ok(Credentials {
                api,
                token,
                expires_at: None,
                origin: Origin::EnvToken,
            });
        }
        if let Some(creds) = env_client_credentials(ctx).await? {
            return Ok(creds);
        }
    }
    let Some(profile) = config.profiles.get(&name).cloned() else {
        return Err(Error::not_logged_in(&name));
    };
    let api = parse_base_url(&profile.api_url, &format!("api_url of profile '{name}'"))?;
    let store =
        CredentialStore::for_profile(profile.storage, ctx.config.dir(), &name, &profile.api_url);
    let cred = store.load()?.ok_or_else(|| Error::not_logged_in(&name))?;
    let cred = if is_fresh(&cred, unix_now()) {
        cred
    } else {
        renew(ctx, &name, &profile, &store).await?
    };
    let token = cred
        .access_token
        .clone()
        .ok_or_else(|| Error::not_logged_in(&name))?;
    Ok(Credentials {
        api,
        token,
        expires_at: cred.expires_at,
        origin: Origin::Profile {
            name,
            profile: Box::new(profile),
            store,
            credential: Box::new(cred),
        },
    })
}

/// `SVCACCT_CLIENT_ID` + `SVCACCT_CLIENT_SECRET` (+ `SVCACCT_API_URL`): mint a token, store
/// nothing. A client id without its secret is an error, not a reason to fall back to a stored
/// profile (that would act as someone else).
async fn env_client_credentials(ctx: &Context) -> Result<Option<Credentials>> {
    let client_id = std::env::var("SVCACCT_CLIENT_ID")
        .ok()
        .filter(|v| !v.trim().is_empty());
    let secret = env_secret("SVCACCT_CLIENT_SECRET");
    if let (Some(id), None) = (&client_id, &secret) {
        // No secret: a federated assertion from the CI system, if it offers one.
        if let Some(source) = AssertionSource::from_env() {
            return federated(ctx, id, source).await.map(Some);
        }
        return Err(Error::usage(format!(
            "SVCACCT_CLIENT_ID is set ({id}) but SVCACCT_CLIENT_SECRET is not, and there is no assertion to use instead"
        ))
        .with_hint(
            "set SVCACCT_CLIENT_SECRET, or SVCACCT_CLIENT_ASSERTION_FILE (GitLab, Kubernetes), or run in GitHub Actions with `permissions: id-token: write`; or unset SVCACCT_CLIENT_ID, or pass --profile NAME",
        ));
    }
    if let (Some(client_id), Some(secret)) = (client_id, secret) {
        let api = ctx.api_url(None)?;
        let preset = crate::context::env_provider()?.unwrap_or(crate::provider::Provider::Svcacct);
        let fixed = preset.fixed_endpoints(&api).map(|e| e.token_endpoint);
        let overrides = EndpointOverrides {
            token_url: std::env::var("SVCACCT_TOKEN_URL").ok().or(fixed),
            ..Default::default()
        };
        let discovered = oauth::discover(ctx.http()?, &api, &overrides, false).await?;
        // Procore documents the client's id and secret in the form body.
        let asked = (preset == crate::provider::Provider::Procore)
            .then_some(ClientAuthMethod::ClientSecretPost);
        let method = oauth::choose_auth_method(&discovered.auth_methods, asked);
        let who = ClientIdentity {
            client_id: &client_id,
            secret: Some(&secret),
            method,
        };
        let cred = oauth::client_credentials(ctx.http()?, &discovered.endpoints, &who).await?;
        let expires_at = cred.expires_at;
        let token = cred
            .access_token
            .expect("a token response has an access token");
        return Ok(Some(Credentials {
            api,
            token,
            expires_at,
            origin: Origin::EnvClientCredentials { client_id },
        }));
    }
    Ok(None)
}

/// Where a federated service account's assertion comes from (SPEC: never argv).
enum AssertionSource {
    /// GitHub Actions' OpenID token service (`ACTIONS_ID_TOKEN_REQUEST_URL` + `_TOKEN`).
    GitHubActions { url: String, token: Secret },
    /// A file the CI system keeps fresh (GitLab ID tokens, Kubernetes projected tokens): read
    /// again on every mint, since it rotates.
    File(std::path::PathBuf),
}

impl AssertionSource {
    fn from_env() -> Option<Self> {
        let url = std::env::var("ACTIONS_ID_TOKEN_REQUEST_URL")
            .ok()
            .filter(|v| !v.trim().is_empty());
        if let (Some(url), Some(token)) = (url, env_secret("ACTIONS_ID_TOKEN_REQUEST_TOKEN")) {
            return Some(AssertionSource::GitHubActions { url, token });
        }
        std::env::var_os("SVCACCT_CLIENT_ASSERTION_FILE")
            .filter(|v| !v.is_empty())
            .map(|p| AssertionSource::File(p.into()))
    }

    fn describe(&self) -> &'static str {
        match self {
            AssertionSource::GitHubActions { .. } => "GitHub Actions' OpenID token",
            AssertionSource::File(_) => "the assertion in SVCACCT_CLIENT_ASSERTION_FILE",
        }
    }

    /// A fresh assertion for `audience`.
    async fn fetch(&self, ctx: &Context, audience: &str) -> Result<Secret> {
        match self {
            AssertionSource::File(path) => crate::secret::from_file(path, "client assertion"),
            AssertionSource::GitHubActions { url, token } => {
                let mut target = Url::parse(url).map_err(|e| {
                    Error::config(format!("ACTIONS_ID_TOKEN_REQUEST_URL is not a URL: {e}"))
                })?;
                target.query_pairs_mut().append_pair("audience", audience);
                let mut req =
                    crate::api::client::Request::new(reqwest::Method::GET, target).bearer(token);
                req.headers.insert(
                    reqwest::header::ACCEPT,
                    reqwest::header::HeaderValue::from_static("application/json"),
                );
                let resp = ctx.http()?.send(req).await?;
                #[derive(serde::Deserialize)]
                struct IdToken {
                    value: String,
                }
                if !resp.status.is_success() {
                    return Err(Error::auth(format!(
                        "GitHub Actions refused an OpenID token (HTTP {})",
                        resp.status.as_u16()
                    ))
                    .with_hint("give the job `permissions: id-token: write`"));
                }
                serde_json::from_slice::<IdToken>(&resp.body)
                    .map(|t| Secret::new(t.value))
                    .map_err(|_| Error::network("GitHub Actions' OpenID token answer has no value"))
            }
        }
    }
}

/// Mint with a federated assertion (RFC 7523), caching the token like a stored profile's:
/// in the keychain, under an entry for this client and API, renewed under the same lock.
async fn federated(ctx: &Context, client_id: &str, source: AssertionSource) -> Result<Credentials> {
    let api = ctx.api_url(None)?;
    let audience = std::env::var("SVCACCT_AUDIENCE")
        .ok()
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| api.as_str().trim_end_matches('/').to_string());
    // The assertion first, every time (files rotate): the cache is keyed by who it names —
    // issuer, subject and every other claim but the timing ones — so a job whose assertion
    // differs (another branch, environment or run) never gets a token another one minted.
    let assertion = source.fetch(ctx, &audience).await.map_err(|mut e| {
        e.message = format!("cannot get {}: {}", source.describe(), e.message);
        e
    })?;
    let cache_name = {
        use sha2::{Digest, Sha256};
        let identity = assertion_identity(&assertion);
        let digest =
            Sha256::digest(format!("{client_id}\n{api}\n{audience}\n{identity}").as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("federated-{hex}")
    };
    let store = CredentialStore::for_profile(
        crate::config::StorageKind::Keyring,
        ctx.config.dir(),
        &cache_name,
        api.as_str(),
    );
    let origin = || Origin::EnvClientCredentials {
        client_id: client_id.to_string(),
    };
    // A keychain that cannot be reached (a CI runner without one) only costs the cache.
    let cached = || {
        store
            .load()
            .ok()
            .flatten()
            .filter(|c| is_fresh(c, unix_now()))
            .and_then(|c| Some((c.access_token.clone()?, c.expires_at)))
    };
    // Looked at before the lock and again after it: another process may have minted meanwhile.
    let mut lock = None;
    for _ in 0..2 {
        if let Some((token, expires_at)) = cached() {
            return Ok(Credentials {
                api,
                token,
                expires_at,
                origin: origin(),
            });
        }
        if lock.is_none() {
            lock = Some(ProfileLock::acquire(ctx, &cache_name).await?);
        }
    }
    let preset = crate::context::env_provider()?.unwrap_or(crate::provider::Provider::Svcacct);
    let overrides = EndpointOverrides {
        token_url: std::env::var("SVCACCT_TOKEN_URL")
            .ok()
            .or(preset.fixed_endpoints(&api).map(|e| e.token_endpoint)),
        ..Default::default()
    };
    let discovered = oauth::discover(ctx.http()?, &api, &overrides, false).await?;
    let cred = oauth::client_credentials_with_assertion(
        ctx.http()?,
        &discovered.endpoints,
        client_id,
        &assertion,
    )
    .await?;
    if let Err(e) = store.save(&cred)
        && ctx.global.verbose > 0
    {
        ctx.out
            .status(&format!("* the token is not cached: {}", e.message));
    }
    Ok(Credentials {
        api,
        token: cred
            .access_token
            .clone()
            .expect("a token response has a token"),
        expires_at: cred.expires_at,
        origin: origin(),
    })
}

/// The claims of an assertion that say who it is for (all but `exp`, `iat`, `nbf` and `jti`),
/// as canonical JSON; the whole text when it is not a readable JWT.
fn assertion_identity(assertion: &Secret) -> String {
    use base64::Engine;
    let claims = assertion
        .expose()
        .split('.')
        .nth(1)
        .and_then(|p| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p.trim_end_matches('='))
                .ok()
        })
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    match claims {
        Some(serde_json::Value::Object(mut map)) => {
            for timing in ["exp", "iat", "nbf", "jti"] {
                map.remove(timing);
            }
            // serde_json's map is ordered by key: the same claims give the same text.
            serde_json::Value::Object(map).to_string()
        }
        _ => assertion.expose().to_string(),
    }
}

/// Refresh (authorization code) or re-mint (client credentials) under the profile's lock, after
/// re-reading the store: another process may have renewed it while we waited.
async fn renew(
    ctx: &Context,
    name: &str,
    profile: &Profile,
    store: &CredentialStore,
) -> Result<StoredCredential> {
    let _lock = ProfileLock::acquire(ctx, name).await?;
    let cred = store.load()?.ok_or_else(|| Error::not_logged_in(name))?;
    if is_fresh(&cred, unix_now()) {
        return Ok(cred);
    }
    let endpoints = profile.endpoints.clone().ok_or_else(|| {
        Error::config(format!("profile '{name}' has no token endpoint recorded"))
            .with_hint("run `svcacct login` again")
    })?;
    let client_id = profile.client_id.clone().unwrap_or_default();
    let method = profile
        .client_auth_method
        .unwrap_or(ClientAuthMethod::ClientSecretBasic);
    let renewed = match profile.auth {
        AuthKind::PersonalAccessToken => return Ok(cred),
        AuthKind::AuthorizationCode => {
            let refresh = cred.refresh_token.as_ref().ok_or_else(|| {
                Error::auth(format!(
                    "the access token of profile '{name}' expired and there is no refresh token"
                ))
                .with_hint("run `svcacct login` again")
            })?;
            let who = ClientIdentity {
                client_id: &client_id,
                secret: cred.client_secret.as_ref(),
                method,
            };
            oauth::refresh(ctx.http()?, &endpoints, &who, refresh)
                .await
                .map_err(|e| {
                    if e.kind == crate::error::ErrorKind::Auth {
                        Error::auth(format!(
                            "the session of profile '{name}' has expired or was revoked ({})",
                            e.message
                        ))
                        .with_hint("run `svcacct login` again")
                    } else {
                        e
                    }
                })?
        }
        AuthKind::ClientCredentials => {
            let secret = cred.client_secret.as_ref().ok_or_else(|| {
                Error::config(format!("profile '{name}' has no client secret stored"))
                    .with_hint("run `svcacct login --client-credentials` again")
            })?;
            let who = ClientIdentity {
                client_id: &client_id,
                secret: Some(secret),
                method,
            };
            oauth::client_credentials(ctx.http()?, &endpoints, &who).await?
        }
    };
    store.save(&renewed)?;
    Ok(renewed)
}

/// Revoke a profile's stored tokens at the server (RFC 7009), the refresh token first (that
/// revokes its whole grant). `Ok(false)` when there was nothing the server could revoke.
pub async fn revoke_stored(
    ctx: &Context,
    profile: &Profile,
    cred: &StoredCredential,
) -> Result<bool> {
    let Some(endpoints) = &profile.endpoints else {
        return Ok(false);
    };
    let client_id = profile.client_id.clone().unwrap_or_default();
    let method = profile
        .client_auth_method
        .unwrap_or(ClientAuthMethod::ClientSecretBasic);
    let who = ClientIdentity {
        client_id: &client_id,
        secret: cred.client_secret.as_ref(),
        method,
    };
    let mut revoked = false;
    let tokens = [
        (&cred.refresh_token, TokenHint::RefreshToken),
        (&cred.access_token, TokenHint::AccessToken),
    ];
    for (token, hint) in tokens {
        if let Some(token) = token {
            revoked |= oauth::revoke(ctx.http()?, endpoints, &who, token, hint).await?;
        }
    }
    Ok(revoked)
}

/// An exclusive lock file per profile, so that only one process renews a token at a time.
pub struct ProfileLock {
    _file: std::fs::File,
}

impl ProfileLock {
    pub async fn acquire(ctx: &Context, profile: &str) -> Result<Self> {
        Self::named(ctx.config.dir(), &format!("{profile}.lock")).await
    }

    /// `NAME` in the config dir's `locks/` (0700), created 0600 and never through a symlink;
    /// waits at most 30 s for another process to let go.
    pub async fn named(config_dir: &std::path::Path, name: &str) -> Result<Self> {
        let dir = config_dir.join("locks");
        crate::config::private_dir(config_dir)?;
        crate::config::private_dir(&dir)?;
        let path = dir.join(name);
        let mut opts = OpenOptions::new();
        opts.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let file = opts
            .open(&path)
            .map_err(|e| Error::config(format!("cannot open lock file {}: {e}", path.display())))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(ProfileLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::config(format!(
                        "another svcacct process has held {} for {} s",
                        path.display(),
                        LOCK_WAIT.as_secs()
                    ))
                    .with_hint("wait for it to finish, or end it"));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(Error::config(format!(
                        "cannot lock {}: {e}",
                        path.display()
                    )));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cred(issued: i64, expires: Option<i64>) -> StoredCredential {
        StoredCredential {
            access_token: Some(Secret::new("t")),
            issued_at: Some(issued),
            expires_at: expires,
            ..Default::default()
        }
    }

    #[test]
    fn freshness_margin() {
        assert!(is_fresh(&cred(0, Some(3600)), 3539));
        assert!(!is_fresh(&cred(0, Some(3600)), 3541));
        // Short-lived tokens are renewed at half their lifetime, not always.
        assert!(is_fresh(&cred(0, Some(30)), 10));
        assert!(!is_fresh(&cred(0, Some(30)), 16));
        assert!(
            is_fresh(&cred(0, None), 1_000_000),
            "no expiry given: used until rejected"
        );
        assert!(!is_fresh(&StoredCredential::default(), 0));
    }
}
