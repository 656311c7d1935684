//! Browser sign-in, shared by the authorization code flow (`GET /oauth/authorize`) and the
//! device flow (`GET /device`): the sign-in session and its cookie, the CSRF token of its
//! forms, the login form (throttled, the same work for unknown logins) and the consent form,
//! which ends in an authorization code or a device's approval.

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::crypto::{random_string, random_token, sha256_hex, verify_password};
use crate::pages;
use crate::state::Shared;
use crate::store::{self, Conn};

pub(super) const OOB: &str = "urn:ietf:wg:oauth:2.0:oob";
const SESSION_COOKIE: &str = "svcacct_sandbox_session";
const CODE_TTL: i64 = 600;
const SESSION_TTL: i64 = 900;
/// Sign-in sessions kept at once; past this the oldest are dropped, so unauthenticated
/// requests cannot grow the database without bound.
const MAX_SESSIONS: i64 = 10_000;
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct AuthorizeParams {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub scope: String,
    /// A device-flow sign-in (RFC 8628): the user code it approves, instead of a redirect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_user_code: Option<String>,
}

pub(super) fn redirect_with(params: &AuthorizeParams, pairs: &[(&str, &str)]) -> Response {
    if params.redirect_uri == OOB {
        let code = pairs.iter().find(|(k, _)| *k == "code").map(|(_, v)| *v);
        return match code {
            Some(code) => Html(pages::oob_code(code)).into_response(),
            None => (
                StatusCode::FORBIDDEN,
                Html(pages::message(
                    "Access denied",
                    "You denied access. You can close this window.",
                )),
            )
                .into_response(),
        };
    }
    let mut url = Url::parse(&params.redirect_uri).expect("validated redirect_uri");
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in pairs {
            q.append_pair(k, v);
        }
        if let Some(state) = &params.state {
            q.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

pub(super) fn error_page(status: StatusCode, title: &str, detail: &str) -> Response {
    (status, Html(pages::message(title, detail))).into_response()
}

/// Sign-in sessions one source may have open at once; past this its own oldest are dropped,
/// so a flood of unauthenticated `/oauth/authorize` requests evicts only the flooder's.
const SESSIONS_PER_SOURCE: i64 = 20;

/// Store a sign-in session for `params` and answer with the login page (and its cookie).
pub(super) fn begin_session(
    conn: &Conn,
    params: &AuthorizeParams,
    peer: std::net::IpAddr,
    now: i64,
) -> Response {
    let source = super::throttle::source_of(peer);
    let session_id = random_string(32);
    let csrf = random_string(24);
    let stored = serde_json::to_string(params).expect("serialisable");
    let saved = store::signin::open(
        conn,
        &store::signin::NewSession {
            id_hash: &sha256_hex(&session_id),
            csrf: &csrf,
            params: &stored,
            expires_at: now + SESSION_TTL,
            source: &source,
        },
        now,
        SESSIONS_PER_SOURCE,
        MAX_SESSIONS,
    );
    if let Err(e) = saved {
        return error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Server error",
            &e.to_string(),
        );
    }
    let mut resp = Html(pages::login(&csrf, None)).into_response();
    let cookie = format!(
        "{SESSION_COOKIE}={session_id}; Path=/oauth; HttpOnly; SameSite=Lax; Max-Age={SESSION_TTL}"
    );
    resp.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("ascii cookie"),
    );
    resp
}

struct Session {
    id_hash: String,
    csrf: String,
    user_id: Option<i64>,
    params: AuthorizeParams,
}

/// Why a login or consent form cannot be processed.
enum SessionProblem {
    Expired,
    CsrfMismatch,
    Server(String),
}

impl IntoResponse for SessionProblem {
    fn into_response(self) -> Response {
        match self {
            SessionProblem::Expired => error_page(
                StatusCode::BAD_REQUEST,
                "Session expired",
                "Your sign-in session is missing or expired. Start the sign-in again from the application.",
            ),
            SessionProblem::CsrfMismatch => error_page(
                StatusCode::FORBIDDEN,
                "Invalid form",
                "The form's CSRF token does not match your session. Start the sign-in again.",
            ),
            SessionProblem::Server(e) => {
                error_page(StatusCode::INTERNAL_SERVER_ERROR, "Server error", &e)
            }
        }
    }
}

/// The sign-in session named by the cookie, with the form's CSRF token checked.
fn session_from(
    state: &Shared,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<Session, SessionProblem> {
    let session_id = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
        .ok_or(SessionProblem::Expired)?;
    let conn = state.db();
    let row = store::signin::session(&conn, &sha256_hex(&session_id))
        .map_err(|e| SessionProblem::Server(e.to_string()))?;
    let Some(store::signin::SessionRow {
        csrf,
        user_id,
        params,
        expires_at,
    }) = row
    else {
        return Err(SessionProblem::Expired);
    };
    if expires_at <= state.clock.now() {
        return Err(SessionProblem::Expired);
    }
    if form.get("csrf").map(String::as_str) != Some(csrf.as_str()) {
        return Err(SessionProblem::CsrfMismatch);
    }
    let params =
        serde_json::from_str(&params).map_err(|e| SessionProblem::Server(e.to_string()))?;
    Ok(Session {
        id_hash: sha256_hex(&session_id),
        csrf,
        user_id,
        params,
    })
}

/// An argon2 hash of nothing anyone knows: an unknown login is checked against it, so it costs
/// the same time as a known one (no user enumeration by timing).
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| crate::crypto::hash_password(&random_string(24)))
}

pub async fn login(
    State(state): State<Shared>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let session = match session_from(&state, &headers, &form) {
        Ok(s) => s,
        Err(problem) => return problem.into_response(),
    };
    let login = form.get("login").cloned().unwrap_or_default();
    let password = form.get("password").cloned().unwrap_or_default();
    if login.len() > super::throttle::MAX_LOGIN {
        return (
            StatusCode::BAD_REQUEST,
            Html(pages::login(
                &session.csrf,
                Some("Wrong login or password."),
            )),
        )
            .into_response();
    }
    if let Err(wait) = state.login_throttle.attempt(&login, peer.ip()) {
        let mut resp = (
            StatusCode::TOO_MANY_REQUESTS,
            Html(pages::login(
                &session.csrf,
                Some(&format!(
                    "Too many failed sign-ins for this account or from this address. Try again in {} minute(s).",
                    wait.div_ceil(60)
                )),
            )),
        )
            .into_response();
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return resp;
    }
    let user = match store::signin::person_by_login(&state.db(), &login) {
        Ok(u) => u,
        Err(e) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Server error",
                &e.to_string(),
            );
        }
    };
    // The same work whether the login exists or not.
    let (known, hash) = match user {
        Some(store::signin::Person {
            id,
            name,
            password_hash: Some(hash),
        }) => (Some((id, name)), hash),
        _ => (None, decoy_hash().to_string()),
    };
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let verified = known.filter(|_| ok);
    if verified.is_some() {
        state.login_throttle.succeeded(&login, peer.ip());
    }
    let Some((user_id, name)) = verified else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(pages::login(
                &session.csrf,
                Some("Wrong login or password."),
            )),
        )
            .into_response();
    };
    let conn = state.db();
    if let Err(e) = store::signin::signed_in(&conn, &session.id_hash, user_id) {
        return error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Server error",
            &e.to_string(),
        );
    }
    let (app_name, company) =
        store::signin::consent_names(&conn, &session.params.client_id, user_id).unwrap_or_default();
    let app_name = app_name.unwrap_or_else(|| session.params.client_id.clone());
    let company = company.unwrap_or_default();
    let credentials = session
        .params
        .scope
        .split(' ')
        .any(|s| s == crate::http::CREDENTIALS_SCOPE);
    Html(pages::consent(
        &session.csrf,
        &app_name,
        &name,
        &company,
        credentials,
        session.params.device_user_code.as_deref(),
    ))
    .into_response()
}

pub async fn consent(
    State(state): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let session = match session_from(&state, &headers, &form) {
        Ok(s) => s,
        Err(problem) => return problem.into_response(),
    };
    let Some(user_id) = session.user_id else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Not signed in",
            "Sign in before approving access.",
        );
    };
    let conn = state.db();
    // A session is good for one decision.
    let _ = store::signin::close(&conn, &session.id_hash);
    if let Some(user_code) = &session.params.device_user_code {
        return decide_device(
            &conn,
            user_code,
            user_id,
            form.get("decision").map(String::as_str),
            state.clock.now(),
        );
    }
    match form.get("decision").map(String::as_str) {
        Some("approve") => {
            let code = random_token("sbc_");
            let p = &session.params;
            let stored = store::signin::insert_code(
                &conn,
                &store::signin::NewCode {
                    hash: &sha256_hex(&code),
                    client_id: &p.client_id,
                    user_id,
                    redirect_uri: &p.redirect_uri,
                    code_challenge: p.code_challenge.as_deref(),
                    scope: &p.scope,
                    expires_at: state.clock.now() + CODE_TTL,
                },
            );
            if let Err(e) = stored {
                return error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Server error",
                    &e.to_string(),
                );
            }
            redirect_with(&session.params, &[("code", &code)])
        }
        Some("deny") => redirect_with(
            &session.params,
            &[
                ("error", "access_denied"),
                ("error_description", "the user denied access"),
            ],
        ),
        _ => error_page(
            StatusCode::BAD_REQUEST,
            "Invalid form",
            "decision must be approve or deny.",
        ),
    }
}

/// The signed-in user's decision on a device sign-in (RFC 8628 §3.3).
fn decide_device(
    conn: &Conn,
    user_code: &str,
    user_id: i64,
    decision: Option<&str>,
    now: i64,
) -> Response {
    let status = match decision {
        Some("approve") => "approved",
        Some("deny") => "denied",
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                Html(pages::message(
                    "Invalid form",
                    "decision must be approve or deny.",
                )),
            )
                .into_response();
        }
    };
    let changed = store::signin::decide_device(conn, user_code, user_id, status, now);
    match (changed, status) {
        (Ok(true), "approved") => Html(pages::message(
            "Device approved",
            "You can close this window and return to your terminal.",
        ))
        .into_response(),
        (Ok(true), _) => Html(pages::message(
            "Access denied",
            "The device was not given access. You can close this window.",
        ))
        .into_response(),
        (Ok(false), _) => (
            StatusCode::BAD_REQUEST,
            Html(pages::message(
                "Code expired",
                "This sign-in expired or was used already. Start again on your device.",
            )),
        )
            .into_response(),
        (Err(e), _) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Html(pages::message("Server error", &e.to_string())),
        )
            .into_response(),
    }
}
