//! The test environment: a real sandbox on 127.0.0.1:0 (its own data dir), a temp HOME, and the
//! real `svcacct` binary run with a cleared environment.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use svcacct_sandbox::{Bootstrap, Config, Running};
use tempfile::TempDir;

/// A sandbox that stops when dropped.
pub struct Sandbox {
    rt: tokio::runtime::Runtime,
    running: Option<Running>,
    _dir: TempDir,
}

impl Sandbox {
    pub fn start() -> Self {
        Self::start_with(|_| {})
    }

    pub fn start_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let mut config = Config::ephemeral(dir.path());
        // Tests make many calls; the rate-limit tests lower this themselves.
        config.rate_limit_per_minute = 100_000;
        // Webhook tests deliver to receivers on 127.0.0.1 (the sandbox's local-testing flag).
        config.delivery.allow_loopback = true;
        // …and to nothing else: a test never reaches off this machine.
        config.delivery.external = false;
        // Federation tests run their OpenID issuers on 127.0.0.1.
        config.allow_loopback_issuers = true;
        // The leak scan: every secret this sandbox hands out is checked against every run.
        config.record_issued_secrets = true;
        adjust(&mut config);
        let running = rt
            .block_on(svcacct_sandbox::start(config))
            .expect("sandbox starts");
        let issued = running.issued_secrets();
        let boot = &running.bootstrap;
        for secret in boot
            .users
            .values()
            .map(|u| &u.password)
            .chain([&boot.service_account.client_secret])
            .chain(boot.apps.values().map(|a| &a.client_secret))
        {
            issued.insert(secret);
        }
        leak_scan::watch(issued);
        Sandbox {
            rt,
            running: Some(running),
            _dir: dir,
        }
    }

    pub fn running(&self) -> &Running {
        self.running.as_ref().expect("running")
    }

    pub fn url(&self) -> String {
        self.running().base_url.clone()
    }

    pub fn bootstrap(&self) -> &Bootstrap {
        &self.running().bootstrap
    }

    /// The sandbox's data directory (SQLite, bootstrap.json, webhook.key).
    pub fn data_dir(&self) -> &Path {
        self._dir.path()
    }

    /// A second tenant: company `name` with the demo roles, logins prefixed with `prefix`.
    pub fn add_company(&self, name: &str, prefix: &str) -> svcacct_sandbox::SeededCompany {
        self.running()
            .add_company(name, prefix)
            .expect("company added")
    }

    /// A webhook receiver on 127.0.0.1, on this sandbox's runtime (stopped with it).
    pub fn receiver(&self) -> svcacct_sandbox::receiver::Receiver {
        self.rt
            .block_on(svcacct_sandbox::receiver::Receiver::start(
                ([127, 0, 0, 1], 0).into(),
                None,
            ))
            .expect("receiver starts")
    }

    pub fn stop_receiver(&self, r: svcacct_sandbox::receiver::Receiver) {
        self.rt.block_on(r.stop());
    }

    pub fn token_requests(&self, grant_type: &str) -> u64 {
        self.running()
            .token_requests()
            .get(grant_type)
            .copied()
            .unwrap_or(0)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(r) = self.running.take() {
            self.rt.block_on(r.stop());
        }
    }
}

/// What one run of the CLI produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn fails_with(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Everything the run printed.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// The error is one line naming the problem and a fix.
    #[track_caller]
    pub fn one_line_error(&self, needle: &str) {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect();
        assert_eq!(
            lines.len(),
            1,
            "one error line expected in: {}",
            self.stderr
        );
        assert!(
            lines[0].contains(needle),
            "error line {:?} should mention {needle:?}",
            lines[0]
        );
    }
}

/// A user's machine: a temp HOME with its own config dir.
pub struct Machine {
    pub home: TempDir,
    env: Vec<(String, String)>,
}

impl Machine {
    pub fn new() -> Self {
        let home = tempfile::tempdir().expect("temp home");
        Machine {
            home,
            env: Vec::new(),
        }
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join(".config").join("svcacct")
    }

    pub fn config_path(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    /// The scripted browser as `$BROWSER`, signing in as `login` and approving.
    pub fn with_browser(&mut self, login: &str, password: &str) -> &mut Self {
        self.set("BROWSER", format!("python3 {}", browser_script().display()))
            .set("SIM_LOGIN", login)
            .set("SIM_PASSWORD", password)
            .set("SIM_DECISION", "approve")
    }

    /// Move this machine's clock `secs` seconds ahead (svcacct's test builds read
    /// `SVCACCT_TEST_CLOCK_OFFSET`): its tokens age without the test sleeping. The sandbox keeps
    /// its own time.
    pub fn advance_clock(&mut self, secs: i64) -> &mut Self {
        let now = self
            .env
            .iter()
            .find(|(k, _)| k == "SVCACCT_TEST_CLOCK_OFFSET")
            .and_then(|(_, v)| v.parse::<i64>().ok())
            .unwrap_or(0);
        self.set("SVCACCT_TEST_CLOCK_OFFSET", (now + secs).to_string())
    }

    /// No keychain from now on (a headless box, a CI container): no Secret Service answers.
    pub fn keychain_gone(&mut self) -> &mut Self {
        self.set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    }

    /// The keychain is back (the one this test run uses, real or the test builds' file).
    pub fn keychain_back(&mut self) -> &mut Self {
        self.env.retain(|(k, _)| k != "DBUS_SESSION_BUS_ADDRESS");
        self
    }

    /// Set an environment variable for every later run.
    pub fn set(&mut self, key: &str, value: impl AsRef<str>) -> &mut Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_string(), value.as_ref().to_string()));
        self
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = self.command_for(env!("CARGO_BIN_EXE_svcacct"));
        cmd.args(args);
        cmd
    }

    /// Any program, with this machine's environment (HOME, config dir, keychain bus, variables).
    pub fn command_for(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear();
        cmd.env("HOME", self.home.path());
        cmd.env("XDG_CONFIG_HOME", self.home.path().join(".config"));
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        // The keychain: the real one of this test session where scripts/test.sh started one
        // (gnome-keyring under dbus-run-session, SVCACCT_TEST_REAL_KEYCHAIN=1), else the test
        // builds' file keychain in this machine's HOME, so plain `cargo test` needs no D-Bus. A
        // test that sets its own bus (none, or a silent one) gets no keychain but that bus.
        let own_bus = self
            .env
            .iter()
            .any(|(k, _)| k == "DBUS_SESSION_BUS_ADDRESS");
        if real_keychain() {
            if let Ok(bus) = std::env::var("DBUS_SESSION_BUS_ADDRESS") {
                cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
            }
        } else if !own_bus {
            cmd.env(
                "SVCACCT_TEST_KEYCHAIN",
                self.home.path().join(".test-keychain"),
            );
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut cmd = self.command(args);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("svcacct runs");
        {
            let mut input = child.stdin.take().expect("stdin");
            let _ = input.write_all(stdin.as_bytes());
        }
        let run = Run::from(wait_bounded(child, Duration::from_secs(120)));
        leak_scan::check(args, &run);
        run
    }
}

/// Whether the tests use the session's real keychain: `scripts/test.sh` says so, with a Secret
/// Service it started; plain `cargo test` uses the test builds' file keychain.
pub fn real_keychain() -> bool {
    std::env::var_os("SVCACCT_TEST_REAL_KEYCHAIN").is_some_and(|v| v == "1")
        && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// Wait for a child, killing it if it outlives `limit` (no test hangs forever). Its stdout and
/// stderr are drained on threads meanwhile, so a child that prints a lot never blocks on a pipe.
pub fn wait_bounded(mut child: std::process::Child, limit: Duration) -> Output {
    fn drain(
        pipe: Option<impl std::io::Read + Send + 'static>,
    ) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = std::time::Instant::now();
    let status = loop {
        match child.try_wait().expect("wait") {
            Some(status) => break status,
            None if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "svcacct did not finish within {limit:?}\nstdout: {}\nstderr: {}",
                    String::from_utf8_lossy(&stdout.join().unwrap_or_default()),
                    String::from_utf8_lossy(&stderr.join().unwrap_or_default())
                );
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// An independent OAuth server in its own process (oidc-provider, django-oauth-toolkit), killed
/// when dropped. It writes one JSON line per token request to `log` (`{"grant_type": …}`).
pub struct InteropServer {
    child: std::process::Child,
    /// Its base (the issuer).
    pub url: String,
    log: PathBuf,
    _dir: TempDir,
}

impl InteropServer {
    /// Run `cmd`, told where to log by `log_env`; it prints `listening on URL` first.
    pub fn start(mut cmd: Command, log_env: &str, what: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("requests.jsonl");
        cmd.env(log_env, &log);
        let (child, url) = spawn_listening(cmd, what);
        InteropServer {
            child,
            url,
            log,
            _dir: dir,
        }
    }

    /// How many token requests with this grant type it has seen.
    pub fn grants(&self, grant_type: &str) -> usize {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["grant_type"] == grant_type)
            .count()
    }

    /// Use a refresh token directly at `token_url` as public client `client_id`; true when the
    /// server accepts it.
    pub fn refresh_accepted(&self, token_url: &str, client_id: &str, refresh_token: &str) -> bool {
        let (status, _) = curl(&[
            "-d",
            "grant_type=refresh_token",
            "-d",
            &format!("client_id={client_id}"),
            "--data-urlencode",
            &format!("refresh_token={refresh_token}"),
            token_url,
        ]);
        status == 200
    }
}

impl Drop for InteropServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A profile's stored credential (the `--insecure-storage` file).
pub fn stored_credential(m: &Machine, profile: &str) -> serde_json::Value {
    let path = m.config_dir().join(format!("credentials/{profile}.json"));
    serde_json::from_str(&read(&path).expect("credentials file")).unwrap()
}

/// Start a server process that prints `listening on URL` as its first line (the interop
/// servers): the child and that URL. Its later output is drained, so that a full pipe never
/// stops it.
pub fn spawn_listening(mut cmd: Command, what: &str) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{what} does not start: {e}"));
    let mut first = String::new();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut first).unwrap();
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("{what} said {first:?}"))
        .to_string();
    (child, url)
}

/// A test server written in Python beside these tests (`tests/cli/NAME`), started with `args`
/// and then the path of its request log; it prints `listening on URL` first and appends one
/// JSON object per request to the log. Stopped when dropped.
pub struct ScriptServer {
    child: std::process::Child,
    pub url: String,
    pub log: PathBuf,
}

impl ScriptServer {
    pub fn start(script: &str, args: &[&std::ffi::OsStr], log: PathBuf) -> Self {
        let mut cmd = Command::new("python3");
        cmd.arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/cli")
                .join(script),
        )
        .args(args)
        .arg(&log);
        let (child, url) = spawn_listening(cmd, script);
        ScriptServer { child, url, log }
    }

    /// The requests logged so far.
    pub fn requests(&self) -> Vec<serde_json::Value> {
        read(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }
}

impl Drop for ScriptServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The scripted browser: drives the sandbox's (or any provider's) login and consent forms.
pub fn browser_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/browser.py")
}

/// Assert that none of `secrets` appears in `text`.
#[track_caller]
pub fn assert_no_secret(text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!s.is_empty());
        assert!(
            !text.contains(s),
            "a secret leaked into the output:\n{text}"
        );
    }
}

/// Read a running `svcacct login --no-browser`'s stderr until it prints the authorization URL:
/// (the URL, everything read so far).
pub fn authorize_url_from(stderr: &mut impl std::io::BufRead) -> (String, String) {
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "no URL printed: {seen}"
        );
        seen.push_str(&line);
        if let Some(u) = line
            .split_whitespace()
            .find(|w| w.contains("/oauth/authorize?"))
        {
            return (u.to_string(), seen);
        }
    }
}

/// What a person does with a printed sign-in URL elsewhere: opens it, signs in as `login`,
/// approves and copies the out-of-band code shown.
pub fn code_from_browser(auth_url: &str, login: &str, password: &str) -> String {
    let browser = Command::new("python3")
        .arg(browser_script())
        .arg(auth_url)
        .env("SIM_LOGIN", login)
        .env("SIM_PASSWORD", password)
        .env("SIM_PRINT_CODE", "1")
        .output()
        .unwrap();
    let code = String::from_utf8(browser.stdout)
        .unwrap()
        .trim()
        .to_string();
    assert!(
        code.starts_with("sbc_"),
        "code page: {code:?} {}",
        String::from_utf8_lossy(&browser.stderr)
    );
    code
}

/// Log a machine in with the demo service account's client credentials (stdin).
pub fn login_service_account(m: &Machine, sb: &Sandbox, extra: &[&str]) -> Run {
    let sa = &sb.bootstrap().service_account;
    let url = sb.url();
    let mut args = vec![
        "login",
        "--api",
        &url,
        "--client-credentials",
        "--client-id",
        &sa.client_id,
        "--client-secret-stdin",
    ];
    args.extend_from_slice(extra);
    m.run_with_stdin(&args, &format!("{}\n", sa.client_secret))
}

/// Log a machine in through the browser flow as `login` (the scripted browser approves).
pub fn login_browser(m: &mut Machine, sb: &Sandbox, login: &str, extra: &[&str]) -> Run {
    let user = sb.bootstrap().user(login).clone();
    login_browser_at(m, &sb.url(), &user.login, &user.password, extra)
}

/// A machine signed in through the browser flow as `login`, and its access token.
pub fn signed_in_as(sb: &Sandbox, login: &str, password: &str) -> (Machine, String) {
    let mut m = Machine::new();
    login_browser_at(&mut m, &sb.url(), login, password, &[]).ok();
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    (m, token)
}

/// A service account made through the CLI (`--json`): its JSON, secret included.
pub fn create_service_account(
    m: &Machine,
    name: &str,
    email: &str,
    extra: &[&str],
) -> serde_json::Value {
    let mut args = vec!["sa", "create", "--name", name, "--email", email, "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&m.run(&args).ok().stdout).unwrap()
}

/// A webhook for ticket.created to `url`, made through the CLI; its id.
pub fn ticket_hook(m: &Machine, url: &str) -> i64 {
    let run = m
        .run(&[
            "webhooks",
            "create",
            "--url",
            url,
            "--event",
            "ticket.created",
            "--json",
        ])
        .ok();
    serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// The browser flow against any sandbox URL.
pub fn login_browser_at(
    m: &mut Machine,
    url: &str,
    login: &str,
    password: &str,
    extra: &[&str],
) -> Run {
    m.with_browser(login, password);
    let mut args = vec!["login", "--api", url, "--timeout", "60"];
    args.extend_from_slice(extra);
    m.run(&args)
}

/// Poll `check` every 50 ms until it holds; panic with `what` after `limit`.
#[track_caller]
pub fn wait_until(limit: Duration, what: &str, mut check: impl FnMut() -> bool) {
    let started = std::time::Instant::now();
    while !check() {
        assert!(
            started.elapsed() < limit,
            "timed out after {limit:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// curl: (status, body).
pub fn curl(args: &[&str]) -> (u16, String) {
    let out = Command::new("curl")
        .args(["-s", "-w", "\n%{http_code}"])
        .args(args)
        .output()
        .expect("curl runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
    (code.trim().parse().unwrap_or(0), body.to_string())
}

/// Revoke `token` at the sandbox (RFC 7009) as its demo service account, which minted it.
#[track_caller]
pub fn revoke_as_demo_service_account(sb: &Sandbox, token: &str) {
    let sa = &sb.bootstrap().service_account;
    let (status, body) = curl(&[
        "-u",
        &format!("{}:{}", sa.client_id, sa.client_secret),
        "-d",
        &format!("token={token}"),
        &format!("{}/oauth/revoke", sb.url()),
    ]);
    assert_eq!(status, 200, "{body}");
}

/// An API call with a bearer token: (status, JSON body or null).
pub fn api(
    token: &str,
    method: &str,
    url: &str,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let auth = format!("Authorization: Bearer {token}");
    let mut args = vec!["-X", method, "-H", &auth];
    let text;
    if let Some(b) = &body {
        text = b.to_string();
        args.extend(["-H", "Content-Type: application/json", "-d", &text]);
    }
    args.push(url);
    let (code, body) = curl(&args);
    (
        code,
        serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
    )
}

/// A client-credentials token for `client_id` and `secret` (with extra form fields such as
/// `company_id=1`), or the server's refusal (status, body).
pub fn client_credentials_token(
    sb: &Sandbox,
    client_id: &str,
    secret: &str,
    extra: &[&str],
) -> Result<String, (u16, String)> {
    let mut args = vec![
        "-u".to_string(),
        format!("{client_id}:{secret}"),
        "-d".into(),
        "grant_type=client_credentials".into(),
    ];
    for e in extra {
        args.extend(["-d".to_string(), e.to_string()]);
    }
    args.push(format!("{}/oauth/token", sb.url()));
    let (code, body) = curl(&args.iter().map(String::as_str).collect::<Vec<_>>());
    match serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["access_token"].as_str().map(str::to_string))
    {
        Some(token) if code == 200 => Ok(token),
        _ => Err((code, body)),
    }
}

/// Read a TOML config file, if any.
pub fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// The leak scan over the whole suite: every secret any sandbox of this test process handed out
/// (tokens, refresh tokens, client secrets, PATs, codes; the seeded passwords and secrets) must
/// never appear on the stderr of any CLI run (status, warnings, errors, `-v`/`-vv` logs), nor on
/// its stdout unless printing a secret is what the command is for.
pub mod leak_scan {
    use std::sync::Mutex;

    use svcacct_sandbox::issued::IssuedSecrets;

    static WATCHED: Mutex<Vec<IssuedSecrets>> = Mutex::new(Vec::new());

    pub fn watch(issued: IssuedSecrets) {
        WATCHED
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(issued);
    }

    /// Commands whose stdout is a secret by design (shown once, or a token for a pipe).
    fn prints_secrets(args: &[&str]) -> bool {
        // The command's words: flags and the values of the global flags that take one left out.
        let mut words: Vec<&str> = Vec::new();
        let mut skip_value = false;
        for a in args {
            if std::mem::take(&mut skip_value) {
                continue;
            }
            if matches!(*a, "--profile" | "--api" | "--company" | "--jq" | "-q") {
                skip_value = true;
            } else if !a.starts_with('-') {
                words.push(a);
            }
        }
        matches!(
            words.as_slice(),
            ["token", ..]
                | ["api", ..]
                | ["reset-secret", ..]
                | [
                    "sa" | "service-accounts",
                    "create" | "reset-secret" | "rotate-secret",
                    ..
                ]
                | ["tokens", "create", ..]
        )
    }

    #[track_caller]
    pub fn check(args: &[&str], run: &super::Run) {
        let watched = WATCHED.lock().unwrap_or_else(|p| p.into_inner()).clone();
        for issued in &watched {
            if let Some(secret) = issued.found_in(&run.stderr) {
                panic!(
                    "leak scan: `svcacct {}` printed an issued secret ({}…) on stderr:\n{}",
                    args.join(" "),
                    &secret[..6.min(secret.len())],
                    run.stderr
                );
            }
            if !prints_secrets(args)
                && let Some(secret) = issued.found_in(&run.stdout)
            {
                panic!(
                    "leak scan: `svcacct {}` printed an issued secret ({}…) on stdout:\n{}",
                    args.join(" "),
                    &secret[..6.min(secret.len())],
                    run.stdout
                );
            }
        }
    }
}

/// Read a running login's stderr until it shows the verification URL with the code: (that
/// URL, the user code, everything read).
pub fn code_from(stderr: &mut impl std::io::BufRead) -> (String, String, String) {
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "no code shown: {seen}"
        );
        seen.push_str(&line);
        if let Some(url) = line
            .split_whitespace()
            .find(|w| w.contains("/device?user_code="))
        {
            let code = url.rsplit('=').next().unwrap().to_string();
            return (url.to_string(), code, seen);
        }
    }
}

/// A person on another device: opens the URL, signs in, decides.
pub fn approve_elsewhere(url: &str, login: &str, password: &str, decision: &str) {
    let out = std::process::Command::new("python3")
        .arg(browser_script())
        .arg(url)
        .env("SIM_LOGIN", login)
        .env("SIM_PASSWORD", password)
        .env("SIM_DECISION", decision)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The directory of the svcacct binary under test, for PATH (the docs say `command: svcacct`).
pub fn bin_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_BIN_EXE_svcacct"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `git credential fill` for `request`, answered by the configured helpers: (exit, stdout,
/// stderr).
pub fn fill(
    m: &Machine,
    git: &str,
    config: &[&str],
    request: &str,
) -> (Option<i32>, String, String) {
    let mut child = m
        .command_for(git)
        .args(config)
        .args(["credential", "fill"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.as_bytes())
        .unwrap();
    let out = wait_bounded(child, Duration::from_secs(60));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
