//! Browser sign-in (authorization code + PKCE on a loopback listener), paste-the-code, refresh
//! rotation, reuse detection, and concurrent refresh under the lock.

use std::io::{BufReader, Write};
use std::process::Stdio;
use std::time::Duration;

use crate::harness::*;

#[test]
fn browser_login_status_and_refresh() {
    // Short-lived tokens, but not so short that a loaded machine sees the login's own token
    // expire before the login's check of it: the CLI renews at half the lifetime.
    let sb = Sandbox::start_with(|c| c.token_ttl_secs = 6);
    let mut m = Machine::new();
    let run = login_browser(&mut m, &sb, "admin", &[]).ok();
    assert!(
        run.stderr.contains("Logged in to") && run.stderr.contains("as admin (Adam Admin)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("/oauth/authorize?"),
        "the URL is shown in case the browser does not open"
    );
    let config = read(&m.config_path()).unwrap();
    assert!(
        config.contains("auth = \"authorization_code\"") && config.contains("user = \"admin\""),
        "{config}"
    );

    // The login's token is past half its life; the next `token` refreshes it once, the one
    // after uses the cache.
    m.advance_clock(4); // past half the token's life, without waiting
    sb.running().set_token_ttl(3600);
    let first = m.run(&["token"]).ok().stdout;
    assert_eq!(
        sb.token_requests("refresh_token"),
        1,
        "an expired token is refreshed"
    );
    let second = m.run(&["token"]).ok().stdout;
    assert_eq!(first, second);
    assert_eq!(
        sb.token_requests("refresh_token"),
        1,
        "a fresh token is not refreshed again"
    );
    let status = m.run(&["status"]).ok();
    assert!(
        status.stdout.contains("admin (Adam Admin"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("authorization code + PKCE"),
        "{}",
        status.stdout
    );
}

#[test]
fn denied_consent_is_an_auth_error_and_saves_nothing() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    m.set("SIM_DECISION", "deny");
    let user = sb.bootstrap().user("viewer").clone();
    m.set("BROWSER", format!("python3 {}", browser_script().display()));
    m.set("SIM_LOGIN", &user.login)
        .set("SIM_PASSWORD", &user.password);
    let url = sb.url();
    let run = m.run(&["login", "--api", &url, "--timeout", "60"]);
    run.fails_with(4).one_line_error("access_denied");
    assert!(read(&m.config_path()).is_none());
}

#[test]
fn forged_state_is_rejected() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    m.set("SIM_TAMPER_STATE", "1");
    let run = login_browser(&mut m, &sb, "admin", &[]);
    run.fails_with(4).one_line_error("state does not match");
    assert!(read(&m.config_path()).is_none());
    assert_eq!(
        sb.token_requests("authorization_code"),
        0,
        "the forged code is never exchanged"
    );
}

#[test]
fn browser_that_never_comes_back_times_out() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    m.set("BROWSER", "true");
    let url = sb.url();
    let run = m.run(&["login", "--api", &url, "--timeout", "1"]);
    run.fails_with(4).one_line_error("timed out after 1 s");
    assert!(
        run.stderr.contains("--no-browser"),
        "the hint names the alternative"
    );
}

#[test]
fn no_browser_paste_the_code() {
    let sb = Sandbox::start();
    let m = Machine::new();
    let admin = sb.bootstrap().user("admin").clone();
    let url = sb.url();
    let mut child = m
        .command(&["login", "--api", &url, "--no-browser"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (auth_url, seen) = authorize_url_from(&mut stderr);
    assert!(
        auth_url.contains("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"),
        "{auth_url}"
    );
    // A person opens the URL elsewhere, signs in, approves and copies the code shown.
    let code = code_from_browser(&auth_url, "admin", &admin.password);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{code}\n").as_bytes())
        .unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{seen}{rest}");
    assert!(rest.contains("as admin"), "{rest}");
    assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
}

#[test]
fn reused_refresh_token_revokes_the_grant() {
    // 6 s tokens: the login checks its own token at once; the CLI renews at half the lifetime.
    // No reuse grace (`--refresh-reuse-window 0`): the replay below comes seconds after the
    // rotation, inside the default 30 s grace (attacks.rs tests the grace and its theft case).
    let sb = Sandbox::start_with(|c| {
        c.token_ttl_secs = 6;
        c.refresh_reuse_window_secs = 0;
    });
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &["--insecure-storage"]).ok();
    let creds_path = m.config_dir().join("credentials/default.json");
    let stolen: serde_json::Value = serde_json::from_str(&read(&creds_path).unwrap()).unwrap();
    let stolen_refresh = stolen["refresh_token"].as_str().unwrap().to_string();

    m.advance_clock(4);
    m.run(&["token"]).ok(); // rotates: the stolen refresh token is now used up
    // An attacker replays the old refresh token: refused, and the whole grant is revoked.
    let replay = std::process::Command::new("curl")
        .args([
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-d",
            "grant_type=refresh_token",
            "-d",
            "client_id=svcacct-cli",
        ])
        .arg("--data-urlencode")
        .arg(format!("refresh_token={stolen_refresh}"))
        .arg(format!("{}/oauth/token", sb.url()))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&replay.stdout), "400");
    m.advance_clock(4);
    let run = m.run(&["token"]);
    run.fails_with(4).one_line_error("expired or was revoked");
    assert!(
        read(&creds_path).is_some(),
        "a failed refresh deletes nothing"
    );
}

#[test]
fn twenty_concurrent_token_calls_refresh_exactly_once() {
    // Short-lived tokens, but not so short that a loaded machine sees the login's own token
    // expire before the login's check of it: the CLI renews at half the lifetime.
    let sb = Sandbox::start_with(|c| c.token_ttl_secs = 6);
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    // Past half the token's life: every one of the twenty wants to renew it.
    m.advance_clock(4);
    sb.running().set_token_ttl(3600);
    let children: Vec<_> = (0..20)
        .map(|_| {
            m.command(&["token"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| wait_bounded(c, Duration::from_secs(60)))
        .collect();
    for o in &outputs {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let tokens: std::collections::HashSet<_> = outputs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .collect();
    assert_eq!(tokens.len(), 1, "all twenty print the one refreshed token");
    assert_eq!(
        sb.token_requests("refresh_token"),
        1,
        "exactly one refresh call"
    );
}

/// A hostile provider's `error_description` lands in the loopback page escaped (no script runs
/// on 127.0.0.1), and the page forbids framing and caching.
#[test]
fn callback_error_description_is_escaped_in_the_loopback_page() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    let page = m.home.path().join("page.txt");
    m.set("BROWSER", format!("python3 {}", browser_script().display()))
        .set("SIM_CALLBACK_ERROR", "<script>alert('x')</script> & <b>")
        .set("SIM_SAVE_PAGE", page.display().to_string());
    let url = sb.url();
    let run = m.run(&["login", "--api", &url, "--timeout", "60"]);
    run.fails_with(4).one_line_error("access_denied");
    // The browser runs on its own: svcacct may exit before it has saved the page it was shown.
    let saved = {
        let started = std::time::Instant::now();
        loop {
            if let Some(text) = read(&page) {
                break Some(text);
            }
            if started.elapsed() > Duration::from_secs(30) {
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let page = saved.expect("the browser saved the page");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;"),
        "{page}"
    );
    assert!(
        !page.contains("<script>") && !page.contains("<b>"),
        "{page}"
    );
    assert!(page.contains("frame-ancestors 'none'"), "{page}");
    assert!(
        page.to_ascii_lowercase()
            .contains("cache-control: no-store"),
        "{page}"
    );
    assert!(read(&m.config_path()).is_none());
}
