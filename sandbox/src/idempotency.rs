//! `Idempotency-Key` on mutating POSTs: the first response is stored in the same transaction as
//! the change, and a retry with the same key gets it back instead of doing the work again.

use axum::http::{HeaderMap, StatusCode};
use rusqlite::{Connection, OptionalExtension, params};

use crate::db::now;
use crate::error::ApiError;

pub fn key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => Ok(None),
        Some(Ok(k)) if !k.is_empty() && k.len() <= 255 => Ok(Some(k.to_string())),
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_idempotency_key",
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        )),
    }
}

/// A stored response for this key, if the same request was seen before. The same key on a
/// different request is an error.
pub fn replay(
    conn: &Connection,
    user_id: i64,
    key: &str,
    fingerprint: &str,
) -> Result<Option<(StatusCode, String)>, ApiError> {
    let row: Option<(String, u16, String)> = conn
        .query_row(
            "SELECT fingerprint, status, body FROM idempotency WHERE user_id = ?1 AND key = ?2",
            params![user_id, key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((seen, status, body)) if seen == fingerprint => Ok(Some((
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            body,
        ))),
        Some(_) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "this Idempotency-Key was already used for a different request",
        )),
    }
}

pub fn store(
    conn: &Connection,
    user_id: i64,
    key: &str,
    fingerprint: &str,
    status: StatusCode,
    body: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO idempotency (user_id, key, fingerprint, status, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![user_id, key, fingerprint, status.as_u16(), body, now()],
    )?;
    Ok(())
}
