//! The event outbox: an event of a company and one pending delivery per webhook of that
//! company that takes it, written in the caller's transaction.

use rusqlite::{Connection, OptionalExtension, params};

/// Record event `id` of `company_id` and queue it for every active webhook subscribed to
/// `event_type` (or only for `only_webhook`, if it is the company's).
pub fn record(
    conn: &Connection,
    company_id: i64,
    id: &str,
    event_type: &str,
    at_ms: i64,
    data: &str,
    only_webhook: Option<i64>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO events (id, company_id, type, occurred_at_ms, data) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, company_id, event_type, at_ms, data],
    )?;
    for (hook, events) in super::webhooks::subscribers(conn, company_id)? {
        let subscribed = match only_webhook {
            Some(only) => only == hook,
            None => events.iter().any(|e| e == event_type),
        };
        if subscribed {
            conn.execute(
                "INSERT INTO deliveries (webhook_id, event_id, next_attempt_at_ms, created_at_ms, updated_at_ms) VALUES (?1, ?2, ?3, ?3, ?3)",
                params![hook, id, at_ms],
            )?;
        }
    }
    Ok(())
}

/// An event as a delivery sends it.
pub struct EventRow {
    pub event_type: String,
    pub company_id: i64,
    pub occurred_at_ms: i64,
    /// The event's data, as JSON text.
    pub data: String,
}

/// Event `id`, whichever company it is of (the delivery engine reads the company from it, and
/// then only that company's webhook).
pub fn get(conn: &Connection, id: &str) -> rusqlite::Result<Option<EventRow>> {
    conn.query_row(
        "SELECT type, company_id, occurred_at_ms, data FROM events WHERE id = ?1",
        [id],
        |r| {
            Ok(EventRow {
                event_type: r.get(0)?,
                company_id: r.get(1)?,
                occurred_at_ms: r.get(2)?,
                data: r.get(3)?,
            })
        },
    )
    .optional()
}
