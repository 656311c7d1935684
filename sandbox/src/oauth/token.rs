//! `POST /oauth/token` and `POST /oauth/revoke`.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde_json::json;

use crate::crypto::{random_token, sha256_hex};
use crate::error::OAuthError;
use crate::service::clients::authenticate_client;
use crate::service::tokens as grants;
use crate::state::Shared;
use crate::store::Conn;

pub async fn token(
    State(state): State<Shared>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let grant_type = form.get("grant_type").cloned().unwrap_or_default();
    *state
        .stats
        .token_requests
        .lock()
        .expect("stats lock")
        .entry(grant_type.clone())
        .or_default() += 1;
    let ttl = state.token_ttl();
    if form.contains_key("client_assertion") || form.contains_key("client_assertion_type") {
        return match assertion_grant(&state, &headers, &form, &grant_type, ttl).await {
            Ok(body) => no_store(body),
            Err(e) => e.into_response(),
        };
    }
    if state.bench_ceiling && grant_type == "client_credentials" {
        // The route's ceiling: the same parsing and answer, no client authentication, no store.
        return no_store(
            json!({"access_token": random_token("sba_"), "token_type": "Bearer", "expires_in": ttl}),
        );
    }
    let result = if grant_type == "client_credentials" {
        // The hot path: a service account with one of its secrets. Verified credentials come
        // from memory (else from a pool reader), and only the token row and the secret's use go
        // to the writer thread, checked again there and committed in a batch with the requests
        // that arrived meanwhile. Anything else takes the full path on the writer thread.
        let key = crate::service::clients::VerifiedSecrets::key(&headers, &form);
        let mut verified = key.and_then(|k| state.verified_secrets.get(&k));
        if verified.is_none() && key.is_some() {
            let (state, headers, form) = (state.clone(), headers.clone(), form.clone());
            verified = tokio::task::spawn_blocking(move || {
                verify_service_account(&state.read(), &headers, &form, state.clock.now())
            })
            .await
            .ok()
            .and_then(Result::ok)
            .flatten();
        }
        let issued = match verified {
            Some(v) => {
                let prepared = Prepared {
                    value: random_token("sba_"),
                    verified: v,
                    seen: crate::store::service_accounts::SeenFrom::new(
                        Some(peer.ip()),
                        headers
                            .get(header::USER_AGENT)
                            .and_then(|v| v.to_str().ok()),
                    ),
                    now: state.clock.now(),
                    max_expires_at: state.clock.now() + ttl,
                };
                let stored = state
                    .store()
                    .batched(move |conn| {
                        store_prepared(conn, &prepared).map(|at| at.map(|at| (prepared, at)))
                    })
                    .await
                    .and_then(Result::ok)
                    .flatten();
                if let Some((p, _)) = &stored {
                    state.store().stamp_secret(
                        p.verified.secret_id,
                        state.clock.now(),
                        p.seen.clone(),
                    );
                }
                if let Some(k) = key {
                    match &stored {
                        Some((p, _)) => state.verified_secrets.put(k, p.verified.clone()),
                        None => state.verified_secrets.forget(&k),
                    }
                }
                stored
            }
            None => None,
        };
        let clock = state.clock.clone();
        match issued {
            Some((p, expires_at)) => Ok(json!({
                "access_token": p.value,
                "token_type": "Bearer",
                "expires_in": (expires_at - state.clock.now()).max(1),
            })),
            None => state
                .store()
                .batched(move |conn| {
                    let now = clock.now();
                    let client = authenticate_client(conn, &headers, &form, Some(peer.ip()), now)?;
                    grants::client_credentials(conn, &client, &form, ttl, now)
                })
                .await
                .unwrap_or_else(|| Err(server_error())),
        }
    } else {
        let state = state.clone();
        tokio::task::spawn_blocking(move || {
            let conn = state.db();
            let now = state.clock.now();
            let client = authenticate_client(&conn, &headers, &form, Some(peer.ip()), now)?;
            match grant_type.as_str() {
                "authorization_code" => grants::authorization_code(&conn, &client, &form, ttl, now),
                "refresh_token" => {
                    grants::refresh(&conn, &client, &form, ttl, state.refresh_reuse_window, now)
                }
                grants::DEVICE_CODE_GRANT => grants::device_code(
                    &conn,
                    &client,
                    &form,
                    state.clock.now_ms(),
                    &|conn, client_id, user_id, scope| {
                        grants::active_user(conn, user_id)?;
                        let grant_id = crate::store::oauth::insert_grant(
                            conn, client_id, user_id, scope, now,
                        )?;
                        Ok(grants::issue_pair(
                            conn, client_id, user_id, grant_id, ttl, now,
                        )?)
                    },
                ),
                "" => Err(OAuthError::new("invalid_request", "grant_type is required")),
                other => Err(OAuthError::new(
                    "unsupported_grant_type",
                    format!("grant_type '{other}' is not supported"),
                )),
            }
        })
        .await
        .unwrap_or_else(|_| Err(server_error()))
    };
    match result {
        Ok(body) => no_store(body),
        Err(e) => e.into_response(),
    }
}

/// A service account's client-credentials token, ready to be stored.
struct Prepared {
    value: String,
    verified: crate::service::clients::VerifiedSecret,
    seen: crate::store::service_accounts::SeenFrom,
    now: i64,
    /// Now + the token lifetime; the secret's own expiry (a rotation's grace) may cut it.
    max_expires_at: i64,
}

/// Read-only (a pool reader): the service account a request's secret authenticates, if any.
fn verify_service_account(
    conn: &Conn,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    now: i64,
) -> crate::store::Result<Option<crate::service::clients::VerifiedSecret>> {
    let Some((client, _)) =
        crate::service::clients::service_account_by_secret(conn, headers, form, now)?
    else {
        return Ok(None);
    };
    Ok(match (client.user_id, client.secret_id) {
        (Some(user_id), Some(secret_id)) => Some(crate::service::clients::VerifiedSecret {
            client_id: client.client_id,
            user_id,
            secret_id,
        }),
        _ => None,
    })
}

/// Store a prepared token (its secret's use is noted with the next write) where what it was verified from still holds (the secret active,
/// the user enabled, the client this user's service-account client), never outliving the
/// secret; its expiry, or `None`, which sends the request to the full path.
fn store_prepared(conn: &Conn, p: &Prepared) -> crate::store::Result<Option<i64>> {
    let v = &p.verified;
    crate::store::oauth::insert_verified_access(
        conn,
        &sha256_hex(&p.value),
        &v.client_id,
        v.user_id,
        v.secret_id,
        p.max_expires_at,
        p.now,
    )
}

fn server_error() -> OAuthError {
    OAuthError::new("server_error", "internal server error")
}

fn no_store(body: serde_json::Value) -> Response {
    let mut resp = (StatusCode::OK, Json(body)).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// The client-credentials grant with an RFC 7523 client assertion (a federated service
/// account): the assertion replaces the secret, and is good for one token.
async fn assertion_grant(
    state: &Shared,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    grant_type: &str,
    ttl: i64,
) -> Result<serde_json::Value, OAuthError> {
    use crate::service::federation::ASSERTION_TYPE;
    if form.get("client_assertion_type").map(String::as_str) != Some(ASSERTION_TYPE) {
        return Err(OAuthError::new(
            "invalid_client",
            format!("client_assertion_type must be {ASSERTION_TYPE}"),
        ));
    }
    if headers.contains_key(header::AUTHORIZATION) || form.contains_key("client_secret") {
        return Err(OAuthError::new(
            "invalid_request",
            "use one client authentication method: a client assertion, or a secret",
        ));
    }
    if grant_type != "client_credentials" {
        return Err(OAuthError::new(
            "unauthorized_client",
            "a client assertion is accepted with grant_type=client_credentials only",
        ));
    }
    let client_id = form.get("client_id").cloned().ok_or_else(|| {
        OAuthError::new(
            "invalid_client",
            "client_id is required with a client assertion",
        )
    })?;
    let assertion = form
        .get("client_assertion")
        .map(|a| a.trim().to_string())
        .unwrap_or_default();
    let verified = crate::service::federation::verify(state, &client_id, &assertion)
        .await
        .map_err(|refused| OAuthError::new("invalid_client", refused.public))?;
    let conn = state.db();
    // The federation may have been removed while its keys were fetched.
    if !crate::store::federations::exists(&conn, verified.company_id, verified.federation_id)? {
        return Err(OAuthError::new(
            "invalid_client",
            "the federation that accepted the assertion was just removed",
        ));
    }
    grants::active_user(&conn, verified.user_id)?;
    if !crate::store::federations::use_jti(
        &conn,
        &verified.issuer,
        &verified.replay_key,
        verified.expires_at,
        state.clock.now(),
    )? {
        return Err(OAuthError::new(
            "invalid_client",
            "the assertion was already used (jti): each one is good for one token",
        ));
    }
    let (access, access_id) = grants::insert_token(
        &conn,
        "access",
        &client_id,
        verified.user_id,
        None,
        Some(state.clock.now() + ttl),
        state.clock.now(),
    )?;
    crate::store::oauth::set_token_federation(&conn, access_id, verified.federation_id)?;
    Ok(json!({"access_token": access, "token_type": "Bearer", "expires_in": ttl}))
}

/// `POST /oauth/revoke` (RFC 7009): 200 whether or not the token was known. Revoking a refresh
/// token revokes its whole grant.
pub async fn revoke(
    State(state): State<Shared>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let conn = state.db();
    let result = (|| {
        let client =
            authenticate_client(&conn, &headers, &form, Some(peer.ip()), state.clock.now())?;
        let token = form
            .get("token")
            .ok_or_else(|| OAuthError::new("invalid_request", "token is required"))?;
        let row = crate::store::oauth::token_by_hash(&conn, &sha256_hex(token))?;
        if let Some((id, token_client, grant_id, kind)) = row {
            // A client may revoke only its own tokens; others are ignored (RFC 7009 §2.1).
            if token_client.as_deref() == Some(client.client_id.as_str()) {
                match (kind.as_str(), grant_id) {
                    ("refresh", Some(g)) => crate::store::oauth::revoke_grant(&conn, g)?,
                    _ => crate::store::oauth::revoke_token(&conn, id, 1)?,
                }
            }
        }
        Ok::<_, OAuthError>(())
    })();
    match result {
        Ok(()) => StatusCode::OK.into_response(),
        Err(e) => e.into_response(),
    }
}
