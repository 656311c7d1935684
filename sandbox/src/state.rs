//! Shared server state: the database, settings, counters. The router is in `routes`.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use crate::Config;
use crate::ratelimit::RateLimiter;
use crate::store::schema::DirLock;

#[derive(Default)]
pub struct Stats {
    pub token_requests: Mutex<HashMap<String, u64>>,
    pub statuses: Mutex<HashMap<u16, u64>>,
    /// POSTs under /api/v1 that carried an `Idempotency-Key`, by path.
    pub keyed_posts: Mutex<HashMap<String, u64>>,
}

pub struct AppState {
    db: Arc<crate::store::pool::Db>,
    /// See [`crate::Config::bench_ceiling`].
    pub bench_ceiling: bool,
    pub base_url: String,
    pub token_ttl: AtomicU64,
    /// The sandbox's time (tests move it; see [`crate::clock::Clock`]).
    pub clock: crate::clock::Clock,
    /// Device flow: polling interval and code lifetime, seconds.
    pub device_interval: i64,
    pub device_code_ttl: i64,
    /// Seconds a just-rotated refresh token may be redeemed again.
    pub refresh_reuse_window: i64,
    /// Federation issuers may be on loopback (local testing).
    pub allow_loopback_issuers: bool,
    pub rate: RateLimiter,
    pub stats: Stats,
    pub request_log: bool,
    /// Seals webhook secrets at rest.
    pub seal: crate::crypto::SealKey,
    pub delivery: crate::DeliveryConfig,
    /// What the sandbox handed out, when a test suite asked to record it.
    pub issued: crate::issued::IssuedSecrets,
    /// Service-account credentials verified before (the token endpoint's fast path).
    pub verified_secrets: crate::service::clients::VerifiedSecrets,
    /// Failed sign-ins per account and per address.
    pub login_throttle: crate::oauth::throttle::LoginThrottle,
    /// Wakes the delivery engine when something falls due.
    pub deliveries_due: Arc<tokio::sync::Notify>,
    _lock: DirLock,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(
        db: Arc<crate::store::pool::Db>,
        lock: DirLock,
        config: &Config,
        base_url: String,
        seal: crate::crypto::SealKey,
    ) -> Self {
        Self {
            clock: db.clock().clone(),
            db,
            bench_ceiling: config.bench_ceiling,
            base_url,
            token_ttl: AtomicU64::new(config.token_ttl_secs),
            device_interval: config.device_interval_secs.max(1) as i64,
            device_code_ttl: config.device_code_ttl_secs.max(1) as i64,
            refresh_reuse_window: config.refresh_reuse_window_secs as i64,
            allow_loopback_issuers: config.allow_loopback_issuers,
            rate: RateLimiter::new(
                config.rate_limit_per_minute,
                std::time::Duration::from_secs(config.rate_window_secs),
            ),
            stats: Stats::default(),
            request_log: config.request_log,
            seal,
            delivery: config.delivery.clone(),
            deliveries_due: Arc::new(tokio::sync::Notify::new()),
            login_throttle: Default::default(),
            verified_secrets: Default::default(),
            issued: Default::default(),
            _lock: lock,
        }
    }

    /// The writer connection (the request's leased one, if it holds the writer). Hold it
    /// briefly and never across an `.await` outside a lease.
    pub fn db(&self) -> crate::store::pool::Checkout {
        self.db.write()
    }

    /// A read-only connection of the pool (never waits behind the writer), or the request's
    /// leased connection.
    pub fn read(&self) -> crate::store::pool::Checkout {
        self.db.read()
    }

    /// Run a request's store work with one connection checkout (see [`crate::store::pool::Db::lease`]).
    pub fn lease<R>(&self, writes: bool, f: impl FnOnce() -> R) -> R {
        self.db.lease(writes, f)
    }

    /// Give the request's leased connection back before waiting (on the network, on the
    /// delivery engine, on a slow hash): later checkouts are ordinary ones.
    pub fn end_lease(&self) {
        crate::store::pool::end_lease();
    }

    /// The store's connections, for batched writes and stamps.
    pub fn store(&self) -> &Arc<crate::store::pool::Db> {
        &self.db
    }

    pub fn token_ttl(&self) -> i64 {
        self.token_ttl.load(std::sync::atomic::Ordering::SeqCst) as i64
    }
}
