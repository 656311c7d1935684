//! Interop: the same login and token commands against an independent, certified OAuth server,
//! oidc-provider (npm, `interop/server.mjs`) on 127.0.0.1. It serves RFC 8414 metadata, its own
//! login and consent pages, rotates refresh tokens and implements RFC 7009.

use std::io::BufReader;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::*;

/// oidc-provider on 127.0.0.1 (`interop/server.mjs`), access tokens living `access_ttl` s.
fn oidc_provider(access_ttl: u32) -> InteropServer {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop/server.mjs");
    let mut cmd = Command::new("node");
    cmd.arg(&script)
        .env("INTEROP_ACCESS_TTL", access_ttl.to_string());
    // (oidc-provider logs to stdout on some paths, such as revoking an OpenID grant: the
    // harness keeps reading, a closed pipe would kill it with EPIPE.)
    InteropServer::start(
        cmd,
        "INTEROP_LOG",
        "oidc-provider (scripts/test.sh installs interop/node_modules)",
    )
}

/// The CLI client's refresh token, tried directly.
fn refresh_accepted(op: &InteropServer, refresh_token: &str) -> bool {
    op.refresh_accepted(&format!("{}/token", op.url), "interop-cli", refresh_token)
}

#[test]
fn client_credentials_basic_and_post() {
    let op = oidc_provider(3600);
    for (client, secret, method) in [
        (
            "interop-basic",
            "interop-basic-secret-0123456789abcdef",
            "basic",
        ),
        (
            "interop-post",
            "interop-post-secret-0123456789abcdef",
            "post",
        ),
    ] {
        let m = Machine::new();
        let args = [
            "login",
            "--api",
            &op.url,
            "--client-credentials",
            "--client-id",
            client,
            "--client-secret-stdin",
            "--auth-method",
            method,
            "-vv",
        ];
        let run = m.run_with_stdin(&args, secret).ok();
        assert_no_secret(&run.all(), &[secret]);
        let evidence = if method == "basic" {
            "authorization: Basic [redacted]"
        } else {
            "client_secret=[redacted]"
        };
        assert!(
            run.stderr.contains(evidence),
            "{method} was not used: {}",
            run.stderr
        );
        let token = m.run(&["token"]).ok().stdout.trim().to_string();
        assert!(token.len() > 20, "{token}");
        assert_eq!(
            op.grants("client_credentials"),
            if method == "basic" { 1 } else { 2 },
            "the second token call is cached"
        );
        let status = m.run(&["status"]).ok();
        assert!(
            status
                .stdout
                .contains("unknown (the server has no /api/v1/me)"),
            "{}",
            status.stdout
        );
        m.run(&["logout"]).ok();
    }
    // A wrong secret is refused by this server too.
    let m = Machine::new();
    m.run_with_stdin(
        &[
            "login",
            "--api",
            &op.url,
            "--client-credentials",
            "--client-id",
            "interop-basic",
            "--client-secret-stdin",
        ],
        "wrong",
    )
    .fails_with(4)
    .one_line_error("invalid_client");
}

#[test]
fn authorization_code_pkce_refresh_rotation_and_revocation() {
    let op = oidc_provider(1);
    let mut m = Machine::new();
    m.set("BROWSER", format!("python3 {}", browser_script().display()));
    m.set("SIM_LOGIN", "jane").set("SIM_PASSWORD", "any");
    let run = m
        .run(&[
            "login",
            "--api",
            &op.url,
            "--client-id",
            "interop-cli",
            "--insecure-storage",
            "--timeout",
            "60",
        ])
        .ok();
    assert!(run.stderr.contains("Logged in to"), "{}", run.stderr);
    // No --scope: an OpenID provider is asked for openid and offline_access, as it offers.
    assert!(
        run.stderr.contains("scope=openid+offline_access")
            || run.stderr.contains("scope=openid%20offline_access"),
        "{}",
        run.stderr
    );
    assert_eq!(op.grants("authorization_code"), 1);
    let first_refresh = stored_credential(&m, "default")["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();

    std::thread::sleep(Duration::from_millis(1100));
    let token = m.run(&["token"]).ok().stdout;
    assert!(token.trim().len() > 20);
    assert_eq!(
        op.grants("refresh_token"),
        1,
        "the expired token was refreshed"
    );
    let second_refresh = stored_credential(&m, "default")["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(
        first_refresh, second_refresh,
        "the server rotated the refresh token and the CLI kept the new one"
    );

    // Logout revokes at the server (RFC 7009): the current refresh token stops working.
    m.run(&["logout"]).ok();
    assert!(!refresh_accepted(&op, &second_refresh), "revoked at logout");
    assert!(!refresh_accepted(&op, &first_refresh), "rotated away");
}

/// The device flow (RFC 8628) against oidc-provider's: its verification page (confirm the code),
/// its login and consent, while `svcacct login --device` polls; no `--scope`.
#[test]
fn device_flow_against_oidc_provider() {
    use crate::harness::{approve_elsewhere, code_from};
    let op = oidc_provider(3600);
    let m = Machine::new();
    let mut child = m
        .command(&[
            "login",
            "--api",
            &op.url,
            "--client-id",
            "interop-cli",
            "--device",
            "--insecure-storage",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (url, _code, seen) = code_from(&mut stderr);
    approve_elsewhere(&url, "jane", "any", "approve");
    let out = wait_bounded(child, Duration::from_secs(90));
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(
        out.status.success(),
        "{seen}{rest}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(op.grants("urn:ietf:params:oauth:grant-type:device_code") >= 1);
    let token = m.run(&["token"]).ok().stdout;
    assert!(token.trim().len() > 20);
    assert!(
        stored_credential(&m, "default")["refresh_token"].is_string(),
        "offline_access was asked for"
    );
}
