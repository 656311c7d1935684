//! Webhooks and their deliveries, always within one company. Webhook ids are never reused
//! (AUTOINCREMENT), and deleting a webhook deletes its deliveries and their attempts, so no other
//! company's webhook can ever see them.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// A header as stored: a plain value, or (hidden) a sealed one.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredHeader {
    pub name: String,
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// A webhook as stored (sealed values still sealed).
#[derive(Clone, Debug)]
pub struct WebhookRow {
    pub url: String,
    pub events: Vec<String>,
    pub basic_user: Option<String>,
    pub sealed_password: Option<String>,
    pub headers: Vec<StoredHeader>,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

pub fn get(conn: &Connection, company_id: i64, id: i64) -> rusqlite::Result<Option<WebhookRow>> {
    conn.query_row(
        "SELECT url, events, basic_user, secret_basic_password, headers, active, created_at, updated_at
         FROM webhooks WHERE id = ?1 AND company_id = ?2",
        params![id, company_id],
        |r| {
            Ok(WebhookRow {
                url: r.get(0)?,
                events: serde_json::from_str(&r.get::<_, String>(1)?).unwrap_or_default(),
                basic_user: r.get(2)?,
                sealed_password: r.get(3)?,
                headers: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                active: r.get(5)?,
                created_at: r.get(6)?,
                updated_at: r.get(7)?,
            })
        },
    )
    .optional()
}

pub fn ids(conn: &Connection, company_id: i64) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached("SELECT id FROM webhooks WHERE company_id = ?1 ORDER BY id")?
        .query_map([company_id], |r| r.get(0))?
        .collect()
}

/// The active webhooks of a company and the events each subscribes to.
pub fn subscribers(
    conn: &Connection,
    company_id: i64,
) -> rusqlite::Result<Vec<(i64, Vec<String>)>> {
    conn.prepare_cached("SELECT id, events FROM webhooks WHERE company_id = ?1 AND active = 1")?
        .query_map([company_id], |r| {
            let events: String = r.get(1)?;
            Ok((r.get(0)?, serde_json::from_str(&events).unwrap_or_default()))
        })?
        .collect()
}

pub fn insert(conn: &Connection, company_id: i64, w: &WebhookRow) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO webhooks (company_id, url, events, basic_user, secret_basic_password, headers, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            company_id,
            w.url,
            serde_json::to_string(&w.events).expect("serialisable"),
            w.basic_user,
            w.sealed_password,
            serde_json::to_string(&w.headers).expect("serialisable"),
            w.active,
            w.created_at,
            w.updated_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Write every changeable field of webhook `id` of `company_id`. `false` when there is none.
pub fn save(conn: &Connection, company_id: i64, id: i64, w: &WebhookRow) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        "UPDATE webhooks SET url = ?1, events = ?2, basic_user = ?3, secret_basic_password = ?4, headers = ?5,
                active = ?6, updated_at = ?7
         WHERE id = ?8 AND company_id = ?9",
        params![
            w.url,
            serde_json::to_string(&w.events).expect("serialisable"),
            w.basic_user,
            w.sealed_password,
            serde_json::to_string(&w.headers).expect("serialisable"),
            w.active,
            w.updated_at,
            id,
            company_id
        ],
    )?;
    Ok(changed == 1)
}

/// Delete webhook `id` of `company_id` with its deliveries and their attempts, in one
/// transaction. `false` when there is no such webhook.
pub fn delete(conn: &Connection, company_id: i64, id: i64) -> rusqlite::Result<bool> {
    let tx = conn.unchecked_transaction()?;
    let gone = tx.execute(
        "DELETE FROM webhooks WHERE id = ?1 AND company_id = ?2",
        params![id, company_id],
    )?;
    if gone == 1 {
        tx.execute(
            "DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE webhook_id = ?1)",
            [id],
        )?;
        tx.execute("DELETE FROM deliveries WHERE webhook_id = ?1", [id])?;
    }
    tx.commit()?;
    Ok(gone == 1)
}

/// A delivery as the log shows it.
pub struct DeliveryRow {
    pub id: i64,
    pub webhook_id: i64,
    pub event_id: String,
    pub event_type: String,
    pub status: String,
    pub attempts: i64,
    pub last_status_code: Option<u16>,
    pub last_error: Option<String>,
    pub last_duration_ms: Option<i64>,
    pub next_attempt_at_ms: i64,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// Deliveries are a company's through their webhook: every query joins it and checks both ids.
const DELIVERY_SCOPE: &str =
    "FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN events e ON e.id = d.event_id
     WHERE w.company_id = ?1 AND e.company_id = ?1";

pub fn delivery(
    conn: &Connection,
    company_id: i64,
    id: i64,
) -> rusqlite::Result<Option<DeliveryRow>> {
    conn.query_row(
        &format!(
            "SELECT d.id, d.webhook_id, d.event_id, e.type, d.status, d.attempts, d.last_status_code, d.last_error,
                    d.last_duration_ms, d.next_attempt_at_ms, d.created_at_ms, d.updated_at_ms
             {DELIVERY_SCOPE} AND d.id = ?2"
        ),
        params![company_id, id],
        |r| {
            Ok(DeliveryRow {
                id: r.get(0)?,
                webhook_id: r.get(1)?,
                event_id: r.get(2)?,
                event_type: r.get(3)?,
                status: r.get(4)?,
                attempts: r.get(5)?,
                last_status_code: r.get(6)?,
                last_error: r.get(7)?,
                last_duration_ms: r.get(8)?,
                next_attempt_at_ms: r.get(9)?,
                created_at_ms: r.get(10)?,
                updated_at_ms: r.get(11)?,
            })
        },
    )
    .optional()
}

/// How many deliveries webhook `webhook_id` has (with `status`, if given), and a page of their
/// ids, newest first.
pub fn delivery_page(
    conn: &Connection,
    company_id: i64,
    webhook_id: i64,
    status: Option<&str>,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<(u64, Vec<i64>)> {
    let filter = "AND d.webhook_id = ?2 AND (?3 IS NULL OR d.status = ?3)";
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) {DELIVERY_SCOPE} {filter}"),
        params![company_id, webhook_id, status],
        |r| r.get(0),
    )?;
    let ids = conn
        .prepare_cached(&format!(
            "SELECT d.id {DELIVERY_SCOPE} {filter} ORDER BY d.id DESC LIMIT ?4 OFFSET ?5"
        ))?
        .query_map(
            params![company_id, webhook_id, status, limit as i64, offset as i64],
            |r| r.get(0),
        )?
        .collect::<Result<_, _>>()?;
    Ok((total as u64, ids))
}

/// Queue delivery `id` of webhook `webhook_id` again, now. `false` if there is no such delivery
/// in the company, or it is being sent right now.
pub fn redeliver(
    conn: &Connection,
    company_id: i64,
    webhook_id: i64,
    id: i64,
    now_ms: i64,
) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        &format!(
            "UPDATE deliveries SET status = 'pending', next_attempt_at_ms = ?3, created_at_ms = ?3, updated_at_ms = ?3
             WHERE status != 'sending' AND id IN (SELECT d.id {DELIVERY_SCOPE} AND d.webhook_id = ?2 AND d.id = ?4)"
        ),
        params![company_id, webhook_id, now_ms, id],
    )?;
    Ok(changed == 1)
}

/// The delivery of event `event_id` (a test send has exactly one) and its attempts so far.
pub fn delivery_of_event(
    conn: &Connection,
    company_id: i64,
    event_id: &str,
) -> rusqlite::Result<Option<(i64, i64)>> {
    conn.query_row(
        &format!("SELECT d.id, d.attempts {DELIVERY_SCOPE} AND d.event_id = ?2"),
        params![company_id, event_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}
