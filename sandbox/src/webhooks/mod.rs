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
