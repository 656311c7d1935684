//! `GET /oauth/authorize` (RFC 6749 §4.1, RFC 7636, RFC 8252): the request is checked, then
//! the browser sign-in (`service::signin`, its forms in `signin`) takes over.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use url::Url;

use crate::pages::{error_page, login_started, redirect_with, server_error};
use crate::service::signin::{self, AuthorizeParams, OOB};
use crate::state::Shared;

/// The longest value accepted for each authorization request parameter.
const PARAM_LIMITS: &[(&str, usize)] = &[
    ("client_id", 128),
    ("redirect_uri", 512),
    ("state", 512),
    ("code_challenge", 128),
    ("code_challenge_method", 16),
    ("scope", 512),
    ("response_type", 32),
];

/// RFC 8252 §7.3: loopback redirects on any port (and the out-of-band URN) for native clients.
fn redirect_allowed(loopback: bool, uri: &str) -> bool {
    if !loopback {
        return false;
    }
    if uri == OOB {
        return true;
    }
    match Url::parse(uri) {
        Ok(u) => {
            u.scheme() == "http"
                && matches!(
                    u.host_str(),
                    Some("127.0.0.1") | Some("[::1]") | Some("localhost")
                )
                && u.fragment().is_none()
                // No credentials in the URI, a real port, and no code or state of its own (the
                // client could be handed a code it did not ask for: RFC 6749 §3.1.2, §4.1.2).
                && u.username().is_empty()
                && u.password().is_none()
                && u.port() != Some(0)
                && !u
                    .query_pairs()
                    .any(|(k, _)| matches!(k.as_ref(), "code" | "state" | "error"))
        }
        Err(_) => false,
    }
}

pub async fn start(
    State(state): State<Shared>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    for (name, limit) in PARAM_LIMITS {
        if q.get(*name).is_some_and(|v| v.len() > *limit) {
            return error_page(
                StatusCode::BAD_REQUEST,
                "Invalid request",
                &format!("{name} is longer than {limit} characters."),
            );
        }
    }
    if q.len() > 16 {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Invalid request",
            "Too many parameters.",
        );
    }
    let Some(client_id) = q.get("client_id") else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Invalid request",
            "client_id is missing.",
        );
    };
    let conn = state.db();
    let client = match crate::service::clients::find_client(&conn, client_id) {
        Ok(Some((c, _))) => c,
        Ok(None) => {
            return error_page(
                StatusCode::BAD_REQUEST,
                "Unknown application",
                &format!("No application has the client_id '{client_id}'."),
            );
        }
        Err(e) => {
            return server_error(e);
        }
    };
    let redirect_uri = q.get("redirect_uri").cloned().unwrap_or_default();
    if !redirect_allowed(client.loopback_redirects, &redirect_uri) {
        // Never redirect to an unvalidated URI (RFC 6749 §4.1.2.1).
        return error_page(
            StatusCode::BAD_REQUEST,
            "Invalid redirect URI",
            &format!("'{redirect_uri}' is not registered for this application."),
        );
    }
    let params = AuthorizeParams {
        client_id: client_id.clone(),
        redirect_uri,
        state: q.get("state").cloned(),
        code_challenge: q.get("code_challenge").cloned(),
        scope: q.get("scope").cloned().unwrap_or_default(),
        device_user_code: None,
    };
    if q.get("response_type").map(String::as_str) != Some("code") {
        return redirect_with(
            &params,
            &[
                ("error", "unsupported_response_type"),
                ("error_description", "only response_type=code is supported"),
            ],
        );
    }
    let public = client.kind == "public";
    match (
        params.code_challenge.as_deref(),
        q.get("code_challenge_method").map(String::as_str),
    ) {
        (Some(_), Some("S256")) => {}
        (Some(_), _) => {
            return redirect_with(
                &params,
                &[
                    ("error", "invalid_request"),
                    ("error_description", "code_challenge_method must be S256"),
                ],
            );
        }
        (None, _) if public => {
            return redirect_with(
                &params,
                &[
                    ("error", "invalid_request"),
                    (
                        "error_description",
                        "PKCE is required: send code_challenge with code_challenge_method=S256",
                    ),
                ],
            );
        }
        (None, _) => {}
    }
    match signin::begin(&conn, &params, peer.ip(), state.clock.now()) {
        Ok(opened) => login_started(&opened),
        Err(e) => server_error(e),
    }
}

#[cfg(test)]
mod tests {
    use super::redirect_allowed;

    #[test]
    fn only_loopback_redirects_are_allowed() {
        assert!(redirect_allowed(true, "http://127.0.0.1:53127/callback"));
        assert!(redirect_allowed(true, "http://[::1]:9/cb"));
        assert!(redirect_allowed(true, "http://localhost:8000/"));
        assert!(redirect_allowed(true, "urn:ietf:wg:oauth:2.0:oob"));
        assert!(!redirect_allowed(true, "https://evil.example/callback"));
        assert!(!redirect_allowed(true, "http://127.0.0.1.evil.example/"));
        assert!(!redirect_allowed(false, "http://127.0.0.1:1/"));
        assert!(!redirect_allowed(true, "http://user:pw@127.0.0.1:5000/cb"));
        assert!(!redirect_allowed(true, "http://evil@localhost:5000/cb"));
        assert!(!redirect_allowed(true, "http://127.0.0.1:0/cb"));
        assert!(!redirect_allowed(
            true,
            "http://127.0.0.1:5000/cb?code=planted"
        ));
        assert!(!redirect_allowed(
            true,
            "http://127.0.0.1:5000/cb?x=1&state=s"
        ));
        assert!(redirect_allowed(true, "http://127.0.0.1:5000/cb?x=1"));
    }
}
