//! Clients and client authentication at the token and revocation endpoints (RFC 6749 §2.3).

use std::collections::HashMap;
use std::sync::Mutex;

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::crypto::secret_matches;
use crate::error::OAuthError;
use crate::store::Conn;
pub use crate::store::oauth::{Client, find_client};

/// The client id and secret a request presents (HTTP Basic or the body, never both), and
/// whether it used HTTP Basic.
fn presented(
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<(String, Option<String>, bool), OAuthError> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        });
    Ok(match basic {
        Some(encoded) => {
            if form.contains_key("client_secret") {
                return Err(OAuthError::new(
                    "invalid_request",
                    "use one client authentication method, not both HTTP Basic and client_secret",
                ));
            }
            let decoded = STANDARD
                .decode(encoded.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| {
                    OAuthError::new("invalid_client", "malformed HTTP Basic credentials")
                })?;
            let (id, secret) = decoded.split_once(':').ok_or_else(|| {
                OAuthError::new("invalid_client", "malformed HTTP Basic credentials")
            })?;
            (form_decode(id), Some(form_decode(secret)), true)
        }
        None => {
            let id = form.get("client_id").cloned().ok_or_else(|| {
                OAuthError::new(
                    "invalid_client",
                    "client authentication is required (HTTP Basic or client_id in the body)",
                )
            })?;
            (id, form.get("client_secret").cloned(), false)
        }
    })
}

/// Service-account credentials verified before, keyed by a SHA-256 of the client id and the
/// secret presented. A hit skips the reads, never the checks: the token row is written only
/// where the secret is still active, the user enabled and the client a service account's
/// (`oauth::token`), and a miss there forgets the entry.
#[derive(Default)]
pub struct VerifiedSecrets {
    map: Mutex<HashMap<[u8; 32], VerifiedSecret>>,
}

#[derive(Clone, Debug)]
pub struct VerifiedSecret {
    pub client_id: String,
    pub user_id: i64,
    pub secret_id: i64,
}

/// Entries kept at most; past this the map starts again empty.
const MAX_VERIFIED: usize = 10_000;

impl VerifiedSecrets {
    /// The cache key of a request's credentials (`None` without a secret).
    pub fn key(headers: &HeaderMap, form: &HashMap<String, String>) -> Option<[u8; 32]> {
        use sha2::{Digest, Sha256};
        let Ok((client_id, Some(secret), _)) = presented(headers, form) else {
            return None;
        };
        let mut h = Sha256::new();
        h.update(client_id.as_bytes());
        h.update([0]);
        h.update(secret.as_bytes());
        Some(h.finalize().into())
    }

    pub fn get(&self, key: &[u8; 32]) -> Option<VerifiedSecret> {
        self.map
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned()
    }

    pub fn put(&self, key: [u8; 32], verified: VerifiedSecret) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_VERIFIED {
            map.clear();
        }
        map.insert(key, verified);
    }

    pub fn forget(&self, key: &[u8; 32]) {
        self.map
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

/// The read-only fast path of client authentication (a pool reader will do): a service
/// account presenting one of its active secrets, with that secret's id and expiry. `None` for
/// anything else, which [`authenticate_client`] then decides on the writer (and notes the use).
pub fn service_account_by_secret(
    conn: &Conn,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    now: i64,
) -> crate::store::Result<Option<(Client, Option<i64>)>> {
    let Ok((client_id, Some(secret), _)) = presented(headers, form) else {
        return Ok(None);
    };
    let Some((client, _)) = find_client(conn, &client_id)? else {
        return Ok(None);
    };
    if client.kind != "service_account" {
        return Ok(None);
    }
    Ok(
        crate::store::service_accounts::find_secret(conn, &client.client_id, &secret, now)?.map(
            |(id, expires_at)| {
                (
                    Client {
                        secret_id: Some(id),
                        ..client
                    },
                    expires_at,
                )
            },
        ),
    )
}

/// Client authentication (RFC 6749 §2.3): HTTP Basic or the request body, never both.
/// Public clients identify themselves with `client_id` alone.
pub fn authenticate_client(
    conn: &Conn,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    peer: Option<std::net::IpAddr>,
    now: i64,
) -> Result<Client, OAuthError> {
    let (client_id, secret, via_basic) = presented(headers, form)?;
    let challenge = |mut e: OAuthError| {
        e.basic_challenge = via_basic;
        e
    };
    let (client, secret_hash) = find_client(conn, &client_id)?.ok_or_else(|| {
        challenge(OAuthError::new(
            "invalid_client",
            format!("unknown client_id '{client_id}'"),
        ))
    })?;
    if client.kind == "deleted" {
        // A deleted service account's client id never authenticates again, with or without a
        // secret (it must not pass as a public client either).
        return Err(challenge(OAuthError::new(
            "invalid_client",
            format!("client_id '{client_id}' was deleted"),
        )));
    }
    if client.kind == "service_account"
        && let Some(presented) = &secret
    {
        // During a rotation two secrets are valid; each is checked, and its use noted.
        return match crate::store::service_accounts::match_secret(
            conn,
            &client.client_id,
            presented,
            now,
            &crate::store::service_accounts::SeenFrom::new(
                peer,
                headers
                    .get(header::USER_AGENT)
                    .and_then(|v| v.to_str().ok()),
            ),
        )? {
            Some(id) => Ok(Client {
                secret_id: Some(id),
                ..client
            }),
            None => Err(challenge(OAuthError::new(
                "invalid_client",
                format!("wrong client secret for client_id '{client_id}'"),
            ))),
        };
    }
    match (secret_hash, secret) {
        (Some(hash), Some(presented)) if secret_matches(&presented, &hash) => Ok(client),
        (Some(_), Some(_)) => Err(challenge(OAuthError::new(
            "invalid_client",
            format!("wrong client secret for client_id '{client_id}'"),
        ))),
        (Some(_), None) => Err(challenge(OAuthError::new(
            "invalid_client",
            format!("client_id '{client_id}' is confidential: a client secret is required"),
        ))),
        (None, None) if client.kind == "public" => Ok(client),
        (None, None) => Err(challenge(OAuthError::new(
            "invalid_client",
            format!("client_id '{client_id}' cannot authenticate"),
        ))),
        (None, Some(_)) => Err(challenge(OAuthError::new(
            "invalid_client",
            format!("client_id '{client_id}' is a public client and has no secret"),
        ))),
    }
}

/// `application/x-www-form-urlencoded` decoding of one Basic credential part (RFC 6749 §2.3.1).
fn form_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
