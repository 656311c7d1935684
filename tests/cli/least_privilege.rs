//! Issue 21, least privilege from real use: the sandbox notes which tool and level each
//! account's requests needed; `sa view` shows the highest level used per granted permission,
//! `audit` flags `unused-permission>SPAN`, and `sa update --trim-unused SPAN` proposes and
//! applies the reduction — after which the account still does what it did.

use serde_json::Value;

use crate::harness::*;

#[test]
fn unused_permissions_are_flagged_and_trimmed() {
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(
        &m,
        "Document reader",
        "docs@acme.example",
        &[
            "--permission",
            "documents=standard",
            "--permission",
            "tickets=standard",
        ],
    );
    let id = created["id"].as_i64().unwrap().to_string();
    let token = client_credentials_token(
        &sb,
        created["client_id"].as_str().unwrap(),
        created["client_secret"].as_str().unwrap(),
        &[],
    )
    .unwrap();
    let documents = || {
        api(
            &token,
            "GET",
            &format!("{}/api/v1/companies/1/projects/1/documents", sb.url()),
            None,
        )
        .0
    };
    for _ in 0..3 {
        assert_eq!(documents(), 200);
    }
    let view: Value =
        serde_json::from_str(&m.run(&["sa", "view", &id, "--json"]).ok().stdout).unwrap();
    let usage = view["permission_usage"].as_array().unwrap();
    assert_eq!(usage.len(), 1, "{view}");
    assert_eq!(usage[0]["tool"], "documents");
    assert_eq!(usage[0]["level"], "read");
    assert_eq!(usage[0]["count"], 3);
    let human = m.run(&["sa", "view", &id]).ok().stdout;
    let row = |tool: &str| {
        human
            .lines()
            .find(|l| l.starts_with(tool))
            .unwrap_or_else(|| panic!("{human}"))
            .to_string()
    };
    assert!(row("documents").contains("read, last "), "{human}");
    assert!(row("tickets").ends_with("never"), "{human}");

    // The grant is two minutes old (a backdated row) and neither permission was needed at its
    // level within a minute: flagged, and --fail-on fails.
    let conn = rusqlite::Connection::open(sb.data_dir().join("sandbox.sqlite3")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn.execute(
        "UPDATE service_accounts SET created_at = created_at - 120 WHERE id = ?1",
        [created["id"].as_i64().unwrap()],
    )
    .unwrap();
    let audit = m
        .run(&["audit", "--rules", "unused-permission>1m", "--json"])
        .ok();
    let findings: Vec<Value> = serde_json::from_str(&audit.stdout).unwrap();
    let flagged: Vec<&str> = findings
        .iter()
        .filter(|f| {
            f["kind"] == "service_account_permission" && !f["flags"].as_array().unwrap().is_empty()
        })
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(
        flagged.contains(&format!("{id}:documents").as_str()),
        "{findings:?}"
    );
    assert!(
        flagged.contains(&format!("{id}:tickets").as_str()),
        "{findings:?}"
    );
    m.run(&["audit", "--fail-on", "unused-permission>1m"])
        .fails_with(10);

    // The proposal: documents standard → read, tickets removed.
    let dry = m
        .run(&[
            "sa",
            "update",
            &id,
            "--trim-unused",
            "1m",
            "--dry-run",
            "--json",
        ])
        .ok();
    let proposal: Value = serde_json::from_str(&dry.stdout).unwrap();
    assert_eq!(proposal["applied"], false);
    assert_eq!(
        proposal["permissions_after"]["company"],
        serde_json::json!({"documents": "read"}),
        "{proposal}"
    );
    let table = m
        .run(&["sa", "update", &id, "--trim-unused", "1m", "--dry-run"])
        .ok();
    assert!(table.stdout.contains("(removed)"), "{}", table.stdout);
    // Without a terminal it needs --yes; with it, one request applies it.
    m.run(&["sa", "update", &id, "--trim-unused", "1m"])
        .fails_with(2);
    m.run(&["sa", "update", &id, "--trim-unused", "1m", "--yes"])
        .ok();
    let view: Value =
        serde_json::from_str(&m.run(&["sa", "view", &id, "--json"]).ok().stdout).unwrap();
    assert_eq!(
        view["permissions"]["company"],
        serde_json::json!({"documents": "read"}),
        "{view}"
    );
    assert_eq!(documents(), 200, "it still does what it did");
}
