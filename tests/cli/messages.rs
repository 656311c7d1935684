//! Issue 20: errors and listings say what fits the case — a refusal's advice by its reason
//! (owner, admin, user manager, API access), the profile named in "not logged in", the
//! `disabled` flag in user listings, and the requested permissions in the marketplace.

use crate::harness::*;

#[test]
fn refusals_advise_by_their_reason() {
    let sb = Sandbox::start();
    let admin = sb.bootstrap().user("admin").clone();
    let (a, _) = signed_in_as(&sb, &admin.login, &admin.password);
    // Webhooks are the owner's: an admin is told so, not to ask an admin.
    let run = a.run(&["webhooks", "list"]);
    run.fails_with(5).one_line_error("only the account owner");
    assert!(
        !run.stderr.contains("ask a company admin"),
        "{}",
        run.stderr
    );
    // Granting API access is a user manager's.
    let viewer_id = sb.bootstrap().user("viewer").id.to_string();
    a.run(&["users", "grant-api-access", &viewer_id])
        .fails_with(5)
        .one_line_error("user manager");
    // Service accounts are a company admin's.
    let manager = sb.bootstrap().user("manager").clone();
    let (mg, _) = signed_in_as(&sb, &manager.login, &manager.password);
    mg.run(&["sa", "list"])
        .fails_with(5)
        .one_line_error("company admin");
    // A token of a person without API access: the fix is the API access permission.
    let viewer = sb.bootstrap().user("viewer").clone();
    let (v, _) = signed_in_as(&sb, &viewer.login, &viewer.password);
    v.run(&["tokens", "create", "--name", "laptop"])
        .fails_with(5)
        .one_line_error("grant-api-access");
}

#[test]
fn not_logged_in_names_the_profile() {
    let m = Machine::new();
    m.run(&["--profile", "manager", "token"])
        .fails_with(4)
        .one_line_error("svcacct login --profile manager");
    let run = m.run(&["token"]);
    run.fails_with(4).one_line_error("run `svcacct login`");
    assert!(!run.stderr.contains("--profile"), "{}", run.stderr);
}

#[test]
fn users_show_disabled_and_the_marketplace_its_permissions() {
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let conn = rusqlite::Connection::open(sb.data_dir().join("sandbox.sqlite3")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    let viewer = sb.bootstrap().user("viewer").id;
    conn.execute("UPDATE users SET disabled = 1 WHERE id = ?1", [viewer])
        .unwrap();
    let list = m.run(&["users", "list"]).ok();
    let row = list
        .stdout
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("viewer"))
        .unwrap_or_else(|| panic!("{}", list.stdout));
    assert_eq!(row.split('\t').next_back(), Some("yes"), "{row}");
    let view = m.run(&["users", "view", &viewer.to_string()]).ok();
    assert!(
        view.stdout
            .lines()
            .any(|l| l.starts_with("Disabled:") && l.ends_with("yes")),
        "{}",
        view.stdout
    );
    let market = m.run(&["apps", "marketplace"]).ok();
    assert!(
        market.stdout.contains("REQUESTED PERMISSIONS"),
        "{}",
        market.stdout
    );
    assert!(market.stdout.contains("company: "), "{}", market.stdout);
}
