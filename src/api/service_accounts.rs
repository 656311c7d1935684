//! `/api/v1/companies/{company_id}/service-accounts` and projects.

use reqwest::Method;
use serde_json::{Value, json};

use super::models::{Permissions, Project, ServiceAccount, WithSecret};
use super::{Api, decode};
use crate::error::Result;
use crate::http::client::Request;
use crate::http::page::Page;

/// What to create.
pub struct NewServiceAccount<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub description: Option<&'a str>,
    pub permissions: &'a Permissions,
}

/// What to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct ServiceAccountChanges<'a> {
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub email: Option<&'a str>,
    pub permissions: Option<&'a Permissions>,
    /// Sent as `Idempotency-Key` (a retry after a lost answer is the same change).
    pub idempotency_key: Option<String>,
}

fn sa_path(company: i64) -> String {
    format!("/api/v1/companies/{company}/service-accounts")
}

impl Api<'_> {
    /// The first page (`per_page` items, optional name filter) or the page at `next`.
    pub async fn service_accounts_page(
        &self,
        company: i64,
        per_page: u32,
        q: Option<&str>,
        next: Option<url::Url>,
    ) -> Result<Page<ServiceAccount>> {
        let url = match next {
            Some(u) => u,
            None => {
                let mut u = self.url(&sa_path(company));
                u.query_pairs_mut()
                    .append_pair("per_page", &per_page.to_string());
                if let Some(q) = q {
                    u.query_pairs_mut().append_pair("q", q);
                }
                u
            }
        };
        self.page(url).await
    }

    pub async fn create_service_account(
        &self,
        company: i64,
        new: &NewServiceAccount<'_>,
        idempotency_key: String,
    ) -> Result<WithSecret> {
        let body = json!({
            "name": new.name,
            "email": new.email,
            "description": new.description.unwrap_or(""),
            "permissions": new.permissions,
        });
        let mut req = Request::new(Method::POST, self.url(&sa_path(company)))
            .auth(&self.auth)
            .json_body(&body);
        req.idempotency_key = Some(idempotency_key);
        decode(self.http.send(req).await?)
    }

    pub async fn service_account(&self, company: i64, id: u64) -> Result<ServiceAccount> {
        self.get_json(&format!("{}/{id}", sa_path(company))).await
    }

    pub async fn update_service_account(
        &self,
        company: i64,
        id: u64,
        changes: &ServiceAccountChanges<'_>,
    ) -> Result<ServiceAccount> {
        let mut body = serde_json::Map::new();
        let mut put = |k: &str, v: Value| {
            body.insert(k.to_string(), v);
        };
        if let Some(n) = changes.name {
            put("name", json!(n));
        }
        if let Some(d) = changes.description {
            put("description", json!(d));
        }
        if let Some(e) = changes.email {
            put("email", json!(e));
        }
        if let Some(p) = changes.permissions {
            put("permissions", json!(p));
        }
        let mut req = Request::new(
            Method::PATCH,
            self.url(&format!("{}/{id}", sa_path(company))),
        )
        .auth(&self.auth)
        .json_body(&Value::Object(body));
        req.idempotency_key = changes.idempotency_key.clone();
        decode(self.http.send(req).await?)
    }

    pub async fn delete_service_account(&self, company: i64, id: u64) -> Result<()> {
        self.delete(&format!("{}/{id}", sa_path(company))).await
    }

    /// Reset the secret. The idempotency key makes a retry after a lost answer safe: the server
    /// replays the first answer (with the same secret) instead of resetting twice.
    pub async fn reset_service_account_secret(
        &self,
        company: i64,
        id: u64,
        idempotency_key: String,
    ) -> Result<WithSecret> {
        let mut req = Request::new(
            Method::POST,
            self.url(&format!("{}/{id}/reset-secret", sa_path(company))),
        )
        .auth(&self.auth);
        req.idempotency_key = Some(idempotency_key);
        decode(self.http.send(req).await?)
    }

    /// A second secret; the old one stays valid for `grace_seconds`. Idempotent like a reset.
    pub async fn rotate_service_account_secret(
        &self,
        company: i64,
        id: u64,
        grace_seconds: u64,
        idempotency_key: String,
    ) -> Result<WithSecret> {
        let mut req = Request::new(
            Method::POST,
            self.url(&format!("{}/{id}/rotate-secret", sa_path(company))),
        )
        .auth(&self.auth)
        .json_body(&json!({"grace_seconds": grace_seconds}));
        req.idempotency_key = Some(idempotency_key);
        decode(self.http.send(req).await?)
    }

    /// Retire the old secret of a rotation now.
    pub async fn finish_service_account_rotation(
        &self,
        company: i64,
        id: u64,
        force: bool,
    ) -> Result<ServiceAccount> {
        let req = Request::new(
            Method::POST,
            self.url(&format!("{}/{id}/rotate-secret/finish", sa_path(company))),
        )
        .auth(&self.auth)
        .json_body(&json!({"force": force}));
        decode(self.http.send(req).await?)
    }

    pub async fn federations(&self, company: i64, id: u64) -> Result<Vec<Value>> {
        self.get_json(&format!("{}/{id}/federations", sa_path(company)))
            .await
    }

    pub async fn add_federation(&self, company: i64, id: u64, body: &Value) -> Result<Value> {
        let req = Request::new(
            Method::POST,
            self.url(&format!("{}/{id}/federations", sa_path(company))),
        )
        .auth(&self.auth)
        .json_body(body);
        decode(self.http.send(req).await?)
    }

    pub async fn remove_federation(&self, company: i64, id: u64, federation: u64) -> Result<()> {
        self.delete(&format!(
            "{}/{id}/federations/{federation}",
            sa_path(company)
        ))
        .await
    }

    /// The server's verdict on an assertion (its jti is not used up).
    pub async fn test_federation(
        &self,
        company: i64,
        id: u64,
        assertion: &crate::secret::Secret,
    ) -> Result<Value> {
        let req = Request::new(
            Method::POST,
            self.url(&format!("{}/{id}/federations/test", sa_path(company))),
        )
        .auth(&self.auth)
        .json_body(&json!({"assertion": assertion.expose()}));
        decode(self.http.send(req).await?)
    }

    pub async fn projects(&self, company: i64) -> Result<Vec<Project>> {
        self.get_json(&format!(
            "/api/v1/companies/{company}/projects?per_page=100"
        ))
        .await
    }
}
