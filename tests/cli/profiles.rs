//! Profiles, personal access tokens, endpoint overrides, expiry and quiet broken pipes.

use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness::*;

#[test]
fn two_profiles_side_by_side() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_service_account(&m, &sb, &["--profile", "ci"]).ok();
    login_browser(&mut m, &sb, "viewer", &[]).ok();
    let default = m.run(&["status"]).ok();
    assert!(
        default.stdout.contains("Profile:      default")
            && default.stdout.contains("viewer (Vera Viewer"),
        "{}",
        default.stdout
    );
    m.set("SVCACCT_PROFILE", "ci");
    let ci = m.run(&["status"]).ok();
    assert!(
        ci.stdout.contains("Profile:      ci") && ci.stdout.contains("Demo integration"),
        "{}",
        ci.stdout
    );
    assert_ne!(
        m.run(&["token"]).ok().stdout,
        m.run(&["--profile", "default", "token"]).ok().stdout
    );
    m.run(&["logout"]).ok();
    m.run(&["status"]).fails_with(4);
    assert!(
        m.run(&["--profile", "default", "status"])
            .ok()
            .stdout
            .contains("viewer"),
        "the other profile is untouched"
    );
}

#[test]
fn status_output() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    let status = m.run(&["status"]).ok();
    insta::with_settings!({filters => vec![
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]"),
        (r"expires in \d+h \d+m \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)", "expires in [DURATION] ([TIME])"),
        (r"expires in \d+m \d+s \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)", "expires in [DURATION] ([TIME])"),
    ]}, {
        insta::assert_snapshot!(status.stdout);
    });
}

#[test]
fn personal_access_token_from_stdin() {
    let sb = Sandbox::start();
    let source = Machine::new();
    login_service_account(&source, &sb, &[]).ok();
    let token = source.run(&["token"]).ok().stdout;

    let m = Machine::new();
    let url = sb.url();
    let run = m
        .run_with_stdin(&["login", "--api", &url, "--with-token"], &token)
        .ok();
    assert!(run.stderr.contains("as sa_"), "{}", run.stderr);
    assert_no_secret(&run.all(), &[token.trim()]);
    assert_eq!(m.run(&["token"]).ok().stdout, token);
    let status = m.run(&["status"]).ok();
    assert!(
        status.stdout.contains("personal access token")
            && status.stdout.contains("no expiry given"),
        "{}",
        status.stdout
    );
    let logout = m.run(&["logout"]).ok();
    assert!(
        logout.stderr.contains("stays valid"),
        "logout says the PAT itself is not revoked: {}",
        logout.stderr
    );

    let rejected = m.run_with_stdin(
        &["login", "--api", &url, "--with-token"],
        "sbp_not-a-real-token\n",
    );
    rejected
        .fails_with(4)
        .one_line_error("rejected the new credentials");
    assert!(
        read(&m.config_path()).is_none_or(|c| !c.contains("personal_access_token")),
        "nothing saved"
    );
    m.run_with_stdin(&["login", "--api", &url, "--with-token"], "")
        .fails_with(2)
        .one_line_error("no personal access token on stdin");
}

#[test]
fn expired_access_token_is_refused_with_exit_4() {
    let sb = Sandbox::start();
    // A 1 s token straight from the token endpoint (a login would check its own token first,
    // which a loaded machine may not do within the second).
    sb.running().set_token_ttl(1);
    let sa = sb.bootstrap().service_account.clone();
    let token = client_credentials_token(&sb, &sa.client_id, &sa.client_secret, &[]).unwrap();
    sb.running().advance_clock(2);
    let mut other = Machine::new();
    other
        .set("SVCACCT_TOKEN", token.trim())
        .set("SVCACCT_API_URL", sb.url());
    other
        .run(&["status"])
        .fails_with(4)
        .one_line_error("expired");
}

#[test]
fn provider_without_metadata_needs_token_url() {
    let sb = Sandbox::start();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let bare = rt.block_on(MockServer::start());
    rt.block_on(
        Mock::given(path("/.well-known/oauth-authorization-server"))
            .respond_with(ResponseTemplate::new(404))
            .mount(&bare),
    );
    let sa = sb.bootstrap().service_account.clone();
    let api = bare.uri();
    let m = Machine::new();
    let base = [
        "login",
        "--api",
        &api,
        "--client-credentials",
        "--client-id",
        &sa.client_id,
        "--client-secret-stdin",
    ];
    m.run_with_stdin(&base, &sa.client_secret)
        .fails_with(2)
        .one_line_error("publishes no OAuth metadata");
    let token_url = format!("{}/oauth/token", sb.url());
    let mut with_url = base.to_vec();
    with_url.extend(["--token-url", &token_url]);
    m.run_with_stdin(&with_url, &sa.client_secret).ok();
    let config = read(&m.config_path()).unwrap();
    assert!(
        config.contains(&format!("token_endpoint = \"{token_url}\"")),
        "{config}"
    );
    assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
}

#[test]
fn closed_stdout_exits_quietly() {
    let m = Machine::new();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = m
        .command(&["help", "exit-codes"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no broken-pipe message"
    );
}

/// With the server gone: a cached token still prints (no network), `status --offline` works,
/// and logout deletes nothing unless --force (revocation could not happen).
#[test]
fn server_down_loses_nothing() {
    let sb = Sandbox::start();
    let m = Machine::new();
    login_service_account(&m, &sb, &["--insecure-storage"]).ok();
    let token = m.run(&["token"]).ok().stdout;
    drop(sb); // the server stops
    assert_eq!(
        m.run(&["token"]).ok().stdout,
        token,
        "cached: no network needed"
    );
    let offline = m.run(&["status", "--offline"]).ok();
    assert!(
        offline.stdout.contains("(not checked with the server)")
            && offline.stdout.contains("valid, expires in"),
        "{}",
        offline.stdout
    );
    m.run(&["status"])
        .fails_with(8)
        .one_line_error("could not connect");
    let creds = m.config_dir().join("credentials/default.json");
    let refused = m.run(&["logout"]);
    refused.fails_with(8).one_line_error("nothing was deleted");
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert!(creds.exists(), "credentials kept");
    assert_eq!(m.run(&["token"]).ok().stdout, token, "still logged in");
    let forced = m.run(&["logout", "--force"]).ok();
    assert!(
        forced.stderr.contains("could not revoke at the server"),
        "{}",
        forced.stderr
    );
    assert!(!creds.exists());
    m.run(&["token"]).fails_with(4);
}

/// A profile saved again for another API URL (here the same server as `localhost`) keeps its
/// secret where the new one was just written: the one profile writer deletes the old item only
/// when the secret moved somewhere else (an outside review found it deleting the file it had
/// just written — a reset secret lost for good).
#[test]
fn saving_a_profile_for_another_api_url_keeps_the_new_secret() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "owner", &["--insecure-storage"]).ok();
    let created = m
        .run(&[
            "sa",
            "create",
            "--name",
            "Save test",
            "--email",
            "save@acme.example",
            "--save",
        ])
        .ok();
    let id = created
        .stderr
        .split("service account ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap()
        .to_string();
    let profile = format!("sa-{id}");
    assert!(
        m.run(&["--profile", &profile, "token"])
            .ok()
            .stdout
            .starts_with("sba_")
    );
    // The same sandbox by another name: a profile of another API URL, same file.
    let other_url = sb.url().replace("127.0.0.1", "localhost");
    let sa = sb.bootstrap().user("owner").clone();
    login_browser_at(
        &mut m,
        &other_url,
        &sa.login,
        &sa.password,
        &["--profile", "other", "--insecure-storage"],
    )
    .ok();
    let reset = m
        .run(&["--profile", "other", "reset-secret", &id, "--save", "--yes"])
        .ok();
    assert!(reset.stderr.contains("saved"), "{}", reset.stderr);
    let file = m.config_dir().join(format!("credentials/{profile}.json"));
    assert!(file.exists(), "the new secret's file is still there");
    let token = m.run(&["--profile", &profile, "token"]).ok();
    assert!(token.stdout.starts_with("sba_"), "{}", token.stderr);
    // And a sign-in again at another URL form keeps its own file too.
    login_service_account(&m, &sb, &["--insecure-storage"]).ok();
    let sa = sb.bootstrap().service_account.clone();
    let relogin = m.run_with_stdin(
        &[
            "login",
            "--api",
            &other_url,
            "--client-credentials",
            "--client-id",
            &sa.client_id,
            "--client-secret-stdin",
            "--insecure-storage",
        ],
        &sa.client_secret,
    );
    relogin.ok();
    assert!(m.config_dir().join("credentials/default.json").exists());
    assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
}
