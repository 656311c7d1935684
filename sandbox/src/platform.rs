//! The caller and their company: `/api/v1/me`, `/api/v1/companies`, a company's projects and a
//! project's documents.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::Response;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::http::{PageQuery, Principal, paginated, require_member, require_tool};
use crate::state::Shared;

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
