//! Federated service accounts: an account may trust identities from outside (a CI system's
//! OpenID tokens — GitHub Actions, GitLab, Kubernetes), and then the token endpoint accepts the
//! client-credentials grant with an RFC 7523 client assertion instead of a secret.
//!
//! The assertion is checked against the issuer's keys, found through its OpenID discovery
//! document (`{issuer}/.well-known/openid-configuration` → `jwks_uri`), cached five minutes and
//! fetched again for an unknown `kid` (at most once a minute per issuer). Checks: a trusted
//! issuer (https on a public address; plain http on loopback only with
//! `--allow-loopback-issuers`), an asymmetric algorithm, the signature, `iss`, `aud`,
//! `exp`/`nbf` (30 s leeway, at most a day ahead), `sub` and the claim matchers; a replayed
//! `jti` (or, without one, the same signed content) is refused. Every refusal is
//! `invalid_client` naming the check that failed — never the token, and at the public token
//! endpoint never the values a federation expects (the admin-only test endpoint says those).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

use crate::crypto::sha256_hex;
use crate::state::Shared;
use crate::store::federations::{self as store, Federation};

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const LEEWAY: u64 = 30;
const KEYS_TTL: Duration = Duration::from_secs(300);
const MAX_DOCUMENT: usize = 256 * 1024;
const MAX_ASSERTION: usize = 16 * 1024;
/// An assertion valid for longer than this is refused (its replay record must outlive it).
const MAX_LIFETIME: i64 = 86_400;
/// A forced key refresh (an unknown `kid`) at most this often per issuer.
const REFRESH_EVERY: Duration = Duration::from_secs(60);

/// What a verified assertion grants: the account's user and the federation that matched.
pub struct Verified {
    pub company_id: i64,
    pub user_id: i64,
    pub federation_id: i64,
    pub issuer: String,
    /// The replay key (the `jti`, else the signed content's hash) and when it may be forgotten.
    pub replay_key: String,
    pub expires_at: i64,
}

/// Why an assertion is refused: what the public token endpoint says (the check), and what the
/// admin's test endpoint says (the check and the values expected).
pub struct Refusal {
    pub public: String,
    pub detail: String,
}

impl From<String> for Refusal {
    fn from(reason: String) -> Self {
        Refusal {
            public: reason.clone(),
            detail: reason,
        }
    }
}

impl From<&str> for Refusal {
    fn from(reason: &str) -> Self {
        reason.to_string().into()
    }
}

fn refusal(public: impl Into<String>, detail: impl Into<String>) -> Refusal {
    Refusal {
        public: public.into(),
        detail: detail.into(),
    }
}

fn is_loopback_host(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// An issuer URL we may fetch keys from: https to a public address, or (with
/// `allow_loopback`) plain http to this machine.
pub fn check_issuer(issuer: &str, allow_loopback: bool) -> Result<url::Url, String> {
    let url =
        url::Url::parse(issuer).map_err(|e| format!("issuer '{issuer}' is not a URL: {e}"))?;
    if !url.username().is_empty()
        || url.password().is_some()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(format!(
            "issuer '{issuer}' must be a plain URL (no credentials, query or fragment)"
        ));
    }
    let loopback = is_loopback_host(&url);
    if loopback && !allow_loopback {
        return Err(format!(
            "issuer '{issuer}' is this server itself (loopback); start the sandbox with --allow-loopback-issuers to trust a local issuer"
        ));
    }
    let literal = match url.host() {
        Some(url::Host::Ipv4(ip)) => Some(std::net::IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => Some(std::net::IpAddr::V6(ip)),
        _ => None,
    };
    if let Some(ip) = literal
        && !crate::webhooks::destination::ip_allowed(ip, allow_loopback)
    {
        return Err(format!(
            "issuer '{issuer}' is a private, link-local or otherwise internal address"
        ));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(format!(
            "issuer '{issuer}' uses plain http: only https issuers are trusted (http on loopback only)"
        )),
        other => Err(format!(
            "issuer '{issuer}' has unsupported scheme '{other}'"
        )),
    }
}

/// Per issuer: when its keys were fetched and the keys, or when a fetch failed and how long
/// to wait before the next try (doubling from 10 s to 5 min: a dead or hostile issuer is not
/// asked again on every token request).
enum Cached {
    Keys(Instant, JwkSet),
    Failed {
        at: Instant,
        wait: Duration,
        why: String,
    },
}

static KEYS: OnceLock<Mutex<HashMap<String, Cached>>> = OnceLock::new();
/// One fetch per issuer at a time: concurrent requests wait for it and share its answer.
static FETCHING: OnceLock<Mutex<HashMap<String, std::sync::Arc<tokio::sync::Mutex<()>>>>> =
    OnceLock::new();
const FIRST_BACKOFF: Duration = Duration::from_secs(10);
const LONGEST_BACKOFF: Duration = Duration::from_secs(300);

/// What the cache can answer for `issuer` without a fetch: keys, or a recent failure.
fn cached(issuer: &str, refresh: bool) -> Option<Result<JwkSet, String>> {
    let cache = KEYS.get_or_init(Default::default);
    match cache.lock().expect("keys cache").get(issuer) {
        Some(Cached::Keys(at, set))
            if at.elapsed() < REFRESH_EVERY || (!refresh && at.elapsed() < KEYS_TTL) =>
        {
            Some(Ok(set.clone()))
        }
        Some(Cached::Failed { at, wait, why }) if at.elapsed() < *wait => Some(Err(why.clone())),
        _ => None,
    }
}

async fn fetch_json(client: &reqwest::Client, url: &str) -> Result<Value, String> {
    let mut resp = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("cannot fetch {url}: {e}"))?;
    if !resp.status().is_success() {
        return Err(format!("{url} answered {}", resp.status().as_u16()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| format!("reading {url}: {e}"))?
    {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_DOCUMENT {
            return Err(format!("{url} is larger than {MAX_DOCUMENT} bytes"));
        }
    }
    serde_json::from_slice(&body).map_err(|e| format!("{url} is not JSON: {e}"))
}

/// The issuer's keys (cached), fetched again when `refresh` — unless they were fetched less
/// than a minute ago (an unknown `kid` must not turn every request into a fetch).
async fn issuer_keys(issuer: &str, refresh: bool, allow_loopback: bool) -> Result<JwkSet, String> {
    if let Some(answer) = cached(issuer, refresh) {
        return answer;
    }
    let gate = FETCHING
        .get_or_init(Default::default)
        .lock()
        .expect("fetch gates")
        .entry(issuer.to_string())
        .or_default()
        .clone();
    let _fetching = gate.lock().await;
    // Another request may have fetched (or failed) while this one waited.
    if let Some(answer) = cached(issuer, refresh) {
        return answer;
    }
    let fetched = fetch_keys(issuer, allow_loopback).await;
    let cache = KEYS.get_or_init(Default::default);
    let mut cache = cache.lock().expect("keys cache");
    let entry = match &fetched {
        Ok(set) => Cached::Keys(Instant::now(), set.clone()),
        Err(why) => {
            let wait = match cache.get(issuer) {
                Some(Cached::Failed { wait, .. }) => (*wait * 2).min(LONGEST_BACKOFF),
                _ => FIRST_BACKOFF,
            };
            Cached::Failed {
                at: Instant::now(),
                wait,
                why: why.clone(),
            }
        }
    };
    // Bounded: issuers come from federations (20 per account), but an old entry never stays.
    if cache.len() >= 10_000 {
        cache.retain(|_, c| match c {
            Cached::Keys(at, _) => at.elapsed() < KEYS_TTL,
            Cached::Failed { at, wait, .. } => at.elapsed() < *wait,
        });
    }
    cache.insert(issuer.to_string(), entry);
    fetched
}

/// Fetch the issuer's discovery document and keys (no cache).
async fn fetch_keys(issuer: &str, allow_loopback: bool) -> Result<JwkSet, String> {
    check_issuer(issuer, allow_loopback)?;
    // Names are resolved by the same guard as webhook deliveries: an issuer or jwks_uri name
    // that points at an internal address is refused after DNS too.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .dns_resolver(std::sync::Arc::new(
            crate::webhooks::destination::GuardedResolver { allow_loopback },
        ))
        .build()
        .map_err(|e| e.to_string())?;
    let discovery = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let meta = fetch_json(&client, &discovery).await?;
    if meta["issuer"].as_str().map(|i| i.trim_end_matches('/'))
        != Some(issuer.trim_end_matches('/'))
    {
        return Err(format!(
            "the discovery document of {issuer} names another issuer"
        ));
    }
    let jwks_uri = meta["jwks_uri"]
        .as_str()
        .ok_or_else(|| format!("the discovery document of {issuer} has no jwks_uri"))?;
    check_issuer(jwks_uri, allow_loopback).map_err(|e| format!("jwks_uri: {e}"))?;
    serde_json::from_value(fetch_json(&client, jwks_uri).await?)
        .map_err(|e| format!("the keys of {issuer} are not a JWK set: {e}"))
}

const ALLOWED: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// The assertion's JOSE header as JSON (for members `decode_header` does not keep: `crit`).
fn raw_header(assertion: &str) -> Option<serde_json::Map<String, Value>> {
    use base64::Engine;
    let header = assertion.split('.').next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The unverified `iss` of an assertion, to choose which federations to try.
fn peek_issuer(assertion: &str) -> Result<String, String> {
    use base64::Engine;
    let payload = assertion
        .split('.')
        .nth(1)
        .ok_or("the assertion is not a JWT (header.payload.signature)")?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| "the assertion's payload is not base64url")?;
    let claims: Value =
        serde_json::from_slice(&bytes).map_err(|_| "the assertion's payload is not JSON")?;
    claims["iss"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "the assertion has no iss claim".to_string())
}

/// The issuer's keys, or a refusal that does not map what the fetch ran into.
async fn keys_or_refusal(
    f: &Federation,
    refresh: bool,
    allow_loopback: bool,
) -> Result<JwkSet, Refusal> {
    issuer_keys(&f.issuer, refresh, allow_loopback)
        .await
        .map_err(|_| {
            format!(
                "the keys of issuer {} could not be fetched (its OpenID discovery document or jwks_uri)",
                f.issuer
            )
            .into()
        })
}

/// Check `assertion` against one federation: the reason it fails, naming the check.
async fn check_one(
    f: &Federation,
    assertion: &str,
    allow_loopback: bool,
) -> Result<Value, Refusal> {
    let header = jsonwebtoken::decode_header(assertion)
        .map_err(|e| Refusal::from(format!("the assertion's header is invalid: {e}")))?;
    // RFC 7515 §4.1.11: a `crit` extension the recipient does not understand makes the JWS
    // invalid — and none is understood here.
    if raw_header(assertion).is_some_and(|h| h.get("crit").is_some()) {
        return Err("the assertion's header has a crit extension, which is not supported".into());
    }
    if !ALLOWED.contains(&header.alg) {
        return Err(format!(
            "algorithm {:?} is not accepted (asymmetric signatures only)",
            header.alg
        )
        .into());
    }
    let mut keys = keys_or_refusal(f, false, allow_loopback).await?;
    let pick = |set: &JwkSet| match &header.kid {
        Some(kid) => set.find(kid).cloned(),
        None => set.keys.first().cloned(),
    };
    let jwk = match pick(&keys) {
        Some(k) => k,
        None => {
            keys = keys_or_refusal(f, true, allow_loopback).await?;
            pick(&keys).ok_or_else(|| {
                Refusal::from(format!(
                    "the issuer {} has no key with the assertion's kid",
                    f.issuer
                ))
            })?
        }
    };
    // A key published for one algorithm verifies that algorithm only (RS256 ≠ PS256).
    if let Some(published) = jwk.common.key_algorithm
        && format!("{published:?}") != format!("{:?}", header.alg)
    {
        return Err(format!(
            "the algorithm {:?} does not match the issuer's key, published for {published:?} (alg)",
            header.alg
        )
        .into());
    }
    let key = DecodingKey::from_jwk(&jwk)
        .map_err(|e| Refusal::from(format!("the issuer's key cannot be used: {e}")))?;
    let mut v = Validation::new(header.alg);
    v.leeway = LEEWAY;
    v.validate_nbf = true;
    v.set_issuer(&[f.issuer.as_str()]);
    v.set_audience(&[f.audience.as_str()]);
    v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    let data = jsonwebtoken::decode::<Value>(assertion, &key, &v).map_err(|e| {
        use jsonwebtoken::errors::ErrorKind as K;
        match e.kind() {
            K::InvalidSignature => format!(
                "the signature does not verify with the keys of {}",
                f.issuer
            )
            .into(),
            K::ExpiredSignature => "the assertion has expired (exp)".into(),
            K::ImmatureSignature => "the assertion is not valid yet (nbf)".into(),
            K::InvalidAudience => refusal(
                "aud does not match the federation",
                format!(
                    "aud does not match: this federation expects '{}'",
                    f.audience
                ),
            ),
            K::InvalidIssuer => "iss does not match the federation".into(),
            K::MissingRequiredClaim(c) => format!("the assertion has no {c} claim").into(),
            K::InvalidAlgorithm => "the algorithm does not match the issuer's key (alg)".into(),
            other => format!("the assertion is invalid: {other:?}").into(),
        }
    })?;
    let claims = data.claims;
    // Time claims are numbers (RFC 7519 §4.1.4/5): another type is not "no nbf".
    for time in ["nbf", "iat"] {
        if claims.get(time).is_some_and(|v| !v.is_number()) {
            return Err(format!("the assertion's {time} is not a number").into());
        }
    }
    if claims["sub"].as_str() != Some(f.subject.as_str()) {
        return Err(refusal(
            "sub does not match the federation",
            format!(
                "sub does not match: this federation expects '{}', the assertion has '{}'",
                f.subject,
                claims["sub"].as_str().unwrap_or("")
            ),
        ));
    }
    for (name, want) in &f.claims {
        let got = &claims[name.as_str()];
        if got != want {
            return Err(refusal(
                format!("claim '{name}' does not match the federation"),
                format!(
                    "claim '{name}' does not match: this federation expects {want}, the assertion has {}",
                    if got.is_null() {
                        "none".to_string()
                    } else {
                        got.to_string()
                    }
                ),
            ));
        }
    }
    // exp as the number it is (a float, or past i64): at most a day ahead, so that the
    // replay record can be kept as long as the assertion is good.
    // (jsonwebtoken checks exp and nbf on the system's time, so this does too.)
    let exp = claims["exp"].as_f64().unwrap_or(0.0);
    if exp - (crate::clock::system_now() as f64) > MAX_LIFETIME as f64 {
        return Err(
            "the assertion is valid for more than a day (exp): ask the issuer for a shorter-lived token".into(),
        );
    }
    Ok(claims)
}

/// Verify a client assertion for `client_id` without using it up: which federation accepts
/// it, or why none does.
pub async fn verify(state: &Shared, client_id: &str, assertion: &str) -> Result<Verified, Refusal> {
    if assertion.len() > MAX_ASSERTION {
        return Err(format!("the assertion is longer than {MAX_ASSERTION} bytes").into());
    }
    let issuer = peek_issuer(assertion)?;
    let candidates: Vec<(Federation, i64)> = {
        let conn = state.db();
        store::for_client(&conn, client_id).map_err(|e| Refusal::from(e.to_string()))?
    };
    // To an unauthenticated caller, whom a client trusts is not said (the admin-only test
    // endpoint says it): the same public words for "no federation" and "not this issuer".
    const NOT_TRUSTED: &str = "the issuer is not trusted: no federation of this client accepts it";
    if candidates.is_empty() {
        return Err(refusal(
            NOT_TRUSTED,
            format!("client '{client_id}' trusts no outside identity (no federation)"),
        ));
    }
    let matching: Vec<_> = candidates
        .into_iter()
        .filter(|(f, _)| f.issuer.trim_end_matches('/') == issuer.trim_end_matches('/'))
        .collect();
    if matching.is_empty() {
        return Err(refusal(
            NOT_TRUSTED,
            format!("issuer '{issuer}' is not trusted by client '{client_id}' (iss)"),
        ));
    }
    let mut first: Option<Refusal> = None;
    for (f, user_id) in matching {
        match check_one(&f, assertion, state.allow_loopback_issuers).await {
            Ok(claims) => {
                // Without a jti, the signed content is the key — not the whole text: an ECDSA
                // signature can be rewritten into another valid one.
                let signed = assertion.rsplit_once('.').map_or(assertion, |(s, _)| s);
                let replay_key = claims["jti"]
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("sha256:{}", sha256_hex(signed)));
                let exp = claims["exp"]
                    .as_f64()
                    .unwrap_or(0.0)
                    .min((state.clock.now() + MAX_LIFETIME) as f64)
                    as i64;
                return Ok(Verified {
                    company_id: f.company_id,
                    user_id,
                    federation_id: f.id,
                    issuer: f.issuer.clone(),
                    replay_key,
                    expires_at: exp.max(state.clock.now()) + LEEWAY as i64,
                });
            }
            Err(why) => {
                first.get_or_insert(why);
            }
        }
    }
    Err(first.unwrap_or_else(|| "no federation accepts the assertion".into()))
}

#[cfg(test)]
mod tests {
    use super::check_issuer;

    #[test]
    fn issuers_are_public_https_unless_loopback_is_allowed() {
        assert!(check_issuer("https://token.actions.githubusercontent.com", false).is_ok());
        for bad in [
            "http://127.0.0.1:8080",
            "https://127.0.0.1",
            "https://10.0.0.1",
            "https://169.254.169.254",
            "https://[::1]:9",
            "http://issuer.example.com",
            "https://user:pw@issuer.example.com",
            "https://issuer.example.com/?x=1",
        ] {
            assert!(check_issuer(bad, false).is_err(), "{bad}");
        }
        assert!(check_issuer("http://127.0.0.1:8080", true).is_ok());
        assert!(
            check_issuer("https://10.0.0.1", true).is_err(),
            "private stays refused"
        );
    }
}
