//! One documentation page run as a test: a copy of it in a temp dir says this sandbox's URL and
//! HOME where the page says `http://127.0.0.1:8080` and `/home/you`; each `$ ` line of its console
//! blocks becomes a call of the session runner (bash, a clean environment, exports kept for the
//! page's later lines); trycmd runs the copy and compares. With `TRYCMD=overwrite` the refreshed
//! copy goes back to the page, in the page's own words.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::sandbox::Sandbox;

/// What the pages say, for the sandbox's address (its URL is http://127.0.0.1:8080) and the
/// reader's home directory.
const DOC_API: &str = "127.0.0.1:8080";
const DOC_HOME: &str = "/home/you";
/// …and for a webhook receiver's (`svcacct-sandbox receive --listen 127.0.0.1:9000`).
const DOC_RECEIVER: &str = "127.0.0.1:9000";

/// The session runner's name in the copy: `$ run-example LINE`.
const RUNNER: &str = "run-example";

/// A profile signed in (through the browser flow, as `login`) before the page's first example.
pub struct SignIn {
    pub profile: &'static str,
    pub login: &'static str,
}

pub struct Page<'a> {
    path: &'static str,
    sign_ins: &'a [SignIn],
}

/// One `$ ` line (and its `> ` continuations) of a console block, by its 1-based line number.
struct Example {
    line: usize,
    lines: Vec<String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

impl<'a> Page<'a> {
    pub fn new(path: &'static str, sign_ins: &'a [SignIn]) -> Self {
        Page { path, sign_ins }
    }

    pub fn run(&self) {
        let original = std::fs::read_to_string(root().join(self.path)).expect("the page");
        let mut sandbox = Sandbox::start();
        let receiver = if original.contains(DOC_RECEIVER) {
            sandbox.receiver_addr()
        } else {
            DOC_RECEIVER.to_string()
        };
        let work = tempfile::tempdir().expect("temp dir");
        // The copy, and beside it `PAGE.in/`: trycmd runs the commands there. It is the
        // reader's HOME too (files the examples write show as /home/you/…), where
        // `./sandbox-data` is this sandbox's data directory (as in sandbox/README.md).
        let copy = work.path().join(self.path);
        let home = copy.with_extension("in");
        std::fs::create_dir_all(&home).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(sandbox.data_dir(), home.join("sandbox-data")).unwrap();
        let home = home.to_str().expect("a UTF-8 temp dir").to_string();
        // Commands get this sandbox's address and HOME; outputs its address and trycmd's name
        // for the working directory (the HOME here), [CWD].
        let api = sandbox.url().trim_start_matches("http://").to_string();
        let (copy_text, examples) = rewrite(&original);
        assert!(
            !examples.is_empty(),
            "{}: no ```console examples found",
            self.path
        );
        let copy_text = copy_text
            .replace(DOC_API, &api)
            .replace(DOC_RECEIVER, &receiver)
            .replace(DOC_HOME, "[CWD]");
        std::fs::write(&copy, &copy_text).unwrap();
        let steps = work.path().join("steps");
        std::fs::create_dir_all(&steps).unwrap();
        for ex in &examples {
            let command = ex
                .lines
                .join("\n")
                .replace(DOC_API, &api)
                .replace(DOC_RECEIVER, &receiver)
                .replace(DOC_HOME, &home);
            std::fs::write(steps.join(ex.line.to_string()), command + "\n").unwrap();
        }
        let runner = self.write_runner(work.path(), &home, &sandbox);

        for (i, s) in self.sign_ins.iter().enumerate() {
            let password = &sandbox.bootstrap().user(s.login).password;
            let profile = match s.profile {
                "default" => String::new(),
                p => format!("--profile {p} "),
            };
            let step = format!("sign-in-{i}");
            std::fs::write(
                steps.join(&step),
                format!(
                    "SIM_LOGIN={} SIM_PASSWORD='{password}' svcacct {profile}login --api {} --insecure-storage\n",
                    s.login,
                    sandbox.url()
                ),
            )
            .unwrap();
            let out = Command::new(&runner)
                .arg(&step)
                .current_dir(&home)
                .output()
                .expect("the session runner starts");
            assert!(
                out.status.success(),
                "{}: signing in as {} before the examples failed:\n{}{}",
                self.path,
                s.login,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }

        trycmd::TestCases::new()
            .case(&copy)
            .register_bin(RUNNER, &runner)
            .timeout(Duration::from_secs(90))
            .run();

        if std::env::var_os("TRYCMD").is_some_and(|m| m == "overwrite") {
            let refreshed = std::fs::read_to_string(&copy).unwrap();
            let restored = restore(&refreshed, &examples, &original, &[&api, &receiver]);
            if restored != original {
                std::fs::write(root().join(self.path), restored).unwrap();
            }
        }
    }

    /// The session runner: bash with a clean environment (a fresh HOME, no keychain, svcacct on
    /// PATH, the scripted browser that signs in as admin), sourcing what earlier lines exported.
    fn write_runner(&self, work: &Path, home: &str, sandbox: &Sandbox) -> PathBuf {
        let bin = Path::new(env!("CARGO_BIN_EXE_svcacct")).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into())
        );
        let browser = format!("python3 {}", root().join("tests/cli/browser.py").display());
        let session = work.join("session.env");
        let env = [
            ("HOME", home.to_string()),
            ("PATH", path),
            ("LANG", "C.UTF-8".into()),
            ("TZ", "UTC".into()),
            // A headless box: no Secret Service answers (profiles use --insecure-storage).
            (
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/bus".into(),
            ),
            // …nor the kernel keyring, whose answer differs between machines (debug builds only).
            ("SVCACCT_TEST_NO_KEYCTL", "1".into()),
            // The reader's browser: it signs in as admin and approves.
            ("BROWSER", browser),
            ("SIM_LOGIN", "admin".into()),
            (
                "SIM_PASSWORD",
                sandbox.bootstrap().user("admin").password.clone(),
            ),
            ("SIM_DECISION", "approve".into()),
        ];
        let assignments: Vec<String> = env
            .iter()
            .map(|(k, v)| format!("{k}={}", quote(v)))
            .collect();
        let script = format!(
            r#"#!/bin/bash
# One example of {page} ($1: the line it is on), in the page's shell session.
if [ -z "${{EXAMPLE_SESSION:-}}" ]; then
    exec env -i EXAMPLE_SESSION=1 {assignments} /bin/bash "$0" "$@"
fi
unset EXAMPLE_SESSION
[ -f {session} ] && . {session}
set -o pipefail
. {steps}/"$1"
status=$?
export -p > {session}
exit $status
"#,
            page = self.path,
            assignments = assignments.join(" "),
            session = quote(&session.display().to_string()),
            steps = quote(&work.join("steps").display().to_string()),
        );
        let runner = work.join(RUNNER);
        std::fs::write(&runner, script).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&runner, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        runner
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Whether a fence line opens a block trycmd runs (```console, ```trycmd, or a bare ```),
/// and the fence that closes it.
fn runnable_fence(line: &str) -> Option<(bool, &str)> {
    let ticks = line.len() - line.trim_start_matches('`').len();
    if ticks < 3 {
        return None;
    }
    let info = line[ticks..].trim();
    let mut parts = info.split(',');
    let lang = parts.next().unwrap_or("");
    let runs =
        info.is_empty() || (matches!(lang, "console" | "trycmd") && !parts.any(|p| p == "ignore"));
    Some((runs, &line[..ticks]))
}

/// The copy trycmd runs (each `$ ` line calls the runner with its line number; continuation
/// lines left empty) and the examples in it.
fn rewrite(text: &str) -> (String, Vec<Example>) {
    let mut out = Vec::new();
    let mut examples: Vec<Example> = Vec::new();
    let mut block: Option<(bool, String)> = None;
    let mut after_command = false;
    for (i, line) in text.lines().enumerate() {
        match &block {
            None => {
                if let Some((runs, fence)) = runnable_fence(line) {
                    block = Some((runs, fence.to_string()));
                }
                after_command = false;
                out.push(line.to_string());
            }
            Some((runs, fence)) => {
                if line.starts_with(fence.as_str()) {
                    block = None;
                    out.push(line.to_string());
                } else if *runs && let Some(cmd) = line.strip_prefix("$ ") {
                    examples.push(Example {
                        line: i + 1,
                        lines: vec![cmd.to_string()],
                    });
                    out.push(format!("$ {RUNNER} {}", i + 1));
                    after_command = true;
                } else if *runs
                    && after_command
                    && let Some(cont) = line.strip_prefix("> ")
                {
                    examples.last_mut().unwrap().lines.push(cont.to_string());
                    out.push("> ".to_string());
                } else {
                    after_command = false;
                    out.push(line.to_string());
                }
            }
        }
    }
    (out.join("\n") + "\n", examples)
}

/// The refreshed copy in the page's words: its own command lines, URL and HOME.
fn restore(refreshed: &str, examples: &[Example], original: &str, addrs: &[&str; 2]) -> String {
    let text = refreshed
        .replace("[CWD]", DOC_HOME)
        .replace(addrs[0], DOC_API)
        .replace(addrs[1], DOC_RECEIVER);
    let lines_of: Vec<&str> = original.lines().collect();
    let by_line: BTreeMap<usize, &Example> = examples.iter().map(|e| (e.line, e)).collect();
    let mut out: Vec<String> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(n) = line
            .strip_prefix(&format!("$ {RUNNER} "))
            .and_then(|n| n.parse::<usize>().ok())
        {
            let ex = by_line[&n];
            out.push(lines_of[n - 1].to_string());
            pending = lines_of[n..n + ex.lines.len() - 1]
                .iter()
                .rev()
                .map(|l| l.to_string())
                .collect();
        } else if line.starts_with('>') && !pending.is_empty() {
            out.push(pending.pop().unwrap());
        } else {
            pending.clear();
            out.push(line.to_string());
        }
    }
    let mut restored = out.join("\n");
    if original.ends_with('\n') {
        restored.push('\n');
    }
    restored
}

/// The pages `readme_commands_parse` reads: every one with a console block must be listed.
pub fn assert_all_listed(listed: &[&str]) {
    let mut pages: Vec<String> = [
        "README.md",
        "SECURITY.md",
        "CONTRIBUTING.md",
        "sandbox/README.md",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".md") {
            pages.push(format!("docs/{name}"));
        }
    }
    for page in &pages {
        let text = std::fs::read_to_string(root().join(page)).unwrap();
        let has_examples = !rewrite(&text).1.is_empty();
        assert!(
            !has_examples || listed.contains(&page.as_str()),
            "{page} has console examples: add it to the pages in tests/examples/main.rs"
        );
    }
    for page in listed {
        assert!(root().join(page).exists(), "{page}: no such page");
    }
}

/// Every `svcacct` line of `reference`'s sh blocks is, word for word, a `$ ` line of a console
/// block in `pages`: a summary of examples that run, never one of its own.
pub fn assert_only_run_commands(reference: &str, pages: &[&str]) {
    let mut run = std::collections::BTreeSet::new();
    for page in pages {
        let text = std::fs::read_to_string(root().join(page)).unwrap();
        for ex in rewrite(&text).1 {
            run.insert(ex.lines.join("\n"));
        }
    }
    let text = std::fs::read_to_string(root().join(reference)).unwrap();
    let mut in_sh = false;
    let mut checked = 0;
    for line in text.lines() {
        if let Some(lang) = line.strip_prefix("```") {
            in_sh = !in_sh && lang == "sh";
            continue;
        }
        if in_sh && line.starts_with("svcacct ") {
            assert!(
                run.contains(line),
                "{reference}: `{line}` is not an example any page runs (write it as one there first)"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "{reference}: only {checked} commands found");
}
