//! `/api/v1/companies/{company_id}/service-accounts`: list, create, view, update, delete,
//! reset-secret. Only users with Admin level on the company Admin tool may call these.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::crypto::{random_token, sha256_hex};
use crate::db::now;
use crate::error::ApiError;
use crate::permissions::{self, Permissions};
use crate::platform::{PageQuery, Principal, paginated, require_company_admin, rfc3339};
use crate::state::Shared;
use crate::{idempotency, seed};

#[derive(Debug, Serialize)]
pub struct ServiceAccount {
    pub id: i64,
    pub company_id: i64,
    pub name: String,
    pub description: String,
    pub email: String,
    pub client_id: String,
    pub created_at: String,
    pub secret_reset_at: Option<String>,
}

const COLUMNS: &str = "sa.id, sa.company_id, sa.name, sa.description, u.email, sa.client_id, sa.created_at, sa.secret_reset_at, sa.user_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ServiceAccount, i64)> {
    Ok((
        ServiceAccount {
            id: r.get(0)?,
            company_id: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            email: r.get(4)?,
            client_id: r.get(5)?,
            created_at: rfc3339(r.get(6)?),
            secret_reset_at: r.get::<_, Option<i64>>(7)?.map(rfc3339),
        },
        r.get(8)?,
    ))
}

/// The account and its directory user's id, or 404 naming the id.
fn find(conn: &Connection, company_id: i64, id: i64) -> Result<(ServiceAccount, i64), ApiError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM service_accounts sa JOIN users u ON u.id = sa.user_id WHERE sa.company_id = ?1 AND sa.id = ?2"),
        params![company_id, id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| ApiError::not_found(format!("service account {id} not found in company {company_id}")))
}

fn with_permissions(sa: &ServiceAccount, perms: &Permissions) -> Value {
    let mut v = serde_json::to_value(sa).expect("serialisable");
    v["permissions"] = serde_json::to_value(perms).expect("serialisable");
    v
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    page: Option<u64>,
    per_page: Option<u64>,
    q: Option<String>,
}

pub async fn list(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    require_company_admin(&p, company_id, "list service accounts")?;
    let (page, per_page) = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let pattern =
        q.q.as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| format!("%{}%", s.replace('%', "\\%").replace('_', "\\_")));
    let conn = state.db();
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM service_accounts WHERE company_id = ?1 AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\')",
        params![company_id, pattern],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM service_accounts sa JOIN users u ON u.id = sa.user_id
         WHERE sa.company_id = ?1 AND (?2 IS NULL OR sa.name LIKE ?2 ESCAPE '\\') ORDER BY sa.id LIMIT ?3 OFFSET ?4"
    ))?;
    let items = stmt
        .query_map(
            params![
                company_id,
                pattern,
                per_page as i64,
                ((page - 1) * per_page) as i64
            ],
            from_row,
        )?
        .map(|r| r.map(|(sa, _)| serde_json::to_value(sa).expect("serialisable")))
        .collect::<Result<Vec<_>, _>>()?;
    let extra =
        q.q.as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| {
                format!(
                    "q={}&",
                    url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
                )
            })
            .unwrap_or_default();
    Ok(paginated(
        &state.base_url,
        &format!("/api/v1/companies/{company_id}/service-accounts"),
        &extra,
        page,
        per_page,
        total as u64,
        items,
    ))
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    name: String,
    email: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    permissions: Permissions,
}

fn unprocessable(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
}

fn validate_name(name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() || name.len() > 120 {
        return Err(unprocessable(
            "invalid_name",
            "name must be 1 to 120 characters",
        ));
    }
    Ok(())
}

/// A JSON response that was (or will be) stored for an idempotent replay.
fn json_response(status: StatusCode, body: &str) -> Response {
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

pub async fn create(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
    idempotent: Option<Extension<idempotency::Idempotent>>,
    Json(body): Json<CreateBody>,
) -> Result<Response, ApiError> {
    require_company_admin(&p, company_id, "create service accounts")?;
    validate_name(&body.name)?;
    let email = body.email.trim().to_ascii_lowercase();
    if !email.contains('@') || email.len() > 200 {
        return Err(unprocessable(
            "invalid_email",
            format!("'{}' is not an email address", body.email),
        ));
    }
    let conn = state.db();
    let taken: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM users WHERE lower(email) = ?1)",
        [&email],
        |r| r.get(0),
    )?;
    if taken {
        // Who holds it (and in which company) is not the caller's to know.
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "email_taken",
            format!(
                "{email} is already in use in a company directory: a service account's contact can be in one company directory only; use another email"
            ),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    let created =
        seed::create_service_account(&tx, company_id, body.name.trim(), &body.description, &email)?;
    let (sa, user_id) = find(&tx, company_id, created.id)?;
    permissions::apply(&tx, company_id, user_id, &body.permissions)?;
    let perms = permissions::load(&tx, user_id)?;
    crate::events::emit(
        &tx,
        company_id,
        "service_account.created",
        json!({"service_account": &sa, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    let mut out = with_permissions(&sa, &perms);
    out["client_secret"] = json!(created.client_secret);
    let text = out.to_string();
    // Stored with the account, in its transaction (the middleware replays it on a retry).
    if let Some(Extension(i)) = &idempotent {
        idempotency::store(&tx, &state, p.id, i, StatusCode::CREATED, &text)?;
    }
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(json_response(StatusCode::CREATED, &text))
}

pub async fn view(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "view service accounts")?;
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    Ok(Json(with_permissions(
        &sa,
        &permissions::load(&conn, user_id)?,
    )))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateBody {
    name: Option<String>,
    description: Option<String>,
    email: Option<String>,
    permissions: Option<Permissions>,
}

pub async fn update(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Json(body): Json<UpdateBody>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "update service accounts")?;
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    if let Some(email) = &body.email
        && !email.trim().eq_ignore_ascii_case(&sa.email)
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "email_immutable",
            format!(
                "the contact email of service account {id} ({}) cannot change: changing it in the company directory stops the account from working; create a new service account instead",
                sa.email
            ),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    if let Some(name) = &body.name {
        validate_name(name)?;
        tx.execute(
            "UPDATE service_accounts SET name = ?1 WHERE id = ?2",
            params![name.trim(), id],
        )?;
        tx.execute(
            "UPDATE users SET name = ?1 WHERE id = ?2",
            params![name.trim(), user_id],
        )?;
    }
    if let Some(description) = &body.description {
        tx.execute(
            "UPDATE service_accounts SET description = ?1 WHERE id = ?2",
            params![description, id],
        )?;
    }
    if let Some(changes) = &body.permissions {
        permissions::apply(&tx, company_id, user_id, changes)?;
    }
    let (sa, _) = find(&tx, company_id, id)?;
    let perms = permissions::load(&tx, user_id)?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(Json(with_permissions(&sa, &perms)))
}

pub async fn delete(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    require_company_admin(&p, company_id, "delete service accounts")?;
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "UPDATE tokens SET revoked = 1 WHERE client_id = ?1 OR user_id = ?2",
        params![sa.client_id, user_id],
    )?;
    permissions::clear(&tx, user_id)?;
    crate::events::emit(
        &tx,
        company_id,
        "service_account.deleted",
        json!({"service_account": &sa, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    tx.execute("DELETE FROM service_accounts WHERE id = ?1", [id])?;
    tx.execute(
        "UPDATE oauth_clients SET secret_hash = NULL, kind = 'deleted' WHERE client_id = ?1",
        [&sa.client_id],
    )?;
    tx.execute("UPDATE users SET disabled = 1 WHERE id = ?1", [user_id])?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(StatusCode::NO_CONTENT)
}

/// New secret; the old secret and every token minted with it stop working; all permissions and
/// project memberships are removed. One transaction: all of it happens, or none.
pub async fn reset_secret(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    idempotent: Option<Extension<idempotency::Idempotent>>,
) -> Result<Response, ApiError> {
    require_company_admin(&p, company_id, "reset service account secrets")?;
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    let tx = conn.unchecked_transaction()?;
    let previous = permissions::load(&tx, user_id)?;
    let secret = random_token("sas_");
    tx.execute(
        "UPDATE oauth_clients SET secret_hash = ?1 WHERE client_id = ?2",
        params![sha256_hex(&secret), sa.client_id],
    )?;
    tx.execute(
        "UPDATE tokens SET revoked = 1 WHERE client_id = ?1",
        [&sa.client_id],
    )?;
    permissions::clear(&tx, user_id)?;
    tx.execute(
        "UPDATE service_accounts SET secret_reset_at = ?1 WHERE id = ?2",
        params![now(), id],
    )?;
    crate::events::emit(
        &tx,
        company_id,
        "service_account.secret_reset",
        json!({"service_account_id": id, "client_id": sa.client_id, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    let (sa, _) = find(&tx, company_id, id)?;
    let mut out = with_permissions(&sa, &Permissions::default());
    out["client_secret"] = json!(secret);
    out["previous_permissions"] = serde_json::to_value(&previous).expect("serialisable");
    let text = out.to_string();
    if let Some(Extension(i)) = &idempotent {
        idempotency::store(&tx, &state, p.id, i, StatusCode::OK, &text)?;
    }
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(json_response(StatusCode::OK, &text))
}
