//! The platform API under `/api/v1`: bearer authentication, the per-account rate limit,
//! and the resources.

use axum::Json;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::crypto::sha256_hex;
use crate::db::now;
use crate::error::ApiError;
use crate::state::Shared;

/// Who a request acts as.
#[derive(Clone, Debug, Serialize)]
pub struct Principal {
    pub id: i64,
    pub company_id: i64,
    pub login: String,
    pub name: String,
    pub email: String,
    pub kind: String,
    pub is_owner: bool,
    pub is_admin: bool,
    pub api_access: bool,
    pub user_management: bool,
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn principal_for(state: &Shared, token: &str) -> Result<Principal, ApiError> {
    let conn = state.db();
    let row = conn
        .query_row(
            "SELECT t.id, t.kind, t.expires_at, t.revoked, u.disabled,
                    u.id, u.company_id, u.login, u.name, u.email, u.kind, u.is_owner, u.is_admin, u.api_access, u.user_management
             FROM tokens t JOIN users u ON u.id = t.user_id
             WHERE t.hash = ?1 AND t.kind IN ('access', 'pat')",
            [sha256_hex(token)],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, bool>(4)?,
                    Principal {
                        id: r.get(5)?,
                        company_id: r.get(6)?,
                        login: r.get(7)?,
                        name: r.get(8)?,
                        email: r.get(9)?,
                        kind: r.get(10)?,
                        is_owner: r.get(11)?,
                        is_admin: r.get(12)?,
                        api_access: r.get(13)?,
                        user_management: r.get(14)?,
                    },
                ))
            },
        )
        .optional()?;
    let Some((token_id, kind, expires_at, revoked, disabled, principal)) = row else {
        return Err(ApiError::unauthorized("the access token is not valid"));
    };
    if revoked {
        return Err(ApiError::unauthorized("the access token was revoked"));
    }
    if expires_at.is_some_and(|e| e <= now()) {
        return Err(ApiError::unauthorized("the access token expired"));
    }
    if disabled {
        return Err(ApiError::unauthorized(
            "the user behind this token is disabled",
        ));
    }
    if kind == "pat" {
        conn.execute(
            "UPDATE tokens SET last_used_at = ?1 WHERE id = ?2",
            rusqlite::params![now(), token_id],
        )?;
    }
    Ok(principal)
}

fn set_rate_headers(headers: &mut HeaderMap, d: &crate::ratelimit::RateDecision) {
    headers.insert("ratelimit-limit", HeaderValue::from(d.limit));
    headers.insert("ratelimit-remaining", HeaderValue::from(d.remaining));
    headers.insert("ratelimit-reset", HeaderValue::from(d.reset_secs));
}

/// Authenticate the bearer token, charge the account's budget, and put the [`Principal`] in the
/// request. Every response carries the `RateLimit-*` headers.
pub async fn authenticate(State(state): State<Shared>, mut req: Request, next: Next) -> Response {
    let principal = match bearer(req.headers()) {
        Some(token) => principal_for(&state, token),
        None => Err(ApiError::unauthorized(
            "no bearer token: send 'Authorization: Bearer <token>'",
        )),
    };
    // Unauthenticated requests share one anonymous budget (account 0).
    let account = principal.as_ref().map(|p| p.company_id).unwrap_or(0);
    let decision = state.rate.check(account);
    let mut resp = if !decision.allowed {
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
    } else {
        match principal {
            Ok(p) => {
                req.extensions_mut().insert(p);
                next.run(req).await
            }
            Err(e) => e.into_response(),
        }
    };
    set_rate_headers(resp.headers_mut(), &decision);
    resp
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

impl PageQuery {
    pub fn resolve(&self) -> Result<(u64, u64), ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(30);
        if page == 0 || per_page == 0 || per_page > 100 {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_pagination",
                "page must be ≥ 1 and per_page between 1 and 100",
            ));
        }
        Ok((page, per_page))
    }
}

/// A page of items with `Total` and an RFC 8288 `Link` header (first/prev/next/last).
pub fn paginated(
    base_url: &str,
    path: &str,
    extra_query: &str,
    page: u64,
    per_page: u64,
    total: u64,
    items: Vec<Value>,
) -> Response {
    let last = total.div_ceil(per_page).max(1);
    let link = |p: u64, rel: &str| {
        format!("<{base_url}{path}?{extra_query}page={p}&per_page={per_page}>; rel=\"{rel}\"")
    };
    let mut links = vec![link(1, "first")];
    if page > 1 {
        links.push(link((page - 1).min(last), "prev"));
    }
    if page < last {
        links.push(link(page + 1, "next"));
    }
    links.push(link(last, "last"));
    let mut resp = Json(Value::Array(items)).into_response();
    let headers = resp.headers_mut();
    headers.insert("total", HeaderValue::from(total));
    if let Ok(v) = HeaderValue::from_str(&links.join(", ")) {
        headers.insert(header::LINK, v);
    }
    resp
}

/// `GET /api/v1/me`
pub async fn me(axum::Extension(p): axum::Extension<Principal>) -> Json<Principal> {
    Json(p)
}

/// `GET /api/v1/companies`: the companies the caller belongs to.
pub async fn companies(
    State(state): State<Shared>,
    axum::Extension(p): axum::Extension<Principal>,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    let (page, per_page) = q.resolve()?;
    let name: String = state.db().query_row(
        "SELECT name FROM companies WHERE id = ?1",
        [p.company_id],
        |r| r.get(0),
    )?;
    let all = [json!({"id": p.company_id, "name": name})];
    let items = all
        .iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .cloned()
        .collect();
    Ok(paginated(
        &state.base_url,
        "/api/v1/companies",
        "",
        page,
        per_page,
        all.len() as u64,
        items,
    ))
}
