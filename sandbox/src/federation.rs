//! `/api/v1/companies/{company_id}/service-accounts/{id}/federations`: the outside identities a
//! service account trusts (list, add, remove, test an assertion). The verification itself is
//! `service::federation`, shared with the token endpoint.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::http::{Principal, require_company_admin};
use crate::service::accounts::find;
use crate::service::federation::{check_issuer, verify};
use crate::state::Shared;
use crate::store::federations as store;

// ---- the admin API: /companies/{company_id}/service-accounts/{id}/federations ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewFederation {
    issuer: String,
    subject: String,
    audience: Option<String>,
    #[serde(default)]
    claims: serde_json::Map<String, Value>,
}

fn unprocessable(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
}

pub async fn list(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "view service account federations")?;
    let conn = state.db();
    let (sa, _) = find(&conn, company_id, id)?;
    Ok(Json(json!(store::list(&conn, company_id, sa.id)?)))
}

/// Federations one service account may have.
pub const MAX_FEDERATIONS: usize = 20;

pub async fn add(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Json(body): Json<NewFederation>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    require_company_admin(&p, company_id, "add service account federations")?;
    check_issuer(body.issuer.trim(), state.allow_loopback_issuers)
        .map_err(|e| unprocessable("invalid_issuer", e))?;
    let subject = body.subject.trim();
    if subject.is_empty() || subject.len() > 512 {
        return Err(unprocessable(
            "invalid_subject",
            "subject must be 1 to 512 characters",
        ));
    }
    let audience = body
        .audience
        .as_deref()
        .map(str::trim)
        .unwrap_or(state.base_url.as_str())
        .to_string();
    if audience.is_empty() || audience.len() > 512 {
        return Err(unprocessable(
            "invalid_audience",
            "audience must be 1 to 512 characters",
        ));
    }
    if body.claims.len() > 20 || body.claims.keys().any(|k| k.is_empty() || k.len() > 100) {
        return Err(unprocessable(
            "invalid_claims",
            "at most 20 claim matchers, names of 1 to 100 characters",
        ));
    }
    if let Some(reserved) = body
        .claims
        .keys()
        .find(|k| ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"].contains(&k.as_str()))
    {
        return Err(unprocessable(
            "invalid_claims",
            format!(
                "'{reserved}' is checked already; claim matchers are for other claims (e.g. repository, ref, environment)"
            ),
        ));
    }
    let conn = state.db();
    let (sa, _) = find(&conn, company_id, id)?;
    // Each federation may cost a key fetch: an account trusts a bounded number of them.
    if store::list(&conn, company_id, sa.id)?.len() >= MAX_FEDERATIONS {
        return Err(unprocessable(
            "too_many_federations",
            format!(
                "a service account trusts at most {MAX_FEDERATIONS} federations; remove one first"
            ),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    let fed_id = store::add(
        &tx,
        company_id,
        sa.id,
        body.issuer.trim(),
        subject,
        &audience,
        &body.claims,
        state.clock.now(),
    )?;
    let made = store::list(&tx, company_id, sa.id)?
        .into_iter()
        .find(|f| f.id == fed_id)
        .expect("just added");
    crate::events::emit(
        &tx,
        company_id,
        "service_account.federation_added",
        json!({"service_account_id": sa.id, "federation": &made, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok((StatusCode::CREATED, Json(json!(made))))
}

pub async fn remove(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id, fed_id)): Path<(i64, i64, i64)>,
) -> Result<StatusCode, ApiError> {
    require_company_admin(&p, company_id, "remove service account federations")?;
    let conn = state.db();
    let (sa, _) = find(&conn, company_id, id)?;
    let tx = conn.unchecked_transaction()?;
    // The tokens minted through it are revoked with it.
    if !store::remove(&tx, company_id, sa.id, fed_id)? {
        return Err(ApiError::not_found(format!(
            "federation {fed_id} not found on service account {id}"
        )));
    }
    crate::events::emit(
        &tx,
        company_id,
        "service_account.federation_removed",
        json!({"service_account_id": sa.id, "federation_id": fed_id, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestBody {
    assertion: String,
}

/// Would this assertion be accepted for the account? (The `jti` is not used up.)
pub async fn test(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Json(body): Json<TestBody>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "test service account federations")?;
    // It may fetch the issuer's keys: no lease held meanwhile.
    state.end_lease();
    let client_id = {
        let conn = state.db();
        find(&conn, company_id, id)?.0.client_id
    };
    Ok(Json(
        match verify(&state, &client_id, body.assertion.trim()).await {
            Ok(v) => json!({"accepted": true, "federation_id": v.federation_id, "reason": null}),
            Err(refused) => {
                json!({"accepted": false, "federation_id": null, "reason": refused.detail})
            }
        },
    ))
}
