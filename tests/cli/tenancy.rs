//! Regression tests for the outside review (issue 10), sandbox side: tenant isolation of
//! webhooks and deliveries, and secrets at rest (sealed, expiring replays; a private data dir).

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::*;

fn signed_in(sb: &Sandbox, login: &str, password: &str) -> (Machine, String) {
    let mut m = Machine::new();
    login_browser_at(&mut m, &sb.url(), login, password, &[]).ok();
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    (m, token)
}

fn hook(m: &Machine, url: &str) -> i64 {
    let run = m
        .run(&[
            "webhooks",
            "create",
            "--url",
            url,
            "--event",
            "ticket.created",
            "--json",
        ])
        .ok();
    serde_json::from_str::<Value>(&run.stdout).unwrap()["id"]
        .as_i64()
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
    let (acme, acme_token) = signed_in(&sb, &acme_owner.login, &acme_owner.password);
    let b_owner = &other.users["owner"];
    let (borealis, b_token) = signed_in(&sb, &b_owner.login, &b_owner.password);

    let rx = sb.receiver();
    let first = hook(&acme, &rx.url());
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
    let theirs = hook(&borealis, &rx.url());
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
    let (acme, _) = signed_in(&sb, &acme_owner.login, &acme_owner.password);
    let id = hook(&acme, "https://hooks.acme.example/in");
    let admin = sb.bootstrap().user("admin").clone();
    let (_, admin_token) = signed_in(&sb, &admin.login, &admin.password);
    let b_owner = &other.users["owner"];
    let (_, b_token) = signed_in(&sb, &b_owner.login, &b_owner.password);
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
    let (m, token) = signed_in(&sb, &admin.login, &admin.password);
    // Through the CLI (which sends an Idempotency-Key): a client secret and a PAT.
    let created: Value = serde_json::from_str(
        &m.run(&[
            "sa",
            "create",
            "--name",
            "Sealed",
            "--email",
            "sealed@acme.example",
            "--json",
        ])
        .ok()
        .stdout,
    )
    .unwrap();
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
