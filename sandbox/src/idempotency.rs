//! `Idempotency-Key` on mutating POSTs: the first successful answer is stored (in the same
//! transaction as the change where that matters most: creating a service account, resetting a
//! secret), and a retry with the same key gets it back instead of doing the work again.

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

/// The key and fingerprint of a POST that carries an `Idempotency-Key`, for handlers that store
/// their answer in their own transaction (so that a crash cannot separate the work from it).
#[derive(Clone, Debug)]
pub struct Idempotent {
    pub key: String,
    pub fingerprint: String,
}

/// Every POST under `/api` accepts an `Idempotency-Key` (SPEC): a repeat of the same request with
/// the same key gets the first successful answer back, replayed, instead of doing the work
/// again; the same key on a different request is refused. Runs after authentication (keys are
/// per user). Handlers that stored the answer themselves, in their transaction, win.
pub async fn middleware(
    axum::extract::State(state): axum::extract::State<crate::state::Shared>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if req.method() != axum::http::Method::POST {
        return next.run(req).await;
    }
    let key = match key(req.headers()) {
        Ok(Some(k)) => k,
        Ok(None) => return next.run(req).await,
        Err(e) => return e.into_response(),
    };
    let Some(user) = req
        .extensions()
        .get::<crate::platform::Principal>()
        .map(|p| p.id)
    else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            "request bodies are limited to 1 MiB",
        )
        .into_response();
    };
    let fingerprint = format!(
        "{} {} {}",
        parts.method,
        parts.uri.path(),
        crate::crypto::sha256_hex(&String::from_utf8_lossy(&bytes))
    );
    match replay(&state.db(), user, &key, &fingerprint) {
        Ok(Some((status, stored))) => {
            let mut resp = (
                status,
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                stored,
            )
                .into_response();
            resp.headers_mut().insert(
                "idempotent-replayed",
                axum::http::HeaderValue::from_static("true"),
            );
            return resp;
        }
        Ok(None) => {}
        Err(e) => return e.into_response(),
    }
    let mut req = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes));
    req.extensions_mut().insert(Idempotent {
        key: key.clone(),
        fingerprint: fingerprint.clone(),
    });
    let resp = next.run(req).await;
    if !resp.status().is_success() {
        return resp; // a failure may be retried for real
    }
    let (parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let stored = store_if_absent(
        &state.db(),
        user,
        &key,
        &fingerprint,
        parts.status,
        &String::from_utf8_lossy(&bytes),
    );
    if let Err(e) = stored {
        crate::log_line!("idempotency: cannot store the answer for key {key}: {e}");
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

fn store_if_absent(
    conn: &Connection,
    user_id: i64,
    key: &str,
    fingerprint: &str,
    status: StatusCode,
    body: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO idempotency (user_id, key, fingerprint, status, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (user_id, key) DO NOTHING",
        params![user_id, key, fingerprint, status.as_u16(), body, now()],
    )?;
    Ok(())
}
