//! App installs in a company: request, view, approve (creating the DMSA), deny, uninstall.

use crate::store::Conn;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{Value, json};

use super::app_json;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::http::{Principal, require_company_admin, require_member};
use crate::state::Shared;
use crate::store::apps as store;

/// Install `id` of the company as stored, or 404.
fn install_row(conn: &Conn, company_id: i64, id: i64) -> Result<store::InstallRow, ApiError> {
    store::get(conn, company_id, id)?.ok_or_else(|| {
        ApiError::not_found(format!(
            "app install {id} not found in company {company_id}"
        ))
    })
}

/// An install as the API shows it.
fn install_value(company_id: i64, id: i64, i: &store::InstallRow) -> Value {
    json!({
        "id": id,
        "company_id": company_id,
        "state": i.state,
        "requested_version": i.requested_version,
        "approved_version": i.approved_version,
        "approved_permissions": i.approved_permissions.as_deref().and_then(|p| serde_json::from_str::<Value>(p).ok()),
        "requested_permissions": i.app.manifest,
        "project_ids": serde_json::from_str::<Value>(&i.project_ids).unwrap_or(json!([])),
        "dmsa_user_id": i.dmsa_user_id,
        "deny_reason": i.deny_reason,
        "created_at": rfc3339(i.created_at),
        "updated_at": rfc3339(i.updated_at),
        "app": app_json(&i.app),
    })
}

fn install_json(conn: &Conn, company_id: i64, id: i64) -> Result<Value, ApiError> {
    Ok(install_value(
        company_id,
        id,
        &install_row(conn, company_id, id)?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct InstallsQuery {
    status: Option<String>,
}

pub async fn list(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
    Query(q): Query<InstallsQuery>,
) -> Result<Json<Value>, ApiError> {
    require_member(&p, company_id)?;
    const STATES: &[&str] = &["pending", "approved", "denied", "uninstalled"];
    if let Some(s) = &q.status
        && !STATES.contains(&s.as_str())
    {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "invalid_status",
            format!("status must be one of {}", STATES.join(", ")),
        ));
    }
    let conn = state.db();
    let ids = store::ids(&conn, company_id, q.status.as_deref())?;
    Ok(Json(Value::Array(
        ids.into_iter()
            .map(|id| install_json(&conn, company_id, id))
            .collect::<Result<_, _>>()?,
    )))
}

pub async fn view(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    require_member(&p, company_id)?;
    Ok(Json(install_json(&state.db(), company_id, id)?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    app: String,
}

/// `POST …/apps`: any member may ask for an install; it waits for an admin.
pub async fn request(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
    Json(body): Json<RequestBody>,
) -> Result<Response, ApiError> {
    require_member(&p, company_id)?;
    if p.kind != "person" {
        return Err(ApiError::forbidden_because(
            "person_only",
            format!(
                "only people in the company may request app installs; '{}' is a {}",
                p.login,
                p.kind.replace('_', " ")
            ),
        ));
    }
    let conn = state.db();
    let app = crate::store::catalogue::by_slug(&conn, &body.app)?
        .ok_or_else(|| ApiError::not_found(format!("no app '{}' in the marketplace", body.app)))?;
    if let Some((id, st)) = store::open_install(&conn, company_id, app.id)? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "already_requested",
            format!(
                "{} is already {st} in company {company_id} (install {id})",
                app.name
            ),
        ));
    }
    let id = store::insert(&conn, company_id, &app, p.id, state.clock.now())?;
    Ok((
        StatusCode::CREATED,
        Json(install_json(&conn, company_id, id)?),
    )
        .into_response())
}

/// Only a pending install can be approved or denied.
fn require_pending(install: &store::InstallRow, id: i64) -> Result<(), ApiError> {
    match install.state.as_str() {
        "pending" => Ok(()),
        other => Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_pending",
            format!("install {id} is {other}, not pending"),
        )),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApproveBody {
    #[serde(default)]
    project_ids: Vec<i64>,
}

/// `POST …/apps/{id}/approve`: grant the manifest to the app's DMSA on the chosen projects.
pub async fn approve(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Json(body): Json<ApproveBody>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "approve app installs")?;
    let conn = state.db();
    let row = install_row(&conn, company_id, id)?;
    require_pending(&row, id)?;
    let manifest = row.app.manifest.clone();
    let uses_dmsa = row.app.dmsa;
    if uses_dmsa && !manifest.project.is_empty() && body.project_ids.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "projects_required",
            "this app asks for project permissions: choose the projects (project_ids)",
        ));
    }
    let tx = conn.unchecked_transaction()?;
    let mut dmsa = row.dmsa_user_id;
    if uses_dmsa {
        let user = store::dmsa_user(&tx, company_id, dmsa, &row.app, state.clock.now())?;
        crate::store::permissions::clear(&tx, company_id, user)?;
        crate::service::permissions::apply(
            &tx,
            company_id,
            user,
            &manifest.grant(&body.project_ids),
        )?;
        dmsa = Some(user);
    }
    store::approve(
        &tx,
        company_id,
        id,
        &serde_json::to_string(&manifest).expect("serialisable"),
        &json!(body.project_ids).to_string(),
        dmsa,
        p.id,
        state.clock.now(),
    )?;
    tx.commit()?;
    Ok(Json(install_json(&conn, company_id, id)?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DenyBody {
    reason: Option<String>,
}

pub async fn deny(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Json(body): Json<DenyBody>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "deny app installs")?;
    let conn = state.db();
    require_pending(&install_row(&conn, company_id, id)?, id)?;
    store::deny(
        &conn,
        company_id,
        id,
        body.reason.as_deref(),
        p.id,
        state.clock.now(),
    )?;
    Ok(Json(install_json(&conn, company_id, id)?))
}

/// `DELETE …/apps/{id}`: uninstall; the DMSA is disabled and its tokens stop working at once.
pub async fn uninstall(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    require_company_admin(&p, company_id, "uninstall apps")?;
    let conn = state.db();
    let current = install_row(&conn, company_id, id)?;
    if current.state == "uninstalled" {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_installed",
            format!("install {id} is already uninstalled"),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    store::uninstall(
        &tx,
        company_id,
        id,
        current.dmsa_user_id,
        p.id,
        state.clock.now(),
    )?;
    tx.commit()?;
    Ok(StatusCode::NO_CONTENT)
}
