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

/// One man page per command: svcacct.1, svcacct-login.1, svcacct-service-accounts-list.1, …
fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, name: String, bin: String, out: &mut Vec<(String, Vec<u8>)>) {
        // clap wants 'static names; these few leaked strings live as long as the test anyway.
        let leaked: &'static str = Box::leak(name.clone().into_boxed_str());
        let page = cmd.clone().name(leaked).bin_name(bin.clone());
        let mut buf = Vec::new();
        clap_mangen::Man::new(page).render(&mut buf).unwrap();
        out.push((format!("{name}.1"), buf));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(
                sub,
                format!("{name}-{}", sub.get_name()),
                format!("{bin} {}", sub.get_name()),
                out,
            );
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "svcacct".into(), "svcacct".into(), &mut out);
    out
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
    check_dir(&root().join("man"), &pages, "scripts/regenerate.sh");
}

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

/// Every `svcacct …` line in the README's shell blocks is accepted by the real argument parser.
#[test]
fn readme_commands_parse() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut checked = 0;
    let mut in_block = false;
    let mut pending = String::new();
    for line in readme.lines() {
        // A fence closes the open block, or opens one: only ```sh blocks are commands.
        if let Some(lang) = line.trim().strip_prefix("```") {
            in_block = !in_block && lang == "sh";
            continue;
        }
        if !in_block {
            continue;
        }
        let line = line.split(" # ").next().unwrap_or("").trim_end();
        if let Some(cont) = line.strip_suffix('\\') {
            pending.push_str(cont);
            continue;
        }
        let full = format!("{pending}{line}");
        pending.clear();
        let Some(start) = full.find("svcacct ") else {
            continue;
        };
        if full[..start].contains("cargo")
            || full[..start].ends_with('-')
            || full[..start].ends_with('/')
        {
            continue;
        }
        let cmd = full[start..]
            .split(['|', ')', '<', '>'])
            .next()
            .unwrap()
            .trim();
        let words = shell_words(cmd);
        let parsed = Cli::try_parse_from(&words);
        if let Err(e) = &parsed {
            assert!(
                matches!(
                    e.kind(),
                    clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
                ),
                "README command `{cmd}` does not parse: {e}"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 40,
        "found only {checked} README commands: is the extraction broken?"
    );
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
