//! App installs in a company: request, view, approve (creating the DMSA), deny, uninstall.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{APP_COLUMNS, App, Manifest, app_from_row, app_json};
use crate::db::now;
use crate::error::ApiError;
use crate::permissions;
use crate::platform::{Principal, require_company_admin, require_member, rfc3339};
use crate::state::Shared;

fn install_json(conn: &Connection, company_id: i64, id: i64) -> Result<Value, ApiError> {
    let row = conn
        .query_row(
            "SELECT i.state, i.requested_version, i.approved_version, i.approved_permissions, i.project_ids, i.dmsa_user_id, i.deny_reason,
                    i.created_at, i.updated_at, a.id, a.slug, a.name, a.developer, a.uses_dmsa, a.uses_auth_code, a.version, a.permissions
             FROM app_installs i JOIN apps a ON a.id = i.app_id WHERE i.company_id = ?1 AND i.id = ?2",
            params![company_id, id],
            |r| {
                let app = App {
                    id: r.get(9)?,
                    slug: r.get(10)?,
                    name: r.get(11)?,
                    developer: r.get(12)?,
                    dmsa: r.get(13)?,
                    auth_code: r.get(14)?,
                    version: r.get(15)?,
                    manifest: serde_json::from_str(&r.get::<_, String>(16)?).unwrap_or_default(),
                };
                Ok(json!({
                    "id": id,
                    "company_id": company_id,
                    "state": r.get::<_, String>(0)?,
                    "requested_version": r.get::<_, i64>(1)?,
                    "approved_version": r.get::<_, Option<i64>>(2)?,
                    "approved_permissions": r.get::<_, Option<String>>(3)?.and_then(|p| serde_json::from_str::<Value>(&p).ok()),
                    "requested_permissions": app.manifest,
                    "project_ids": serde_json::from_str::<Value>(&r.get::<_, String>(4)?).unwrap_or(json!([])),
                    "dmsa_user_id": r.get::<_, Option<i64>>(5)?,
                    "deny_reason": r.get::<_, Option<String>>(6)?,
                    "created_at": rfc3339(r.get(7)?),
                    "updated_at": rfc3339(r.get(8)?),
                    "app": app_json(&app),
                }))
            },
        )
        .optional()?;
    row.ok_or_else(|| {
        ApiError::not_found(format!(
            "app install {id} not found in company {company_id}"
        ))
    })
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
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM app_installs WHERE company_id = ?1 AND (?2 IS NULL OR state = ?2) ORDER BY id")?
        .query_map(params![company_id, q.status], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
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
        return Err(ApiError::forbidden(format!(
            "only people in the company may request app installs; '{}' is a {}",
            p.login,
            p.kind.replace('_', " ")
        )));
    }
    let conn = state.db();
    let app = conn
        .query_row(
            &format!("SELECT {APP_COLUMNS} FROM apps WHERE slug = ?1"),
            [&body.app],
            app_from_row,
        )
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("no app '{}' in the marketplace", body.app)))?;
    let open: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, state FROM app_installs WHERE company_id = ?1 AND app_id = ?2 AND state IN ('pending', 'approved')",
            params![company_id, app.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, st)) = open {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "already_requested",
            format!(
                "{} is already {st} in company {company_id} (install {id})",
                app.name
            ),
        ));
    }
    let t = now();
    conn.execute(
        "INSERT INTO app_installs (company_id, app_id, state, requested_version, requested_by, created_at, updated_at) VALUES (?1, ?2, 'pending', ?3, ?4, ?5, ?5)",
        params![company_id, app.id, app.version, p.id, t],
    )?;
    Ok((
        StatusCode::CREATED,
        Json(install_json(&conn, company_id, conn.last_insert_rowid())?),
    )
        .into_response())
}

/// Only a pending install can be approved or denied.
fn require_pending(install: &Value, id: i64) -> Result<(), ApiError> {
    match install["state"].as_str() {
        Some("pending") => Ok(()),
        other => Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_pending",
            format!("install {id} is {}, not pending", other.unwrap_or("?")),
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
    let current = install_json(&conn, company_id, id)?;
    require_pending(&current, id)?;
    let manifest: Manifest =
        serde_json::from_value(current["requested_permissions"].clone()).unwrap_or_default();
    let uses_dmsa = current["app"]["flows"]
        .as_array()
        .is_some_and(|f| f.iter().any(|x| x == "client_credentials"));
    if uses_dmsa && !manifest.project.is_empty() && body.project_ids.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "projects_required",
            "this app asks for project permissions: choose the projects (project_ids)",
        ));
    }
    let tx = conn.unchecked_transaction()?;
    let mut dmsa = current["dmsa_user_id"].as_i64();
    if uses_dmsa {
        let user = match dmsa {
            Some(u) => u,
            None => {
                let name = current["app"]["name"].as_str().unwrap_or("app");
                let slug = current["app"]["slug"].as_str().unwrap_or("app");
                tx.execute(
                    "INSERT INTO users (company_id, login, name, email, kind, created_at) VALUES (?1, ?2, ?3, ?4, 'dmsa', ?5)",
                    params![company_id, format!("dmsa-{slug}-{company_id}"), format!("{name} (app)"), format!("{slug}+{company_id}@apps.sandbox.example"), now()],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.execute("UPDATE users SET disabled = 0 WHERE id = ?1", [user])?;
        permissions::clear(&tx, user)?;
        permissions::apply(&tx, company_id, user, &manifest.grant(&body.project_ids))?;
        dmsa = Some(user);
    }
    tx.execute(
        "UPDATE app_installs SET state = 'approved', approved_version = requested_version, approved_permissions = ?1, project_ids = ?2,
         dmsa_user_id = ?3, decided_by = ?4, deny_reason = NULL, updated_at = ?5 WHERE id = ?6",
        params![serde_json::to_string(&manifest).expect("serialisable"), json!(body.project_ids).to_string(), dmsa, p.id, now(), id],
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
    let current = install_json(&conn, company_id, id)?;
    require_pending(&current, id)?;
    conn.execute(
        "UPDATE app_installs SET state = 'denied', deny_reason = ?1, decided_by = ?2, updated_at = ?3 WHERE id = ?4",
        params![body.reason, p.id, now(), id],
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
    let current = install_json(&conn, company_id, id)?;
    if current["state"] == "uninstalled" {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_installed",
            format!("install {id} is already uninstalled"),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    if let Some(user) = current["dmsa_user_id"].as_i64() {
        tx.execute("UPDATE users SET disabled = 1 WHERE id = ?1", [user])?;
        tx.execute("UPDATE tokens SET revoked = 1 WHERE user_id = ?1", [user])?;
    }
    tx.execute("UPDATE app_installs SET state = 'uninstalled', decided_by = ?1, updated_at = ?2 WHERE id = ?3", params![p.id, now(), id])?;
    tx.commit()?;
    Ok(StatusCode::NO_CONTENT)
}
