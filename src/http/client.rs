//! The one HTTP layer every request goes through: timeouts, HTTPS-only (loopback excepted),
//! pacing from the server's rate-limit headers, bounded retries of what is safe to repeat with
//! jittered backoff and `Retry-After`, and `-v` logs with secrets redacted.

use std::net::IpAddr;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use url::Url;

use super::pacer::SharedPacer;
use super::rate::{RateBudget, retry_after};
use super::redact;
use crate::error::{Error, ErrorKind, Result};
use crate::secret::Secret;
use crate::ui::output::Output;

const USER_AGENT: &str = concat!("svcacct/", env!("CARGO_PKG_VERSION"));

/// How an access token travels with each API request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPlacement {
    /// `Authorization: Bearer TOKEN`
    Bearer,
    /// `NAME: TOKEN` (PlanRadar's `X-PlanRadar-API-Key`)
    Header(&'static str),
}

/// How hard the client tries before giving up.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Attempts in all, including the first.
    pub max_attempts: u32,
    /// The longest single wait the client accepts from `Retry-After` or a spent budget.
    pub max_wait: Duration,
    pub base_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_wait: Duration::from_secs(60),
            base_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(4),
        }
    }
}

pub struct Request {
    pub method: Method,
    pub url: Url,
    pub headers: HeaderMap,
    pub body: Option<(Vec<u8>, &'static str)>,
    /// The credential and the headers that go with it (a company header).
    pub auth: Option<Auth>,
    /// Makes a POST safe to retry: the server answers a repeat with the first response.
    pub idempotency_key: Option<String>,
}

impl Request {
    pub fn new(method: Method, url: Url) -> Self {
        Request {
            method,
            url,
            headers: HeaderMap::new(),
            body: None,
            auth: None,
            idempotency_key: None,
        }
    }

    pub fn bearer(mut self, token: &Secret) -> Self {
        self.auth = Some(Auth::bearer(token.clone()));
        self
    }

    pub fn auth(mut self, auth: &Auth) -> Self {
        self.auth = Some(auth.clone());
        self
    }

    pub fn json_body(mut self, value: &serde_json::Value) -> Self {
        self.body = Some((
            serde_json::to_vec(value).expect("JSON values serialise"),
            "application/json",
        ));
        self
    }

    /// Retrying this request cannot do the work twice.
    fn is_repeatable(&self) -> bool {
        matches!(
            self.method,
            Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
        ) || self.idempotency_key.is_some()
    }
}

/// How an API request is authenticated: the token, where it goes (`Authorization: Bearer`, or
/// a platform's own header), and headers every call of the profile carries
/// (`Procore-Company-Id`).
#[derive(Clone, Debug)]
pub struct Auth {
    pub token: Secret,
    pub placement: TokenPlacement,
    pub headers: HeaderMap,
}

impl Auth {
    pub fn bearer(token: Secret) -> Self {
        Auth {
            token,
            placement: TokenPlacement::Bearer,
            headers: HeaderMap::new(),
        }
    }
}

pub struct Response {
    pub method: Method,
    pub url: Url,
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn content_type(&self) -> &str {
        self.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn is_json(&self) -> bool {
        let ct = self.content_type().to_ascii_lowercase();
        ct.starts_with("application/json")
            || (ct.starts_with("application/") && ct.contains("+json"))
    }

    /// `GET /api/v1/me`, for messages.
    pub fn what(&self) -> String {
        format!("{} {}", self.method, self.url.path())
    }
}

/// The largest response body read (one page of any listing is far smaller).
pub const MAX_BODY: usize = 64 << 20;

/// Why one send failed: the transport, or an answer larger than [`MAX_BODY`].
enum SendError {
    Http(reqwest::Error),
    TooLarge,
}

pub struct HttpClient {
    inner: reqwest::Client,
    verbose: u8,
    out: Output,
    policy: RetryPolicy,
    budget: Mutex<RateBudget>,
    /// A client-side budget shared with other processes (PlanRadar), for authenticated calls.
    pacer: OnceLock<SharedPacer>,
    /// The last `Svcacct-Credential-Expires` the server sent: when the credential in use stops
    /// working (RFC 3339).
    credential_expires: Mutex<Option<String>>,
}

/// The URL's host is this machine: 127.0.0.0/8, ::1 or localhost.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Plain HTTP is allowed only to this machine (RFC 8252 loopback); everything else needs TLS.
pub fn require_secure(url: &Url) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" => {
            if is_loopback(url) {
                Ok(())
            } else {
                Err(Error::usage(format!(
                    "refusing plain http to {}: tokens and secrets would cross the network unencrypted",
                    url.host_str().unwrap_or("?")
                ))
                .with_hint("use an https:// URL (plain http is allowed only to 127.0.0.1, ::1 and localhost)"))
            }
        }
        other => Err(
            Error::usage(format!("unsupported URL scheme '{other}' in {url}"))
                .with_hint("use an https:// URL"),
        ),
    }
}

/// Parse and check a base URL given by the user (flag, env or config).
pub fn parse_base_url(raw: &str, source: &str) -> Result<Url> {
    let url = Url::parse(raw.trim()).map_err(|e| {
        Error::usage(format!("{source} '{raw}' is not a URL: {e}"))
            .with_hint("give a full URL such as https://api.example.com")
    })?;
    require_secure(&url)?;
    Ok(url)
}

impl HttpClient {
    pub fn new(out: Output, verbose: u8) -> Result<Self> {
        let timeout = crate::settings::var("SVCACCT_HTTP_TIMEOUT")
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|v| *v > 0)
            .unwrap_or(30);
        let inner = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(Duration::from_secs(10.min(timeout)))
            .timeout(Duration::from_secs(timeout))
            // Never follow redirects: a bearer token must not be replayed to another origin.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::internal(format!("cannot set up HTTP: {e}")))?;
        let mut policy = RetryPolicy::default();
        if let Some(secs) =
            crate::settings::var("SVCACCT_MAX_WAIT").and_then(|v| v.parse::<u64>().ok())
        {
            policy.max_wait = Duration::from_secs(secs);
        }
        Ok(HttpClient {
            inner,
            verbose,
            out,
            policy,
            budget: Mutex::new(RateBudget::default()),
            pacer: OnceLock::new(),
            credential_expires: Mutex::new(None),
        })
    }

    /// How many requests the server last said are left in its budget, if it said.
    pub fn budget_remaining(&self) -> Option<u64> {
        self.budget.lock().ok().and_then(|b| b.remaining)
    }

    /// When the server said the credential in use expires, if it did.
    pub fn credential_expires(&self) -> Option<String> {
        self.credential_expires.lock().ok().and_then(|c| c.clone())
    }

    /// Pace every authenticated request by `pacer` from now on (set once, by the session).
    pub fn set_pacer(&self, pacer: SharedPacer) {
        let _ = self.pacer.set(pacer);
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .policy
            .base_backoff
            .saturating_mul(1 << attempt.min(16));
        let cap = exp.min(self.policy.max_backoff);
        // Full jitter: anywhere between half the cap and the cap.
        let millis = cap.as_millis() as u64;
        Duration::from_millis(rand::rng().random_range(millis / 2..=millis.max(1)))
    }

    async fn pace(&self) -> Result<()> {
        let wait = self.budget.lock().expect("budget lock").wait_needed();
        if let Some(wait) = wait {
            if wait > self.policy.max_wait {
                return Err(Error::new(
                    ErrorKind::RateLimited,
                    format!(
                        "the server's request budget is spent for another {} s",
                        wait.as_secs()
                    ),
                )
                .with_hint("try again later, or ask the platform to raise the limit"));
            }
            self.out.status(&format!(
                "Rate limit budget spent: waiting {:.0} s for it to reset…",
                wait.as_secs_f64().ceil()
            ));
            tokio::time::sleep(wait).await;
            self.budget.lock().expect("budget lock").remaining = None;
        }
        Ok(())
    }

    /// Send a request, retrying what is safe to retry. Any HTTP status comes back as `Ok`
    /// (callers map errors); `Err` means no usable answer: network failure, a redirect, or a
    /// rate limit or outage that outlasted the retries.
    pub async fn send(&self, req: Request) -> Result<Response> {
        require_secure(&req.url)?;
        let repeatable = req.is_repeatable();
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.pace().await?;
            let pacer = self.pacer.get().filter(|_| req.auth.is_some());
            if let Some(pacer) = pacer {
                pacer.take_slot(self.policy.max_wait).await?;
            }
            let started = Instant::now();
            self.log_request(&req);
            let result = self.send_once(&req).await;
            let last = attempt >= self.policy.max_attempts;
            match result {
                Err(SendError::TooLarge) => {
                    return Err(Error::network(format!(
                        "{} {} answered with more than {} MiB; svcacct stopped reading",
                        req.method,
                        redact::url(&req.url),
                        MAX_BODY >> 20
                    ))
                    .with_hint("the server is misbehaving; for large listings page through them (svcacct api --paginate)"));
                }
                Err(SendError::Http(e)) => {
                    if repeatable && !last && is_transient(&e) {
                        let wait = self.backoff(attempt);
                        self.log(&format!("* {e}; retrying in {} ms", wait.as_millis()));
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(network_error(&req, &e));
                }
                Ok(resp) => {
                    self.log_response(&resp, started.elapsed());
                    if req.auth.is_some()
                        && let Some(at) = resp
                            .headers
                            .get("svcacct-credential-expires")
                            .and_then(|v| v.to_str().ok())
                        && let Ok(mut slot) = self.credential_expires.lock()
                    {
                        *slot = Some(at.to_string());
                    }
                    self.budget
                        .lock()
                        .expect("budget lock")
                        .update(&resp.headers);
                    let status = resp.status;
                    if status == StatusCode::TOO_MANY_REQUESTS
                        || (status == StatusCode::SERVICE_UNAVAILABLE
                            && resp.headers.contains_key(reqwest::header::RETRY_AFTER))
                    {
                        // The server did not process the request: repeating it is safe for any method.
                        if let Some(pacer) = pacer
                            && status == StatusCode::TOO_MANY_REQUESTS
                        {
                            // Every process of the profile waits out the cooldown; the next
                            // slot is taken after it.
                            let wait = pacer.cooled_down(retry_after(&resp.headers)).await?;
                            if last || wait > self.policy.max_wait {
                                return Err(pacer.cooldown_error(wait));
                            }
                            continue;
                        }
                        let wait = retry_after(&resp.headers)
                            .or_else(|| self.budget.lock().expect("budget lock").wait_needed())
                            .unwrap_or_else(|| self.backoff(attempt));
                        if last || wait > self.policy.max_wait {
                            return Err(rate_limited(&resp, wait, attempt));
                        }
                        self.out.status(&format!(
                            "Server answered {} to {}: waiting {} s before retrying ({attempt}/{})…",
                            status.as_u16(),
                            resp.what(),
                            wait.as_secs_f64().ceil(),
                            self.policy.max_attempts - 1
                        ));
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    if status.is_server_error() && repeatable && !last {
                        let wait = self.backoff(attempt);
                        self.log(&format!(
                            "* {} from {}; retrying in {} ms",
                            status.as_u16(),
                            resp.what(),
                            wait.as_millis()
                        ));
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    if status.is_redirection() {
                        let to = resp
                            .headers
                            .get(reqwest::header::LOCATION)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("?");
                        return Err(Error::network(format!(
                            "{} answered with a redirect ({}) to {to}; svcacct does not follow redirects with credentials",
                            resp.what(),
                            status.as_u16()
                        ))
                        .with_hint("point --api / SVCACCT_API_URL at the final URL"));
                    }
                    return Ok(resp);
                }
            }
        }
    }

    async fn send_once(&self, req: &Request) -> std::result::Result<Response, SendError> {
        let mut builder = self
            .inner
            .request(req.method.clone(), req.url.clone())
            .headers(req.headers.clone());
        if let Some(auth) = &req.auth {
            for (name, value) in &auth.headers {
                if !req.headers.contains_key(name) {
                    builder = builder.header(name, value);
                }
            }
            builder = match auth.placement {
                TokenPlacement::Bearer => builder.bearer_auth(auth.token.expose()),
                TokenPlacement::Header(name) => {
                    let mut value = HeaderValue::from_str(auth.token.expose())
                        .unwrap_or_else(|_| HeaderValue::from_static(""));
                    value.set_sensitive(true);
                    builder.header(name, value)
                }
            };
        }
        if let Some(key) = &req.idempotency_key {
            builder = builder.header("idempotency-key", key);
        }
        if let Some((body, content_type)) = &req.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, *content_type)
                .body(body.clone());
        }
        let mut resp = builder.send().await.map_err(SendError::Http)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        // Read bounded: an endless answer ends here, not in an exhausted machine.
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(SendError::Http)? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(SendError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            method: req.method.clone(),
            url: req.url.clone(),
            status,
            headers,
            body,
        })
    }

    fn log(&self, line: &str) {
        if self.verbose > 0 {
            self.out.status(line);
        }
    }

    fn log_request(&self, req: &Request) {
        if self.verbose == 0 {
            return;
        }
        self.out
            .status(&format!("> {} {}", req.method, redact::url(&req.url)));
        if self.verbose > 1 {
            if let Some(auth) = &req.auth {
                match auth.placement {
                    TokenPlacement::Bearer => {
                        self.out.status("> authorization: Bearer [redacted]");
                    }
                    TokenPlacement::Header(name) => self
                        .out
                        .status(&format!("> {}: [redacted]", name.to_ascii_lowercase())),
                }
                for (name, value) in &auth.headers {
                    self.out
                        .status(&format!("> {name}: {}", redact::header(name, value)));
                }
            }
            for (name, value) in &req.headers {
                self.out
                    .status(&format!("> {name}: {}", redact::header(name, value)));
            }
            if let Some((body, content_type)) = &req.body {
                self.out
                    .status(&format!("> body: {}", redact::body(body, content_type)));
            }
        }
    }

    fn log_response(&self, resp: &Response, took: Duration) {
        if self.verbose == 0 {
            return;
        }
        self.out
            .status(&format!("< {} ({} ms)", resp.status, took.as_millis()));
        if self.verbose > 1 {
            for (name, value) in &resp.headers {
                self.out
                    .status(&format!("< {name}: {}", redact::header(name, value)));
            }
            self.out.status(&format!(
                "< body: {}",
                redact::body(&resp.body, resp.content_type())
            ));
        }
    }
}

fn is_transient(e: &reqwest::Error) -> bool {
    e.is_connect() || e.is_timeout() || e.is_request() && !e.is_builder()
}

fn network_error(req: &Request, e: &reqwest::Error) -> Error {
    let host = req.url.host_str().unwrap_or("?").to_string();
    let port = req
        .url
        .port_or_known_default()
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    let what = if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        "could not connect".to_string()
    } else {
        let mut source: &dyn std::error::Error = e;
        while let Some(next) = source.source() {
            source = next;
        }
        source.to_string()
    };
    Error::network(format!(
        "{} {}: {what} ({host}{port})",
        req.method,
        req.url.path()
    ))
    .with_hint("check the API URL (--api / SVCACCT_API_URL) and that the server is running")
}

fn rate_limited(resp: &Response, wait: Duration, attempts: u32) -> Error {
    Error::new(
        ErrorKind::RateLimited,
        format!(
            "{} was rate limited ({}) after {attempts} attempt(s); the server asks to wait {} s",
            resp.what(),
            resp.status.as_u16(),
            wait.as_secs()
        ),
    )
    .with_hint("try again later, or ask the platform to raise the limit")
}

pub fn not_json(resp: &Response) -> Error {
    let ct = match resp.content_type() {
        "" => "no content type".to_string(),
        ct => ct.split(';').next().unwrap_or(ct).to_string(),
    };
    Error::network(format!(
        "{} answered {ct} instead of JSON (status {})",
        resp.what(),
        resp.status.as_u16()
    ))
    .with_hint(
        "check that --api / SVCACCT_API_URL points at the platform API, not a web page or proxy",
    )
}

/// A fresh `Idempotency-Key` for one logical request (retries reuse it).
pub fn idempotency_key() -> String {
    use base64::Engine as _;
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://[::1]:1/x",
            "http://localhost:3000",
            "https://api.example.com",
        ] {
            assert!(require_secure(&Url::parse(ok).unwrap()).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.example.com",
            "http://10.0.0.1",
            "http://127.0.0.1.example.com",
            "ftp://127.0.0.1",
        ] {
            let err = require_secure(&Url::parse(bad).unwrap()).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Usage, "{bad}");
        }
    }
}
