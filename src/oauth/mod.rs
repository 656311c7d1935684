//! OAuth 2.0 over [`HttpClient`]: endpoint discovery (RFC 8414), one token request and one answer
//! parser for every grant (client credentials, client assertions, authorization code + PKCE,
//! device code, refresh), revocation, and the authorization URL with PKCE (the `oauth2` crate).

pub mod loopback;

use base64::Engine;
use oauth2::basic::BasicClient;
use oauth2::{AuthUrl, ClientId, PkceCodeVerifier, RedirectUrl};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, ErrorKind, Result};
use crate::http::client::{HttpClient, Request, require_secure};
use crate::secret::Secret;

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

/// The secret half of a profile, stored as one JSON item.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StoredCredential {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Secret>,
    /// Unix seconds; `None` when the server gave no `expires_in`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Secret>,
}

/// An RFC 3339 time (as the API sends them) in Unix seconds.
pub fn unix_time(rfc3339: &str) -> Option<i64> {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

#[derive(Debug, Deserialize)]
struct Metadata {
    authorization_endpoint: Option<String>,
    token_endpoint: Option<String>,
    revocation_endpoint: Option<String>,
    #[serde(default)]
    device_authorization_endpoint: Option<String>,
    #[serde(default)]
    token_endpoint_auth_methods_supported: Vec<String>,
    #[serde(default)]
    scopes_supported: Vec<String>,
}

/// What discovery found, plus the client authentication methods the server accepts.
pub struct Discovered {
    pub endpoints: Endpoints,
    pub auth_methods: Vec<String>,
    /// The scopes a sign-in asks for when `--scope` is not given: `openid` (and
    /// `offline_access`, for a refresh token, where offered) from an OpenID provider; none
    /// otherwise.
    pub default_scopes: Vec<String>,
    /// RFC 8628 device authorization endpoint, where offered.
    pub device_endpoint: Option<String>,
}

impl Discovered {
    /// `--scope` values, else the provider's default for a sign-in.
    pub fn scopes_for_sign_in(&self, asked: &[String]) -> Vec<String> {
        if asked.is_empty() {
            self.default_scopes.clone()
        } else {
            asked.to_vec()
        }
    }
}

/// Flags that override discovery, for providers without RFC 8414 metadata.
#[derive(Default, Clone)]
pub struct EndpointOverrides {
    pub authorize_url: Option<String>,
    pub token_url: Option<String>,
    pub revocation_url: Option<String>,
}

/// An OpenID provider (found through OpenID discovery, or listing `openid`) grants nothing to a
/// request without a scope: ask for `openid`, and `offline_access` where offered so that a
/// refresh token comes back. A plain OAuth server gets no scope (its default).
fn default_scopes(openid_discovery: bool, supported: &[String]) -> Vec<String> {
    let has = |s: &str| supported.iter().any(|x| x == s);
    if !(openid_discovery || has("openid")) {
        return Vec::new();
    }
    let mut scopes = vec!["openid".to_string()];
    if has("offline_access") {
        scopes.push("offline_access".to_string());
    }
    scopes
}

/// RFC 8414 metadata at `/.well-known/oauth-authorization-server`, falling back to OpenID
/// Connect discovery; flags override what was found. With `--token-url` (and
/// `--authorize-url` where needed) no discovery request is made.
pub async fn discover(
    http: &HttpClient,
    api: &Url,
    overrides: &EndpointOverrides,
    need_authorize: bool,
) -> Result<Discovered> {
    let complete =
        overrides.token_url.is_some() && (!need_authorize || overrides.authorize_url.is_some());
    let mut found: Option<Metadata> = None;
    let mut openid_discovery = false;
    if !complete {
        for well_known in [
            "/.well-known/oauth-authorization-server",
            "/.well-known/openid-configuration",
        ] {
            let mut url = api.clone();
            let base = url.path().trim_end_matches('/').to_string();
            url.set_path(&format!("{base}{well_known}"));
            let resp = http.send(Request::new(Method::GET, url)).await?;
            if resp.status.as_u16() == 404 {
                continue;
            }
            found = Some(crate::api::decode(resp).map_err(|e| {
                Error::new(e.kind, format!("OAuth discovery failed: {}", e.message))
                    .with_hint("pass --token-url and --authorize-url if this provider has no RFC 8414 metadata")
            })?);
            openid_discovery = well_known == "/.well-known/openid-configuration";
            break;
        }
    }
    let meta = found.unwrap_or(Metadata {
        authorization_endpoint: None,
        token_endpoint: None,
        revocation_endpoint: None,
        device_authorization_endpoint: None,
        token_endpoint_auth_methods_supported: vec![],
        scopes_supported: vec![],
    });
    let default_scopes = default_scopes(openid_discovery, &meta.scopes_supported);
    let token_endpoint = overrides
        .token_url
        .clone()
        .or(meta.token_endpoint)
        .ok_or_else(|| {
            Error::usage(format!(
                "{api} publishes no OAuth metadata and no token endpoint was given"
            ))
            .with_hint("pass --token-url (and --authorize-url for browser login), or check --api")
        })?;
    let endpoints = Endpoints {
        authorization_endpoint: overrides
            .authorize_url
            .clone()
            .or(meta.authorization_endpoint),
        token_endpoint,
        revocation_endpoint: overrides
            .revocation_url
            .clone()
            .or(meta.revocation_endpoint),
    };
    for u in [
        Some(&endpoints.token_endpoint),
        endpoints.authorization_endpoint.as_ref(),
        endpoints.revocation_endpoint.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        let parsed = Url::parse(u)
            .map_err(|e| Error::usage(format!("OAuth endpoint '{u}' is not a URL: {e}")))?;
        require_secure(&parsed)?;
    }
    if need_authorize && endpoints.authorization_endpoint.is_none() {
        return Err(
            Error::usage(format!("{api} publishes no authorization endpoint"))
                .with_hint("pass --authorize-url"),
        );
    }
    let device_endpoint = match meta.device_authorization_endpoint {
        Some(u) => {
            let parsed = Url::parse(&u)
                .map_err(|e| Error::usage(format!("OAuth endpoint '{u}' is not a URL: {e}")))?;
            require_secure(&parsed)?;
            Some(u)
        }
        None => None,
    };
    Ok(Discovered {
        endpoints,
        device_endpoint,
        default_scopes,
        auth_methods: meta.token_endpoint_auth_methods_supported,
    })
}

/// The client authentication to use: basic unless the server says it only takes post.
pub fn choose_auth_method(
    supported: &[String],
    asked: Option<ClientAuthMethod>,
) -> ClientAuthMethod {
    if let Some(m) = asked {
        return m;
    }
    let has = |m: &str| supported.iter().any(|s| s == m);
    if !supported.is_empty() && !has("client_secret_basic") && has("client_secret_post") {
        ClientAuthMethod::ClientSecretPost
    } else {
        ClientAuthMethod::ClientSecretBasic
    }
}

/// Who the client is and how it authenticates at the token endpoint.
pub struct ClientIdentity<'a> {
    pub client_id: &'a str,
    pub secret: Option<&'a Secret>,
    pub method: ClientAuthMethod,
}

/// Whether `token` can be a token: one word of visible ASCII (it goes into HTTP headers and
/// into line protocols, where a newline would add fields).
pub fn is_token_text(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// A token goes into HTTP headers and into the line protocols of git and kubectl, where a
/// newline would inject fields (`host=…`): a token that is not one word of visible ASCII is
/// refused where it arrives, for every grant (exit 8, naming the server).
fn checked(cred: StoredCredential, server: &str) -> Result<StoredCredential> {
    let bad = |t: &Option<Secret>| t.as_ref().is_some_and(|t| !is_token_text(t.expose()));
    if bad(&cred.access_token) || bad(&cred.refresh_token) {
        return Err(Error::network(format!(
            "the token endpoint {server} answered with a token that is not one word of visible ASCII (control characters, spaces or other text): refused"
        ))
        .with_hint("the server is misbehaving; tell its operator"));
    }
    Ok(cred)
}

/// What an OAuth endpoint answered (RFC 6749 §5.1 and §5.2; RFC 8628 §3.5 adds codes): the
/// one parser of token responses and OAuth errors, for every grant and for revocation.
#[derive(Debug, Default, Deserialize)]
struct Answer {
    access_token: Option<String>,
    token_type: Option<String>,
    refresh_token: Option<String>,
    /// Seconds, as a number (or, from some servers, a numeric string).
    expires_in: Option<serde_json::Value>,
    error: Option<String>,
    error_description: Option<String>,
}

/// The longest a token may be said to last: ten years (a larger `expires_in` is taken as this).
const MAX_LIFETIME: i64 = 10 * 366 * 86_400;

impl Answer {
    /// The token it carries, as the credential store keeps it (with the client secret to
    /// keep, if any). Only Bearer tokens are used (RFC 6749 §7.1: a client must not use a token
    /// type it does not understand).
    fn credential(&self, client_secret: Option<&Secret>, what: &str) -> Result<StoredCredential> {
        let Some(access_token) = self.access_token.clone() else {
            return Err(not_a_token_response(what, "no access_token"));
        };
        match self.token_type.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("bearer") => {}
            Some(other) => {
                return Err(Error::network(format!(
                    "{what}: the server issued a token of type '{}', and svcacct sends Bearer tokens only",
                    one_line(other)
                ))
                .with_hint("ask the platform for Bearer tokens (the client's token type setting)"));
            }
            None => return Err(not_a_token_response(what, "no token_type")),
        }
        let now = crate::clock::now();
        let lifetime = match &self.expires_in {
            None | Some(serde_json::Value::Null) => None,
            Some(v) => Some(
                v.as_f64()
                    .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                    .filter(|s| s.is_finite())
                    .ok_or_else(|| not_a_token_response(what, "expires_in is not a number"))?
                    .clamp(0.0, MAX_LIFETIME as f64) as i64,
            ),
        };
        Ok(StoredCredential {
            access_token: Some(Secret::new(access_token)),
            expires_at: lifetime.map(|s| now.saturating_add(s)),
            issued_at: Some(now),
            refresh_token: self.refresh_token.clone().map(Secret::new),
            client_secret: client_secret.cloned(),
        })
    }

    /// `code: description` of an OAuth error answer (`HTTP N` when it names none), on one line:
    /// it is the server's text, and must not add lines of its own to the output.
    fn refusal(&self, status: u16) -> String {
        format!(
            "{}{}",
            self.error
                .as_deref()
                .map(one_line)
                .unwrap_or_else(|| format!("HTTP {status}")),
            self.error_description
                .as_deref()
                .map(|d| format!(": {}", one_line(d)))
                .unwrap_or_default()
        )
    }
}

/// A server's text for a one-line message: line breaks and other control characters become
/// spaces, and it is cut at 300 characters.
fn one_line(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(300)
        .collect();
    if text.chars().count() > 300 {
        out.push('…');
    }
    out
}

/// Read an OAuth endpoint's answer: a server error, or a successful answer that is not JSON, is
/// an error of its own; a refusal without a JSON body (a proxy's HTML 401) is a refusal with its
/// status. `what` names the request in messages.
fn answer_of(resp: &crate::http::client::Response, what: &str) -> Result<Answer> {
    if resp.status.is_server_error() {
        return Err(Error::network(format!(
            "{} failed: the server answered {}",
            resp.what(),
            resp.status
        ))
        .with_hint("the authorization server has a problem; try again later"));
    }
    if resp.body.is_empty() || (!resp.is_json() && resp.status.is_client_error()) {
        return Ok(Answer::default());
    }
    if !resp.is_json() {
        return Err(crate::http::client::not_json(resp));
    }
    serde_json::from_slice(&resp.body).map_err(|_| {
        let fields =
            serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&resp.body)
                .map(|m| {
                    let names: Vec<&str> = m.keys().map(String::as_str).collect();
                    format!("fields {}", names.join(", "))
                })
                .unwrap_or_else(|_| {
                    format!("{} bytes that are not a JSON object", resp.body.len())
                });
        not_a_token_response(what, &format!("unexpected field types; {fields}"))
    })
}

/// The answer is not a token response; `why` names what is wrong — never a value from it (it
/// may hold a token).
fn not_a_token_response(what: &str, why: &str) -> Error {
    Error::network(format!(
        "{what}: the server's answer is not an OAuth token response ({why})"
    ))
    .with_hint("check that the token endpoint is right")
}

/// The one token request: `pairs` (the grant) POSTed to the token endpoint with the client
/// authenticated as `who` says; the credential, or the server's refusal as `code: description`
/// for the caller to explain. Never retried on a lost answer (a refresh token is single-use),
/// only on 429/503 (the transport's rule).
async fn token_request(
    http: &HttpClient,
    endpoints: &Endpoints,
    who: &ClientIdentity<'_>,
    what: &str,
    pairs: &[(&str, &str)],
) -> Result<std::result::Result<StoredCredential, (Answer, u16)>> {
    let resp = oauth_form(http, &endpoints.token_endpoint, who, pairs).await?;
    let answer = answer_of(&resp, what)?;
    if resp.status.is_success() {
        let cred = answer.credential(who.secret, what)?;
        return checked(cred, &endpoints.token_endpoint).map(Ok);
    }
    Ok(Err((answer, resp.status.as_u16())))
}

/// A token request's refusal, explained: the server's `error` and description kept.
fn refused(what: &str, answer: &Answer, status: u16) -> Error {
    let message = format!("{what} was refused ({})", answer.refusal(status));
    match answer.error.as_deref().unwrap_or("") {
        "invalid_client" | "unauthorized_client" => Error::auth(message).with_hint(
            "check the client id and secret (SVCACCT_CLIENT_SECRET, --client-secret-stdin)",
        ),
        "invalid_grant" => Error::auth(message).with_hint("sign in again with `svcacct login`"),
        "access_denied" => Error::new(ErrorKind::Permission, message),
        _ => Error::auth(message),
    }
}

pub async fn client_credentials(
    http: &HttpClient,
    endpoints: &Endpoints,
    who: &ClientIdentity<'_>,
) -> Result<StoredCredential> {
    let what = format!("client-credentials token request for '{}'", who.client_id);
    token_request(
        http,
        endpoints,
        who,
        &what,
        &[("grant_type", "client_credentials")],
    )
    .await?
    .map_err(|(answer, status)| refused(&what, &answer, status))
}

pub async fn exchange_code(
    http: &HttpClient,
    endpoints: &Endpoints,
    who: &ClientIdentity<'_>,
    code: &str,
    verifier: Option<PkceCodeVerifier>,
    redirect_uri: &str,
) -> Result<StoredCredential> {
    let what = "exchanging the authorization code";
    let mut pairs = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
    ];
    let verifier = verifier.map(|v| v.secret().clone());
    if let Some(v) = &verifier {
        pairs.push(("code_verifier", v));
    }
    token_request(http, endpoints, who, what, &pairs)
        .await?
        .map_err(|(answer, status)| refused(what, &answer, status))
}

/// Use a refresh token (single-use: the server rotates it).
pub async fn refresh(
    http: &HttpClient,
    endpoints: &Endpoints,
    who: &ClientIdentity<'_>,
    refresh: &Secret,
) -> Result<StoredCredential> {
    let what = "refreshing the access token";
    let pairs = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh.expose()),
    ];
    let mut stored = token_request(http, endpoints, who, what, &pairs)
        .await?
        .map_err(|(answer, status)| refused(what, &answer, status))?;
    if stored.refresh_token.is_none() {
        // Servers that do not rotate keep the old refresh token valid.
        stored.refresh_token = Some(refresh.clone());
    }
    Ok(stored)
}

/// What kind of token is being revoked (RFC 7009 `token_type_hint`).
#[derive(Clone, Copy, Debug)]
pub enum TokenHint {
    AccessToken,
    RefreshToken,
}

/// RFC 7009 revocation of one token; `Ok(false)` when the server has no revocation endpoint.
/// Sent by hand rather than with `oauth2`, which refuses plain-http (loopback) endpoints.
pub async fn revoke(
    http: &HttpClient,
    endpoints: &Endpoints,
    who: &ClientIdentity<'_>,
    token: &Secret,
    hint: TokenHint,
) -> Result<bool> {
    let Some(url) = &endpoints.revocation_endpoint else {
        return Ok(false);
    };
    let hint = match hint {
        TokenHint::AccessToken => "access_token",
        TokenHint::RefreshToken => "refresh_token",
    };
    let resp = oauth_form(
        http,
        url,
        who,
        &[("token", token.expose()), ("token_type_hint", hint)],
    )
    .await?;
    if resp.status.is_success() {
        return Ok(true);
    }
    let detail = serde_json::from_slice::<Answer>(&resp.body)
        .unwrap_or_default()
        .refusal(resp.status.as_u16());
    Err(Error::network(format!(
        "revoking the token failed ({detail})"
    )))
}

/// A fresh PKCE pair and the authorization URL for it (RFC 7636, S256).
pub fn authorization_url(
    endpoints: &Endpoints,
    client_id: &str,
    redirect_uri: &str,
    scopes: &[String],
    pkce: bool,
) -> Result<(Url, String, Option<PkceCodeVerifier>)> {
    let auth = endpoints.authorization_endpoint.clone().ok_or_else(|| {
        Error::usage("no authorization endpoint").with_hint("pass --authorize-url")
    })?;
    let client = BasicClient::new(ClientId::new(client_id.to_string()))
        .set_auth_uri(
            AuthUrl::new(auth.clone())
                .map_err(|e| Error::usage(format!("authorization endpoint '{auth}': {e}")))?,
        )
        .set_redirect_uri(
            RedirectUrl::new(redirect_uri.to_string())
                .map_err(|e| Error::usage(format!("redirect URI: {e}")))?,
        );
    let mut req = client.authorize_url(oauth2::CsrfToken::new_random);
    let mut verifier = None;
    if pkce {
        let (challenge, v) = oauth2::PkceCodeChallenge::new_random_sha256();
        req = req.set_pkce_challenge(challenge);
        verifier = Some(v);
    }
    for s in scopes {
        req = req.add_scope(oauth2::Scope::new(s.clone()));
    }
    let (url, state) = req.url();
    Ok((url, state.secret().clone(), verifier))
}

/// RFC 7523 §2.2: the client-credentials grant with a client assertion (a CI system's OpenID
/// token) instead of a secret. Sent by hand: the `oauth2` crate has no client assertions.
pub async fn client_credentials_with_assertion(
    http: &HttpClient,
    endpoints: &Endpoints,
    client_id: &str,
    assertion: &Secret,
) -> Result<StoredCredential> {
    // No secret: the form names the client, and the assertion authenticates it.
    let who = ClientIdentity {
        client_id,
        secret: None,
        method: ClientAuthMethod::ClientSecretPost,
    };
    let what = format!("the client assertion for '{client_id}'");
    let pairs = [
        ("grant_type", "client_credentials"),
        (
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ),
        ("client_assertion", assertion.expose()),
    ];
    let (answer, status) = match token_request(http, endpoints, &who, &what, &pairs).await? {
        Ok(cred) => return Ok(cred),
        Err(refusal) => refusal,
    };
    Err(Error::auth(format!(
        "{what} was refused ({})",
        answer.refusal(status)
    ))
    .with_hint(
        "check the account's federations: svcacct sa federation list ID (and test one with `svcacct sa federation test ID --assertion-file PATH`)",
    ))
}

/// RFC 8628 §3.2: what the device authorization endpoint answers.
#[derive(Debug, Deserialize)]
pub struct DeviceStart {
    pub device_code: String,
    pub user_code: String,
    #[serde(alias = "verification_url")]
    pub verification_uri: String,
    #[serde(default)]
    pub verification_uri_complete: Option<String>,
    pub expires_in: u64,
    #[serde(default = "default_interval")]
    pub interval: u64,
}

fn default_interval() -> u64 {
    5
}

/// A form POST to an OAuth endpoint, the client authenticated as `who` says (or named by
/// `client_id` when public): the response, whatever its status. Sent by hand rather than with
/// `oauth2`, which refuses plain-http (loopback) endpoints and knows no device flow.
async fn oauth_form(
    http: &HttpClient,
    endpoint: &str,
    who: &ClientIdentity<'_>,
    pairs: &[(&str, &str)],
) -> Result<crate::http::client::Response> {
    let url = Url::parse(endpoint)
        .map_err(|e| Error::usage(format!("OAuth endpoint '{endpoint}' is not a URL: {e}")))?;
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        form.append_pair(k, v);
    }
    let mut req = Request::new(Method::POST, url);
    req.headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    match (who.secret, who.method) {
        (Some(secret), ClientAuthMethod::ClientSecretBasic) => {
            // RFC 6749 §2.3.1: form-encode id and secret before base64.
            let enc =
                |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
            let basic = base64::engine::general_purpose::STANDARD.encode(format!(
                "{}:{}",
                enc(who.client_id),
                enc(secret.expose())
            ));
            let value = reqwest::header::HeaderValue::from_str(&format!("Basic {basic}"))
                .map_err(|e| Error::internal(e.to_string()))?;
            req.headers.insert(reqwest::header::AUTHORIZATION, value);
        }
        (secret, _) => {
            form.append_pair("client_id", who.client_id);
            if let Some(secret) = secret {
                form.append_pair("client_secret", secret.expose());
            }
        }
    }
    req.body = Some((
        form.finish().into_bytes(),
        "application/x-www-form-urlencoded",
    ));
    http.send(req).await
}

/// Start a device sign-in (RFC 8628 §3.1).
pub async fn device_authorization(
    http: &HttpClient,
    endpoint: &str,
    who: &ClientIdentity<'_>,
    scopes: &[String],
) -> Result<DeviceStart> {
    let scope = scopes.join(" ");
    let mut pairs = vec![];
    if !scope.is_empty() {
        pairs.push(("scope", scope.as_str()));
    }
    let resp = oauth_form(http, endpoint, who, &pairs).await?;
    if !resp.status.is_success() {
        let a = answer_of(&resp, "starting the device sign-in")?;
        return Err(Error::auth(format!(
            "the device sign-in could not start ({})",
            a.refusal(resp.status.as_u16())
        )));
    }
    serde_json::from_slice(&resp.body).map_err(|e| {
        Error::network(format!(
            "{}: not a device authorization response ({e})",
            resp.what()
        ))
    })
}

/// One poll of the token endpoint with a device code.
pub enum DevicePoll {
    Token(StoredCredential),
    Pending,
    SlowDown,
}

pub async fn device_poll(
    http: &HttpClient,
    endpoints: &Endpoints,
    who: &ClientIdentity<'_>,
    device_code: &str,
) -> Result<DevicePoll> {
    let what = "the device sign-in";
    let pairs = [
        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        ("device_code", device_code),
    ];
    let (a, status) = match token_request(http, endpoints, who, what, &pairs).await? {
        Ok(cred) => return Ok(DevicePoll::Token(cred)),
        Err(refusal) => refusal,
    };
    let detail = a
        .error_description
        .as_deref()
        .map(|d| format!(": {d}"))
        .unwrap_or_default();
    match a.error.as_deref() {
        Some("authorization_pending") => Ok(DevicePoll::Pending),
        Some("slow_down") => Ok(DevicePoll::SlowDown),
        Some("access_denied") => Err(Error::auth(format!(
            "the sign-in was denied{detail}; nothing was saved"
        ))
        .with_hint("run `svcacct login --device` again and approve it")),
        Some("expired_token") => Err(Error::auth(format!(
            "the device code expired before the sign-in was approved{detail}; nothing was saved"
        ))
        .with_hint("run `svcacct login --device` again")),
        Some(other) => Err(Error::auth(format!(
            "the device sign-in failed ({other}{detail})"
        ))),
        None => Err(Error::network(format!(
            "{} answered {status} without a token or an OAuth error",
            endpoints.token_endpoint
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::default_scopes;

    #[test]
    fn openid_providers_get_openid_and_offline_access_by_default() {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(default_scopes(true, &[]), list(&["openid"]));
        assert_eq!(
            default_scopes(false, &list(&["openid", "offline_access", "api"])),
            list(&["openid", "offline_access"])
        );
        assert!(default_scopes(false, &list(&["credentials"])).is_empty());
        assert!(default_scopes(false, &[]).is_empty());
    }
}
