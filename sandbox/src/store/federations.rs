//! Outside identities a company's service accounts trust (RFC 7523 client assertions). Every
//! query takes the company id, except the lookup by client id that client authentication
//! needs (the client id names the account, and so its company).

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::clock::rfc3339;

#[derive(Clone, Debug, Serialize)]
pub struct Federation {
    pub id: i64,
    pub service_account_id: i64,
    pub issuer: String,
    pub subject: String,
    pub audience: String,
    /// Claims that must match exactly, `{name: value}`.
    pub claims: serde_json::Map<String, serde_json::Value>,
    pub created_at: String,
    #[serde(skip)]
    pub company_id: i64,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Federation> {
    let claims: String = r.get(5)?;
    Ok(Federation {
        id: r.get(0)?,
        service_account_id: r.get(1)?,
        issuer: r.get(2)?,
        subject: r.get(3)?,
        audience: r.get(4)?,
        claims: serde_json::from_str(&claims).unwrap_or_default(),
        created_at: rfc3339(r.get(6)?),
        company_id: r.get(7)?,
    })
}

const COLUMNS: &str =
    "id, service_account_id, issuer, subject, audience, claims, created_at, company_id";

pub fn list(conn: &Connection, company_id: i64, sa_id: i64) -> rusqlite::Result<Vec<Federation>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM federations WHERE company_id = ?1 AND service_account_id = ?2 ORDER BY id"
    ))?
    .query_map(params![company_id, sa_id], from_row)?
    .collect()
}

#[allow(clippy::too_many_arguments)]
pub fn add(
    conn: &Connection,
    company_id: i64,
    sa_id: i64,
    issuer: &str,
    subject: &str,
    audience: &str,
    claims: &serde_json::Map<String, serde_json::Value>,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO federations (company_id, service_account_id, issuer, subject, audience, claims, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![company_id, sa_id, issuer, subject, audience, serde_json::Value::Object(claims.clone()).to_string(), now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Whether a federation was removed; the tokens minted through it are revoked with it.
pub fn remove(conn: &Connection, company_id: i64, sa_id: i64, id: i64) -> rusqlite::Result<bool> {
    let removed = conn.execute(
        "DELETE FROM federations WHERE id = ?1 AND company_id = ?2 AND service_account_id = ?3",
        params![id, company_id, sa_id],
    )? > 0;
    if removed {
        conn.execute(
            "UPDATE tokens SET revoked = 1 WHERE federation_id = ?1
             AND user_id IN (SELECT id FROM users WHERE company_id = ?2)",
            params![id, company_id],
        )?;
    }
    Ok(removed)
}

/// Whether federation `id` of `company_id` still exists (checked again where a token is
/// minted through it).
pub fn exists(conn: &Connection, company_id: i64, id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM federations WHERE id = ?1 AND company_id = ?2)",
        params![id, company_id],
        |r| r.get(0),
    )
}

/// Every federation of the service account whose client is `client_id`, with the account's
/// directory user (whom its tokens act as).
pub fn for_client(conn: &Connection, client_id: &str) -> rusqlite::Result<Vec<(Federation, i64)>> {
    conn.prepare_cached(&format!(
        "SELECT f.{}, sa.user_id FROM federations f
         JOIN service_accounts sa ON sa.id = f.service_account_id AND sa.company_id = f.company_id
         WHERE sa.client_id = ?1 ORDER BY f.id",
        COLUMNS.replace(", ", ", f.")
    ))?
    .query_map([client_id], |r| Ok((from_row(r)?, r.get(8)?)))?
    .collect()
}

/// Remember an assertion's id until it expires; false when it was seen before (a replay).
pub fn use_jti(
    conn: &Connection,
    issuer: &str,
    jti: &str,
    expires_at: i64,
    now: i64,
) -> rusqlite::Result<bool> {
    conn.execute("DELETE FROM assertion_jtis WHERE expires_at < ?1", [now])?;
    Ok(conn.execute(
        "INSERT OR IGNORE INTO assertion_jtis (issuer, jti, expires_at) VALUES (?1, ?2, ?3)",
        params![issuer, jti, expires_at],
    )? == 1)
}

/// The account's federations go with it.
pub fn delete_for_account(conn: &Connection, company_id: i64, sa_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tokens SET revoked = 1 WHERE federation_id IN
         (SELECT id FROM federations WHERE company_id = ?1 AND service_account_id = ?2)",
        params![company_id, sa_id],
    )?;
    conn.execute(
        "DELETE FROM federations WHERE company_id = ?1 AND service_account_id = ?2",
        params![company_id, sa_id],
    )?;
    Ok(())
}
