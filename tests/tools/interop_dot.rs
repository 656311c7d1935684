//! Interop with a second independent OAuth 2.0 / OpenID Connect server: django-oauth-toolkit
//! (PyPI, `interop/dot/server.py`) on 127.0.0.1. Nothing here passes `--scope`: the CLI must
//! find out from OpenID discovery what to ask for. The toolkit publishes no
//! `revocation_endpoint` in its discovery document, so logout is given `--revocation-url` at
//! login, as a user of that server would.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::harness::*;

const SERVICE_SECRET: &str = "dot-service-secret-4c7e1a9b02f3d865";
const JANE_PASSWORD: &str = "dot-jane-password-1b9e";

/// django-oauth-toolkit on 127.0.0.1 (`interop/dot/server.py`); its URL is the issuer
/// `http://127.0.0.1:PORT/o`.
fn dot(access_ttl: u32) -> InteropServer {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop/dot/server.py");
    let mut cmd = Command::new("python3");
    cmd.arg(&script)
        .env("DOT_ACCESS_TTL", access_ttl.to_string())
        .env("DOT_SERVICE_SECRET", SERVICE_SECRET)
        .env("DOT_USER_PASSWORD", JANE_PASSWORD);
    InteropServer::start(
        cmd,
        "DOT_LOG",
        "django-oauth-toolkit (pip install -r interop/dot/requirements.txt)",
    )
}

/// The public client's refresh token, tried directly.
fn refresh_accepted(dot: &InteropServer, refresh_token: &str) -> bool {
    dot.refresh_accepted(
        &format!("{}/token/", dot.url),
        "interop-public",
        refresh_token,
    )
}

#[test]
fn dot_discovery_and_client_credentials() {
    let dot = dot(3600);
    let m = Machine::new();
    let run = m
        .run_with_stdin(
            &[
                "login",
                "--api",
                &dot.url,
                "--client-credentials",
                "--client-id",
                "interop-service",
                "--client-secret-stdin",
                "-v",
            ],
            SERVICE_SECRET,
        )
        .ok();
    assert!(
        run.stderr.contains("/o/.well-known/openid-configuration"),
        "found through OpenID discovery: {}",
        run.stderr
    );
    assert_no_secret(&run.all(), &[SERVICE_SECRET]);
    assert_eq!(dot.grants("client_credentials"), 1);
    let token = m.run(&["token"]).ok().stdout;
    assert!(token.trim().len() >= 20, "{token}");
    // The token is one the server itself recognises: ask its introspection endpoint
    // (RFC 7662, the client authenticating with its secret).
    let (status, body) = curl(&[
        "-s",
        "-u",
        &format!("interop-service:{SERVICE_SECRET}"),
        "--data-urlencode",
        &format!("token={}", token.trim()),
        &format!("{}/introspect/", dot.url),
    ]);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"active\": true"), "{body}");
    // A wrong secret is the server's invalid_client, exit 4, nothing stored.
    let other = Machine::new();
    other
        .run_with_stdin(
            &[
                "login",
                "--api",
                &dot.url,
                "--client-credentials",
                "--client-id",
                "interop-service",
                "--client-secret-stdin",
            ],
            "not-the-secret",
        )
        .fails_with(4)
        .one_line_error("invalid_client");
    assert!(!other.config_path().exists());
}

#[test]
fn dot_authorization_code_pkce_login_page_refresh_rotation_and_revocation() {
    let dot = dot(1);
    let mut m = Machine::new();
    m.with_browser("jane", JANE_PASSWORD);
    let revoke = format!("{}/revoke_token/", dot.url);
    let run = m
        .run(&[
            "login",
            "--api",
            &dot.url,
            "--client-id",
            "interop-public",
            "--revocation-url",
            &revoke,
            "--insecure-storage",
            "--timeout",
            "60",
        ])
        .ok();
    assert!(run.stderr.contains("Logged in to"), "{}", run.stderr);
    // OpenID discovery, no offline_access offered: exactly `openid` was asked for.
    assert!(
        run.stderr.contains("scope=openid&") || run.stderr.contains("scope=openid\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("code_challenge_method=S256"),
        "{}",
        run.stderr
    );
    assert_eq!(dot.grants("authorization_code"), 1);
    let first_refresh = stored_credential(&m, "default")["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();

    // The 1-second token expires; `token` refreshes it, and the server rotates the refresh token.
    std::thread::sleep(Duration::from_millis(1100));
    let token = m.run(&["token"]).ok().stdout;
    assert!(token.trim().len() >= 20);
    assert_eq!(
        dot.grants("refresh_token"),
        1,
        "the expired token was refreshed"
    );
    let second_refresh = stored_credential(&m, "default")["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(
        first_refresh, second_refresh,
        "rotated, and the CLI kept the new one"
    );

    // Logout revokes at the server (RFC 7009): the refresh token stops working there.
    m.run(&["logout"]).ok();
    assert!(
        !refresh_accepted(&dot, &second_refresh),
        "revoked at logout"
    );
    assert!(!refresh_accepted(&dot, &first_refresh), "rotated away");
}
