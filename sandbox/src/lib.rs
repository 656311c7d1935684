//! `svcacct-sandbox`: a local, real implementation of the platform API that `svcacct` talks to —
//! an OAuth 2.0 authorization server and the admin API, backed by SQLite.
//!
//! Tests and the quickstart start it with [`start`] on `127.0.0.1:0`.

mod apps;
mod clock;
pub mod crypto;
mod error;
mod events;
mod federation;
mod http;
mod idempotency;
pub mod issued;
mod oauth;
mod pages;
mod platform;
mod ratelimit;
pub mod receiver;
mod routes;
mod seed;
mod service;
mod service_accounts;
mod state;
mod store;
mod tickets;
mod tokens;
mod users;
mod webhooks;

pub use webhooks::delivery::DeliveryConfig;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::sync::oneshot;

pub use seed::{Bootstrap, SeededApp, SeededCompany, SeededServiceAccount, SeededUser};
use state::AppState;

/// One line on stderr for the operator. A closed or broken stderr is ignored: a server must
/// not stop serving because nobody reads its log (`eprintln!` would panic).
macro_rules! log_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use log_line;

/// The committed OpenAPI 3.1 document; served at `/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

/// How a sandbox is started.
#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// Requests per window per account (company), all tokens summed.
    pub rate_limit_per_minute: u32,
    /// The rate-limit window in seconds (60 unless a test wants a short one).
    pub rate_window_secs: u64,
    /// Lifetime of access tokens in seconds (`expires_in`).
    pub token_ttl_secs: u64,
    /// Device authorization grant (RFC 8628): the polling interval and how long a code lives.
    pub device_interval_secs: u64,
    pub device_code_ttl_secs: u64,
    /// How long a just-rotated refresh token may be redeemed again (see `oauth::token`).
    pub refresh_reuse_window_secs: u64,
    /// Write one line per request to stderr.
    pub request_log: bool,
    /// Webhook delivery timing.
    pub delivery: DeliveryConfig,
    /// Record every secret handed out (see [`issued`]), for test suites' leak scans.
    pub record_issued_secrets: bool,
    /// Trust federation issuers on loopback (plain http), for local testing; otherwise an
    /// issuer and its keys must be https on a public address.
    pub allow_loopback_issuers: bool,
    /// Client-credentials access tokens are deleted this many seconds after they expired.
    pub prune_expired_after_secs: u64,
    /// Benchmarks only: `/oauth/token` answers a client-credentials request with a token it
    /// never stores, without authenticating the client (the route's ceiling without the store).
    pub bench_ceiling: bool,
}

impl Config {
    /// Loopback, ephemeral port, defaults otherwise.
    pub fn ephemeral(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.into(),
            rate_limit_per_minute: 30,
            rate_window_secs: 60,
            token_ttl_secs: 3600,
            device_interval_secs: 5,
            device_code_ttl_secs: 600,
            refresh_reuse_window_secs: 30,
            request_log: false,
            delivery: DeliveryConfig::default(),
            record_issued_secrets: false,
            allow_loopback_issuers: false,
            prune_expired_after_secs: 600,
            bench_ceiling: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot use data directory {0}: {1}")]
    DataDir(PathBuf, std::io::Error),
    #[error(
        "data directory {0} is in use by another svcacct-sandbox (it holds sandbox.lock); stop that server or pass another --data directory"
    )]
    DataDirInUse(PathBuf),
    #[error("cannot open database {0}: {1}")]
    Database(PathBuf, store::Error),
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, std::io::Error),
    #[error("cannot write or read {0}: {1}")]
    Bootstrap(PathBuf, String),
}

/// A sandbox serving on a socket. Stop it with [`Running::stop`].
pub struct Running {
    pub addr: SocketAddr,
    pub base_url: String,
    pub bootstrap: Bootstrap,
    state: Arc<AppState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
    stop_deliveries: tokio::sync::watch::Sender<bool>,
    deliveries: tokio::task::JoinHandle<()>,
}

impl Running {
    /// How many `/oauth/token` requests of each `grant_type` arrived (whatever their outcome).
    pub fn token_requests(&self) -> HashMap<String, u64> {
        self.state
            .stats
            .token_requests
            .lock()
            .expect("stats lock")
            .clone()
    }

    /// How many POSTs to paths ending in `suffix` carried an `Idempotency-Key`.
    pub fn keyed_posts(&self, suffix: &str) -> u64 {
        self.state
            .stats
            .keyed_posts
            .lock()
            .expect("stats lock")
            .iter()
            .filter(|(path, _)| path.ends_with(suffix))
            .map(|(_, n)| n)
            .sum()
    }

    /// How many responses had this status code.
    pub fn responses_with_status(&self, status: u16) -> u64 {
        self.state
            .stats
            .statuses
            .lock()
            .expect("stats lock")
            .get(&status)
            .copied()
            .unwrap_or(0)
    }

    /// The secrets this sandbox handed out so far (empty unless `record_issued_secrets`).
    pub fn issued_secrets(&self) -> issued::IssuedSecrets {
        self.state.issued.clone()
    }

    /// Change the lifetime of access tokens issued from now on.
    pub fn set_token_ttl(&self, secs: u64) {
        self.state.token_ttl.store(secs, Ordering::SeqCst);
    }

    /// Move the sandbox's clock `secs` seconds ahead (tests: token expiry, refresh reuse and
    /// device polling windows without sleeping). Rate-limit windows stay on real time.
    pub fn advance_clock(&self, secs: i64) {
        self.state.clock.advance(secs);
    }

    /// Change the per-account request budget from now on.
    pub fn set_rate_limit(&self, per_minute: u32) {
        self.state.rate.set_limit(per_minute);
    }

    /// Add `count` service accounts to the demo company in one transaction (for load tests and
    /// benchmarks; their secrets are not kept).
    pub fn seed_service_accounts(&self, count: u32) -> Result<(), String> {
        seed::bulk_service_accounts(&self.state.db(), self.bootstrap.company_id, count)
            .map_err(|e| e.to_string())
    }

    /// Add another company (tenant) with the demo roles, logins prefixed with `prefix`.
    pub fn add_company(&self, name: &str, prefix: &str) -> Result<SeededCompany, String> {
        seed::add_company(&self.state.db(), name, prefix).map_err(|e| e.to_string())
    }

    /// Publish a new version of marketplace app `slug` asking for `company` and `project`
    /// permissions (the developer's side); installs it exceeds go back to pending.
    pub fn publish_app_version(
        &self,
        slug: &str,
        company: &[(&str, &str)],
        project: &[(&str, &str)],
    ) -> Result<i64, String> {
        let manifest = store::catalogue::Manifest {
            company: company
                .iter()
                .map(|(t, l)| (t.to_string(), l.to_string()))
                .collect(),
            project: project
                .iter()
                .map(|(t, l)| (t.to_string(), l.to_string()))
                .collect(),
        };
        store::catalogue::publish_version(&self.state.db(), slug, &manifest, self.state.clock.now())
            .map_err(|e| e.to_string())
    }

    /// Graceful shutdown: stop accepting, finish in-flight requests, release the data directory.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
        let _ = self.stop_deliveries.send(true);
        let _ = (&mut self.deliveries).await;
    }
}

/// Open (or create and seed) the data directory and serve on `config.listen`.
pub async fn start(config: Config) -> Result<Running, StartError> {
    let lock = store::schema::lock_data_dir(&config.data_dir)?;
    let db = store::pool::Db::open(&config.data_dir, config.prune_expired_after_secs)?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| StartError::Listen(config.listen, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Listen(config.listen, e))?;
    let base_url = match addr {
        SocketAddr::V4(a) => format!("http://{}:{}", a.ip(), a.port()),
        SocketAddr::V6(a) => format!("http://[{}]:{}", a.ip(), a.port()),
    };
    let bootstrap = seed::seed_or_load(&db.write(), &config.data_dir, &base_url)?;
    let seal = crypto::SealKey::load_or_create(&config.data_dir)
        .map_err(|e| StartError::DataDir(config.data_dir.clone(), e))?;
    let state = Arc::new(AppState::new(db, lock, &config, base_url.clone(), seal));
    let mut app = routes::router(state.clone());
    if config.record_issued_secrets {
        app = app.layer(axum::middleware::from_fn_with_state(
            state.issued.clone(),
            issued::record,
        ));
    }
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        let server = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = rx.await;
        });
        if let Err(e) = server.await {
            crate::log_line!("server error: {e}");
        }
    });
    let (stop_deliveries, stopped) = tokio::sync::watch::channel(false);
    let deliveries = tokio::spawn(webhooks::delivery::run(
        state.clone(),
        state.deliveries_due.clone(),
        stopped,
    ));
    Ok(Running {
        addr,
        base_url,
        bootstrap,
        state,
        shutdown: Some(tx),
        task,
        stop_deliveries,
        deliveries,
    })
}
