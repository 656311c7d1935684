//! The delivery engine's queue: claiming due deliveries and recording attempts. Deliveries
//! are found by their own id (the engine holds them) and send only their event's company's
//! webhook (`store::webhooks::get` with the event's company).

use rusqlite::{Connection, OptionalExtension, params};

/// A delivery claimed for sending.
pub struct Due {
    pub id: i64,
    pub webhook_id: i64,
    pub event_id: String,
    pub attempts: u32,
    pub created_at_ms: i64,
}

/// After a restart: deliveries claimed but never finished are pending again (at least once).
pub fn resume(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE deliveries SET status = 'pending' WHERE status = 'sending'",
        [],
    )?;
    Ok(())
}

/// Mark up to `limit` deliveries due at `now_ms` as sending; also say when the next one falls
/// due. One transaction.
pub fn claim(
    conn: &Connection,
    now_ms: i64,
    limit: usize,
) -> rusqlite::Result<(Vec<Due>, Option<i64>)> {
    let tx = conn.unchecked_transaction()?;
    let due: Vec<Due> = {
        let mut stmt = tx.prepare_cached(
            "SELECT id, webhook_id, event_id, attempts, created_at_ms FROM deliveries
             WHERE status IN ('pending', 'failed') AND next_attempt_at_ms <= ?1 ORDER BY next_attempt_at_ms, id LIMIT ?2",
        )?;
        stmt.query_map(params![now_ms, limit as i64], |r| {
            Ok(Due {
                id: r.get(0)?,
                webhook_id: r.get(1)?,
                event_id: r.get(2)?,
                attempts: r.get(3)?,
                created_at_ms: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?
    };
    for d in &due {
        tx.execute(
            "UPDATE deliveries SET status = 'sending', updated_at_ms = ?1 WHERE id = ?2",
            params![now_ms, d.id],
        )?;
    }
    let next: Option<i64> = tx
        .query_row(
            "SELECT MIN(next_attempt_at_ms) FROM deliveries WHERE status IN ('pending', 'failed')",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    tx.commit()?;
    Ok((due, next))
}

/// One attempt's outcome, as recorded.
pub struct Attempt<'a> {
    pub number: u32,
    pub started_at_ms: i64,
    pub status_code: Option<u16>,
    pub duration_ms: i64,
    pub error: Option<&'a str>,
}

/// Record attempt `a` of delivery `delivery_id` and set the delivery's `status` and its next
/// attempt's time. One transaction.
pub fn record(
    conn: &Connection,
    delivery_id: i64,
    a: &Attempt,
    status: &str,
    next_attempt_at_ms: i64,
    now_ms: i64,
) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO delivery_attempts (delivery_id, attempt, started_at_ms, status_code, duration_ms, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![delivery_id, a.number, a.started_at_ms, a.status_code, a.duration_ms, a.error],
    )?;
    tx.execute(
        "UPDATE deliveries SET status = ?1, attempts = ?2, next_attempt_at_ms = ?3, last_status_code = ?4, last_error = ?5,
         last_duration_ms = ?6, updated_at_ms = ?7 WHERE id = ?8",
        params![status, a.number, next_attempt_at_ms, a.status_code, a.error, a.duration_ms, now_ms, delivery_id],
    )?;
    tx.commit()
}
