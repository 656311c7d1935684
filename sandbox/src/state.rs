//! Shared server state, the router, and the request log.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rusqlite::Connection;

use crate::db::DirLock;
use crate::error::ApiError;
use crate::ratelimit::RateLimiter;
use crate::{
    Config, OPENAPI_JSON, apps, events, oauth, platform, service_accounts, tickets, tokens, users,
    webhooks,
};

#[derive(Default)]
pub struct Stats {
    pub token_requests: Mutex<HashMap<String, u64>>,
    pub statuses: Mutex<HashMap<u16, u64>>,
}

pub struct AppState {
    db: Mutex<Connection>,
    pub base_url: String,
    pub token_ttl: AtomicU64,
    pub rate: RateLimiter,
    pub stats: Stats,
    request_log: bool,
    /// Seals webhook secrets at rest.
    pub seal: crate::crypto::SealKey,
    pub delivery: crate::DeliveryConfig,
    /// Wakes the delivery engine when something falls due.
    pub deliveries_due: Arc<tokio::sync::Notify>,
    _lock: DirLock,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(
        conn: Connection,
        lock: DirLock,
        config: &Config,
        base_url: String,
        seal: crate::crypto::SealKey,
    ) -> Self {
        Self {
            db: Mutex::new(conn),
            base_url,
            token_ttl: AtomicU64::new(config.token_ttl_secs),
            rate: RateLimiter::new(
                config.rate_limit_per_minute,
                std::time::Duration::from_secs(config.rate_window_secs),
            ),
            stats: Stats::default(),
            request_log: config.request_log,
            seal,
            delivery: config.delivery.clone(),
            deliveries_due: Arc::new(tokio::sync::Notify::new()),
            _lock: lock,
        }
    }

    /// The database. Hold the guard briefly and never across an `.await`.
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        self.db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn token_ttl(&self) -> i64 {
        self.token_ttl.load(std::sync::atomic::Ordering::SeqCst) as i64
    }
}

pub fn router(state: Shared) -> Router {
    let api = Router::new()
        .route("/me", get(platform::me))
        .route("/companies", get(platform::companies))
        .route("/companies/{company_id}/projects", get(platform::projects))
        .route(
            "/companies/{company_id}/projects/{project_id}/documents",
            get(platform::documents),
        )
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
        .route("/companies/{company_id}/users", get(users::list))
        .route(
            "/companies/{company_id}/users/{id}",
            get(users::view).patch(users::update),
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
        .route("/webhook-events", get(events::catalogue))
        .route("/apps", get(apps::catalogue))
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
        .route(
            "/me/tokens/{id}",
            axum::routing::delete(tokens::revoke_mine),
        )
        // Layers run outside-in: authenticate first (it puts the Principal in the request),
        // then idempotent replays of POSTs.
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::idempotency::middleware,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            platform::authenticate,
        ));
    Router::new()
        .route(
            "/.well-known/oauth-authorization-server",
            get(oauth::metadata),
        )
        .route("/oauth/token", post(oauth::token::token))
        .route("/oauth/revoke", post(oauth::token::revoke))
        .route("/oauth/authorize", get(oauth::authorize::start))
        .route("/oauth/authorize/login", post(oauth::authorize::login))
        .route("/oauth/authorize/consent", post(oauth::authorize::consent))
        .route("/openapi.json", get(openapi))
        .nest("/api/v1", api)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), log_requests))
        .with_state(state)
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
