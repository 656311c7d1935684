//! Service accounts end to end: every subcommand, the reset story, secrets shown once, the
//! admin rule, idempotency, concurrency, and long listings.

use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::harness::*;

fn admin(sb: &Sandbox) -> Machine {
    let mut m = Machine::new();
    login_browser(&mut m, sb, "admin", &[]).ok();
    m
}

fn create(m: &Machine, name: &str, email: &str, extra: &[&str]) -> Value {
    let mut args = vec!["sa", "create", "--name", name, "--email", email, "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&m.run(&args).ok().stdout).expect("create --json is JSON")
}

/// A client-credentials token for this secret, if the server accepts it.
fn mint(sb: &Sandbox, client_id: &str, secret: &str) -> Option<String> {
    let (code, body) = curl(&[
        "-u",
        &format!("{client_id}:{secret}"),
        "-d",
        "grant_type=client_credentials",
        &format!("{}/oauth/token", sb.url()),
    ]);
    (code == 200).then(|| {
        serde_json::from_str::<Value>(&body).unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_string()
    })
}

fn documents(sb: &Sandbox, token: &str, project: i64) -> u16 {
    curl(&[
        "-H",
        &format!("Authorization: Bearer {token}"),
        &format!(
            "{}/api/v1/companies/1/projects/{project}/documents",
            sb.url()
        ),
    ])
    .0
}

#[test]
fn create_list_view_update_delete() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let created = create(
        &m,
        "Nightly ERP sync",
        "erp-sync@acme.example",
        &["--description", "pushes cost codes"],
    );
    let id = created["id"].as_i64().unwrap();
    let secret = created["client_secret"].as_str().unwrap();
    assert!(
        secret.len() >= 43,
        "at least 32 bytes of entropy, base64url"
    );
    assert_eq!(
        created["permissions"],
        serde_json::json!({"company": {}, "projects": {}}),
        "new accounts have no permissions"
    );
    assert!(
        mint(&sb, created["client_id"].as_str().unwrap(), secret).is_some(),
        "the secret works"
    );

    // Piped: tab-separated, no header, one row per account.
    let list = m.run(&["sa", "list"]).ok();
    let rows: Vec<&str> = list.stdout.lines().collect();
    assert_eq!(rows.len(), 2, "{}", list.stdout);
    assert!(
        rows[1].starts_with(&format!("{id}\tNightly ERP sync\tsa_")),
        "{}",
        rows[1]
    );
    assert_no_secret(&list.all(), &[secret]);
    let json: Vec<Value> =
        serde_json::from_str(&m.run(&["sa", "list", "--json"]).ok().stdout).unwrap();
    assert_eq!(json.len(), 2);
    assert_eq!(json[1]["email"], "erp-sync@acme.example");
    let filtered = m.run(&["sa", "list", "--search", "erp"]).ok();
    assert_eq!(filtered.stdout.lines().count(), 1);
    let none = m.run(&["sa", "list", "--q", "no-such-name"]).ok();
    assert_eq!(none.stdout, "");
    assert!(
        none.stderr
            .contains("No service accounts matching 'no-such-name'"),
        "{}",
        none.stderr
    );

    let ids = id.to_string();
    let updated = m
        .run(&[
            "sa",
            "update",
            &ids,
            "--name",
            "ERP sync",
            "--permission",
            "documents=read",
            "--project",
            "2:rfis=standard",
        ])
        .ok();
    assert!(
        updated
            .stderr
            .contains("documents=read (company), rfis=standard (project 2)"),
        "{}",
        updated.stderr
    );
    let view = m.run(&["sa", "view", &ids]).ok();
    insta::with_settings!({filters => vec![
        (r"ID:            \d+", "ID:            [ID]"),
        (r"sa_[A-Za-z0-9]+", "sa_[CLIENT]"),
        (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "[TIME]"),
        (r"curl/[0-9.]+", "curl/[VERSION]"),
    ]}, {
        insta::assert_snapshot!(view.stdout);
    });

    let email = m.run(&["sa", "update", &ids, "--email", "other@acme.example"]);
    email.fails_with(9).one_line_error("cannot change");
    let taken = m.run(&[
        "sa",
        "create",
        "--name",
        "Twin",
        "--email",
        "erp-sync@acme.example",
    ]);
    taken.fails_with(9).one_line_error("one company directory");

    m.run(&["sa", "delete", &ids])
        .fails_with(2)
        .one_line_error("--yes");
    m.run(&["sa", "delete", &ids, "--yes"]).ok();
    m.run(&["sa", "view", &ids])
        .fails_with(6)
        .one_line_error(&format!("service account {id} not found"));
    assert!(
        mint(&sb, created["client_id"].as_str().unwrap(), secret).is_none(),
        "a deleted account's secret is dead"
    );
}

#[test]
fn the_reset_story() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let created = create(
        &m,
        "Document robot",
        "docs-robot@acme.example",
        &[
            "--permission",
            "documents=read",
            "--project",
            "3:rfis=admin",
        ],
    );
    let (id, client_id) = (
        created["id"].as_i64().unwrap().to_string(),
        created["client_id"].as_str().unwrap().to_string(),
    );
    let old_secret = created["client_secret"].as_str().unwrap().to_string();
    let old_token = mint(&sb, &client_id, &old_secret).unwrap();
    assert_eq!(
        documents(&sb, &old_token, 1),
        200,
        "documents=read lets it read"
    );

    // No terminal and no --yes: refuse, change nothing.
    let refused = m.run(&["reset-secret", &id]);
    refused.fails_with(2).one_line_error("pass --yes");
    assert!(
        refused
            .stderr
            .contains("all permissions and project memberships of this account are reset to none"),
        "{}",
        refused.stderr
    );
    assert!(mint(&sb, &client_id, &old_secret).is_some());

    let reset = m.run(&["reset-secret", &id, "--yes", "--json"]).ok();
    let out: Value = serde_json::from_str(&reset.stdout).unwrap();
    let new_secret = out["client_secret"].as_str().unwrap().to_string();
    assert_ne!(new_secret, old_secret);
    assert_eq!(out["previous_permissions"]["company"]["documents"], "read");
    assert!(
        mint(&sb, &client_id, &old_secret).is_none(),
        "the old secret is rejected"
    );
    assert_eq!(
        documents(&sb, &old_token, 1),
        401,
        "tokens minted with the old secret are rejected at once"
    );
    let view: Value =
        serde_json::from_str(&m.run(&["sa", "view", &id, "--json"]).ok().stdout).unwrap();
    assert_eq!(
        view["permissions"],
        serde_json::json!({"company": {}, "projects": {}}),
        "permissions are back to none"
    );
    let new_token = mint(&sb, &client_id, &new_secret).unwrap();
    assert_eq!(
        documents(&sb, &new_token, 1),
        403,
        "without permissions the new token cannot read"
    );

    // Give them back, reset again with --reapply-permissions: the new secret works with them.
    m.run(&[
        "sa",
        "update",
        &id,
        "--permission",
        "documents=read",
        "--project",
        "3:rfis=admin",
    ])
    .ok();
    let again = m
        .run(&["sa", "reset-secret", &id, "--yes", "--reapply-permissions"])
        .ok();
    assert!(
        again
            .stderr
            .contains("Restored permissions: documents=read (company), rfis=admin (project 3)"),
        "{}",
        again.stderr
    );
    let third = again
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("client_secret: "))
        .unwrap()
        .to_string();
    assert_eq!(
        documents(&sb, &mint(&sb, &client_id, &third).unwrap(), 1),
        200
    );
    assert!(mint(&sb, &client_id, &new_secret).is_none());
}

#[test]
fn secrets_go_to_a_0600_file_or_the_keychain() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope/secret.txt");
    let run = m.run(&[
        "sa",
        "create",
        "--name",
        "A",
        "--email",
        "a@acme.example",
        "--secret-file",
        missing.to_str().unwrap(),
    ]);
    run.fails_with(2).one_line_error("does not exist");
    assert_eq!(
        m.run(&["sa", "list"]).ok().stdout.lines().count(),
        1,
        "nothing was created"
    );

    let path = dir.path().join("secret.txt");
    let run = m
        .run(&[
            "sa",
            "create",
            "--name",
            "A",
            "--email",
            "a@acme.example",
            "--secret-file",
            path.to_str().unwrap(),
        ])
        .ok();
    let secret = std::fs::read_to_string(&path).unwrap().trim().to_string();
    assert!(secret.starts_with("sas_"));
    assert_no_secret(&run.all(), &[&secret]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let again = m.run(&[
        "sa",
        "create",
        "--name",
        "B",
        "--email",
        "b@acme.example",
        "--secret-file",
        path.to_str().unwrap(),
    ]);
    again.fails_with(2).one_line_error("already exists");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap().trim(),
        secret,
        "the existing file is untouched"
    );

    let saved = m
        .run(&[
            "sa",
            "create",
            "--name",
            "C",
            "--email",
            "c@acme.example",
            "--save",
            "--json",
        ])
        .ok();
    let v: Value = serde_json::from_str(&saved.stdout).unwrap();
    let profile = v["saved_as_profile"].as_str().unwrap().to_string();
    assert!(
        v.get("client_secret").is_none(),
        "a saved secret is not printed"
    );
    let token = m.run(&["--profile", &profile, "token"]).ok().stdout;
    assert!(token.starts_with("sba_"), "the saved profile mints tokens");
}

#[test]
fn bad_input() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    m.run(&["sa", "view", "999"])
        .fails_with(6)
        .one_line_error("service account 999 not found");
    assert_eq!(m.run(&["sa", "view", "abc"]).code, 2);
    let bad = m.run(&[
        "sa",
        "create",
        "--name",
        "X",
        "--email",
        "x@acme.example",
        "--permission",
        "documents:read",
    ]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("directory, documents")
            && bad.stderr.contains("none, read, standard, admin"),
        "{}",
        bad.stderr
    );
    let level = m.run(&["sa", "update", "1", "--permission", "documents=owner"]);
    assert_eq!(level.code, 2);
    assert!(
        level.stderr.contains("unknown level 'owner'"),
        "{}",
        level.stderr
    );
    m.run(&["sa", "update", "1"])
        .fails_with(2)
        .one_line_error("nothing to update");

    let mut viewer = Machine::new();
    login_browser(&mut viewer, &sb, "viewer", &[]).ok();
    viewer
        .run(&["sa", "list"])
        .fails_with(5)
        .one_line_error("Admin level on the company Admin tool");
    viewer
        .run(&["reset-secret", "1", "--yes"])
        .fails_with(5)
        .one_line_error("Admin level on the company Admin tool");
}

#[test]
fn idempotency_key_replays_the_first_answer() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    let auth = format!("Authorization: Bearer {token}");
    let url = format!(
        "{}/api/v1/companies/1/service-accounts/1/reset-secret",
        sb.url()
    );
    let (s1, first) = curl(&[
        "-X",
        "POST",
        "-H",
        &auth,
        "-H",
        "Idempotency-Key: k-123",
        &url,
    ]);
    let (s2, second) = curl(&[
        "-X",
        "POST",
        "-H",
        &auth,
        "-H",
        "Idempotency-Key: k-123",
        &url,
    ]);
    assert_eq!((s1, s2), (200, 200));
    let (a, b): (Value, Value) = (
        serde_json::from_str(&first).unwrap(),
        serde_json::from_str(&second).unwrap(),
    );
    assert_eq!(
        a["client_secret"], b["client_secret"],
        "a retry gets the same secret, not a second reset"
    );
    assert!(
        mint(
            &sb,
            a["client_id"].as_str().unwrap(),
            a["client_secret"].as_str().unwrap()
        )
        .is_some()
    );

    // One keyed JSON POST, as a client retrying after a lost answer would send it.
    let keyed_post = |url: &str, key: &str, body: &str| {
        curl(&[
            "-X",
            "POST",
            "-H",
            &auth,
            "-H",
            &format!("Idempotency-Key: {key}"),
            "-H",
            "Content-Type: application/json",
            "-d",
            body,
            url,
        ])
    };
    let create_url = format!("{}/api/v1/companies/1/service-accounts", sb.url());
    let post = |key: &str| {
        keyed_post(
            &create_url,
            key,
            r#"{"name":"Once","email":"once@acme.example"}"#,
        )
    };
    let (c1, one) = post("create-1");
    let (c2, two) = post("create-1");
    assert_eq!((c1, c2), (201, 201));
    assert_eq!(
        serde_json::from_str::<Value>(&one).unwrap()["id"],
        serde_json::from_str::<Value>(&two).unwrap()["id"]
    );
    assert_eq!(
        m.run(&["sa", "list"]).ok().stdout.lines().count(),
        2,
        "created once"
    );

    // Every POST accepts a key (SPEC), not only these two: a token is created once, and the
    // same key on a different request is refused.
    let pat_url = format!("{}/api/v1/me/tokens", sb.url());
    let pat = |key: &str, name: &str| keyed_post(&pat_url, key, &format!(r#"{{"name":"{name}"}}"#));
    let (p1, first) = pat("pat-1", "laptop");
    let (p2, again) = pat("pat-1", "laptop");
    assert_eq!((p1, p2), (201, 201));
    let (first, again): (Value, Value) = (
        serde_json::from_str(&first).unwrap(),
        serde_json::from_str(&again).unwrap(),
    );
    assert_eq!(
        first["token"], again["token"],
        "the replay returns the same token"
    );
    let tokens: Vec<Value> =
        serde_json::from_str(&m.run(&["tokens", "list", "--json"]).ok().stdout).unwrap();
    assert_eq!(
        tokens.iter().filter(|t| t["name"] == "laptop").count(),
        1,
        "created once"
    );
    let (reused, body) = pat("pat-1", "another name");
    assert_eq!(reused, 422, "{body}");
    assert!(body.contains("idempotency_key_reused"), "{body}");
}

#[test]
fn two_concurrent_resets_leave_one_valid_secret() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let client_id = sb.bootstrap().service_account.client_id.clone();
    let children: Vec<_> = (0..2)
        .map(|_| {
            m.command(&["reset-secret", "1", "--yes", "--json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let secrets: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = wait_bounded(c, Duration::from_secs(60));
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice::<Value>(&out.stdout).unwrap()["client_secret"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_ne!(secrets[0], secrets[1]);
    let valid: Vec<_> = secrets
        .iter()
        .filter(|s| mint(&sb, &client_id, s).is_some())
        .collect();
    assert_eq!(valid.len(), 1, "exactly one of the two secrets works");
}

#[test]
fn ten_thousand_accounts_stream_through_the_pipe() {
    let sb = Sandbox::start();
    sb.running().seed_service_accounts(10_000).unwrap();
    let m = admin(&sb);
    let run = m.run(&["sa", "list"]).ok();
    assert_eq!(run.stdout.lines().count(), 10_001);
    assert!(
        run.stdout
            .lines()
            .last()
            .unwrap()
            .contains("Load test 10001"),
        "ordered by id"
    );
    let json: Vec<Value> = serde_json::from_str(
        &m.run(&["sa", "list", "--json", "--limit", "250"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(json.len(), 250, "--limit stops early");
}

#[test]
fn rate_limit_mid_listing_waits_and_completes() {
    let sb = Sandbox::start_with(|c| c.rate_window_secs = 2);
    sb.running().seed_service_accounts(10).unwrap();
    let m = admin(&sb);
    sb.running().set_rate_limit(3);
    std::thread::sleep(Duration::from_millis(2100)); // a fresh window
    let run = m.run(&["sa", "list", "--page-size", "2"]).ok();
    assert_eq!(run.stdout.lines().count(), 11, "all pages arrive");
    assert!(
        run.stderr.contains("Rate limit budget spent: waiting"),
        "the wait is shown: {}",
        run.stderr
    );
    assert_eq!(
        sb.running().responses_with_status(429),
        0,
        "paced from the headers, never ran into a 429"
    );
}

/// The real question on a real terminal: "Continue?" — `n` changes nothing, `y` resets.
#[test]
fn reset_secret_asks_on_a_terminal() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let sa = sb.bootstrap().service_account.clone();
    let tty = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/at_terminal.py");
    let at_terminal = |answer: &str| {
        let mut cmd = m.command_for("python3");
        cmd.env_remove("CI").arg(&tty).args([
            "Continue?",
            answer,
            "--",
            env!("CARGO_BIN_EXE_svcacct"),
            "reset-secret",
            "1",
        ]);
        let out = wait_bounded(
            cmd.stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
            Duration::from_secs(120),
        );
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, screen) = at_terminal("n");
    // A declined confirmation has its own exit code (issue 20: it was 130, "interrupted").
    assert_eq!(code, Some(12), "{screen}");
    assert!(
        screen.contains("Continue?") && screen.contains("cancelled; nothing was changed"),
        "{screen}"
    );
    assert!(
        mint(&sb, &sa.client_id, &sa.client_secret).is_some(),
        "'n' changed nothing"
    );
    let (code, screen) = at_terminal("y");
    assert_eq!(code, Some(0), "{screen}");
    assert!(screen.contains("client_secret: sas_"), "{screen}");
    assert!(
        mint(&sb, &sa.client_id, &sa.client_secret).is_none(),
        "'y' reset it"
    );
}

/// On a terminal: `sa list` is a table with a header, and `login --client-credentials` asks for
/// the secret with a hidden prompt (the secret typed is never shown).
#[test]
fn terminal_table_and_hidden_secret_prompt() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let tty = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/at_terminal.py");
    let at_terminal = |m: &Machine, wait_for: &str, answer: &str, args: &[&str]| {
        let mut cmd = m.command_for("python3");
        cmd.env_remove("CI")
            .arg(&tty)
            .args([wait_for, answer, "--", env!("CARGO_BIN_EXE_svcacct")])
            .args(args);
        let out = wait_bounded(
            cmd.stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
            Duration::from_secs(120),
        );
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, screen) = at_terminal(&m, "CLIENT ID", "", &["sa", "list"]);
    assert_eq!(code, Some(0), "{screen}");
    let header = screen
        .lines()
        .find(|l| l.contains("CLIENT ID"))
        .expect("a header row");
    assert!(
        header.starts_with("ID") && header.contains("NAME") && header.contains("EMAIL"),
        "{screen}"
    );
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with('1') && l.contains("Demo integration")),
        "{screen}"
    );
    assert!(
        !screen.contains('\t'),
        "no tab-separated rows on a terminal"
    );

    let sa = sb.bootstrap().service_account.clone();
    let url = sb.url();
    let fresh = Machine::new();
    let (code, screen) = at_terminal(
        &fresh,
        "Client secret for",
        &sa.client_secret,
        &[
            "login",
            "--api",
            &url,
            "--client-credentials",
            "--client-id",
            &sa.client_id,
        ],
    );
    assert_eq!(code, Some(0), "{screen}");
    assert!(screen.contains("Logged in to"), "{screen}");
    assert_no_secret(&screen, &[&sa.client_secret]);
    assert!(fresh.run(&["token"]).ok().stdout.starts_with("sba_"));
}

/// A listing that takes more than a moment shows a spinner with its progress on a terminal
/// (and the table still arrives whole).
#[test]
fn slow_listing_shows_a_spinner_on_a_terminal() {
    let sb = Sandbox::start();
    sb.running().seed_service_accounts(1000).unwrap();
    let m = admin(&sb);
    let tty = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/at_terminal.py");
    let mut cmd = m.command_for("python3");
    cmd.env("TERM", "xterm-256color"); // a real terminal says what it is; dumb ones get no spinner
    cmd.env_remove("CI").arg(&tty).args([
        "(no question)",
        "",
        "--",
        env!("CARGO_BIN_EXE_svcacct"),
        "sa",
        "list",
        "--page-size",
        "2",
    ]);
    let out = wait_bounded(
        cmd.stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
        Duration::from_secs(120),
    );
    let screen = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        screen.contains("Fetching service accounts…") && screen.contains(" of 1001"),
        "no spinner on a slow listing"
    );
    assert!(
        screen.lines().any(|l| l.contains("Load test 01001")),
        "the table arrives whole"
    );
}

/// Issue 18, item 6: `reset-secret --reapply-permissions` journals the set before the reset,
/// so a run that dies between the reset and the restore loses nothing: `sa update ID
/// --restore-permissions` grants it, and so does the next `reset-secret --reapply-permissions`
/// (the journaled set, not the empty one the account has since). The restore is made to fail
/// by a proxy in front of the sandbox that refuses the PATCH, as a dropped connection would.
#[test]
fn an_interrupted_reapply_is_journaled_and_restored() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let sb = Sandbox::start();
    let refuse_patch = Arc::new(AtomicBool::new(true));
    let refuse = refuse_patch.clone();
    let upstream = sb.url();
    let proxy = crate::doubles::Double::start(Arc::new(move |seen: &crate::doubles::Seen| {
        if seen.method == "PATCH" && refuse.load(Ordering::SeqCst) {
            return (502, vec![], "upstream connection lost".to_string());
        }
        let mut args = vec!["-X".to_string(), seen.method.clone()];
        for name in ["authorization", "content-type", "idempotency-key"] {
            if let Some(v) = seen.header(name) {
                args.push("-H".into());
                args.push(format!("{name}: {v}"));
            }
        }
        if !seen.body.is_empty() {
            args.push("--data-binary".into());
            args.push(seen.body.clone());
        }
        let query = if seen.query.is_empty() {
            String::new()
        } else {
            format!("?{}", seen.query)
        };
        args.push(format!("{upstream}{}{query}", seen.path));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, body) = curl(&refs);
        (
            status,
            vec![("content-type".into(), "application/json".into())],
            body,
        )
    }));
    let mut m = Machine::new();
    let admin = sb.bootstrap().user("admin").clone();
    login_browser_at(&mut m, &proxy.url(), &admin.login, &admin.password, &[]).ok();
    let created = create(
        &m,
        "ERP",
        "erp@acme.example",
        &["--permission", "documents=standard"],
    );
    let id = created["id"].as_i64().unwrap().to_string();
    let view = |m: &Machine| -> Value {
        serde_json::from_str(&m.run(&["sa", "view", &id, "--json"]).ok().stdout).unwrap()
    };
    let secret_file = m.home.path().join("s1");
    let run = m.run(&[
        "reset-secret",
        &id,
        "--yes",
        "--reapply-permissions",
        "--secret-file",
        secret_file.to_str().unwrap(),
    ]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("--restore-permissions"),
        "{}",
        run.stderr
    );
    assert!(
        view(&m)["permissions"]["company"]
            .as_object()
            .unwrap()
            .is_empty()
    );
    // The next run grants the journaled set — not the empty one the account has now.
    refuse_patch.store(false, Ordering::SeqCst);
    let secret_file = m.home.path().join("s2");
    m.run(&[
        "reset-secret",
        &id,
        "--yes",
        "--reapply-permissions",
        "--secret-file",
        secret_file.to_str().unwrap(),
    ])
    .ok();
    assert_eq!(view(&m)["permissions"]["company"]["documents"], "standard");
    m.run(&["sa", "update", &id, "--restore-permissions"])
        .fails_with(2)
        .one_line_error("waiting to be granted again");
    // Interrupted again; this time `sa update --restore-permissions` grants it.
    refuse_patch.store(true, Ordering::SeqCst);
    let secret_file = m.home.path().join("s3");
    let run = m.run(&[
        "reset-secret",
        &id,
        "--yes",
        "--reapply-permissions",
        "--json",
        "--secret-file",
        secret_file.to_str().unwrap(),
    ]);
    assert_ne!(run.code, 0);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(doc["restore_error"].is_string(), "{doc}");
    refuse_patch.store(false, Ordering::SeqCst);
    m.run(&["sa", "update", &id, "--restore-permissions"]).ok();
    assert_eq!(view(&m)["permissions"]["company"]["documents"], "standard");
}
