//! `/api/v1/companies/{company_id}/webhooks`: only account owners manage webhooks (seed 003).
//! The basic-auth password and hidden header values are write-only: sealed at rest, shown as
//! `********`, used only when delivering.

pub mod delivery;
pub mod destination;
mod log;
mod settings;

pub use log::{deliveries, redeliver, test};
pub use settings::{create, delete, list, update, view};

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::http::{Principal, require_member};
use crate::store::Conn;
use crate::store::webhooks::WebhookRow;

pub const MASK: &str = "********";

/// Header names a webhook may not set: the HTTP framing and the body's type are the platform's.
pub(crate) const FORBIDDEN_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "upgrade",
    "te",
    "trailer",
    "proxy-authorization",
    "proxy-connection",
];

pub use crate::store::webhooks::StoredHeader;

pub(crate) fn unprocessable(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
}

pub fn require_owner(p: &Principal, company_id: i64) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    if !p.is_owner {
        return Err(ApiError::forbidden_because(
            "owner_only",
            format!(
                "only account owners can create, see and edit webhooks; '{}' is not the account owner",
                p.login
            ),
        ));
    }
    Ok(())
}

/// Webhook `id` of `company_id`, or 404.
pub(crate) fn existing(conn: &Conn, company_id: i64, id: i64) -> Result<WebhookRow, ApiError> {
    crate::store::webhooks::get(conn, company_id, id)?.ok_or_else(|| {
        ApiError::not_found(format!("webhook {id} not found in company {company_id}"))
    })
}

pub(crate) fn view_json(conn: &Conn, company_id: i64, id: i64) -> Result<Value, ApiError> {
    let w = existing(conn, company_id, id)?;
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
