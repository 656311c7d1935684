//! App installs with developer-managed service accounts (seeds 001/002): request → review →
//! approve → the app's token can do exactly what the manifest says → uninstall → rejected;
//! deny; re-approval after a permission increase; and Jane and John with the authorization code.

use serde_json::Value;

use crate::harness::*;

fn signed_in(sb: &Sandbox, login: &str) -> Machine {
    let mut m = Machine::new();
    login_browser(&mut m, sb, login, &[]).ok();
    m
}

/// A client-credentials token of marketplace app `slug` in company 1, or the refusal.
fn app_token(sb: &Sandbox, slug: &str) -> Result<String, String> {
    let app = &sb.bootstrap().apps[slug];
    let (code, body) = curl(&[
        "-u",
        &format!("{}:{}", app.client_id, app.client_secret),
        "-d",
        "grant_type=client_credentials",
        "-d",
        "company_id=1",
        &format!("{}/oauth/token", sb.url()),
    ]);
    let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    if code == 200 {
        Ok(v["access_token"].as_str().unwrap().to_string())
    } else {
        Err(v["error_description"]
            .as_str()
            .unwrap_or_default()
            .to_string())
    }
}

fn status(sb: &Sandbox, token: &str, path: &str) -> u16 {
    api(token, "GET", &format!("{}{path}", sb.url()), None).0
}

fn install_id(m: &Machine, slug: &str) -> String {
    let run = m.run(&["apps", "request", slug, "--json"]).ok();
    serde_json::from_str::<Value>(&run.stdout).unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string()
}

#[test]
fn request_review_approve_use_uninstall() {
    let sb = Sandbox::start();
    let admin = signed_in(&sb, "admin");
    assert!(
        app_token(&sb, "sitesync-erp")
            .unwrap_err()
            .contains("not installed"),
        "no install, no token"
    );
    let id = install_id(&admin, "sitesync-erp");
    let pending = admin.run(&["apps", "list", "--status", "pending"]).ok();
    assert!(
        pending
            .stdout
            .contains("SiteSync ERP\tLedgerline Inc.\tpending"),
        "{}",
        pending.stdout
    );
    let view = admin.run(&["apps", "view", &id]).ok();
    insta::assert_snapshot!(view.stdout);

    admin
        .run(&["apps", "approve", &id, "--yes"])
        .fails_with(2)
        .one_line_error("choose the projects");
    admin
        .run(&["apps", "approve", &id, "--project", "2"])
        .fails_with(2)
        .one_line_error("--yes");
    let approved = admin
        .run(&["apps", "approve", &id, "--project", "2", "--yes"])
        .ok();
    assert!(
        approved
            .stderr
            .contains("documents    read      project 2 (Northside Clinic)"),
        "{}",
        approved.stderr
    );

    // Exactly what the manifest says: documents on the chosen project, nothing more.
    let token = app_token(&sb, "sitesync-erp").unwrap();
    assert_eq!(
        status(&sb, &token, "/api/v1/companies/1/projects/2/documents"),
        200
    );
    assert_eq!(
        status(&sb, &token, "/api/v1/companies/1/projects/1/documents"),
        403,
        "not a chosen project"
    );
    assert_eq!(
        status(&sb, &token, "/api/v1/companies/1/service-accounts"),
        403,
        "not an admin"
    );
    let (_, me) = api(&token, "GET", &format!("{}/api/v1/me", sb.url()), None);
    assert_eq!(me["kind"], "dmsa");
    let users = admin.run(&["users", "list"]).ok();
    assert!(
        users
            .stdout
            .lines()
            .any(|l| l.contains("SiteSync ERP (app)") && l.contains("dmsa (service user)")),
        "{}",
        users.stdout
    );

    admin.run(&["apps", "uninstall", &id, "--yes"]).ok();
    assert_eq!(
        status(&sb, &token, "/api/v1/me"),
        401,
        "its tokens stop working at once"
    );
    assert!(app_token(&sb, "sitesync-erp").is_err());
}

#[test]
fn deny_and_only_admins_decide() {
    let sb = Sandbox::start();
    let viewer = signed_in(&sb, "viewer");
    let admin = signed_in(&sb, "admin");
    let id = install_id(&viewer, "photovault");
    viewer
        .run(&["apps", "approve", &id, "--project", "1", "--yes"])
        .fails_with(5)
        .one_line_error("Admin level on the company Admin tool");
    admin
        .run(&[
            "apps",
            "deny",
            &id,
            "--reason",
            "we use our own photo archive",
        ])
        .ok();
    let v: Value =
        serde_json::from_str(&admin.run(&["apps", "view", &id, "--json"]).ok().stdout).unwrap();
    assert_eq!(v["state"], "denied");
    assert_eq!(v["deny_reason"], "we use our own photo archive");
    assert!(
        app_token(&sb, "photovault").is_err(),
        "a denied app gets no token"
    );
    admin
        .run(&["apps", "approve", &id, "--project", "1", "--yes"])
        .fails_with(9)
        .one_line_error("not pending");
}

#[test]
fn more_permissions_need_approval_again() {
    let sb = Sandbox::start();
    let admin = signed_in(&sb, "admin");
    let id = install_id(&admin, "sitesync-erp");
    admin
        .run(&["apps", "approve", &id, "--project", "2", "--yes"])
        .ok();
    let token = app_token(&sb, "sitesync-erp").unwrap();

    // The developer ships a version asking for more: documents admin and a new tool.
    sb.running()
        .publish_app_version(
            "sitesync-erp",
            &[("directory", "read"), ("budget", "read")],
            &[("documents", "admin"), ("rfis", "standard")],
        )
        .unwrap();
    let v: Value =
        serde_json::from_str(&admin.run(&["apps", "view", &id, "--json"]).ok().stdout).unwrap();
    assert_eq!(
        v["state"], "pending",
        "back to pending until approved again"
    );
    assert_eq!(v["requested_permissions"]["project"]["documents"], "admin");
    let view = admin.run(&["apps", "view", &id]).ok();
    assert!(
        view.stdout
            .contains("Approved before (still in force until approved again)"),
        "{}",
        view.stdout
    );
    // Meanwhile the service user keeps what was approved, and no more.
    assert_eq!(
        status(&sb, &token, "/api/v1/companies/1/projects/2/documents"),
        200
    );
    assert_eq!(
        status(&sb, &token, "/api/v1/companies/1/projects/3/documents"),
        403,
        "project 3 not approved yet"
    );
    admin
        .run(&[
            "apps",
            "approve",
            &id,
            "--project",
            "2",
            "--project",
            "3",
            "--yes",
        ])
        .ok();
    assert_eq!(
        status(&sb, &token, "/api/v1/companies/1/projects/3/documents"),
        200,
        "the new approval covers project 3"
    );

    // A version asking for less (or the same) needs no new approval.
    sb.running()
        .publish_app_version(
            "sitesync-erp",
            &[("directory", "read")],
            &[("documents", "read")],
        )
        .unwrap();
    let v: Value =
        serde_json::from_str(&admin.run(&["apps", "view", &id, "--json"]).ok().stdout).unwrap();
    assert_eq!(v["state"], "approved");
}

/// Seed 001/002's example: one app, two users with different permissions, authorization code:
/// the app sees exactly what each user sees.
#[test]
fn jane_and_john_with_the_authorization_code() {
    let sb = Sandbox::start();
    let admin = signed_in(&sb, "admin");
    let jane = sb.bootstrap().user("manager").clone();
    let john = sb.bootstrap().user("viewer").clone();
    let granted = admin
        .run(&[
            "users",
            "update",
            &jane.id.to_string(),
            "--project",
            "1:documents=read",
        ])
        .ok();
    assert!(
        granted
            .stderr
            .contains("now has: documents=read (project 1)"),
        "{}",
        granted.stderr
    );
    let view = admin.run(&["users", "view", &jane.id.to_string()]).ok();
    assert!(
        view.stdout
            .contains("documents  read   project 1 (Harbour Bridge Refit)"),
        "{}",
        view.stdout
    );
    let mut viewer = Machine::new();
    login_browser(&mut viewer, &sb, "viewer", &[]).ok();
    viewer
        .run(&[
            "users",
            "update",
            &john.id.to_string(),
            "--permission",
            "documents=admin",
        ])
        .fails_with(5)
        .one_line_error("Admin level on the company Admin tool");
    let app = sb.bootstrap().apps["photovault"].clone();
    let token_as = |user: &svcacct_sandbox::SeededUser| {
        let mut m = Machine::new();
        m.with_browser(&user.login, &user.password);
        let url = sb.url();
        let run = m.run_with_stdin(
            &[
                "login",
                "--api",
                &url,
                "--client-id",
                &app.client_id,
                "--client-secret-stdin",
                "--timeout",
                "60",
            ],
            &app.client_secret,
        );
        run.ok();
        m.run(&["token"]).ok().stdout.trim().to_string()
    };
    let (jane_token, john_token) = (token_as(&jane), token_as(&john));
    assert_eq!(
        status(&sb, &jane_token, "/api/v1/companies/1/projects/1/documents"),
        200,
        "Jane can read them, so the app can as Jane"
    );
    assert_eq!(
        status(&sb, &john_token, "/api/v1/companies/1/projects/1/documents"),
        403,
        "John cannot, so the app cannot as John"
    );
    assert_eq!(
        api(&jane_token, "GET", &format!("{}/api/v1/me", sb.url()), None).1["login"],
        "manager"
    );
}
