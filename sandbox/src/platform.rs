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

use crate::clock::rfc3339;
use crate::crypto::sha256_hex;
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
    /// The token this request came with (to mark "current" in token listings).
    #[serde(skip)]
    pub token_id: i64,
    /// `access` (minted by an OAuth client) or `pat`.
    #[serde(skip)]
    pub token_kind: String,
    /// The OAuth client an access token was minted for (none for a PAT).
    #[serde(skip)]
    pub client_id: Option<String>,
    /// The scopes the user granted that client (space-separated; empty without a grant).
    #[serde(skip)]
    pub scope: String,
    /// When the credential behind the token stops working (a PAT's expiry, or the end of the
    /// grace of the service-account secret it was minted with), where it does.
    #[serde(skip)]
    pub credential_expires_at: Option<i64>,
}

/// The response header naming that moment (like GitHub's
/// `GitHub-Authentication-Token-Expiration`), so that clients can warn before it comes.
pub const CREDENTIAL_EXPIRES_HEADER: &str = "svcacct-credential-expires";

/// The scope a third-party app must be granted, explicitly, to manage credentials (PATs,
/// service accounts, webhooks, app installs) on the user's behalf.
pub const CREDENTIALS_SCOPE: &str = "credentials";

impl Principal {
    /// A first-party credential: the platform's own CLI, a personal access token, or a token
    /// whose grant carries the `credentials` scope. Anything else (a marketplace app's user
    /// token, an app's or service account's client-credentials token) cannot manage credentials.
    pub fn is_first_party(&self) -> bool {
        self.token_kind == "pat"
            || self.client_id.as_deref() == Some(crate::seed::CLI_CLIENT_ID)
            || self.scope.split(' ').any(|s| s == CREDENTIALS_SCOPE)
    }
}

/// Credential management only with first-party credentials (see [`Principal::is_first_party`]).
pub fn require_first_party(p: &Principal) -> Result<(), ApiError> {
    if p.is_first_party() {
        return Ok(());
    }
    Err(ApiError::forbidden_because(
        "credential_kind",
        format!(
            "managing credentials needs a first-party credential (the svcacct CLI, a personal access token, or a token granted the '{CREDENTIALS_SCOPE}' scope); this token was issued to {}",
            p.client_id
                .as_deref()
                .map(|c| format!("client '{c}'"))
                .unwrap_or_else(|| "another client".into())
        ),
    ))
}

/// The route layer for the credential-management routes: every route in that group gets it.
pub async fn first_party_only(req: Request, next: Next) -> Response {
    if let Some(p) = req.extensions().get::<Principal>()
        && let Err(e) = require_first_party(p)
    {
        return e.into_response();
    }
    next.run(req).await
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn principal_for(state: &Shared, token: &str) -> Result<Principal, ApiError> {
    let conn = state.read();
    let row = conn
        .query_row(
            "SELECT t.id, t.kind, t.expires_at, t.revoked, u.disabled,
                    u.id, u.company_id, u.login, u.name, u.email, u.kind, u.is_owner, u.is_admin, u.api_access, u.user_management,
                    t.client_id, COALESCE(g.scope, ''),
                    CASE WHEN t.kind = 'pat' THEN t.expires_at
                         ELSE (SELECT cs.expires_at FROM client_secrets cs WHERE cs.id = t.secret_id) END
             FROM tokens t JOIN users u ON u.id = t.user_id LEFT JOIN grants g ON g.id = t.grant_id
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
                        token_id: r.get(0)?,
                        token_kind: r.get(1)?,
                        client_id: r.get(15)?,
                        scope: r.get(16)?,
                        credential_expires_at: r.get(17)?,
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
/// request. Every response carries the `RateLimit-*` headers.
pub async fn authenticate(State(state): State<Shared>, mut req: Request, next: Next) -> Response {
    let principal = match bearer(req.headers()).map(str::to_string) {
        Some(token) => {
            let state = state.clone();
            tokio::task::spawn_blocking(move || principal_for(&state, &token))
                .await
                .unwrap_or_else(|_| Err(ApiError::unauthorized("the access token is not valid")))
        }
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
                let expires = p.credential_expires_at;
                req.extensions_mut().insert(p);
                let mut resp = next.run(req).await;
                if let Some(at) = expires
                    && let Ok(v) = HeaderValue::from_str(&rfc3339(at))
                {
                    resp.headers_mut().insert(CREDENTIAL_EXPIRES_HEADER, v);
                }
                resp
            }
            Err(e) => e.into_response(),
        }
    };
    set_rate_headers(resp.headers_mut(), &decision);
    in_error_shape(resp).await
}

/// A request body read whole, up to the API's 1 MiB limit (a larger one is answered 413).
pub async fn buffered(body: axum::body::Body) -> Result<axum::body::Bytes, Response> {
    axum::body::to_bytes(body, 1024 * 1024).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            "request bodies are limited to 1 MiB",
        )
        .into_response()
    })
}

/// Every request body of the API is a JSON object. serde would also read a struct from a JSON
/// array (`[null, null]`), so anything but an object is refused here, for every route at once.
pub async fn object_bodies(req: Request, next: Next) -> Response {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"));
    if !is_json {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match buffered(body).await {
        Ok(bytes) => bytes,
        Err(too_large) => return too_large,
    };
    if let Ok(value) = serde_json::from_slice::<Value>(&bytes)
        && !value.is_object()
    {
        return ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            "the request body must be a JSON object",
        )
        .into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// Rejections from extractors (a malformed JSON body, a bad query string) come as plain text;
/// the API promises one JSON error shape, so they are rewrapped here, in one place.
async fn in_error_shape(resp: Response) -> Response {
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"));
    if !status.is_client_error() || is_json {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let code = match status {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid_body",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        _ => "invalid_request",
    };
    let mut rewrapped = ApiError::new(
        status,
        code,
        String::from_utf8_lossy(&text).trim().to_string(),
    )
    .into_response();
    for name in [
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
        "allow",
    ] {
        if let Some(v) = parts.headers.get(name) {
            rewrapped.headers_mut().insert(name, v.clone());
        }
    }
    rewrapped
}

/// The highest page number accepted (so that offsets never overflow).
pub const MAX_PAGE: u64 = 1_000_000;

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

impl PageQuery {
    pub fn resolve(&self) -> Result<(u64, u64), ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(30);
        if page == 0 || page > MAX_PAGE || per_page == 0 || per_page > 100 {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_pagination",
                format!("page must be between 1 and {MAX_PAGE}, and per_page between 1 and 100"),
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

/// The caller belongs to `company_id` (else 404: other companies are not disclosed).
pub fn require_member(p: &Principal, company_id: i64) -> Result<(), ApiError> {
    if p.company_id != company_id {
        return Err(ApiError::not_found(format!(
            "company {company_id} not found"
        )));
    }
    Ok(())
}

/// The caller has Admin level on the company Admin tool (the seed's rule for service accounts).
pub fn require_company_admin(p: &Principal, company_id: i64, action: &str) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    if !p.is_admin {
        return Err(ApiError::forbidden_because(
            "admin_required",
            format!(
                "to {action} you need Admin level on the company Admin tool; '{}' does not have it",
                p.login
            ),
        ));
    }
    Ok(())
}

/// The caller may use `tool` at level `min` or better: on `project_id` (company-wide
/// permissions count there) or company-wide. Account owners and company admins may use every
/// tool; everyone else, people and integrations alike, needs the permission.
pub fn require_tool(
    conn: &rusqlite::Connection,
    p: &Principal,
    company_id: i64,
    project_id: Option<i64>,
    tool: &str,
    min: &str,
    action: &str,
) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    if p.is_owner || p.is_admin {
        return Ok(());
    }
    let level = crate::permissions::level_on(conn, p.id, project_id.unwrap_or(0), tool)?;
    if crate::permissions::rank(&level) >= crate::permissions::rank(min) {
        // What was needed, for least privilege (`sa view`, `audit`, `--trim-unused`).
        crate::store::permission_usage::record(conn, p.id, tool, min, crate::clock::system_now())?;
        return Ok(());
    }
    let place = project_id
        .map(|id| format!(" on project {id}"))
        .unwrap_or_default();
    Err(ApiError::forbidden_because(
        "permission_required",
        format!(
            "to {action} you need the permission {tool}: {min}{place}; '{}' has {tool}: {level}",
            p.login
        ),
    ))
}

/// Reading the company directory: people in it see it; integrations (service accounts, apps'
/// service users) need `directory: read`.
pub fn require_directory(
    conn: &rusqlite::Connection,
    p: &Principal,
    company_id: i64,
) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    if p.kind == "person" {
        return Ok(());
    }
    require_tool(
        conn,
        p,
        company_id,
        None,
        "directory",
        "read",
        "read the company directory",
    )
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
    let name = crate::store::projects::company_name(&state.db(), p.company_id)?.unwrap_or_default();
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

/// `GET /api/v1/companies/{company_id}/projects`
pub async fn projects(
    State(state): State<Shared>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::extract::Path(company_id): axum::extract::Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    require_member(&p, company_id)?;
    let (page, per_page) = q.resolve()?;
    let conn = state.db();
    let (total, projects) =
        crate::store::projects::page(&conn, company_id, per_page, (page - 1) * per_page)?;
    let items = projects
        .into_iter()
        .map(|(id, name)| json!({"id": id, "name": name}))
        .collect();
    Ok(paginated(
        &state.base_url,
        &format!("/api/v1/companies/{company_id}/projects"),
        "",
        page,
        per_page,
        total,
        items,
    ))
}

/// `GET /api/v1/companies/{company_id}/projects/{project_id}/documents`: needs `documents: read`
/// or better on that project (company-wide counts). Account owners and company admins may read.
pub async fn documents(
    State(state): State<Shared>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::extract::Path((company_id, project_id)): axum::extract::Path<(i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    let conn = state.db();
    require_member(&p, company_id)?;
    let Some(project) = crate::store::projects::name(&conn, company_id, project_id)? else {
        return Err(ApiError::not_found(format!(
            "project {project_id} not found in company {company_id}"
        )));
    };
    require_tool(
        &conn,
        &p,
        company_id,
        Some(project_id),
        "documents",
        "read",
        "read documents",
    )?;
    Ok(Json(json!([
        {"id": project_id * 100 + 1, "project_id": project_id, "name": format!("{project} — drawings set A.pdf")},
        {"id": project_id * 100 + 2, "project_id": project_id, "name": format!("{project} — specifications.pdf")},
    ])))
}
