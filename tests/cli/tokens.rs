//! Personal access tokens and API access (seed 003): the permission matrix, shown-once values,
//! --save, revoking your own credential, and paced bulk revocation.

use std::time::Duration;

use serde_json::Value;

use crate::harness::*;

fn signed_in(sb: &Sandbox, login: &str) -> Machine {
    let mut m = Machine::new();
    login_browser(&mut m, sb, login, &[]).ok();
    m
}

/// A new token of this machine's user: (id, value).
fn new_token(m: &Machine, name: &str) -> (i64, String) {
    let v: Value = serde_json::from_str(
        &m.run(&["tokens", "create", "--name", name, "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    (
        v["id"].as_i64().unwrap(),
        v["token"].as_str().unwrap().to_string(),
    )
}

fn works(sb: &Sandbox, token: &str) -> bool {
    let mut m = Machine::new();
    m.set("SVCACCT_TOKEN", token)
        .set("SVCACCT_API_URL", sb.url());
    m.run(&["status"]).code == 0
}

#[test]
fn permission_matrix() {
    let sb = Sandbox::start();
    let id_of = |login: &str| sb.bootstrap().user(login).id.to_string();
    let owner = signed_in(&sb, "owner");
    let manager = signed_in(&sb, "manager");
    let admin = signed_in(&sb, "admin");
    let viewer = signed_in(&sb, "viewer");
    // (actor, may create, may revoke another user's, may revoke the owner's)
    let cases = [
        (&owner, "owner", true, true, true),
        (&manager, "manager", true, true, false),
        (&admin, "admin", true, false, false),
        (&viewer, "viewer", false, false, false),
    ];
    for (m, login, create, revoke_other, revoke_owner) in cases {
        m.run(&["tokens", "list"]).ok();
        let made = m.run(&["tokens", "create", "--name", "mine"]);
        if create {
            made.ok();
            let (id, value) = new_token(m, "revoke-me");
            assert!(works(&sb, &value), "{login}: a PAT acts as its user");
            m.run(&["tokens", "revoke", &id.to_string(), "--yes"]).ok();
            assert!(!works(&sb, &value), "{login}: revoked at once");
        } else {
            made.fails_with(5)
                .one_line_error("a user manager (or the account owner) can grant it");
        }
        // Another user's token: the admin's, or (for the admin) the manager's.
        let other = if login == "admin" { "manager" } else { "admin" };
        let other_machine = if login == "admin" { &manager } else { &admin };
        let (other_id, other_value) = new_token(other_machine, "someone-elses");
        let run = m.run(&[
            "tokens",
            "revoke",
            &other_id.to_string(),
            "--user",
            &id_of(other),
            "--yes",
        ]);
        if revoke_other {
            run.ok();
            assert!(!works(&sb, &other_value));
        } else {
            run.fails_with(5)
                .one_line_error("user-management permission");
            assert!(works(&sb, &other_value), "{login}: refused, so still valid");
        }
        let (owner_id, owner_value) = new_token(&owner, "owners");
        let run = m.run(&[
            "tokens",
            "revoke",
            &owner_id.to_string(),
            "--user",
            &id_of("owner"),
            "--yes",
        ]);
        if revoke_owner {
            run.ok();
            assert!(!works(&sb, &owner_value));
        } else {
            run.fails_with(5);
            if login == "manager" {
                run.one_line_error("only the account owner can revoke them");
            }
            assert!(
                works(&sb, &owner_value),
                "{login} cannot revoke the owner's token"
            );
        }
    }
}

#[test]
fn saved_token_serves_every_command_and_revoking_it_logs_out() {
    let sb = Sandbox::start();
    let m = signed_in(&sb, "admin");
    let run = m
        .run(&["tokens", "create", "--name", "laptop", "--save"])
        .ok();
    assert_eq!(run.stdout, "", "a saved token is not printed");
    assert!(
        run.stderr.contains("now signs in with this token"),
        "{}",
        run.stderr
    );
    assert!(m.run(&["token"]).ok().stdout.starts_with("sbp_"));
    assert!(
        m.run(&["status"])
            .ok()
            .stdout
            .contains("personal access token")
    );
    m.run(&["sa", "list"]).ok();
    m.run(&["users", "list"]).ok();
    let listed: Vec<Value> =
        serde_json::from_str(&m.run(&["tokens", "list", "--json"]).ok().stdout).unwrap();
    let current = listed
        .iter()
        .find(|t| t["current"] == true)
        .expect("the token in use is marked");
    assert!(current["last_used_at"].is_string(), "last use is recorded");
    let id = current["id"].as_i64().unwrap().to_string();

    let refused = m.run(&["tokens", "revoke", &id]);
    refused.fails_with(2).one_line_error("--yes");
    assert!(
        refused.stderr.contains("logs this profile out"),
        "{}",
        refused.stderr
    );
    let done = m.run(&["tokens", "revoke", &id, "--yes"]).ok();
    assert!(
        done.stderr.contains("Profile 'default' is logged out"),
        "{}",
        done.stderr
    );
    m.run(&["status"]).fails_with(4);
}

#[test]
fn bad_input() {
    let sb = Sandbox::start();
    let m = signed_in(&sb, "admin");
    let run = m.run(&["tokens", "create", "--name", "x", "--expires-in", "soon"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("e.g. 30d"), "{}", run.stderr);
    m.run(&["tokens", "revoke", "424242", "--yes"])
        .fails_with(6)
        .one_line_error("424242");
    let made: Value = serde_json::from_str(
        &m.run(&[
            "tokens",
            "create",
            "--name",
            "month",
            "--expires-in",
            "30d",
            "--json",
        ])
        .ok()
        .stdout,
    )
    .unwrap();
    assert!(made["expires_at"].is_string());
    assert_eq!(
        m.run(&["tokens", "revoke"]).code,
        2,
        "an id or --all is required"
    );
}

#[test]
fn api_access_is_granted_and_revoked_by_user_managers() {
    let sb = Sandbox::start();
    let owner = signed_in(&sb, "owner");
    let manager = signed_in(&sb, "manager");
    let admin = signed_in(&sb, "admin");
    let viewer_id = sb.bootstrap().user("viewer").id.to_string();
    let manager_id = sb.bootstrap().user("manager").id.to_string();

    let list = owner.run(&["users", "list"]).ok();
    assert!(
        list.stdout
            .lines()
            .any(|l| l.contains("viewer") && l.contains("person")),
        "{}",
        list.stdout
    );
    assert!(
        list.stdout
            .lines()
            .any(|l| l.contains("Demo integration") && l.contains("service user")),
        "{}",
        list.stdout
    );

    admin
        .run(&["users", "grant-api-access", &viewer_id])
        .fails_with(5)
        .one_line_error("user-management permission");
    let viewer = signed_in(&sb, "viewer");
    manager.run(&["users", "grant-api-access", &viewer_id]).ok();
    let (_, value) = new_token(&viewer, "now-allowed");
    assert!(works(&sb, &value));
    manager
        .run(&["users", "revoke-api-access", &viewer_id])
        .fails_with(2);
    manager
        .run(&["users", "revoke-api-access", &viewer_id, "--yes"])
        .ok();
    assert!(
        !works(&sb, &value),
        "without API access the user's PATs stop working"
    );
    viewer
        .run(&["tokens", "create", "--name", "again"])
        .fails_with(5);
    let owner_id = sb.bootstrap().user("owner").id.to_string();
    manager
        .run(&["users", "revoke-api-access", &owner_id, "--yes"])
        .fails_with(9)
        .one_line_error("always has API access");
    let view: Value = serde_json::from_str(
        &owner
            .run(&["users", "view", &manager_id, "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(view["user_management"], true);
}

#[test]
fn bulk_revoke_is_paced_and_summarised() {
    let sb = Sandbox::start_with(|c| c.rate_window_secs = 1);
    let owner = signed_in(&sb, "owner");
    let manager = signed_in(&sb, "manager");
    let values: Vec<String> = (0..12)
        .map(|i| new_token(&manager, &format!("bulk-{i}")).1)
        .collect();
    let manager_id = sb.bootstrap().user("manager").id.to_string();
    sb.running().set_rate_limit(4);
    std::thread::sleep(Duration::from_millis(1100));
    let run = owner
        .run(&["tokens", "revoke", "--all", "--user", &manager_id, "--yes"])
        .ok();
    assert!(
        run.stderr.contains("Revoked 12, refused 0, failed 0 of 12"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Rate limit budget spent: waiting"),
        "the wait is shown: {}",
        run.stderr
    );
    assert_eq!(
        sb.running().responses_with_status(429),
        0,
        "paced from the headers: no 429"
    );
    sb.running().set_rate_limit(100_000);
    assert!(values.iter().all(|v| !works(&sb, v)));

    // The owner's tokens: a user manager is refused for each, with the seed's reason.
    let owner_id = sb.bootstrap().user("owner").id.to_string();
    for i in 0..2 {
        new_token(&owner, &format!("owner-{i}"));
    }
    let run = manager.run(&["tokens", "revoke", "--all", "--user", &owner_id, "--yes"]);
    run.fails_with(5);
    assert!(
        run.stderr.contains("Revoked 0, refused 2, failed 0 of 2"),
        "{}",
        run.stderr
    );
}
