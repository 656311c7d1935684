//! What several handlers (and the seed) share, above the store: account creation, token
//! issuance, client authentication, browser sign-in, events. Handlers call it; it calls the store.

pub mod accounts;
pub mod clients;
pub mod federation;
pub mod permissions;
pub mod signin;
pub mod tokens;
