//! `Idempotency-Key` on mutating POSTs: the first successful answer is stored (in the same
//! transaction as the change where that matters most: creating a service account, resetting a
//! secret), and a retry with the same key by the same principal gets it back instead of doing
//! the work again. Answers are sealed at rest and expire (see `store::idempotency`).

use crate::store::Conn;
use axum::http::{HeaderMap, StatusCode};

use crate::error::ApiError;

pub fn key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => Ok(None),
        // Printable ASCII (spaces inside only): what the OpenAPI document's pattern says.
        Some(Ok(k))
            if !k.is_empty()
                && k.len() <= 255
                && k.bytes().all(|b| (0x20..0x7f).contains(&b))
                && !k.starts_with(' ')
                && !k.ends_with(' ') =>
        {
            Ok(Some(k.to_string()))
        }
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_idempotency_key",
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        )),
    }
}

pub use crate::store::idempotency::Idempotent;
use crate::store::idempotency::{self as store, Seen};

/// Keep a handler's answer in its own transaction (so that a crash cannot separate the work from
/// the answer a retry gets).
pub fn store(
    conn: &Conn,
    state: &crate::state::AppState,
    user_id: i64,
    i: &Idempotent,
    status: StatusCode,
    body: &str,
) -> crate::store::Result<()> {
    store::store(
        conn,
        &state.seal,
        user_id,
        i,
        status.as_u16(),
        body,
        state.clock.now(),
    )
}

/// Who is asking, as far as a replay is concerned: the same token (so the same user, kind of
/// credential, client and granted scope) with the same authority (a demoted admin gets no
/// replayed secret). A token renewed since gets no replay: a retry comes within seconds.
fn principal_fingerprint(p: &crate::http::Principal) -> String {
    format!(
        "{}|{}|{}|{}|scope={}|owner={} admin={} api={} users={}",
        p.id,
        p.token_kind,
        p.token_id,
        p.client_id.as_deref().unwrap_or("-"),
        p.scope,
        p.is_owner,
        p.is_admin,
        p.api_access,
        p.user_management
    )
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
    *state
        .stats
        .keyed_posts
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .entry(req.uri().path().to_string())
        .or_default() += 1;
    let Some((user, principal)) = req
        .extensions()
        .get::<crate::http::Principal>()
        .map(|p| (p.id, principal_fingerprint(p)))
    else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let bytes = match crate::http::buffered(body).await {
        Ok(bytes) => bytes,
        Err(too_large) => return too_large,
    };
    let fingerprint = format!(
        "{} {} {}",
        parts.method,
        parts.uri.path(),
        crate::crypto::sha256_hex(&String::from_utf8_lossy(&bytes))
    );
    let idempotent = Idempotent {
        key,
        fingerprint,
        principal,
    };
    let seen = store::lookup(
        &state.db(),
        &state.seal,
        user,
        &idempotent,
        state.clock.now(),
    );
    match seen {
        Ok(Seen::Replay(status, stored)) => {
            let mut resp = (
                StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
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
        Ok(Seen::New) => {}
        Ok(Seen::OtherRequest) => {
            return ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "this Idempotency-Key was already used for a different request",
            )
            .into_response();
        }
        Ok(Seen::OtherPrincipal) => {
            return ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "this Idempotency-Key was used by another credential (or with other permissions); send a new key",
            )
            .into_response();
        }
        Err(e) => return ApiError::from(e).into_response(),
    }
    let mut req = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes));
    req.extensions_mut().insert(idempotent.clone());
    let resp = next.run(req).await;
    if !resp.status().is_success() {
        return resp; // a failure may be retried for real
    }
    let (parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let stored = store::store(
        &state.db(),
        &state.seal,
        user,
        &idempotent,
        parts.status.as_u16(),
        &String::from_utf8_lossy(&bytes),
        state.clock.now(),
    );
    if let Err(e) = stored {
        crate::log_line!("idempotency: cannot store an answer: {e}");
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}
