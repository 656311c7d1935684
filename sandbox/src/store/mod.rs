//! The storage layer: every query on a company's data lives here, and every one of them takes
//! the company id, so a handler cannot forget the tenant. Handlers authenticate, authorize, call
//! the store and shape the answer. One module per table family.
//!
//! Families moved here so far: service accounts, tickets (and photos), webhooks and their
//! deliveries, idempotent replays. The others (users, tokens, apps, projects) still query from
//! their handlers' modules, scoped by company there, and move next.

pub mod idempotency;
pub mod service_accounts;
pub mod tickets;
pub mod webhooks;
