//! Issue 11: the Procore and PlanRadar presets end to end, against test doubles written from
//! each platform's public developer documentation (doubles.rs cites the pages).

use std::io::{BufReader, Write};
use std::process::Stdio;
use std::time::Duration;

use crate::doubles::*;
use crate::harness::*;

/// Open a printed authorization URL and copy the out-of-band code Procore shows.
fn oob_code(auth_url: &str) -> String {
    let (status, page) = curl(&["-s", auth_url]);
    assert_eq!(status, 200, "{page}");
    let code = page
        .split("<code>")
        .nth(1)
        .and_then(|r| r.split("</code>").next())
        .expect("a code on the page");
    code.to_string()
}

/// `login --provider procore --no-browser` with the secret on stdin's first line and the
/// pasted code on the next: Procore's confidential out-of-band flow.
fn procore_oob_login(m: &Machine, procore: &Procore, extra: &[&str]) -> std::process::ExitStatus {
    let url = procore.url();
    let mut args = vec![
        "login",
        "--provider",
        "procore",
        "--api",
        &url,
        "--client-id",
        PROCORE_CLIENT_ID,
        "--client-secret-stdin",
        "--no-browser",
    ];
    args.extend_from_slice(extra);
    let mut child = m
        .command(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{PROCORE_CLIENT_SECRET}\n").as_bytes())
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (auth_url, seen) = authorize_url_from(&mut stderr);
    let code = oob_code(&auth_url);
    stdin.write_all(format!("{code}\n").as_bytes()).unwrap();
    drop(stdin);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{seen}{rest}");
    assert_no_secret(&format!("{seen}{rest}"), &[PROCORE_CLIENT_SECRET]);
    status
}

#[test]
fn procore_confidential_oob_sign_in_refresh_rotation_and_company_header() {
    let procore = Procore::start(&["urn:ietf:wg:oauth:2.0:oob"]);
    let company = PROCORE_COMPANY.to_string();
    let m = Machine::new();
    // The file store, so that the test can make the token look expired.
    procore_oob_login(&m, &procore, &["--company", &company, "--insecure-storage"]);

    // Procore's rules as the double saw them: no PKCE, the oob redirect, the secret in the body.
    let authorize = &procore.double.seen_at("/oauth/authorize")[0];
    let q = authorize.query_pairs();
    assert!(
        !q.contains_key("code_challenge"),
        "Procore takes no PKCE: {q:?}"
    );
    assert_eq!(q["redirect_uri"], "urn:ietf:wg:oauth:2.0:oob");
    let exchange = &procore.double.seen_at("/oauth/token")[0];
    assert_eq!(exchange.form()["grant_type"], "authorization_code");
    assert_eq!(exchange.form()["client_secret"], PROCORE_CLIENT_SECRET);
    assert!(
        procore.double.seen_at("/.well-known").is_empty(),
        "Procore publishes no discovery document; none is asked for"
    );
    let config = std::fs::read_to_string(m.config_path()).unwrap();
    assert!(config.contains("provider = \"procore\""), "{config}");
    assert!(
        config.contains(&format!("company_id = {PROCORE_COMPANY}")),
        "{config}"
    );
    assert!(!config.contains(PROCORE_CLIENT_SECRET));

    // Every API call carries Procore-Company-Id; the double refuses company calls without it.
    let run = m
        .run(&[
            "api",
            "GET",
            "/rest/v1.0/webhooks/hooks?company_id={company}",
        ])
        .ok();
    assert_eq!(run.stdout.trim(), "[]");
    for seen in procore.double.seen_at("/rest/") {
        assert_eq!(
            seen.header("procore-company-id"),
            Some(company.as_str()),
            "{}",
            seen.path
        );
    }
    // `--company` overrides the stored one (and the double refuses a company we may not see).
    m.run(&[
        "--company",
        "77",
        "api",
        "GET",
        "/rest/v1.0/webhooks/hooks?company_id=77",
    ])
    .fails_with(5);
    let last = procore.double.seen_at("/rest/").pop().unwrap();
    assert_eq!(last.header("procore-company-id"), Some("77"));

    // `token` is cached: a second call makes no request.
    let first = m.run(&["token"]).ok().stdout;
    let before = procore.double.seen().len();
    assert_eq!(m.run(&["token"]).ok().stdout, first);
    assert_eq!(procore.double.seen().len(), before);

    // Refresh tokens are single-use and rotate: expire the token twice, each refresh uses the
    // refresh token the previous one returned (the double refuses a reused one).
    for round in 0..2 {
        {
            let mut s = procore.state.lock().unwrap();
            for exp in s.access_tokens.values_mut() {
                *exp = 0;
            }
        }
        rewrite_expiry(&m);
        let t = m.run(&["token"]).ok().stdout;
        assert_ne!(t, first, "round {round}: a new token");
        let s = procore.state.lock().unwrap();
        assert_eq!(s.used_refresh_tokens.len(), round + 1);
    }
    let refreshes: Vec<_> = procore
        .double
        .seen_at("/oauth/token")
        .into_iter()
        .filter(|s| s.form().get("grant_type").map(String::as_str) == Some("refresh_token"))
        .collect();
    assert_eq!(refreshes.len(), 2);
    assert_ne!(
        refreshes[0].form()["refresh_token"],
        refreshes[1].form()["refresh_token"]
    );
    assert_eq!(refreshes[1].form()["client_secret"], PROCORE_CLIENT_SECRET);
}

/// Make the stored token look expired to the CLI (the insecure file store: plain JSON).
fn rewrite_expiry(m: &Machine) {
    let path = m.config_dir().join("credentials").join("default.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["expires_at"] = serde_json::json!(1);
    std::fs::write(&path, v.to_string()).unwrap();
}

#[test]
fn procore_browser_sign_in_needs_the_exact_registered_redirect() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect = format!("http://localhost:{port}/procore/callback");
    let procore = Procore::start(&[&redirect]);
    let url = procore.url();
    let mut m = Machine::new();
    // On a desktop (a browser to open), without the registered URI a random port could never
    // match: refused before anything.
    m.with_browser("unused", "unused");
    m.set("SVCACCT_CLIENT_SECRET", PROCORE_CLIENT_SECRET);
    m.run(&[
        "login",
        "--provider",
        "procore",
        "--api",
        &url,
        "--client-id",
        PROCORE_CLIENT_ID,
    ])
    .fails_with(2)
    .one_line_error("--redirect-uri");
    assert!(procore.double.seen().is_empty());
    // With it: the browser is sent back to exactly that port and path; the secret comes from
    // SVCACCT_CLIENT_SECRET.
    let run = m
        .run(&[
            "login",
            "--provider",
            "procore",
            "--api",
            &url,
            "--client-id",
            PROCORE_CLIENT_ID,
            "--redirect-uri",
            &redirect,
            "--company",
            &PROCORE_COMPANY.to_string(),
            "--timeout",
            "60",
        ])
        .ok();
    assert!(
        run.stderr.contains("pat.admin@example.com"),
        "{}",
        run.stderr
    );
    assert_no_secret(&run.all(), &[PROCORE_CLIENT_SECRET]);
    let exchange = &procore.double.seen_at("/oauth/token")[0];
    assert_eq!(exchange.form()["redirect_uri"], redirect);
    m.run(&["api", "GET", "/rest/v1.0/companies"]).ok();
}

#[test]
fn procore_webhooks_hooks_triggers_deliveries_and_no_admin_api() {
    let procore = Procore::start(&["urn:ietf:wg:oauth:2.0:oob"]);
    let m = Machine::new();
    procore_oob_login(&m, &procore, &["--company", &PROCORE_COMPANY.to_string()]);
    let receiver_secret = "Bearer rcv_6a1f0c9e2d";
    let run = m
        .run_with_stdin(
            &[
                "webhooks",
                "create",
                "--url",
                "https://hooks.example.com/procore",
                "--event",
                "RFIs.create",
                "--event",
                "Projects.*",
                "--header",
                "X-Source: svcacct",
                "--hidden-header",
                "Authorization=-",
                "--namespace",
                "builders-sync",
                "--json",
            ],
            &format!("{receiver_secret}\n"),
        )
        .ok();
    assert_no_secret(&run.all(), &[receiver_secret]);
    let created: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let id = created["id"].as_i64().unwrap();
    let triggers: Vec<String> = created["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{}.{}",
                t["resource_name"].as_str().unwrap(),
                t["event_type"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        triggers,
        [
            "RFIs.create",
            "Projects.create",
            "Projects.update",
            "Projects.delete"
        ]
    );
    {
        let s = procore.state.lock().unwrap();
        let hook = &s.hooks[0];
        assert_eq!(hook["namespace"], "builders-sync");
        assert_eq!(
            hook["destination_headers"]["Authorization"],
            receiver_secret
        );
        assert_eq!(hook["destination_headers"]["X-Source"], "svcacct");
    }
    let list = m.run(&["webhooks", "list"]).ok();
    assert!(
        list.stdout.contains("https://hooks.example.com/procore"),
        "{}",
        list.stdout
    );
    let view = m.run(&["webhooks", "view", &id.to_string()]).ok();
    assert!(
        view.stdout.contains("Authorization: [hidden]"),
        "{}",
        view.stdout
    );
    assert!(view.stdout.contains("RFIs.create"));
    let view_json = m.run(&["webhooks", "view", &id.to_string(), "--json"]).ok();
    assert_no_secret(&view_json.all(), &[receiver_secret]);
    // Deliveries, filtered by Procore's status words.
    let failed = m
        .run(&[
            "webhooks",
            "deliveries",
            &id.to_string(),
            "--status",
            "failed",
            "--json",
        ])
        .ok();
    let d: serde_json::Value = serde_json::from_str(&failed.stdout).unwrap();
    assert_eq!(d.as_array().unwrap().len(), 1);
    assert_eq!(d[0]["status"], "failed");
    let asked = procore
        .double
        .seen_at(&format!("/rest/v1.0/webhooks/hooks/{id}/deliveries"));
    assert_eq!(asked[0].query_pairs()["filter[status]"], "failed");
    // A bad event is refused before anything is created; a secret header value in argv too.
    let hooks_before = procore.state.lock().unwrap().hooks.len();
    m.run(&[
        "webhooks",
        "create",
        "--url",
        "https://h.example.com",
        "--event",
        "RFIs.created",
    ])
    .fails_with(2)
    .one_line_error("RFIs.created");
    m.run(&[
        "webhooks",
        "create",
        "--url",
        "https://h.example.com",
        "--event",
        "RFIs.create",
        "--hidden-header",
        "Authorization=Bearer x",
    ])
    .fails_with(2);
    assert_eq!(procore.state.lock().unwrap().hooks.len(), hooks_before);
    m.run(&["webhooks", "delete", &id.to_string(), "--yes"])
        .ok();
    assert!(procore.state.lock().unwrap().hooks.is_empty());

    // What Procore has no API for says so, with exit 2 and where to go instead.
    for args in [
        &["service-accounts", "list"][..],
        &["reset-secret", "42"],
        &["tokens", "list"],
    ] {
        let run = m.run(args);
        run.fails_with(2);
        assert!(
            run.stderr.contains("Procore has no API for"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("App Management") || run.stderr.contains("developers.procore.com"),
            "{}",
            run.stderr
        );
    }
}

/// A DMSA app (Procore's service accounts) signs in with client credentials, the secret in the
/// form body, and re-mints when its token expires (no refresh token).
#[test]
fn procore_dmsa_client_credentials() {
    let procore = Procore::start(&[]);
    let url = procore.url();
    let company = PROCORE_COMPANY.to_string();
    let m = Machine::new();
    m.run_with_stdin(
        &[
            "login",
            "--provider",
            "procore",
            "--api",
            &url,
            "--client-credentials",
            "--client-id",
            PROCORE_DMSA_ID,
            "--client-secret-stdin",
            "--company",
            &company,
        ],
        PROCORE_DMSA_SECRET,
    )
    .ok();
    let mint = &procore.double.seen_at("/oauth/token")[0];
    assert_eq!(mint.form()["grant_type"], "client_credentials");
    assert_eq!(mint.form()["client_secret"], PROCORE_DMSA_SECRET);
    let run = m
        .run(&[
            "api",
            "GET",
            "/rest/v1.0/webhooks/hooks?company_id={company}",
        ])
        .ok();
    assert_eq!(run.stdout.trim(), "[]");
    // The same DMSA in a CI job, from the environment: SVCACCT_PROVIDER=procore.
    let mut ci = Machine::new();
    ci.set("SVCACCT_API_URL", &url)
        .set("SVCACCT_CLIENT_ID", PROCORE_DMSA_ID)
        .set("SVCACCT_CLIENT_SECRET", PROCORE_DMSA_SECRET)
        .set("SVCACCT_PROVIDER", "procore")
        .set("SVCACCT_COMPANY_ID", &company);
    let mints = procore.double.seen_at("/oauth/token").len();
    ci.run(&["webhooks", "list"]).ok();
    assert_eq!(procore.double.seen_at("/oauth/token").len(), mints + 1);
    let last = procore.double.seen_at("/rest/").pop().unwrap();
    assert_eq!(last.header("procore-company-id"), Some(company.as_str()));
}

/// `X-Rate-Limit-Remaining: 0` with a Unix `X-Rate-Limit-Reset`: the next request waits for the
/// reset instead of running into a 429.
#[test]
fn procore_rate_limit_headers_make_the_next_request_wait() {
    let procore = Procore::start(&["urn:ietf:wg:oauth:2.0:oob"]);
    let m = Machine::new();
    procore_oob_login(&m, &procore, &["--company", &PROCORE_COMPANY.to_string()]);
    let hook = m
        .run(&[
            "webhooks",
            "create",
            "--url",
            "https://hooks.example.com/p",
            "--event",
            "RFIs.create",
            "--json",
        ])
        .ok();
    let id = serde_json::from_str::<serde_json::Value>(&hook.stdout).unwrap()["id"]
        .as_i64()
        .unwrap();
    // The answer to the hook lookup says the budget is spent for 2 s; the triggers lookup
    // that follows in the same command must wait for the reset.
    {
        let mut s = procore.state.lock().unwrap();
        s.rate_remaining = 1;
        s.rate_reset = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 2;
    }
    let run = m.run(&["webhooks", "view", &id.to_string()]).ok();
    assert!(run.stderr.contains("waiting"), "{}", run.stderr);
    assert_eq!(
        procore.state.lock().unwrap().throttled,
        0,
        "no request ran into the 429"
    );
    let calls = procore
        .double
        .seen_at(&format!("/rest/v1.0/webhooks/hooks/{id}"));
    let n = calls.len();
    assert!(calls[n - 1].at.duration_since(calls[n - 2].at) >= Duration::from_millis(900));
}

/// A machine signed in to `pr` with the PlanRadar preset and the key on stdin.
fn planradar_login(pr: &PlanRadar) -> Machine {
    let m = Machine::new();
    let customer = PLANRADAR_CUSTOMER.to_string();
    m.run_with_stdin(
        &[
            "login",
            "--provider",
            "planradar",
            "--api",
            &pr.api(),
            "--company",
            &customer,
            "--with-token",
        ],
        PLANRADAR_KEY,
    )
    .ok();
    m
}

#[test]
fn planradar_key_header_check_and_no_admin_api() {
    let pr = PlanRadar::start();
    let api = pr.api();
    let customer = PLANRADAR_CUSTOMER.to_string();
    let m = Machine::new();
    // A wrong key: one check call, exit 4, nothing stored.
    m.run_with_stdin(
        &[
            "login",
            "--provider",
            "planradar",
            "--api",
            &api,
            "--company",
            &customer,
            "--with-token",
        ],
        "prk_wrong\n",
    )
    .fails_with(4);
    assert!(!m.config_path().exists());
    // No customer: exit 2 before any request.
    let before = pr.double.seen().len();
    m.run_with_stdin(
        &[
            "login",
            "--provider",
            "planradar",
            "--api",
            &api,
            "--with-token",
        ],
        PLANRADAR_KEY,
    )
    .fails_with(2)
    .one_line_error("customer");
    assert_eq!(pr.double.seen().len(), before);
    // OAuth is not how PlanRadar signs in.
    m.run(&[
        "login",
        "--provider",
        "planradar",
        "--api",
        &api,
        "--company",
        &customer,
        "--no-browser",
    ])
    .fails_with(2);
    let run = m
        .run_with_stdin(
            &[
                "login",
                "--provider",
                "planradar",
                "--api",
                &api,
                "--company",
                &customer,
                "--with-token",
            ],
            &format!("{PLANRADAR_KEY}\n"),
        )
        .ok();
    assert_no_secret(&run.all(), &[PLANRADAR_KEY]);
    let check = pr.double.seen().pop().unwrap();
    assert_eq!(check.path, format!("/api/v1/{customer}/projects"));
    // Every request sends the key as X-PlanRadar-API-Key, never as a Bearer token.
    let run = m.run(&["api", "GET", "/{customer}/projects", "-vv"]).ok();
    assert!(run.stdout.contains("Tower A"), "{}", run.stdout);
    assert!(
        run.stderr.contains("x-planradar-api-key: [redacted]"),
        "{}",
        run.stderr
    );
    assert_no_secret(&run.all(), &[PLANRADAR_KEY]);
    for seen in pr.double.seen() {
        assert!(seen.header("authorization").is_none(), "{seen:?}");
    }
    assert_eq!(
        pr.double
            .seen()
            .pop()
            .unwrap()
            .header("x-planradar-api-key"),
        Some(PLANRADAR_KEY)
    );
    // A CI job with the key in the environment: SVCACCT_PROVIDER says how to send it.
    let mut ci = Machine::new();
    ci.set("SVCACCT_TOKEN", PLANRADAR_KEY)
        .set("SVCACCT_API_URL", &api)
        .set("SVCACCT_PROVIDER", "planradar");
    let run = ci
        .run(&["api", "GET", &format!("/{customer}/projects")])
        .ok();
    assert!(run.stdout.contains("Tower A"), "{}", run.stderr);
    assert_eq!(
        pr.double
            .seen()
            .pop()
            .unwrap()
            .header("x-planradar-api-key"),
        Some(PLANRADAR_KEY)
    );
    ci.run(&["tokens", "list"]).fails_with(2);
    ci.set("SVCACCT_PROVIDER", "nope");
    ci.run(&["api", "GET", "/x"])
        .fails_with(2)
        .one_line_error("SVCACCT_PROVIDER");
    for args in [
        &["service-accounts", "list"][..],
        &["tokens", "list"],
        &["webhooks", "list"],
    ] {
        let run = m.run(args);
        run.fails_with(2);
        assert!(
            run.stderr.contains("Personal Access Tokens")
                || run.stderr.contains("PlanRadar has no API"),
            "{}",
            run.stderr
        );
    }
}

/// Two concurrent processes of one profile never send a 31st request inside any 60 s span:
/// the shared budget file makes them take turns. (Takes a minute: that is the rule.)
#[test]
fn planradar_pacer_never_sends_a_31st_request_in_any_minute_across_processes() {
    let pr = PlanRadar::start();
    let m = planradar_login(&pr);
    let m = std::sync::Arc::new(m);
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let m = m.clone();
            std::thread::spawn(move || {
                for _ in 0..17 {
                    m.run(&["api", "GET", "/{customer}/projects"]).ok();
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let s = pr.state.lock().unwrap();
    assert_eq!(s.arrivals.len(), 35, "1 check + 34 calls");
    assert_eq!(s.throttled, 0, "the server never had to refuse");
    for (i, t) in s.arrivals.iter().enumerate().skip(30) {
        let span = t.duration_since(s.arrivals[i - 30]);
        assert!(
            span >= Duration::from_secs(60),
            "requests {} and {i} only {span:?} apart",
            i - 30
        );
    }
}

#[test]
fn planradar_cooldown_is_waited_out_or_fails_with_exit_7_naming_the_wait() {
    let pr = PlanRadar::start();
    let m = planradar_login(&pr);
    // A short cooldown the server names (Retry-After): waited out, then the call succeeds.
    pr.state.lock().unwrap().force_429 = Some(Some(2));
    let run = m.run(&["api", "GET", "/{customer}/projects"]).ok();
    assert!(run.stdout.contains("Tower A"));
    // PlanRadar's own 5-minute cooldown (no Retry-After): longer than svcacct waits — exit 7
    // naming the wait …
    pr.state.lock().unwrap().force_429 = Some(None);
    let run = m.run(&["api", "GET", "/{customer}/projects"]);
    run.fails_with(7);
    assert!(run.stderr.contains("300 s"), "{}", run.stderr);
    // … and another process of the profile does not even try until it is over.
    let before = pr.double.seen().len();
    let run = m.run(&["api", "GET", "/{customer}/projects"]);
    run.fails_with(7);
    assert!(run.stderr.contains("cooldown"), "{}", run.stderr);
    assert_eq!(
        pr.double.seen().len(),
        before,
        "nothing sent during the cooldown"
    );
}
