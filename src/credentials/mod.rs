//! The one token source (flags, environment token, environment client credentials, federated
//! assertion, stored profile), its cache and renewal, and where credentials are kept.

pub mod fast_tier;
pub mod profiles;
pub mod session;
pub mod store;
