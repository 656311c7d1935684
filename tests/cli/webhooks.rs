//! Webhooks end to end: real actions → the sandbox's delivery engine → a real receiver on
//! 127.0.0.1, with basic auth and headers; write-only values never shown; failures recorded,
//! retried and visible; durable across kill -9.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use svcacct_sandbox::receiver::Received;

use crate::harness::*;

fn fast_deliveries(c: &mut svcacct_sandbox::Config) {
    c.delivery.timeout = Duration::from_millis(1000);
    c.delivery.retry_base = Duration::from_millis(200);
    c.delivery.retry_max = Duration::from_millis(400);
}

fn owner(sb: &Sandbox) -> (Machine, String) {
    let owner = sb.bootstrap().user("owner").clone();
    signed_in_as(sb, &owner.login, &owner.password)
}

fn ticket(base: &str, token: &str, title: &str) -> i64 {
    let (code, t) = api(
        token,
        "POST",
        &format!("{base}/api/v1/companies/1/projects/1/tickets"),
        Some(json!({"title": title})),
    );
    assert_eq!(code, 201, "{t}");
    t["id"].as_i64().unwrap()
}

/// A webhook for ticket.created to `url`; its id.
fn ticket_created_hook(m: &Machine, url: &str) -> String {
    ticket_hook(m, url).to_string()
}

fn deliveries(m: &Machine, hook: &str, status: Option<&str>) -> Vec<Value> {
    let mut args = vec!["webhooks", "deliveries", hook, "--json"];
    if let Some(s) = status {
        args.extend(["--status", s]);
    }
    serde_json::from_str(&m.run(&args).ok().stdout).unwrap()
}

fn by_type<'a>(got: &'a [Received], t: &str) -> Vec<&'a Received> {
    got.iter().filter(|r| r.json()["type"] == t).collect()
}

#[test]
fn events_from_real_actions_arrive_with_auth_and_headers() {
    let sb = Sandbox::start_with(fast_deliveries);
    let (m, token) = owner(&sb);
    let rx = sb.receiver();
    let dir = tempfile::tempdir().unwrap();
    let (pw_file, key_file) = (dir.path().join("pw"), dir.path().join("key"));
    std::fs::write(&pw_file, "basic-pw-7f3a9c\n").unwrap();
    std::fs::write(&key_file, "sig-key-2b8e41\n").unwrap();
    let url = rx.url();
    let created = m.run(&[
        "webhooks",
        "create",
        "--url",
        &url,
        "--event",
        "ticket.*",
        "--event",
        "photo.attached",
        "--basic-auth-user",
        "hooks",
        "--basic-auth-password-file",
        pw_file.to_str().unwrap(),
        "--header",
        "X-Tenant: acme",
        "--hidden-header",
        &format!("X-Signature-Key=@{}", key_file.display()),
        "--json",
    ]);
    let hook: Value = serde_json::from_str(&created.ok().stdout).unwrap();
    let id = hook["id"].as_i64().unwrap().to_string();
    assert_eq!(
        hook["events"],
        json!([
            "ticket.created",
            "ticket.updated",
            "ticket.deleted",
            "photo.attached"
        ]),
        "ticket.* expands"
    );

    let base = sb.url();
    let t = ticket(&base, &token, "Crack in slab B2");
    let ticket_url = format!("{base}/api/v1/companies/1/projects/1/tickets/{t}");
    assert_eq!(
        api(
            &token,
            "PATCH",
            &ticket_url,
            Some(json!({"status": "in_progress"}))
        )
        .0,
        200
    );
    assert_eq!(
        api(
            &token,
            "POST",
            &format!("{ticket_url}/photos"),
            Some(json!({"filename": "slab.jpg"}))
        )
        .0,
        201
    );
    assert_eq!(api(&token, "DELETE", &ticket_url, None).0, 204);
    wait_until(Duration::from_secs(20), "four events", || {
        rx.received().len() >= 4
    });
    let got = rx.received();
    let basic = format!("Basic {}", base64_of("hooks:basic-pw-7f3a9c"));
    for r in &got {
        assert_eq!(
            r.header("authorization"),
            Some(basic.as_str()),
            "basic auth on every delivery"
        );
        assert_eq!(r.header("x-tenant"), Some("acme"));
        assert_eq!(
            r.header("x-signature-key"),
            Some("sig-key-2b8e41"),
            "hidden values are used when delivering"
        );
        assert_eq!(r.header("content-type"), Some("application/json"));
        let body = r.json();
        assert_eq!(body["company_id"], 1);
        assert!(
            body["id"].as_str().unwrap().starts_with("evt_") && body["occurred_at"].is_string()
        );
    }
    for t in [
        "ticket.created",
        "ticket.updated",
        "photo.attached",
        "ticket.deleted",
    ] {
        assert!(!by_type(&got, t).is_empty(), "{t} arrived");
    }
    let ids: std::collections::HashSet<_> = got
        .iter()
        .map(|r| r.json()["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 4, "each event has its own id");
    assert_eq!(
        by_type(&got, "ticket.updated")[0].json()["data"]["ticket"]["status"],
        "in_progress"
    );

    // Write-only values never come back: not in the CLI's output, -vv logs, or the API.
    let secrets = ["basic-pw-7f3a9c", "sig-key-2b8e41"];
    let view = m.run(&["webhooks", "view", &id, "-vv"]).ok();
    assert_no_secret(&view.all(), &secrets);
    assert!(
        view.stdout
            .contains("******** (hidden: cannot be read back)")
            && view.stdout.contains("password hidden"),
        "{}",
        view.stdout
    );
    assert_no_secret(&m.run(&["webhooks", "list", "--json"]).ok().all(), &secrets);
    let (_, raw) = api(
        &token,
        "GET",
        &format!("{base}/api/v1/companies/1/webhooks/{id}"),
        None,
    );
    assert_no_secret(&raw.to_string(), &secrets);
    assert_eq!(raw["basic_auth"]["password"], "********");

    // Updating without resending the hidden values keeps them — even with a password variable
    // exported: only a basic-auth change reads a password.
    let mut m = m;
    m.set("SVCACCT_WEBHOOK_PASSWORD", "not-meant-for-this-update");
    m.run(&["webhooks", "update", &id, "--header", "X-Tenant: beta"])
        .ok();
    ticket(&base, &token, "Second");
    wait_until(Duration::from_secs(20), "the fifth event", || {
        rx.received().len() >= 5
    });
    let last = rx.received().pop().unwrap();
    assert_eq!(last.header("x-tenant"), Some("beta"));
    assert_eq!(last.header("x-signature-key"), Some("sig-key-2b8e41"));
    assert_eq!(last.header("authorization"), Some(basic.as_str()));
    sb.stop_receiver(rx);
}

fn base64_of(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[test]
fn failures_are_recorded_retried_and_visible() {
    let sb = Sandbox::start_with(fast_deliveries);
    let (m, token) = owner(&sb);
    let rx = sb.receiver();
    let id = ticket_created_hook(&m, &rx.url());
    let base = sb.url();

    // 500: recorded with the code, retried with backoff, then delivered once the receiver recovers.
    rx.set_status(500);
    ticket(&base, &token, "answered 500");
    wait_until(Duration::from_secs(20), "two failed attempts", || {
        deliveries(&m, &id, Some("failed"))
            .first()
            .is_some_and(|d| d["attempts"].as_i64() >= Some(2) && d["response_status"] == 500)
    });
    let failed = m
        .run(&["webhooks", "deliveries", &id, "--status", "failed"])
        .ok();
    assert!(
        failed.stdout.contains("receiver answered HTTP 500"),
        "{}",
        failed.stdout
    );
    rx.set_status(200);
    wait_until(Duration::from_secs(20), "the retry to succeed", || {
        deliveries(&m, &id, Some("succeeded")).len() == 1
    });

    // Slow (past the 1 s timeout in this test): recorded as a timeout.
    rx.set_delay(Duration::from_millis(1500));
    ticket(&base, &token, "slow receiver");
    wait_until(Duration::from_secs(20), "a timeout", || {
        deliveries(&m, &id, None).iter().any(|d| {
            d["error"]
                .as_str()
                .is_some_and(|e| e.contains("no answer within the timeout"))
        })
    });
    rx.set_delay(Duration::ZERO);

    // A test event reports the receiver's answer.
    let test = m.run(&["webhooks", "test", &id]).ok();
    assert!(
        test.stderr.contains("The receiver answered 200"),
        "{}",
        test.stderr
    );
    assert!(
        rx.received()
            .iter()
            .any(|r| r.json()["type"] == "webhook.test")
    );

    // Redelivering sends the same event (same id) again: at-least-once.
    let done = deliveries(&m, &id, Some("succeeded"));
    let first = done.last().unwrap();
    let before = rx
        .received()
        .iter()
        .filter(|r| r.json()["id"] == first["event_id"])
        .count();
    m.run(&[
        "webhooks",
        "redeliver",
        &id,
        &first["id"].as_i64().unwrap().to_string(),
    ])
    .ok();
    wait_until(Duration::from_secs(20), "the redelivery", || {
        rx.received()
            .iter()
            .filter(|r| r.json()["id"] == first["event_id"])
            .count()
            > before
    });

    // Receiver down.
    sb.stop_receiver(rx);
    ticket(&base, &token, "nobody listening");
    wait_until(Duration::from_secs(20), "a connection failure", || {
        deliveries(&m, &id, Some("failed"))
            .iter()
            .any(|d| d["error"] == "could not connect")
    });
    m.run(&["webhooks", "test", &id])
        .fails_with(8)
        .one_line_error("could not connect");
}

#[test]
fn follow_prints_new_deliveries_until_interrupted() {
    let sb = Sandbox::start_with(fast_deliveries);
    let (m, token) = owner(&sb);
    let rx = sb.receiver();
    let id = ticket_created_hook(&m, &rx.url());
    let mut child = m
        .command(&["webhooks", "deliveries", &id, "--follow"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    ticket(&sb.url(), &token, "followed");
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !seen
        .iter()
        .any(|l: &String| l.contains("ticket.created") && l.contains("succeeded"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "follow printed: {seen:?}"
        );
        if let Ok(l) = lines.recv_timeout(Duration::from_millis(200)) {
            seen.push(l);
        }
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = wait_bounded(child, Duration::from_secs(10)).status;
    assert!(status.success(), "Ctrl-C ends --follow cleanly: {status:?}");
    sb.stop_receiver(rx);
}

#[test]
fn owners_only_and_bad_input() {
    let sb = Sandbox::start();
    let (m, _) = owner(&sb);
    let mut admin = Machine::new();
    login_browser(&mut admin, &sb, "admin", &[]).ok();
    admin
        .run(&["webhooks", "list"])
        .fails_with(5)
        .one_line_error("only account owners");
    let create = |extra: &[&str]| {
        let mut args = vec!["webhooks", "create"];
        args.extend_from_slice(extra);
        m.run(&args)
    };
    let ok_url = "http://127.0.0.1:9/hooks";
    create(&["--url", "not a url", "--event", "ticket.created"])
        .fails_with(2)
        .one_line_error("is not a URL");
    create(&[
        "--url",
        "http://hooks.example.com/x",
        "--event",
        "ticket.created",
    ])
    .fails_with(2)
    .one_line_error("plain http");
    let unknown = create(&["--url", ok_url, "--event", "ticket.exploded"]);
    unknown
        .fails_with(2)
        .one_line_error("unknown event 'ticket.exploded'");
    assert!(
        unknown.stderr.contains("photo.attached"),
        "valid events listed: {}",
        unknown.stderr
    );
    create(&[
        "--url",
        ok_url,
        "--event",
        "ticket.created",
        "--header",
        "X-No-Colon",
    ])
    .fails_with(2)
    .one_line_error("has no colon");
    create(&[
        "--url",
        ok_url,
        "--event",
        "ticket.created",
        "--header",
        "Host: evil",
    ])
    .fails_with(2)
    .one_line_error("cannot be set");
    create(&[
        "--url",
        ok_url,
        "--event",
        "ticket.created",
        "--header",
        "Content-Length: 1",
    ])
    .fails_with(2)
    .one_line_error("cannot be set");
    create(&[
        "--url",
        ok_url,
        "--event",
        "ticket.created",
        "--hidden-header",
        "X-Key=plain-on-argv",
    ])
    .fails_with(2)
    .one_line_error("never taken from the command line");
    create(&[
        "--url",
        ok_url,
        "--event",
        "ticket.created",
        "--basic-auth-user",
        "u",
    ])
    .fails_with(2)
    .one_line_error("needs a password");
    assert_eq!(
        m.run(&["webhooks", "list", "--json"]).ok().stdout.trim(),
        "[]",
        "nothing was created"
    );
}

/// A sandbox binary (not in-process), so that it can be killed with SIGKILL.
struct SandboxProcess {
    child: Child,
    url: String,
}

impl SandboxProcess {
    fn start(dir: &std::path::Path) -> Self {
        let bin =
            std::path::Path::new(env!("CARGO_BIN_EXE_svcacct")).with_file_name("svcacct-sandbox");
        assert!(
            bin.exists(),
            "{} is missing: build the workspace first (scripts/test.sh does)",
            bin.display()
        );
        let mut child = Command::new(bin)
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--quiet",
                "--allow-loopback-webhooks",
                "--no-external-webhooks",
                "--rate-limit",
                "100000/min",
                "--retry-base-ms",
                "100",
                "--retry-max-ms",
                "300",
                "--data",
            ])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        SandboxProcess {
            child,
            url: first.trim().trim_start_matches("listening on ").to_string(),
        }
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn pending_deliveries_survive_kill_9() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let rx = rt
        .block_on(svcacct_sandbox::receiver::Receiver::start(
            ([127, 0, 0, 1], 0).into(),
            None,
        ))
        .unwrap();
    rx.set_status(503); // failing: everything stays pending for retry
    let data = tempfile::tempdir().unwrap();
    let first = SandboxProcess::start(data.path());
    let boot: Value =
        serde_json::from_str(&std::fs::read_to_string(data.path().join("bootstrap.json")).unwrap())
            .unwrap();
    let mut m = Machine::new();
    login_browser_at(
        &mut m,
        &first.url,
        "owner",
        boot["users"]["owner"]["password"].as_str().unwrap(),
        &["--insecure-storage"],
    )
    .ok();
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    let url = rx.url();
    m.run(&[
        "webhooks",
        "create",
        "--url",
        &url,
        "--event",
        "ticket.created",
    ])
    .ok();
    for i in 0..20 {
        ticket(&first.url, &token, &format!("durable {i}"));
    }
    wait_until(Duration::from_secs(20), "first attempts", || {
        rx.received().len() >= 5
    });
    let mut first = first;
    first.child.kill().unwrap(); // SIGKILL: no shutdown, deliveries pending or mid-send
    first.child.wait().unwrap();
    rx.set_status(200);
    let before = rx.received().len();
    let second = SandboxProcess::start(data.path());
    wait_until(
        Duration::from_secs(30),
        "every event after the restart",
        || {
            let ids: std::collections::HashSet<String> = rx.received()[before..]
                .iter()
                .map(|r| r.json()["id"].as_str().unwrap_or_default().to_string())
                .collect();
            ids.len() == 20
        },
    );
    let (code, list) = api(
        &token,
        "GET",
        &format!(
            "{}/api/v1/companies/1/webhooks/1/deliveries?status=succeeded&per_page=100",
            second.url
        ),
        None,
    );
    assert_eq!(code, 200);
    assert_eq!(
        list.as_array().unwrap().len(),
        20,
        "all twenty recorded as delivered"
    );
    rt.block_on(rx.stop());
}

/// `--follow` polls gently (issue 17: once a second, spending the company's whole budget):
/// quiet polls back off from 2 s towards 30 s, and a pipe gets no header line.
#[test]
fn follow_backs_off_while_nothing_happens() {
    let sb = Sandbox::start();
    let (m, _) = owner(&sb);
    let rx = sb.receiver();
    let id = ticket_created_hook(&m, &rx.url());
    let child = m
        .command(&["webhooks", "deliveries", &id, "--follow", "-v"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    // 15 s of nothing: polls at 0, 2, 6 and 14 s (the old loop: 15).
    std::thread::sleep(Duration::from_secs(15));
    Command::new("kill").args(["-INT", &pid]).status().unwrap();
    let out = wait_bounded(child, Duration::from_secs(10));
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let polls = stderr
        .lines()
        .filter(|l| l.contains("GET") && l.contains("/deliveries"))
        .count();
    assert!((2..=5).contains(&polls), "{polls} polls in 15 s:\n{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("EVENT"), "no header when piped: {stdout}");
    sb.stop_receiver(rx);
}
