//! Integration tests: the real `svcacct` binary against a real `svcacct-sandbox` on 127.0.0.1
//! and a temp HOME. They need Rust, python3 and curl only: the keychain is the test builds' file
//! keychain under plain `cargo test`, and the session's real one (gnome-keyring on a private
//! D-Bus) under `scripts/test.sh`. Tests that need another real program (a browser, shells,
//! kubectl, git 2.47, an independent OAuth server, mandoc) are in `tests/tools`. One test binary
//! per target keeps link time down.

mod apps;
mod attacks;
mod audit;
mod authorization_code;
mod client_credentials;
mod device;
mod doubles;
mod failures;
mod federation;
mod hardening;
// Shared with tests/tools: some helpers are used by that target only.
#[allow(dead_code)]
mod harness;
mod help;
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
mod tenancy;
mod tokens;
mod transcripts;
mod webhooks;
