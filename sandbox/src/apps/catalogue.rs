//! `GET /api/v1/apps`: the marketplace.

use axum::Json;
use axum::extract::State;
use serde_json::Value;

use super::app_json;
use crate::error::ApiError;
use crate::state::Shared;
use crate::store::catalogue as store;

/// `GET /api/v1/apps`: the marketplace.
pub async fn catalogue(State(state): State<Shared>) -> Result<Json<Value>, ApiError> {
    let apps = store::all(&state.db())?;
    Ok(Json(Value::Array(apps.iter().map(app_json).collect())))
}
