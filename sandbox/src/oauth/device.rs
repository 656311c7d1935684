//! The device authorization grant (RFC 8628), for sign-ins from machines without a browser
//! (SSH sessions, containers): the device gets a device code and shows the user a short user
//! code; the user opens `/device` anywhere, signs in, approves; the device polls the token
//! endpoint meanwhile (`authorization_pending`, `slow_down`, `access_denied`, `expired_token`).
//!
//! User codes are 8 letters from an alphabet without vowels or look-alikes (RFC 8628 §6.1),
//! shown as `XXXX-XXXX`, typed in any case with or without the dash, single-use.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use rand::Rng;
use serde_json::json;

use crate::crypto::{random_token, sha256_hex};
use crate::error::OAuthError;
use crate::pages;
use crate::service::clients::{Client, authenticate_client, find_client};
use crate::service::signin::{self, AuthorizeParams};
use crate::state::Shared;
use crate::store::device_codes;

const ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
/// Live device codes at most (a flood of unauthenticated starts cannot fill the disk).
const MAX_PENDING: i64 = 10_000;
/// Live device codes one source (address or IPv6 /64) may hold: a flood from one place is
/// told to slow down, and everyone else still gets codes.
const PENDING_PER_SOURCE: i64 = 10;
/// Live device codes one confidential client (which authenticates) may hold.
const PENDING_PER_CLIENT: i64 = 1_000;

fn new_user_code() -> String {
    let mut rng = rand::rng();
    let letters: String = (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &letters[..4], &letters[4..])
}

/// What a person typed, as stored (`XXXX-XXXX`), or `None` when it cannot be a user code.
fn normalize(typed: &str) -> Option<String> {
    let letters: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (letters.len() == 8 && letters.bytes().all(|b| ALPHABET.contains(&b)))
        .then(|| format!("{}-{}", &letters[..4], &letters[4..]))
}

/// `POST /oauth/device_authorization` (RFC 8628 §3.1–3.2).
pub async fn authorize(
    State(state): State<Shared>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let source = super::throttle::source_of(peer.ip());
    let conn = state.db();
    let result = (|| -> Result<serde_json::Value, OAuthError> {
        let client_id = form
            .get("client_id")
            .filter(|c| !c.is_empty())
            .ok_or_else(|| OAuthError::new("invalid_request", "client_id is required"))?;
        let scope = form.get("scope").cloned().unwrap_or_default();
        if scope.len() > 500 {
            return Err(OAuthError::new("invalid_scope", "scope is too long"));
        }
        // Public clients name themselves; confidential ones authenticate as at the token endpoint.
        let client: Client = match find_client(&conn, client_id)? {
            Some((c, _)) if c.kind == "public" => c,
            Some(_) => {
                authenticate_client(&conn, &headers, &form, Some(peer.ip()), state.clock.now())?
            }
            None => {
                return Err(OAuthError::new(
                    "invalid_client",
                    format!("unknown client_id '{client_id}'"),
                ));
            }
        };
        if client.kind == "service_account" || client.kind == "deleted" {
            return Err(OAuthError::new(
                "unauthorized_client",
                format!("client '{client_id}' may not use the device flow"),
            ));
        }
        let t = state.clock.now();
        device_codes::prune(&conn, t - 3600)?;
        let device_codes::Pending {
            live,
            from_source,
            for_client,
        } = device_codes::pending(&conn, t, &source, &client.client_id)?;
        if from_source >= PENDING_PER_SOURCE {
            return Err(OAuthError::new(
                "slow_down",
                "too many device sign-ins are waiting from this address; finish or let them expire first",
            ));
        }
        if client.kind != "public" && for_client >= PENDING_PER_CLIENT {
            return Err(OAuthError::new(
                "slow_down",
                "too many device sign-ins are waiting for this client; try again in a few minutes",
            ));
        }
        if live >= MAX_PENDING {
            return Err(OAuthError::new(
                "slow_down",
                "too many device sign-ins are waiting; try again in a few minutes",
            ));
        }
        let device_code = random_token("sbd_");
        let mut user_code = new_user_code();
        for _ in 0..8 {
            let taken = device_codes::user_code_taken(&conn, &user_code)?;
            if !taken {
                break;
            }
            user_code = new_user_code();
        }
        device_codes::insert(
            &conn,
            &device_codes::NewDeviceCode {
                device_hash: &sha256_hex(&device_code),
                user_code: &user_code,
                client_id: &client.client_id,
                scope: &scope,
                interval: state.device_interval,
                expires_at: t + state.device_code_ttl,
                source: &source,
            },
        )?;
        let base = &state.base_url;
        Ok(json!({
            "device_code": device_code,
            "user_code": user_code,
            "verification_uri": format!("{base}/device"),
            "verification_uri_complete": format!("{base}/device?user_code={user_code}"),
            "expires_in": state.device_code_ttl,
            "interval": state.device_interval,
        }))
    })();
    match result {
        Ok(body) => {
            let mut resp = (StatusCode::OK, axum::Json(body)).into_response();
            resp.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            resp
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /device[?user_code=…]`: the verification page. With a valid code it starts the usual
/// sign-in (login, then consent); without one it asks for the code.
pub async fn page(
    State(state): State<Shared>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(typed) = q.get("user_code").filter(|c| !c.trim().is_empty()) else {
        return Html(pages::device_code_form(None)).into_response();
    };
    // Guessing codes is limited like guessing passwords (RFC 8628 §5.1): every lookup counts
    // for the address before it is made (never as an entry of its own: a flood of random codes
    // must not fill the sign-in table); a pending code gives it back.
    if let Err(wait) = state.login_throttle.attempt_address(peer.ip()) {
        let mut resp = (
            StatusCode::TOO_MANY_REQUESTS,
            Html(pages::device_code_form(Some(&format!(
                "Too many wrong codes from this address. Try again in {} minute(s).",
                wait.div_ceil(60)
            )))),
        )
            .into_response();
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return resp;
    }
    let bad = |why: &str| {
        (
            StatusCode::BAD_REQUEST,
            Html(pages::device_code_form(Some(why))),
        )
            .into_response()
    };
    let Some(user_code) = normalize(typed) else {
        return bad("That is not a code from this sign-in: codes are 8 letters, like BDFH-JKLM.");
    };
    let conn = state.db();
    let row = match device_codes::by_user_code(&conn, &user_code) {
        Ok(r) => r,
        Err(e) => return pages::server_error(e),
    };
    match row {
        Some(code) if code.status == "pending" && code.expires_at > state.clock.now() => {
            state.login_throttle.address_succeeded(peer.ip());
            let params = AuthorizeParams {
                client_id: code.client_id,
                redirect_uri: String::new(),
                state: None,
                code_challenge: None,
                scope: code.scope,
                device_user_code: Some(user_code),
            };
            match signin::begin(&conn, &params, peer.ip(), state.clock.now()) {
                Ok(opened) => pages::login_started(&opened),
                Err(e) => pages::server_error(e),
            }
        }
        Some(code) if code.status != "pending" => {
            bad("This code was used already. Start the sign-in again on your device.")
        }
        Some(_) => bad("This code has expired. Start the sign-in again on your device."),
        None => {
            bad("No sign-in is waiting for this code. Check it, or start again on your device.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_unambiguous_and_typed_loosely() {
        for _ in 0..50 {
            let code = new_user_code();
            assert_eq!(code.len(), 9);
            assert_eq!(normalize(&code).as_deref(), Some(code.as_str()));
            assert!(!code.contains(['A', 'E', 'I', 'O', 'U', '0', '1']));
        }
        assert_eq!(normalize("bdfh jklm").as_deref(), Some("BDFH-JKLM"));
        assert_eq!(normalize("BDFHJKLM").as_deref(), Some("BDFH-JKLM"));
        assert!(normalize("BDFH-JKL").is_none());
        assert!(normalize("ABCD-EFGH").is_none(), "vowels are never issued");
    }
}
