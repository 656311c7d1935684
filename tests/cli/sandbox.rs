//! OAuth rules the sandbox enforces, checked over HTTP with curl (no CLI involved).

use svcacct_sandbox::crypto::pkce_s256;

use crate::harness::*;

/// (status, redirect Location or body) of a request made with curl.
fn curl(args: &[&str]) -> (u16, String, String) {
    let out = std::process::Command::new("curl")
        .args(["-s", "-w", "\n%{http_code} %{redirect_url}"])
        .args(args)
        .output()
        .expect("curl runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, tail) = text.rsplit_once('\n').unwrap();
    let (code, location) = tail.split_once(' ').unwrap_or((tail, ""));
    (
        code.parse().unwrap(),
        location.to_string(),
        body.to_string(),
    )
}

/// A started sign-in: the cookie jar holding its session, and the login form's CSRF token.
fn sign_in_form(sb: &Sandbox) -> (tempfile::NamedTempFile, String) {
    let jar = tempfile::NamedTempFile::new().unwrap();
    let url = format!(
        "{}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&code_challenge=abc&code_challenge_method=S256",
        sb.url()
    );
    let (_, _, page) = curl(&["-c", jar.path().to_str().unwrap(), &url]);
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    (jar, csrf)
}

fn authorize(sb: &Sandbox, extra: &str) -> (u16, String, String) {
    let url = format!(
        "{}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&state=s1{extra}",
        sb.url()
    );
    curl(&[&url])
}

#[test]
fn public_clients_must_use_pkce_s256() {
    let sb = Sandbox::start();
    let (status, location, _) = authorize(&sb, "");
    assert_eq!(status, 303);
    assert!(
        location.starts_with("http://127.0.0.1:9/cb?error=invalid_request")
            && location.contains("state=s1"),
        "{location}"
    );
    let (_, location, _) = authorize(&sb, "&code_challenge=abc&code_challenge_method=plain");
    assert!(
        location.contains("error=invalid_request") && location.contains("S256"),
        "{location}"
    );
    let (status, _, body) = authorize(&sb, "&code_challenge=abc&code_challenge_method=S256");
    assert_eq!(status, 200);
    assert!(
        body.contains("name=\"password\"") && body.contains("name=\"csrf\""),
        "the login form"
    );
}

#[test]
fn unregistered_redirect_is_never_followed() {
    let sb = Sandbox::start();
    let url = format!(
        "{}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&code_challenge=x&code_challenge_method=S256",
        sb.url()
    );
    let (status, location, body) = curl(&[&url]);
    assert_eq!(status, 400);
    assert_eq!(location, "");
    assert!(body.contains("not registered"), "{body}");
}

#[test]
fn codes_are_single_use_and_bound_to_the_verifier() {
    let sb = Sandbox::start();
    let verifier = "v".repeat(50);
    let challenge = pkce_s256(&verifier);
    let admin = sb.bootstrap().user("admin").clone();
    let auth_url = format!(
        "{}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&code_challenge={challenge}&code_challenge_method=S256",
        sb.url()
    );
    let get_code = || {
        let out = std::process::Command::new("python3")
            .arg(browser_script())
            .arg(&auth_url)
            .env("SIM_LOGIN", "admin")
            .env("SIM_PASSWORD", &admin.password)
            .env("SIM_PRINT_CODE", "1")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let token_url = format!("{}/oauth/token", sb.url());
    let exchange = |code: &str, verifier: &str| {
        curl(&[
            "-d",
            "grant_type=authorization_code",
            "-d",
            "client_id=svcacct-cli",
            "-d",
            "redirect_uri=urn:ietf:wg:oauth:2.0:oob",
            "--data-urlencode",
            &format!("code={code}"),
            "--data-urlencode",
            &format!("code_verifier={verifier}"),
            &token_url,
        ])
    };
    let code = get_code();
    assert!(code.starts_with("sbc_"), "{code}");
    let (status, _, body) = exchange(&code, "wrong-verifier-wrong-verifier-wrong-verifier");
    assert_eq!(status, 400);
    assert!(
        body.contains("invalid_grant") && body.contains("PKCE"),
        "{body}"
    );

    let code = get_code();
    let (status, _, body) = exchange(&code, &verifier);
    assert_eq!(status, 200, "{body}");
    let first: serde_json::Value = serde_json::from_str(&body).unwrap();
    let access = first["access_token"].as_str().unwrap().to_string();
    let me = || {
        curl(&[
            "-H",
            &format!("Authorization: Bearer {access}"),
            &format!("{}/api/v1/me", sb.url()),
        ])
        .0
    };
    assert_eq!(me(), 200);
    let (status, _, body) = exchange(&code, &verifier);
    assert_eq!(status, 400);
    assert!(body.contains("already used"), "{body}");
    // RFC 6749 §4.1.2: a second redemption revokes what the first one issued.
    assert_eq!(me(), 401, "the first redemption's access token still works");
    let (status, _, body) = curl(&[
        "-d",
        "grant_type=refresh_token",
        "-d",
        "client_id=svcacct-cli",
        "--data-urlencode",
        &format!("refresh_token={}", first["refresh_token"].as_str().unwrap()),
        &token_url,
    ]);
    assert_eq!(status, 400, "{body}");
}

/// Redirect URIs with credentials, port 0, or a code/state of their own are never registered.
#[test]
fn odd_loopback_redirects_are_refused() {
    let sb = Sandbox::start();
    for bad in [
        "http%3A%2F%2Fuser%3Apw%40127.0.0.1%3A9%2Fcb",
        "http%3A%2F%2F127.0.0.1%3A0%2Fcb",
        "http%3A%2F%2F127.0.0.1%3A9%2Fcb%3Fcode%3Dplanted",
        "http%3A%2F%2F127.0.0.1%3A9%2Fcb%3Fstate%3Dplanted",
    ] {
        let url = format!(
            "{}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri={bad}&code_challenge=abc&code_challenge_method=S256",
            sb.url()
        );
        let (status, location, body) = curl(&[&url]);
        assert_eq!((status, location.as_str()), (400, ""), "{bad}: {body}");
        assert!(body.contains("Invalid redirect URI"), "{bad}: {body}");
    }
}

/// The sign-in pages are never framed or cached.
#[test]
fn sign_in_pages_forbid_framing_and_caching() {
    let sb = Sandbox::start();
    let out = std::process::Command::new("curl")
        .args(["-s", "-D", "-", "-o", "/dev/null"])
        .arg(format!(
            "{}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&code_challenge=abc&code_challenge_method=S256",
            sb.url()
        ))
        .output()
        .unwrap();
    let headers = String::from_utf8_lossy(&out.stdout).to_ascii_lowercase();
    assert!(headers.contains("frame-ancestors 'none'"), "{headers}");
    assert!(headers.contains("x-frame-options: deny"), "{headers}");
    assert!(headers.contains("cache-control: no-store"), "{headers}");
}

/// Unauthenticated sign-in requests cannot fill the disk: oversized parameters are refused
/// before anything is stored.
#[test]
fn oversized_authorization_requests_store_nothing() {
    let sb = Sandbox::start();
    let size = || -> u64 {
        std::fs::read_dir(sb.data_dir())
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum()
    };
    let before = size();
    let big = "x".repeat(30_000);
    for _ in 0..100 {
        let url = format!(
            "{}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&code_challenge=abc&code_challenge_method=S256&state={big}",
            sb.url()
        );
        let (status, _, body) = curl(&[&url]);
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("state is longer than"), "{body}");
    }
    let grown = size().saturating_sub(before);
    assert!(grown < 1_000_000, "the data dir grew by {grown} bytes");
}

/// Guessing passwords is throttled per account (429 + Retry-After, the right password refused
/// too until the window ends) and the message says what happened.
#[test]
fn password_guessing_is_throttled() {
    let sb = Sandbox::start();
    let (jar_file, csrf) = sign_in_form(&sb);
    let jar = jar_file.path().to_str().unwrap();
    let admin = sb.bootstrap().user("admin").clone();
    let attempt = |password: &str| {
        let out = std::process::Command::new("curl")
            .args(["-s", "-D", "-", "-b", jar, "-d", "login=admin", "-d"])
            .arg(format!("password={password}"))
            .args(["-d", &format!("csrf={csrf}")])
            .arg(format!("{}/oauth/authorize/login", sb.url()))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let mut refused_at = None;
    for i in 1..=12 {
        let answer = attempt("wrong-guess");
        if answer.starts_with("HTTP/1.1 429") {
            refused_at = Some(i);
            let lower = answer.to_ascii_lowercase();
            assert!(lower.contains("retry-after:"), "{answer}");
            assert!(answer.contains("Too many failed sign-ins"), "{answer}");
            break;
        }
        assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    }
    assert_eq!(
        refused_at,
        Some(6),
        "five wrong passwords, then the account waits"
    );
    let right = attempt(&admin.password);
    assert!(
        right.starts_with("HTTP/1.1 429"),
        "the right password during the lockout: {right}"
    );
}

#[test]
fn wrong_password_shows_the_form_again() {
    let sb = Sandbox::start();
    let (jar_file, csrf) = sign_in_form(&sb);
    let jar = jar_file.path().to_str().unwrap();
    let (status, _, body) = curl(&[
        "-b",
        jar,
        "-d",
        "login=admin",
        "-d",
        "password=nope",
        "-d",
        &format!("csrf={csrf}"),
        &format!("{}/oauth/authorize/login", sb.url()),
    ]);
    assert_eq!(status, 401);
    assert!(
        body.contains("Wrong login or password") && body.contains("name=\"password\""),
        "{body}"
    );
    // A forged form (wrong CSRF token) is refused.
    let (status, _, _) = curl(&[
        "-b",
        jar,
        "-d",
        "login=admin",
        "-d",
        "password=nope",
        "-d",
        "csrf=forged",
        &format!("{}/oauth/authorize/login", sb.url()),
    ]);
    assert_eq!(status, 403);
}

/// SPEC: one error shape. Even a malformed body or query (rejected before any handler runs)
/// answers `{"error": {"code", "message", "request_id"}}` with the rate-limit headers.
#[test]
fn malformed_requests_get_the_api_error_shape() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    let auth = format!("Authorization: Bearer {token}");
    let url = format!("{}/api/v1/companies/1/service-accounts", sb.url());
    for args in [
        vec![
            "-X",
            "POST",
            "-H",
            auth.as_str(),
            "-H",
            "Content-Type: application/json",
            "-d",
            "{\"name\": ",
            url.as_str(),
        ],
        vec![
            "-X",
            "POST",
            "-H",
            auth.as_str(),
            "-H",
            "Content-Type: application/json",
            "-d",
            "{\"name\": \"x\", \"surprise\": 1}",
            url.as_str(),
        ],
    ] {
        let (status, _, body) = curl(&args);
        assert!((400..500).contains(&status), "{status} {body}");
        let v: serde_json::Value =
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body}"));
        assert!(
            v["error"]["code"].is_string()
                && v["error"]["message"].is_string()
                && v["error"]["request_id"].is_string(),
            "{body}"
        );
    }
    let (status, _, body) = curl(&["-H", &auth, &format!("{url}?per_page=lots")]);
    assert_eq!(status, 400);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"]["code"],
        "invalid_request",
        "{body}"
    );
    let headers = std::process::Command::new("curl")
        .args([
            "-s",
            "-D",
            "-",
            "-o",
            "/dev/null",
            "-H",
            &auth,
            &format!("{url}?per_page=lots"),
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&headers.stdout)
            .to_ascii_lowercase()
            .contains("ratelimit-remaining:")
    );
}

/// Guesses sent all at once are counted before any password is checked: at most five of thirty
/// parallel wrong passwords are even tried (the rest are refused with 429).
#[test]
fn parallel_password_guessing_is_throttled_too() {
    let sb = Sandbox::start();
    let (jar_file, csrf) = sign_in_form(&sb);
    let jar = jar_file.path().to_str().unwrap().to_string();
    let login_url = format!("{}/oauth/authorize/login", sb.url());
    let guesses: Vec<_> = (0..30)
        .map(|i| {
            let (jar, csrf, login_url) = (jar.clone(), csrf.clone(), login_url.clone());
            std::thread::spawn(move || {
                curl(&[
                    "-b",
                    &jar,
                    "-d",
                    "login=admin",
                    "-d",
                    &format!("password=guess-{i}"),
                    "-d",
                    &format!("csrf={csrf}"),
                    &login_url,
                ])
                .0
            })
        })
        .collect();
    let codes: Vec<u16> = guesses.into_iter().map(|g| g.join().unwrap()).collect();
    let tried = codes.iter().filter(|c| **c == 401).count();
    assert!(
        tried <= 5 && codes.iter().all(|c| *c == 401 || *c == 429),
        "{codes:?}"
    );
}
