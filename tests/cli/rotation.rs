//! Issue 12, rotation: `svcacct sa rotate-secret` keeps the old secret (and its tokens) working
//! for a grace period, leaves permissions alone, refuses a third secret, and `--finish` retires
//! the old one early — refused while it is still in use, unless `--force`.

use std::time::Duration;

use serde_json::Value;

use crate::harness::*;

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn rotation_with_grace_finish_and_force() {
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let rx = sb.receiver();
    let hook = m
        .run(&[
            "webhooks",
            "create",
            "--url",
            &rx.url(),
            "--event",
            "service_account.*",
            "--json",
        ])
        .ok();
    assert!(
        hook.stdout.contains("service_account.secret_rotated"),
        "{}",
        hook.stdout
    );
    let created = create_service_account(
        &m,
        "Nightly ERP sync",
        "erp-sync@acme.example",
        &["--permission", "directory=read"],
    );
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    let first = created["client_secret"].as_str().unwrap().to_string();
    let before = json(&m.run(&["sa", "view", &id, "--json"]).ok());
    let old_token = client_credentials_token(&sb, &client_id, &first, &[]).unwrap();

    // Rotate with a generous grace: both secrets mint, the old token still works.
    let rotated = m
        .run(&["sa", "rotate-secret", &id, "--grace", "1h", "--json"])
        .ok();
    let rotated = json(&rotated);
    let second = rotated["client_secret"].as_str().unwrap().to_string();
    assert_ne!(first, second);
    assert_eq!(rotated["secrets"].as_array().unwrap().len(), 2);
    assert!(
        client_credentials_token(&sb, &client_id, &first, &[]).is_ok(),
        "old secret in grace"
    );
    let new_token = client_credentials_token(&sb, &client_id, &second, &[]).unwrap();
    let me = format!("{}/api/v1/me", sb.url());
    assert_eq!(api(&old_token, "GET", &me, None).0, 200);
    assert_eq!(api(&new_token, "GET", &me, None).0, 200);
    // Permissions untouched; view shows both secrets with dates, never a value.
    let after = json(&m.run(&["sa", "view", &id, "--json"]).ok());
    assert_eq!(before["permissions"], after["permissions"]);
    assert!(!before["permissions"].as_object().unwrap().is_empty());
    let secrets = after["secrets"].as_array().unwrap();
    assert_eq!(secrets.len(), 2);
    assert!(
        secrets[0]["expires_at"].is_string(),
        "the old one ends: {secrets:?}"
    );
    assert!(secrets[1]["expires_at"].is_null(), "the new one does not");
    assert!(secrets[0]["last_used_at"].is_string(), "used just now");
    let text = m.run(&["sa", "view", &id]).ok();
    assert!(text.stdout.contains("valid until"), "{}", text.stdout);
    assert_no_secret(&text.all(), &[&first, &second]);

    // A third secret while two are active: refused (exit 9), naming --finish.
    let third = m.run(&["sa", "rotate-secret", &id]);
    third.fails_with(9);
    assert!(third.stderr.contains("--finish"), "{}", third.stderr);

    // The old secret was used a moment ago: --finish refuses (exit 9) and names --force.
    let refused = m.run(&["sa", "rotate-secret", &id, "--finish"]);
    refused.fails_with(9);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert!(client_credentials_token(&sb, &client_id, &first, &[]).is_ok());
    m.run(&["sa", "rotate-secret", &id, "--finish", "--force"])
        .ok();
    assert!(
        client_credentials_token(&sb, &client_id, &first, &[]).is_err(),
        "retired"
    );
    assert_eq!(api(&old_token, "GET", &me, None).0, 401, "its tokens too");
    assert_eq!(api(&new_token, "GET", &me, None).0, 200);
    // Nothing left to finish.
    m.run(&["sa", "rotate-secret", &id, "--finish"])
        .fails_with(9);

    // The grace running out does the same by itself (plain seconds, as tests use).
    let third = json(
        &m.run(&["sa", "rotate-secret", &id, "--grace", "3", "--json"])
            .ok(),
    );
    let third_secret = third["client_secret"].as_str().unwrap().to_string();
    let in_grace = client_credentials_token(&sb, &client_id, &second, &[]).unwrap();
    assert_eq!(api(&in_grace, "GET", &me, None).0, 200);
    wait_until(Duration::from_secs(10), "the grace to end", || {
        client_credentials_token(&sb, &client_id, &second, &[]).is_err()
    });
    assert_eq!(
        api(&in_grace, "GET", &me, None).0,
        401,
        "minted with the old secret"
    );
    assert_eq!(
        api(&new_token, "GET", &me, None).0,
        401,
        "also the old secret's"
    );
    let fresh = client_credentials_token(&sb, &client_id, &third_secret, &[]).unwrap();
    assert_eq!(api(&fresh, "GET", &me, None).0, 200);
    let view = json(&m.run(&["sa", "view", &id, "--json"]).ok());
    assert_eq!(view["secrets"].as_array().unwrap().len(), 1);
    assert_eq!(before["permissions"], view["permissions"]);

    // The events went out.
    wait_until(Duration::from_secs(20), "the rotation events", || {
        rx.received()
            .iter()
            .filter(|r| r.json()["type"] == "service_account.secret_rotated")
            .count()
            >= 3
    });
    let events: Vec<Value> = rx
        .received()
        .iter()
        .map(|r| r.json())
        .filter(|e| e["type"] == "service_account.secret_rotated")
        .collect();
    for e in &events {
        assert_no_secret(&e.to_string(), &[&first, &second, &third_secret]);
    }
    sb.stop_receiver(rx);

    // Bad graces are refused before any request.
    m.run(&["sa", "rotate-secret", &id, "--grace", "31d"])
        .fails_with(2);
    m.run(&["sa", "rotate-secret", &id, "--grace", "0"])
        .fails_with(2);
    // reset-secret points to rotate-secret for planned rotations.
    let reset = m.run(&["reset-secret", &id]);
    assert!(reset.stderr.contains("rotate-secret"), "{}", reset.stderr);
}

/// Issue 21, step 1: `rotate-secret --deliver SINK` updates the secret's consumers itself —
/// a file (0600), a dotenv line (every other line and the file's mode kept), a command (the
/// secret on its stdin only, never in its argv or environment). A symlinked target is refused;
/// a failed sink keeps the secret for `--resume`, which delivers the same one (no third secret);
/// `--finish` ends the pending rotation.
#[test]
fn rotation_delivers_to_files_dotenv_and_commands() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(&m, "ERP sync", "erp@acme.example", &[]);
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    let old = created["client_secret"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name);
    let env_file = d("erp.env");
    std::fs::write(
        &env_file,
        "# ERP sync\nERP_URL=https://erp.example\nERP_CLIENT_SECRET=old\nDEBUG=0\n",
    )
    .unwrap();
    std::fs::set_permissions(&env_file, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::write(d("victim"), "keep me\n").unwrap();
    std::os::unix::fs::symlink(d("victim"), d("link")).unwrap();
    // The command reads the secret from stdin and records what it was given.
    let script = format!(
        "test -e {flag} || exit 3; read s; printf '%s' \"$s\" > {got}; \
         tr '\\0' ' ' < /proc/$$/cmdline > {argv}; tr '\\0' '\\n' < /proc/$$/environ > {env}",
        flag = d("ready").display(),
        got = d("got").display(),
        argv = d("argv").display(),
        env = d("environ").display(),
    );
    let exec_sink = format!("exec:sh -c \"{}\"", script.replace('"', "\\\""));
    let run = m.run(&[
        "sa",
        "rotate-secret",
        &id,
        "--deliver",
        &format!("file:{}", d("secret").display()),
        "--deliver",
        &format!("env-file:{}:ERP_CLIENT_SECRET", env_file.display()),
        "--deliver",
        &exec_sink,
        "--deliver",
        &format!("file:{}", d("link").display()),
        "--json",
    ]);
    run.fails_with(1).one_line_error("--resume");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let oks: Vec<bool> = report["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ok"].as_bool().unwrap())
        .collect();
    assert_eq!(oks, [true, true, false, false], "{report}");
    assert!(report.to_string().contains("symbolic link"), "{report}");
    let new = std::fs::read_to_string(d("secret"))
        .unwrap()
        .trim()
        .to_string();
    assert_ne!(new, old);
    assert_eq!(
        std::fs::metadata(d("secret")).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(std::fs::read_to_string(d("victim")).unwrap(), "keep me\n");
    let env_text = std::fs::read_to_string(&env_file).unwrap();
    assert_eq!(
        env_text,
        format!("# ERP sync\nERP_URL=https://erp.example\nERP_CLIENT_SECRET={new}\nDEBUG=0\n")
    );
    assert_eq!(
        std::fs::metadata(&env_file).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // Both secrets work while the rotation is pending.
    assert!(client_credentials_token(&sb, &client_id, &old, &[]).is_ok());
    assert!(client_credentials_token(&sb, &client_id, &new, &[]).is_ok());
    // The command is fixed (and the link replaced by a file): --resume delivers the same secret.
    std::fs::write(d("ready"), "").unwrap();
    std::fs::remove_file(d("link")).unwrap();
    m.run(&["sa", "rotate-secret", &id, "--resume"]).ok();
    assert_eq!(std::fs::read_to_string(d("got")).unwrap(), new);
    assert_eq!(std::fs::read_to_string(d("link")).unwrap().trim(), new);
    for (what, file) in [("argv", "argv"), ("environment", "environ")] {
        assert!(
            !std::fs::read_to_string(d(file)).unwrap().contains(&new),
            "the secret is in the command's {what}"
        );
    }
    let view: Value =
        serde_json::from_str(&m.run(&["sa", "view", &id, "--json"]).ok().stdout).unwrap();
    assert_eq!(
        view["secrets"].as_array().unwrap().len(),
        2,
        "no third secret: {view}"
    );
    // Nothing is pending any more; --finish retires the old secret.
    m.run(&["sa", "rotate-secret", &id, "--resume"])
        .fails_with(2)
        .one_line_error("waiting to be delivered");
    m.run(&["sa", "rotate-secret", &id, "--finish", "--force"])
        .ok();
    assert!(client_credentials_token(&sb, &client_id, &old, &[]).is_err());
    assert!(client_credentials_token(&sb, &client_id, &new, &[]).is_ok());
}

/// A consumer that mints a token every 200 ms with the secret in a file (curl, its own
/// User-Agent), for as long as `stop` does not exist (bounded: 200 rounds). Its log: one
/// "unix-time status" line per round.
fn consumer(
    sb: &Sandbox,
    client_id: &str,
    secret_file: &std::path::Path,
    agent: &str,
    dir: &std::path::Path,
) -> (std::process::Child, std::path::PathBuf, std::path::PathBuf) {
    let log = dir.join(format!("{agent}.log").replace('/', "_"));
    let stop = dir.join(format!("{agent}.stop").replace('/', "_"));
    let script = format!(
        "for i in $(seq 1 200); do [ -e '{stop}' ] && break; s=$(cat '{file}'); \
         code=$(curl -s -o /dev/null -w '%{{http_code}}' -A '{agent}' -u '{client_id}':\"$s\" \
         -d grant_type=client_credentials '{url}/oauth/token'); \
         echo \"$(date +%s.%N) $code\" >> '{log}'; sleep 0.2; done",
        stop = stop.display(),
        file = secret_file.display(),
        log = log.display(),
        url = sb.url(),
    );
    let child = std::process::Command::new("bash")
        .args(["-c", &script])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    (child, log, stop)
}

fn stop_consumer(child: std::process::Child, stop: &std::path::Path) {
    std::fs::write(stop, "").unwrap();
    let out = wait_bounded(child, Duration::from_secs(30));
    assert!(out.status.success(), "{out:?}");
}

/// Issue 21, the moonshot: zero failed requests of a live consumer during a rotation. The new
/// secret goes to the file the consumer reads, the old one goes quiet, and `--finish-when-idle`
/// retires it — the consumer's log shows no 401 and no gap. A consumer that never switches
/// keeps the old secret busy: exit 11 after `--timeout`, naming its User-Agent, both secrets
/// still valid.
#[test]
fn rotation_with_a_live_consumer_fails_no_request() {
    let sb = Sandbox::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(&m, "ERP sync", "erp@acme.example", &[]);
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let secret_file = dir.path().join("erp-secret");
    std::fs::write(&secret_file, created["client_secret"].as_str().unwrap()).unwrap();
    let (child, log, stop) = consumer(&sb, &client_id, &secret_file, "erp-sync/2.1", dir.path());
    wait_until(Duration::from_secs(20), "the consumer runs", || {
        read(&log).is_some_and(|l| l.lines().count() >= 3)
    });
    let run = m
        .run(&[
            "sa",
            "rotate-secret",
            &id,
            "--deliver",
            &format!("file:{}", secret_file.display()),
            "--finish-when-idle",
            "3s",
            "--timeout",
            "60s",
        ])
        .ok();
    assert!(run.stderr.contains("retired"), "{}", run.stderr);
    std::thread::sleep(Duration::from_millis(600));
    stop_consumer(child, &stop);
    let lines: Vec<(f64, String)> = read(&log)
        .unwrap()
        .lines()
        .map(|l| {
            let (t, code) = l.split_once(' ').unwrap();
            (t.parse().unwrap(), code.to_string())
        })
        .collect();
    assert!(lines.len() >= 15, "{lines:?}");
    assert!(
        lines.iter().all(|(_, c)| c == "200"),
        "a failed request: {lines:?}"
    );
    let longest_gap = lines
        .windows(2)
        .map(|w| w[1].0 - w[0].0)
        .fold(0.0, f64::max);
    assert!(longest_gap < 3.0, "a gap of {longest_gap} s");
    let view: Value =
        serde_json::from_str(&m.run(&["sa", "view", &id, "--json"]).ok().stdout).unwrap();
    let secrets = view["secrets"].as_array().unwrap();
    assert_eq!(secrets.len(), 1, "the old secret is retired: {view}");
    assert_eq!(secrets[0]["last_used_user_agent"], "erp-sync/2.1", "{view}");
    assert_eq!(secrets[0]["last_used_from"], "127.0.0.1", "{view}");

    // A consumer that never switches (it reads its own copy of the old secret).
    let old = std::fs::read_to_string(&secret_file).unwrap();
    let stale = dir.path().join("stale-copy");
    std::fs::write(&stale, &old).unwrap();
    let (child, log, stop) = consumer(&sb, &client_id, &stale, "never-switches/1.0", dir.path());
    wait_until(Duration::from_secs(20), "the stale consumer runs", || {
        read(&log).is_some_and(|l| l.lines().count() >= 3)
    });
    let run = m.run(&[
        "sa",
        "rotate-secret",
        &id,
        "--deliver",
        &format!("file:{}", secret_file.display()),
        "--finish-when-idle",
        "3s",
        "--timeout",
        "6s",
    ]);
    stop_consumer(child, &stop);
    run.fails_with(11).one_line_error("never-switches/1.0");
    let newest = std::fs::read_to_string(&secret_file).unwrap();
    assert!(client_credentials_token(&sb, &client_id, old.trim(), &[]).is_ok());
    assert!(client_credentials_token(&sb, &client_id, newest.trim(), &[]).is_ok());
}
