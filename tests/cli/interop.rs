//! Interop: the same login and token commands against an independent, certified OAuth server,
//! oidc-provider (npm, `interop/server.mjs`) on 127.0.0.1. It serves RFC 8414 metadata, its own
//! login and consent pages, rotates refresh tokens and implements RFC 7009.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::harness::*;

struct OidcProvider {
    child: Child,
    url: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl OidcProvider {
    fn start(access_ttl: u32) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("requests.jsonl");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop/server.mjs");
        let mut cmd = Command::new("node");
        cmd.arg(&script)
            .env("INTEROP_ACCESS_TTL", access_ttl.to_string())
            .env("INTEROP_LOG", &log);
        // (oidc-provider logs to stdout on some paths, such as revoking an OpenID grant: the
        // helper keeps reading, a closed pipe would kill it with EPIPE.)
        let (child, url) = spawn_listening(
            cmd,
            "oidc-provider (scripts/test.sh installs interop/node_modules)",
        );
        OidcProvider {
            child,
            url,
            log,
            _dir: dir,
        }
    }

    fn grants(&self, grant_type: &str) -> usize {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains(&format!("\"grant_type\":\"{grant_type}\"")))
            .count()
    }

    /// Use a refresh token directly; true when the server accepts it.
    fn refresh_accepted(&self, refresh_token: &str) -> bool {
        let out = Command::new("curl")
            .args([
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-d",
                "grant_type=refresh_token",
                "-d",
                "client_id=interop-cli",
            ])
            .arg("--data-urlencode")
            .arg(format!("refresh_token={refresh_token}"))
            .arg(format!("{}/token", self.url))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout) == "200"
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn stored(m: &Machine, profile: &str) -> serde_json::Value {
    let path = m.config_dir().join(format!("credentials/{profile}.json"));
    serde_json::from_str(&read(&path).expect("credentials file")).unwrap()
}

#[test]
fn client_credentials_basic_and_post() {
    let op = OidcProvider::start(3600);
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
    let op = OidcProvider::start(1);
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
    let first_refresh = stored(&m, "default")["refresh_token"]
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
    let second_refresh = stored(&m, "default")["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(
        first_refresh, second_refresh,
        "the server rotated the refresh token and the CLI kept the new one"
    );

    // Logout revokes at the server (RFC 7009): the current refresh token stops working.
    m.run(&["logout"]).ok();
    assert!(!op.refresh_accepted(&second_refresh), "revoked at logout");
    assert!(!op.refresh_accepted(&first_refresh), "rotated away");
}

/// The device flow (RFC 8628) against oidc-provider's: its verification page (confirm the code),
/// its login and consent, while `svcacct login --device` polls; no `--scope`.
#[test]
fn device_flow_against_oidc_provider() {
    use crate::device::{approve_elsewhere, code_from};
    let op = OidcProvider::start(3600);
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
        stored(&m, "default")["refresh_token"].is_string(),
        "offline_access was asked for"
    );
}
