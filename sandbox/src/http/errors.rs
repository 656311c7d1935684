//! The API's one error shape, also for what axum's extractors reject.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Rejections from extractors (a malformed JSON body, a bad query string) come as plain text;
/// the API promises one JSON error shape, so they are rewrapped here, in one place.
pub(super) async fn in_error_shape(resp: Response) -> Response {
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"));
    if !status.is_client_error() || is_json {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let code = match status {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid_body",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        _ => "invalid_request",
    };
    let mut rewrapped = ApiError::new(
        status,
        code,
        String::from_utf8_lossy(&text).trim().to_string(),
    )
    .into_response();
    for name in [
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
        "allow",
    ] {
        if let Some(v) = parts.headers.get(name) {
            rewrapped.headers_mut().insert(name, v.clone());
        }
    }
    rewrapped
}
