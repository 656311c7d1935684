//! git's credential helper with the real git, 2.39 (Basic, user `svcacct`) and 2.47 (Bearer
//! through `capability[]=authtype`): clone and push over http://127.0.0.1 to `git http-backend`
//! behind a token check (tests/cli/git_server.py), configured with the line from
//! docs/credential-helpers.md. Other hosts — the same address on another port too — get no
//! answer, no output and no request; a revoked token is erased and replaced (issue 17).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::*;

const GIT_2_39: &str = "/usr/bin/git";
const GIT_2_47: &str = "/usr/local/bin/git";

/// The `git config … credential.helper …` line of docs/credential-helpers.md.
fn documented_helper_line() -> String {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/credential-helpers.md"),
    )
    .unwrap();
    doc.lines()
        .find(|l| l.starts_with("git config") && l.contains("credential.helper"))
        .expect("the git section's config line")
        .to_string()
}

struct GitServer {
    server: ScriptServer,
    url: String,
    dir: tempfile::TempDir,
}

impl GitServer {
    /// A bare repository `repo.git` with one commit on main, served with pushes allowed.
    fn start(sandbox: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str], cwd: &Path| {
            let out = Command::new(GIT_2_47)
                .args([
                    "-c",
                    "user.name=Seed",
                    "-c",
                    "user.email=seed@example.com",
                    "-c",
                    "init.defaultBranch=main",
                ])
                .args(args)
                .current_dir(cwd)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("HOME", dir.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}: {out:?}");
        };
        let root = dir.path().join("srv");
        std::fs::create_dir(&root).unwrap();
        git(&["init", "--bare", "repo.git"], &root);
        git(
            &["config", "http.receivepack", "true"],
            &root.join("repo.git"),
        );
        let seed = dir.path().join("seed");
        std::fs::create_dir(&seed).unwrap();
        git(&["init"], &seed);
        std::fs::write(seed.join("README"), "site plans\n").unwrap();
        git(&["add", "README"], &seed);
        git(&["commit", "-m", "first"], &seed);
        let bare = root.join("repo.git");
        git(&["push", bare.to_str().unwrap(), "main"], &seed);
        let server = ScriptServer::start(
            "git_server.py",
            &[root.as_os_str(), sandbox.as_ref()],
            dir.path().join("requests.jsonl"),
        );
        GitServer {
            url: server.url.clone(),
            server,
            dir,
        }
    }

    /// Each request: (scheme, token, status).
    fn seen(&self) -> Vec<(String, String, u16)> {
        self.server
            .requests()
            .iter()
            .map(|v| {
                (
                    v["scheme"].as_str().unwrap().to_string(),
                    v["token"].as_str().unwrap().to_string(),
                    v["status"].as_u64().unwrap() as u16,
                )
            })
            .collect()
    }
}

/// A machine with svcacct on PATH (as the docs assume) and git's helper configured with the
/// documented line.
fn machine_with_helper() -> Machine {
    let mut m = Machine::new();
    m.set(
        "PATH",
        format!(
            "{}:{}",
            bin_dir().display(),
            std::env::var("PATH").unwrap_or_default()
        ),
    )
    .set("GIT_TERMINAL_PROMPT", "0")
    .set("GIT_CONFIG_NOSYSTEM", "1")
    .set("GIT_AUTHOR_NAME", "ERP sync")
    .set("GIT_AUTHOR_EMAIL", "erp@example.com")
    .set("GIT_COMMITTER_NAME", "ERP sync")
    .set("GIT_COMMITTER_EMAIL", "erp@example.com");
    let out = m
        .command_for("sh")
        .args(["-c", &documented_helper_line()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    m
}

/// Sign in as the sandbox's service account with `api` (the git server, which passes API
/// calls on to the sandbox) as the profile's API URL.
fn login_at(m: &Machine, sb: &Sandbox, api: &str) {
    let sa = &sb.bootstrap().service_account;
    m.run_with_stdin(
        &[
            "login",
            "--api",
            api,
            "--client-credentials",
            "--client-id",
            &sa.client_id,
            "--client-secret-stdin",
        ],
        &format!("{}\n", sa.client_secret),
    )
    .ok();
}

fn run_git(m: &Machine, git: &str, args: &[&str], cwd: &Path) -> (bool, String) {
    let child = m
        .command_for(git)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_bounded(child, Duration::from_secs(60));
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn clone_and_push_with_git_2_39_and_2_47() {
    let sb = Sandbox::start();
    let server = GitServer::start(&sb.url());
    let m = machine_with_helper();
    login_at(&m, &sb, &server.url);
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    let before = sb.token_requests("client_credentials");
    for (git, version, scheme) in [(GIT_2_39, "2.39", "basic"), (GIT_2_47, "2.47", "bearer")] {
        let v = Command::new(git).arg("--version").output().unwrap();
        assert!(
            String::from_utf8_lossy(&v.stdout).contains(version),
            "{git} is git {version}: {v:?}"
        );
        let work = server.dir.path().join(format!("work-{version}"));
        let (ok, out) = run_git(
            &m,
            git,
            &[
                "clone",
                &format!("{}/repo.git", server.url),
                work.to_str().unwrap(),
            ],
            server.dir.path(),
        );
        assert!(ok, "git {version} clone: {out}");
        assert!(work.join("README").exists());
        std::fs::write(work.join(format!("plan-{version}.txt")), "level 2\n").unwrap();
        assert!(run_git(&m, git, &["add", "."], &work).0);
        assert!(run_git(&m, git, &["commit", "-m", "plan"], &work).0);
        let (ok, out) = run_git(&m, git, &["push", "origin", "main"], &work);
        assert!(ok, "git {version} push: {out}");
        assert!(!out.contains(&token), "{out}");
        let seen = server.seen();
        let authed: Vec<_> = seen.iter().filter(|(_, _, s)| *s == 200).collect();
        assert!(!authed.is_empty());
        let last = authed.last().unwrap();
        assert_eq!(last.0, scheme, "git {version} sends the token as {scheme}");
        assert_eq!(last.1, token);
        std::fs::remove_file(&server.server.log).unwrap();
    }
    assert_eq!(
        sb.token_requests("client_credentials"),
        before,
        "the cached token served both gits"
    );
}

#[test]
fn other_hosts_get_nothing_and_revoked_tokens_are_erased() {
    let sb = Sandbox::start();
    let server = GitServer::start(&sb.url());
    let m = machine_with_helper();
    login_at(&m, &sb, &server.url);
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    let before = sb.token_requests("client_credentials");
    let host = server.url.trim_start_matches("http://").to_string();
    let (addr, port) = host.rsplit_once(':').unwrap();
    let other_port = if port == "1" { "2" } else { "1" };
    for git in [GIT_2_39, GIT_2_47] {
        // Another host, the same address on another port, another protocol: nothing at all.
        for request in [
            "protocol=https\nhost=github.com\n\n".to_string(),
            format!("protocol=http\nhost={addr}:{other_port}\n\n"),
            format!("protocol=https\nhost={host}\n\n"),
            format!("protocol=http\nhost={addr}\n\n"),
        ] {
            let (code, out, err) = fill(&m, git, &[], &request);
            assert_ne!(code, Some(0), "{request}: {out}");
            assert!(!out.contains(&token) && !err.contains(&token), "{request}");
            assert!(
                !err.contains("svcacct") && !err.contains("error:"),
                "{request}: {err}"
            );
        }
        // Our host: the token.
        let (code, out, _) = fill(&m, git, &[], &format!("protocol=http\nhost={host}\n\n"));
        assert_eq!(code, Some(0));
        assert!(out.contains(&token), "{out}");
    }
    assert_eq!(sb.token_requests("client_credentials"), before);

    // Signed out: still nothing for another host — and no `not logged in` on git's stderr.
    let stranger = machine_with_helper();
    let (_, out, err) = fill(
        &stranger,
        GIT_2_47,
        &[],
        "protocol=https\nhost=github.com\n\n",
    );
    assert!(out.is_empty() || !out.contains("password="), "{out}");
    assert!(
        !err.contains("not logged in") && !err.contains("svcacct"),
        "{err}"
    );

    // Revoked at the server before it expired: git's clone is refused, git tells the helper
    // to erase, and the next clone gets (and the server takes) a new token.
    revoke_as_demo_service_account(&sb, &token);
    let repo = format!("{}/repo.git", server.url);
    let (ok, out) = run_git(&m, GIT_2_47, &["clone", &repo, "a"], server.dir.path());
    assert!(!ok, "the revoked token is refused: {out}");
    let (ok, out) = run_git(&m, GIT_2_47, &["clone", &repo, "b"], server.dir.path());
    assert!(ok, "after erase, a new token: {out}");
    let fresh = m.run(&["token"]).ok().stdout.trim().to_string();
    assert_ne!(fresh, token);
    assert_eq!(sb.token_requests("client_credentials") - before, 1);
}

/// A token endpoint that answers with a newline in the token (it would inject `host=` into
/// git's answer) is refused where the answer arrives: exit 8, naming the server.
#[test]
fn a_token_with_control_characters_is_refused() {
    use crate::doubles::Double;
    use std::sync::Arc;
    let double = Double::start(Arc::new(|seen: &crate::doubles::Seen| {
        let body = if seen.path == "/oauth/token" {
            serde_json::json!({"access_token": "sba_x\nhost=evil.example", "token_type": "Bearer", "expires_in": 3600})
        } else {
            serde_json::json!({"error": "not_found"})
        };
        let status = if seen.path == "/oauth/token" {
            200
        } else {
            404
        };
        (
            status,
            vec![("content-type".into(), "application/json".into())],
            body.to_string(),
        )
    }));
    let mut ci = Machine::new();
    ci.set("SVCACCT_API_URL", double.url())
        .set("SVCACCT_TOKEN_URL", format!("{}/oauth/token", double.url()))
        .set("SVCACCT_CLIENT_ID", "erp")
        .set("SVCACCT_CLIENT_SECRET", "not-a-real-secret");
    let run = ci.run(&["token"]);
    run.fails_with(8).one_line_error("visible ASCII");
    assert!(run.stderr.contains(&double.url()), "{}", run.stderr);
    assert!(!run.stdout.contains("evil.example"));
}
