//! Demo data only the seed writes: companies, their people and projects, the CLI's public
//! client, and service accounts in bulk for load tests.

use rusqlite::{Connection, params};

/// How many rows `table` holds (the seed asks whether it ran before). Only the seed's tables.
pub fn count(conn: &Connection, table: &str) -> rusqlite::Result<i64> {
    let sql = match table {
        "companies" => "SELECT COUNT(*) FROM companies",
        "apps" => "SELECT COUNT(*) FROM apps",
        _ => return Err(rusqlite::Error::InvalidParameterName(table.to_string())),
    };
    conn.query_row(sql, [], |r| r.get(0))
}

pub fn insert_company(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    conn.execute("INSERT INTO companies (name) VALUES (?1)", [name])?;
    Ok(conn.last_insert_rowid())
}

/// A person in a company's directory.
pub struct Person<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub is_owner: bool,
    pub is_admin: bool,
    pub api_access: bool,
    pub user_management: bool,
}

pub fn insert_person(
    conn: &Connection,
    company_id: i64,
    p: &Person<'_>,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO users (company_id, login, name, email, password_hash, kind, is_owner, is_admin, api_access, user_management, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'person', ?6, ?7, ?8, ?9, ?10)",
        params![company_id, p.login, p.name, p.email, p.password_hash,
                p.is_owner, p.is_admin, p.api_access, p.user_management, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_project(conn: &Connection, company_id: i64, name: &str) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO projects (company_id, name) VALUES (?1, ?2)",
        params![company_id, name],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A public OAuth client (no secret, loopback redirects), like the CLI's.
pub fn insert_public_client(
    conn: &Connection,
    client_id: &str,
    name: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO oauth_clients (client_id, name, secret_hash, kind, loopback_redirects, created_at)
         VALUES (?1, ?2, NULL, 'public', 1, ?3)",
        params![client_id, name, now],
    )?;
    Ok(())
}

/// `count` service accounts named "Load test NNNNN" in `company_id` (secrets not kept).
pub fn bulk_service_accounts(
    tx: &Connection,
    company_id: i64,
    count: u32,
    now: i64,
) -> rusqlite::Result<()> {
    let start: i64 = tx.query_row(
        "SELECT COALESCE(MAX(id), 0) FROM service_accounts",
        [],
        |r| r.get(0),
    )?;
    let mut user = tx.prepare("INSERT INTO users (company_id, login, name, email, kind, created_at) VALUES (?1, ?2, ?3, ?4, 'service_account', ?5)")?;
    let mut client = tx.prepare("INSERT INTO oauth_clients (client_id, name, secret_hash, kind, user_id, created_at) VALUES (?1, ?2, ?3, 'service_account', ?4, ?5)")?;
    let mut account = tx.prepare("INSERT INTO service_accounts (company_id, user_id, client_id, name, description, created_at) VALUES (?1, ?2, ?3, ?4, 'bulk-seeded', ?5)")?;
    for i in 1..=i64::from(count) {
        let n = start + i;
        let client_id = format!("sa_load{n:08}");
        let name = format!("Load test {n:05}");
        user.execute(params![
            company_id,
            client_id,
            name,
            format!("load-{n}@acme.example"),
            now
        ])?;
        let user_id = tx.last_insert_rowid();
        client.execute(params![
            client_id,
            name,
            crate::crypto::sha256_hex(&crate::crypto::random_string(16)),
            user_id,
            now
        ])?;
        account.execute(params![company_id, user_id, client_id, name, now])?;
    }
    Ok(())
}
