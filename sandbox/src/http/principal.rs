//! Who a request acts as, and the checks every handler makes on it: membership, admin level,
//! a tool's permission, first-party credentials.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::ApiError;
use crate::store::Conn;

/// Who a request acts as.
#[derive(Clone, Debug, Serialize)]
pub struct Principal {
    pub id: i64,
    pub company_id: i64,
    pub login: String,
    pub name: String,
    pub email: String,
    pub kind: String,
    pub is_owner: bool,
    pub is_admin: bool,
    pub api_access: bool,
    pub user_management: bool,
    /// The token this request came with (to mark "current" in token listings).
    #[serde(skip)]
    pub token_id: i64,
    /// `access` (minted by an OAuth client) or `pat`.
    #[serde(skip)]
    pub token_kind: String,
    /// The OAuth client an access token was minted for (none for a PAT).
    #[serde(skip)]
    pub client_id: Option<String>,
    /// The scopes the user granted that client (space-separated; empty without a grant).
    #[serde(skip)]
    pub scope: String,
    /// When the credential behind the token stops working (a PAT's expiry, or the end of the
    /// grace of the service-account secret it was minted with), where it does.
    #[serde(skip)]
    pub credential_expires_at: Option<i64>,
}

/// The response header naming that moment (like GitHub's
/// `GitHub-Authentication-Token-Expiration`), so that clients can warn before it comes.
pub const CREDENTIAL_EXPIRES_HEADER: &str = "svcacct-credential-expires";

/// The scope a third-party app must be granted, explicitly, to manage credentials (PATs,
/// service accounts, webhooks, app installs) on the user's behalf.
pub const CREDENTIALS_SCOPE: &str = "credentials";

impl Principal {
    /// A first-party credential: the platform's own CLI, a personal access token, or a token
    /// whose grant carries the `credentials` scope. Anything else (a marketplace app's user
    /// token, an app's or service account's client-credentials token) cannot manage credentials.
    pub fn is_first_party(&self) -> bool {
        self.token_kind == "pat"
            || self.client_id.as_deref() == Some(crate::store::oauth::CLI_CLIENT_ID)
            || self.scope.split(' ').any(|s| s == CREDENTIALS_SCOPE)
    }
}

/// Credential management only with first-party credentials (see [`Principal::is_first_party`]).
pub fn require_first_party(p: &Principal) -> Result<(), ApiError> {
    if p.is_first_party() {
        return Ok(());
    }
    Err(ApiError::forbidden_because(
        "credential_kind",
        format!(
            "managing credentials needs a first-party credential (the svcacct CLI, a personal access token, or a token granted the '{CREDENTIALS_SCOPE}' scope); this token was issued to {}",
            p.client_id
                .as_deref()
                .map(|c| format!("client '{c}'"))
                .unwrap_or_else(|| "another client".into())
        ),
    ))
}

/// The route layer for the credential-management routes: every route in that group gets it.
pub async fn first_party_only(req: Request, next: Next) -> Response {
    if let Some(p) = req.extensions().get::<Principal>()
        && let Err(e) = require_first_party(p)
    {
        return e.into_response();
    }
    next.run(req).await
}

/// The caller belongs to `company_id` (else 404: other companies are not disclosed).
pub fn require_member(p: &Principal, company_id: i64) -> Result<(), ApiError> {
    if p.company_id != company_id {
        return Err(ApiError::not_found(format!(
            "company {company_id} not found"
        )));
    }
    Ok(())
}

/// The caller has Admin level on the company Admin tool (the seed's rule for service accounts).
pub fn require_company_admin(p: &Principal, company_id: i64, action: &str) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    if !p.is_admin {
        return Err(ApiError::forbidden_because(
            "admin_required",
            format!(
                "to {action} you need Admin level on the company Admin tool; '{}' does not have it",
                p.login
            ),
        ));
    }
    Ok(())
}

/// The caller may use `tool` at level `min` or better: on `project_id` (company-wide
/// permissions count there) or company-wide. Account owners and company admins may use every
/// tool; everyone else, people and integrations alike, needs the permission.
pub fn require_tool(
    conn: &Conn,
    p: &Principal,
    company_id: i64,
    project_id: Option<i64>,
    tool: &str,
    min: &str,
    action: &str,
) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    if p.is_owner || p.is_admin {
        return Ok(());
    }
    let level =
        crate::store::permissions::level_on(conn, company_id, p.id, project_id.unwrap_or(0), tool)?;
    if crate::store::permissions::rank(&level) >= crate::store::permissions::rank(min) {
        // What was needed, for least privilege (`sa view`, `audit`, `--trim-unused`).
        crate::store::permission_usage::record(conn, p.id, tool, min, crate::clock::system_now())?;
        return Ok(());
    }
    let place = project_id
        .map(|id| format!(" on project {id}"))
        .unwrap_or_default();
    Err(ApiError::forbidden_because(
        "permission_required",
        format!(
            "to {action} you need the permission {tool}: {min}{place}; '{}' has {tool}: {level}",
            p.login
        ),
    ))
}

/// Reading the company directory: people in it see it; integrations (service accounts, apps'
/// service users) need `directory: read`.
pub fn require_directory(conn: &Conn, p: &Principal, company_id: i64) -> Result<(), ApiError> {
    require_member(p, company_id)?;
    if p.kind == "person" {
        return Ok(());
    }
    require_tool(
        conn,
        p,
        company_id,
        None,
        "directory",
        "read",
        "read the company directory",
    )
}

/// The user-management permission (account owners have it).
pub fn require_user_manager(p: &Principal, action: &str) -> Result<(), ApiError> {
    if p.user_management || p.is_owner {
        Ok(())
    } else {
        Err(ApiError::forbidden_because(
            "user_management_required",
            format!(
                "to {action} you need the user-management permission; '{}' does not have it",
                p.login
            ),
        ))
    }
}
