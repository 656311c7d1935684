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
