//! Request bodies: read whole up to 1 MiB, and JSON bodies are objects.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::ApiError;

/// A request body read whole, up to the API's 1 MiB limit (a larger one is answered 413).
pub async fn buffered(body: axum::body::Body) -> Result<axum::body::Bytes, Response> {
    axum::body::to_bytes(body, 1024 * 1024).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            "request bodies are limited to 1 MiB",
        )
        .into_response()
    })
}

/// Every request body of the API is a JSON object. serde would also read a struct from a JSON
/// array (`[null, null]`), so anything but an object is refused here, for every route at once.
pub async fn object_bodies(req: Request, next: Next) -> Response {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"));
    if !is_json {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match buffered(body).await {
        Ok(bytes) => bytes,
        Err(too_large) => return too_large,
    };
    if let Ok(value) = serde_json::from_slice::<Value>(&bytes)
        && !value.is_object()
    {
        return ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            "the request body must be a JSON object",
        )
        .into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}
