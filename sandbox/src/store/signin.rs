//! Browser sign-in: sessions (found by the SHA-256 of the cookie's value, bounded per source
//! and in all), the person signing in, the authorization code or device decision they end in.
//! Not a company's data until a person has signed in; from then on by that person's id.

use rusqlite::{Connection, OptionalExtension, params};

/// A sign-in session to open.
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub csrf: &'a str,
    /// The authorization request it answers, as JSON text.
    pub params: &'a str,
    pub expires_at: i64,
    pub source: &'a str,
}

/// Open session `s` at `now`: expired sessions (and codes expired an hour) go first, then the
/// source's own oldest past `per_source - 1`, then the oldest of all past `max - 1`.
pub fn open(
    conn: &Connection,
    s: &NewSession,
    now: i64,
    per_source: i64,
    max: i64,
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM login_sessions WHERE expires_at <= ?1", [now])?;
    conn.execute(
        "DELETE FROM auth_codes WHERE expires_at <= ?1",
        [now - 3600],
    )?;
    conn.execute(
        "DELETE FROM login_sessions WHERE source = ?1 AND id_hash IN
         (SELECT id_hash FROM login_sessions WHERE source = ?1
          ORDER BY expires_at DESC LIMIT -1 OFFSET ?2)",
        params![s.source, per_source - 1],
    )?;
    conn.execute(
        "DELETE FROM login_sessions WHERE id_hash IN
         (SELECT id_hash FROM login_sessions ORDER BY expires_at DESC LIMIT -1 OFFSET ?1)",
        [max - 1],
    )?;
    conn.execute(
        "INSERT INTO login_sessions (id_hash, csrf, params, expires_at, source) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![s.id_hash, s.csrf, s.params, s.expires_at, s.source],
    )?;
    Ok(())
}

/// A sign-in session as stored.
pub struct SessionRow {
    pub csrf: String,
    pub user_id: Option<i64>,
    /// The authorization request, as JSON text.
    pub params: String,
    pub expires_at: i64,
}

pub fn session(conn: &Connection, id_hash: &str) -> rusqlite::Result<Option<SessionRow>> {
    conn.query_row(
        "SELECT csrf, user_id, params, expires_at FROM login_sessions WHERE id_hash = ?1",
        [id_hash],
        |r| {
            Ok(SessionRow {
                csrf: r.get(0)?,
                user_id: r.get(1)?,
                params: r.get(2)?,
                expires_at: r.get(3)?,
            })
        },
    )
    .optional()
}

/// The session's person signed in.
pub fn signed_in(conn: &Connection, id_hash: &str, user_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE login_sessions SET user_id = ?1 WHERE id_hash = ?2",
        params![user_id, id_hash],
    )?;
    Ok(())
}

/// The session is used up (one decision per session).
pub fn close(conn: &Connection, id_hash: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM login_sessions WHERE id_hash = ?1", [id_hash])?;
    Ok(())
}

/// A person who may sign in (enabled), by login.
pub struct Person {
    pub id: i64,
    pub name: String,
    pub password_hash: Option<String>,
}

pub fn person_by_login(conn: &Connection, login: &str) -> rusqlite::Result<Option<Person>> {
    conn.query_row(
        "SELECT id, name, password_hash FROM users WHERE login = ?1 AND kind = 'person' AND disabled = 0",
        [login],
        |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                password_hash: r.get(2)?,
            })
        },
    )
    .optional()
}

/// What the consent page names: the client's name and the person's company's.
pub fn consent_names(
    conn: &Connection,
    client_id: &str,
    user_id: i64,
) -> rusqlite::Result<(Option<String>, Option<String>)> {
    let app = conn
        .query_row(
            "SELECT name FROM oauth_clients WHERE client_id = ?1",
            [client_id],
            |r| r.get(0),
        )
        .optional()?;
    let company = conn
        .query_row(
            "SELECT c.name FROM companies c JOIN users u ON u.company_id = c.id WHERE u.id = ?1",
            [user_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok((app, company))
}

/// An authorization code to store (by its hash).
pub struct NewCode<'a> {
    pub hash: &'a str,
    pub client_id: &'a str,
    pub user_id: i64,
    pub redirect_uri: &'a str,
    pub code_challenge: Option<&'a str>,
    pub scope: &'a str,
    pub expires_at: i64,
}

pub fn insert_code(conn: &Connection, c: &NewCode) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO auth_codes (hash, client_id, user_id, redirect_uri, code_challenge, scope, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![c.hash, c.client_id, c.user_id, c.redirect_uri, c.code_challenge, c.scope, c.expires_at],
    )?;
    Ok(())
}

/// Person `user_id` approved or denied (`status`) the device sign-in waiting under
/// `user_code`; false when no such sign-in is waiting at `now`.
pub fn decide_device(
    conn: &Connection,
    user_code: &str,
    user_id: i64,
    status: &str,
    now: i64,
) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        "UPDATE device_codes SET status = ?1, user_id = ?2 WHERE user_code = ?3 AND status = 'pending' AND expires_at > ?4",
        params![status, user_id, user_code, now],
    )?;
    Ok(changed == 1)
}
