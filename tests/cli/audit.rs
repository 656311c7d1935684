//! Issue 13, credential hygiene: `svcacct audit` lists every credential with created / last
//! used / expires and flags it against rules; `--fail-on` exits 10; a command run with a
//! credential that expires within 7 days warns once a day.

use serde_json::Value;

use crate::harness::*;

const DAY: i64 = 86_400;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Change the sandbox's own database, as time would have (the sandbox keeps running).
fn backdate(sb: &Sandbox, sql: &str, params: &[&dyn rusqlite::ToSql]) -> usize {
    let conn = rusqlite::Connection::open(sb.data_dir().join("sandbox.sqlite3")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn.execute(sql, params).unwrap()
}

#[test]
fn audit_flags_old_unused_and_expiring_credentials_and_fails_on_request() {
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(&m, "Legacy export", "legacy@acme.example", &[]);
    let client_id = created["client_id"].as_str().unwrap().to_string();
    let secret = created["client_secret"].as_str().unwrap().to_string();
    client_credentials_token(&sb, &client_id, &secret, &[]).unwrap();
    // An installed app.
    let install: Value = serde_json::from_str(
        &m.run(&["apps", "request", "sitesync-erp", "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let install_id = install["id"].to_string();
    m.run(&["apps", "approve", &install_id, "--project", "1", "--yes"])
        .ok();
    // Nothing is old yet: --fail-on passes.
    m.run(&["audit", "--fail-on"]).ok();

    // Time passes: the secret was made 200 days ago and last used 120 days ago.
    let changed = backdate(
        &sb,
        "UPDATE client_secrets SET created_at = ?1, last_used_at = ?2 WHERE client_id = ?3",
        &[&(now() - 200 * DAY), &(now() - 120 * DAY), &client_id],
    );
    assert_eq!(changed, 1);
    // And a personal access token expires in 3 days.
    let pat = m
        .run(&[
            "tokens",
            "create",
            "--name",
            "laptop",
            "--expires-in",
            "30d",
            "--json",
        ])
        .ok();
    let pat: Value = serde_json::from_str(&pat.stdout).unwrap();
    backdate(
        &sb,
        "UPDATE tokens SET expires_at = ?1 WHERE id = ?2",
        &[&(now() + 3 * DAY), &pat["id"].as_i64().unwrap()],
    );

    let json = m.run(&["audit", "--json"]).ok();
    let findings: Vec<Value> = serde_json::from_str(&json.stdout).unwrap();
    let legacy = findings
        .iter()
        .find(|f| {
            f["kind"] == "service_account_secret"
                && f["name"].as_str().unwrap().contains(&client_id)
        })
        .unwrap_or_else(|| panic!("the secret is listed: {findings:?}"));
    let flags: Vec<&str> = legacy["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(flags, ["unused>90d", "age>180d"], "{legacy}");
    let laptop = findings
        .iter()
        .find(|f| {
            f["kind"] == "personal_access_token"
                && f["id"].as_str() == Some(pat["id"].to_string().as_str())
        })
        .unwrap();
    assert_eq!(laptop["flags"][0], "expires<14d", "{laptop}");
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "app_install" && f["id"] == install_id.as_str()),
        "installs are listed too: {findings:?}"
    );
    assert_no_secret(&json.all(), &[&secret]);
    // The table for people names the flags.
    let table = m.run(&["audit"]).ok();
    assert!(
        table.stdout.contains("unused>90d, age>180d"),
        "{}",
        table.stdout
    );

    // --fail-on: exit 10 (documented), naming how many and which rule.
    let failed = m.run(&["audit", "--fail-on", "unused>90d"]);
    failed.fails_with(10);
    assert!(failed.stderr.contains("unused>90d"), "{}", failed.stderr);
    m.run(&["audit", "--fail-on", "unused>365d"]).ok();
    // `--fail-on` alone gates on the --rules: the defaults fail, a lenient rule set passes.
    m.run(&["audit", "--fail-on"]).fails_with(10);
    m.run(&["audit", "--rules", "unused>3650d", "--fail-on"])
        .ok();
    let help = m.run(&["help", "exit-codes"]).ok();
    assert!(
        help.stdout.contains("10") && help.stdout.contains("audit"),
        "{}",
        help.stdout
    );
    m.run(&["audit", "--rules", "stale>3d"])
        .fails_with(2)
        .one_line_error("stale>3d");

    // A command that uses the expiring token warns, once a day.
    let pat_value = pat["token"].as_str().unwrap().to_string();
    let holder = Machine::new();
    let first = holder
        .run_with_stdin(&["login", "--api", &sb.url(), "--with-token"], &pat_value)
        .ok();
    assert!(
        first.stderr.contains("expires in 2 day(s)")
            || first.stderr.contains("expires in 3 day(s)"),
        "{}",
        first.stderr
    );
    let second = holder.run(&["tokens", "list"]).ok();
    assert!(
        !second.stderr.contains("expires in"),
        "once a day: {}",
        second.stderr
    );
    // The next day (the stamp says yesterday), it warns again.
    let stamp = holder.config_dir().join("state/expiry-warned-default");
    assert!(stamp.exists());
    std::fs::write(&stamp, "2000-01-01").unwrap();
    let next_day = holder.run(&["tokens", "list"]).ok();
    assert!(
        next_day.stderr.contains("expires in"),
        "{}",
        next_day.stderr
    );
    // A credential with no end: no warning.
    let quiet = m.run(&["tokens", "list"]).ok();
    assert!(!quiet.stderr.contains("expires in"), "{}", quiet.stderr);
}

/// A gate that cannot see everything does not pass silently: a user manager who is not a
/// company admin cannot see service accounts, so `--fail-on` refuses (exit 5) unless
/// `--allow-partial`.
#[test]
fn audit_fail_on_refuses_a_partial_view() {
    let sb = Sandbox::start();
    let manager = sb.bootstrap().user("manager").clone();
    let (m, _) = signed_in_as(&sb, &manager.login, &manager.password);
    let partial = m.run(&["audit", "--fail-on", "unused>3650d"]);
    partial.fails_with(5);
    assert!(
        partial.stderr.contains("service accounts"),
        "{}",
        partial.stderr
    );
    m.run(&["audit", "--fail-on", "unused>3650d", "--allow-partial"])
        .ok();
    // Without --fail-on it lists what it can, and says what it could not see.
    let listed = m.run(&["audit"]).ok();
    assert!(listed.stderr.contains("not audited"), "{}", listed.stderr);
}

/// A company admin who is not a user manager sees only their own personal access tokens: that
/// is a partial view too, so `--fail-on` exits 5 unless `--allow-partial`, and the run says
/// what it did not see (issue 17: it passed with exit 0).
#[test]
fn an_admin_without_user_management_has_a_partial_view() {
    let sb = Sandbox::start();
    let admin = sb.bootstrap().user("admin").clone();
    let (m, _) = signed_in_as(&sb, &admin.login, &admin.password);
    let partial = m.run(&["audit", "--fail-on", "unused>3650d"]);
    partial.fails_with(5);
    assert!(
        partial
            .stderr
            .contains("other users' personal access tokens"),
        "{}",
        partial.stderr
    );
    m.run(&["audit", "--fail-on", "unused>3650d", "--allow-partial"])
        .ok();
    let listed = m.run(&["audit"]).ok();
    assert!(listed.stderr.contains("not audited"), "{}", listed.stderr);
}
