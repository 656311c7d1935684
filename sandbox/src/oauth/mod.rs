//! The OAuth 2.0 authorization server: metadata (RFC 8414), token and revocation endpoints
//! (RFC 6749, 7009, 7636), the browser login/consent flow and the device flow (RFC 8628).

pub mod authorize;
pub mod device;
pub mod signin;
pub mod throttle;
pub mod token;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::state::Shared;

/// `GET /.well-known/oauth-authorization-server` (RFC 8414).
pub async fn metadata(State(state): State<Shared>) -> Json<Value> {
    let base = &state.base_url;
    Json(json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/oauth/authorize"),
        "token_endpoint": format!("{base}/oauth/token"),
        "revocation_endpoint": format!("{base}/oauth/revoke"),
        "device_authorization_endpoint": format!("{base}/oauth/device_authorization"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token", crate::service::tokens::DEVICE_CODE_GRANT],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": [crate::http::CREDENTIALS_SCOPE],
    }))
}
