//! The company directory: people and integrations' service users, always within one company;
//! and their personal access tokens, reached through their user (so through the company too).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::clock::rfc3339;

#[derive(Debug, Serialize)]
pub struct User {
    pub id: i64,
    pub company_id: i64,
    pub login: String,
    pub name: String,
    pub email: String,
    /// person | service_account | dmsa
    pub kind: String,
    pub is_owner: bool,
    pub is_admin: bool,
    pub api_access: bool,
    pub user_management: bool,
    pub disabled: bool,
    pub created_at: String,
}

const COLUMNS: &str = "id, company_id, login, name, email, kind, is_owner, is_admin, api_access, user_management, disabled, created_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        company_id: r.get(1)?,
        login: r.get(2)?,
        name: r.get(3)?,
        email: r.get(4)?,
        kind: r.get(5)?,
        is_owner: r.get(6)?,
        is_admin: r.get(7)?,
        api_access: r.get::<_, bool>(8)? || r.get::<_, bool>(6)?,
        user_management: r.get(9)?,
        disabled: r.get(10)?,
        created_at: rfc3339(r.get(11)?),
    })
}

pub fn get(conn: &Connection, company_id: i64, id: i64) -> rusqlite::Result<Option<User>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM users WHERE company_id = ?1 AND id = ?2"),
        params![company_id, id],
        from_row,
    )
    .optional()
}

/// How many users the directory has, and one page of them.
pub fn page(
    conn: &Connection,
    company_id: i64,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<(u64, Vec<User>)> {
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM users WHERE company_id = ?1",
        [company_id],
        |r| r.get(0),
    )?;
    let items = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM users WHERE company_id = ?1 ORDER BY id LIMIT ?2 OFFSET ?3"
        ))?
        .query_map(params![company_id, limit as i64, offset as i64], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((total as u64, items))
}

/// Grant or revoke API access; revoking it revokes the person's PATs for good.
pub fn set_api_access(
    conn: &Connection,
    company_id: i64,
    id: i64,
    api_access: bool,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET api_access = ?1 WHERE id = ?2 AND company_id = ?3",
        params![api_access, id, company_id],
    )?;
    if !api_access {
        conn.execute(
            "UPDATE tokens SET revoked = 1 WHERE kind = 'pat'
             AND user_id = (SELECT id FROM users WHERE id = ?1 AND company_id = ?2)",
            params![id, company_id],
        )?;
    }
    Ok(())
}

/// A personal access token as listed (never the token itself).
#[derive(Debug, Serialize)]
pub struct Pat {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    /// The first characters of the token, to recognise it.
    pub hint: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    /// This request was made with this token.
    pub current: bool,
}

/// The active PATs of user `user_id` of `company_id`; `current_token` is marked.
pub fn pats(
    conn: &Connection,
    company_id: i64,
    user_id: i64,
    current_token: i64,
    now: i64,
) -> rusqlite::Result<Vec<Pat>> {
    conn.prepare_cached(
        "SELECT t.id, t.user_id, COALESCE(t.name, ''), COALESCE(t.hint, ''), t.created_at, t.expires_at, t.last_used_at
         FROM tokens t JOIN users u ON u.id = t.user_id
         WHERE t.user_id = ?1 AND u.company_id = ?2 AND t.kind = 'pat' AND t.revoked = 0
           AND (t.expires_at IS NULL OR t.expires_at > ?3) ORDER BY t.id",
    )?
    .query_map(params![user_id, company_id, now], |r| {
        let id: i64 = r.get(0)?;
        Ok(Pat {
            id,
            user_id: r.get(1)?,
            name: r.get(2)?,
            hint: r.get(3)?,
            created_at: rfc3339(r.get(4)?),
            expires_at: r.get::<_, Option<i64>>(5)?.map(rfc3339),
            last_used_at: r.get::<_, Option<i64>>(6)?.map(rfc3339),
            current: id == current_token,
        })
    })?
    .collect()
}

/// Store a new PAT (its hash and first characters) for a user of `company_id`; its id.
#[allow(clippy::too_many_arguments)]
pub fn insert_pat(
    conn: &Connection,
    company_id: i64,
    user_id: i64,
    token_hash: &str,
    hint: &str,
    name: &str,
    expires_at: Option<i64>,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO tokens (hash, kind, user_id, name, hint, expires_at, created_at)
         SELECT ?1, 'pat', id, ?3, ?4, ?5, ?6 FROM users WHERE id = ?2 AND company_id = ?7",
        params![token_hash, user_id, name, hint, expires_at, now, company_id],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Revoke PAT `id` of user `user_id` of `company_id`; `false` if it is not an active PAT of
/// theirs.
pub fn revoke_pat(
    conn: &Connection,
    company_id: i64,
    user_id: i64,
    id: i64,
) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        "UPDATE tokens SET revoked = 1 WHERE id = ?1 AND user_id = ?2 AND kind = 'pat' AND revoked = 0
         AND user_id IN (SELECT id FROM users WHERE company_id = ?3)",
        params![id, user_id, company_id],
    )?;
    Ok(changed == 1)
}

/// Whether `id` is a PAT (revoked or not) of user `user_id` of `company_id`.
pub fn pat_exists(
    conn: &Connection,
    company_id: i64,
    user_id: i64,
    id: i64,
) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM tokens t JOIN users u ON u.id = t.user_id
         WHERE t.id = ?1 AND t.user_id = ?2 AND t.kind = 'pat' AND u.company_id = ?3)",
        params![id, user_id, company_id],
        |r| r.get(0),
    )
}

/// Tie PAT `pat_id` to the grant of the token that made it, when that grant belongs to a
/// third-party app (not the svcacct CLI): the PAT is then revoked with the grant. A PAT made
/// by such a PAT inherits the same grant. Both tokens are of users of `company_id`.
pub fn bind_pat_to_app_grant(
    conn: &Connection,
    company_id: i64,
    pat_id: i64,
    maker_token_id: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tokens SET grant_id = (
             SELECT g.id FROM tokens t JOIN grants g ON g.id = t.grant_id
             WHERE t.id = ?2 AND g.client_id != ?3
               AND t.user_id IN (SELECT id FROM users WHERE company_id = ?4))
         WHERE id = ?1 AND user_id IN (SELECT id FROM users WHERE company_id = ?4)",
        rusqlite::params![
            pat_id,
            maker_token_id,
            super::oauth::CLI_CLIENT_ID,
            company_id
        ],
    )?;
    Ok(())
}
