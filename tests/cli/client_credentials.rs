//! Client credentials: login, cached token, re-mint, status, logout, and the CI environment mode.

use std::time::Duration;

use crate::harness::*;

#[test]
fn login_token_status_logout_with_the_keychain() {
    let sb = Sandbox::start();
    let m = Machine::new();
    let sa = sb.bootstrap().service_account.clone();
    let login = login_service_account(&m, &sb, &[]).ok();
    assert!(
        login.stderr.contains("Logged in to") && login.stderr.contains("OS keychain"),
        "{}",
        login.stderr
    );
    assert_no_secret(&login.all(), &[&sa.client_secret]);

    // Nothing secret lands in the config file, and no credentials file is written.
    let config = read(&m.config_path()).expect("config written");
    assert!(
        config.contains("auth = \"client_credentials\"") && config.contains(&sa.client_id),
        "{config}"
    );
    assert_no_secret(&config, &[&sa.client_secret, "sba_"]);
    assert!(!m.config_dir().join("credentials").exists());

    let first = m.run(&["token"]).ok();
    let token = first.stdout.trim().to_string();
    assert!(token.starts_with("sba_"), "{}", first.stdout);
    assert_eq!(
        first.stdout,
        format!("{token}\n"),
        "token prints the token and nothing else"
    );
    assert_eq!(first.stderr, "");
    // Cached: a second call makes no token request.
    let minted = sb.token_requests("client_credentials");
    assert_eq!(m.run(&["token"]).ok().stdout.trim(), token);
    assert_eq!(sb.token_requests("client_credentials"), minted);

    let status = m.run(&["status"]).ok();
    assert!(
        status.stdout.contains("Profile:      default"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("Demo integration"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("Credentials:  OS keychain"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("valid, expires in"),
        "{}",
        status.stdout
    );
    assert_no_secret(&status.all(), &[&token, &sa.client_secret]);

    let json = m.run(&["status", "--json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("status --json is JSON");
    assert_eq!(v["user"]["name"], "Demo integration");
    assert_eq!(v["auth"], "client credentials (service account)");
    assert!(v["token_expires_in"].as_i64().unwrap() > 3500);

    let logout = m.run(&["logout"]).ok();
    assert!(
        logout.stderr.contains("revoked at the server"),
        "{}",
        logout.stderr
    );
    m.run(&["token"])
        .fails_with(4)
        .one_line_error("not logged in");
    // The revoked token no longer works at the server.
    let mut other = Machine::new();
    other
        .set("SVCACCT_TOKEN", &token)
        .set("SVCACCT_API_URL", sb.url());
    other
        .run(&["status"])
        .fails_with(4)
        .one_line_error("revoked");
}

#[test]
fn client_secret_post_and_basic_are_both_used_as_asked() {
    let sb = Sandbox::start();
    let sa = sb.bootstrap().service_account.clone();
    for (method, evidence) in [
        ("post", "client_secret=[redacted]"),
        ("basic", "authorization: Basic [redacted]"),
    ] {
        let m = Machine::new();
        let run = login_service_account(&m, &sb, &["--auth-method", method, "-vv"]).ok();
        assert!(run.stderr.contains(evidence), "{method}: {}", run.stderr);
        assert_no_secret(&run.all(), &[&sa.client_secret]);
        let config = read(&m.config_path()).unwrap();
        assert!(
            config.contains(&format!("client_auth_method = \"client_secret_{method}\"")),
            "{config}"
        );
        assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
    }
}

#[test]
fn secret_from_environment_variable() {
    let sb = Sandbox::start();
    let sa = sb.bootstrap().service_account.clone();
    let mut m = Machine::new();
    m.set("SVCACCT_CLIENT_SECRET", &sa.client_secret);
    let url = sb.url();
    m.run(&[
        "login",
        "--api",
        &url,
        "--client-credentials",
        "--client-id",
        &sa.client_id,
    ])
    .ok();
    m.set("SVCACCT_CLIENT_SECRET", "");
    assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
}

#[test]
fn expired_token_is_reminted() {
    // 6 s tokens: the login checks its own token at once; the CLI renews at half the lifetime.
    let sb = Sandbox::start_with(|c| c.token_ttl_secs = 6);
    let mut m = Machine::new();
    login_service_account(&m, &sb, &[]).ok();
    assert_eq!(sb.token_requests("client_credentials"), 1);
    m.advance_clock(4); // past half the token's life, without waiting
    sb.running().set_token_ttl(3600);
    let first = m.run(&["token"]).ok().stdout;
    assert_eq!(
        sb.token_requests("client_credentials"),
        2,
        "the expired login token is replaced"
    );
    let second = m.run(&["token"]).ok().stdout;
    assert_eq!(first, second);
    assert_eq!(
        sb.token_requests("client_credentials"),
        2,
        "the new token is cached"
    );
}

#[test]
fn wrong_secret_and_unknown_client_are_clear_and_save_nothing() {
    let sb = Sandbox::start();
    let m = Machine::new();
    let url = sb.url();
    let sa = sb.bootstrap().service_account.clone();
    let wrong = m.run_with_stdin(
        &[
            "login",
            "--api",
            &url,
            "--client-credentials",
            "--client-id",
            &sa.client_id,
            "--client-secret-stdin",
        ],
        "sas_not-the-secret\n",
    );
    wrong.fails_with(4).one_line_error("wrong client secret");
    assert!(
        read(&m.config_path()).is_none(),
        "nothing saved after a failed login"
    );

    let unknown = m.run_with_stdin(
        &[
            "login",
            "--api",
            &url,
            "--client-credentials",
            "--client-id",
            "sa_nobody",
            "--client-secret-stdin",
        ],
        "whatever\n",
    );
    unknown
        .fails_with(4)
        .one_line_error("unknown client_id 'sa_nobody'");

    // No terminal, no env, no stdin flag: refuse instead of hanging.
    let no_secret = m.run(&[
        "login",
        "--api",
        &url,
        "--client-credentials",
        "--client-id",
        &sa.client_id,
    ]);
    no_secret
        .fails_with(2)
        .one_line_error("--client-secret-stdin");
    assert!(read(&m.config_path()).is_none());
}

#[test]
fn ci_mode_from_the_environment_without_keychain_or_state() {
    let sb = Sandbox::start();
    let sa = sb.bootstrap().service_account.clone();
    let mut m = Machine::new();
    m.keychain_gone();
    m.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &sa.client_id)
        .set("SVCACCT_CLIENT_SECRET", &sa.client_secret);
    m.set("CI", "true");
    let run = m.run(&["token"]).ok();
    let token = run.stdout.trim().to_string();
    assert!(token.starts_with("sba_"));
    assert_eq!(run.stderr, "");
    assert!(read(&m.config_path()).is_none(), "CI mode writes no state");

    let status = m.run(&["status"]).ok();
    assert!(
        status
            .stdout
            .contains("environment variables SVCACCT_CLIENT_ID"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("Demo integration"),
        "{}",
        status.stdout
    );

    // SVCACCT_TOKEN overrides everything, with no network at all.
    m.set("SVCACCT_TOKEN", "sbx-from-env")
        .set("SVCACCT_API_URL", "http://127.0.0.1:1");
    assert_eq!(m.run(&["token"]).ok().stdout, "sbx-from-env\n");
}

#[test]
fn no_keychain_is_an_error_naming_the_alternatives_then_insecure_storage_works() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    m.keychain_gone();
    let run = login_service_account(&m, &sb, &[]);
    run.fails_with(3).one_line_error("no OS keychain");
    assert!(
        run.stderr.contains("--insecure-storage") && run.stderr.contains("SVCACCT_TOKEN"),
        "{}",
        run.stderr
    );
    assert!(read(&m.config_path()).is_none(), "no half-written profile");

    let run = login_service_account(&m, &sb, &["--insecure-storage"]).ok();
    assert!(run.stderr.contains("plaintext"), "{}", run.stderr);
    let file = m.config_dir().join("credentials").join("default.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file)
            .expect("credentials file")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
    let status = m.run(&["status"]).ok();
    assert!(
        status.stdout.contains("INSECURE plaintext file"),
        "{}",
        status.stdout
    );
    assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
    m.run(&["logout"]).ok();
    assert!(!file.exists(), "logout deletes the file");
}

/// A keychain that never answers (a D-Bus socket that accepts and stays silent, like a locked
/// keyring waiting for a prompt nobody sees) must not hang the CLI: each call gives up after 3 s.
#[test]
fn a_silent_keychain_does_not_hang_the_cli() {
    let sb = Sandbox::start();
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let held = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = held.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            keep.lock().unwrap().push(conn); // accept, never answer
        }
    });
    let mut m = Machine::new();
    m.set(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", socket.display()),
    );
    let started = std::time::Instant::now();
    let run = login_service_account(&m, &sb, &[]);
    run.fails_with(3).one_line_error("did not answer");
    assert!(run.stderr.contains("--insecure-storage"), "{}", run.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "bounded: {:?}",
        started.elapsed()
    );
    assert!(read(&m.config_path()).is_none(), "nothing saved");
    drop(held);
}

/// SVCACCT_TOKEN > environment client credentials > a stored profile, unless --profile names one
/// (hardening.rs tests the wrong-secret and status cases).
#[test]
fn environment_client_credentials_win_unless_a_profile_is_named() {
    let sb = Sandbox::start();
    let sa = sb.bootstrap().service_account.clone();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    m.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &sa.client_id)
        .set("SVCACCT_CLIENT_SECRET", &sa.client_secret);
    let ci = m.run(&["status"]).ok();
    assert!(
        ci.stdout.contains("Demo integration") && ci.stdout.contains("(environment)"),
        "{}",
        ci.stdout
    );
    let stored = m.run(&["--profile", "default", "status"]).ok();
    assert!(
        stored.stdout.contains("admin (Adam Admin")
            && stored.stdout.contains("Profile:      default"),
        "{}",
        stored.stdout
    );
}

/// Issue 18, item 4: where credentials will be kept is checked before a sign-in starts — no
/// keychain means no token request at all (the tokens of a finished sign-in were lost before).
#[test]
fn no_keychain_is_found_before_the_sign_in() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    m.keychain_gone();
    let before = sb.token_requests("client_credentials");
    login_service_account(&m, &sb, &[])
        .fails_with(3)
        .one_line_error("no OS keychain");
    assert_eq!(
        sb.token_requests("client_credentials"),
        before,
        "no sign-in was started"
    );
}

/// Issue 18, items 1 and 2: `--save` keeps a new secret where the signed-in profile keeps its
/// own — a profile signed in with --insecure-storage chose the file — and says so.
#[test]
fn save_follows_the_profiles_storage() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    m.keychain_gone();
    login_browser(&mut m, &sb, "owner", &["--insecure-storage"]).ok();
    let created = m
        .run(&[
            "sa",
            "create",
            "--name",
            "ERP",
            "--email",
            "erp@acme.example",
            "--json",
        ])
        .ok();
    let id = serde_json::from_str::<serde_json::Value>(&created.stdout).unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let reset = m.run(&["reset-secret", &id, "--yes", "--save"]).ok();
    assert!(reset.stderr.contains("plaintext file"), "{}", reset.stderr);
    assert!(!reset.stderr.contains("OS keychain"), "{}", reset.stderr);
    let saved = m.config_dir().join(format!("credentials/sa-{id}.json"));
    assert!(saved.exists(), "{}", saved.display());
    let token = m
        .run(&["--profile", &format!("sa-{id}"), "token"])
        .ok()
        .stdout;
    assert!(!token.trim().is_empty());
    let pat = m
        .run(&["tokens", "create", "--name", "laptop", "--save"])
        .ok();
    assert!(pat.stderr.contains("plaintext file"), "{}", pat.stderr);
    assert!(!pat.stderr.contains("OS keychain"), "{}", pat.stderr);
    assert!(m.config_dir().join("credentials/default.json").exists());
}

/// Issue 18, item 3: `status` with environment credentials shows the token's expiry, as
/// `token --format json` does.
#[test]
fn status_with_environment_credentials_shows_the_expiry() {
    let sb = Sandbox::start();
    let sa = &sb.bootstrap().service_account;
    let mut ci = Machine::new();
    ci.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &sa.client_id)
        .set("SVCACCT_CLIENT_SECRET", &sa.client_secret);
    let status = ci.run(&["status"]).ok();
    assert!(status.stdout.contains("expires in"), "{}", status.stdout);
    assert!(
        !status.stdout.contains("no expiry given"),
        "{}",
        status.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&ci.run(&["status", "--json"]).ok().stdout).unwrap();
    assert!(json["token_expires_at"].is_i64(), "{json}");
}

/// Issue 18, item 7: the access token is also kept in the kernel keyring (the fast tier, per
/// user, never on disk, timed out with the token), so `svcacct token` needs no Secret Service
/// round trip while it is fresh: with the Secret Service gone, the cached token still comes.
/// Logout forgets it there too.
#[test]
fn the_fast_tier_serves_a_fresh_token_without_the_secret_service() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_service_account(&m, &sb, &[]).ok();
    let token = m.run(&["token"]).ok().stdout;
    m.keychain_gone();
    assert_eq!(
        m.run(&["token"]).ok().stdout,
        token,
        "served by the fast tier"
    );
    m.keychain_back();
    m.run(&["logout"]).ok();
    m.keychain_gone();
    m.run(&["token"]).fails_with(4);
}

/// Environment tokens are cached in the login session's runtime directory when it has one
/// (memory, this user's alone): no Secret Service round trip on each mint, and the cache keeps
/// working when the keychain goes away.
#[test]
fn environment_tokens_are_cached_in_the_session_runtime_directory() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::start();
    let sa = sb.bootstrap().service_account.clone();
    let mut ci = Machine::new();
    let runtime = ci.home.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    ci.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &sa.client_id)
        .set("SVCACCT_CLIENT_SECRET", &sa.client_secret)
        .set("SVCACCT_TEST_NO_KEYCTL", "1")
        .set("XDG_RUNTIME_DIR", runtime.to_str().unwrap());
    let before = sb.token_requests("client_credentials");
    let token = ci.run(&["token"]).ok().stdout;
    assert_eq!(ci.run(&["token"]).ok().stdout, token);
    let files: Vec<_> = std::fs::read_dir(runtime.join("svcacct/tokens"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(
        std::fs::read_to_string(&files[0])
            .unwrap()
            .contains(token.trim())
    );
    // The keychain was never the cache: without it, the same token, silently, no new request.
    ci.keychain_gone();
    let run = ci.run(&["token"]).ok();
    assert_eq!(run.stdout, token);
    assert_eq!(run.stderr, "");
    assert_eq!(sb.token_requests("client_credentials") - before, 1);
    assert_no_secret(
        &std::fs::read_to_string(&files[0]).unwrap(),
        &[&sa.client_secret],
    );
}
