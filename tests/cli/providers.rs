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
