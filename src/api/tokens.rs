//! Personal access tokens and the users directory.

use reqwest::Method;
use serde_json::json;

use super::models::{NewPat, Pat, User};
use super::{Api, decode};
use crate::error::Result;
use crate::http::client::Request;

/// Whose tokens: your own, or another user's (user managers).
#[derive(Clone, Copy, Debug)]
pub enum Owner {
    Me,
    User { company: i64, user: u64 },
}

fn tokens_path(owner: Owner) -> String {
    match owner {
        Owner::Me => "/api/v1/me/tokens".to_string(),
        Owner::User { company, user } => format!("/api/v1/companies/{company}/users/{user}/tokens"),
    }
}

impl Api<'_> {
    pub async fn tokens(&self, owner: Owner) -> Result<Vec<Pat>> {
        self.get_json(&tokens_path(owner)).await
    }

    pub async fn create_token(&self, name: &str, expires_in: Option<u64>) -> Result<NewPat> {
        let body = json!({"name": name, "expires_in": expires_in});
        let mut req = Request::new(Method::POST, self.url(&tokens_path(Owner::Me)))
            .auth(&self.auth)
            .json_body(&body);
        // A retry after a lost answer gets the same token back, not a second token.
        req.idempotency_key = Some(crate::http::client::idempotency_key());
        decode(self.http.send(req).await?)
    }

    pub async fn revoke_token(&self, owner: Owner, id: i64) -> Result<()> {
        self.delete(&format!("{}/{id}", tokens_path(owner))).await
    }

    /// All users of the company, every page.
    pub async fn users(&self, company: i64) -> Result<Vec<User>> {
        let mut next = Some(self.url(&format!("/api/v1/companies/{company}/users?per_page=100")));
        let mut all = Vec::new();
        while let Some(url) = next {
            let page = self.page(url).await?;
            all.extend(page.items);
            next = page.next;
        }
        Ok(all)
    }

    pub async fn user(&self, company: i64, id: u64) -> Result<User> {
        self.get_json(&format!("/api/v1/companies/{company}/users/{id}"))
            .await
    }

    /// Merge permissions into a person's (company admins).
    pub async fn set_user_permissions(
        &self,
        company: i64,
        id: u64,
        permissions: &super::models::Permissions,
    ) -> Result<User> {
        let req = Request::new(
            Method::PATCH,
            self.url(&format!("/api/v1/companies/{company}/users/{id}")),
        )
        .auth(&self.auth)
        .json_body(&json!({"permissions": permissions}));
        decode(self.http.send(req).await?)
    }

    pub async fn set_api_access(&self, company: i64, id: u64, allowed: bool) -> Result<User> {
        let req = Request::new(
            Method::PATCH,
            self.url(&format!("/api/v1/companies/{company}/users/{id}")),
        )
        .auth(&self.auth)
        .json_body(&json!({"api_access": allowed}));
        decode(self.http.send(req).await?)
    }
}
