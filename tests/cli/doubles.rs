//! Test doubles of real platforms, written from their public developer documentation (not from
//! svcacct's code), for what the sandbox does not do: Procore's OAuth and webhooks API and
//! PlanRadar's key header and rate limit. Each records every request it gets.
//!
//! Procore — developers.procore.com: "OAuth 2.0 Authorization Code Grant" and "Client
//! Credentials" (login host `/oauth/authorize|token|revoke`, confidential apps, exact redirect
//! URIs incl. `urn:ietf:wg:oauth:2.0:oob`, token answers with `expires_in: 5400` and
//! `created_at`, single-use rotating refresh tokens), "Show User Info" (`GET /rest/v1.0/me`),
//! "Working with Multiple Procore Companies" (`Procore-Company-Id` header), "Rate Limiting"
//! (`X-Rate-Limit-Limit/-Remaining/-Reset`, reset in Unix seconds, 429 when spent) and the
//! Webhooks API (`/rest/v1.0/webhooks/hooks` with `company_id`, `…/triggers` with
//! `resource_name` + `event_type`, `…/deliveries` with a status filter).
//! PlanRadar — help.planradar.com, "Open API: core concepts": `/api/v1/{customer_id}/…`,
//! personal access tokens in `X-PlanRadar-API-Key`, 30 requests per minute per account summed
//! over all tokens, a 5-minute cooldown once exceeded.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// One request as the double saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub at: Instant,
    pub method: String,
    pub path: String,
    pub query: String,
    /// Lower-case names.
    pub headers: HashMap<String, String>,
    pub body: String,
    pub status: u16,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
    pub fn form(&self) -> HashMap<String, String> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .into_owned()
            .collect()
    }
    pub fn query_pairs(&self) -> HashMap<String, String> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect()
    }
}

pub type Handler = dyn Fn(&Seen) -> (u16, Vec<(String, String)>, String) + Send + Sync;

/// An HTTP server on 127.0.0.1:0 answering with `handler`, stopped when dropped.
pub struct Double {
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<Seen>>>,
    rt: Option<tokio::runtime::Runtime>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Double {
    pub fn start(handler: Arc<Handler>) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app_log = log.clone();
        let app = axum::Router::new().fallback(
            move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
                let handler = handler.clone();
                let log = app_log.clone();
                async move {
                    let mut seen = Seen {
                        at: Instant::now(),
                        method: method.to_string(),
                        path: uri.path().to_string(),
                        query: uri.query().unwrap_or("").to_string(),
                        headers: headers
                            .iter()
                            .map(|(k, v)| {
                                (k.as_str().to_string(), v.to_str().unwrap_or("").to_string())
                            })
                            .collect(),
                        body: String::from_utf8_lossy(&body).into_owned(),
                        status: 0,
                    };
                    let (status, headers, body) = handler(&seen);
                    seen.status = status;
                    log.lock().unwrap().push(seen);
                    let mut resp: Response =
                        (StatusCode::from_u16(status).unwrap(), body).into_response();
                    for (k, v) in headers {
                        resp.headers_mut().insert(
                            axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                            v.parse().unwrap(),
                        );
                    }
                    resp
                }
            },
        );
        rt.spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await
                .ok();
        });
        Double {
            addr,
            log,
            rt: Some(rt),
            shutdown: Some(tx),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.addr.port())
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    /// Requests to paths starting with `prefix`.
    pub fn seen_at(&self, prefix: &str) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.path.starts_with(prefix))
            .collect()
    }
}

impl Drop for Double {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(rt) = self.rt.take() {
            rt.shutdown_timeout(Duration::from_secs(2));
        }
    }
}

pub fn json_reply(status: u16, value: Value) -> (u16, Vec<(String, String)>, String) {
    (
        status,
        vec![("content-type".into(), "application/json".into())],
        value.to_string(),
    )
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn random(prefix: &str) -> String {
    format!("{prefix}{:016x}{:016x}", rand_u64(), rand_u64())
}

fn rand_u64() -> u64 {
    rand::random::<u64>()
}

// ---------------------------------------------------------------------------------------------
// Procore

pub const PROCORE_CLIENT_ID: &str = "procore-app-3f9c";
pub const PROCORE_CLIENT_SECRET: &str = "pcs_5b2e8d71c4a9f063";
pub const PROCORE_DMSA_ID: &str = "procore-dmsa-77a1";
pub const PROCORE_DMSA_SECRET: &str = "pcs_dmsa_0e4f9a2b6c1d";

#[derive(Default)]
pub struct ProcoreState {
    /// Registered redirect URIs of the app (exact match).
    pub redirect_uris: Vec<String>,
    /// code → redirect URI it was issued for.
    codes: HashMap<String, String>,
    /// access token → expiry (Unix seconds).
    pub access_tokens: HashMap<String, u64>,
    pub refresh_tokens: Vec<String>,
    pub used_refresh_tokens: Vec<String>,
    pub expires_in: u64,
    pub hooks: Vec<Value>,
    pub triggers: Vec<Value>,
    next_id: i64,
    /// `X-Rate-Limit-Remaining` and the Unix second it resets at.
    pub rate_remaining: u64,
    pub rate_reset: u64,
    pub throttled: u64,
}

pub struct Procore {
    pub double: Double,
    pub state: Arc<Mutex<ProcoreState>>,
}

pub const PROCORE_COMPANY: i64 = 5_001;

impl Procore {
    pub fn start(redirect_uris: &[&str]) -> Self {
        let state = Arc::new(Mutex::new(ProcoreState {
            redirect_uris: redirect_uris.iter().map(|s| s.to_string()).collect(),
            expires_in: 5400,
            next_id: 100,
            rate_remaining: 3600,
            rate_reset: unix_now() + 3600,
            ..Default::default()
        }));
        let s = state.clone();
        let double = Double::start(Arc::new(move |req: &Seen| procore(&s, req)));
        Procore { double, state }
    }

    pub fn url(&self) -> String {
        self.double.url()
    }
}

fn procore(state: &Mutex<ProcoreState>, req: &Seen) -> (u16, Vec<(String, String)>, String) {
    let mut s = state.lock().unwrap();
    let now = unix_now();
    // Rate limiting: a spent budget answers 429 until the reset.
    if s.rate_remaining == 0 && now < s.rate_reset && !req.path.starts_with("/oauth/") {
        s.throttled += 1;
        return (
            429,
            vec![
                ("x-rate-limit-limit".into(), "3600".into()),
                ("x-rate-limit-remaining".into(), "0".into()),
                ("x-rate-limit-reset".into(), s.rate_reset.to_string()),
            ],
            String::new(),
        );
    }
    if s.rate_remaining == 0 && now >= s.rate_reset {
        s.rate_remaining = 3600;
        s.rate_reset = now + 3600;
    }
    let mut reply = procore_route(&mut s, req, now);
    if !req.path.starts_with("/oauth/") {
        reply.1.extend([
            ("x-rate-limit-limit".to_string(), "3600".to_string()),
            (
                "x-rate-limit-remaining".to_string(),
                s.rate_remaining.to_string(),
            ),
            ("x-rate-limit-reset".to_string(), s.rate_reset.to_string()),
        ]);
    }
    reply
}

fn oauth_error(
    status: u16,
    error: &str,
    description: &str,
) -> (u16, Vec<(String, String)>, String) {
    json_reply(
        status,
        json!({"error": error, "error_description": description}),
    )
}

fn issue_tokens(s: &mut ProcoreState, now: u64, refresh: bool) -> Value {
    let access = random("pat_");
    s.access_tokens.insert(access.clone(), now + s.expires_in);
    let mut body = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": s.expires_in,
        "created_at": now,
    });
    if refresh {
        let r = random("prt_");
        s.refresh_tokens.push(r.clone());
        body["refresh_token"] = json!(r);
    }
    body
}

fn procore_route(
    s: &mut ProcoreState,
    req: &Seen,
    now: u64,
) -> (u16, Vec<(String, String)>, String) {
    let q = req.query_pairs();
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/oauth/authorize") => {
            if q.get("client_id").map(String::as_str) != Some(PROCORE_CLIENT_ID) {
                return (400, vec![], "unknown client_id".into());
            }
            let redirect = q.get("redirect_uri").cloned().unwrap_or_default();
            if !s.redirect_uris.contains(&redirect) {
                return (
                    400,
                    vec![],
                    "The redirect uri included is not valid.".into(),
                );
            }
            let code = random("pcode_");
            s.codes.insert(code.clone(), redirect.clone());
            if redirect == "urn:ietf:wg:oauth:2.0:oob" {
                return (
                    200,
                    vec![("content-type".into(), "text/html".into())],
                    format!(
                        "<html><body><p>Authorization code:</p><code>{code}</code></body></html>"
                    ),
                );
            }
            let state = q.get("state").cloned().unwrap_or_default();
            let mut to = url::Url::parse(&redirect).unwrap();
            to.query_pairs_mut()
                .append_pair("code", &code)
                .append_pair("state", &state);
            (
                302,
                vec![("location".into(), to.to_string())],
                String::new(),
            )
        }
        ("POST", "/oauth/token") => {
            let f = req.form();
            let (id, secret) = match req
                .header("authorization")
                .and_then(|h| h.strip_prefix("Basic "))
            {
                Some(b) => {
                    use base64::Engine;
                    let raw = base64::engine::general_purpose::STANDARD
                        .decode(b)
                        .unwrap_or_default();
                    let raw = String::from_utf8_lossy(&raw).into_owned();
                    let (i, p) = raw.split_once(':').unwrap_or(("", ""));
                    (i.to_string(), p.to_string())
                }
                None => (
                    f.get("client_id").cloned().unwrap_or_default(),
                    f.get("client_secret").cloned().unwrap_or_default(),
                ),
            };
            match f.get("grant_type").map(String::as_str) {
                Some("authorization_code") | Some("refresh_token")
                    if (id.as_str(), secret.as_str())
                        != (PROCORE_CLIENT_ID, PROCORE_CLIENT_SECRET) =>
                {
                    oauth_error(401, "invalid_client", "Client authentication failed")
                }
                Some("authorization_code") => {
                    let code = f.get("code").cloned().unwrap_or_default();
                    match s.codes.remove(&code) {
                        Some(redirect) if f.get("redirect_uri") == Some(&redirect) => {
                            json_reply(200, issue_tokens(s, now, true))
                        }
                        _ => oauth_error(
                            400,
                            "invalid_grant",
                            "The provided authorization grant is invalid",
                        ),
                    }
                }
                Some("refresh_token") => {
                    let r = f.get("refresh_token").cloned().unwrap_or_default();
                    if let Some(pos) = s.refresh_tokens.iter().position(|t| *t == r) {
                        // Single use: the old one is gone, a new one comes back.
                        s.refresh_tokens.remove(pos);
                        s.used_refresh_tokens.push(r);
                        json_reply(200, issue_tokens(s, now, true))
                    } else {
                        oauth_error(
                            400,
                            "invalid_grant",
                            "The provided authorization grant is invalid",
                        )
                    }
                }
                Some("client_credentials") => {
                    if (id.as_str(), secret.as_str()) != (PROCORE_DMSA_ID, PROCORE_DMSA_SECRET) {
                        return oauth_error(401, "invalid_client", "Client authentication failed");
                    }
                    json_reply(200, issue_tokens(s, now, false))
                }
                _ => oauth_error(400, "unsupported_grant_type", "unsupported"),
            }
        }
        ("POST", "/oauth/revoke") => {
            let f = req.form();
            let t = f.get("token").cloned().unwrap_or_default();
            s.access_tokens.remove(&t);
            s.refresh_tokens.retain(|r| *r != t);
            json_reply(200, json!({}))
        }
        _ => procore_api(s, req, now),
    }
}

fn procore_api(s: &mut ProcoreState, req: &Seen, now: u64) -> (u16, Vec<(String, String)>, String) {
    let token = req
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or("");
    match s.access_tokens.get(token) {
        Some(exp) if *exp > now => {}
        _ => return json_reply(401, json!({"errors": "Unauthorized"})),
    }
    s.rate_remaining = s.rate_remaining.saturating_sub(1);
    if req.path == "/rest/v1.0/me" {
        return json_reply(
            200,
            json!({"id": 9_001, "login": "pat.admin@example.com", "name": "Pat Admin"}),
        );
    }
    if req.path == "/rest/v1.0/companies" {
        return json_reply(
            200,
            json!([{"id": PROCORE_COMPANY, "name": "Builders Inc", "is_active": true}]),
        );
    }
    // Company-scoped from here on: the header and the company_id must name the same company.
    let q = req.query_pairs();
    let body: Value = serde_json::from_str(&req.body).unwrap_or(Value::Null);
    let company = q
        .get("company_id")
        .cloned()
        .or_else(|| body.get("company_id").map(|v| v.to_string()));
    let header = req.header("procore-company-id").map(str::to_string);
    if header.is_none() {
        return json_reply(
            400,
            json!({"errors": "Procore-Company-Id header is required"}),
        );
    }
    if company != header || header != Some(PROCORE_COMPANY.to_string()) {
        return json_reply(
            403,
            json!({"errors": "You do not have access to this company"}),
        );
    }
    let parts: Vec<&str> = req
        .path
        .trim_start_matches("/rest/v1.0/webhooks/hooks")
        .split('/')
        .collect();
    let hook_id = |p: &str| p.parse::<i64>().ok();
    match (req.method.as_str(), parts.as_slice()) {
        ("GET", [""]) => json_reply(200, Value::Array(s.hooks.clone())),
        ("POST", [""]) => {
            let hook = &body["hook"];
            let Some(dest) = hook["destination_url"].as_str() else {
                return json_reply(
                    422,
                    json!({"errors": {"destination_url": ["can't be blank"]}}),
                );
            };
            s.next_id += 1;
            let created = json!({
                "id": s.next_id,
                "owned_by_company_id": PROCORE_COMPANY,
                "namespace": hook["namespace"],
                "destination_url": dest,
                "destination_headers": hook.get("destination_headers").cloned().unwrap_or(json!({})),
                "api_version": "v2",
            });
            s.hooks.push(created.clone());
            json_reply(201, created)
        }
        ("GET", ["", id]) | ("DELETE", ["", id]) => {
            let Some(pos) = hook_id(id).and_then(|id| s.hooks.iter().position(|h| h["id"] == id))
            else {
                return json_reply(404, json!({"errors": "Not Found"}));
            };
            if req.method == "DELETE" {
                let removed = s.hooks.remove(pos);
                s.triggers.retain(|t| t["hook_id"] != removed["id"]);
                return (204, vec![], String::new());
            }
            json_reply(200, s.hooks[pos].clone())
        }
        ("GET", ["", id, "triggers"]) => {
            let id = hook_id(id);
            json_reply(
                200,
                Value::Array(
                    s.triggers
                        .iter()
                        .filter(|t| t["hook_id"].as_i64() == id)
                        .cloned()
                        .collect(),
                ),
            )
        }
        ("POST", ["", id, "triggers"]) => {
            let Some(id) = hook_id(id).filter(|id| s.hooks.iter().any(|h| h["id"] == *id)) else {
                return json_reply(404, json!({"errors": "Not Found"}));
            };
            let t = &body["trigger"];
            let kind = t["event_type"].as_str().unwrap_or("");
            if !["create", "update", "delete"].contains(&kind)
                || t["resource_name"].as_str().is_none()
            {
                return json_reply(422, json!({"errors": "invalid trigger"}));
            }
            s.next_id += 1;
            let created = json!({"id": s.next_id, "hook_id": id, "resource_name": t["resource_name"], "event_type": kind});
            s.triggers.push(created.clone());
            json_reply(201, created)
        }
        ("GET", ["", id, "deliveries"]) => {
            let Some(id) = hook_id(id) else {
                return json_reply(404, json!({}));
            };
            let all = vec![
                json!({"id": 1, "hook_id": id, "status": "successful", "response_status": 200, "started_at": "2026-11-20T10:00:00Z", "event_id": 11}),
                json!({"id": 2, "hook_id": id, "status": "failed", "response_status": 500, "started_at": "2026-11-20T10:05:00Z", "event_id": 12}),
            ];
            let wanted = q.get("filter[status]");
            json_reply(
                200,
                Value::Array(
                    all.into_iter()
                        .filter(|d| wanted.is_none_or(|w| d["status"] == *w))
                        .collect(),
                ),
            )
        }
        _ => json_reply(404, json!({"errors": "Not Found"})),
    }
}

// ---------------------------------------------------------------------------------------------
// PlanRadar

pub const PLANRADAR_CUSTOMER: i64 = 1_234_567;
pub const PLANRADAR_KEY: &str = "prk_9d2c7e4a1b8f3e60";

#[derive(Default)]
pub struct PlanRadarState {
    /// Arrival of every request the account made.
    pub arrivals: Vec<Instant>,
    pub cooldown_until: Option<Instant>,
    /// Answer the next request with 429 (and this Retry-After, if any).
    pub force_429: Option<Option<u64>>,
    pub throttled: u64,
}

pub struct PlanRadar {
    pub double: Double,
    pub state: Arc<Mutex<PlanRadarState>>,
}

impl PlanRadar {
    pub fn start() -> Self {
        let state: Arc<Mutex<PlanRadarState>> = Arc::default();
        let s = state.clone();
        let double = Double::start(Arc::new(move |req: &Seen| planradar(&s, req)));
        PlanRadar { double, state }
    }

    /// The API base, as a user passes it to `--api`.
    pub fn api(&self) -> String {
        format!("{}/api/v1", self.double.url())
    }
}

fn planradar(state: &Mutex<PlanRadarState>, req: &Seen) -> (u16, Vec<(String, String)>, String) {
    let mut s = state.lock().unwrap();
    let now = req.at;
    s.arrivals.push(now);
    if let Some(retry_after) = s.force_429.take() {
        s.throttled += 1;
        s.cooldown_until = Some(now + Duration::from_secs(retry_after.unwrap_or(300)));
        let headers = retry_after
            .map(|r| vec![("retry-after".to_string(), r.to_string())])
            .unwrap_or_default();
        return (429, headers, r#"{"errors":"rate limit exceeded"}"#.into());
    }
    // 30 requests in any minute per account, then a 5-minute cooldown.
    let window_start = now.checked_sub(Duration::from_secs(60)).unwrap_or(now);
    let in_window = s.arrivals.iter().filter(|t| **t > window_start).count();
    if s.cooldown_until.is_some_and(|u| now < u) || in_window > 30 {
        s.throttled += 1;
        s.cooldown_until
            .get_or_insert(now + Duration::from_secs(300));
        return (429, vec![], r#"{"errors":"rate limit exceeded"}"#.into());
    }
    if req.header("x-planradar-api-key") != Some(PLANRADAR_KEY) {
        return json_reply(401, json!({"errors": "invalid API key"}));
    }
    let projects = format!("/api/v1/{PLANRADAR_CUSTOMER}/projects");
    if req.method == "GET" && req.path == projects {
        return json_reply(
            200,
            json!({"data": [{"id": "abcde", "type": "projects", "attributes": {"name": "Tower A"}}]}),
        );
    }
    json_reply(404, json!({"errors": "not found"}))
}
