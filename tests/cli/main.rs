//! Integration tests: the real `svcacct` binary against a real `svcacct-sandbox` on 127.0.0.1,
//! a temp HOME, and the session's real keychain. One test binary keeps link time down.

mod apps;
mod attacks;
mod audit;
mod authorization_code;
mod chromium;
mod client_credentials;
mod device;
mod doubles;
mod failures;
mod federation;
mod git;
mod hardening;
mod harness;
mod help;
mod interop;
mod interop_dot;
mod kubectl;
mod least_privilege;
mod messages;
mod openapi;
mod output_formats;
mod permission_matrix;
mod platforms;
mod profiles;
mod providers;
mod release;
mod rotation;
mod sandbox;
mod service_accounts;
mod shells;
mod tenancy;
mod tokens;
mod webhooks;
