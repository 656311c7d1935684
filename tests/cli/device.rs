//! Issue 13, the device authorization grant (RFC 8628): `svcacct login --device` against the
//! sandbox (its /device page signs in and asks for consent like /oauth/authorize) and against
//! oidc-provider (interop.rs starts it); the flow chosen without a flag; denial, expiry,
//! `slow_down` (a double: the sandbox never needs to send it to a client that keeps the pace)
//! and Ctrl-C.

use std::io::BufReader;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::doubles::{Double, json_reply};
use crate::harness::*;

pub fn fast_sandbox() -> Sandbox {
    Sandbox::start_with(|c| {
        c.device_interval_secs = 1;
    })
}

/// Run `login` with `args` on `m`, approve (or deny) at the shown URL, and return the run.
pub fn device_login(m: &Machine, sb: &Sandbox, args: &[&str], decision: &str) -> (i32, String) {
    let owner = sb.bootstrap().user("owner").clone();
    let mut child = m
        .command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (url, code, seen) = code_from(&mut stderr);
    assert!(seen.contains(&code), "the code is printed: {seen}");
    approve_elsewhere(&url, &owner.login, &owner.password, decision);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    (status.code().unwrap_or(-1), format!("{seen}{rest}"))
}

#[test]
fn device_flow_approve_deny_and_auto_choice() {
    let sb = fast_sandbox();
    let url = sb.url();
    // --device: the code on stderr, approved on "another device", signed in.
    let m = Machine::new();
    let (code, stderr) = device_login(&m, &sb, &["login", "--api", &url, "--device"], "approve");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("Logged in to"), "{stderr}");
    assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
    let status = m.run(&["status"]).ok();
    assert!(status.stdout.contains("owner"), "{}", status.stdout);
    // Said as what it was (issue 18: it said "authorization code + PKCE").
    assert!(
        status.stdout.contains("device authorization"),
        "{}",
        status.stdout
    );
    // The user code is single-use: its page refuses it once approved.
    let used = stderr
        .split_whitespace()
        .find(|w| w.contains("/device?user_code="))
        .unwrap()
        .to_string();
    let (status, page) = curl(&[&used]);
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("used already"), "{page}");

    // Denied: exit 4, nothing stored.
    let denied = Machine::new();
    let (code, stderr) = device_login(&denied, &sb, &["login", "--api", &url, "--device"], "deny");
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("denied"), "{stderr}");
    assert!(!denied.config_path().exists());

    // No flag, over SSH: the device flow, even with a (text) browser configured — which is
    // never launched.
    let mut ssh = Machine::new();
    let marker = ssh.home.path().join("w3m-ran");
    let fake_w3m = ssh.home.path().join("w3m");
    std::fs::write(
        &fake_w3m,
        format!("#!/bin/sh\ntouch {}\n", marker.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake_w3m, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    ssh.set("SSH_CONNECTION", "10.0.0.5 52000 10.0.0.9 22")
        .set("BROWSER", fake_w3m.to_str().unwrap());
    let (code, stderr) = device_login(&ssh, &sb, &["login", "--api", &url], "approve");
    assert_eq!(code, 0, "{stderr}");
    assert!(!marker.exists(), "a text browser was launched");
    // No display and no browser (a container): the device flow too.
    let container = Machine::new();
    let (code, stderr) = device_login(&container, &sb, &["login", "--api", &url], "approve");
    assert_eq!(code, 0, "{stderr}");
    // A desktop with a browser: loopback + PKCE as before (no code printed).
    let mut desktop = Machine::new();
    let owner = sb.bootstrap().user("owner").clone();
    desktop.with_browser(&owner.login, &owner.password);
    let run = desktop
        .run(&["login", "--api", &url, "--timeout", "60"])
        .ok();
    assert!(!run.stderr.contains("/device?user_code="), "{}", run.stderr);
    assert!(run.stderr.contains("code_challenge"), "{}", run.stderr);

    // A code nobody asked for: refused with the code form again.
    let (status, page) = curl(&[&format!("{url}/device?user_code=bcdf-ghjk")]);
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("user_code"),
        "the form is shown again: {page}"
    );
}

#[test]
fn device_code_expiry_is_exit_4_and_ctrl_c_is_130_with_nothing_saved() {
    let sb = Sandbox::start_with(|c| {
        c.device_interval_secs = 1;
        c.device_code_ttl_secs = 3;
    });
    let m = Machine::new();
    let run = m.run(&["login", "--api", &sb.url(), "--device"]);
    run.fails_with(4);
    assert!(run.stderr.contains("expired"), "{}", run.stderr);
    assert!(!m.config_path().exists());

    let sb = fast_sandbox();
    let m = Machine::new();
    let mut child = m
        .command(&["login", "--api", &sb.url(), "--device"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    code_from(&mut stderr);
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = wait_bounded(child, Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(130));
    assert!(!m.config_path().exists(), "nothing stored");
}

/// A server that answers the first poll with `slow_down`: the next poll comes at least five
/// seconds later than the interval (RFC 8628 §3.5), and the flow still completes.
#[test]
fn slow_down_adds_five_seconds() {
    let polls: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let p = polls.clone();
    let base: Arc<Mutex<String>> = Arc::default();
    let b = base.clone();
    let server = Double::start(Arc::new(move |req| {
        let base = b.lock().unwrap().clone();
        match req.path.as_str() {
            "/.well-known/oauth-authorization-server" => json_reply(
                200,
                json!({
                    "issuer": base, "token_endpoint": format!("{base}/token"),
                    "authorization_endpoint": format!("{base}/authorize"),
                    "device_authorization_endpoint": format!("{base}/device_authorization"),
                }),
            ),
            "/device_authorization" => json_reply(
                200,
                json!({
                    "device_code": "dc-1", "user_code": "WDJB-MJHT",
                    "verification_uri": format!("{base}/device"),
                    "verification_uri_complete": format!("{base}/device?user_code=WDJB-MJHT"),
                    "expires_in": 120, "interval": 1,
                }),
            ),
            "/token" => {
                let mut polls = p.lock().unwrap();
                polls.push(req.at);
                match polls.len() {
                    1 => json_reply(400, json!({"error": "slow_down"})),
                    2 => json_reply(400, json!({"error": "authorization_pending"})),
                    _ => json_reply(
                        200,
                        json!({"access_token": "at-device-1", "token_type": "Bearer", "expires_in": 600}),
                    ),
                }
            }
            _ => json_reply(404, json!({})),
        }
    }));
    *base.lock().unwrap() = server.url();
    let m = Machine::new();
    let run = m.run(&[
        "login",
        "--api",
        &server.url(),
        "--device",
        "--client-id",
        "cli",
    ]);
    run.ok();
    let polls = polls.lock().unwrap();
    assert_eq!(polls.len(), 3);
    let gap = polls[1].duration_since(polls[0]);
    assert!(
        gap >= Duration::from_secs(6),
        "slow_down not honoured: {gap:?}"
    );
    let gap = polls[2].duration_since(polls[1]);
    assert!(
        gap >= Duration::from_secs(6),
        "and every later poll too: {gap:?}"
    );
}

/// A device sign-in can be started by anyone and its link sent to a victim (RFC 8628 §5.4):
/// the consent page says it is a device sign-in and shows the code to compare.
#[test]
fn device_consent_page_shows_the_code_and_warns() {
    let sb = fast_sandbox();
    let url = sb.url();
    let (status, body) = curl(&[
        "-d",
        "client_id=svcacct-cli",
        &format!("{url}/oauth/device_authorization"),
    ]);
    assert_eq!(status, 200, "{body}");
    let started: serde_json::Value = serde_json::from_str(&body).unwrap();
    let code = started["user_code"].as_str().unwrap().to_string();
    let complete = started["verification_uri_complete"]
        .as_str()
        .unwrap()
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("cookies");
    let jar = jar.to_str().unwrap();
    let (status, login_page) = curl(&["-c", jar, "-b", jar, &complete]);
    assert_eq!(status, 200);
    let csrf = login_page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a csrf field")
        .to_string();
    let owner = sb.bootstrap().user("owner").clone();
    let (status, consent) = curl(&[
        "-c",
        jar,
        "-b",
        jar,
        "--data-urlencode",
        &format!("csrf={csrf}"),
        "--data-urlencode",
        &format!("login={}", owner.login),
        "--data-urlencode",
        &format!("password={}", owner.password),
        &format!("{url}/oauth/authorize/login"),
    ]);
    assert_eq!(status, 200, "{consent}");
    assert!(
        consent.contains(&code),
        "the code is on the consent page: {consent}"
    );
    assert!(
        consent.contains("started this sign-in yourself"),
        "{consent}"
    );
    assert!(consent.contains("Deny"));
}

/// Guessing user codes is limited like guessing passwords (RFC 8628 §5.1): after 20 wrong
/// codes from one address the page answers 429 with Retry-After, for any code.
#[test]
fn guessing_user_codes_is_throttled() {
    let sb = fast_sandbox();
    let url = sb.url();
    let letters = b"BCDFGHJKLMNPQRSTVWXZ";
    let mut limited = None;
    for i in 0..30 {
        let guess = format!(
            "BCDF-GH{}{}",
            letters[i % letters.len()] as char,
            letters[(i / letters.len()) % letters.len()] as char
        );
        let (status, _) = curl(&[&format!("{url}/device?user_code={guess}")]);
        if status == 429 {
            limited = Some(i);
            break;
        }
        assert_eq!(status, 400, "guess {i}");
    }
    assert_eq!(limited, Some(20), "the 21st wrong code is refused");
    let (status, body) = curl(&["-i", &format!("{url}/device?user_code=BCDF-GHJK")]);
    assert_eq!(status, 429);
    assert!(body.to_ascii_lowercase().contains("retry-after:"), "{body}");
}

/// A device code is good for one token pair: polled again after it was used, it is
/// `invalid_grant`.
#[test]
fn a_device_code_mints_once() {
    let sb = fast_sandbox();
    let url = sb.url();
    let (_, body) = curl(&[
        "-d",
        "client_id=svcacct-cli",
        &format!("{url}/oauth/device_authorization"),
    ]);
    let started: serde_json::Value = serde_json::from_str(&body).unwrap();
    let owner = sb.bootstrap().user("owner").clone();
    approve_elsewhere(
        started["verification_uri_complete"].as_str().unwrap(),
        &owner.login,
        &owner.password,
        "approve",
    );
    let poll = || {
        curl(&[
            "-d",
            "grant_type=urn:ietf:params:oauth:grant-type:device_code",
            "-d",
            "client_id=svcacct-cli",
            "--data-urlencode",
            &format!("device_code={}", started["device_code"].as_str().unwrap()),
            &format!("{url}/oauth/token"),
        ])
    };
    let (status, first) = poll();
    assert_eq!(status, 200, "{first}");
    assert!(first.contains("refresh_token"));
    sb.running().advance_clock(2);
    let (status, again) = poll();
    assert_eq!(status, 400, "{again}");
    assert!(again.contains("invalid_grant"), "{again}");
}
