//! What `-v` may show of a request or response: never a token, secret, code or password.

use reqwest::header::{HeaderName, HeaderValue};
use url::Url;

const SENSITIVE_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "code",
    "code_verifier",
    "token",
    "password",
    "secret",
    "assertion",
    "value",
];

const SENSITIVE_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
];

const MASK: &str = "[redacted]";

fn sensitive(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SENSITIVE_KEYS.contains(&key.as_str())
        || key.ends_with("_secret")
        || key.ends_with("_token")
        || key.ends_with("password")
        || key.ends_with("assertion")
        || key.ends_with("_code")
}

pub fn header(name: &HeaderName, value: &HeaderValue) -> String {
    if value.is_sensitive() && !SENSITIVE_HEADERS.contains(&name.as_str()) {
        return MASK.to_string();
    }
    if SENSITIVE_HEADERS.contains(&name.as_str()) {
        let scheme = value
            .to_str()
            .ok()
            .and_then(|v| v.split_once(' '))
            .map(|(s, _)| format!("{s} "))
            .unwrap_or_default();
        format!("{scheme}{MASK}")
    } else {
        value.to_str().unwrap_or("(binary)").to_string()
    }
}

pub fn url(url: &Url) -> String {
    if url.query().is_none() {
        return url.to_string();
    }
    let mut shown = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if sensitive(&k) {
                MASK.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    shown.query_pairs_mut().clear().extend_pairs(pairs);
    shown.to_string()
}

pub fn body(body: &[u8], content_type: &str) -> String {
    if body.is_empty() {
        return "(empty)".to_string();
    }
    let ct = content_type.to_ascii_lowercase();
    if ct.starts_with("application/x-www-form-urlencoded") {
        return url::form_urlencoded::parse(body)
            .map(|(k, v)| {
                if sensitive(&k) {
                    format!("{k}={MASK}")
                } else {
                    format!("{k}={v}")
                }
            })
            .collect::<Vec<_>>()
            .join("&");
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut v) => {
            redact_json(&mut v);
            v.to_string()
        }
        Err(_) => format!(
            "({} bytes of {})",
            body.len(),
            if ct.is_empty() { "unknown type" } else { &ct }
        ),
    }
}

pub fn redact_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if sensitive(k) && !v.is_null() {
                    *v = serde_json::Value::String(MASK.to_string());
                } else {
                    redact_json(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_json_headers_and_queries_are_masked() {
        let form = body(
            b"grant_type=refresh_token&refresh_token=sbr_abc&client_id=x",
            "application/x-www-form-urlencoded",
        );
        assert!(
            !form.contains("sbr_abc") && form.contains("client_id=x"),
            "{form}"
        );
        let json = body(
            br#"{"access_token":"sba_1","nested":{"client_secret":"s"},"expires_in":3}"#,
            "application/json",
        );
        assert!(
            !json.contains("sba_1") && !json.contains("\"s\"") && json.contains("expires_in"),
            "{json}"
        );
        let h = header(
            &HeaderName::from_static("authorization"),
            &HeaderValue::from_static("Basic Zm9vOmJhcg=="),
        );
        assert_eq!(h, "Basic [redacted]");
        let u = url(&Url::parse("http://127.0.0.1/cb?code=abc&state=s1").unwrap());
        assert!(!u.contains("abc") && u.contains("state=s1"), "{u}");
        assert_eq!(body(b"<html>", "text/html"), "(6 bytes of text/html)");
    }
}
