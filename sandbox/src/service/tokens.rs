//! Token issuance, for every grant of the token endpoint: client credentials, authorization
//! code (+PKCE), rotating refresh tokens with a reuse grace, and the device code. The token
//! endpoint authenticates the client and picks the grant; this decides and issues.

use std::collections::HashMap;

use serde_json::json;

use crate::crypto::{pkce_s256, random_token, sha256_hex};
use crate::error::OAuthError;
use crate::service::clients::Client;
use crate::store::{Conn, device_codes, oauth};

/// RFC 8628's grant type.
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// RFC 8628 §3.5: each slow_down adds 5 seconds to the interval.
const SLOW_DOWN_STEP: i64 = 5;

/// The user a grant acts as must be enabled.
pub fn active_user(conn: &Conn, user_id: i64) -> Result<(), OAuthError> {
    match oauth::user_disabled(conn, user_id)? {
        Some(false) => Ok(()),
        _ => Err(OAuthError::new(
            "invalid_grant",
            "the user this grant belongs to is disabled",
        )),
    }
}

/// A new token of `kind`: its value (stored only as a hash) and its row id.
pub fn insert_token(
    conn: &Conn,
    kind: &str,
    client_id: &str,
    user_id: i64,
    grant_id: Option<i64>,
    expires_at: Option<i64>,
    now: i64,
) -> crate::store::Result<(String, i64)> {
    let prefix = if kind == "refresh" { "sbr_" } else { "sba_" };
    let value = random_token(prefix);
    let id = oauth::insert_token(
        conn,
        &sha256_hex(&value),
        kind,
        client_id,
        user_id,
        grant_id,
        expires_at,
        now,
    )?;
    Ok((value, id))
}

pub fn client_credentials(
    conn: &Conn,
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
            crate::store::catalogue::dmsa_for(conn, &client.client_id, company)?
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
    let secret_expiry = match client.secret_id {
        Some(id) => oauth::secret_expiry(conn, id)?,
        None => None,
    };
    let expires_at = secret_expiry.map_or(now + ttl, |e| e.min(now + ttl));
    let (access, access_id) = insert_token(
        conn,
        "access",
        &client.client_id,
        user_id,
        None,
        Some(expires_at),
        now,
    )?;
    if let Some(id) = client.secret_id {
        oauth::set_token_secret(conn, access_id, id)?;
    }
    Ok(
        json!({"access_token": access, "token_type": "Bearer", "expires_in": (expires_at - now).max(1)}),
    )
}

pub fn issue_pair(
    conn: &Conn,
    client_id: &str,
    user_id: i64,
    grant_id: i64,
    ttl: i64,
    now: i64,
) -> crate::store::Result<serde_json::Value> {
    issue_pair_ids(conn, client_id, user_id, grant_id, ttl, now).map(|(body, _, _)| body)
}

/// A new access + refresh token pair of `grant_id`, with the ids of the two rows.
pub fn issue_pair_ids(
    conn: &Conn,
    client_id: &str,
    user_id: i64,
    grant_id: i64,
    ttl: i64,
    now: i64,
) -> crate::store::Result<(serde_json::Value, i64, i64)> {
    let (access, access_id) = insert_token(
        conn,
        "access",
        client_id,
        user_id,
        Some(grant_id),
        Some(now + ttl),
        now,
    )?;
    let (refresh, refresh_id) = insert_token(
        conn,
        "refresh",
        client_id,
        user_id,
        Some(grant_id),
        None,
        now,
    )?;
    Ok((
        json!({"access_token": access, "token_type": "Bearer", "expires_in": ttl, "refresh_token": refresh}),
        access_id,
        refresh_id,
    ))
}

pub fn authorization_code(
    conn: &Conn,
    client: &Client,
    form: &HashMap<String, String>,
    ttl: i64,
    now: i64,
) -> Result<serde_json::Value, OAuthError> {
    let code = form
        .get("code")
        .ok_or_else(|| OAuthError::new("invalid_request", "code is required"))?;
    let row = oauth::auth_code(conn, &sha256_hex(code))?;
    let Some(oauth::CodeRow {
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
            oauth::revoke_grant(conn, grant)?;
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
    let grant_id = oauth::insert_grant(conn, &client.client_id, user_id, &scope, now)?;
    oauth::use_auth_code(conn, &sha256_hex(code), grant_id)?;
    Ok(issue_pair(
        conn,
        &client.client_id,
        user_id,
        grant_id,
        ttl,
        now,
    )?)
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
pub fn refresh(
    conn: &Conn,
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
    let row = oauth::refresh_token(&tx, &sha256_hex(presented))?;
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
        oauth::revoke_grant(&tx, grant_id)?;
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
            Some(id) => oauth::token_unused(&tx, id)?,
            None => false,
        };
        let in_window = reuse_window > 0 && row.used_at.is_some_and(|at| now - at <= reuse_window);
        if !(in_window && successor_unused) {
            oauth::revoke_grant(&tx, grant_id)?;
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
            oauth::revoke_token(&tx, id, RETIRED_BY_REUSE)?;
        }
    }
    active_user(&tx, row.user_id)?;
    let (body, access_id, refresh_id) =
        issue_pair_ids(&tx, &client.client_id, row.user_id, grant_id, ttl, now)?;
    oauth::use_refresh_token(&tx, row.id, now, refresh_id, access_id)?;
    tx.commit()?;
    Ok(body)
}

/// What the grant needs from the token module: a grant row and a token pair for it.
pub type IssuePair<'a> =
    &'a dyn Fn(&Conn, &str, i64, &str) -> Result<serde_json::Value, OAuthError>;

/// The token endpoint's `device_code` grant (RFC 8628 §3.4–3.5).
pub fn device_code(
    conn: &Conn,
    client: &Client,
    form: &HashMap<String, String>,
    now_ms: i64,
    issue: IssuePair<'_>,
) -> Result<serde_json::Value, OAuthError> {
    let code = form
        .get("device_code")
        .ok_or_else(|| OAuthError::new("invalid_request", "device_code is required"))?;
    let hash = sha256_hex(code);
    let row = device_codes::by_hash(conn, &hash)?;
    let Some(device_codes::DeviceCodeRow {
        client_id,
        scope,
        status,
        user_id,
        interval,
        last_poll,
        expires_at,
    }) = row
    else {
        return Err(OAuthError::new("invalid_grant", "unknown device_code"));
    };
    if client_id != client.client_id {
        return Err(OAuthError::new(
            "invalid_grant",
            "the device_code was issued to another client",
        ));
    }
    if expires_at <= now_ms.div_euclid(1000) {
        return Err(OAuthError::new(
            "expired_token",
            "the device code expired before it was approved",
        ));
    }
    let t = now_ms;
    device_codes::polled(conn, &hash, t)?;
    match status.as_str() {
        "pending" => {
            // Polling faster than the interval: slow down, for this and every later poll.
            if last_poll.is_some_and(|p| t - p < interval * 1000) {
                device_codes::slow_down(conn, &hash, SLOW_DOWN_STEP)?;
                return Err(OAuthError::new(
                    "slow_down",
                    format!("poll at most every {} seconds", interval + SLOW_DOWN_STEP),
                ));
            }
            Err(OAuthError::new(
                "authorization_pending",
                "the user has not approved yet",
            ))
        }
        "denied" => Err(OAuthError::new("access_denied", "the user denied access")),
        "approved" => {
            let user_id = user_id.expect("approved codes name their user");
            device_codes::used(conn, &hash)?;
            issue(conn, &client.client_id, user_id, &scope)
        }
        _ => Err(OAuthError::new(
            "invalid_grant",
            "the device_code was used already",
        )),
    }
}
