//! For test suites: every secret the sandbox hands out (access and refresh tokens, client
//! secrets, personal access tokens, authorization codes), recorded from its own responses, so a
//! suite can check that none of them ever shows up where it must not (logs, stderr). Off unless
//! [`crate::Config::record_issued_secrets`] is set; a real deployment has no such thing.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

/// A shared, clonable set of the secrets a sandbox issued.
#[derive(Clone, Default)]
pub struct IssuedSecrets(Arc<Mutex<BTreeSet<String>>>);

impl IssuedSecrets {
    pub fn insert(&self, secret: &str) {
        if secret.len() >= 8 {
            self.0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(secret.to_string());
        }
    }

    pub fn snapshot(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    /// The first issued secret that occurs in `text`, if any.
    pub fn found_in(&self, text: &str) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .find(|s| text.contains(s.as_str()))
            .cloned()
    }

    fn collect_json(&self, v: &Value) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        (
                            "access_token" | "refresh_token" | "client_secret" | "token"
                            | "id_token",
                            Value::String(s),
                        ) => self.insert(s),
                        _ => self.collect_json(v),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| self.collect_json(i)),
            _ => {}
        }
    }
}

/// Record the secrets in a response: JSON fields that carry one, an authorization code in a
/// redirect, the out-of-band code page's code.
pub async fn record(State(issued): State<IssuedSecrets>, req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    if let Some(location) = resp
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        && let Ok(url) = url::Url::parse(location)
    {
        for (k, v) in url.query_pairs() {
            if k == "code" {
                issued.insert(&v);
            }
        }
    }
    let content_type = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if !(content_type.starts_with("application/json") || content_type.starts_with("text/html")) {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    if content_type.starts_with("application/json") {
        if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
            issued.collect_json(&v);
        }
    } else {
        let text = String::from_utf8_lossy(&bytes);
        if let Some(rest) = text.split("<code id=\"code\">").nth(1)
            && let Some(code) = rest.split('<').next()
        {
            issued.insert(code);
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}
