//! `/api/v1/companies/{company_id}/webhooks`: only account owners manage webhooks (seed 003).
//! The basic-auth password and hidden header values are write-only: sealed at rest, shown as
//! `********`, used only when delivering.

pub mod delivery;
mod log;
mod settings;

pub use log::{deliveries, redeliver, test};
pub use settings::{create, delete, list, update, view};

use axum::http::StatusCode;

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

pub use crate::store::webhooks::StoredHeader;

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
