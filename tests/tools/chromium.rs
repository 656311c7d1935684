//! The path a real user's browser takes when `svcacct login` opens it: headless Chromium
//! (Debian's, driven by playwright-core) on the sandbox's login and consent pages.

use crate::harness::*;

fn chromium_machine(sb: &Sandbox, login: &str, decision: &str, log: &std::path::Path) -> Machine {
    let user = sb.bootstrap().user(login).clone();
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("interop/chromium-login.mjs");
    let mut m = Machine::new();
    m.set("BROWSER", format!("node {}", script.display()));
    m.set("SIM_LOGIN", &user.login)
        .set("SIM_PASSWORD", &user.password)
        .set("SIM_DECISION", decision);
    m.set("SIM_LOG", log.to_str().unwrap());
    m
}

/// The CLI is done as soon as the callback arrives; the browser logs its last page after that.
fn wait_for_last_page(log: &std::path::Path) {
    wait_until(
        std::time::Duration::from_secs(15),
        "the browser's last step",
        || read(log).is_some_and(|l| l.contains("callback page:") || l.contains("error:")),
    );
}

#[test]
fn wrong_password_then_approve_in_chromium() {
    let sb = Sandbox::start();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("browser.log");
    let mut m = chromium_machine(&sb, "admin", "approve", &log);
    m.set("SIM_WRONG_PASSWORD_FIRST", "1");
    let url = sb.url();
    let run = m.run(&["login", "--api", &url, "--timeout", "90"]);
    assert_eq!(
        run.code,
        0,
        "{}\nbrowser: {}",
        run.stderr,
        read(&log).unwrap_or_default()
    );
    wait_for_last_page(&log);
    let steps = read(&log).unwrap_or_default();
    assert!(
        steps.contains("login page: Sign in to Acme Construction"),
        "{steps}"
    );
    assert!(
        steps.contains("after wrong password: Wrong login or password."),
        "{steps}"
    );
    assert!(
        steps.contains("consent page: svcacct command-line tool wants to act as Adam Admin"),
        "{steps}"
    );
    assert!(steps.contains("callback page: Signed in"), "{steps}");
    assert!(m.run(&["status"]).ok().stdout.contains("admin (Adam Admin"));
}

#[test]
fn deny_button_in_chromium() {
    let sb = Sandbox::start();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("browser.log");
    let m = chromium_machine(&sb, "viewer", "deny", &log);
    let url = sb.url();
    let run = m.run(&["login", "--api", &url, "--timeout", "90"]);
    run.fails_with(4).one_line_error("access_denied");
    wait_for_last_page(&log);
    let steps = read(&log).unwrap_or_default();
    assert!(steps.contains("callback page: Sign-in failed"), "{steps}");
    assert!(read(&m.config_path()).is_none(), "nothing saved");
}
