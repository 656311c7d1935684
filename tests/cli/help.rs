//! Help output and the exit-code table (user-facing text, snapshotted).

use crate::harness::*;

#[test]
fn exit_codes_topic() {
    let m = Machine::new();
    let run = m.run(&["help", "exit-codes"]).ok();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn help_for_a_command_and_unknown_topics() {
    let m = Machine::new();
    let run = m.run(&["help", "login"]).ok();
    assert!(
        run.stdout.contains("--client-credentials") && run.stdout.contains("--no-browser"),
        "{}",
        run.stdout
    );
    m.run(&["help", "nope"])
        .fails_with(2)
        .one_line_error("no command or help topic 'nope'");
    // Secrets are never flags: the login help offers only stdin, env and prompts.
    assert!(
        !run.stdout.contains("--client-secret ") && !run.stdout.contains("--password"),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_errors_exit_2() {
    let m = Machine::new();
    let run = m.run(&["login", "--bogus"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
