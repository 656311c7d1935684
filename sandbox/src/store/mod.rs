//! The storage layer: every query on a company's data lives here, and every one of them takes
//! the company id, so a handler cannot forget the tenant. Handlers authenticate, authorize, call
//! the store and shape the answer. One module per table family.
//!
//! Families here: service accounts, users and their personal access tokens, app installs and
//! their service users, tickets (and photos), webhooks and their deliveries, idempotent replays.
//! Not yet here: projects and documents (read-only, scoped by company in platform.rs). Not a
//! company's data, so outside this rule: the marketplace catalogue (apps/), the authentication
//! tables (clients, grants, codes, sessions in oauth/ and platform.rs), the seed.

pub mod apps;
pub mod idempotency;
pub mod service_accounts;
pub mod tickets;
pub mod users;
pub mod webhooks;
