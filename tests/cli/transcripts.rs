//! The human output of the main commands, snapshotted (insta): each command's stdout, stderr
//! and exit code, as a session against a fresh sandbox shows them. What changes from run to run
//! (ports, ids the server makes up, secrets, times, temp paths) is normalised; a changed message,
//! column or hint shows up as a snapshot diff. Refresh with `INSTA_UPDATE=always` and review.

use crate::harness::*;

/// One command as a transcript: the command line, its exit code, stdout and stderr.
fn step(m: &Machine, args: &[&str], stdin: &str) -> String {
    let run = m.run_with_stdin(args, stdin);
    let mut out = format!("$ svcacct {}\nexit: {}\n", args.join(" "), run.code);
    if !run.stdout.is_empty() {
        out.push_str("--- stdout\n");
        out.push_str(&run.stdout);
        if !run.stdout.ends_with('\n') {
            out.push('\n');
        }
    }
    if !run.stderr.is_empty() {
        out.push_str("--- stderr\n");
        out.push_str(&run.stderr);
        if !run.stderr.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// What differs between runs, replaced by a name in brackets (insta's filters).
const FILTERS: &[(&str, &str)] = &[
    (r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]"),
    (r"\bsa_[A-Za-z0-9]{8,}", "sa_[CLIENT]"),
    (
        r"\b(sas|sba|sbr|sbp|sbc|sbd|sapp)_[A-Za-z0-9_-]{16,}",
        "${1}_[SECRET]",
    ),
    (
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)",
        "[TIME]",
    ),
    (r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( UTC)?", "[TIME]"),
    (r"\d{4}-\d\d-\d\d", "[DATE]"),
    (
        r"\b\d+h \d+m\b|\b\d+m \d+s\b|\b\d+ (second|minute|hour|day)s?\b",
        "[DURATION]",
    ),
    (r"\b(sbp|sas)_[A-Za-z0-9_-]{3,12}…", "${1}_[PREFIX]…"),
    (r"request id [A-Za-z0-9_-]+", "request id [ID]"),
    (r"\b(state|code_challenge)=[A-Za-z0-9_-]+", "${1}=[RANDOM]"),
    (r"127\.0\.0\.1%3A\d+", "127.0.0.1%3A[PORT]"),
    (r"curl/[0-9.]+", "curl/[VERSION]"),
    (r"svcacct/[0-9.]+", "svcacct/[VERSION]"),
];

/// The transcript with this machine's temp HOME named, snapshotted with [`FILTERS`].
fn snapshot(name: &str, text: &str, m: &Machine) {
    let text = text.replace(&m.home.path().display().to_string(), "[HOME]");
    insta::with_settings!({filters => FILTERS.to_vec()}, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn an_admins_session() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    let mut t = String::new();
    let login = login_browser(&mut m, &sb, "admin", &[]);
    t.push_str(&format!(
        "$ svcacct login --api URL (a browser signs in as admin)\nexit: {}\n--- stderr\n{}\n\n",
        login.code,
        login.stderr.trim_end()
    ));
    t.push_str(&step(&m, &["status"], ""));
    t.push_str(&step(&m, &["sa", "list"], ""));
    t.push_str(&step(
        &m,
        &[
            "sa",
            "create",
            "--name",
            "ERP export",
            "--email",
            "erp@acme.example",
            "--permission",
            "documents=read",
        ],
        "",
    ));
    t.push_str(&step(&m, &["sa", "view", "2"], ""));
    t.push_str(&step(&m, &["reset-secret", "2", "--yes"], ""));
    t.push_str(&step(&m, &["sa", "delete", "2", "--yes"], ""));
    t.push_str(&step(&m, &["users", "list"], ""));
    t.push_str(&step(&m, &["logout"], ""));
    snapshot("an_admins_session", &t, &m);
}

#[test]
fn an_owners_tokens_webhooks_apps_and_audit() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "owner", &[]).ok();
    let rx = sb.receiver();
    let mut t = String::new();
    t.push_str(&step(&m, &["tokens", "create", "--name", "laptop"], ""));
    t.push_str(&step(&m, &["tokens", "list"], ""));
    t.push_str(&step(
        &m,
        &[
            "webhooks",
            "create",
            "--url",
            &rx.url(),
            "--event",
            "ticket.created",
        ],
        "",
    ));
    t.push_str(&step(&m, &["webhooks", "list"], ""));
    t.push_str(&step(&m, &["apps", "list"], ""));
    t.push_str(&step(&m, &["apps", "marketplace"], ""));
    t.push_str(&step(&m, &["audit"], ""));
    let text = t.replace(&rx.url(), "[RECEIVER]");
    sb.stop_receiver(rx);
    snapshot("an_owners_tokens_webhooks_apps_and_audit", &text, &m);
}

#[test]
fn errors_name_the_problem_and_the_fix() {
    let sb = Sandbox::start();
    let mut signed_out = Machine::new();
    signed_out.set("SVCACCT_API_URL", sb.url());
    let mut viewer = Machine::new();
    login_browser(&mut viewer, &sb, "viewer", &[]).ok();
    let mut admin = Machine::new();
    login_browser(&mut admin, &sb, "admin", &[]).ok();
    let mut t = String::new();
    t.push_str(&step(&signed_out, &["sa", "list"], ""));
    t.push_str(&step(&signed_out, &["--profile", "manager", "status"], ""));
    t.push_str(&step(&viewer, &["sa", "create", "--name", "x"], ""));
    t.push_str(&step(&viewer, &["reset-secret", "1", "--yes"], ""));
    t.push_str(&step(&admin, &["sa", "view", "999"], ""));
    t.push_str(&step(&admin, &["reset-secret", "1"], ""));
    t.push_str(&step(
        &viewer,
        &["tokens", "create", "--name", "x", "--expires-in", "5y"],
        "",
    ));
    t.push_str(&step(&viewer, &["webhooks", "list"], ""));
    snapshot("errors_name_the_problem_and_the_fix", &t, &viewer);
}
