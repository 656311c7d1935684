//! Tests with other real programs: headless Chromium, bash/zsh/fish, kubectl, git 2.39 and 2.47,
//! oidc-provider and django-oauth-toolkit, mandoc. Not run by plain `cargo test` (`test = false`
//! in Cargo.toml: a machine with only Rust lacks these programs); `scripts/test.sh` runs them with
//! `cargo test --test tools`, after installing what is missing, and CI runs everything.

#[allow(dead_code)]
#[path = "../cli/doubles.rs"]
mod doubles;
#[allow(dead_code)]
#[path = "../cli/harness.rs"]
mod harness;

mod chromium;
mod git;
mod interop;
mod interop_dot;
mod kubectl;
mod manpages;
mod shells;
