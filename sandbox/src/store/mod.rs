//! The storage layer: every query on a company's data lives here, and every one of them takes
//! the company id, so a handler cannot forget the tenant. Handlers authenticate, authorize, call
//! the store and shape the answer. One module per table family.
//!
//! Families moved here so far: service accounts, users and their personal access tokens,
//! tickets (and photos), webhooks and their deliveries, idempotent replays. Still querying from
//! their handlers' modules (scoped by company there): app installs and projects; and the
//! authentication tables (clients, grants, codes, sessions), which are not a company's.

pub mod idempotency;
pub mod service_accounts;
pub mod tickets;
pub mod users;
pub mod webhooks;
