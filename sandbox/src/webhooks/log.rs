//! The delivery log of a webhook: attempts, redelivery, and test sends.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::events;
use crate::platform::{PageQuery, Principal, paginated, rfc3339_ms};
use crate::state::Shared;

use super::require_owner;
use super::settings::view_json;

fn delivery_json(conn: &Connection, id: i64) -> rusqlite::Result<Value> {
    conn.query_row(
        "SELECT d.id, d.webhook_id, d.event_id, e.type, d.status, d.attempts, d.last_status_code, d.last_error, d.last_duration_ms,
                d.next_attempt_at_ms, d.created_at_ms, d.updated_at_ms
         FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = ?1",
        [id],
        |r| {
            let status: String = r.get(4)?;
            let retrying = status == "failed" || status == "pending";
            Ok(json!({
                "id": r.get::<_, i64>(0)?,
                "webhook_id": r.get::<_, i64>(1)?,
                "event_id": r.get::<_, String>(2)?,
                "event_type": r.get::<_, String>(3)?,
                "status": status,
                "attempts": r.get::<_, i64>(5)?,
                "response_status": r.get::<_, Option<u16>>(6)?,
                "error": r.get::<_, Option<String>>(7)?,
                "duration_ms": r.get::<_, Option<i64>>(8)?,
                "next_attempt_at": if retrying { Some(rfc3339_ms(r.get(9)?)) } else { None },
                "created_at": rfc3339_ms(r.get(10)?),
                "updated_at": rfc3339_ms(r.get(11)?),
            }))
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct DeliveriesQuery {
    page: Option<u64>,
    per_page: Option<u64>,
    status: Option<String>,
}

/// `GET …/webhooks/{id}/deliveries?status=`: newest first.
pub async fn deliveries(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Query(q): Query<DeliveriesQuery>,
) -> Result<Response, ApiError> {
    require_owner(&p, company_id)?;
    let (page, per_page) = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    const STATUSES: &[&str] = &["pending", "sending", "succeeded", "failed", "discarded"];
    if let Some(s) = &q.status
        && !STATUSES.contains(&s.as_str())
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_status",
            format!("status must be one of {}", STATUSES.join(", ")),
        ));
    }
    let conn = state.db();
    view_json(&conn, company_id, id)?;
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM deliveries WHERE webhook_id = ?1 AND (?2 IS NULL OR status = ?2)",
        params![id, q.status],
        |r| r.get(0),
    )?;
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM deliveries WHERE webhook_id = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY id DESC LIMIT ?3 OFFSET ?4")?
        .query_map(params![id, q.status, per_page as i64, ((page - 1) * per_page) as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let items = ids
        .into_iter()
        .map(|d| delivery_json(&conn, d))
        .collect::<Result<Vec<_>, _>>()?;
    let extra = q.status.map(|s| format!("status={s}&")).unwrap_or_default();
    Ok(paginated(
        &state.base_url,
        &format!("/api/v1/companies/{company_id}/webhooks/{id}/deliveries"),
        &extra,
        page,
        per_page,
        total as u64,
        items,
    ))
}

/// `POST …/deliveries/{delivery_id}/redeliver`: try again now.
pub async fn redeliver(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id, delivery_id)): Path<(i64, i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    require_owner(&p, company_id)?;
    let conn = state.db();
    view_json(&conn, company_id, id)?;
    let changed = conn.execute(
        "UPDATE deliveries SET status = 'pending', next_attempt_at_ms = ?1, created_at_ms = ?1, updated_at_ms = ?1 WHERE id = ?2 AND webhook_id = ?3 AND status != 'sending'",
        params![crate::db::now_ms(), delivery_id, id],
    )?;
    if changed == 0 {
        return Err(ApiError::not_found(format!(
            "delivery {delivery_id} of webhook {id} not found (or being sent right now)"
        )));
    }
    state.deliveries_due.notify_one();
    Ok(Json(delivery_json(&conn, delivery_id)?))
}

/// `POST …/webhooks/{id}/test`: a `webhook.test` event to this webhook only; answers once the
/// first attempt is done (or the receiver's time is up), with the receiver's answer.
pub async fn test(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    require_owner(&p, company_id)?;
    let event_id = {
        let conn = state.db();
        view_json(&conn, company_id, id)?;
        let tx = conn.unchecked_transaction()?;
        let event = events::emit(
            &tx,
            company_id,
            "webhook.test",
            json!({"webhook_id": id, "message": "This is a test event from svcacct-sandbox."}),
            Some(id),
        )?;
        tx.commit()?;
        event
    };
    state.deliveries_due.notify_one();
    let deadline =
        std::time::Instant::now() + state.delivery.timeout + std::time::Duration::from_secs(3);
    loop {
        {
            let conn = state.db();
            let row: Option<(i64, i64)> = conn
                .query_row(
                    "SELECT id, attempts FROM deliveries WHERE event_id = ?1",
                    [&event_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((delivery, attempts)) = row
                && (attempts > 0 || std::time::Instant::now() >= deadline)
            {
                return Ok(Json(delivery_json(&conn, delivery)?));
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
}
