//! Getting a valid access token: `SVCACCT_TOKEN`, environment client credentials, or a stored
//! profile (cached token, else refresh or re-mint under a cross-process lock).

use url::Url;

use super::store::{CredentialStore, StoredCredential};
use crate::api::Api;
use crate::config::{AuthKind, ClientAuthMethod, Profile};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::fsx::FileLock;
use crate::http::client::Auth;
use crate::http::client::parse_base_url;
use crate::oauth::{self, ClientIdentity, EndpointOverrides, TokenHint};
use crate::providers::Provider;
use crate::providers::env_provider;
use crate::secret::Secret;

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
    crate::settings::nonempty(name).map(|v| Secret::new(v.to_string()))
}

/// Where the credentials come from, decided from the environment and the config alone —
/// no request, no keychain read — so that a caller can look before it acts (git's helper
/// compares hosts first; `--refresh` and `erase` drop the right cache).
pub enum Source {
    /// `SVCACCT_TOKEN`.
    EnvToken { api: Url, token: Secret },
    /// `SVCACCT_CLIENT_ID` + `SVCACCT_CLIENT_SECRET`: minted, cached by API, id and secret.
    EnvClient {
        api: Url,
        client_id: String,
        secret: Secret,
    },
    /// `SVCACCT_CLIENT_ID` + a federated assertion (RFC 7523) from the CI system.
    Federated {
        api: Url,
        client_id: String,
        assertion: AssertionSource,
    },
    /// A stored profile.
    Profile { name: String, profile: Box<Profile> },
}

impl Source {
    /// The first source that has credentials (SPEC "Secrets"; the order of gh, the AWS and
    /// Azure SDKs): `SVCACCT_TOKEN`, then environment client credentials (or a federated
    /// assertion), then the stored profile. An explicit `--profile` (or `SVCACCT_PROFILE`)
    /// selects the stored profile and skips the environment, so asking for one principal never
    /// yields another.
    pub fn resolve(ctx: &Context) -> Result<Source> {
        let config = ctx.config.load()?;
        let name = ctx.profile_name(&config);
        if !ctx.profile_is_explicit() {
            if let Some(token) = env_secret("SVCACCT_TOKEN") {
                // The token goes only where the environment says: never to a stored profile's
                // API, which may be another deployment.
                let api = ctx.api_url(None).map_err(|e| {
                    e.with_hint("SVCACCT_TOKEN needs SVCACCT_API_URL (or --api) naming its API")
                })?;
                return Ok(Source::EnvToken { api, token });
            }
            let client_id = crate::settings::var("SVCACCT_CLIENT_ID")
                .filter(|v| !v.trim().is_empty())
                .map(str::to_string);
            let secret = env_secret("SVCACCT_CLIENT_SECRET");
            match (client_id, secret) {
                (Some(client_id), Some(secret)) => {
                    return Ok(Source::EnvClient {
                        api: ctx.api_url(None)?,
                        client_id,
                        secret,
                    });
                }
                // A client id without its secret is an error, not a reason to fall back to a
                // stored profile (that would act as someone else) — unless the CI system
                // offers a federated assertion instead.
                (Some(client_id), None) => {
                    let Some(assertion) = AssertionSource::from_env() else {
                        return Err(Error::usage(format!(
                            "SVCACCT_CLIENT_ID is set ({client_id}) but SVCACCT_CLIENT_SECRET is not, and there is no assertion to use instead"
                        ))
                        .with_hint(
                            "set SVCACCT_CLIENT_SECRET, or SVCACCT_CLIENT_ASSERTION_FILE (GitLab, Kubernetes), or run in GitHub Actions with `permissions: id-token: write`; or unset SVCACCT_CLIENT_ID, or pass --profile NAME",
                        ));
                    };
                    return Ok(Source::Federated {
                        api: ctx.api_url(None)?,
                        client_id,
                        assertion,
                    });
                }
                (None, _) => {}
            }
        }
        let Some(profile) = config.profiles.get(&name).cloned() else {
            return Err(Error::not_logged_in(&name));
        };
        Ok(Source::Profile {
            name,
            profile: Box::new(profile),
        })
    }

    /// The API these credentials are for.
    pub fn api(&self) -> Result<Url> {
        match self {
            Source::EnvToken { api, .. }
            | Source::EnvClient { api, .. }
            | Source::Federated { api, .. } => Ok(api.clone()),
            Source::Profile { name, profile } => {
                parse_base_url(&profile.api_url, &format!("api_url of profile '{name}'"))
            }
        }
    }
}

/// Whether a token is renewed even when the cached one looks fresh (`svcacct token
/// --refresh`, git's `erase`: the server revoked it, and only a new one helps).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Renewal {
    WhenDue,
    Now,
}

/// A valid access token from the first source that has one (see [`Source::resolve`]).
pub async fn current(ctx: &Context) -> Result<Credentials> {
    obtain(ctx, Source::resolve(ctx)?, Renewal::WhenDue).await
}

/// A valid access token from `source`: the cached one while fresh (unless `renewal` is
/// [`Renewal::Now`]), else a new one, minted or refreshed under a cross-process lock.
pub async fn obtain(ctx: &Context, source: Source, renewal: Renewal) -> Result<Credentials> {
    match source {
        Source::EnvToken { api, token } => Ok(Credentials {
            api,
            token,
            expires_at: None,
            origin: Origin::EnvToken,
        }),
        Source::EnvClient {
            api,
            client_id,
            secret,
        } => env_client_credentials(ctx, api, client_id, secret, renewal).await,
        Source::Federated {
            api,
            client_id,
            assertion,
        } => federated(ctx, api, &client_id, assertion, renewal).await,
        Source::Profile { name, profile } => {
            let api = parse_base_url(&profile.api_url, &format!("api_url of profile '{name}'"))?;
            let store = super::profiles::store_of(ctx, &name, &profile);
            // The fast tier first: a fresh access token there needs no keychain round trip.
            let fast = (renewal == Renewal::WhenDue)
                .then(|| store.fast_access_token())
                .flatten()
                .filter(|c| is_fresh(c, crate::clock::now()));
            let cred = match fast {
                Some(cred) => cred,
                None => {
                    let cred = store.load()?.ok_or_else(|| Error::not_logged_in(&name))?;
                    if renewal == Renewal::WhenDue && is_fresh(&cred, crate::clock::now()) {
                        cred
                    } else {
                        renew(ctx, &name, &profile, &store, renewal).await?
                    }
                }
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
                    profile,
                    store,
                    credential: Box::new(cred),
                },
            })
        }
    }
}

/// Drop the cached access token of `source` (git's `erase`: the server no longer takes it);
/// what renews it — the refresh token, the client secret — stays. `Ok(false)` when there was
/// nothing to drop (`SVCACCT_TOKEN` cannot be dropped).
///
/// `refused` is the token the server refused, where the caller knows it: only that token is
/// dropped — another process may have renewed it meanwhile, and its new token stays.
pub async fn forget_access_token(
    ctx: &Context,
    source: &Source,
    refused: Option<&str>,
) -> Result<bool> {
    let is_refused = |cred: &StoredCredential| match (refused, &cred.access_token) {
        (Some(r), Some(t)) => r == t.expose(),
        (None, Some(_)) => true,
        (_, None) => false,
    };
    let drop_cached = |cache: CredentialStore| -> Result<bool> {
        match cache.load() {
            Ok(Some(cred)) if is_refused(&cred) => cache.delete(),
            Ok(_) => Ok(false),
            // An unreadable cache is dropped whole.
            Err(_) => cache.delete(),
        }
    };
    match source {
        Source::EnvToken { .. } => Ok(false),
        Source::EnvClient {
            api,
            client_id,
            secret,
        } => drop_cached(env_cache(ctx, api, client_id, secret)),
        Source::Federated {
            api,
            client_id,
            assertion,
        } => {
            let (cache, _, _) = federated_cache(ctx, api, client_id, assertion).await?;
            drop_cached(cache)
        }
        Source::Profile { name, profile } => {
            let store = super::profiles::store_of(ctx, name, profile);
            let _lock = profile_lock(ctx, name).await?;
            match store.load()? {
                Some(mut cred) if is_refused(&cred) => {
                    // A PAT is the credential itself, and an access token without a refresh
                    // token has nothing to renew it: dropping either would only sign out.
                    let renewable = match profile.auth {
                        AuthKind::PersonalAccessToken => false,
                        AuthKind::AuthorizationCode | AuthKind::DeviceCode => {
                            cred.refresh_token.is_some()
                        }
                        AuthKind::ClientCredentials => cred.client_secret.is_some(),
                    };
                    if !renewable {
                        return Ok(false);
                    }
                    cred.access_token = None;
                    store.save(&cred)?;
                    Ok(true)
                }
                _ => Ok(false),
            }
        }
    }
}

/// What picks the token endpoint besides the API (`SVCACCT_TOKEN_URL`, `SVCACCT_PROVIDER`):
/// part of every cache key, so two tenants of one IdP never share a cached token.
fn token_endpoint_choice() -> String {
    let var = |n: &str| crate::settings::var(n).unwrap_or_default();
    format!(
        "token_url={}\nprovider={}",
        var("SVCACCT_TOKEN_URL").trim(),
        var("SVCACCT_PROVIDER").trim().to_ascii_lowercase()
    )
}

/// The cache entry of environment client credentials: keyed by the API, the client id, the
/// token endpoint's choice and a hash of the secret, so another secret (a rotation) never gets
/// the old secret's token.
fn env_cache(ctx: &Context, api: &Url, client_id: &str, secret: &Secret) -> CredentialStore {
    use sha2::{Digest, Sha256};
    let secret_hash = Sha256::digest(secret.expose().as_bytes());
    let mut hasher = Sha256::new();
    hasher.update(format!("{api}\n{client_id}\n{}\n", token_endpoint_choice()).as_bytes());
    hasher.update(secret_hash);
    let hex: String = hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    CredentialStore::token_cache(ctx.config.dir(), &format!("env-{hex}"), api.as_str())
}

/// A token from `cache` while fresh, else one from `mint`, saved for the next process. The
/// cache is read before the lock and again after it: another process may have minted while
/// this one waited, so N parallel processes make one request. A cache that cannot be written
/// costs only the cache (one warning).
async fn cached_or_mint(
    ctx: &Context,
    cache: &CredentialStore,
    renewal: Renewal,
    mint: impl AsyncFnOnce() -> Result<StoredCredential>,
) -> Result<StoredCredential> {
    // The lock sits beside the cache, not in the config dir: environment credentials leave
    // no state where a profile's config lives (a CI job's config dir stays empty).
    let (lock_dir, lock_name) = match cache {
        CredentialStore::TokenCache { file, .. } => (
            file.parent().map(std::path::Path::to_path_buf),
            format!(
                "{}.lock",
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
        ),
        _ => (None, String::new()),
    };
    // One warning at most: the same cause would be said three times.
    let warned = std::cell::Cell::new(false);
    let warn = |what: &str, e: Error| {
        if !warned.replace(true) {
            ctx.out.warn(&format!("{what}: {e}"));
        }
    };
    let cached = || -> Option<StoredCredential> {
        match cache.load() {
            Ok(Some(c)) if is_fresh(&c, crate::clock::now()) => Some(c),
            Ok(_) => None,
            Err(e) => {
                warn("the token cache is not used", e);
                None
            }
        }
    };
    if renewal == Renewal::WhenDue
        && let Some(c) = cached()
    {
        return Ok(c);
    }
    // Without the lock (a read-only config directory, as in a locked-down pod) processes may
    // mint side by side: that costs requests, not the command.
    let locked = match &lock_dir {
        Some(dir) => FileLock::in_dir(dir, &lock_name).await,
        None => profile_lock(ctx, &lock_name).await,
    };
    let _lock = match locked {
        Ok(lock) => Some(lock),
        Err(e) => {
            warn("minting without the cross-process lock", e);
            None
        }
    };
    if renewal == Renewal::WhenDue
        && let Some(c) = cached()
    {
        return Ok(c);
    }
    let cred = mint().await?;
    if let Err(e) = cache.save(&cred) {
        warn(
            "the token is not cached, so the next command mints another",
            e,
        );
    }
    Ok(cred)
}

/// The token endpoint for environment credentials: `SVCACCT_TOKEN_URL`, else the preset's
/// (`SVCACCT_PROVIDER`), else discovery at the API.
async fn env_token_endpoint(
    ctx: &Context,
    api: &Url,
) -> Result<(crate::providers::Provider, oauth::Discovered)> {
    let preset = crate::providers::env_provider()?.unwrap_or_default();
    let overrides = EndpointOverrides {
        token_url: crate::settings::var("SVCACCT_TOKEN_URL")
            .map(str::to_string)
            .or(preset.fixed_endpoints(api).map(|e| e.token_endpoint)),
        ..Default::default()
    };
    let discovered = oauth::discover(ctx.http()?, api, &overrides, false).await?;
    Ok((preset, discovered))
}

/// `SVCACCT_CLIENT_ID` + `SVCACCT_CLIENT_SECRET` (+ `SVCACCT_API_URL`): a token minted with the
/// client credentials grant, cached (never the secret) until it is due for renewal.
async fn env_client_credentials(
    ctx: &Context,
    api: Url,
    client_id: String,
    secret: Secret,
    renewal: Renewal,
) -> Result<Credentials> {
    let cache = env_cache(ctx, &api, &client_id, &secret);
    let cred = cached_or_mint(ctx, &cache, renewal, async || {
        let (preset, discovered) = env_token_endpoint(ctx, &api).await?;
        let asked = preset.client_auth();
        let method = oauth::choose_auth_method(&discovered.auth_methods, asked);
        let who = ClientIdentity {
            client_id: &client_id,
            secret: Some(&secret),
            method,
        };
        oauth::client_credentials(ctx.http()?, &discovered.endpoints, &who).await
    })
    .await?;
    Ok(Credentials {
        api,
        token: cred
            .access_token
            .clone()
            .expect("a token response has an access token"),
        expires_at: cred.expires_at,
        origin: Origin::EnvClientCredentials { client_id },
    })
}

/// Where a federated service account's assertion comes from (SPEC: never argv).
pub enum AssertionSource {
    /// GitHub Actions' OpenID token service (`ACTIONS_ID_TOKEN_REQUEST_URL` + `_TOKEN`).
    GitHubActions { url: String, token: Secret },
    /// A file the CI system keeps fresh (GitLab ID tokens, Kubernetes projected tokens): read
    /// again on every mint, since it rotates.
    File(std::path::PathBuf),
}

impl AssertionSource {
    fn from_env() -> Option<Self> {
        let url = crate::settings::var("ACTIONS_ID_TOKEN_REQUEST_URL")
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string);
        if let (Some(url), Some(token)) = (url, env_secret("ACTIONS_ID_TOKEN_REQUEST_TOKEN")) {
            return Some(AssertionSource::GitHubActions { url, token });
        }
        crate::settings::var_os("SVCACCT_CLIENT_ASSERTION_FILE")
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
                    crate::http::client::Request::new(reqwest::Method::GET, target).bearer(token);
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

/// The cache entry of a federated job, with the audience and a fresh assertion: keyed by who
/// the assertion names — issuer, subject and every other claim but the timing ones — so a job
/// whose assertion differs (another branch, environment or run) never gets a token another
/// one minted. The assertion is fetched every time (files rotate).
async fn federated_cache(
    ctx: &Context,
    api: &Url,
    client_id: &str,
    source: &AssertionSource,
) -> Result<(CredentialStore, String, Secret)> {
    let audience = crate::settings::var("SVCACCT_AUDIENCE")
        .filter(|a| !a.trim().is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| api.as_str().trim_end_matches('/').to_string());
    let assertion = source.fetch(ctx, &audience).await.map_err(|mut e| {
        e.message = format!("cannot get {}: {}", source.describe(), e.message);
        e
    })?;
    let cache_name = {
        use sha2::{Digest, Sha256};
        let identity = assertion_identity(&assertion);
        let digest = Sha256::digest(
            format!(
                "{client_id}\n{api}\n{audience}\n{}\n{identity}",
                token_endpoint_choice()
            )
            .as_bytes(),
        );
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("federated-{hex}")
    };
    let cache = CredentialStore::token_cache(ctx.config.dir(), &cache_name, api.as_str());
    Ok((cache, audience, assertion))
}

/// Mint with a federated assertion (RFC 7523), cached like environment client credentials
/// and shared by concurrent processes under one lock (each assertion is accepted once).
async fn federated(
    ctx: &Context,
    api: Url,
    client_id: &str,
    source: AssertionSource,
    renewal: Renewal,
) -> Result<Credentials> {
    let (cache, _audience, assertion) = federated_cache(ctx, &api, client_id, &source).await?;
    let cred = cached_or_mint(ctx, &cache, renewal, async || {
        let (_, discovered) = env_token_endpoint(ctx, &api).await?;
        oauth::client_credentials_with_assertion(
            ctx.http()?,
            &discovered.endpoints,
            client_id,
            &assertion,
        )
        .await
    })
    .await?;
    Ok(Credentials {
        api,
        token: cred
            .access_token
            .clone()
            .expect("a token response has a token"),
        expires_at: cred.expires_at,
        origin: Origin::EnvClientCredentials {
            client_id: client_id.to_string(),
        },
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
    renewal: Renewal,
) -> Result<StoredCredential> {
    let _lock = profile_lock(ctx, name).await?;
    let cred = store.load()?.ok_or_else(|| Error::not_logged_in(name))?;
    if renewal == Renewal::WhenDue && is_fresh(&cred, crate::clock::now()) {
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
        AuthKind::AuthorizationCode | AuthKind::DeviceCode => {
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

/// The lock of `profile`'s credentials (`locks/PROFILE.lock` in the config dir).
pub async fn profile_lock(ctx: &Context, profile: &str) -> Result<FileLock> {
    FileLock::named(ctx.config.dir(), &format!("{profile}.lock")).await
}

/// How a token is sent to `preset`'s API, with the company header where the platform has one.
pub fn auth_for(
    preset: Provider,
    token: crate::secret::Secret,
    company: Option<i64>,
) -> Result<Auth> {
    if let crate::providers::TokenPlacement::Header(name) = preset.token_placement()
        && reqwest::header::HeaderValue::from_str(token.expose()).is_err()
    {
        return Err(Error::usage(format!(
            "the token has characters that cannot be sent in the {name} header"
        ))
        .with_hint("check the token: it should be one line of printable characters"));
    }
    let mut auth = Auth::bearer(token);
    auth.placement = preset.token_placement();
    if let (Some(header), Some(company)) = (preset.company_header(), company) {
        let value = reqwest::header::HeaderValue::from_str(&company.to_string())
            .map_err(|e| Error::internal(e.to_string()))?;
        auth.headers.insert(header, value);
    }
    Ok(auth)
}

/// An authenticated API and the credentials behind it.
pub struct Session<'a> {
    pub api: Api<'a>,
    pub creds: Credentials,
}

impl Context {
    /// A valid token (renewed if needed) and the API to use it with.
    pub async fn session(&self) -> Result<Session<'_>> {
        let creds = current(self).await?;
        let (preset, company, profile_name) = match &creds.origin {
            Origin::Profile { name, profile, .. } => (
                profile.provider(),
                self.settings.company.or(profile.company_id),
                Some(name.clone()),
            ),
            _ => (
                env_provider()?.unwrap_or_default(),
                self.settings.company,
                None,
            ),
        };
        let auth = auth_for(preset, creds.token.clone(), company)?;
        // Environment credentials share one budget per config dir.
        self.pace_as(preset, profile_name.as_deref().unwrap_or("environment"))?;
        let api = Api::with_auth(self.http()?, creds.api.clone(), auth);
        Ok(Session { api, creds })
    }

    /// `--company` / `SVCACCT_COMPANY_ID`, else the profile's, else the caller's own (`/me`).
    pub async fn company_id(&self, session: &Session<'_>) -> Result<i64> {
        if let Some(id) = self.settings.company {
            return Ok(id);
        }
        if let Origin::Profile { profile, .. } = &session.creds.origin {
            if let Some(id) = profile.company_id {
                return Ok(id);
            }
            if !profile.provider().has_admin_api() {
                return Err(Error::usage(format!(
                    "{} calls need the company to act on",
                    profile.provider().name()
                ))
                .with_hint("pass --company ID (or set SVCACCT_COMPANY_ID), or sign in again with --company ID to keep it in the profile"));
            }
        }
        Ok(session.api.me().await?.company_id)
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
