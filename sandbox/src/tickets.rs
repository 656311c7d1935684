//! A minimal tickets API, so webhook events come from real actions:
//! `/api/v1/companies/{company_id}/projects/{project_id}/tickets[/{id}[/photos]]`.

use crate::store::Conn;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::events::emit;
use crate::http::{Principal, require_tool};
use crate::state::Shared;
use crate::store::tickets as store;

const STATUSES: &[&str] = &["open", "in_progress", "resolved", "closed"];

/// The ticket as the API (and its events) show it.
fn shape(t: &store::Ticket) -> Value {
    json!({
        "id": t.id,
        "project_id": t.project_id,
        "title": t.title,
        "status": t.status,
        "created_at": rfc3339(t.created_at),
        "updated_at": rfc3339(t.updated_at),
    })
}

fn ticket_json(conn: &Conn, company_id: i64, project_id: i64, id: i64) -> Result<Value, ApiError> {
    store::get(conn, company_id, project_id, id)?
        .map(|t| shape(&t))
        .ok_or_else(|| {
            ApiError::not_found(format!("ticket {id} not found in project {project_id}"))
        })
}

fn check_project(conn: &Conn, company_id: i64, project_id: i64) -> Result<(), ApiError> {
    if crate::store::projects::exists(conn, company_id, project_id)? {
        Ok(())
    } else {
        Err(ApiError::not_found(format!(
            "project {project_id} not found in company {company_id}"
        )))
    }
}

fn actor(p: &Principal) -> Value {
    json!({"id": p.id, "login": p.login, "name": p.name})
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketIn {
    title: Option<String>,
    status: Option<String>,
}

fn validate(t: &TicketIn) -> Result<(), ApiError> {
    if let Some(title) = &t.title
        && (title.trim().is_empty() || title.len() > 200)
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_title",
            "title must be 1 to 200 characters",
        ));
    }
    if let Some(s) = &t.status
        && !STATUSES.contains(&s.as_str())
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_status",
            format!("status must be one of {}", STATUSES.join(", ")),
        ));
    }
    Ok(())
}

pub async fn create(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, project_id)): Path<(i64, i64)>,
    Json(body): Json<TicketIn>,
) -> Result<Response, ApiError> {
    require_tool(
        &state.db(),
        &p,
        company_id,
        Some(project_id),
        "tickets",
        "standard",
        "create tickets",
    )?;
    validate(&body)?;
    let title = body.title.clone().ok_or_else(|| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_title",
            "title is required",
        )
    })?;
    let conn = state.db();
    check_project(&conn, company_id, project_id)?;
    let tx = conn.unchecked_transaction()?;
    let t = state.clock.now();
    let id = store::insert(
        &tx,
        company_id,
        project_id,
        title.trim(),
        body.status.as_deref().unwrap_or("open"),
        t,
    )?;
    let ticket = ticket_json(&tx, company_id, project_id, id)?;
    emit(
        &tx,
        company_id,
        "ticket.created",
        json!({"ticket": ticket, "actor": actor(&p)}),
        None,
    )?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok((StatusCode::CREATED, Json(ticket)).into_response())
}

pub async fn update(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, project_id, id)): Path<(i64, i64, i64)>,
    Json(body): Json<TicketIn>,
) -> Result<Json<Value>, ApiError> {
    require_tool(
        &state.db(),
        &p,
        company_id,
        Some(project_id),
        "tickets",
        "standard",
        "edit tickets",
    )?;
    validate(&body)?;
    let conn = state.db();
    let before = ticket_json(&conn, company_id, project_id, id)?;
    let tx = conn.unchecked_transaction()?;
    store::update(
        &tx,
        company_id,
        project_id,
        id,
        body.title.as_deref().map(str::trim),
        body.status.as_deref(),
        state.clock.now(),
    )?;
    let after = ticket_json(&tx, company_id, project_id, id)?;
    emit(
        &tx,
        company_id,
        "ticket.updated",
        json!({"ticket": after, "previous": before, "actor": actor(&p)}),
        None,
    )?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(Json(after))
}

pub async fn delete(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, project_id, id)): Path<(i64, i64, i64)>,
) -> Result<StatusCode, ApiError> {
    require_tool(
        &state.db(),
        &p,
        company_id,
        Some(project_id),
        "tickets",
        "admin",
        "delete tickets",
    )?;
    let conn = state.db();
    let ticket = ticket_json(&conn, company_id, project_id, id)?;
    let tx = conn.unchecked_transaction()?;
    store::delete(&tx, company_id, project_id, id)?;
    emit(
        &tx,
        company_id,
        "ticket.deleted",
        json!({"ticket": ticket, "actor": actor(&p)}),
        None,
    )?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoIn {
    filename: String,
}

pub async fn attach_photo(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, project_id, id)): Path<(i64, i64, i64)>,
    Json(body): Json<PhotoIn>,
) -> Result<Response, ApiError> {
    require_tool(
        &state.db(),
        &p,
        company_id,
        Some(project_id),
        "tickets",
        "standard",
        "attach photos to tickets",
    )?;
    if body.filename.trim().is_empty() || body.filename.len() > 255 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_filename",
            "filename must be 1 to 255 characters",
        ));
    }
    let conn = state.db();
    let ticket = ticket_json(&conn, company_id, project_id, id)?;
    let tx = conn.unchecked_transaction()?;
    let photo_id = store::add_photo(&tx, company_id, id, body.filename.trim(), state.clock.now())?;
    let photo = json!({"id": photo_id, "ticket_id": id, "filename": body.filename.trim()});
    emit(
        &tx,
        company_id,
        "photo.attached",
        json!({"photo": photo, "ticket": ticket, "actor": actor(&p)}),
        None,
    )?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok((StatusCode::CREATED, Json(photo)).into_response())
}
