//! Store work off the async workers, with one connection checkout per request: the body is
//! read first (bounded, on the async side, so that no checkout waits on a slow client), then
//! the rest of the request — later middleware and the handler — runs on the blocking pool
//! inside a lease of one connection (`store::pool::Db::lease`): a reader for GET and HEAD, the
//! writer for the rest.

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::Shared;

/// Does a request of this method write (so its lease is the writer)?
pub fn writes(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD)
}

/// The request with its body read whole (1 MiB at most), or the answer to a larger body.
pub async fn with_buffered_body(req: Request) -> (Request, Option<Response>) {
    let (parts, body) = req.into_parts();
    match super::buffered(body).await {
        Ok(bytes) => (
            Request::from_parts(parts, axum::body::Body::from(bytes)),
            None,
        ),
        Err(too_large) => (
            Request::from_parts(parts, axum::body::Body::empty()),
            Some(too_large),
        ),
    }
}

/// Run `f` on the blocking pool inside a lease (`writes`: of the writer); `f` may drive the
/// request's futures with the handle it is given.
pub async fn on_blocking_pool<F>(state: &Shared, writes: bool, f: F) -> Response
where
    F: FnOnce(tokio::runtime::Handle) -> Response + Send + 'static,
{
    let handle = tokio::runtime::Handle::current();
    let state = state.clone();
    tokio::task::spawn_blocking(move || state.lease(writes, || f(handle)))
        .await
        .unwrap_or_else(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "the request failed",
            )
            .into_response()
        })
}
