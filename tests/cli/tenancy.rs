//! Regression tests for the outside review (issue 10), sandbox side: tenant isolation of
//! webhooks and deliveries, and secrets at rest (sealed, expiring replays; a private data dir).

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::*;

/// A service account created through the CLI (`sa create --json`): its JSON, secret included.
fn create_sa(m: &Machine, name: &str, email: &str) -> Value {
    serde_json::from_str(
        &m.run(&["sa", "create", "--name", name, "--email", email, "--json"])
            .ok()
            .stdout,
    )
    .unwrap()
}

/// A deleted webhook's id is never given to another company's webhook, and its deliveries
/// (events of the first company) are gone: nobody can list or redeliver them afterwards.
#[test]
fn a_deleted_webhooks_id_and_deliveries_never_reach_another_company() {
    let sb = Sandbox::start_with(|c| {
        c.delivery.timeout = Duration::from_millis(1000);
    });
    let other = sb.add_company("Borealis Builders", "b-");
    let acme_owner = sb.bootstrap().user("owner").clone();
    let (acme, acme_token) = signed_in_as(&sb, &acme_owner.login, &acme_owner.password);
    let b_owner = &other.users["owner"];
    let (borealis, b_token) = signed_in_as(&sb, &b_owner.login, &b_owner.password);

    let rx = sb.receiver();
    let first = ticket_hook(&acme, &rx.url());
    let (code, _) = api(
        &acme_token,
        "POST",
        &format!("{}/api/v1/companies/1/projects/1/tickets", sb.url()),
        Some(json!({"title": "Acme-confidential crack in pier 4"})),
    );
    assert_eq!(code, 201);
    wait_until(Duration::from_secs(20), "Acme's delivery", || {
        !rx.received().is_empty()
    });
    acme.run(&["webhooks", "delete", &first.to_string(), "--yes"])
        .ok();
    let (code, _) = api(
        &acme_token,
        "GET",
        &format!("{}/api/v1/companies/1/webhooks/{first}", sb.url()),
        None,
    );
    assert_eq!(code, 404, "webhooks delete deleted it");

    // Borealis makes a webhook: it gets a fresh id, and sees no delivery of Acme's.
    let theirs = ticket_hook(&borealis, &rx.url());
    assert_ne!(theirs, first, "a deleted webhook's id was reused");
    let (code, list) = api(
        &b_token,
        "GET",
        &format!(
            "{}/api/v1/companies/{}/webhooks/{theirs}/deliveries",
            sb.url(),
            other.id
        ),
        None,
    );
    assert_eq!(code, 200);
    assert_eq!(list, json!([]), "another company's deliveries: {list}");
    // Even naming the old id in its own company finds nothing.
    let (code, _) = api(
        &b_token,
        "GET",
        &format!(
            "{}/api/v1/companies/{}/webhooks/{first}/deliveries",
            sb.url(),
            other.id
        ),
        None,
    );
    assert_eq!(code, 404);
    // Acme's own log of the deleted webhook is gone too (no tombstone left to redeliver).
    let (code, _) = api(
        &acme_token,
        "GET",
        &format!(
            "{}/api/v1/companies/1/webhooks/{first}/deliveries",
            sb.url()
        ),
        None,
    );
    assert_eq!(code, 404);
    let all = rx.received();
    assert_eq!(all.len(), 1, "only Acme's one event was ever delivered");
    sb.stop_receiver(rx);
}

/// Owner-only webhook routes refuse a non-owner and another company's owner on every route, not
/// only on `list` (each of these passed before with the check removed).
#[test]
fn every_webhook_route_is_owner_only_and_tenant_scoped() {
    let sb = Sandbox::start();
    let other = sb.add_company("Borealis Builders", "b-");
    let acme_owner = sb.bootstrap().user("owner").clone();
    let (acme, _) = signed_in_as(&sb, &acme_owner.login, &acme_owner.password);
    let id = ticket_hook(&acme, "https://hooks.acme.example/in");
    let admin = sb.bootstrap().user("admin").clone();
    let (_, admin_token) = signed_in_as(&sb, &admin.login, &admin.password);
    let b_owner = &other.users["owner"];
    let (_, b_token) = signed_in_as(&sb, &b_owner.login, &b_owner.password);
    let base = format!("{}/api/v1/companies/1/webhooks", sb.url());
    let routes: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", base.clone(), None),
        (
            "POST",
            base.clone(),
            Some(json!({"url": "https://x.example/", "events": ["ticket.created"]})),
        ),
        ("GET", format!("{base}/{id}"), None),
        (
            "PATCH",
            format!("{base}/{id}"),
            Some(json!({"active": false})),
        ),
        ("POST", format!("{base}/{id}/test"), None),
        ("GET", format!("{base}/{id}/deliveries"), None),
        ("POST", format!("{base}/{id}/deliveries/1/redeliver"), None),
        ("DELETE", format!("{base}/{id}"), None),
    ];
    for (method, url, body) in &routes {
        let (code, err) = api(&admin_token, method, url, body.clone());
        assert_eq!(code, 403, "admin (not owner) {method} {url}: {err}");
        let (code, err) = api(&b_token, method, url, body.clone());
        assert_eq!(code, 404, "another company's owner {method} {url}: {err}");
    }
    let (code, w) = api(
        acme.run(&["token"]).ok().stdout.trim(),
        "GET",
        &format!("{base}/{id}"),
        None,
    );
    assert_eq!(
        (code, w["active"].clone()),
        (200, json!(true)),
        "nothing was changed"
    );
}

/// Secrets shown once never sit in clear in the data directory; the directory is 0700 and its
/// files 0600; a replayed answer goes only to the credential that made it.
#[test]
fn secrets_at_rest_are_sealed_and_replays_stay_with_their_principal() {
    let sb = Sandbox::start();
    let admin = sb.bootstrap().user("admin").clone();
    let (m, token) = signed_in_as(&sb, &admin.login, &admin.password);
    // Through the CLI (which sends an Idempotency-Key): a client secret and a PAT.
    let created = create_sa(&m, "Sealed", "sealed@acme.example");
    let client_secret = created["client_secret"].as_str().unwrap().to_string();
    let pat: Value = serde_json::from_str(
        &m.run(&["tokens", "create", "--name", "sealed-pat", "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let pat_value = pat["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{pat}"))
        .to_string();

    // A keyed create by curl, then the same key and body from another credential of the same
    // user (the PAT): refused, and the secret is not in the refusal.
    let url = format!("{}/api/v1/companies/1/service-accounts", sb.url());
    let body = r#"{"name":"Keyed","email":"keyed@acme.example"}"#;
    let keyed = |bearer: &str| {
        curl(&[
            "-X",
            "POST",
            "-H",
            &format!("Authorization: Bearer {bearer}"),
            "-H",
            "Content-Type: application/json",
            "-H",
            "Idempotency-Key: k-tenancy-1",
            "-d",
            body,
            &url,
        ])
    };
    let (code, first) = keyed(&token);
    assert_eq!(code, 201, "{first}");
    let keyed_secret = serde_json::from_str::<Value>(&first).unwrap()["client_secret"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, other) = keyed(&pat_value);
    assert_eq!(code, 422, "{other}");
    assert!(
        other.contains("another credential") && !other.contains(&keyed_secret),
        "{other}"
    );
    let (code, again) = keyed(&token);
    assert_eq!(code, 201, "{again}");
    assert!(
        again.contains(&keyed_secret),
        "the same principal gets the replay"
    );

    // Nothing in the data directory holds a secret in clear (SQLite file, WAL, everything).
    let dir = sb.data_dir();
    let mut scanned = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for secret in [&client_secret, &keyed_secret, &pat_value] {
                assert!(
                    !text.contains(secret.as_str()),
                    "{} holds a secret in clear",
                    path.display()
                );
            }
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600,
                "{}",
                path.display()
            );
            scanned += 1;
        }
    }
    assert!(
        scanned >= 4,
        "the database, its WAL, bootstrap.json and webhook.key: {scanned}"
    );
    assert_eq!(
        std::fs::metadata(dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

/// Webhook destinations that would reach internal services (SSRF) are refused when created or
/// updated, by the API (422) and by the CLI (exit 2); URLs with credentials, header values with
/// control characters and basic-auth users with ':' are refused too.
#[test]
fn webhook_destinations_and_values_that_are_refused() {
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, token) = signed_in_as(&sb, &owner.login, &owner.password);
    let base = format!("{}/api/v1/companies/1/webhooks", sb.url());
    for url in [
        "https://10.0.0.5/hook",
        "https://169.254.169.254/latest/meta-data/",
        "http://169.254.169.254/",
        "https://[fd00::1]/hook",
        "https://[::ffff:192.168.0.1]/hook",
        "https://0.0.0.0/hook",
        "https://user:pw@hooks.example.com/hook",
    ] {
        let (code, err) = api(
            &token,
            "POST",
            &base,
            Some(json!({"url": url, "events": ["ticket.created"]})),
        );
        assert_eq!(code, 422, "{url} was accepted: {err}");
        assert_eq!(err["error"]["code"], "invalid_url", "{url}");
        let run = m.run(&[
            "webhooks",
            "create",
            "--url",
            url,
            "--event",
            "ticket.created",
        ]);
        run.fails_with(2);
        assert!(
            !run.stderr.contains("user:pw"),
            "the URL's password was echoed"
        );
    }
    let id = ticket_hook(&m, "https://hooks.acme.example/in");
    let (code, _) = api(
        &token,
        "PATCH",
        &format!("{base}/{id}"),
        Some(json!({"url": "https://192.168.1.10/in"})),
    );
    assert_eq!(code, 422, "an update to an internal address");
    for (body, what) in [
        (
            json!({"url": "https://hooks.example.com/", "events": ["ticket.created"],
                   "headers": [{"name": "X-Sig", "value": "a\u{1b}[2Jb"}]}),
            "a header value with a control character",
        ),
        (
            json!({"url": "https://hooks.example.com/", "events": ["ticket.created"],
                   "basic_auth": {"username": "ops:admin", "password": "pw"}}),
            "a basic-auth user with ':'",
        ),
    ] {
        let (code, err) = api(&token, "POST", &base, Some(body));
        assert_eq!(code, 422, "{what}: {err}");
    }
}

/// A receiver that answers with an endless body is read only a bounded prefix: the delivery is
/// recorded and the connection dropped long before the answer ends.
#[test]
fn a_huge_webhook_answer_is_not_read_whole() {
    use std::io::{Read, Write};
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut request = [0u8; 65536];
        let _ = conn.read(&mut request);
        let total: u64 = 400 * 1024 * 1024;
        conn.write_all(format!("HTTP/1.1 200 OK\r\nContent-Length: {total}\r\n\r\n").as_bytes())
            .unwrap();
        let chunk = vec![b'x'; 64 * 1024];
        let mut written: u64 = 0;
        while written < total {
            match conn.write(&chunk) {
                Ok(n) => written += n as u64,
                Err(_) => break,
            }
        }
        written
    });
    let id = ticket_hook(&m, &format!("http://127.0.0.1:{port}/in"));
    let run = m.run(&["webhooks", "test", &id.to_string(), "--json"]).ok();
    let result: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(result["response_status"], 200, "{result}");
    let written = server.join().unwrap();
    assert!(
        written < 64 * 1024 * 1024,
        "the sandbox read {written} bytes of the answer"
    );
}

/// Revoking API access revokes the person's PATs for good: granting it again revives none.
#[test]
fn regranting_api_access_does_not_revive_revoked_tokens() {
    let sb = Sandbox::start();
    let admin = sb.bootstrap().user("admin").clone();
    let (m, _) = signed_in_as(&sb, &admin.login, &admin.password);
    let pat: Value = serde_json::from_str(
        &m.run(&["tokens", "create", "--name", "ci", "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let pat = pat["token"].as_str().unwrap().to_string();
    let me = format!("{}/api/v1/me", sb.url());
    assert_eq!(api(&pat, "GET", &me, None).0, 200);
    let manager = sb.bootstrap().user("manager").clone();
    let (_, manager_token) = signed_in_as(&sb, &manager.login, &manager.password);
    let user = format!("{}/api/v1/companies/1/users/{}", sb.url(), admin.id);
    for grant in [false, true] {
        let (code, body) = api(
            &manager_token,
            "PATCH",
            &user,
            Some(json!({"api_access": grant})),
        );
        assert_eq!(code, 200, "{body}");
    }
    let (code, err) = api(&pat, "GET", &me, None);
    assert_eq!(code, 401, "the PAT came back to life: {err}");
}

/// A deleted service account's client id never authenticates again: not with its old secret,
/// and not as a public client with no secret at all.
#[test]
fn a_deleted_service_accounts_client_never_authenticates() {
    let sb = Sandbox::start();
    let admin = sb.bootstrap().user("admin").clone();
    let (m, _) = signed_in_as(&sb, &admin.login, &admin.password);
    let created = create_sa(&m, "Doomed", "doomed@acme.example");
    let (client_id, secret) = (
        created["client_id"].as_str().unwrap().to_string(),
        created["client_secret"].as_str().unwrap().to_string(),
    );
    m.run(&["sa", "delete", &created["id"].to_string(), "--yes"])
        .ok();
    let token_url = format!("{}/oauth/token", sb.url());
    for args in [
        vec![
            "-u".to_string(),
            format!("{client_id}:{secret}"),
            "-d".into(),
            "grant_type=client_credentials".into(),
        ],
        vec![
            "-d".into(),
            format!("client_id={client_id}"),
            "-d".into(),
            "grant_type=client_credentials".into(),
        ],
        vec![
            "-d".into(),
            format!("client_id={client_id}"),
            "-d".into(),
            "grant_type=authorization_code".into(),
            "-d".into(),
            "code=sbc_x".into(),
            "-d".into(),
            "redirect_uri=urn:ietf:wg:oauth:2.0:oob".into(),
        ],
    ] {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.push(&token_url);
        let (code, body) = curl(&all);
        assert_eq!(code, 401, "{args:?}: {body}");
        assert!(
            body.contains("invalid_client") && body.contains("deleted"),
            "{body}"
        );
    }
}

/// A contact email that is taken elsewhere is refused without naming who has it, or where.
#[test]
fn a_taken_email_does_not_disclose_its_holder() {
    let sb = Sandbox::start();
    let other = sb.add_company("Borealis Builders", "b-");
    let admin = sb.bootstrap().user("admin").clone();
    let (m, _) = signed_in_as(&sb, &admin.login, &admin.password);
    let taken = "b-owner@b.example";
    let run = m.run(&["sa", "create", "--name", "Snoop", "--email", taken]);
    run.fails_with(9);
    assert!(run.stderr.contains("already in use"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("Borealis")
            && !run.stderr.contains("Olivia")
            && !run.stderr.contains(&format!("company {}", other.id)),
        "{}",
        run.stderr
    );
}

/// A user token of app `slug` (authorization code through its own client) for `login`, with
/// `scope` requested if given.
fn app_user_token(sb: &Sandbox, slug: &str, login: &str, scope: Option<&str>) -> String {
    let app = sb.bootstrap().apps[slug].clone();
    let user = sb.bootstrap().user(login).clone();
    let mut m = Machine::new();
    m.with_browser(&user.login, &user.password);
    let url = sb.url();
    let mut args = vec![
        "login",
        "--api",
        &url,
        "--client-id",
        &app.client_id,
        "--client-secret-stdin",
        "--timeout",
        "60",
    ];
    if let Some(s) = scope {
        args.extend(["--scope", s]);
    }
    m.run_with_stdin(&args, &app.client_secret).ok();
    m.run(&["token"]).ok().stdout.trim().to_string()
}

/// Credential management needs a first-party credential: a marketplace app's user token can
/// read what the user may read, but cannot mint a PAT (which would outlive the app's grant),
/// list service accounts, touch webhooks, decide installs or grant API access, unless the user
/// granted it the `credentials` scope.
#[test]
fn third_party_app_tokens_cannot_manage_credentials() {
    let sb = Sandbox::start();
    let token = app_user_token(&sb, "field-forms", "owner", None);
    let base = format!("{}/api/v1", sb.url());
    assert_eq!(api(&token, "GET", &format!("{base}/me"), None).0, 200);
    let viewer = sb.bootstrap().user("viewer").id;
    for (method, path, body) in [
        (
            "POST",
            "/me/tokens".to_string(),
            Some(json!({"name": "stolen"})),
        ),
        ("GET", "/me/tokens".to_string(), None),
        ("GET", "/companies/1/service-accounts".to_string(), None),
        ("GET", "/companies/1/webhooks".to_string(), None),
        (
            "POST",
            "/companies/1/webhooks".to_string(),
            Some(json!({"url": "https://x.example/", "events": ["ticket.created"]})),
        ),
        ("GET", "/companies/1/apps".to_string(), None),
        (
            "PATCH",
            format!("/companies/1/users/{viewer}"),
            Some(json!({"api_access": true})),
        ),
    ] {
        let (code, err) = api(&token, method, &format!("{base}{path}"), body);
        assert_eq!(code, 403, "{method} {path}: {err}");
        assert!(
            err["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("first-party"),
            "{err}"
        );
    }
    // The consent page said so, and the explicit scope opens credential management.
    let scoped = app_user_token(&sb, "field-forms", "owner", Some("credentials"));
    let (code, body) = api(
        &scoped,
        "POST",
        &format!("{base}/me/tokens"),
        Some(json!({"name": "granted"})),
    );
    assert_eq!(code, 201, "{body}");
    // A service account's own client-credentials token is not first-party either.
    let sa = sb.bootstrap().service_account.clone();
    let sa_token = client_credentials_token(&sb, &sa.client_id, &sa.client_secret, &[]).unwrap();
    assert_eq!(
        api(
            &sa_token,
            "GET",
            &format!("{base}/companies/1/service-accounts"),
            None
        )
        .0,
        403
    );
}

/// A personal access token made through a third-party app's grant (the `credentials` scope)
/// lives no longer than that grant: when the app's session ends (logout revokes the grant),
/// the PAT stops working. A PAT made with the svcacct CLI's own session survives its logout.
#[test]
fn pats_made_through_an_app_grant_end_with_it() {
    let sb = Sandbox::start();
    let app = sb.bootstrap().apps["field-forms"].clone();
    let owner = sb.bootstrap().user("owner").clone();
    let url = sb.url();
    let mut through_app = Machine::new();
    through_app.with_browser(&owner.login, &owner.password);
    through_app
        .run_with_stdin(
            &[
                "login",
                "--api",
                &url,
                "--client-id",
                &app.client_id,
                "--client-secret-stdin",
                "--scope",
                "credentials",
                "--timeout",
                "60",
            ],
            &app.client_secret,
        )
        .ok();
    let made = through_app
        .run(&["tokens", "create", "--name", "via-app", "--json"])
        .ok();
    let app_pat: Value = serde_json::from_str(&made.stdout).unwrap();
    let app_pat = app_pat["token"].as_str().unwrap().to_string();
    let (cli, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let made = cli
        .run(&["tokens", "create", "--name", "via-cli", "--json"])
        .ok();
    let cli_pat: Value = serde_json::from_str(&made.stdout).unwrap();
    let cli_pat = cli_pat["token"].as_str().unwrap().to_string();
    let me = format!("{url}/api/v1/me");
    assert_eq!(api(&app_pat, "GET", &me, None).0, 200);
    // The app's session ends: its grant is revoked at the server, and the PAT with it.
    through_app.run(&["logout"]).ok();
    assert_eq!(
        api(&app_pat, "GET", &me, None).0,
        401,
        "outlived the app's grant"
    );
    // The CLI's own logout leaves the PAT made with it alone.
    cli.run(&["logout"]).ok();
    assert_eq!(api(&cli_pat, "GET", &me, None).0, 200);
}

/// Tool permissions are enforced for integrations: a service account with no permissions
/// cannot read the directory, make tickets or request app installs; given the permission it
/// can; and a DMSA's permissions cannot be raised past its app's approved manifest.
#[test]
fn tool_permissions_bind_service_accounts_and_dmsas() {
    let sb = Sandbox::start();
    let admin = sb.bootstrap().user("admin").clone();
    let (m, _) = signed_in_as(&sb, &admin.login, &admin.password);
    let created = create_sa(&m, "Bare", "bare@acme.example");
    let token = client_credentials_token(
        &sb,
        created["client_id"].as_str().unwrap(),
        created["client_secret"].as_str().unwrap(),
        &[],
    )
    .unwrap();
    let base = format!("{}/api/v1/companies/1", sb.url());
    let ticket = json!({"title": "from a bare integration"});
    assert_eq!(api(&token, "GET", &format!("{base}/users"), None).0, 403);
    let (code, err) = api(
        &token,
        "POST",
        &format!("{base}/projects/1/tickets"),
        Some(ticket.clone()),
    );
    assert_eq!(code, 403, "{err}");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("tickets: standard"),
        "{err}"
    );
    assert_eq!(
        api(
            &token,
            "POST",
            &format!("{base}/apps"),
            Some(json!({"app": "field-forms"}))
        )
        .0,
        403
    );
    let id = created["id"].to_string();
    m.run(&[
        "sa",
        "update",
        &id,
        "--permission",
        "directory=read",
        "--project",
        "1:tickets=standard",
    ])
    .ok();
    assert_eq!(api(&token, "GET", &format!("{base}/users"), None).0, 200);
    assert_eq!(
        api(
            &token,
            "POST",
            &format!("{base}/projects/1/tickets"),
            Some(ticket.clone())
        )
        .0,
        201
    );
    assert_eq!(
        api(
            &token,
            "POST",
            &format!("{base}/projects/2/tickets"),
            Some(ticket)
        )
        .0,
        403,
        "tickets: standard on project 1 only"
    );

    // A DMSA: approved with its manifest, never more.
    let install: Value = serde_json::from_str(
        &m.run(&["apps", "request", "sitesync-erp", "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let install_id = install["id"].to_string();
    m.run(&["apps", "approve", &install_id, "--project", "1", "--yes"])
        .ok();
    let dmsa: Value =
        serde_json::from_str(&m.run(&["apps", "view", &install_id, "--json"]).ok().stdout).unwrap();
    let dmsa_user = dmsa["dmsa_user_id"].as_i64().expect("a DMSA user");
    let (code, err) = api(
        m.run(&["token"]).ok().stdout.trim(),
        "PATCH",
        &format!("{base}/users/{dmsa_user}"),
        Some(json!({"permissions": {"company": {"documents": "admin"}}})),
    );
    assert_eq!(code, 409, "an admin raised a DMSA past its manifest: {err}");
}

/// The CLI sends an `Idempotency-Key` on every POST that a repeat would duplicate (counted at
/// the server, not taken from the CLI's word).
#[test]
fn the_cli_sends_idempotency_keys() {
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_sa(&m, "Keyed", "keyed-cli@acme.example");
    assert_eq!(
        sb.running().keyed_posts("/service-accounts"),
        1,
        "sa create"
    );
    m.run(&[
        "reset-secret",
        &created["id"].to_string(),
        "--yes",
        "--json",
    ])
    .ok();
    assert_eq!(sb.running().keyed_posts("/reset-secret"), 1, "reset-secret");
    m.run(&["tokens", "create", "--name", "keyed", "--json"])
        .ok();
    assert_eq!(sb.running().keyed_posts("/me/tokens"), 1, "tokens create");
    ticket_hook(&m, "https://hooks.acme.example/keyed");
    assert_eq!(sb.running().keyed_posts("/webhooks"), 1, "webhooks create");
    let install: Value = serde_json::from_str(
        &m.run(&["apps", "request", "field-forms", "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    m.run(&["apps", "approve", &install["id"].to_string(), "--yes"])
        .ok();
    assert_eq!(sb.running().keyed_posts("/approve"), 1, "apps approve");
}

/// The rate budget is the company's, all of its users and tokens summed (PlanRadar's rule), and
/// another company's is its own.
#[test]
fn the_rate_budget_is_per_company() {
    let sb = Sandbox::start();
    let other = sb.add_company("Borealis Builders", "b-");
    let admin = sb.bootstrap().user("admin").clone();
    let viewer = sb.bootstrap().user("viewer").clone();
    let (_, a) = signed_in_as(&sb, &admin.login, &admin.password);
    let (_, v) = signed_in_as(&sb, &viewer.login, &viewer.password);
    let b = &other.users["owner"];
    let (_, o) = signed_in_as(&sb, &b.login, &b.password);
    sb.running().set_rate_limit(6);
    let me = format!("{}/api/v1/me", sb.url());
    let mut spent = 0;
    while api(&a, "GET", &me, None).0 == 200 {
        spent += 1;
        assert!(spent <= 6, "the budget never ran out");
    }
    assert_eq!(
        api(&v, "GET", &me, None).0,
        429,
        "another user of the same company"
    );
    assert_eq!(
        api(&o, "GET", &me, None).0,
        200,
        "another company has its own budget"
    );
    sb.running().set_rate_limit(100_000);
}

/// An app's client-credentials token acts only in the company it was minted for.
#[test]
fn an_app_token_is_bound_to_its_company() {
    let sb = Sandbox::start();
    let other = sb.add_company("Borealis Builders", "b-");
    let app = sb.bootstrap().apps["sitesync-erp"].clone();
    for (login, password, company) in [
        (
            sb.bootstrap().user("admin").login.clone(),
            sb.bootstrap().user("admin").password.clone(),
            1,
        ),
        (
            other.users["admin"].login.clone(),
            other.users["admin"].password.clone(),
            other.id,
        ),
    ] {
        let (m, _) = signed_in_as(&sb, &login, &password);
        let mut args = vec!["apps", "request", "sitesync-erp", "--json"];
        let company_arg = company.to_string();
        args.extend(["--company", &company_arg]);
        let install: Value = serde_json::from_str(&m.run(&args).ok().stdout).unwrap();
        m.run(&[
            "apps",
            "approve",
            &install["id"].to_string(),
            "--project",
            if company == 1 { "1" } else { "4" },
            "--yes",
            "--company",
            &company_arg,
        ])
        .ok();
    }
    let mint = |company: i64| {
        let extra = format!("company_id={company}");
        client_credentials_token(&sb, &app.client_id, &app.client_secret, &[&extra]).unwrap()
    };
    let users = |company: i64| format!("{}/api/v1/companies/{company}/users", sb.url());
    let (acme, borealis) = (mint(1), mint(other.id));
    assert_eq!(api(&acme, "GET", &users(1), None).0, 200);
    assert_eq!(api(&acme, "GET", &users(other.id), None).0, 404);
    assert_eq!(api(&borealis, "GET", &users(other.id), None).0, 200);
    assert_eq!(api(&borealis, "GET", &users(1), None).0, 404);
    let me = api(&borealis, "GET", &format!("{}/api/v1/me", sb.url()), None).1;
    assert_eq!(me["company_id"], other.id, "{me}");
}

/// Denying a version that asks for more stops the app at once: an install is denied or in
/// force, never both (its service user is disabled and its tokens revoked).
#[test]
fn denying_a_reapproval_stops_the_app() {
    let sb = Sandbox::start();
    let admin = sb.bootstrap().user("admin").clone();
    let (m, _) = signed_in_as(&sb, &admin.login, &admin.password);
    let install: Value = serde_json::from_str(
        &m.run(&["apps", "request", "sitesync-erp", "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let id = install["id"].to_string();
    m.run(&["apps", "approve", &id, "--project", "1", "--yes"])
        .ok();
    let app = sb.bootstrap().apps["sitesync-erp"].clone();
    let token =
        client_credentials_token(&sb, &app.client_id, &app.client_secret, &["company_id=1"])
            .unwrap();
    let users = format!("{}/api/v1/companies/1/users", sb.url());
    assert_eq!(api(&token, "GET", &users, None).0, 200);
    sb.running()
        .publish_app_version("sitesync-erp", &[("directory", "admin")], &[])
        .unwrap();
    m.run(&["apps", "deny", &id, "--reason", "too much"]).ok();
    assert_eq!(
        api(&token, "GET", &users, None).0,
        401,
        "the denied app still works"
    );
}

/// A webhook's write-only values (basic-auth password, hidden headers) cannot be redirected:
/// moving it to another origin needs them again.
#[test]
fn moving_a_webhook_needs_its_secrets_again() {
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (_, token) = signed_in_as(&sb, &owner.login, &owner.password);
    let base = format!("{}/api/v1/companies/1/webhooks", sb.url());
    let (code, made) = api(
        &token,
        "POST",
        &base,
        Some(
            json!({"url": "https://hooks.acme.example/in", "events": ["ticket.created"],
                    "basic_auth": {"username": "acme", "password": "pw-for-acme"},
                    "headers": [{"name": "X-Sig", "value": "sig-for-acme", "hidden": true}]}),
        ),
    );
    assert_eq!(code, 201, "{made}");
    let hook = format!("{base}/{}", made["id"]);
    let (code, err) = api(
        &token,
        "PATCH",
        &hook,
        Some(json!({"url": "https://attacker.example/in"})),
    );
    assert_eq!(code, 422, "{err}");
    assert_eq!(err["error"]["code"], "secrets_for_old_destination");
    // Another path on the same origin keeps them.
    let (code, _) = api(
        &token,
        "PATCH",
        &hook,
        Some(json!({"url": "https://hooks.acme.example/v2"})),
    );
    assert_eq!(code, 200);
    // Given again, the move is fine.
    let (code, moved) = api(
        &token,
        "PATCH",
        &hook,
        Some(json!({"url": "https://hooks.other.example/in",
                    "basic_auth": {"username": "acme", "password": "new-pw"},
                    "headers": [{"name": "X-Sig", "value": "new-sig", "hidden": true}]})),
    );
    assert_eq!(code, 200, "{moved}");
}

/// Every operation that takes an id (read from the OpenAPI document, like the permission
/// matrix, so a new route cannot be forgotten): the owner of company B asks, under B's own
/// path, for company A's resource, and gets 404. Where a path takes two ids, B also asks for
/// A's inner resource under its own outer one. The role check lets B's owner in, so the store
/// alone must keep A's data out.
#[test]
fn every_id_of_another_company_is_not_found_under_ones_own_path() {
    let sb = Sandbox::start_with(|c| {
        c.delivery.timeout = Duration::from_millis(1000);
    });
    let rx = sb.receiver();
    let url = sb.url();
    let boot = sb.bootstrap().clone();
    let b = sb.add_company("Borealis Builders", "b-");
    let a_owner = boot.user("owner");
    let (_, a_token) = signed_in_as(&sb, &a_owner.login, &a_owner.password);
    let b_owner = &b.users["owner"];
    let (_, b_token) = signed_in_as(&sb, &b_owner.login, &b_owner.password);
    let (a, bc) = (boot.company_id, b.id);

    // One of everything, in each company (B's own are the outer ids of the mixed paths).
    let make = |token: &str, path: String, body: Value| -> i64 {
        let (code, made) = api(token, "POST", &format!("{url}{path}"), Some(body));
        assert!(code == 201 || code == 200, "fixture {path}: {code} {made}");
        made["id"].as_i64().unwrap()
    };
    let project = |token: &str, company: i64| -> i64 {
        let (code, list) = api(
            token,
            "GET",
            &format!("{url}/api/v1/companies/{company}/projects"),
            None,
        );
        assert_eq!(code, 200, "{list}");
        let first = list
            .as_array()
            .and_then(|a| a.first())
            .or_else(|| list["items"].as_array().and_then(|a| a.first()))
            .unwrap_or_else(|| panic!("no project: {list}"));
        first["id"].as_i64().unwrap()
    };
    let one_of_everything = |token: &str, company: i64, owner_id: i64, tag: &str| {
        let c = format!("/api/v1/companies/{company}");
        let sa = make(
            token,
            format!("{c}/service-accounts"),
            json!({"name": format!("Tenant {tag}"), "email": format!("tenant-{tag}@{tag}.example")}),
        );
        let federation = make(
            token,
            format!("{c}/service-accounts/{sa}/federations"),
            json!({"issuer": "https://token.actions.githubusercontent.com", "subject": format!("repo:{tag}/erp:ref:refs/heads/main")}),
        );
        let pat = make(
            token,
            "/api/v1/me/tokens".into(),
            json!({"name": format!("tenant-{tag}")}),
        );
        let hook = make(
            token,
            format!("{c}/webhooks"),
            json!({"url": rx.url(), "events": ["ticket.created"]}),
        );
        let (code, sent) = api(
            token,
            "POST",
            &format!("{url}{c}/webhooks/{hook}/test"),
            None,
        );
        assert_eq!(code, 200, "fixture test send: {sent}");
        let project = project(token, company);
        let ticket = make(
            token,
            format!("{c}/projects/{project}/tickets"),
            json!({"title": format!("{tag} ticket")}),
        );
        let install = make(token, format!("{c}/apps"), json!({"app": "field-forms"}));
        BTreeMap::from([
            ("service-accounts", sa),
            ("federations", federation),
            ("users", owner_id),
            ("tokens", pat),
            ("webhooks", hook),
            ("deliveries", sent["id"].as_i64().unwrap()),
            ("projects", project),
            ("tickets", ticket),
            ("apps", install),
        ])
    };
    let theirs = one_of_everything(&a_token, a, a_owner.id, "acme");
    let ours = one_of_everything(&b_token, bc, b_owner.id, "borealis");

    // The collection a placeholder names is the path segment before it.
    let concrete = |template: &str, inner_from: Option<usize>| -> String {
        let segments: Vec<&str> = template.split('/').collect();
        let mut holes = 0;
        let mut out = Vec::new();
        for (i, seg) in segments.iter().enumerate() {
            if *seg == "{company_id}" {
                out.push(bc.to_string());
            } else if seg.starts_with('{') {
                let collection = segments[i - 1];
                let collection = if collection == "me" {
                    "tokens"
                } else {
                    collection
                };
                let ids = match inner_from {
                    Some(n) if holes < n => &ours,
                    _ => &theirs,
                };
                let id = ids.get(collection).unwrap_or_else(|| {
                    panic!("{template}: no fixture for {{…}} after '{collection}'; add one")
                });
                out.push(id.to_string());
                holes += 1;
            } else {
                out.push(seg.to_string());
            }
        }
        out.join("/")
    };
    let body_for = |method: &str, template: &str| -> Option<Value> {
        (method == "POST" || method == "PATCH").then(|| match template {
            t if t.ends_with("/service-accounts/{id}") => json!({"description": "changed"}),
            t if t.ends_with("/rotate-secret") => json!({"grace_seconds": 60}),
            t if t.ends_with("/federations") => json!({
                "issuer": "https://token.actions.githubusercontent.com",
                "subject": "repo:borealis/erp:ref:refs/heads/stolen",
            }),
            t if t.ends_with("/federations/test") => json!({"assertion": "not.a.jwt"}),
            t if t.ends_with("/users/{id}") => json!({"api_access": true}),
            t if t.ends_with("/approve") => json!({"project_ids": [ours["projects"]]}),
            t if t.ends_with("/deny") => json!({"reason": "tenancy"}),
            t if t.ends_with("/webhooks/{id}") => json!({"active": true}),
            t if t.ends_with("/tickets") => json!({"title": "planted"}),
            t if t.ends_with("/tickets/{id}") => json!({"title": "edited"}),
            t if t.ends_with("/photos") => json!({"filename": "crack.jpg"}),
            _ => json!({}),
        })
    };

    let doc: Value = serde_json::from_str(svcacct_sandbox::OPENAPI_JSON).unwrap();
    let mut wrong = Vec::new();
    let mut cells = 0;
    for (template, item) in doc["paths"].as_object().unwrap() {
        let holes = template.matches('{').count() - template.matches("{company_id}").count();
        if !template.starts_with("/api/v1") || holes == 0 {
            continue;
        }
        for method in ["get", "post", "patch", "put", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            let method = method.to_uppercase();
            // All of A's ids; then B's outer ids around A's innermost one.
            let mut variants = vec![concrete(template, None)];
            if holes > 1 {
                variants.push(concrete(template, Some(holes - 1)));
            }
            for path in variants {
                let (code, answer) = api(
                    &b_token,
                    &method,
                    &format!("{url}{path}"),
                    body_for(&method, template),
                );
                cells += 1;
                if code != 404 {
                    wrong.push(format!("{method} {path} ({template}): {code} {answer}"));
                }
            }
        }
    }
    assert!(cells >= 25, "only {cells} requests");
    assert!(
        wrong.is_empty(),
        "company {bc}'s owner reached company {a}'s resources ({} of {cells}):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // And A's things are all still there, unchanged.
    let (code, sa) = api(
        &a_token,
        "GET",
        &format!(
            "{url}/api/v1/companies/{a}/service-accounts/{}",
            theirs["service-accounts"]
        ),
        None,
    );
    assert_eq!(code, 200, "{sa}");
    assert_eq!(sa["description"], "", "{sa}");
    sb.stop_receiver(rx);
}
