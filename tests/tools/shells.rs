//! The committed completion scripts in the real shells (bash with bash-completion, zsh, fish):
//! sourcing them and pressing <Tab> completes what it should and never runs anything — a stub
//! `svcacct` first on PATH records every call, and must record none (issue 17: fish ran
//! `svcacct token` from a help text and showed the token on screen).

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::harness::*;

fn completions() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions")
}

/// A temp HOME whose PATH starts with a stub `svcacct` that appends its argv to `calls.log`.
struct Shell {
    home: tempfile::TempDir,
}

impl Shell {
    fn new() -> Self {
        let home = tempfile::tempdir().unwrap();
        let bin = home.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        let stub = bin.join("svcacct");
        std::fs::write(
            &stub,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}'\necho sba_STUBTOKEN\n",
                home.path().join("calls.log").display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
        Shell { home }
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("XDG_DATA_HOME", self.home.path().join(".local/share"))
            .env("TERM", "xterm")
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    self.home.path().join("bin").display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            );
        cmd
    }

    fn output(&self, mut cmd: Command) -> String {
        let out = wait_bounded(
            cmd.stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{cmd:?} cannot start ({e}): .ci/run installs it")),
            Duration::from_secs(60),
        );
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{cmd:?}: {text}");
        text
    }

    #[track_caller]
    fn assert_nothing_ran(&self, text: &str) {
        let log = self.home.path().join("calls.log");
        assert!(
            !log.exists(),
            "the completion script ran svcacct: {:?}\n{text}",
            std::fs::read_to_string(&log)
        );
        assert!(!text.contains("sba_STUBTOKEN"), "{text}");
    }
}

fn script(name: &str) -> String {
    completions().join(name).display().to_string()
}

#[test]
fn fish_completes_values_and_runs_nothing() {
    let sh = Shell::new();
    let mut cmd = sh.command("fish");
    cmd.args(["--no-config", "-c"]).arg(format!(
        "source '{}'
         for line in 'svcacct token --format ' 'svcacct git-credential ' 'svcacct completions ' \
                     'svcacct sa view ' 'svcacct --profile ' 'svcacct reset-secret '
             echo \"== $line\"
             complete -C \"$line\"
         end",
        script("svcacct.fish")
    ));
    let out = sh.output(cmd);
    sh.assert_nothing_ran(&out);
    let section = |line: &str| -> Vec<String> {
        out.split(&format!("== {line}\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("{line}: {out}"))
            .lines()
            .take_while(|l| !l.starts_with("== "))
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(
        sorted(section("svcacct token --format ")),
        ["exec-credential", "json", "text"],
        "{out}"
    );
    assert_eq!(
        sorted(section("svcacct git-credential ")),
        ["erase", "get", "store"],
        "{out}"
    );
    let shells = section("svcacct completions ");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(shells.iter().any(|s| s == shell), "{shell}: {out}");
    }
    assert!(
        !shells.iter().any(|s| s.contains('/') || s == "bin"),
        "files offered: {out}"
    );
}

#[test]
fn bash_completes_values_and_runs_nothing() {
    let sh = Shell::new();
    // With bash-completion loaded where it is installed (as on most desktops), then without.
    for preamble in [
        "[ -r /usr/share/bash-completion/bash_completion ] && . /usr/share/bash-completion/bash_completion",
        ":",
    ] {
        let mut cmd = sh.command("bash");
        cmd.args(["--norc", "--noprofile", "-c"]).arg(format!(
            r#"{preamble}
            source '{}'
            for line in 'svcacct token --format ' 'svcacct git-credential ' 'svcacct completions ' 'svcacct sa view '; do
                read -ra COMP_WORDS <<< "$line"
                COMP_WORDS+=("")
                COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
                COMP_LINE="$line"; COMP_POINT=${{#COMP_LINE}}
                COMPREPLY=()
                _svcacct svcacct "" "${{COMP_WORDS[COMP_CWORD-1]}}"
                echo "== $line"
                printf '%s\n' "${{COMPREPLY[@]}}"
            done"#,
            script("svcacct.bash")
        ));
        let out = sh.output(cmd);
        sh.assert_nothing_ran(&out);
        let formats = out.split("== svcacct token --format \n").nth(1).unwrap();
        for f in ["text", "json", "exec-credential"] {
            assert!(formats.lines().any(|l| l == f), "{f}: {out}");
        }
        let ops = out.split("== svcacct git-credential \n").nth(1).unwrap();
        for op in ["get", "store", "erase"] {
            assert!(ops.lines().any(|l| l == op), "{op}: {out}");
        }
    }
}

/// zsh completes only in an interactive line editor: a real zsh in tmux, <Tab> pressed.
#[test]
fn zsh_completes_values_and_runs_nothing() {
    let sh = Shell::new();
    let zdot = sh.home.path().join("zdot");
    std::fs::create_dir(&zdot).unwrap();
    std::fs::write(
        zdot.join(".zshrc"),
        format!(
            "fpath=('{}' $fpath)\nautoload -U compinit && compinit -u -D\nPS1='%% '\n",
            completions().display()
        ),
    )
    .unwrap();
    let socket = sh.home.path().join("tmux.sock");
    let tmux = |args: &[&str]| {
        let mut cmd = sh.command("tmux");
        cmd.arg("-S").arg(&socket).args(args);
        sh.output(cmd)
    };
    let mut start = sh.command("tmux");
    start
        .arg("-S")
        .arg(&socket)
        .args([
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "200",
            "-y",
            "50",
        ])
        .arg(format!("env ZDOTDIR='{}' zsh -i", zdot.display()));
    sh.output(start);
    let screen = || tmux(&["capture-pane", "-p", "-t", "0"]);
    let wait_for = |what: &str, needle: &dyn Fn(&str) -> bool| {
        let mut last = String::new();
        for _ in 0..100 {
            last = screen();
            if needle(&last) {
                return last;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = tmux(&["kill-server"]);
        panic!("zsh never showed {what}:\n{last}");
    };
    wait_for("its prompt", &|s| s.lines().any(|l| l.trim_end() == "%"));
    tmux(&["send-keys", "-t", "0", "svcacct token --format ", "Tab"]);
    let shown = wait_for("the token formats", &|s| s.contains("exec-credential"));
    tmux(&["send-keys", "-t", "0", "C-u", "C-l"]);
    tmux(&["send-keys", "-t", "0", "svcacct git-credential ", "Tab"]);
    let ops = wait_for("git's operations", &|s| s.contains("erase"));
    let _ = tmux(&["kill-server"]);
    assert!(shown.contains("json"), "{shown}");
    assert!(ops.contains("get") && ops.contains("store"), "{ops}");
    sh.assert_nothing_ran(&format!("{shown}{ops}"));
}

/// No help text in the clap tree carries shell syntax: completion scripts quote help text, and
/// a `$`, backtick or double quote in it is one quoting slip from running in the user's shell.
#[test]
fn help_texts_carry_no_shell_syntax() {
    use clap::CommandFactory;
    fn visit(cmd: &clap::Command, path: &str, bad: &mut Vec<String>) {
        let mut texts: Vec<(String, String)> = Vec::new();
        for a in cmd.get_arguments() {
            for h in [a.get_help(), a.get_long_help()].into_iter().flatten() {
                texts.push((format!("{path} {}", a.get_id()), h.to_string()));
            }
            for v in a.get_possible_values() {
                if let Some(h) = v.get_help() {
                    texts.push((
                        format!("{path} {} {}", a.get_id(), v.get_name()),
                        h.to_string(),
                    ));
                }
            }
        }
        for h in [cmd.get_about(), cmd.get_long_about()]
            .into_iter()
            .flatten()
        {
            texts.push((path.to_string(), h.to_string()));
        }
        for (at, text) in texts {
            if text.contains('$') {
                bad.push(format!("{at}: {text}"));
            }
        }
        for sub in cmd.get_subcommands() {
            visit(sub, &format!("{path} {}", sub.get_name()), bad);
        }
    }
    let mut bad = Vec::new();
    visit(&svcacct::cli::Cli::command(), "svcacct", &mut bad);
    assert!(bad.is_empty(), "help texts with `$`: {bad:#?}");
    // And the values fish quotes in double quotes (`-a "…"`, over several lines): nothing
    // fish expands there.
    let fish = std::fs::read_to_string(completions().join("svcacct.fish")).unwrap();
    let mut checked = 0;
    for quoted in fish.split(" -a \"").skip(1) {
        let values = quoted.split('"').next().unwrap();
        assert!(
            !values.contains('$') && !values.contains('`'),
            "fish expands this: {values}"
        );
        checked += 1;
    }
    assert!(checked > 10, "{checked} value lists");
}
