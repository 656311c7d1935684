//! The storage layer: every query on a company's data lives here, and every one of them takes
//! the company id, so a handler cannot forget the tenant. Handlers authenticate, authorize, call
//! the store and shape the answer. One module per table family.
//!
//! Families: service accounts (and the identities they trust), users and their personal access
//! tokens, app installs and their service users, projects, tickets (and photos), webhooks,
//! idempotent replays. Not a company's data, so outside this rule: the marketplace catalogue
//! (`catalogue`), the authorization server's tables (`oauth`: clients, grants, tokens, codes;
//! `device_codes`; `signin`: browser sign-in sessions, by the person once signed in),
//! permissions by user id (`permissions`, called with users the store found in the company),
//! the event outbox (`events`, written by company), the delivery queue (`deliveries`, by
//! delivery id, sending only its event's company's webhook) and the seed (`demo`).

pub mod apps;
pub mod catalogue;
pub mod deliveries;
pub mod demo;
pub mod device_codes;
mod errors;
pub mod events;
pub mod federations;
pub mod idempotency;
pub mod oauth;
pub mod permission_usage;
pub mod permissions;
pub mod pool;
pub mod projects;
pub mod schema;
pub mod service_accounts;
pub mod signin;
pub mod tickets;
pub mod users;
pub mod webhooks;

/// A connection checkout (the writer, or a reader of the pool): the rest of the sandbox holds
/// one and hands it to the store's functions, and never queries it itself.
pub use rusqlite::Connection as Conn;
/// What a store function fails with; handlers turn it into their answer with `?`.
pub use rusqlite::Error;
pub type Result<T> = std::result::Result<T, Error>;
