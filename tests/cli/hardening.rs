//! Regression tests for the outside review (issue 10), CLI side: who a command acts as, secrets
//! that must reach their destination, files that must not follow planted symlinks, profile names
//! that must not be paths, and server strings that must not drive the terminal.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::harness::*;

fn admin(sb: &Sandbox) -> Machine {
    let mut m = Machine::new();
    login_browser(&mut m, sb, "admin", &[]).ok();
    m
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// The environment's client credentials win over a stored profile (gh, AWS and Azure SDKs);
/// `--profile` selects the stored one; a wrong environment secret fails instead of falling back.
#[test]
fn environment_client_credentials_win_over_a_stored_profile() {
    let sb = Sandbox::start();
    let sa = sb.bootstrap().service_account.clone();
    let mut m = admin(&sb);
    let admin_token = m.run(&["token"]).ok().stdout;
    m.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &sa.client_id)
        .set("SVCACCT_CLIENT_SECRET", &sa.client_secret);

    let token = m.run(&["token"]).ok().stdout;
    assert_ne!(token, admin_token, "the stored admin's token was printed");
    assert!(token.starts_with("sba_"), "{token}");
    let status = m.run(&["status"]).ok();
    assert!(
        status.stdout.contains("Demo integration")
            && status
                .stdout
                .contains("Source:       environment: SVCACCT_CLIENT_ID + SVCACCT_CLIENT_SECRET")
            && status
                .stdout
                .contains("wins over the stored profile 'default'"),
        "{}",
        status.stdout
    );
    let json: Value = serde_json::from_str(&m.run(&["status", "--json"]).ok().stdout).unwrap();
    assert_eq!(
        json["source"],
        "environment: SVCACCT_CLIENT_ID + SVCACCT_CLIENT_SECRET"
    );
    assert_eq!(json["shadowed_profile"], "default");

    // An explicit --profile selects the stored profile.
    let stored = m.run(&["--profile", "default", "status"]).ok();
    assert!(
        stored.stdout.contains("admin (Adam Admin")
            && stored
                .stdout
                .contains("Source:       stored profile 'default'"),
        "{}",
        stored.stdout
    );
    assert_eq!(
        m.run(&["--profile", "default", "token"]).ok().stdout,
        admin_token
    );

    // A wrong secret in the environment is an error, never the stored admin's token.
    m.set("SVCACCT_CLIENT_SECRET", "sas_wrong-secret");
    let wrong = m.run(&["token"]);
    wrong.fails_with(4);
    assert!(
        !wrong.stdout.contains(admin_token.trim()),
        "{}",
        wrong.stdout
    );
    // A client id without a secret is named, not silently replaced by the stored profile.
    m.set("SVCACCT_CLIENT_SECRET", "");
    let half = m.run(&["token"]);
    half.fails_with(2)
        .one_line_error("SVCACCT_CLIENT_ID is set");
    assert!(half.stdout.is_empty());
}

/// `reset-secret --json --reapply-permissions` when the restore fails: the new secret (the old
/// one is dead) is still in the one JSON document, with `restore_error`, and works.
#[test]
fn a_reset_secret_is_delivered_even_when_restoring_permissions_fails() {
    let sb = Sandbox::start();
    let mut m = admin(&sb);
    for dest in ["stdout", "file"] {
        let created: Value = serde_json::from_str(
            &m.run(&[
                "sa",
                "create",
                "--name",
                "Fragile",
                "--email",
                &format!("fragile-{dest}@acme.example"),
                "--permission",
                "documents=read",
                "--json",
            ])
            .ok()
            .stdout,
        )
        .unwrap();
        let id = created["id"].to_string();
        // Leave exactly two requests in the company's budget: the view and the reset.
        let admin_token = m.run(&["token"]).ok().stdout.trim().to_string();
        let out = std::process::Command::new("curl")
            .args(["-s", "-D", "-", "-o", "/dev/null", "-H"])
            .arg(format!("Authorization: Bearer {admin_token}"))
            .arg(format!("{}/api/v1/me", sb.url()))
            .output()
            .unwrap();
        let headers = String::from_utf8_lossy(&out.stdout).to_lowercase();
        let header = |name: &str| -> u32 {
            headers
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap()
                .trim()
                .parse()
                .unwrap()
        };
        let used = header("ratelimit-limit:") - header("ratelimit-remaining:");
        sb.running().set_rate_limit(used + 2);
        m.set("SVCACCT_MAX_WAIT", "0");
        let file = m.home.path().join(format!("secret-{dest}.txt"));
        let file_arg = file.display().to_string();
        let mut args = vec![
            "reset-secret",
            &id,
            "--yes",
            "--json",
            "--reapply-permissions",
            "--company",
            "1",
        ];
        if dest == "file" {
            args.extend(["--secret-file", &file_arg]);
        }
        let run = m.run(&args);
        sb.running().set_rate_limit(1000);
        run.fails_with(7);
        let doc: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("one JSON document on stdout ({e}): {}", run.stdout));
        assert!(
            doc["restore_error"]
                .as_str()
                .is_some_and(|e| e.contains("restoring the permissions failed")),
            "{doc}"
        );
        assert!(doc.get("restored_permissions").is_none(), "{doc}");
        let secret = match dest {
            "stdout" => doc["client_secret"].as_str().unwrap().to_string(),
            _ => {
                assert_eq!(doc["secret_file"], file_arg);
                assert!(doc.get("client_secret").is_none(), "{doc}");
                assert_eq!(mode(&file), 0o600);
                read(&file).unwrap().trim().to_string()
            }
        };
        let minted =
            client_credentials_token(&sb, created["client_id"].as_str().unwrap(), &secret, &[]);
        assert!(
            minted.is_ok(),
            "the delivered secret is the live one: {minted:?}"
        );
        m.set("SVCACCT_MAX_WAIT", "60");
    }
    // When the restore works, the one document says what it restored.
    let created: Value = serde_json::from_str(
        &m.run(&[
            "sa",
            "create",
            "--name",
            "Sturdy",
            "--email",
            "sturdy@acme.example",
            "--permission",
            "documents=read",
            "--json",
        ])
        .ok()
        .stdout,
    )
    .unwrap();
    let id = created["id"].to_string();
    let run = m
        .run(&[
            "reset-secret",
            &id,
            "--yes",
            "--json",
            "--reapply-permissions",
        ])
        .ok();
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["restored_permissions"]["company"]["documents"], "read",
        "{doc}"
    );
    assert!(
        doc["client_secret"]
            .as_str()
            .is_some_and(|s| s.starts_with("sas_"))
    );
}

/// A symlink planted where the secret file goes is replaced, never followed: the victim file is
/// untouched and the secret lands in a new 0600 file. A dangling link counts as existing.
#[test]
fn secret_files_never_follow_planted_symlinks() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let victim = m.home.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    let target = m.home.path().join("secret.txt");
    std::os::unix::fs::symlink(&victim, &target).unwrap();
    let target_arg = target.display().to_string();
    let created = m.run(&[
        "sa",
        "create",
        "--name",
        "Linked",
        "--email",
        "linked@acme.example",
        "--secret-file",
        &target_arg,
        "--force",
    ]);
    created.ok();
    assert_eq!(
        read(&victim).unwrap(),
        "precious\n",
        "the link was followed"
    );
    assert_eq!(mode(&victim), 0o644);
    assert!(
        std::fs::symlink_metadata(&target)
            .unwrap()
            .file_type()
            .is_file()
    );
    assert_eq!(mode(&target), 0o600);
    assert!(read(&target).unwrap().starts_with("sas_"));

    // A dangling symlink without --force is an existing file: refused before anything is made.
    let dangling = m.home.path().join("dangling.txt");
    std::os::unix::fs::symlink(m.home.path().join("nowhere"), &dangling).unwrap();
    let dangling_arg = dangling.display().to_string();
    m.run(&[
        "sa",
        "create",
        "--name",
        "Dangling",
        "--email",
        "dangling@acme.example",
        "--secret-file",
        &dangling_arg,
    ])
    .fails_with(2)
    .one_line_error("already exists");
    assert!(!m.home.path().join("nowhere").exists());
}

/// Config, credential and lock directories are 0700, lock files 0600; a config directory that
/// others may write to is refused (exit 3) with the chmod that fixes it.
#[test]
fn private_directories_and_a_group_writable_config_dir_is_refused() {
    let sb = Sandbox::start_with(|c| c.token_ttl_secs = 6);
    let mut m = Machine::new();
    login_service_account(&m, &sb, &["--insecure-storage"]).ok();
    let dir = m.config_dir();
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("config.toml")), 0o600);
    assert_eq!(mode(&dir.join("credentials")), 0o700);
    assert_eq!(mode(&dir.join("credentials").join("default.json")), 0o600);
    // The lock is taken when a token is renewed: the 6 s token is past half its life by now.
    m.advance_clock(4);
    m.run(&["token"]).ok();
    let locks = dir.join("locks");
    assert_eq!(mode(&locks), 0o700);
    assert_eq!(mode(&locks.join("default.lock")), 0o600);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let refused = m.run(&["status"]);
    refused
        .fails_with(3)
        .one_line_error("writable by other users");
    assert!(refused.stderr.contains("chmod 700"), "{}", refused.stderr);
    assert!(refused.stdout.is_empty());
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    // (Offline: the 1 s token may have run out again on a loaded machine; the point is that
    // the config dir is accepted once private.)
    m.run(&["status", "--offline"]).ok();
}

/// Profile names become file names: a path is refused (exit 2) and nothing is written outside.
#[test]
fn profile_names_are_not_paths() {
    let sb = Sandbox::start();
    let m = Machine::new();
    let url = sb.url();
    for bad in ["../../escaped", "a/b", ".hidden", "x\\y"] {
        let run = m.run_with_stdin(
            &["--profile", bad, "login", "--api", &url, "--with-token"],
            "sbp_whatever\n",
        );
        run.fails_with(2);
        assert!(
            run.stderr.contains("invalid profile name"),
            "{}",
            run.stderr
        );
    }
    let mut env = Machine::new();
    env.set("SVCACCT_PROFILE", "../x");
    env.run(&["status"]).fails_with(2);
    assert!(!m.home.path().join("escaped").exists());
    assert!(!m.home.path().join(".config").join("escaped").exists());
    assert!(read(&m.config_path()).is_none());
}

/// Server strings with terminal escapes are shown escaped in human output (tables, view, status
/// lines, the reset warning) and exact in `--json`.
#[test]
fn server_strings_cannot_drive_the_terminal() {
    let sb = Sandbox::start();
    let m = admin(&sb);
    let name = "Evil\u{1b}[2J\u{1b}[H";
    let description = "rings\u{7} retitles\u{1b}]0;pwned\u{7} returns\rover";
    let created: Value = serde_json::from_str(
        &m.run(&[
            "sa",
            "create",
            "--name",
            name,
            "--email",
            "evil@acme.example",
            "--description",
            description,
            "--json",
        ])
        .ok()
        .stdout,
    )
    .unwrap();
    let id = created["id"].to_string();
    for args in [
        vec!["sa", "view", &id],
        vec!["sa", "list"],
        vec!["reset-secret", &id, "--yes"],
    ] {
        let run = m.run(&args).ok();
        let all = run.all();
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}') && !all.contains('\r'),
            "{args:?} printed raw control characters: {all:?}"
        );
        assert!(all.contains("Evil\\x1b[2J"), "{args:?}: {all}");
    }
    let view = m.run(&["sa", "view", &id]).ok().stdout;
    assert!(
        view.contains("\\x1b]0;pwned\\x07") && view.contains("returns\\x0dover"),
        "{view}"
    );
    let json: Value =
        serde_json::from_str(&m.run(&["sa", "view", &id, "--json"]).ok().stdout).unwrap();
    assert_eq!(json["name"], name, "--json stays exact");
    assert_eq!(json["description"], description);
}

/// `-vv` shows the token exchanges with every token redacted: the sign-in (code, verifier,
/// access and refresh tokens) and a refresh (the old and the new refresh token). The harness's
/// leak scan checks these runs against every token the sandbox issued.
#[test]
fn verbose_logs_of_sign_in_and_refresh_carry_no_token() {
    let sb = Sandbox::start_with(|c| c.token_ttl_secs = 6);
    let mut m = Machine::new();
    let login = login_browser(&mut m, &sb, "admin", &["-vv"]).ok();
    assert!(
        login.stderr.contains("refresh_token") && login.stderr.contains("[redacted]"),
        "the token response is logged, redacted: {}",
        login.stderr
    );
    m.advance_clock(4);
    let refresh = m.run(&["-vv", "token"]).ok();
    assert!(
        refresh.stderr.contains("grant_type=refresh_token"),
        "{}",
        refresh.stderr
    );
    assert_eq!(sb.token_requests("refresh_token"), 1);
    let issued = sb.running().issued_secrets().snapshot();
    assert!(
        issued.len() >= 4,
        "the scan knows the tokens: {}",
        issued.len()
    );
}

/// With a token from the environment, `tokens create --save` refuses (before creating anything)
/// instead of replacing the stored profile with another principal's token; and SVCACCT_TOKEN is
/// sent only to the API the environment names, never to a stored profile's.
#[test]
fn environment_tokens_never_touch_the_stored_profile() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    let config_before = read(&m.config_path()).unwrap();
    let mut owner = Machine::new();
    login_browser(&mut owner, &sb, "owner", &[]).ok();
    let owner_token = owner.run(&["token"]).ok().stdout.trim().to_string();
    m.set("SVCACCT_TOKEN", &owner_token);
    // No API named: refused, not sent to the admin profile's API.
    m.run(&["status"])
        .fails_with(2)
        .one_line_error("no API URL");
    m.set("SVCACCT_API_URL", sb.url());
    let run = m.run(&["tokens", "create", "--name", "sneaky", "--save"]);
    run.fails_with(2).one_line_error("--save");
    assert_eq!(
        read(&m.config_path()).unwrap(),
        config_before,
        "the stored profile changed"
    );
    let listed = owner.run(&["tokens", "list", "--json"]).ok().stdout;
    assert!(!listed.contains("sneaky"), "a token was created: {listed}");
}
