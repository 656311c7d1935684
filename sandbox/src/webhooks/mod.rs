//! `/api/v1/companies/{company_id}/webhooks`: only account owners manage webhooks (seed 003).
//! The basic-auth password and hidden header values are write-only: sealed at rest, shown as
//! `********`, used only when delivering.

pub mod delivery;
mod log;
mod settings;

pub use log::{deliveries, redeliver, test};
pub use settings::{create, delete, list, update, view};

use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::platform::{Principal, require_member};

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

/// A header as stored: a plain value, or (hidden) a sealed one.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredHeader {
    pub name: String,
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// https anywhere; plain http only to this machine.
pub fn destination_allowed(url: &str) -> bool {
    match url::Url::parse(url) {
        Ok(u) if u.scheme() == "https" => u.host_str().is_some(),
        Ok(u) if u.scheme() == "http" => match u.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d == "localhost",
            None => false,
        },
        _ => false,
    }
}

pub(crate) fn unprocessable(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
}

pub fn require_owner(p: &Principal, company_id: i64) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    if !p.is_owner {
        return Err(ApiError::forbidden(format!(
            "only account owners can create, see and edit webhooks; '{}' is not the account owner",
            p.login
        )));
    }
    Ok(())
}

/// A webhook as stored (sealed values still sealed).
pub struct WebhookRow {
    pub company_id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub basic_user: Option<String>,
    pub sealed_password: Option<String>,
    pub headers: Vec<StoredHeader>,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

pub fn load(conn: &Connection, id: i64) -> rusqlite::Result<Option<WebhookRow>> {
    conn.query_row(
        "SELECT company_id, url, events, basic_user, secret_basic_password, headers, active, created_at, updated_at FROM webhooks WHERE id = ?1",
        [id],
        |r| {
            Ok(WebhookRow {
                company_id: r.get(0)?,
                url: r.get(1)?,
                events: serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default(),
                basic_user: r.get(3)?,
                sealed_password: r.get(4)?,
                headers: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
                active: r.get(6)?,
                created_at: r.get(7)?,
                updated_at: r.get(8)?,
            })
        },
    )
    .optional()
}
