//! The storage layer: every query on a company's data lives here, and every one of them takes
//! the company id, so a handler cannot forget the tenant. Handlers authenticate, authorize, call
//! the store and shape the answer. One module per table family.
//!
//! Families: service accounts (and the identities they trust), users and their personal access tokens, app installs and their
//! service users, projects, tickets (and photos), webhooks and their deliveries, idempotent
//! replays. Not a company's data, so outside this rule: the marketplace catalogue (apps/), the
//! authentication tables (clients, grants, codes, sessions: oauth/, and the token lookup in
//! platform.rs), permissions by user id (permissions.rs, called with users the store found in
//! the company), the event outbox (events.rs, by company) and the seed.

pub mod apps;
pub mod federations;
pub mod idempotency;
pub mod permission_usage;
pub mod pool;
pub mod projects;
pub mod schema;
pub mod service_accounts;
pub mod tickets;
pub mod users;
pub mod webhooks;
