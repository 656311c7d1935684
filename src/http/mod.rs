//! The one transport: TLS, no redirects, timeouts, retries, pacing, redaction, pagination and the
//! idempotency key. It knows nothing of OAuth, profiles or providers.

pub mod client;
pub mod pacer;
pub mod page;
pub mod rate;
pub mod redact;
