//! Device authorization codes (RFC 8628): found by the SHA-256 of the device code.

use rusqlite::{Connection, OptionalExtension, params};

/// A device code as the token endpoint polls it.
pub struct DeviceCodeRow {
    pub client_id: String,
    pub scope: String,
    pub status: String,
    pub user_id: Option<i64>,
    pub interval: i64,
    pub last_poll: Option<i64>,
    pub expires_at: i64,
}

pub fn by_hash(conn: &Connection, device_hash: &str) -> rusqlite::Result<Option<DeviceCodeRow>> {
    conn.query_row(
        "SELECT client_id, scope, status, user_id, interval, last_poll_ms, expires_at FROM device_codes WHERE device_hash = ?1",
        [device_hash],
        |r| {
            Ok(DeviceCodeRow {
                client_id: r.get(0)?,
                scope: r.get(1)?,
                status: r.get(2)?,
                user_id: r.get(3)?,
                interval: r.get(4)?,
                last_poll: r.get(5)?,
                expires_at: r.get(6)?,
            })
        },
    )
    .optional()
}

/// Note a poll at `now_ms`.
pub fn polled(conn: &Connection, device_hash: &str, now_ms: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE device_codes SET last_poll_ms = ?1 WHERE device_hash = ?2",
        params![now_ms, device_hash],
    )?;
    Ok(())
}

/// Polling too fast: the interval grows by `step` seconds.
pub fn slow_down(conn: &Connection, device_hash: &str, step: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE device_codes SET interval = interval + ?1 WHERE device_hash = ?2",
        params![step, device_hash],
    )?;
    Ok(())
}

/// The code was exchanged for tokens.
pub fn used(conn: &Connection, device_hash: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE device_codes SET status = 'used' WHERE device_hash = ?1",
        [device_hash],
    )?;
    Ok(())
}

/// Forget codes expired before `before`.
pub fn prune(conn: &Connection, before: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM device_codes WHERE expires_at <= ?1", [before])?;
    Ok(())
}

/// Codes still waiting at `now`: in all, from `source`, and for `client_id`.
pub struct Pending {
    pub live: i64,
    pub from_source: i64,
    pub for_client: i64,
}

pub fn pending(
    conn: &Connection,
    now: i64,
    source: &str,
    client_id: &str,
) -> rusqlite::Result<Pending> {
    conn.query_row(
        "SELECT COUNT(*), COALESCE(SUM(source = ?2), 0), COALESCE(SUM(client_id = ?3), 0)
         FROM device_codes WHERE expires_at > ?1 AND status = 'pending'",
        params![now, source, client_id],
        |r| {
            Ok(Pending {
                live: r.get(0)?,
                from_source: r.get(1)?,
                for_client: r.get(2)?,
            })
        },
    )
}

/// Is `user_code` some code's already (live or not)?
pub fn user_code_taken(conn: &Connection, user_code: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM device_codes WHERE user_code = ?1)",
        [user_code],
        |r| r.get(0),
    )
}

/// A new device sign-in, waiting for its user.
pub struct NewDeviceCode<'a> {
    pub device_hash: &'a str,
    pub user_code: &'a str,
    pub client_id: &'a str,
    pub scope: &'a str,
    pub interval: i64,
    pub expires_at: i64,
    pub source: &'a str,
}

pub fn insert(conn: &Connection, c: &NewDeviceCode) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO device_codes (device_hash, user_code, client_id, scope, interval, expires_at, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![c.device_hash, c.user_code, c.client_id, c.scope, c.interval, c.expires_at, c.source],
    )?;
    Ok(())
}

/// A device code as the verification page sees it.
pub struct UserCodeRow {
    pub client_id: String,
    pub scope: String,
    pub status: String,
    pub expires_at: i64,
}

pub fn by_user_code(conn: &Connection, user_code: &str) -> rusqlite::Result<Option<UserCodeRow>> {
    conn.query_row(
        "SELECT client_id, scope, status, expires_at FROM device_codes WHERE user_code = ?1",
        [user_code],
        |r| {
            Ok(UserCodeRow {
                client_id: r.get(0)?,
                scope: r.get(1)?,
                status: r.get(2)?,
                expires_at: r.get(3)?,
            })
        },
    )
    .optional()
}
