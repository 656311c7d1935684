//! Personal access tokens: `/api/v1/me/tokens` for your own, and
//! `/api/v1/companies/{company_id}/users/{user_id}/tokens` for user managers.

use crate::store::Conn;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use crate::clock::rfc3339;
use crate::crypto::{random_token, sha256_hex};
use crate::error::ApiError;
use crate::http::require_user_manager;
use crate::http::{Principal, require_member};
use crate::service::accounts::find_user;
use crate::state::Shared;

/// Longest lifetime a PAT may be given: a year.
const MAX_LIFETIME: i64 = 366 * 24 * 3600;

use crate::store::users as store;
pub use crate::store::users::Pat;

/// Revoke token `id` of `user_id` (and say so to webhooks); 404 when it is not an active PAT
/// of that user.
fn revoke(
    state: &Shared,
    conn: &Conn,
    p: &Principal,
    user_id: i64,
    id: i64,
) -> Result<(), ApiError> {
    let tx = conn.unchecked_transaction()?;
    if !store::revoke_pat(&tx, p.company_id, user_id, id)? {
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
    Ok(Json(store::pats(
        &state.db(),
        p.company_id,
        p.id,
        p.token_id,
        state.clock.now(),
    )?))
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
        return Err(ApiError::forbidden_because(
            "api_access_required",
            format!(
                "creating personal access tokens needs the API access permission, which '{}' does not have; a user manager (or the account owner) can grant it",
                p.login
            ),
        ));
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
    let t = state.clock.now();
    let expires_at = body.expires_in.map(|s| t + s);
    let conn = state.db();
    let tx = conn.unchecked_transaction()?;
    let id = store::insert_pat(
        &tx,
        p.company_id,
        p.id,
        &sha256_hex(&token),
        &token[..10],
        body.name.trim(),
        expires_at,
        t,
    )?;
    // A PAT made through a third-party app's grant (the `credentials` scope) lives no longer
    // than that grant: revoking the grant (a logout, a refresh-token replay) revokes it too.
    store::bind_pat_to_app_grant(&tx, p.company_id, id, p.token_id)?;
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
    conn: &Conn,
    p: &Principal,
    company_id: i64,
    user_id: i64,
    action: &str,
) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    let target = find_user(conn, company_id, user_id)?;
    if target.id == p.id {
        return Ok(());
    }
    require_user_manager(p, action)?;
    if target.is_owner {
        return Err(ApiError::forbidden_because(
            "owner_only",
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
    let target = find_user(&conn, company_id, user_id)?;
    if target.id != p.id {
        require_user_manager(&p, "see other users' tokens")?;
    }
    Ok(Json(store::pats(
        &conn,
        company_id,
        user_id,
        p.token_id,
        state.clock.now(),
    )?))
}

pub async fn revoke_users(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, user_id, id)): Path<(i64, i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let conn = state.db();
    may_manage(&conn, &p, company_id, user_id, "revoke other users' tokens")?;
    if !store::pat_exists(&conn, company_id, user_id, id)? {
        return Err(ApiError::not_found(format!(
            "personal access token {id} not found for user {user_id}"
        )));
    }
    revoke(&state, &conn, &p, user_id, id)?;
    Ok(StatusCode::NO_CONTENT)
}
