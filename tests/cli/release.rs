//! Release quality: generated files match the clap tree, dynamic completion, `svcacct api`, and
//! every command the README shows is one the CLI accepts.
//!
//! `SVCACCT_BLESS=1` rewrites completions/ and man/ instead of comparing (scripts/regenerate.sh).

use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser};
use serde_json::Value;
use svcacct::cli::Cli;

use crate::harness::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("SVCACCT_BLESS").is_some()
}

/// Compare `files` with the directory's contents (no missing, changed or stale files).
fn check_dir(dir: &Path, files: &[(String, Vec<u8>)], regenerate: &str) {
    if bless() {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|_| panic!("{} is missing: run {regenerate}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    expected.sort();
    assert_eq!(
        on_disk,
        expected,
        "{} has other files than the CLI generates: run {regenerate}",
        dir.display()
    );
    for (name, bytes) in files {
        let committed = std::fs::read(dir.join(name)).unwrap();
        assert!(
            committed == *bytes,
            "{}/{name} drifted from the code: run {regenerate}",
            dir.display()
        );
    }
}

#[test]
fn completion_scripts_are_generated_and_committed() {
    let m = Machine::new();
    let shells = [
        ("bash", "svcacct.bash"),
        ("zsh", "_svcacct"),
        ("fish", "svcacct.fish"),
        ("powershell", "_svcacct.ps1"),
        ("elvish", "svcacct.elv"),
    ];
    let files: Vec<(String, Vec<u8>)> = shells
        .iter()
        .map(|(shell, file)| {
            let run = m.run(&["completions", shell]).ok();
            assert!(run.stdout.contains("svcacct"), "{shell}");
            ((*file).to_string(), run.stdout.into_bytes())
        })
        .collect();
    check_dir(&root().join("completions"), &files, "scripts/regenerate.sh");
}

/// The date on every man page (mandoc wants a date in `.TH`, not the version); moved when a
/// release changes the pages.
const MAN_DATE: &str = "2026-12-06";

/// Text for roff: backslashes and hyphens escaped, no line starting with a control character.
fn roff_escape(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

/// SYNOPSIS with every value's placeholder: `[--format FORMAT]`, `PATH...`, `<COMMAND>`.
fn synopsis(cmd: &clap::Command, bin: &str) -> String {
    let mut line = format!("\\fB{}\\fR", roff_escape(bin));
    let placeholder = |a: &clap::Arg| {
        let names = a
            .get_value_names()
            .map(|v| {
                v.iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
        format!("\\fI{}\\fR", roff_escape(&names))
    };
    for a in cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_positional())
    {
        let flag = match (a.get_short(), a.get_long()) {
            (_, Some(long)) => format!("\\-\\-{}", roff_escape(long)),
            (Some(short), None) => format!("\\-{short}"),
            (None, None) => continue,
        };
        let takes_value = a.get_action().takes_values();
        let mut text = format!("\\fB{flag}\\fR");
        if takes_value {
            text.push(' ');
            text.push_str(&placeholder(a));
        }
        let repeat = matches!(
            a.get_action(),
            clap::ArgAction::Append | clap::ArgAction::Count
        );
        let text = if a.is_required_set() {
            text
        } else {
            format!("[{text}]")
        };
        line.push(' ');
        line.push_str(&text);
        if repeat {
            line.push_str("...");
        }
    }
    for a in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let many = a.get_num_args().is_some_and(|n| n.max_values() > 1);
        let mut text = placeholder(a);
        if many {
            text.push_str("...");
        }
        line.push(' ');
        if a.is_required_set() {
            line.push_str(&text);
        } else {
            line.push_str(&format!("[{text}]"));
        }
    }
    if cmd.has_subcommands() {
        line.push_str(" \\fICOMMAND\\fR");
    }
    line
}

/// One man page per command: svcacct.1, svcacct-login.1, svcacct-service-accounts-list.1, …
/// clap_mangen's sections, with a SYNOPSIS that names each value, EXIT STATUS from the exit
/// code table, SEE ALSO (the parent and the subcommands), and no lint (`mandoc -Tlint`).
fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(
        cmd: &clap::Command,
        name: String,
        bin: String,
        parent: Option<&str>,
        out: &mut Vec<(String, Vec<u8>)>,
    ) {
        // clap wants 'static names; these few leaked strings live as long as the test anyway.
        let leaked: &'static str = Box::leak(name.clone().into_boxed_str());
        let page = cmd.clone().name(leaked).bin_name(bin.clone());
        let man = clap_mangen::Man::new(page)
            .title(name.to_uppercase())
            .date(MAN_DATE)
            .source(format!("svcacct {}", env!("CARGO_PKG_VERSION")))
            .manual("svcacct manual");
        let mut buf = Vec::new();
        man.render_title(&mut buf).unwrap();
        man.render_name_section(&mut buf).unwrap();
        buf.extend(format!(".SH SYNOPSIS\n{}\n", synopsis(cmd, &bin)).into_bytes());
        man.render_description_section(&mut buf).unwrap();
        man.render_options_section(&mut buf).unwrap();
        let subs: Vec<&clap::Command> =
            cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
        if !subs.is_empty() {
            man.render_subcommands_section(&mut buf).unwrap();
        }
        let mut exit = String::from(".SH \"EXIT STATUS\"\n");
        for (code, meaning) in svcacct::error::EXIT_CODES {
            exit.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", roff_escape(meaning)));
        }
        buf.extend(exit.into_bytes());
        let mut see: Vec<String> = Vec::new();
        if let Some(parent) = parent {
            see.push(format!("\\fB{}\\fR(1)", roff_escape(parent)));
        }
        for sub in &subs {
            see.push(format!(
                "\\fB{}\\fR(1)",
                roff_escape(&format!("{name}-{}", sub.get_name()))
            ));
        }
        if parent.is_some() && parent != Some("svcacct") {
            see.push("\\fBsvcacct\\fR(1)".to_string());
        }
        if see.is_empty() {
            see.push("\\fBgit\\-credential\\fR(7), \\fBkubectl\\fR(1)".to_string());
        }
        buf.extend(format!(".SH \"SEE ALSO\"\n{}\n", see.join(",\n")).into_bytes());
        out.push((format!("{name}.1"), lint_clean(&buf)));
        for sub in subs {
            walk(
                sub,
                format!("{name}-{}", sub.get_name()),
                format!("{bin} {}", sub.get_name()),
                Some(&name),
                out,
            );
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "svcacct".into(), "svcacct".into(), None, &mut out);
    out
}

/// clap_mangen writes `.br` around blank lines (a blank line is already a break, and mandoc
/// warns) and trailing spaces: a run of `.br` and blank lines becomes one `.sp` (or one `.br`
/// when it had no blank line), and lines lose their trailing spaces.
fn lint_clean(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<bool> = None; // Some(saw a blank line) while in a run
    for line in text.lines() {
        let line = line.trim_end();
        if line == ".br" || line.is_empty() || line == ".sp" {
            let blank = line.is_empty() || line == ".sp";
            run = Some(run.unwrap_or(false) || blank);
            continue;
        }
        if let Some(blank) = run.take() {
            // A break right before a macro that breaks anyway is dropped.
            let breaks = [".TP", ".SH", ".SS", ".IP", ".RS", ".RE", ".PP"]
                .iter()
                .any(|m| line.starts_with(m));
            if !breaks && !out.is_empty() {
                out.push(if blank { ".sp" } else { ".br" }.to_string());
            }
        }
        out.push(line.to_string());
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    joined.into_bytes()
}

#[test]
fn man_pages_are_generated_and_committed() {
    let pages = man_pages();
    assert!(
        pages
            .iter()
            .any(|(n, _)| n == "svcacct-service-accounts-reset-secret.1")
    );
    assert!(pages.len() > 30, "one page per subcommand");
    for (name, page) in &pages {
        let text = String::from_utf8_lossy(page);
        assert!(text.contains(".SH \"EXIT STATUS\""), "{name}");
        assert!(text.contains(".SH \"SEE ALSO\""), "{name}");
    }
    let token = String::from_utf8_lossy(
        &pages
            .iter()
            .find(|(n, _)| n == "svcacct-token.1")
            .unwrap()
            .1,
    )
    .into_owned();
    assert!(
        token.contains("[\\fB\\-\\-format\\fR \\fIFORMAT\\fR]"),
        "SYNOPSIS names the value: {token}"
    );
    check_dir(&root().join("man"), &pages, "scripts/regenerate.sh");
}

/// mandoc, the man page checker of the BSDs and many Linux distributions, finds nothing to warn
/// about in any page (issue 17: 83 warnings). `.ci/run` installs it.
#[test]
fn dynamic_completion_of_ids_and_profiles() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    m.set("COMPLETE", "fish");
    let ids = m.run(&["--", "svcacct", "sa", "view", ""]).ok();
    assert!(
        ids.stdout.lines().any(|l| l == "1\tDemo integration"),
        "{}",
        ids.stdout
    );
    let profiles = m.run(&["--", "svcacct", "--profile", ""]).ok();
    assert!(
        profiles.stdout.starts_with("default\t"),
        "{}",
        profiles.stdout
    );
    // A profile typed on the line is the one asked (issue 18: only SVCACCT_PROFILE was).
    let other = sb.add_company("Borealis Builders", "b-");
    let b_owner = &other.users["owner"];
    m.set("COMPLETE", "");
    login_browser_at(
        &mut m,
        &sb.url(),
        &b_owner.login,
        &b_owner.password,
        &["--profile", "borealis"],
    )
    .ok();
    m.run(&[
        "--profile",
        "borealis",
        "sa",
        "create",
        "--name",
        "Borealis sync",
        "--email",
        "sync@borealis.example",
        "--json",
    ])
    .ok();
    m.set("COMPLETE", "fish");
    let theirs = m
        .run(&["--", "svcacct", "--profile", "borealis", "sa", "view", ""])
        .ok();
    assert!(theirs.stdout.contains("Borealis sync"), "{}", theirs.stdout);
    assert!(
        !theirs.stdout.contains("Demo integration"),
        "{}",
        theirs.stdout
    );
    let ours = m.run(&["--", "svcacct", "sa", "view", ""]).ok();
    assert!(!ours.stdout.contains("Borealis sync"), "{}", ours.stdout);
    m.set("COMPLETE", "");
    let reg = m.run(&["completions", "bash", "--dynamic"]).ok();
    assert!(
        reg.stdout.contains("_clap_complete_svcacct"),
        "{}",
        reg.stdout
    );
}

#[test]
fn api_escape_hatch() {
    let sb = Sandbox::start();
    sb.running().seed_service_accounts(5).unwrap();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    let me: Value =
        serde_json::from_str(&m.run(&["api", "GET", "/api/v1/me"]).ok().stdout).unwrap();
    assert_eq!(me["login"], "admin");
    let all = m
        .run(&[
            "api",
            "get",
            "/api/v1/companies/{company}/service-accounts",
            "-F",
            "per_page=2",
            "--paginate",
        ])
        .ok();
    let all: Vec<Value> = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!(all.len(), 6, "three pages merged into one array");
    let created = m
        .run(&[
            "api",
            "POST",
            "/api/v1/companies/{company}/projects/1/tickets",
            "-f",
            "title=From the API",
        ])
        .ok();
    assert_eq!(
        serde_json::from_str::<Value>(&created.stdout).unwrap()["title"],
        "From the API"
    );
    let missing = m.run(&["api", "GET", "/api/v1/companies/1/service-accounts/999"]);
    missing
        .fails_with(6)
        .one_line_error("service account 999 not found");
    assert!(
        missing.stdout.contains("\"not_found\""),
        "the error body is printed: {}",
        missing.stdout
    );
    let included = m.run(&["api", "GET", "/api/v1/me", "-i"]).ok();
    assert!(
        included.stderr.contains("HTTP 200") && included.stderr.contains("ratelimit-remaining"),
        "{}",
        included.stderr
    );
}

/// The pages people read: README.md, docs/*.md, SECURITY.md, CONTRIBUTING.md and the sandbox's.
fn documentation() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = [
        "README.md",
        "SECURITY.md",
        "CONTRIBUTING.md",
        "sandbox/README.md",
    ]
    .iter()
    .map(|p| root().join(p))
    .collect();
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// Every relative link in the documentation leads to a file that exists, and every `#anchor`
/// to a heading of that page (GitHub's anchors: lower case, spaces to hyphens, punctuation out).
#[test]
fn documentation_links_resolve() {
    let anchor = |heading: &str| -> String {
        heading
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect()
    };
    let anchors_of = |page: &Path| -> Vec<String> {
        std::fs::read_to_string(page)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.strip_prefix('#'))
            .map(|l| anchor(l.trim_start_matches('#')))
            .collect()
    };
    let mut checked = 0;
    for page in documentation() {
        let text = std::fs::read_to_string(&page).unwrap();
        for (_, rest) in text.match_indices("](").map(|(i, _)| ((), &text[i + 2..])) {
            let target = rest.split(')').next().unwrap();
            if target.starts_with("http") || target.contains(' ') || target.is_empty() {
                continue;
            }
            let (file, frag) = target.split_once('#').unwrap_or((target, ""));
            let dest = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            assert!(
                dest.exists(),
                "{}: link to {target}: no such file",
                page.display()
            );
            if !frag.is_empty() {
                assert!(
                    anchors_of(&dest).iter().any(|a| a == frag),
                    "{}: link to {target}: no such heading",
                    page.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "found only {checked} links");
}

/// Every `svcacct …` line in the documentation's shell blocks is one the CLI accepts.
#[test]
fn readme_commands_parse() {
    let readme: String = documentation()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    // (command, whether the example shows it exiting 2, a usage error on purpose)
    let mut commands: Vec<(String, bool)> = Vec::new();
    let mut block = "";
    let mut pending = String::new();
    for line in readme.lines() {
        // A fence closes the open block, or opens one: ```sh blocks are commands, and so are
        // the `$ ` lines of ```console blocks (the examples tests/examples runs).
        if let Some(lang) = line.trim().strip_prefix("```") {
            block = if block.is_empty() && (lang == "sh" || lang == "console") {
                if lang == "sh" { "sh" } else { "console" }
            } else {
                ""
            };
            continue;
        }
        let line = match block {
            "sh" => line,
            "console" => {
                if let Some(code) = line.strip_prefix("? ") {
                    if let Some(last) = commands.last_mut() {
                        last.1 = code.trim() == "2";
                    }
                    continue;
                }
                // A command, or its continuation (`> `) after a trailing backslash.
                match line.strip_prefix("$ ") {
                    Some(cmd) => cmd,
                    None => match line.strip_prefix("> ").filter(|_| !pending.is_empty()) {
                        Some(cont) => cont,
                        None => continue,
                    },
                }
            }
            _ => continue,
        };
        let line = line.split(" # ").next().unwrap_or("").trim_end();
        if let Some(cont) = line.strip_suffix('\\') {
            pending.push_str(cont);
            continue;
        }
        let full = without_substitutions(&format!("{pending}{line}"));
        pending.clear();
        let Some(start) = full.find("svcacct ") else {
            continue;
        };
        if full[..start].contains("cargo")
            || full[..start].ends_with('-')
            || full[..start].ends_with('/')
            // git's helper string ('!svcacct git-credential'): git adds the operation.
            || full[..start].ends_with('!')
        {
            continue;
        }
        let cmd = full[start..]
            .split(['|', ')', '<', '>'])
            .next()
            .unwrap()
            .trim();
        commands.push((cmd.to_string(), false));
    }
    for (cmd, usage_error_shown) in &commands {
        let words = shell_words(cmd);
        let parsed = Cli::try_parse_from(&words);
        if let Err(e) = &parsed
            && !usage_error_shown
        {
            assert!(
                matches!(
                    e.kind(),
                    clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
                ),
                "README command `{cmd}` does not parse: {e}"
            );
        }
    }
    let checked = commands.len();
    assert!(
        checked >= 100,
        "found only {checked} README commands: is the extraction broken?"
    );
}

/// `$(…)` command substitutions (parentheses balanced) replaced by one word, `VALUE`: an
/// example may compute an argument.
fn without_substitutions(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("$(") {
        out.push_str(&rest[..i]);
        let mut depth = 0;
        let mut end = rest.len();
        for (j, c) in rest[i + 1..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1 + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push_str("VALUE");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Just enough shell word splitting for the README: spaces, single and double quotes.
fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, ' ') => {
                if any || !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// `svcacct api` as people coming from `gh api` type it (issue 17): the method defaults to GET
/// (POST with fields), `-X` sets it, `-F k=@file` reads the file, nested keys and arrays,
/// `--silent`, `-q`, and the server's key order kept.
#[test]
fn api_follows_gh_conventions() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    let me: Value = serde_json::from_str(&m.run(&["api", "/api/v1/me"]).ok().stdout).unwrap();
    assert_eq!(me["login"], "admin");
    assert_eq!(
        m.run(&["api", "-X", "get", "/api/v1/me", "-q", ".login"])
            .ok()
            .stdout,
        "admin\n"
    );
    m.run(&["api", "-X", "GET", "GET", "/api/v1/me"])
        .fails_with(2);
    m.run(&["api", "-X", "BREW", "/api/v1/me"])
        .fails_with(2)
        .one_line_error("BREW");
    // Fields make it a POST; -F @file reads the file; nested keys and arrays.
    let title = m.home.path().join("title.txt");
    std::fs::write(&title, "From a file").unwrap();
    let created = m
        .run(&[
            "api",
            "/api/v1/companies/{company}/projects/1/tickets",
            "-F",
            &format!("title=@{}", title.display()),
        ])
        .ok();
    let ticket: Value = serde_json::from_str(&created.stdout).unwrap();
    assert_eq!(ticket["title"], "From a file");
    // (The sandbox refuses fields it does not know; the body sent is in the -vv log.)
    let nested = m.run(&[
        "api",
        "-X",
        "PATCH",
        "/api/v1/companies/{company}/projects/1/tickets/1",
        "-F",
        "meta[source]=cli",
        "-F",
        "meta[tries]=3",
        "-F",
        "labels[]=site",
        "-F",
        "labels[]=urgent",
        "-vv",
    ]);
    assert!(
        nested
            .stderr
            .contains(r#"body: {"meta":{"source":"cli","tries":3},"labels":["site","urgent"]}"#),
        "{}",
        nested.stderr
    );
    // --silent prints no body; the exit code still says how it went.
    let silent = m.run(&["api", "/api/v1/me", "--silent"]).ok();
    assert!(silent.stdout.is_empty(), "{}", silent.stdout);
    m.run(&[
        "api",
        "/api/v1/companies/1/service-accounts/999",
        "--silent",
    ])
    .fails_with(6);
    // The server's key order, as `keys_unsorted` and plain output show it.
    let token = m.run(&["token"]).ok().stdout.trim().to_string();
    let (_, raw) = curl(&[
        "-H",
        &format!("Authorization: Bearer {token}"),
        &format!("{}/api/v1/me", sb.url()),
    ]);
    let server_order: Vec<String> = {
        let mut keys = Vec::new();
        let mut de = serde_json::Deserializer::from_str(&raw);
        let map: serde_json::Map<String, Value> = serde::Deserialize::deserialize(&mut de).unwrap();
        keys.extend(map.keys().cloned());
        keys
    };
    let ours = m
        .run(&["api", "/api/v1/me", "--jq", "keys_unsorted"])
        .ok()
        .stdout;
    let ours: Vec<String> = serde_json::from_str(&ours).unwrap();
    assert_eq!(ours, server_order);
    let mut sorted = server_order.clone();
    sorted.sort();
    assert_ne!(
        sorted, server_order,
        "the server's order is not alphabetical"
    );
}
