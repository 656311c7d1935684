//! The delivery log of a webhook: attempts, redelivery, and test sends.

use crate::store::Conn;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::clock::rfc3339_ms;
use crate::error::ApiError;
use crate::events;
use crate::http::{PageQuery, Principal, paginated};
use crate::state::Shared;

use super::{require_owner, view_json};
use crate::store::webhooks as store;

fn delivery_json(conn: &Conn, company_id: i64, id: i64) -> Result<Value, ApiError> {
    let d = store::delivery(conn, company_id, id)?
        .ok_or_else(|| ApiError::not_found(format!("delivery {id} not found")))?;
    let retrying = d.status == "failed" || d.status == "pending";
    Ok(json!({
        "id": d.id,
        "webhook_id": d.webhook_id,
        "event_id": d.event_id,
        "event_type": d.event_type,
        "status": d.status,
        "attempts": d.attempts,
        "response_status": d.last_status_code,
        "error": d.last_error,
        "duration_ms": d.last_duration_ms,
        "next_attempt_at": if retrying { Some(rfc3339_ms(d.next_attempt_at_ms)) } else { None },
        "created_at": rfc3339_ms(d.created_at_ms),
        "updated_at": rfc3339_ms(d.updated_at_ms),
    }))
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
    let (total, ids) = store::delivery_page(
        &conn,
        company_id,
        id,
        q.status.as_deref(),
        per_page,
        (page - 1) * per_page,
    )?;
    let items = ids
        .into_iter()
        .map(|d| delivery_json(&conn, company_id, d))
        .collect::<Result<Vec<_>, _>>()?;
    let extra = q.status.map(|s| format!("status={s}&")).unwrap_or_default();
    Ok(paginated(
        &state.base_url,
        &format!("/api/v1/companies/{company_id}/webhooks/{id}/deliveries"),
        &extra,
        page,
        per_page,
        total,
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
    if !store::redeliver(&conn, company_id, id, delivery_id, state.clock.now_ms())? {
        return Err(ApiError::not_found(format!(
            "delivery {delivery_id} of webhook {id} not found (or being sent right now)"
        )));
    }
    state.deliveries_due.notify_one();
    Ok(Json(delivery_json(&conn, company_id, delivery_id)?))
}

/// `POST …/webhooks/{id}/test`: a `webhook.test` event to this webhook only; answers once the
/// first attempt is done (or the receiver's time is up), with the receiver's answer.
pub async fn test(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    require_owner(&p, company_id)?;
    // It waits for the delivery engine, which needs the writer: no lease held meanwhile.
    state.end_lease();
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
            let row = store::delivery_of_event(&conn, company_id, &event_id)?;
            if let Some((delivery, attempts)) = row
                && (attempts > 0 || std::time::Instant::now() >= deadline)
            {
                return Ok(Json(delivery_json(&conn, company_id, delivery)?));
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
}
