//! Webhook configuration: list, create, view, update, delete. Write-only values are sealed on
//! the way in and masked on the way out.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use rusqlite::{Connection, params};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::db::now;
use crate::error::ApiError;
use crate::events;
use crate::platform::{Principal, rfc3339};
use crate::state::Shared;

use super::{
    FORBIDDEN_HEADERS, MASK, StoredHeader, destination_allowed, load, require_owner, unprocessable,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicAuthIn {
    username: String,
    password: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderIn {
    name: String,
    value: Option<String>,
    #[serde(default)]
    hidden: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookIn {
    url: Option<String>,
    events: Option<Vec<String>>,
    /// `null` removes basic auth.
    #[serde(default, deserialize_with = "explicit_null")]
    basic_auth: Option<Option<BasicAuthIn>>,
    headers: Option<Vec<HeaderIn>>,
    active: Option<bool>,
}

/// Tell "absent" (keep) from `null` (remove).
fn explicit_null<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<BasicAuthIn>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

fn check_url(url: &str) -> Result<(), ApiError> {
    if url::Url::parse(url).is_err() {
        return Err(unprocessable(
            "invalid_url",
            format!("'{url}' is not a URL"),
        ));
    }
    if !destination_allowed(url) {
        return Err(unprocessable(
            "invalid_url",
            format!(
                "'{url}': webhook destinations must use https (plain http only to 127.0.0.1, ::1 or localhost)"
            ),
        ));
    }
    Ok(())
}

fn check_events(list: &[String]) -> Result<(), ApiError> {
    if list.is_empty() {
        return Err(unprocessable(
            "invalid_events",
            "a webhook needs at least one event",
        ));
    }
    if let Some(bad) = list
        .iter()
        .find(|e| !events::known(e) || e.as_str() == "webhook.test")
    {
        let valid: Vec<&str> = events::CATALOGUE
            .iter()
            .map(|(t, _)| *t)
            .filter(|t| *t != "webhook.test")
            .collect();
        return Err(unprocessable(
            "invalid_events",
            format!("unknown event '{bad}'; events are: {}", valid.join(", ")),
        ));
    }
    Ok(())
}

/// Validate the new header list, sealing hidden values; a hidden header sent without a value
/// keeps the value it had.
fn build_headers(
    state: &Shared,
    new: &[HeaderIn],
    old: &[StoredHeader],
    basic_auth: bool,
) -> Result<Vec<StoredHeader>, ApiError> {
    let mut out: Vec<StoredHeader> = Vec::new();
    for h in new {
        let name = h.name.trim();
        let token_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
        if name.is_empty() || !name.chars().all(token_char) {
            return Err(unprocessable(
                "invalid_header",
                format!("'{name}' is not a valid header name"),
            ));
        }
        let lower = name.to_ascii_lowercase();
        if FORBIDDEN_HEADERS.contains(&lower.as_str()) || (basic_auth && lower == "authorization") {
            return Err(unprocessable(
                "invalid_header",
                format!("the header '{name}' cannot be set on a webhook (the platform sets it)"),
            ));
        }
        if out.iter().any(|o| o.name.eq_ignore_ascii_case(name)) {
            return Err(unprocessable(
                "invalid_header",
                format!("the header '{name}' is given twice"),
            ));
        }
        if let Some(v) = &h.value
            && (v.contains('\r') || v.contains('\n'))
        {
            return Err(unprocessable(
                "invalid_header",
                format!("the value of '{name}' contains a line break"),
            ));
        }
        let stored = match (h.hidden, &h.value) {
            (false, Some(v)) => StoredHeader {
                name: name.into(),
                hidden: false,
                value: Some(v.clone()),
                secret: None,
            },
            (false, None) => {
                return Err(unprocessable(
                    "invalid_header",
                    format!("the header '{name}' needs a value"),
                ));
            }
            (true, Some(v)) => StoredHeader {
                name: name.into(),
                hidden: true,
                value: None,
                secret: Some(state.seal.seal(v)),
            },
            (true, None) => match old
                .iter()
                .find(|o| o.hidden && o.name.eq_ignore_ascii_case(name))
            {
                Some(kept) => kept.clone(),
                None => {
                    return Err(unprocessable(
                        "invalid_header",
                        format!("the hidden header '{name}' needs a value"),
                    ));
                }
            },
        };
        out.push(stored);
    }
    Ok(out)
}

pub(super) fn view_json(conn: &Connection, company_id: i64, id: i64) -> Result<Value, ApiError> {
    let Some(w) = load(conn, id)?.filter(|w| w.company_id == company_id) else {
        return Err(ApiError::not_found(format!(
            "webhook {id} not found in company {company_id}"
        )));
    };
    Ok(json!({
        "id": id,
        "company_id": company_id,
        "url": w.url,
        "events": w.events,
        "basic_auth": w.basic_user.map(|u| json!({"username": u, "password": w.sealed_password.map(|_| MASK)})),
        "headers": w.headers.iter().map(|h| json!({
            "name": h.name,
            "hidden": h.hidden,
            "value": if h.hidden { MASK.to_string() } else { h.value.clone().unwrap_or_default() },
        })).collect::<Vec<_>>(),
        "active": w.active,
        "created_at": rfc3339(w.created_at),
        "updated_at": rfc3339(w.updated_at),
    }))
}

pub async fn list(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    require_owner(&p, company_id)?;
    let conn = state.db();
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM webhooks WHERE company_id = ?1 ORDER BY id")?
        .query_map([company_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Json(Value::Array(
        ids.into_iter()
            .map(|id| view_json(&conn, company_id, id))
            .collect::<Result<_, _>>()?,
    )))
}

pub async fn create(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
    Json(body): Json<WebhookIn>,
) -> Result<Response, ApiError> {
    require_owner(&p, company_id)?;
    let url = body
        .url
        .ok_or_else(|| unprocessable("invalid_url", "url is required"))?;
    check_url(&url)?;
    let evs = body
        .events
        .ok_or_else(|| unprocessable("invalid_events", "events is required"))?;
    check_events(&evs)?;
    let basic = body.basic_auth.flatten();
    let sealed_password =
        match &basic {
            Some(b) => Some(state.seal.seal(b.password.as_deref().ok_or_else(|| {
                unprocessable("invalid_basic_auth", "basic_auth needs a password")
            })?)),
            None => None,
        };
    let headers = build_headers(
        &state,
        body.headers.as_deref().unwrap_or_default(),
        &[],
        basic.is_some(),
    )?;
    let t = now();
    let conn = state.db();
    conn.execute(
        "INSERT INTO webhooks (company_id, url, events, basic_user, secret_basic_password, headers, active, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![company_id, url, json!(evs).to_string(), basic.as_ref().map(|b| b.username.clone()), sealed_password,
                serde_json::to_string(&headers).expect("serialisable"), body.active.unwrap_or(true), t],
    )?;
    let id = conn.last_insert_rowid();
    Ok((StatusCode::CREATED, Json(view_json(&conn, company_id, id)?)).into_response())
}

pub async fn view(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    require_owner(&p, company_id)?;
    Ok(Json(view_json(&state.db(), company_id, id)?))
}

pub async fn update(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Json(body): Json<WebhookIn>,
) -> Result<Json<Value>, ApiError> {
    require_owner(&p, company_id)?;
    let conn = state.db();
    view_json(&conn, company_id, id)?;
    let existing = load(&conn, id)?.expect("checked above");
    let (user, password, old_headers) = (
        existing.basic_user,
        existing.sealed_password,
        existing.headers,
    );
    let tx = conn.unchecked_transaction()?;
    if let Some(url) = &body.url {
        check_url(url)?;
        tx.execute(
            "UPDATE webhooks SET url = ?1 WHERE id = ?2",
            params![url, id],
        )?;
    }
    if let Some(evs) = &body.events {
        check_events(evs)?;
        tx.execute(
            "UPDATE webhooks SET events = ?1 WHERE id = ?2",
            params![json!(evs).to_string(), id],
        )?;
    }
    let (user, password) = match body.basic_auth {
        None => (user, password),
        Some(None) => (None, None),
        Some(Some(b)) => {
            let sealed = match (b.password, password) {
                (Some(new), _) => state.seal.seal(&new),
                (None, Some(kept)) if user.is_some() => kept,
                _ => {
                    return Err(unprocessable(
                        "invalid_basic_auth",
                        "basic_auth needs a password",
                    ));
                }
            };
            (Some(b.username), Some(sealed))
        }
    };
    tx.execute(
        "UPDATE webhooks SET basic_user = ?1, secret_basic_password = ?2 WHERE id = ?3",
        params![user, password, id],
    )?;
    if let Some(headers) = &body.headers {
        let new = build_headers(&state, headers, &old_headers, user.is_some())?;
        tx.execute(
            "UPDATE webhooks SET headers = ?1 WHERE id = ?2",
            params![serde_json::to_string(&new).expect("serialisable"), id],
        )?;
    }
    if let Some(active) = body.active {
        tx.execute(
            "UPDATE webhooks SET active = ?1 WHERE id = ?2",
            params![active, id],
        )?;
    }
    tx.execute(
        "UPDATE webhooks SET updated_at = ?1 WHERE id = ?2",
        params![now(), id],
    )?;
    tx.commit()?;
    Ok(Json(view_json(&conn, company_id, id)?))
}

pub async fn delete(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    require_owner(&p, company_id)?;
    let conn = state.db();
    view_json(&conn, company_id, id)?;
    conn.execute("DELETE FROM webhooks WHERE id = ?1", [id])?;
    conn.execute("UPDATE deliveries SET status = 'discarded', last_error = 'the webhook was deleted' WHERE webhook_id = ?1 AND status IN ('pending', 'failed')", [id])?;
    Ok(StatusCode::NO_CONTENT)
}
