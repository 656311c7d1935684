//! Webhook configuration: list, create, view, update, delete. Write-only values are sealed on
//! the way in and masked on the way out.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::Value;

use crate::error::ApiError;
use crate::events;
use crate::http::Principal;
use crate::state::Shared;

use super::{
    FORBIDDEN_HEADERS, StoredHeader, destination, existing, require_owner, unprocessable, view_json,
};
use crate::store::webhooks::{self as store, WebhookRow};

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

fn check_url(state: &Shared, url: &str) -> Result<(), ApiError> {
    destination::check(url, state.delivery.allow_loopback)
        .map(|_| ())
        .map_err(|why| unprocessable("invalid_url", why))
}

/// A basic-auth user name: `:` would split differently on the receiver's side (RFC 7617), and
/// control characters have no place in a header.
fn check_basic_user(user: &str) -> Result<(), ApiError> {
    if user.is_empty() || user.contains(':') || user.chars().any(char::is_control) {
        return Err(unprocessable(
            "invalid_basic_auth",
            "the basic-auth username must be non-empty, without ':' or control characters",
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
            && v.chars().any(|c| c.is_control() && c != '\t')
        {
            return Err(unprocessable(
                "invalid_header",
                format!("the value of '{name}' contains a line break or control character"),
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

pub async fn list(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    require_owner(&p, company_id)?;
    let conn = state.db();
    Ok(Json(Value::Array(
        store::ids(&conn, company_id)?
            .into_iter()
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
    check_url(&state, &url)?;
    let evs = body
        .events
        .ok_or_else(|| unprocessable("invalid_events", "events is required"))?;
    check_events(&evs)?;
    let basic = body.basic_auth.flatten();
    if let Some(b) = &basic {
        check_basic_user(&b.username)?;
    }
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
    let t = state.clock.now();
    let conn = state.db();
    let row = WebhookRow {
        url,
        events: evs,
        basic_user: basic.map(|b| b.username),
        sealed_password,
        headers,
        active: body.active.unwrap_or(true),
        created_at: t,
        updated_at: t,
    };
    let id = store::insert(&conn, company_id, &row)?;
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
    let mut w = existing(&conn, company_id, id)?;
    let origin = |u: &str| {
        url::Url::parse(u)
            .map(|u| u.origin().ascii_serialization())
            .ok()
    };
    let moved = body
        .url
        .as_deref()
        .is_some_and(|new| origin(new) != origin(&w.url));
    if let Some(url) = body.url {
        check_url(&state, &url)?;
        w.url = url;
    }
    // Write-only values were given for one destination: moving the webhook to another origin
    // needs them again, or a caller could send them anywhere without ever knowing them.
    let password_kept = w.sealed_password.is_some()
        && match &body.basic_auth {
            None => true,
            Some(None) => false,
            Some(Some(b)) => b.password.is_none(),
        };
    let hidden_kept = match &body.headers {
        None => w.headers.iter().any(|h| h.hidden),
        Some(new) => new.iter().any(|h| h.hidden && h.value.is_none()),
    };
    if moved && (password_kept || hidden_kept) {
        return Err(unprocessable(
            "secrets_for_old_destination",
            "moving a webhook to another destination needs its basic-auth password and hidden header values again (they were given for the old one), or their removal",
        ));
    }
    if let Some(evs) = body.events {
        check_events(&evs)?;
        w.events = evs;
    }
    match body.basic_auth {
        None => {}
        Some(None) => (w.basic_user, w.sealed_password) = (None, None),
        Some(Some(b)) => {
            check_basic_user(&b.username)?;
            let sealed = match (b.password, w.sealed_password.take()) {
                (Some(new), _) => state.seal.seal(&new),
                (None, Some(kept)) if w.basic_user.is_some() => kept,
                _ => {
                    return Err(unprocessable(
                        "invalid_basic_auth",
                        "basic_auth needs a password",
                    ));
                }
            };
            (w.basic_user, w.sealed_password) = (Some(b.username), Some(sealed));
        }
    }
    if let Some(headers) = &body.headers {
        w.headers = build_headers(&state, headers, &w.headers, w.basic_user.is_some())?;
    }
    if let Some(active) = body.active {
        w.active = active;
    }
    w.updated_at = state.clock.now();
    store::save(&conn, company_id, id, &w)?;
    Ok(Json(view_json(&conn, company_id, id)?))
}

pub async fn delete(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    require_owner(&p, company_id)?;
    if !store::delete(&state.db(), company_id, id)? {
        return Err(ApiError::not_found(format!(
            "webhook {id} not found in company {company_id}"
        )));
    }
    Ok(StatusCode::NO_CONTENT)
}
