//! The authorization server's tables: OAuth clients, grants, tokens (access, refresh and
//! personal), authorization codes. Tokens are found by the SHA-256 of their value.

use rusqlite::{Connection, OptionalExtension, params};

/// The svcacct CLI's public client, seeded in every sandbox.
pub const CLI_CLIENT_ID: &str = "svcacct-cli";

/// An OAuth client (confidential, public, a service account's, an app's).
pub struct Client {
    pub client_id: String,
    pub kind: String,
    pub user_id: Option<i64>,
    pub loopback_redirects: bool,
    /// The service-account secret it authenticated with (rotation: one of two).
    pub secret_id: Option<i64>,
}

pub fn find_client(
    conn: &Connection,
    client_id: &str,
) -> rusqlite::Result<Option<(Client, Option<String>)>> {
    conn.prepare_cached(
        "SELECT client_id, kind, user_id, loopback_redirects, secret_hash FROM oauth_clients WHERE client_id = ?1",
    )?
    .query_row(
        [client_id],
        |r| {
            Ok((
                Client { client_id: r.get(0)?, kind: r.get(1)?, user_id: r.get(2)?, loopback_redirects: r.get(3)?, secret_id: None },
                r.get(4)?,
            ))
        },
    )
    .optional()
}

/// An access token or PAT by its hash, with the user it acts as.
pub struct BearerRow {
    pub token_id: i64,
    /// `access` or `pat`.
    pub kind: String,
    pub expires_at: Option<i64>,
    pub revoked: bool,
    pub disabled: bool,
    pub user_id: i64,
    pub company_id: i64,
    pub login: String,
    pub name: String,
    pub email: String,
    pub user_kind: String,
    pub is_owner: bool,
    pub is_admin: bool,
    pub api_access: bool,
    pub user_management: bool,
    pub client_id: Option<String>,
    /// The scopes of the token's grant (empty without one).
    pub scope: String,
    /// A PAT's expiry, or that of the service-account secret an access token was minted with.
    pub credential_expires_at: Option<i64>,
}

/// The access token or PAT whose hash is `hash` (a pool reader will do).
pub fn bearer(conn: &Connection, hash: &str) -> rusqlite::Result<Option<BearerRow>> {
    conn.prepare_cached(
        "SELECT t.id, t.kind, t.expires_at, t.revoked, u.disabled,
                u.id, u.company_id, u.login, u.name, u.email, u.kind, u.is_owner, u.is_admin, u.api_access, u.user_management,
                t.client_id, COALESCE(g.scope, ''),
                CASE WHEN t.kind = 'pat' THEN t.expires_at
                     ELSE (SELECT cs.expires_at FROM client_secrets cs WHERE cs.id = t.secret_id) END
         FROM tokens t JOIN users u ON u.id = t.user_id LEFT JOIN grants g ON g.id = t.grant_id
         WHERE t.hash = ?1 AND t.kind IN ('access', 'pat')",
    )?
    .query_row([hash], |r| {
        Ok(BearerRow {
            token_id: r.get(0)?,
            kind: r.get(1)?,
            expires_at: r.get(2)?,
            revoked: r.get(3)?,
            disabled: r.get(4)?,
            user_id: r.get(5)?,
            company_id: r.get(6)?,
            login: r.get(7)?,
            name: r.get(8)?,
            email: r.get(9)?,
            user_kind: r.get(10)?,
            is_owner: r.get(11)?,
            is_admin: r.get(12)?,
            api_access: r.get(13)?,
            user_management: r.get(14)?,
            client_id: r.get(15)?,
            scope: r.get(16)?,
            credential_expires_at: r.get(17)?,
        })
    })
    .optional()
}

/// Is user `user_id` disabled (`None`: no such user)?
pub fn user_disabled(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<bool>> {
    conn.query_row("SELECT disabled FROM users WHERE id = ?1", [user_id], |r| {
        r.get(0)
    })
    .optional()
}

/// A token row (the value only as its hash); its id.
#[allow(clippy::too_many_arguments)]
pub fn insert_token(
    conn: &Connection,
    hash: &str,
    kind: &str,
    client_id: &str,
    user_id: i64,
    grant_id: Option<i64>,
    expires_at: Option<i64>,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tokens (hash, kind, client_id, user_id, grant_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![hash, kind, client_id, user_id, grant_id, expires_at, now])?;
    Ok(conn.last_insert_rowid())
}

/// Note the client secret a token was minted with.
pub fn set_token_secret(conn: &Connection, token_id: i64, secret_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tokens SET secret_id = ?1 WHERE id = ?2",
        params![secret_id, token_id],
    )?;
    Ok(())
}

/// Note the federation that accepted the assertion a token was minted for.
pub fn set_token_federation(
    conn: &Connection,
    token_id: i64,
    federation_id: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tokens SET federation_id = ?1 WHERE id = ?2",
        params![federation_id, token_id],
    )?;
    Ok(())
}

/// When client secret `secret_id` stops working (a rotation's grace), if it does.
pub fn secret_expiry(conn: &Connection, secret_id: i64) -> rusqlite::Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT expires_at FROM client_secrets WHERE id = ?1",
            [secret_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// A service account's client-credentials token, stored only where what it was verified from
/// still holds (the secret active, the user enabled, the client this user's service-account
/// client), never outliving the secret; its expiry, or `None`.
#[allow(clippy::too_many_arguments)]
pub fn insert_verified_access(
    conn: &Connection,
    hash: &str,
    client_id: &str,
    user_id: i64,
    secret_id: i64,
    max_expires_at: i64,
    now: i64,
) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(
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
        params![hash, client_id, user_id, max_expires_at, now, secret_id],
        |r| r.get::<_, i64>(0),
    )
    .optional()
}

/// A grant of `scope` by `user_id` to `client_id`; its id.
pub fn insert_grant(
    conn: &Connection,
    client_id: &str,
    user_id: i64,
    scope: &str,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO grants (client_id, user_id, scope, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![client_id, user_id, scope, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Revoke a grant and every token of it.
pub fn revoke_grant(conn: &Connection, grant_id: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE grants SET revoked = 1 WHERE id = ?1", [grant_id])?;
    conn.execute(
        "UPDATE tokens SET revoked = 1 WHERE grant_id = ?1",
        [grant_id],
    )?;
    Ok(())
}

/// An authorization code by its hash.
pub struct CodeRow {
    pub client_id: String,
    pub user_id: i64,
    pub redirect_uri: String,
    pub challenge: Option<String>,
    pub scope: String,
    pub expires_at: i64,
    pub used: bool,
    pub grant_id: Option<i64>,
}

pub fn auth_code(conn: &Connection, hash: &str) -> rusqlite::Result<Option<CodeRow>> {
    conn.query_row(
        "SELECT client_id, user_id, redirect_uri, code_challenge, scope, expires_at, used, grant_id FROM auth_codes WHERE hash = ?1",
        [hash],
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
    .optional()
}

/// The code was redeemed, for `grant_id`.
pub fn use_auth_code(conn: &Connection, hash: &str, grant_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE auth_codes SET used = 1, grant_id = ?2 WHERE hash = ?1",
        params![hash, grant_id],
    )?;
    Ok(())
}

/// A refresh token by its hash.
pub struct RefreshRow {
    pub id: i64,
    pub client_id: Option<String>,
    pub user_id: i64,
    pub grant_id: Option<i64>,
    pub revoked: i64,
    pub used: bool,
    pub used_at: Option<i64>,
    pub successor_refresh_id: Option<i64>,
    pub successor_access_id: Option<i64>,
}

pub fn refresh_token(conn: &Connection, hash: &str) -> rusqlite::Result<Option<RefreshRow>> {
    conn.query_row(
        "SELECT id, client_id, user_id, grant_id, revoked, used, used_at, successor_refresh_id, successor_access_id
         FROM tokens WHERE hash = ?1 AND kind = 'refresh'",
        [hash],
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
    .optional()
}

/// Is token `id` neither used nor revoked?
pub fn token_unused(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT used = 0 AND revoked = 0 FROM tokens WHERE id = ?1",
            [id],
            |r| r.get::<_, bool>(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// Mark token `id` revoked, with `how` (1: an ordinary revocation).
pub fn revoke_token(conn: &Connection, id: i64, how: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tokens SET revoked = ?2 WHERE id = ?1",
        params![id, how],
    )?;
    Ok(())
}

/// A refresh token was redeemed (first at `now`) for the pair `refresh_id`, `access_id`.
pub fn use_refresh_token(
    conn: &Connection,
    id: i64,
    now: i64,
    refresh_id: i64,
    access_id: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tokens SET used = 1, used_at = COALESCE(used_at, ?2),
                successor_refresh_id = ?3, successor_access_id = ?4 WHERE id = ?1",
        params![id, now, refresh_id, access_id],
    )?;
    Ok(())
}

/// Any token, for revocation: id, client, grant and kind.
pub type TokenRef = (i64, Option<String>, Option<i64>, String);

/// Any token by its hash, for revocation.
pub fn token_by_hash(conn: &Connection, hash: &str) -> rusqlite::Result<Option<TokenRef>> {
    conn.query_row(
        "SELECT id, client_id, grant_id, kind FROM tokens WHERE hash = ?1",
        [hash],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()
}
