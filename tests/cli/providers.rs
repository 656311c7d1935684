//! Real providers (issue 11), first steps: header values for `svcacct api` from a file or stdin
//! (a PlanRadar-style key never in argv), and OpenID providers signed in without `--scope`
//! (interop.rs runs that against oidc-provider).

use crate::harness::*;

#[test]
fn api_header_values_come_from_a_file_or_stdin_never_argv() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    let key = "prk_4f1c9e2b7a5d8e3f";
    let file = m.home.path().join("key.txt");
    std::fs::write(&file, format!("{key}\n")).unwrap();
    let header = format!("X-PlanRadar-API-Key: @{}", file.display());
    let run = m
        .run(&["api", "GET", "/api/v1/me", "-H", &header, "-vv"])
        .ok();
    let lower = run.stderr.to_ascii_lowercase();
    assert!(
        lower.contains("x-planradar-api-key: [redacted]"),
        "the header is sent, and logged redacted: {}",
        run.stderr
    );
    assert!(!run.all().contains(key), "the key leaked: {}", run.all());
    // From stdin.
    let run = m.run_with_stdin(
        &[
            "api",
            "GET",
            "/api/v1/me",
            "-H",
            "X-PlanRadar-API-Key: @-",
            "-vv",
        ],
        &format!("{key}\n"),
    );
    run.ok();
    // stdin can feed one value only.
    m.run_with_stdin(
        &[
            "api",
            "POST",
            "/api/v1/me/tokens",
            "--input",
            "-",
            "-H",
            "X-Key: @-",
        ],
        "{}",
    )
    .fails_with(2)
    .one_line_error("stdin is already read");
    m.run(&["api", "GET", "/api/v1/me", "-H", "X-Key: @/nonexistent/key"])
        .fails_with(2);
}

/// Procore-style apps accept only their registered redirect URI: the browser sign-in listens on
/// exactly `http://localhost:PORT/PATH`, and the confidential app's secret comes from stdin.
#[test]
fn browser_sign_in_on_the_exact_registered_redirect_uri() {
    let sb = Sandbox::start();
    let app = sb.bootstrap().apps["photovault"].clone();
    let owner = sb.bootstrap().user("owner").clone();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect = format!("http://localhost:{port}/procore/callback");
    let mut m = Machine::new();
    m.with_browser(&owner.login, &owner.password);
    let url = sb.url();
    let args = [
        "login",
        "--api",
        &url,
        "--client-id",
        &app.client_id,
        "--client-secret-stdin",
        "--redirect-uri",
        &redirect,
        "--timeout",
        "60",
    ];
    let run = m.run_with_stdin(&args, &app.client_secret).ok();
    let encoded = format!("redirect_uri=http%3A%2F%2Flocalhost%3A{port}%2Fprocore%2Fcallback");
    assert!(run.stderr.contains(&encoded), "{}", run.stderr);
    assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
    // Not a loopback URI with a port: refused before anything happens.
    for bad in [
        "https://hooks.example.com/cb",
        "http://localhost/cb",
        "http://localhost:0/cb",
    ] {
        let fresh = Machine::new();
        fresh
            .run_with_stdin(
                &[
                    "login",
                    "--api",
                    &url,
                    "--client-id",
                    &app.client_id,
                    "--client-secret-stdin",
                    "--redirect-uri",
                    bad,
                    "--timeout",
                    "5",
                ],
                &app.client_secret,
            )
            .fails_with(2)
            .one_line_error("--redirect-uri");
    }
}

/// A confidential app's paste-the-code sign-in (Procore's out-of-band flow): the secret is the
/// first line of stdin, the pasted code the next.
#[test]
fn confidential_no_browser_sign_in_reads_the_secret_then_the_code() {
    use std::io::{BufReader, Write};
    use std::process::Stdio;
    let sb = Sandbox::start();
    let app = sb.bootstrap().apps["photovault"].clone();
    let owner = sb.bootstrap().user("owner").clone();
    let m = Machine::new();
    let url = sb.url();
    let mut child = m
        .command(&[
            "login",
            "--api",
            &url,
            "--client-id",
            &app.client_id,
            "--client-secret-stdin",
            "--no-browser",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{}\n", app.client_secret).as_bytes())
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (auth_url, seen) = authorize_url_from(&mut stderr);
    let code = code_from_browser(&auth_url, &owner.login, &owner.password);
    stdin.write_all(format!("{code}\n").as_bytes()).unwrap();
    drop(stdin);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{seen}{rest}");
    assert!(m.run(&["token"]).ok().stdout.starts_with("sba_"));
}

/// `svcacct token --format json|exec-credential` and `svcacct exec` (issue 13's credential
/// helpers): the same cached token, an expiry at least a minute ahead, no request on a second
/// call, the token in the child's environment only, and the child's exit status passed through.
#[test]
fn token_formats_and_exec_use_the_cached_token() {
    let sb = Sandbox::start();
    let m = Machine::new();
    login_service_account(&m, &sb, &[]).ok();
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    let before = sb.token_requests("client_credentials");
    let json: serde_json::Value =
        serde_json::from_str(&m.run(&["token", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(json["access_token"], token);
    assert_eq!(json["token_type"], "Bearer");
    let expires = time::OffsetDateTime::parse(
        json["expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(expires - time::OffsetDateTime::now_utc() >= time::Duration::seconds(60));
    let cred: serde_json::Value =
        serde_json::from_str(&m.run(&["token", "--format", "exec-credential"]).ok().stdout)
            .unwrap();
    assert_eq!(cred["apiVersion"], "client.authentication.k8s.io/v1");
    assert_eq!(cred["kind"], "ExecCredential");
    assert_eq!(cred["status"]["token"], token);
    assert!(cred["status"]["expirationTimestamp"].is_string());
    // exec: the token in the environment, not in argv (the child reads its own cmdline).
    let out = m.home.path().join("child.txt");
    let script = format!(
        "printf '%s\\n' \"$MY_TOKEN\" > {0}; tr '\\0' ' ' < /proc/$$/cmdline >> {0}; exit 7",
        out.display()
    );
    let run = m.run(&["exec", "--env", "MY_TOKEN", "--", "sh", "-c", &script]);
    run.fails_with(7);
    let seen = read(&out).unwrap();
    let mut lines = seen.lines();
    assert_eq!(lines.next(), Some(token.as_str()), "{seen}");
    assert!(
        !lines.next().unwrap_or_default().contains(&token),
        "the token is in argv"
    );
    m.run(&["exec", "--", "true"]).ok();
    m.run(&["exec", "--", "/nonexistent/cmd"])
        .fails_with(127)
        .one_line_error("not found");
    m.run(&["exec", "--env", "1BAD", "--", "true"])
        .fails_with(2);
    assert_eq!(
        sb.token_requests("client_credentials"),
        before,
        "no request while the token is fresh"
    );
}

/// A real git, with `credential.helper = !svcacct git-credential`, gets the access token for the
/// profile's API host (as a Bearer credential when it offers `authtype`, else as the password),
/// nothing for another host, and no token request while the cached token is fresh.
#[test]
fn git_credential_fill_through_a_real_git() {
    let sb = Sandbox::start();
    let m = Machine::new();
    login_service_account(&m, &sb, &[]).ok();
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    let before = sb.token_requests("client_credentials");
    let host = sb.url().trim_start_matches("http://").to_string();
    let helper = format!("!\"{}\" git-credential", env!("CARGO_BIN_EXE_svcacct"));
    let config = format!("credential.helper={helper}");
    let fill = |request: &str| {
        let (code, out, _) = crate::harness::fill(&m, "git", &["-c", &config], request);
        (code, out)
    };
    let (code, out) = fill(&format!("protocol=http\nhost={host}\n\n"));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains(&format!("password={token}")), "{out}");
    assert!(out.contains("password_expiry_utc="), "{out}");
    let (code, out) = fill(&format!(
        "capability[]=authtype\nprotocol=http\nhost={host}\n\n"
    ));
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("authtype=Bearer") && out.contains(&format!("credential={token}")),
        "{out}"
    );
    // Another host: the helper says nothing, so git (prompts off) fails to find a credential.
    let (code, out) = fill("protocol=https\nhost=git.example.com\n\n");
    assert_ne!(code, Some(0));
    assert!(!out.contains(&token));
    assert_eq!(
        sb.token_requests("client_credentials"),
        before,
        "no request: the cache served"
    );
    // store is accepted and changes nothing; erase for another host changes nothing either.
    m.run_with_stdin(
        &["git-credential", "store"],
        &format!("protocol=http\nhost={host}\npassword=x\n\n"),
    )
    .ok();
    m.run_with_stdin(
        &["git-credential", "erase"],
        "protocol=https\nhost=git.example.com\npassword=x\n\n",
    )
    .ok();
    assert_eq!(m.run(&["token"]).ok().stdout.trim(), token);
    assert_eq!(sb.token_requests("client_credentials"), before);
    // erase of a token that is not the cached one (another process renewed meanwhile)
    // changes nothing.
    m.run_with_stdin(
        &["git-credential", "erase"],
        &format!("protocol=http\nhost={host}\npassword=sba_an_older_token\n\n"),
    )
    .ok();
    assert_eq!(m.run(&["token"]).ok().stdout.trim(), token);
    // erase for our host (git's word that the server refused the token) drops the cached
    // access token: the next token is a new one (issue 17).
    m.run_with_stdin(
        &["git-credential", "erase"],
        &format!("protocol=http\nhost={host}\npassword={token}\n\n"),
    )
    .ok();
    assert_ne!(m.run(&["token"]).ok().stdout.trim(), token);
    assert_eq!(sb.token_requests("client_credentials"), before + 1);
}
