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
