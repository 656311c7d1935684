//! Browser sign-in, shared by the authorization code flow (`GET /oauth/authorize`) and the
//! device flow (`GET /device`): the sign-in session and its cookie, the CSRF token of its
//! forms, the login check (the same work for unknown logins) and the consent decision, which
//! ends in an authorization code or a device's approval. The pages are shaped in `pages`.

use std::collections::HashMap;

use axum::http::{HeaderMap, header};
use serde::{Deserialize, Serialize};

use crate::crypto::{random_string, random_token, sha256_hex};
use crate::store::{self, Conn};

/// The out-of-band redirect: the code is shown on a page instead.
pub const OOB: &str = "urn:ietf:wg:oauth:2.0:oob";
pub const SESSION_COOKIE: &str = "svcacct_sandbox_session";
pub const SESSION_TTL: i64 = 900;
const CODE_TTL: i64 = 600;
/// Sign-in sessions kept at once; past this the oldest are dropped, so unauthenticated
/// requests cannot grow the database without bound.
const MAX_SESSIONS: i64 = 10_000;
/// Sign-in sessions one source may have open at once; past this its own oldest are dropped,
/// so a flood of unauthenticated `/oauth/authorize` requests evicts only the flooder's.
const SESSIONS_PER_SOURCE: i64 = 20;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuthorizeParams {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub scope: String,
    /// A device-flow sign-in (RFC 8628): the user code it approves, instead of a redirect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_user_code: Option<String>,
}

impl AuthorizeParams {
    /// Does the sign-in ask for the credentials scope (shown on the consent page)?
    pub fn wants_credentials(&self) -> bool {
        self.scope
            .split(' ')
            .any(|s| s == crate::http::CREDENTIALS_SCOPE)
    }
}

/// A sign-in session just opened: the cookie's value and the forms' CSRF token.
pub struct Opened {
    pub session_id: String,
    pub csrf: String,
}

/// Store a sign-in session for `params`, from `peer`.
pub fn begin(
    conn: &Conn,
    params: &AuthorizeParams,
    peer: std::net::IpAddr,
    now: i64,
) -> store::Result<Opened> {
    let source = crate::oauth::throttle::source_of(peer);
    let session_id = random_string(32);
    let csrf = random_string(24);
    let stored = serde_json::to_string(params).expect("serialisable");
    store::signin::open(
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
    )?;
    Ok(Opened { session_id, csrf })
}

pub struct Session {
    pub id_hash: String,
    pub csrf: String,
    pub user_id: Option<i64>,
    pub params: AuthorizeParams,
}

/// Why a login or consent form cannot be processed.
pub enum SessionProblem {
    Expired,
    CsrfMismatch,
    Server(String),
}

/// The sign-in session named by the cookie, with the form's CSRF token checked.
pub fn session(
    conn: &Conn,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    now: i64,
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
    let id_hash = sha256_hex(&session_id);
    let row = store::signin::session(conn, &id_hash)
        .map_err(|e| SessionProblem::Server(e.to_string()))?;
    let Some(row) = row else {
        return Err(SessionProblem::Expired);
    };
    if row.expires_at <= now {
        return Err(SessionProblem::Expired);
    }
    if form.get("csrf").map(String::as_str) != Some(row.csrf.as_str()) {
        return Err(SessionProblem::CsrfMismatch);
    }
    let params =
        serde_json::from_str(&row.params).map_err(|e| SessionProblem::Server(e.to_string()))?;
    Ok(Session {
        id_hash,
        csrf: row.csrf,
        user_id: row.user_id,
        params,
    })
}

/// An argon2 hash of nothing anyone knows: an unknown login is checked against it, so it costs
/// the same time as a known one (no user enumeration by timing).
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| crate::crypto::hash_password(&random_string(24)))
}

/// The stored side of a login check: who `login` is (if a person who may sign in) and the
/// hash to check the password against (a decoy when unknown).
pub struct PasswordCheck {
    known: Option<(i64, String)>,
    hash: String,
}

pub fn password_check(conn: &Conn, login: &str) -> store::Result<PasswordCheck> {
    Ok(match store::signin::person_by_login(conn, login)? {
        Some(store::signin::Person {
            id,
            name,
            password_hash: Some(hash),
        }) => PasswordCheck {
            known: Some((id, name)),
            hash,
        },
        _ => PasswordCheck {
            known: None,
            hash: decoy_hash().to_string(),
        },
    })
}

impl PasswordCheck {
    /// The person (id, name) if `password` is theirs. Slow (argon2), the same work whether the
    /// login exists or not: call it off the async workers, holding no connection.
    pub fn verify(self, password: &str) -> Option<(i64, String)> {
        let ok = crate::crypto::verify_password(password, &self.hash);
        self.known.filter(|_| ok)
    }
}

/// What the consent page names.
pub struct ConsentNames {
    pub app: String,
    pub company: String,
}

/// Person `user_id` signed in on `session`: note it, and name what they will consent to.
pub fn signed_in(conn: &Conn, session: &Session, user_id: i64) -> store::Result<ConsentNames> {
    store::signin::signed_in(conn, &session.id_hash, user_id)?;
    let (app, company) =
        store::signin::consent_names(conn, &session.params.client_id, user_id).unwrap_or_default();
    Ok(ConsentNames {
        app: app.unwrap_or_else(|| session.params.client_id.clone()),
        company: company.unwrap_or_default(),
    })
}

/// What the signed-in person decided on the consent form.
pub enum Decision {
    /// An authorization code for the redirect.
    Code(String),
    /// Access denied (redirected as `access_denied`).
    Denied,
    /// A device sign-in was approved or denied.
    Device { approved: bool },
    /// The device sign-in was no longer waiting.
    DeviceGone,
    /// The form's decision was neither approve nor deny.
    Invalid,
}

/// Decide on `session` (good for one decision: it is closed whatever the outcome).
pub fn decide(
    conn: &Conn,
    session: &Session,
    user_id: i64,
    decision: Option<&str>,
    now: i64,
) -> store::Result<Decision> {
    let _ = store::signin::close(conn, &session.id_hash);
    let approve = match decision {
        Some("approve") => true,
        Some("deny") => false,
        _ => return Ok(Decision::Invalid),
    };
    let p = &session.params;
    if let Some(user_code) = &p.device_user_code {
        let status = if approve { "approved" } else { "denied" };
        return Ok(
            if store::signin::decide_device(conn, user_code, user_id, status, now)? {
                Decision::Device { approved: approve }
            } else {
                Decision::DeviceGone
            },
        );
    }
    if !approve {
        return Ok(Decision::Denied);
    }
    let code = random_token("sbc_");
    store::signin::insert_code(
        conn,
        &store::signin::NewCode {
            hash: &sha256_hex(&code),
            client_id: &p.client_id,
            user_id,
            redirect_uri: &p.redirect_uri,
            code_challenge: p.code_challenge.as_deref(),
            scope: &p.scope,
            expires_at: now + CODE_TTL,
        },
    )?;
    Ok(Decision::Code(code))
}
