//! The router: every route of the sandbox, its middleware, and the request log.

use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};

use crate::error::ApiError;
use crate::state::Shared;
use crate::{
    OPENAPI_JSON, apps, events, federation, oauth, platform, service_accounts, tickets, tokens,
    users, webhooks,
};

pub fn router(state: Shared) -> Router {
    // Credential management: service accounts, personal access tokens, webhooks and app
    // installs. Every route in this group needs a first-party credential (the layer below),
    // so a route added here cannot forget it. (PATCH …/users/{id}, which shares its path with
    // a directory read, checks the same in its handler.)
    let credentials = Router::new()
        .route(
            "/companies/{company_id}/service-accounts",
            get(service_accounts::list).post(service_accounts::create),
        )
        .route(
            "/companies/{company_id}/service-accounts/{id}",
            get(service_accounts::view)
                .patch(service_accounts::update)
                .delete(service_accounts::delete),
        )
        .route(
            "/companies/{company_id}/service-accounts/{id}/reset-secret",
            post(service_accounts::reset_secret),
        )
        .route(
            "/companies/{company_id}/service-accounts/{id}/rotate-secret",
            post(service_accounts::rotate_secret),
        )
        .route(
            "/companies/{company_id}/service-accounts/{id}/rotate-secret/finish",
            post(service_accounts::finish_rotation),
        )
        .route(
            "/companies/{company_id}/service-accounts/{id}/federations",
            get(federation::list).post(federation::add),
        )
        .route(
            "/companies/{company_id}/service-accounts/{id}/federations/test",
            post(federation::test),
        )
        .route(
            "/companies/{company_id}/service-accounts/{id}/federations/{federation_id}",
            delete(federation::remove),
        )
        .route(
            "/companies/{company_id}/users/{user_id}/tokens",
            get(tokens::list_users),
        )
        .route(
            "/companies/{company_id}/users/{user_id}/tokens/{id}",
            axum::routing::delete(tokens::revoke_users),
        )
        .route("/me/tokens", get(tokens::list_mine).post(tokens::create))
        .route(
            "/me/tokens/{id}",
            axum::routing::delete(tokens::revoke_mine),
        )
        .route(
            "/companies/{company_id}/apps",
            get(apps::list).post(apps::request),
        )
        .route(
            "/companies/{company_id}/apps/{id}",
            get(apps::view).delete(apps::uninstall),
        )
        .route(
            "/companies/{company_id}/apps/{id}/approve",
            post(apps::approve),
        )
        .route("/companies/{company_id}/apps/{id}/deny", post(apps::deny))
        .route(
            "/companies/{company_id}/webhooks",
            get(webhooks::list).post(webhooks::create),
        )
        .route(
            "/companies/{company_id}/webhooks/{id}",
            get(webhooks::view)
                .patch(webhooks::update)
                .delete(webhooks::delete),
        )
        .route(
            "/companies/{company_id}/webhooks/{id}/test",
            post(webhooks::test),
        )
        .route(
            "/companies/{company_id}/webhooks/{id}/deliveries",
            get(webhooks::deliveries),
        )
        .route(
            "/companies/{company_id}/webhooks/{id}/deliveries/{delivery_id}/redeliver",
            post(webhooks::redeliver),
        )
        .route_layer(middleware::from_fn(crate::http::first_party_only));
    // Routes whose handler never touches the store: authenticated on the async worker.
    let inline = Router::new()
        .route("/me", get(platform::me))
        .route("/webhook-events", get(events::catalogue))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::http::authenticate_inline,
        ));
    let api = Router::new()
        .route("/companies", get(platform::companies))
        .route("/companies/{company_id}/projects", get(platform::projects))
        .route(
            "/companies/{company_id}/projects/{project_id}/documents",
            get(platform::documents),
        )
        .route("/companies/{company_id}/users", get(users::list))
        .route(
            "/companies/{company_id}/users/{id}",
            get(users::view).patch(users::update),
        )
        .route("/apps", get(apps::catalogue))
        .route(
            "/companies/{company_id}/projects/{project_id}/tickets",
            post(tickets::create),
        )
        .route(
            "/companies/{company_id}/projects/{project_id}/tickets/{id}",
            axum::routing::patch(tickets::update).delete(tickets::delete),
        )
        .route(
            "/companies/{company_id}/projects/{project_id}/tickets/{id}/photos",
            post(tickets::attach_photo),
        )
        .merge(credentials)
        // Layers run outside-in: authenticate first (it puts the Principal in the request),
        // then idempotent replays of POSTs, then bodies checked to be JSON objects, then (for
        // credentials) the first-party rule.
        .route_layer(middleware::from_fn(crate::http::object_bodies))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::idempotency::middleware,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::http::authenticate,
        ))
        .merge(inline);
    // The sign-in pages: never framed (clickjacking), never cached, no referrer.
    let pages = Router::new()
        .route("/oauth/authorize", get(oauth::authorize::start))
        .route("/device", get(oauth::device::page))
        .route("/oauth/authorize/login", post(oauth::signin::login))
        .route("/oauth/authorize/consent", post(oauth::signin::consent))
        // Their store work off the async workers, one checkout per request.
        .route_layer(middleware::from_fn_with_state(state.clone(), leased))
        .layer(middleware::map_response(page_error_shape))
        .layer(middleware::map_response(page_headers));
    Router::new()
        .route(
            "/.well-known/oauth-authorization-server",
            get(oauth::metadata),
        )
        .merge(
            Router::new()
                .route(
                    "/oauth/device_authorization",
                    post(oauth::device::authorize),
                )
                .route("/oauth/revoke", post(oauth::token::revoke))
                // Off the async workers, one checkout per request (the token endpoint below
                // has its own fast path: pool readers off the workers, the writer thread).
                .route_layer(middleware::from_fn_with_state(state.clone(), leased))
                .route("/oauth/token", post(oauth::token::token))
                .layer(middleware::map_response(oauth_error_shape)),
        )
        .merge(pages)
        .route("/openapi.json", get(openapi))
        .nest("/api/v1", api)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), log_requests))
        .with_state(state)
}

/// Middleware for routes without bearer authentication (the sign-in pages, device
/// authorization, revocation): the rest of the request runs leased, off the async workers.
async fn leased(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let (req, too_large) = crate::http::leased::with_buffered_body(req).await;
    if let Some(resp) = too_large {
        return resp;
    }
    let writes = crate::http::leased::writes(req.method());
    crate::http::leased::on_blocking_pool(&state, writes, move |handle| {
        handle.block_on(next.run(req))
    })
    .await
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON).into_response()
}

async fn not_found(req: Request) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "route_not_found",
        format!("no route for {} {}", req.method(), req.uri().path()),
    )
}

/// One line per request on stderr (method, path without the query, status, time) and counters
/// for tests. The query string is never logged: it can carry codes and state.
async fn log_requests(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let started = Instant::now();
    let resp = next.run(req).await;
    let status = resp.status().as_u16();
    *state
        .stats
        .statuses
        .lock()
        .expect("stats lock")
        .entry(status)
        .or_default() += 1;
    if state.request_log {
        crate::log_line!(
            "{method} {path} {status} {}ms",
            started.elapsed().as_millis()
        );
    }
    resp
}

/// No `form-action` in the policy: the consent form's answer is a redirect to the client's
/// loopback callback, which `form-action 'self'` would block (Chromium applies it to redirects).
async fn page_headers(mut resp: Response) -> Response {
    let headers = resp.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    resp
}

/// The token and revocation endpoints answer errors in RFC 6749's shape (§5.2), even when the
/// request is rejected before a handler runs (a body that is not a form).
async fn oauth_error_shape(resp: Response) -> Response {
    let (status, text) = match plain_client_error(resp).await {
        Ok(resp) => return resp,
        Err(rejected) => rejected,
    };
    let _ = status;
    (
        StatusCode::BAD_REQUEST,
        axum::Json(serde_json::json!({"error": "invalid_request", "error_description": text})),
    )
        .into_response()
}

/// The sign-in pages answer a rejected request with an HTML page, like every other error.
async fn page_error_shape(resp: Response) -> Response {
    match plain_client_error(resp).await {
        Ok(resp) => resp,
        Err((status, text)) => (
            status,
            axum::response::Html(crate::pages::message("Invalid request", &text)),
        )
            .into_response(),
    }
}

/// `Err((status, text))` for a 4xx answer with a plain-text body (an extractor's rejection);
/// anything else back as it was.
async fn plain_client_error(resp: Response) -> Result<Response, (StatusCode, String)> {
    let plain = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/plain"));
    if !resp.status().is_client_error() || !plain {
        return Ok(resp);
    }
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    Err((status, String::from_utf8_lossy(&bytes).trim().to_string()))
}
