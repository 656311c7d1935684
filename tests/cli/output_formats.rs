//! Issue 13, output for scripts: `--jq EXPR` on every command with JSON output (jaq, in
//! process: no jq binary needed), and `--format jsonl` for listings, streamed: the first
//! object is printed before the next page is fetched.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::doubles::Double;
use crate::harness::*;

#[test]
fn jq_filters_every_json_output_and_jsonl_lists_one_object_per_line() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    for n in 0..3 {
        m.run(&[
            "sa",
            "create",
            "--name",
            &format!("Bot {n}"),
            "--email",
            &format!("bot{n}@acme.example"),
            "--json",
        ])
        .ok();
    }
    // Strings print raw, one per line, like `gh --jq`.
    let names = m.run(&["sa", "list", "--jq", ".[].name"]).ok();
    let names: Vec<&str> = names.stdout.lines().collect();
    assert!(
        names.contains(&"Bot 0") && names.contains(&"Bot 2"),
        "{names:?}"
    );
    // Other values as compact JSON.
    let count = m.run(&["sa", "list", "--jq", "length"]).ok();
    let all: Value = serde_json::from_str(&m.run(&["sa", "list", "--json"]).ok().stdout).unwrap();
    assert_eq!(
        count.stdout.trim(),
        all.as_array().unwrap().len().to_string()
    );
    // On single documents too: the API escape hatch, a view, the token.
    let me = m.run(&["api", "GET", "/api/v1/me", "--jq", ".login"]).ok();
    assert_eq!(me.stdout.trim(), "admin");
    let id = all[0]["id"].to_string();
    let view = m.run(&["sa", "view", &id, "--jq", "{id, name}"]).ok();
    let view: Value = serde_json::from_str(view.stdout.trim()).unwrap();
    assert_eq!(view["id"], all[0]["id"]);
    let token_type = m
        .run(&["token", "--format", "json", "--jq", ".token_type"])
        .ok();
    assert_eq!(token_type.stdout.trim(), "Bearer");
    // jsonl: one object per line, each a whole JSON document; with --jq, filtered per object.
    let lines = m
        .run(&["sa", "list", "--format", "jsonl", "--page-size", "1"])
        .ok();
    let objects: Vec<Value> = lines
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(objects.len(), all.as_array().unwrap().len());
    assert!(objects.iter().all(|o| o["client_id"].is_string()));
    let ids = m
        .run(&["sa", "list", "--format", "jsonl", "--jq", ".client_id"])
        .ok();
    assert_eq!(ids.stdout.lines().count(), objects.len());
    assert!(
        ids.stdout.lines().all(|l| l.starts_with("sa_")),
        "{}",
        ids.stdout
    );
    for args in [
        &["tokens", "list", "--format", "jsonl"][..],
        &["users", "list", "--format", "jsonl"],
    ] {
        let run = m.run(args).ok();
        for line in run.stdout.lines() {
            serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("{args:?}: {e}: {line}"));
        }
    }
    // A program that does not compile: exit 2, before any request.
    m.run(&["sa", "list", "--jq", ".[ | bad"])
        .fails_with(2)
        .one_line_error("--jq");
    // A runtime error of the program: exit 2 naming it.
    m.run(&["sa", "list", "--jq", ".foo"])
        .fails_with(2)
        .one_line_error("--jq");
}

/// `--format jsonl` streams: the first page's object is on stdout while the second page is
/// still being served (a server that holds page 2 until the test has read line 1).
#[test]
fn jsonl_prints_each_page_before_fetching_the_next() {
    let release = Arc::new(AtomicBool::new(false));
    let r = release.clone();
    let base: Arc<Mutex<String>> = Arc::default();
    let b = base.clone();
    let server = Double::start(Arc::new(move |req| {
        let base = b.lock().unwrap().clone();
        let page = req
            .query_pairs()
            .get("page")
            .cloned()
            .unwrap_or_else(|| "1".into());
        let item = |n: i64| {
            json!({"id": n, "company_id": 1, "name": format!("Page {n}"), "description": "",
                   "email": format!("p{n}@acme.example"), "client_id": format!("sa_page{n}"),
                   "created_at": "2026-11-24T00:00:00Z", "secret_reset_at": null})
        };
        if page == "2" {
            // Hold the second page until the first object was seen (bounded).
            for _ in 0..200 {
                if r.load(Ordering::SeqCst) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            return (
                200,
                vec![
                    ("content-type".into(), "application/json".into()),
                    ("total".into(), "2".into()),
                ],
                json!([item(2)]).to_string(),
            );
        }
        let next =
            format!("<{base}/api/v1/companies/1/service-accounts?page=2&per_page=1>; rel=\"next\"");
        (
            200,
            vec![
                ("content-type".into(), "application/json".into()),
                ("total".into(), "2".into()),
                ("link".into(), next),
            ],
            json!([item(1)]).to_string(),
        )
    }));
    *base.lock().unwrap() = server.url();
    let mut m = Machine::new();
    m.set("SVCACCT_TOKEN", "sba_test_token_for_the_double")
        .set("SVCACCT_API_URL", server.url());
    let mut child = m
        .command(&[
            "--company",
            "1",
            "sa",
            "list",
            "--format",
            "jsonl",
            "--page-size",
            "1",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(8))
        .expect("the first object came before page 2");
    assert_eq!(
        serde_json::from_str::<Value>(&first).unwrap()["name"],
        "Page 1"
    );
    assert!(!release.load(Ordering::SeqCst));
    release.store(true, Ordering::SeqCst);
    let second = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the second object");
    assert_eq!(
        serde_json::from_str::<Value>(&second).unwrap()["name"],
        "Page 2"
    );
    let out = wait_bounded(child, Duration::from_secs(20));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A one-time secret is never lost to a `--jq` filter (issue 17), nor printed when the filter
/// leaves it out: a filter that would not print it is refused before anything changes (tried on
/// a stand-in); one that fails or drops it only on the real answer gets the whole answer printed
/// unfiltered, exit 2, one line saying why — and the secret printed is the one that works.
#[test]
fn a_wrong_jq_never_loses_a_one_time_secret() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    let created = m
        .run(&[
            "sa",
            "create",
            "--name",
            "ERP",
            "--email",
            "erp@acme.example",
            "--json",
        ])
        .ok();
    let created: Value = serde_json::from_str(&created.stdout).unwrap();
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    let first = created["client_secret"].as_str().unwrap().to_string();
    let works = |secret: &str| {
        let (code, _) = curl(&[
            "-u",
            &format!("{client_id}:{secret}"),
            "-d",
            "grant_type=client_credentials",
            &format!("{}/oauth/token", sb.url()),
        ]);
        code == 200
    };
    // Refused before the reset: the first secret still works, nothing is printed.
    for filter in [
        ".secret",
        "error(\"boom\")",
        ".client_secret | tonumber",
        "empty",
        ".id",
    ] {
        let run = m.run(&["reset-secret", &id, "--yes", "--jq", filter]);
        run.fails_with(2)
            .one_line_error("would not print the new client secret");
        assert!(run.stdout.is_empty(), "{filter}: {}", run.stdout);
        assert!(works(&first), "{filter}: nothing was reset");
    }
    m.run(&[
        "sa",
        "create",
        "--name",
        "X",
        "--email",
        "x@acme.example",
        "--jq",
        ".id",
    ])
    .fails_with(2)
    .one_line_error("would not print");
    assert!(
        !m.run(&["sa", "list", "--jq", ".[].name"])
            .ok()
            .stdout
            .contains('X'),
        "nothing was created"
    );
    // Fine on the stand-in, wrong on the real answer: the whole answer, exit 2.
    for filter in [
        "if .id then .id else .client_secret end",
        "if .id then error(\"late\") else .client_secret end",
    ] {
        let run = m.run(&["reset-secret", &id, "--yes", "--jq", filter]);
        run.fails_with(2).one_line_error("--jq");
        let whole: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|_| panic!("{filter}: the whole answer: {}", run.stdout));
        let secret = whole["client_secret"].as_str().unwrap();
        assert!(
            works(secret),
            "{filter}: the printed secret is the live one"
        );
        assert!(run.stderr.contains("only this once"), "{}", run.stderr);
    }
    // A filter that keeps the secret prints just what it asked for.
    let run = m
        .run(&["reset-secret", &id, "--yes", "--jq", ".client_secret"])
        .ok();
    assert!(works(run.stdout.trim()));
    assert_eq!(run.stdout.lines().count(), 1);
    // Rotation and personal access tokens alike.
    m.run(&["sa", "rotate-secret", &id, "--jq", ".nope"])
        .fails_with(2)
        .one_line_error("would not print");
    let run = m.run(&[
        "sa",
        "rotate-secret",
        &id,
        "--jq",
        "if .id then .id else .client_secret end",
    ]);
    run.fails_with(2);
    let whole: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(works(whole["client_secret"].as_str().unwrap()));
    m.run(&["tokens", "create", "--name", "laptop", "--jq", ".id"])
        .fails_with(2)
        .one_line_error("would not print the new token");
    let run = m.run(&[
        "tokens",
        "create",
        "--name",
        "laptop",
        "--jq",
        "if .id then .id else .token end",
    ]);
    run.fails_with(2);
    let whole: Value = serde_json::from_str(&run.stdout).unwrap();
    let (status, _) = api(
        whole["token"].as_str().unwrap(),
        "GET",
        &format!("{}/api/v1/me", sb.url()),
        None,
    );
    assert_eq!(status, 200);
}

/// `--jq` runs bounded (issue 17): results stream as produced (an endless generator's first
/// line arrives, and closing the pipe ends it), and a runaway recursion or an endless value is
/// one error line and exit 2, never an abort.
#[test]
fn jq_streams_and_runaway_programs_end_with_one_line() {
    let sb = Sandbox::start();
    let mut m = Machine::new();
    login_browser(&mut m, &sb, "admin", &[]).ok();
    let mut child = m
        .command(&["api", "GET", "/api/v1/me", "--jq", "repeat(.login)"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first.trim(), "admin");
    let out = wait_bounded(child, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(0), "a closed pipe ends it quietly");
    for runaway in ["def f: [f]; f", "[repeat(\"x\" * 1000)]", "def f: 1 + f; f"] {
        let run = m.run(&["api", "GET", "/api/v1/me", "--jq", runaway]);
        run.fails_with(2).one_line_error("--jq");
        assert!(!run.stderr.contains("overflow"), "{}", run.stderr);
    }
    // jq's own words, with types for values (the login is not in them).
    let run = m.run(&["api", "GET", "/api/v1/me", "--jq", ".login | .[0]"]);
    run.fails_with(2)
        .one_line_error("cannot index string with number");
    assert!(!run.stderr.contains("admin"), "{}", run.stderr);
    m.run(&["api", "GET", "/api/v1/me", "--jq", "error(\"boom\")"])
        .fails_with(2)
        .one_line_error("boom");
}
