//! `POST /oauth/token` and `POST /oauth/revoke`.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::client::{Client, authenticate_client};
use crate::crypto::{pkce_s256, random_token, sha256_hex};
use crate::error::OAuthError;
use crate::state::Shared;

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
        let key = super::client::VerifiedSecrets::key(&headers, &form);
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
                    client_credentials(conn, &client, &form, ttl, now)
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
                "authorization_code" => authorization_code(&conn, &client, &form, ttl, now),
                "refresh_token" => refresh(&conn, &client, &form, ttl, state.refresh_reuse_window, now),
                super::device::GRANT_TYPE => {
                    super::device::grant(&conn, &client, &form, state.clock.now_ms(), &|conn, client_id, user_id, scope| {
                        active_user(conn, user_id)?;
                        conn.execute(
                            "INSERT INTO grants (client_id, user_id, scope, created_at) VALUES (?1, ?2, ?3, ?4)",
                            params![client_id, user_id, scope, now],
                        )?;
                        let grant_id = conn.last_insert_rowid();
                        Ok(issue_pair(conn, client_id, user_id, grant_id, ttl, now)?)
                    })
                }
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
    verified: super::client::VerifiedSecret,
    seen: crate::store::service_accounts::SeenFrom,
    now: i64,
    /// Now + the token lifetime; the secret's own expiry (a rotation's grace) may cut it.
    max_expires_at: i64,
}

/// Read-only (a pool reader): the service account a request's secret authenticates, if any.
fn verify_service_account(
    conn: &Connection,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    now: i64,
) -> rusqlite::Result<Option<super::client::VerifiedSecret>> {
    let Some((client, _)) = super::client::service_account_by_secret(conn, headers, form, now)?
    else {
        return Ok(None);
    };
    Ok(match (client.user_id, client.secret_id) {
        (Some(user_id), Some(secret_id)) => Some(super::client::VerifiedSecret {
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
fn store_prepared(conn: &Connection, p: &Prepared) -> rusqlite::Result<Option<i64>> {
    let t = p.now;
    let v = &p.verified;
    let expires_at = conn
        .prepare_cached(
            "INSERT INTO tokens (hash, kind, client_id, user_id, expires_at, created_at, secret_id)
             SELECT ?1, 'access', ?2, ?3, MIN(?4, COALESCE(cs.expires_at, ?4)), ?5, ?6
             FROM client_secrets cs
             WHERE cs.id = ?6 AND cs.client_id = ?2 AND (cs.expires_at IS NULL OR cs.expires_at > ?5)
               AND EXISTS (SELECT 1 FROM users WHERE id = ?3 AND disabled = 0)
               AND EXISTS (SELECT 1 FROM oauth_clients
                           WHERE client_id = ?2 AND kind = 'service_account' AND user_id = ?3)
             RETURNING expires_at",
        )?
        .query_row(
            params![
                sha256_hex(&p.value),
                v.client_id,
                v.user_id,
                p.max_expires_at,
                t,
                v.secret_id
            ],
            |r| r.get::<_, i64>(0),
        )
        .optional()?;
    Ok(expires_at)
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
    use crate::federation::ASSERTION_TYPE;
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
    let verified = crate::federation::verify(state, &client_id, &assertion)
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
    active_user(&conn, verified.user_id)?;
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
    let access = insert_token(
        &conn,
        "access",
        &client_id,
        verified.user_id,
        None,
        Some(state.clock.now() + ttl),
        state.clock.now(),
    )?;
    conn.execute(
        "UPDATE tokens SET federation_id = ?1 WHERE hash = ?2",
        params![verified.federation_id, sha256_hex(&access)],
    )?;
    Ok(json!({"access_token": access, "token_type": "Bearer", "expires_in": ttl}))
}

fn active_user(conn: &Connection, user_id: i64) -> Result<(), OAuthError> {
    let disabled: Option<bool> = conn
        .query_row("SELECT disabled FROM users WHERE id = ?1", [user_id], |r| {
            r.get(0)
        })
        .optional()?;
    match disabled {
        Some(false) => Ok(()),
        _ => Err(OAuthError::new(
            "invalid_grant",
            "the user this grant belongs to is disabled",
        )),
    }
}

fn insert_token(
    conn: &Connection,
    kind: &str,
    client_id: &str,
    user_id: i64,
    grant_id: Option<i64>,
    expires_at: Option<i64>,
    now: i64,
) -> rusqlite::Result<String> {
    let prefix = if kind == "refresh" { "sbr_" } else { "sba_" };
    let value = random_token(prefix);
    conn.execute(
        "INSERT INTO tokens (hash, kind, client_id, user_id, grant_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![sha256_hex(&value), kind, client_id, user_id, grant_id, expires_at, now],
    )?;
    Ok(value)
}

fn client_credentials(
    conn: &Connection,
    client: &Client,
    form: &HashMap<String, String>,
    ttl: i64,
    now: i64,
) -> Result<serde_json::Value, OAuthError> {
    let user_id = match (client.kind.as_str(), client.user_id) {
        ("service_account", Some(uid)) => uid,
        // A marketplace app acts as its DMSA in one company, named in the request.
        ("app", _) => {
            let company = form
                .get("company_id")
                .and_then(|c| c.parse::<i64>().ok())
                .ok_or_else(|| {
                    OAuthError::new(
                        "invalid_request",
                        "an app's client_credentials request names the company: company_id",
                    )
                })?;
            crate::apps::dmsa_for(conn, &client.client_id, company)?
                .map_err(|why| OAuthError::new("invalid_grant", why))?
        }
        _ => {
            return Err(OAuthError::new(
                "unauthorized_client",
                format!(
                    "client '{}' may not use the client_credentials grant",
                    client.client_id
                ),
            ));
        }
    };
    active_user(conn, user_id)?;
    // A token never outlives the secret it was minted with (a rotation's grace).
    let secret_expiry: Option<i64> = match client.secret_id {
        Some(id) => conn
            .query_row(
                "SELECT expires_at FROM client_secrets WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten(),
        None => None,
    };
    let expires_at = secret_expiry.map_or(now + ttl, |e| e.min(now + ttl));
    let access = insert_token(
        conn,
        "access",
        &client.client_id,
        user_id,
        None,
        Some(expires_at),
        now,
    )?;
    if let Some(id) = client.secret_id {
        conn.execute(
            "UPDATE tokens SET secret_id = ?1 WHERE hash = ?2",
            params![id, sha256_hex(&access)],
        )?;
    }
    Ok(
        json!({"access_token": access, "token_type": "Bearer", "expires_in": (expires_at - now).max(1)}),
    )
}

fn issue_pair(
    conn: &Connection,
    client_id: &str,
    user_id: i64,
    grant_id: i64,
    ttl: i64,
    now: i64,
) -> rusqlite::Result<serde_json::Value> {
    issue_pair_ids(conn, client_id, user_id, grant_id, ttl, now).map(|(body, _, _)| body)
}

/// A new access + refresh token pair of `grant_id`, with the ids of the two rows.
fn issue_pair_ids(
    conn: &Connection,
    client_id: &str,
    user_id: i64,
    grant_id: i64,
    ttl: i64,
    now: i64,
) -> rusqlite::Result<(serde_json::Value, i64, i64)> {
    let access = insert_token(
        conn,
        "access",
        client_id,
        user_id,
        Some(grant_id),
        Some(now + ttl),
        now,
    )?;
    let access_id = conn.last_insert_rowid();
    let refresh = insert_token(
        conn,
        "refresh",
        client_id,
        user_id,
        Some(grant_id),
        None,
        now,
    )?;
    let refresh_id = conn.last_insert_rowid();
    Ok((
        json!({"access_token": access, "token_type": "Bearer", "expires_in": ttl, "refresh_token": refresh}),
        access_id,
        refresh_id,
    ))
}

fn authorization_code(
    conn: &Connection,
    client: &Client,
    form: &HashMap<String, String>,
    ttl: i64,
    now: i64,
) -> Result<serde_json::Value, OAuthError> {
    let code = form
        .get("code")
        .ok_or_else(|| OAuthError::new("invalid_request", "code is required"))?;
    struct CodeRow {
        client_id: String,
        user_id: i64,
        redirect_uri: String,
        challenge: Option<String>,
        scope: String,
        expires_at: i64,
        used: bool,
        grant_id: Option<i64>,
    }
    let row = conn
        .query_row(
            "SELECT client_id, user_id, redirect_uri, code_challenge, scope, expires_at, used, grant_id FROM auth_codes WHERE hash = ?1",
            [sha256_hex(code)],
            |r| {
                Ok(CodeRow {
                    client_id: r.get(0)?,
                    user_id: r.get(1)?,
                    redirect_uri: r.get(2)?,
                    challenge: r.get(3)?,
                    scope: r.get(4)?,
                    expires_at: r.get(5)?,
                    used: r.get(6)?,
                    grant_id: r.get(7)?,
                })
            },
        )
        .optional()?;
    let Some(CodeRow {
        client_id: code_client,
        user_id,
        redirect_uri,
        challenge,
        scope,
        expires_at,
        used,
        grant_id: first_grant,
    }) = row
    else {
        return Err(OAuthError::new(
            "invalid_grant",
            "unknown authorization code",
        ));
    };
    if used {
        // A code redeemed twice may have been stolen: revoke what the first redemption got
        // (RFC 6749 §4.1.2).
        if let Some(grant) = first_grant {
            revoke_grant(conn, grant)?;
        }
        return Err(OAuthError::new(
            "invalid_grant",
            "authorization code was already used; the tokens issued for it have been revoked as a precaution",
        ));
    }
    if expires_at <= now {
        return Err(OAuthError::new(
            "invalid_grant",
            "authorization code expired",
        ));
    }
    if code_client != client.client_id {
        return Err(OAuthError::new(
            "invalid_grant",
            "authorization code was issued to another client",
        ));
    }
    if form.get("redirect_uri") != Some(&redirect_uri) {
        return Err(OAuthError::new(
            "invalid_grant",
            "redirect_uri does not match the authorization request",
        ));
    }
    if let Some(challenge) = challenge {
        let verifier = form
            .get("code_verifier")
            .ok_or_else(|| OAuthError::new("invalid_grant", "code_verifier is required (PKCE)"))?;
        if pkce_s256(verifier) != challenge {
            return Err(OAuthError::new(
                "invalid_grant",
                "code_verifier does not match the code_challenge (PKCE)",
            ));
        }
    }
    active_user(conn, user_id)?;
    conn.execute(
        "INSERT INTO grants (client_id, user_id, scope, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![client.client_id, user_id, scope, now],
    )?;
    let grant_id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE auth_codes SET used = 1, grant_id = ?2 WHERE hash = ?1",
        params![sha256_hex(code), grant_id],
    )?;
    Ok(issue_pair(
        conn,
        &client.client_id,
        user_id,
        grant_id,
        ttl,
        now,
    )?)
}

fn revoke_grant(conn: &Connection, grant_id: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE grants SET revoked = 1 WHERE id = ?1", [grant_id])?;
    conn.execute(
        "UPDATE tokens SET revoked = 1 WHERE grant_id = ?1",
        [grant_id],
    )?;
    Ok(())
}

/// `tokens.revoked` of a pair retired by the reuse grace (1 is an ordinary revocation).
const RETIRED_BY_REUSE: i64 = 2;

/// Rotating, single-use refresh tokens (RFC 9700 §4.14.2): a second use revokes the whole
/// grant — except within `reuse_window` seconds of the first use, while the pair it was
/// exchanged for is still unused: then the answer to the first use was most likely lost (a
/// killed client, a timeout), and the client gets a fresh pair that retires that unused one
/// (Okta's grace period, Auth0's reuse interval). Tokens are stored hashed, so the first pair
/// cannot be sent again; a fresh pair is what the grace gives. Should the retired pair's
/// refresh token come back later, two parties hold the grant, and it ends.
fn refresh(
    conn: &Connection,
    client: &Client,
    form: &HashMap<String, String>,
    ttl: i64,
    reuse_window: i64,
    now: i64,
) -> Result<serde_json::Value, OAuthError> {
    let presented = form
        .get("refresh_token")
        .ok_or_else(|| OAuthError::new("invalid_request", "refresh_token is required"))?;
    let tx = conn.unchecked_transaction()?;
    struct RefreshRow {
        id: i64,
        client_id: Option<String>,
        user_id: i64,
        grant_id: Option<i64>,
        revoked: i64,
        used: bool,
        used_at: Option<i64>,
        successor_refresh_id: Option<i64>,
        successor_access_id: Option<i64>,
    }
    let row = tx
        .query_row(
            "SELECT id, client_id, user_id, grant_id, revoked, used, used_at, successor_refresh_id, successor_access_id
             FROM tokens WHERE hash = ?1 AND kind = 'refresh'",
            [sha256_hex(presented)],
            |r| {
                Ok(RefreshRow {
                    id: r.get(0)?,
                    client_id: r.get(1)?,
                    user_id: r.get(2)?,
                    grant_id: r.get(3)?,
                    revoked: r.get(4)?,
                    used: r.get(5)?,
                    used_at: r.get(6)?,
                    successor_refresh_id: r.get(7)?,
                    successor_access_id: r.get(8)?,
                })
            },
        )
        .optional()?;
    let Some(row) = row else {
        return Err(OAuthError::new("invalid_grant", "unknown refresh token"));
    };
    if row.client_id.as_deref() != Some(client.client_id.as_str()) {
        return Err(OAuthError::new(
            "invalid_grant",
            "refresh token was issued to another client",
        ));
    }
    let grant_id = row
        .grant_id
        .ok_or_else(|| OAuthError::new("invalid_grant", "refresh token has no grant"))?;
    if row.revoked == RETIRED_BY_REUSE {
        // The pair a grace retired comes back: two parties hold this grant's tokens (the one
        // that reused the old refresh token may be a thief). The grant ends for both.
        revoke_grant(&tx, grant_id)?;
        tx.commit()?;
        return Err(OAuthError::new(
            "invalid_grant",
            "refresh token was replaced after its predecessor was used again; the grant has been revoked as a precaution",
        ));
    }
    if row.revoked != 0 {
        return Err(OAuthError::new(
            "invalid_grant",
            "refresh token was revoked",
        ));
    }
    if row.used {
        // The grace: a retry soon after a lost answer, while that answer's pair is unused.
        let successor_unused = match row.successor_refresh_id {
            Some(id) => tx
                .query_row(
                    "SELECT used = 0 AND revoked = 0 FROM tokens WHERE id = ?1",
                    [id],
                    |r| r.get::<_, bool>(0),
                )
                .optional()?
                .unwrap_or(false),
            None => false,
        };
        let in_window = reuse_window > 0 && row.used_at.is_some_and(|at| now - at <= reuse_window);
        if !(in_window && successor_unused) {
            revoke_grant(&tx, grant_id)?;
            tx.commit()?;
            return Err(OAuthError::new(
                "invalid_grant",
                "refresh token was already used; the grant has been revoked as a precaution",
            ));
        }
        for id in [row.successor_refresh_id, row.successor_access_id]
            .into_iter()
            .flatten()
        {
            tx.execute(
                "UPDATE tokens SET revoked = ?2 WHERE id = ?1",
                params![id, RETIRED_BY_REUSE],
            )?;
        }
    }
    active_user(&tx, row.user_id)?;
    let (body, access_id, refresh_id) =
        issue_pair_ids(&tx, &client.client_id, row.user_id, grant_id, ttl, now)?;
    tx.execute(
        "UPDATE tokens SET used = 1, used_at = COALESCE(used_at, ?2),
                successor_refresh_id = ?3, successor_access_id = ?4 WHERE id = ?1",
        params![row.id, now, refresh_id, access_id],
    )?;
    tx.commit()?;
    Ok(body)
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
        let row: Option<(i64, Option<String>, Option<i64>, String)> = conn
            .query_row(
                "SELECT id, client_id, grant_id, kind FROM tokens WHERE hash = ?1",
                [sha256_hex(token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        if let Some((id, token_client, grant_id, kind)) = row {
            // A client may revoke only its own tokens; others are ignored (RFC 7009 §2.1).
            if token_client.as_deref() == Some(client.client_id.as_str()) {
                match (kind.as_str(), grant_id) {
                    ("refresh", Some(g)) => revoke_grant(&conn, g)?,
                    _ => {
                        conn.execute("UPDATE tokens SET revoked = 1 WHERE id = ?1", [id])?;
                    }
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
