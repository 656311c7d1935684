//! Service accounts of one company: every query takes the company id. An account is a row in
//! `service_accounts`, its directory user and its confidential OAuth client.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::clock::rfc3339;

#[derive(Debug, Serialize)]
pub struct ServiceAccount {
    pub id: i64,
    pub company_id: i64,
    pub name: String,
    pub description: String,
    pub email: String,
    pub client_id: String,
    pub created_at: String,
    pub secret_reset_at: Option<String>,
}

const COLUMNS: &str = "sa.id, sa.company_id, sa.name, sa.description, u.email, sa.client_id, sa.created_at, sa.secret_reset_at, sa.user_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ServiceAccount, i64)> {
    Ok((
        ServiceAccount {
            id: r.get(0)?,
            company_id: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            email: r.get(4)?,
            client_id: r.get(5)?,
            created_at: rfc3339(r.get(6)?),
            secret_reset_at: r.get::<_, Option<i64>>(7)?.map(rfc3339),
        },
        r.get(8)?,
    ))
}

/// Account `id` of `company_id` and its directory user's id.
pub fn get(
    conn: &Connection,
    company_id: i64,
    id: i64,
) -> rusqlite::Result<Option<(ServiceAccount, i64)>> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM service_accounts sa JOIN users u ON u.id = sa.user_id
             WHERE sa.company_id = ?1 AND sa.id = ?2 AND u.company_id = ?1"
        ),
        params![company_id, id],
        from_row,
    )
    .optional()
}

/// How many accounts match `name_like` (a LIKE pattern, `\` escapes), and one page of them.
pub fn page(
    conn: &Connection,
    company_id: i64,
    name_like: Option<&str>,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<(u64, Vec<ServiceAccount>)> {
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM service_accounts WHERE company_id = ?1 AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\')",
        params![company_id, name_like],
        |r| r.get(0),
    )?;
    let items = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM service_accounts sa JOIN users u ON u.id = sa.user_id
             WHERE sa.company_id = ?1 AND (?2 IS NULL OR sa.name LIKE ?2 ESCAPE '\\') ORDER BY sa.id LIMIT ?3 OFFSET ?4"
        ))?
        .query_map(
            params![company_id, name_like, limit as i64, offset as i64],
            |r| from_row(r).map(|(sa, _)| sa),
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((total as u64, items))
}

/// Whether any directory, of any company, has this email (a contact belongs to one only).
pub fn email_taken(conn: &Connection, email: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM users WHERE lower(email) = ?1)",
        [email],
        |r| r.get(0),
    )
}

pub fn rename(conn: &Connection, company_id: i64, id: i64, name: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE service_accounts SET name = ?1 WHERE id = ?2 AND company_id = ?3",
        params![name, id, company_id],
    )?;
    conn.execute(
        "UPDATE users SET name = ?1 WHERE company_id = ?3 AND id = (SELECT user_id FROM service_accounts WHERE id = ?2 AND company_id = ?3)",
        params![name, id, company_id],
    )?;
    Ok(())
}

pub fn set_description(
    conn: &Connection,
    company_id: i64,
    id: i64,
    description: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE service_accounts SET description = ?1 WHERE id = ?2 AND company_id = ?3",
        params![description, id, company_id],
    )?;
    Ok(())
}

/// Revoke every token of the account's client and user, delete the account, retire its client
/// for good (it never authenticates again) and disable its directory user.
pub fn delete(
    conn: &Connection,
    company_id: i64,
    sa: &ServiceAccount,
    user_id: i64,
) -> rusqlite::Result<()> {
    let Some(client_id) = client_of(conn, company_id, sa.id)? else {
        return Ok(());
    };
    conn.execute(
        "UPDATE tokens SET revoked = 1 WHERE client_id = ?1
         OR user_id = (SELECT id FROM users WHERE id = ?2 AND company_id = ?3)",
        params![client_id, user_id, company_id],
    )?;
    conn.execute(
        "DELETE FROM service_accounts WHERE id = ?1 AND company_id = ?2",
        params![sa.id, company_id],
    )?;
    conn.execute(
        "UPDATE oauth_clients SET secret_hash = NULL, kind = 'deleted' WHERE client_id = ?1",
        [&client_id],
    )?;
    conn.execute(
        "UPDATE users SET disabled = 1 WHERE id = ?1 AND company_id = ?2",
        params![user_id, company_id],
    )?;
    Ok(())
}

/// A new secret (its hash) for the account's client; every token minted with the old one is
/// revoked. The caller clears the permissions in the same transaction.
pub fn replace_secret(
    conn: &Connection,
    company_id: i64,
    sa: &ServiceAccount,
    secret_hash: &str,
    now: i64,
) -> rusqlite::Result<()> {
    let Some(client_id) = client_of(conn, company_id, sa.id)? else {
        return Ok(());
    };
    conn.execute(
        "UPDATE oauth_clients SET secret_hash = ?1 WHERE client_id = ?2",
        params![secret_hash, client_id],
    )?;
    conn.execute(
        "UPDATE tokens SET revoked = 1 WHERE client_id = ?1",
        [&client_id],
    )?;
    // Every secret goes, those of a rotation in progress too.
    conn.execute(
        "DELETE FROM client_secrets WHERE client_id = ?1",
        [&client_id],
    )?;
    conn.execute(
        "INSERT INTO client_secrets (client_id, secret_hash, created_at) VALUES (?1, ?2, ?3)",
        params![client_id, secret_hash, now],
    )?;
    conn.execute(
        "UPDATE service_accounts SET secret_reset_at = ?1 WHERE id = ?2 AND company_id = ?3",
        params![now, sa.id, company_id],
    )?;
    Ok(())
}

/// The OAuth client of account `id` of `company_id`: the scope of every secret and token query
/// below (the client id alone would reach any company's account).
fn client_of(conn: &Connection, company_id: i64, id: i64) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT client_id FROM service_accounts WHERE company_id = ?1 AND id = ?2",
        params![company_id, id],
        |r| r.get(0),
    )
    .optional()
}

/// One client secret of an account, as `sa view` shows it (never its value or hash).
#[derive(Clone, Debug, Serialize)]
pub struct SecretInfo {
    pub id: i64,
    pub created_at: String,
    pub last_used_at: Option<String>,
    /// The address and `User-Agent` of the last use (who still uses an old secret).
    pub last_used_from: Option<String>,
    pub last_used_user_agent: Option<String>,
    pub expires_at: Option<String>,
    #[serde(skip)]
    pub last_used_unix: Option<i64>,
    #[serde(skip)]
    hash: String,
}

/// The client's secret rows, made from `oauth_clients.secret_hash` for accounts created before
/// rotation existed (or by a path that writes only that column).
fn ensure_secret_rows(conn: &Connection, client_id: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO client_secrets (client_id, secret_hash, created_at)
         SELECT c.client_id, c.secret_hash, COALESCE(sa.secret_reset_at, sa.created_at, c.created_at, ?2)
         FROM oauth_clients c LEFT JOIN service_accounts sa ON sa.client_id = c.client_id
         WHERE c.client_id = ?1 AND c.kind = 'service_account' AND c.secret_hash IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM client_secrets s WHERE s.client_id = c.client_id AND s.secret_hash = c.secret_hash)",
        params![client_id, now],
    )?;
    Ok(())
}

/// The secrets of account `sa_id` of `company_id` still valid at `now`, oldest first (none for
/// another company's account).
pub fn secrets(
    conn: &Connection,
    company_id: i64,
    sa_id: i64,
    now: i64,
) -> rusqlite::Result<Vec<SecretInfo>> {
    match client_of(conn, company_id, sa_id)? {
        Some(client_id) => active_secrets(conn, &client_id, now),
        None => Ok(Vec::new()),
    }
}

/// The secrets of `client_id` still valid at `now`, oldest first: for client authentication
/// (the client id names the account) and the company-scoped functions here.
fn active_secrets(
    conn: &Connection,
    client_id: &str,
    now: i64,
) -> rusqlite::Result<Vec<SecretInfo>> {
    ensure_secret_rows(conn, client_id, now)?;
    conn.prepare_cached(
        "SELECT id, created_at, last_used_at, expires_at, secret_hash, last_used_from, last_used_agent FROM client_secrets
         WHERE client_id = ?1 AND (expires_at IS NULL OR expires_at > ?2) ORDER BY id",
    )?
    .query_map(params![client_id, now], |r| {
        let created: i64 = r.get(1)?;
        let used: Option<i64> = r.get(2)?;
        Ok(SecretInfo {
            id: r.get(0)?,
            created_at: rfc3339(created),
            last_used_at: used.map(rfc3339),
            last_used_from: r.get(5)?,
            last_used_user_agent: r.get(6)?,
            expires_at: r.get::<_, Option<i64>>(3)?.map(rfc3339),
            last_used_unix: used,
            hash: r.get(4)?,
        })
    })?
    .collect()
}

/// Where a request came from, as noted with a secret's use.
#[derive(Clone, Debug, Default)]
pub struct SeenFrom {
    pub address: Option<String>,
    /// At most 200 characters, control characters dropped.
    pub user_agent: Option<String>,
}

impl SeenFrom {
    pub fn new(address: Option<std::net::IpAddr>, user_agent: Option<&str>) -> Self {
        SeenFrom {
            address: address.map(|a| a.to_string()),
            user_agent: user_agent
                .map(|ua| ua.chars().filter(|c| !c.is_control()).take(200).collect()),
        }
    }
}

/// Which active secret of a service-account client `presented` is (its id), noting its use.
pub fn match_secret(
    conn: &Connection,
    client_id: &str,
    presented: &str,
    now: i64,
    seen: &SeenFrom,
) -> rusqlite::Result<Option<i64>> {
    for s in active_secrets(conn, client_id, now)? {
        if crate::crypto::secret_matches(presented, &s.hash) {
            note_secret_use(conn, s.id, now, seen)?;
            return Ok(Some(s.id));
        }
    }
    Ok(None)
}

/// Read-only (a pool reader will do): which active secret row of `client_id` `presented` is,
/// and when it expires. No row is made for an account from before rotation and no use is
/// noted: `None` sends the caller to [`match_secret`] on the writer.
pub fn find_secret(
    conn: &Connection,
    client_id: &str,
    presented: &str,
    now: i64,
) -> rusqlite::Result<Option<(i64, Option<i64>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, secret_hash, expires_at FROM client_secrets
         WHERE client_id = ?1 AND (expires_at IS NULL OR expires_at > ?2) ORDER BY id",
    )?;
    let rows = stmt.query_map(params![client_id, now], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?;
    for row in rows {
        let (id, hash, expires_at) = row?;
        if crate::crypto::secret_matches(presented, &hash) {
            return Ok(Some((id, expires_at)));
        }
    }
    Ok(None)
}

/// Note that secret `id` was used at `now`, from where.
pub fn note_secret_use(
    conn: &Connection,
    id: i64,
    now: i64,
    seen: &SeenFrom,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE client_secrets SET last_used_at = ?1, last_used_from = ?3, last_used_agent = ?4 WHERE id = ?2",
    )?
    .execute(params![now, id, seen.address, seen.user_agent])?;
    Ok(())
}

/// A second secret: the active one(s) before it stay valid until `grace_end`, and so do the
/// tokens minted with them (never longer). Permissions are not touched.
pub fn rotate_secret(
    conn: &Connection,
    company_id: i64,
    sa: &ServiceAccount,
    secret_hash: &str,
    now: i64,
    grace_end: i64,
) -> rusqlite::Result<()> {
    let Some(client_id) = client_of(conn, company_id, sa.id)? else {
        return Ok(());
    };
    let old: Vec<i64> = active_secrets(conn, &client_id, now)?
        .iter()
        .map(|s| s.id)
        .collect();
    for id in &old {
        conn.execute(
            "UPDATE client_secrets SET expires_at = ?1 WHERE id = ?2",
            params![grace_end, id],
        )?;
        conn.execute(
            "UPDATE tokens SET expires_at = MIN(COALESCE(expires_at, ?1), ?1)
             WHERE client_id = ?2 AND kind = 'access' AND (secret_id = ?3 OR secret_id IS NULL)",
            params![grace_end, client_id, id],
        )?;
    }
    conn.execute(
        "INSERT INTO client_secrets (client_id, secret_hash, created_at) VALUES (?1, ?2, ?3)",
        params![client_id, secret_hash, now],
    )?;
    conn.execute(
        "UPDATE oauth_clients SET secret_hash = ?1 WHERE client_id = ?2",
        params![secret_hash, client_id],
    )?;
    Ok(())
}

/// End the grace of secret `id` now: it and the tokens minted with it stop working (tokens of
/// a federation were minted with no secret, and stay).
pub fn retire_secret(
    conn: &Connection,
    company_id: i64,
    sa: &ServiceAccount,
    id: i64,
    now: i64,
) -> rusqlite::Result<()> {
    let Some(client_id) = client_of(conn, company_id, sa.id)? else {
        return Ok(());
    };
    conn.execute(
        "UPDATE client_secrets SET expires_at = ?1 WHERE id = ?2 AND client_id = ?3",
        params![now, id, client_id],
    )?;
    conn.execute(
        "UPDATE tokens SET revoked = 1
         WHERE client_id = ?1 AND kind = 'access'
           AND (secret_id = ?2 OR (secret_id IS NULL AND federation_id IS NULL))",
        params![client_id, id],
    )?;
    Ok(())
}

/// What a new service account is made of (its secret only as a hash).
pub struct NewAccount<'a> {
    pub client_id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub email: &'a str,
    pub secret_hash: &'a str,
}

/// A service account's directory user, its confidential OAuth client and the account row;
/// the account's id.
pub fn insert(
    conn: &Connection,
    company_id: i64,
    a: &NewAccount<'_>,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO users (company_id, login, name, email, kind, created_at) VALUES (?1, ?2, ?3, ?4, 'service_account', ?5)",
        params![company_id, a.client_id, a.name, a.email, now],
    )?;
    let user_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO oauth_clients (client_id, name, secret_hash, kind, user_id, created_at) VALUES (?1, ?2, ?3, 'service_account', ?4, ?5)",
        params![a.client_id, a.name, a.secret_hash, user_id, now],
    )?;
    conn.execute(
        "INSERT INTO service_accounts (company_id, user_id, client_id, name, description, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![company_id, user_id, a.client_id, a.name, a.description, now],
    )?;
    Ok(conn.last_insert_rowid())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(conn: &Connection, company_id: i64, client_id: &str) -> i64 {
        insert(
            conn,
            company_id,
            &NewAccount {
                client_id,
                name: client_id,
                description: "",
                email: &format!("{client_id}@example.test"),
                secret_hash: "not-a-real-hash",
            },
            1_000,
        )
        .unwrap()
    }

    /// An account's secrets (and the account) are read under its company only.
    #[test]
    fn secrets_are_read_under_the_accounts_company_only() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::schema::open(dir.path()).unwrap();
        let a = crate::seed::add_company(&conn, "Acme", "a-").unwrap();
        let b = crate::seed::add_company(&conn, "Borealis", "b-").unwrap();
        let sa = account(&conn, a.id, "sa-tenancy-a");
        assert_eq!(secrets(&conn, a.id, sa, 2_000).unwrap().len(), 1);
        assert!(
            secrets(&conn, b.id, sa, 2_000).unwrap().is_empty(),
            "another company's account"
        );
        assert!(get(&conn, b.id, sa).unwrap().is_none());
        assert!(get(&conn, a.id, sa).unwrap().is_some());
    }
}
