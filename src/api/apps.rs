//! The marketplace (`/api/v1/apps`) and app installs (`/api/v1/companies/{company_id}/apps`).

use reqwest::Method;
use serde_json::json;

use super::models::{AppInfo, AppInstall};
use super::{Api, decode};
use crate::error::Result;
use crate::http::client::Request;

fn path(company: i64) -> String {
    format!("/api/v1/companies/{company}/apps")
}

impl Api<'_> {
    pub async fn marketplace(&self) -> Result<Vec<AppInfo>> {
        self.get_json("/api/v1/apps").await
    }

    pub async fn app_installs(&self, company: i64, state: Option<&str>) -> Result<Vec<AppInstall>> {
        let q = state.map(|s| format!("?status={s}")).unwrap_or_default();
        self.get_json(&format!("{}{q}", path(company))).await
    }

    pub async fn app_install(&self, company: i64, id: u64) -> Result<AppInstall> {
        self.get_json(&format!("{}/{id}", path(company))).await
    }

    async fn post_install(&self, url: url::Url, body: serde_json::Value) -> Result<AppInstall> {
        let mut req = Request::new(Method::POST, url)
            .auth(&self.auth)
            .json_body(&body);
        req.idempotency_key = Some(crate::http::client::idempotency_key());
        decode(self.http.send(req).await?)
    }

    pub async fn request_app(&self, company: i64, slug: &str) -> Result<AppInstall> {
        self.post_install(self.url(&path(company)), json!({"app": slug}))
            .await
    }

    pub async fn approve_app(&self, company: i64, id: u64, projects: &[i64]) -> Result<AppInstall> {
        self.post_install(
            self.url(&format!("{}/{id}/approve", path(company))),
            json!({"project_ids": projects}),
        )
        .await
    }

    pub async fn deny_app(
        &self,
        company: i64,
        id: u64,
        reason: Option<&str>,
    ) -> Result<AppInstall> {
        self.post_install(
            self.url(&format!("{}/{id}/deny", path(company))),
            json!({"reason": reason}),
        )
        .await
    }

    pub async fn uninstall_app(&self, company: i64, id: u64) -> Result<()> {
        self.delete(&format!("{}/{id}", path(company))).await
    }
}
