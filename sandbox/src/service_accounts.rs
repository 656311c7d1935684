//! `/api/v1/companies/{company_id}/service-accounts`: list, create, view, update, delete,
//! reset-secret, rotate-secret (and its finish). Only users with Admin level on the company
//! Admin tool may call these.

use crate::store::Conn;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::crypto::{random_token, sha256_hex};
use crate::error::ApiError;
use crate::http::{PageQuery, Principal, paginated, require_company_admin};
use crate::idempotency;
use crate::service::permissions;
use crate::state::Shared;
use crate::store::permissions::{self as perms_store, Permissions};

use crate::service::accounts::find;
use crate::store::service_accounts as store;
pub use crate::store::service_accounts::ServiceAccount;

fn with_permissions(sa: &ServiceAccount, perms: &Permissions) -> Value {
    let mut v = serde_json::to_value(sa).expect("serialisable");
    v["permissions"] = serde_json::to_value(perms).expect("serialisable");
    v
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    page: Option<u64>,
    per_page: Option<u64>,
    q: Option<String>,
}

pub async fn list(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    require_company_admin(&p, company_id, "list service accounts")?;
    let (page, per_page) = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let pattern =
        q.q.as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| format!("%{}%", s.replace('%', "\\%").replace('_', "\\_")));
    let conn = state.db();
    let (total, accounts) = store::page(
        &conn,
        company_id,
        pattern.as_deref(),
        per_page,
        (page - 1) * per_page,
    )?;
    // Each with its active secrets' dates (created, last used, expires): what `svcacct audit`
    // checks, without a request per account.
    let t = state.clock.now();
    let mut items = Vec::with_capacity(accounts.len());
    for sa in accounts {
        let secrets = store::secrets(&conn, company_id, sa.id, t)?;
        let mut v = serde_json::to_value(&sa).expect("serialisable");
        v["secrets"] = serde_json::to_value(secrets).expect("serialisable");
        items.push(v);
    }
    let extra =
        q.q.as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| {
                format!(
                    "q={}&",
                    url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
                )
            })
            .unwrap_or_default();
    Ok(paginated(
        &state.base_url,
        &format!("/api/v1/companies/{company_id}/service-accounts"),
        &extra,
        page,
        per_page,
        total,
        items,
    ))
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    name: String,
    email: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    permissions: Permissions,
}

fn unprocessable(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
}

fn validate_name(name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() || name.len() > 120 {
        return Err(unprocessable(
            "invalid_name",
            "name must be 1 to 120 characters",
        ));
    }
    Ok(())
}

/// A JSON response that was (or will be) stored for an idempotent replay.
fn json_response(status: StatusCode, body: &str) -> Response {
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

pub async fn create(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(company_id): Path<i64>,
    idempotent: Option<Extension<idempotency::Idempotent>>,
    Json(body): Json<CreateBody>,
) -> Result<Response, ApiError> {
    require_company_admin(&p, company_id, "create service accounts")?;
    validate_name(&body.name)?;
    let email = body.email.trim().to_ascii_lowercase();
    if !email.contains('@') || email.len() > 200 {
        return Err(unprocessable(
            "invalid_email",
            format!("'{}' is not an email address", body.email),
        ));
    }
    let conn = state.db();
    if store::email_taken(&conn, &email)? {
        // Who holds it (and in which company) is not the caller's to know.
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "email_taken",
            format!(
                "{email} is already in use in a company directory: a service account's contact can be in one company directory only; use another email"
            ),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    let created = crate::service::accounts::create_service_account(
        &tx,
        company_id,
        body.name.trim(),
        &body.description,
        &email,
        state.clock.now(),
    )?;
    let (sa, user_id) = find(&tx, company_id, created.id)?;
    permissions::apply(&tx, company_id, user_id, &body.permissions)?;
    let perms = perms_store::load(&tx, company_id, user_id)?;
    crate::events::emit(
        &tx,
        company_id,
        "service_account.created",
        json!({"service_account": &sa, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    let mut out = with_permissions(&sa, &perms);
    out["client_secret"] = json!(created.client_secret);
    let text = out.to_string();
    // Stored with the account, in its transaction (the middleware replays it on a retry).
    if let Some(Extension(i)) = &idempotent {
        idempotency::store(&tx, &state, p.id, i, StatusCode::CREATED, &text)?;
    }
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(json_response(StatusCode::CREATED, &text))
}

pub async fn view(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "view service accounts")?;
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    let mut out = with_permissions(&sa, &perms_store::load(&conn, company_id, user_id)?);
    out["secrets"] = secrets_json(&conn, company_id, &sa, state.clock.now())?;
    out["permission_usage"] = serde_json::to_value(crate::store::permission_usage::list(
        &conn, company_id, user_id,
    )?)
    .expect("serialisable");
    Ok(Json(out))
}

/// The account's active secrets, oldest first: dates only, never a value.
fn secrets_json(
    conn: &Conn,
    company_id: i64,
    sa: &ServiceAccount,
    now: i64,
) -> Result<Value, ApiError> {
    let secrets = store::secrets(conn, company_id, sa.id, now)?;
    Ok(serde_json::to_value(secrets).expect("serialisable"))
}

/// A rotation's grace: 1 second to 30 days.
const MAX_GRACE: i64 = 30 * 86_400;
/// `finish` refuses while the old secret was used this recently (unless forced).
const RECENT_USE: i64 = 15 * 60;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RotateBody {
    /// Seconds the old secret stays valid (default 24 h).
    grace_seconds: Option<i64>,
}

/// A second secret, the old one valid until the grace ends; permissions untouched. Refused
/// (409) while two secrets are active: finish that rotation first.
pub async fn rotate_secret(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    idempotent: Option<Extension<idempotency::Idempotent>>,
    body: Option<Json<RotateBody>>,
) -> Result<Response, ApiError> {
    require_company_admin(&p, company_id, "rotate service account secrets")?;
    let grace = body.and_then(|Json(b)| b.grace_seconds).unwrap_or(86_400);
    if !(1..=MAX_GRACE).contains(&grace) {
        return Err(unprocessable(
            "invalid_grace",
            format!("grace_seconds must be between 1 and {MAX_GRACE} (30 days); got {grace}"),
        ));
    }
    let conn = state.db();
    let (sa, _) = find(&conn, company_id, id)?;
    let tx = conn.unchecked_transaction()?;
    let t = state.clock.now();
    let active = store::secrets(&tx, company_id, sa.id, t)?;
    if active.len() >= 2 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "rotation_in_progress",
            format!(
                "service account {id} already has two active secrets (the old one valid until {}); finish that rotation first (rotate-secret --finish)",
                active[0].expires_at.clone().unwrap_or_default()
            ),
        ));
    }
    let secret = random_token("sas_");
    store::rotate_secret(&tx, company_id, &sa, &sha256_hex(&secret), t, t + grace)?;
    crate::events::emit(
        &tx,
        company_id,
        "service_account.secret_rotated",
        json!({"service_account_id": id, "client_id": sa.client_id, "phase": "started",
               "old_secret_expires_at": crate::clock::rfc3339(t + grace),
               "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    let (sa, user_id) = find(&tx, company_id, id)?;
    let mut out = with_permissions(&sa, &perms_store::load(&tx, company_id, user_id)?);
    out["secrets"] = secrets_json(&tx, company_id, &sa, state.clock.now())?;
    out["client_secret"] = json!(secret);
    let text = out.to_string();
    if let Some(Extension(i)) = &idempotent {
        idempotency::store(&tx, &state, p.id, i, StatusCode::OK, &text)?;
    }
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(json_response(StatusCode::OK, &text))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinishBody {
    /// Retire the old secret even if it was used in the last 15 minutes.
    force: Option<bool>,
}

/// Retire the old secret of a rotation now (and the tokens minted with it).
pub async fn finish_rotation(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    body: Option<Json<FinishBody>>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "rotate service account secrets")?;
    let force = body.and_then(|Json(b)| b.force).unwrap_or(false);
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    let tx = conn.unchecked_transaction()?;
    let t = state.clock.now();
    let active = store::secrets(&tx, company_id, sa.id, t)?;
    if active.len() < 2 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "no_rotation",
            format!("service account {id} has one active secret: there is no rotation to finish"),
        ));
    }
    let old = &active[0];
    if let Some(used) = old.last_used_unix
        && t - used < RECENT_USE
        && !force
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "old_secret_in_use",
            format!(
                "the old secret of service account {id} was used {} s ago (at {}): something still uses it; retire it anyway with force",
                t - used,
                old.last_used_at.clone().unwrap_or_default()
            ),
        ));
    }
    store::retire_secret(&tx, company_id, &sa, old.id, t)?;
    crate::events::emit(
        &tx,
        company_id,
        "service_account.secret_rotated",
        json!({"service_account_id": id, "client_id": sa.client_id, "phase": "finished",
               "forced": force, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    let mut out = with_permissions(&sa, &perms_store::load(&tx, company_id, user_id)?);
    out["secrets"] = secrets_json(&tx, company_id, &sa, state.clock.now())?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(Json(out))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateBody {
    name: Option<String>,
    description: Option<String>,
    email: Option<String>,
    permissions: Option<Permissions>,
}

pub async fn update(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    Json(body): Json<UpdateBody>,
) -> Result<Json<Value>, ApiError> {
    require_company_admin(&p, company_id, "update service accounts")?;
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    if let Some(email) = &body.email
        && !email.trim().eq_ignore_ascii_case(&sa.email)
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "email_immutable",
            format!(
                "the contact email of service account {id} ({}) cannot change: changing it in the company directory stops the account from working; create a new service account instead",
                sa.email
            ),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    if let Some(name) = &body.name {
        validate_name(name)?;
        store::rename(&tx, company_id, id, name.trim())?;
    }
    if let Some(description) = &body.description {
        store::set_description(&tx, company_id, id, description)?;
    }
    if let Some(changes) = &body.permissions {
        permissions::apply(&tx, company_id, user_id, changes)?;
    }
    let (sa, _) = find(&tx, company_id, id)?;
    let perms = perms_store::load(&tx, company_id, user_id)?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(Json(with_permissions(&sa, &perms)))
}

pub async fn delete(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    require_company_admin(&p, company_id, "delete service accounts")?;
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    let tx = conn.unchecked_transaction()?;
    perms_store::clear(&tx, company_id, user_id)?;
    crate::events::emit(
        &tx,
        company_id,
        "service_account.deleted",
        json!({"service_account": &sa, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    crate::store::federations::delete_for_account(&tx, company_id, sa.id)?;
    store::delete(&tx, company_id, &sa, user_id)?;
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(StatusCode::NO_CONTENT)
}

/// New secret; the old secret and every token minted with it stop working; all permissions and
/// project memberships are removed. One transaction: all of it happens, or none.
pub async fn reset_secret(
    State(state): State<Shared>,
    Extension(p): Extension<Principal>,
    Path((company_id, id)): Path<(i64, i64)>,
    idempotent: Option<Extension<idempotency::Idempotent>>,
) -> Result<Response, ApiError> {
    require_company_admin(&p, company_id, "reset service account secrets")?;
    let conn = state.db();
    let (sa, user_id) = find(&conn, company_id, id)?;
    let tx = conn.unchecked_transaction()?;
    let previous = perms_store::load(&tx, company_id, user_id)?;
    let secret = random_token("sas_");
    store::replace_secret(
        &tx,
        company_id,
        &sa,
        &sha256_hex(&secret),
        state.clock.now(),
    )?;
    perms_store::clear(&tx, company_id, user_id)?;
    crate::events::emit(
        &tx,
        company_id,
        "service_account.secret_reset",
        json!({"service_account_id": id, "client_id": sa.client_id, "actor": {"id": p.id, "login": p.login}}),
        None,
    )?;
    let (sa, _) = find(&tx, company_id, id)?;
    let mut out = with_permissions(&sa, &Permissions::default());
    out["client_secret"] = json!(secret);
    out["previous_permissions"] = serde_json::to_value(&previous).expect("serialisable");
    let text = out.to_string();
    if let Some(Extension(i)) = &idempotent {
        idempotency::store(&tx, &state, p.id, i, StatusCode::OK, &text)?;
    }
    tx.commit()?;
    state.deliveries_due.notify_one();
    Ok(json_response(StatusCode::OK, &text))
}
