//! The `svcacct-sandbox serve` binary: first line on stdout, one server per data directory,
//! state that survives a restart, and a private bootstrap.json.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &std::path::Path) -> Server {
    serve_with(dir, &[])
}

fn serve_with(dir: &std::path::Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_svcacct-sandbox"))
        .args(["serve", "--listen", "127.0.0.1:0", "--quiet", "--data"])
        .arg(dir)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sandbox starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line was {first:?}"))
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    Server { child, url }
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn bootstrap(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("bootstrap.json")).unwrap()).unwrap()
}

#[test]
fn one_server_per_directory_and_state_survives_restart() {
    let dir = tempfile::tempdir().unwrap();
    let first = serve(dir.path());
    let seeded = bootstrap(dir.path());
    assert_eq!(seeded["base_url"], first.url.as_str());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("bootstrap.json"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "bootstrap.json holds passwords");
        let key = std::fs::metadata(dir.path().join("webhook.key")).unwrap();
        assert_eq!(
            key.permissions().mode() & 0o777,
            0o600,
            "the key sealing webhook secrets is private"
        );
        assert_eq!(key.len(), 32);
    }

    // A second server on the same directory is refused with a clear error.
    let second = Command::new(env!("CARGO_BIN_EXE_svcacct-sandbox"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!second.status.success());
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("in use by another svcacct-sandbox"), "{err}");

    // Graceful stop on SIGTERM, then a restart keeps the users and secrets (new port).
    let mut first = first;
    Command::new("kill")
        .args(["-TERM", &first.child.id().to_string()])
        .status()
        .unwrap();
    assert!(wait_exit(&mut first.child).success());
    let again = serve(dir.path());
    let reloaded = bootstrap(dir.path());
    assert_eq!(reloaded["base_url"], again.url.as_str());
    assert_eq!(
        reloaded["users"], seeded["users"],
        "the same users and passwords"
    );
    assert_eq!(reloaded["service_account"], seeded["service_account"]);
    assert_eq!(
        reloaded["apps"], seeded["apps"],
        "the marketplace apps' credentials too"
    );
}

#[test]
fn bad_flags_are_explained() {
    let out = Command::new(env!("CARGO_BIN_EXE_svcacct-sandbox"))
        .args(["serve", "--data", "/tmp/x", "--rate-limit", "lots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use N/min"));
}

/// A data directory made with a loose umask (or by an older sandbox) is made private on start:
/// the directory 0700 and the sandbox's files (database, WAL, lock, keys) 0600; files that are
/// not the sandbox's are left alone.
#[cfg(unix)]
#[test]
fn the_data_directory_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    std::fs::set_permissions(
        dir.join("notes.txt"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let server = serve(&dir);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "notes.txt" {
            assert_eq!(mode(&path), 0o644, "not the sandbox's file");
        } else {
            assert_eq!(mode(&path), 0o600, "{name}");
            seen.push(name);
        }
    }
    seen.sort();
    for name in [
        "bootstrap.json",
        "sandbox.lock",
        "sandbox.sqlite3",
        "webhook.key",
    ] {
        assert!(seen.iter().any(|s| s == name), "{name} in {seen:?}");
    }
    drop(server);
}

/// `--explore` (issue 20): trying things by hand does not run into the platform's 30 requests a
/// minute — 40 calls in a row all answer.
#[test]
fn explore_raises_the_rate_limit() {
    let curl = |args: &[&str]| -> (u16, String) {
        let out = Command::new("curl")
            .args(["-s", "-w", "\n%{http_code}"])
            .args(args)
            .output()
            .expect("curl runs");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
        (code.trim().parse().unwrap_or(0), body.to_string())
    };
    for (extra, all_answer) in [(&["--explore"][..], true), (&[][..], false)] {
        let dir = tempfile::tempdir().unwrap();
        let server = serve_with(dir.path(), extra);
        let sa = &bootstrap(dir.path())["service_account"];
        let (status, body) = curl(&[
            "-u",
            &format!(
                "{}:{}",
                sa["client_id"].as_str().unwrap(),
                sa["client_secret"].as_str().unwrap()
            ),
            "-d",
            "grant_type=client_credentials",
            &format!("{}/oauth/token", server.url),
        ]);
        assert_eq!(status, 200, "{body}");
        let token: serde_json::Value = serde_json::from_str(&body).unwrap();
        let auth = format!(
            "Authorization: Bearer {}",
            token["access_token"].as_str().unwrap()
        );
        let limited = (0..40)
            .map(|_| curl(&["-H", &auth, &format!("{}/api/v1/me", server.url)]).0)
            .filter(|s| *s == 429)
            .count();
        assert_eq!(
            limited == 0,
            all_answer,
            "{extra:?}: {limited} answers were 429"
        );
    }
}
