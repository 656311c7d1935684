//! Bearer authentication and the per-account rate limit: the middleware in front of `/api/v1`.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::principal::{CREDENTIAL_EXPIRES_HEADER, Principal};
use crate::clock::rfc3339;
use crate::crypto::sha256_hex;
use crate::error::ApiError;
use crate::state::Shared;

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn principal_for(state: &Shared, token: &str) -> Result<Principal, ApiError> {
    let row = crate::store::oauth::bearer(&state.read(), &sha256_hex(token))?;
    let Some(row) = row else {
        return Err(ApiError::unauthorized("the access token is not valid"));
    };
    let crate::store::oauth::BearerRow {
        token_id,
        kind,
        expires_at,
        revoked,
        disabled,
        ..
    } = row;
    let principal = Principal {
        id: row.user_id,
        company_id: row.company_id,
        login: row.login,
        name: row.name,
        email: row.email,
        kind: row.user_kind,
        is_owner: row.is_owner,
        is_admin: row.is_admin,
        api_access: row.api_access,
        user_management: row.user_management,
        token_id,
        token_kind: kind.clone(),
        client_id: row.client_id,
        scope: row.scope,
        credential_expires_at: row.credential_expires_at,
    };
    if revoked {
        return Err(ApiError::unauthorized("the access token was revoked"));
    }
    if expires_at.is_some_and(|e| e <= state.clock.now()) {
        return Err(ApiError::unauthorized("the access token expired"));
    }
    if disabled {
        return Err(ApiError::unauthorized(
            "the user behind this token is disabled",
        ));
    }
    if kind == "pat" && !(principal.api_access || principal.is_owner) {
        return Err(ApiError::unauthorized(format!(
            "'{}' no longer has the API access permission, so personal access tokens do not work; a user manager can grant it again",
            principal.login
        )));
    }
    if kind == "pat" {
        // Written with the next write (a batch, a writer checkout or the writer's tick).
        state.store().stamp_pat(token_id, state.clock.now());
    }
    Ok(principal)
}

fn set_rate_headers(headers: &mut HeaderMap, d: &crate::ratelimit::RateDecision) {
    headers.insert("ratelimit-limit", HeaderValue::from(d.limit));
    headers.insert("ratelimit-remaining", HeaderValue::from(d.remaining));
    headers.insert("ratelimit-reset", HeaderValue::from(d.reset_secs));
}

/// Authenticate the bearer token, charge the account's budget, and put the [`Principal`] in the
/// request. Every response carries the `RateLimit-*` headers. With a token, the body is read
/// first and then authentication, the idempotent replay, the handler and the stored answer run
/// on the blocking pool with one connection leased for all of them ([`super::leased`]).
pub async fn authenticate(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let Some(token) = bearer(req.headers()).map(str::to_string) else {
        // Unauthenticated requests share one anonymous budget (account 0).
        let decision = state.rate.check(0);
        let mut resp = if decision.allowed {
            ApiError::unauthorized("no bearer token: send 'Authorization: Bearer <token>'")
                .into_response()
        } else {
            rate_limited(&decision)
        };
        set_rate_headers(resp.headers_mut(), &decision);
        return super::errors::in_error_shape(resp).await;
    };
    let (req, too_large) = super::leased::with_buffered_body(req).await;
    let writes = super::leased::writes(req.method());
    let st = state.clone();
    let resp = super::leased::on_blocking_pool(&state, writes, move |handle| {
        let principal = principal_for(&st, &token);
        let account = principal.as_ref().map(|p| p.company_id).unwrap_or(0);
        let decision = st.rate.check(account);
        let mut resp = if !decision.allowed {
            rate_limited(&decision)
        } else {
            match (principal, too_large) {
                (Ok(_), Some(too_large)) => too_large,
                (Ok(p), None) => {
                    let expires = p.credential_expires_at;
                    let mut req = req;
                    req.extensions_mut().insert(p);
                    with_expiry(handle.block_on(next.run(req)), expires)
                }
                (Err(e), _) => e.into_response(),
            }
        };
        set_rate_headers(resp.headers_mut(), &decision);
        resp
    })
    .await;
    super::errors::in_error_shape(resp).await
}

/// [`authenticate`] for routes whose handler never touches the store (`GET /api/v1/me`, the
/// event catalogue): the bearer lookup is one indexed read on a pool reader, made on the async
/// worker (as the token endpoint's credential check is), and the handler runs right there —
/// no trip to the blocking pool for a request that needs none.
pub async fn authenticate_inline(
    State(state): State<Shared>,
    mut req: Request,
    next: Next,
) -> Response {
    let principal = match bearer(req.headers()) {
        Some(token) => principal_for(&state, token),
        None => Err(ApiError::unauthorized(
            "no bearer token: send 'Authorization: Bearer <token>'",
        )),
    };
    let account = principal.as_ref().map(|p| p.company_id).unwrap_or(0);
    let decision = state.rate.check(account);
    let mut resp = if !decision.allowed {
        rate_limited(&decision)
    } else {
        match principal {
            Ok(p) => {
                let expires = p.credential_expires_at;
                req.extensions_mut().insert(p);
                with_expiry(next.run(req).await, expires)
            }
            Err(e) => e.into_response(),
        }
    };
    set_rate_headers(resp.headers_mut(), &decision);
    super::errors::in_error_shape(resp).await
}

/// The answer, with when the caller's credential expires (if it does).
fn with_expiry(mut resp: Response, expires: Option<i64>) -> Response {
    if let Some(at) = expires
        && let Ok(v) = HeaderValue::from_str(&rfc3339(at))
    {
        resp.headers_mut().insert(CREDENTIAL_EXPIRES_HEADER, v);
    }
    resp
}

fn rate_limited(decision: &crate::ratelimit::RateDecision) -> Response {
    let mut err = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!(
            "the account's budget of {} requests per minute is spent; retry in {} s",
            decision.limit, decision.reset_secs
        ),
    );
    err.retry_after = Some(decision.reset_secs);
    err.into_response()
}
