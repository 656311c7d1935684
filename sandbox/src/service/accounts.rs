//! Creating a service account: its directory user, its confidential OAuth client and the
//! account row, with the one-time secret.

use serde::{Deserialize, Serialize};

use crate::crypto::{random_string, random_token, sha256_hex};
use crate::error::ApiError;
use crate::store::Conn;
use crate::store::service_accounts::ServiceAccount;
use crate::store::users::User;

/// A service account just created, with its one-time secret.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeededServiceAccount {
    pub id: i64,
    pub client_id: String,
    pub client_secret: String,
}

/// Create a service account in `company_id` (inside the caller's transaction).
pub fn create_service_account(
    conn: &Conn,
    company_id: i64,
    name: &str,
    description: &str,
    email: &str,
    now: i64,
) -> crate::store::Result<SeededServiceAccount> {
    let client_id = format!("sa_{}", random_string(12).replace(['-', '_'], "x"));
    let client_secret = random_token("sas_");
    let id = crate::store::service_accounts::insert(
        conn,
        company_id,
        &crate::store::service_accounts::NewAccount {
            client_id: &client_id,
            name,
            description,
            email,
            secret_hash: &sha256_hex(&client_secret),
        },
        now,
    )?;
    Ok(SeededServiceAccount {
        id,
        client_id,
        client_secret,
    })
}

/// Service account `id` of `company_id` and its user id, or 404.
pub fn find(conn: &Conn, company_id: i64, id: i64) -> Result<(ServiceAccount, i64), ApiError> {
    crate::store::service_accounts::get(conn, company_id, id)?.ok_or_else(|| {
        ApiError::not_found(format!(
            "service account {id} not found in company {company_id}"
        ))
    })
}

/// User `id` of `company_id`, or 404.
pub fn find_user(conn: &Conn, company_id: i64, id: i64) -> Result<User, ApiError> {
    crate::store::users::get(conn, company_id, id)?
        .ok_or_else(|| ApiError::not_found(format!("user {id} not found in company {company_id}")))
}
