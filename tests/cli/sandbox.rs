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
    assert!(body.contains("refresh_token"));
    let (status, _, body) = exchange(&code, &verifier);
    assert_eq!(status, 400);
    assert!(body.contains("already used"), "{body}");
}

#[test]
fn wrong_password_shows_the_form_again() {
    let sb = Sandbox::start();
    let jar = tempfile::NamedTempFile::new().unwrap();
    let jar = jar.path().to_str().unwrap();
    let url = format!(
        "{}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&code_challenge=abc&code_challenge_method=S256",
        sb.url()
    );
    let (_, _, page) = curl(&["-c", jar, &url]);
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
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
