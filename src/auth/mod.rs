//! Authentication: OAuth flows, the loopback listener, the credential store and the token source.

pub mod fast_tier;
pub mod loopback;
pub mod oauth;
pub mod session;
pub mod store;
