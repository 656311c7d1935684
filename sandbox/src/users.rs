//! `/api/v1/companies/{company_id}/users`: the company directory, and the API-access permission.

use crate::store::Conn;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use serde::Deserialize;

use crate::error::ApiError;
use crate::http::{
    PageQuery, Principal, paginated, require_directory, require_member, require_user_manager,
};
use crate::service::accounts::find_user as find;
use crate::state::Shared;

use crate::store::users as store;

pub async fn list(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    let conn = state.db();
    require_directory(&conn, &p, company_id)?;
    let (page, per_page) = q.resolve()?;
    let (total, users) = store::page(&conn, company_id, per_page, (page - 1) * per_page)?;
    let items = users
        .into_iter()
        .map(|u| serde_json::to_value(u).expect("serialisable"))
        .collect();
    Ok(paginated(
        &state.base_url,
        &format!("/api/v1/companies/{company_id}/users"),
        "",
        page,
        per_page,
        total,
        items,
    ))
}

pub async fn view(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let conn = state.db();
    require_directory(&conn, &p, company_id)?;
    Ok(Json(with_permissions(&conn, company_id, id)?))
}

/// A user and their permissions (company-wide and per project).
fn with_permissions(conn: &Conn, company_id: i64, id: i64) -> Result<serde_json::Value, ApiError> {
    let mut v = serde_json::to_value(find(conn, company_id, id)?).expect("serialisable");
    v["permissions"] = serde_json::to_value(crate::store::permissions::load(conn, company_id, id)?)
        .expect("serialisable");
    Ok(v)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserChanges {
    api_access: Option<bool>,
    /// Merge these permissions (company admins only).
    permissions: Option<crate::store::permissions::Permissions>,
}

/// `PATCH …/users/{id}`: grant or revoke API access (user managers only; never the owner's).
pub async fn update(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Json(changes): Json<UserChanges>,
) -> Result<Json<serde_json::Value>, ApiError> {
    require_member(&p, company_id)?;
    // Granting API access or permissions is credential management.
    crate::http::require_first_party(&p)?;
    let conn = state.db();
    let user = find(&conn, company_id, id)?;
    if let Some(api_access) = changes.api_access {
        require_user_manager(&p, "grant or revoke API access")?;
        if user.is_owner && !api_access {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "owner_api_access",
                "the account owner always has API access; it cannot be revoked",
            ));
        }
        if user.kind != "person" {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "not_a_person",
                format!("user {id} is a {}; API access is for people", user.kind),
            ));
        }
        let tx = conn.unchecked_transaction()?;
        store::set_api_access(&tx, company_id, id, api_access)?;
        tx.commit()?;
    }
    if let Some(perms) = &changes.permissions {
        crate::http::require_company_admin(&p, company_id, "set user permissions")?;
        if user.kind == "dmsa" {
            // Its permissions are its app's approved manifest, and never more.
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "managed_by_app_install",
                format!(
                    "user {id} is an app's service user: its permissions are what the install approved; change them by approving another version of the app, or uninstall it"
                ),
            ));
        }
        crate::service::permissions::apply(&conn, company_id, id, perms)?;
    }
    Ok(Json(with_permissions(&conn, company_id, id)?))
}
