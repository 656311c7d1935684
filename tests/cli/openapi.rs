//! The OpenAPI document: the sandbox serves the committed file, and every operation it
//! documents is a real route (not the sandbox's "no route" answer).

use crate::harness::*;

fn fetch(url: &str, method: &str) -> (u16, String) {
    let out = std::process::Command::new("curl")
        .args(["-s", "-X", method, "-w", "\n%{http_code}", url])
        .output()
        .expect("curl runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
    (code.trim().parse().unwrap_or(0), body.to_string())
}

#[test]
fn served_document_equals_the_committed_file() {
    let sb = Sandbox::start();
    let (status, body) = fetch(&format!("{}/openapi.json", sb.url()), "GET");
    assert_eq!(status, 200);
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sandbox/openapi.json"))
            .unwrap();
    let served: serde_json::Value = serde_json::from_str(&body).unwrap();
    let file: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(served, file);
    assert_eq!(file["openapi"], "3.1.0");
}

#[test]
fn every_documented_operation_is_routed() {
    let sb = Sandbox::start();
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sandbox/openapi.json"))
            .unwrap(),
    )
    .unwrap();
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 8, "the document covers the API");
    for (p, ops) in paths {
        let concrete = p.replace("{company_id}", "1").replace("{id}", "1");
        for m in ops
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
        {
            let (status, body) = fetch(&format!("{}{concrete}", sb.url()), &m.to_uppercase());
            assert_ne!(status, 405, "{m} {p} is documented but not routed");
            assert!(
                !body.contains("route_not_found"),
                "{m} {p} is documented but not routed"
            );
        }
    }
}

/// The reverse direction: every route the sandbox's router declares is documented. (axum does
/// not list its routes, so the router's source is read: every `.route("…")` in routes.rs.)
#[test]
fn every_route_is_documented() {
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sandbox/openapi.json"))
            .unwrap(),
    )
    .unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let router = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sandbox/src/routes.rs"
    ))
    .unwrap();
    let mut routes = Vec::new();
    let mut rest = router.as_str();
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let start = rest.find('"').unwrap() + 1;
        let end = start + rest[start..].find('"').unwrap();
        routes.push(rest[start..end].to_string());
    }
    assert!(
        routes.len() >= 30,
        "found {} routes: is the extraction broken?",
        routes.len()
    );
    for route in &routes {
        // Routes nested under /api/v1 are written relative to it.
        let documented =
            paths.contains_key(route) || paths.contains_key(&format!("/api/v1{route}"));
        assert!(documented, "route {route} is not in sandbox/openapi.json");
    }
}
