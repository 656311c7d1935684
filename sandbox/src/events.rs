//! Webhook events: the catalogue, and `emit`, which writes an event and one pending delivery
//! per subscribed webhook in the caller's transaction (the outbox).

use axum::Json;
use serde_json::{Value, json};

use crate::crypto::random_string;
use crate::store::Conn;

pub const CATALOGUE: &[(&str, &str)] = &[
    ("ticket.created", "A ticket was created in a project"),
    ("ticket.updated", "A ticket's title or status changed"),
    ("ticket.deleted", "A ticket was deleted"),
    ("photo.attached", "A photo was attached to a ticket"),
    ("service_account.created", "A service account was created"),
    (
        "service_account.secret_reset",
        "A service account's client secret was reset",
    ),
    (
        "service_account.secret_rotated",
        "A service account got a second secret (rotation) or retired the old one",
    ),
    (
        "service_account.federation_added",
        "A service account now trusts an outside identity (federation)",
    ),
    (
        "service_account.federation_removed",
        "A service account no longer trusts an outside identity",
    ),
    ("service_account.deleted", "A service account was deleted"),
    ("token.created", "A personal access token was created"),
    ("token.revoked", "A personal access token was revoked"),
    (
        "webhook.test",
        "A test event sent on request (only to that webhook)",
    ),
];

pub fn known(event: &str) -> bool {
    CATALOGUE.iter().any(|(t, _)| *t == event)
}

/// `GET /api/v1/webhook-events`
pub async fn catalogue() -> Json<Value> {
    Json(Value::Array(
        CATALOGUE
            .iter()
            .map(|(t, d)| json!({"type": t, "description": d}))
            .collect(),
    ))
}

/// Record `event_type` for `company_id` and queue it for every active webhook subscribed to
/// it (or only for `only_webhook`). Returns the event id. Runs inside the caller's transaction.
pub fn emit(
    conn: &Conn,
    company_id: i64,
    event_type: &str,
    data: Value,
    only_webhook: Option<i64>,
) -> crate::store::Result<String> {
    let id = format!("evt_{}", random_string(16));
    let t = crate::clock::system_now_ms();
    crate::store::events::record(
        conn,
        company_id,
        &id,
        event_type,
        t,
        &data.to_string(),
        only_webhook,
    )?;
    Ok(id)
}
