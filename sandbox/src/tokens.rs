//! Personal access tokens: `/api/v1/me/tokens` for your own, and
//! `/api/v1/companies/{company_id}/users/{user_id}/tokens` for user managers.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::crypto::{random_token, sha256_hex};
use crate::db::now;
use crate::error::ApiError;
use crate::platform::{Principal, require_member, rfc3339};
use crate::state::Shared;
use crate::users::{self, require_user_manager};

/// Longest lifetime a PAT may be given: a year.
const MAX_LIFETIME: i64 = 366 * 24 * 3600;

#[derive(Debug, Serialize)]
pub struct Pat {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    /// The first characters of the token, to recognise it.
    pub hint: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    /// This request was made with this token.
    pub current: bool,
}

fn list_for(conn: &Connection, user_id: i64, current_token: i64) -> rusqlite::Result<Vec<Pat>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, user_id, COALESCE(name, ''), COALESCE(hint, ''), created_at, expires_at, last_used_at FROM tokens
         WHERE user_id = ?1 AND kind = 'pat' AND revoked = 0 AND (expires_at IS NULL OR expires_at > ?2) ORDER BY id",
    )?;
    stmt.query_map(params![user_id, now()], |r| {
        let id: i64 = r.get(0)?;
        Ok(Pat {
            id,
            user_id: r.get(1)?,
            name: r.get(2)?,
            hint: r.get(3)?,
            created_at: rfc3339(r.get(4)?),
            expires_at: r.get::<_, Option<i64>>(5)?.map(rfc3339),
            last_used_at: r.get::<_, Option<i64>>(6)?.map(rfc3339),
            current: id == current_token,
        })
    })?
    .collect()
}

/// Revoke token `id` of `user_id` (and say so to webhooks); 404 when it is not an active PAT
/// of that user.
fn revoke(
    state: &Shared,
    conn: &Connection,
    p: &Principal,
    user_id: i64,
    id: i64,
) -> Result<(), ApiError> {
    let tx = conn.unchecked_transaction()?;
    let changed = tx.execute(
        "UPDATE tokens SET revoked = 1 WHERE id = ?1 AND user_id = ?2 AND kind = 'pat' AND revoked = 0",
        params![id, user_id],
    )?;
    if changed == 0 {
        return Err(ApiError::not_found(format!(
            "personal access token {id} not found for user {user_id}"
        )));
    }
    crate::events::emit(
        &tx,
        p.company_id,
        "token.revoked",
        json!({"token": {"id": id, "user_id": user_id}, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(())
}

pub async fn list_mine(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Pat>>, ApiError> {
    Ok(Json(list_for(&state.db(), p.id, p.token_id)?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPat {
    name: String,
    /// Seconds until the token expires; none means it lasts until revoked.
    expires_in: Option<i64>,
}

pub async fn create(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Json(body): Json<NewPat>,
) -> Result<Response, ApiError> {
    if !(p.api_access || p.is_owner) {
        return Err(ApiError::forbidden(format!(
            "creating personal access tokens needs the API access permission, which '{}' does not have; a user manager (or the account owner) can grant it",
            p.login
        )));
    }
    if body.name.trim().is_empty() || body.name.len() > 100 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_name",
            "name must be 1 to 100 characters",
        ));
    }
    if let Some(secs) = body.expires_in
        && !(60..=MAX_LIFETIME).contains(&secs)
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_expiry",
            "expires_in must be between 60 seconds and 366 days",
        ));
    }
    let token = random_token("sbp_");
    let t = now();
    let expires_at = body.expires_in.map(|s| t + s);
    let conn = state.db();
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO tokens (hash, kind, user_id, name, hint, expires_at, created_at) VALUES (?1, 'pat', ?2, ?3, ?4, ?5, ?6)",
        params![sha256_hex(&token), p.id, body.name.trim(), &token[..10], expires_at, t],
    )?;
    let id = tx.last_insert_rowid();
    crate::events::emit(
        &tx,
        p.company_id,
        "token.created",
        json!({"token": {"id": id, "user_id": p.id, "name": body.name.trim()}, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    let body = json!({
        "id": id, "user_id": p.id, "name": body.name.trim(), "hint": &token[..10], "token": token,
        "created_at": rfc3339(t), "expires_at": expires_at.map(rfc3339), "last_used_at": null, "current": false,
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub async fn revoke_mine(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    revoke(&state, &state.db(), &p, p.id, id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// A user manager acting on someone's tokens; the owner's tokens are the owner's alone.
fn may_manage(
    conn: &Connection,
    p: &Principal,
    company_id: i64,
    user_id: i64,
    action: &str,
) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    let target = users::find(conn, company_id, user_id)?;
    if target.id == p.id {
        return Ok(());
    }
    require_user_manager(p, action)?;
    if target.is_owner {
        return Err(ApiError::forbidden(
            "tokens created by the account owner cannot be revoked by other users; only the account owner can revoke them",
        ));
    }
    Ok(())
}

pub async fn list_users(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, user_id)): Path<(i64, i64)>,
) -> Result<Json<Vec<Pat>>, ApiError> {
    let conn = state.db();
    require_member(&p, company_id)?;
    let target = users::find(&conn, company_id, user_id)?;
    if target.id != p.id {
        require_user_manager(&p, "see other users' tokens")?;
    }
    Ok(Json(list_for(&conn, user_id, p.token_id)?))
}

pub async fn revoke_users(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, user_id, id)): Path<(i64, i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let conn = state.db();
    may_manage(&conn, &p, company_id, user_id, "revoke other users' tokens")?;
    let exists: Option<i64> = conn
        .query_row(
            "SELECT id FROM tokens WHERE id = ?1 AND user_id = ?2 AND kind = 'pat'",
            params![id, user_id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Err(ApiError::not_found(format!(
            "personal access token {id} not found for user {user_id}"
        )));
    }
    revoke(&state, &conn, &p, user_id, id)?;
    Ok(StatusCode::NO_CONTENT)
}
