//! `/api/v1/companies/{company_id}/webhooks` and the event catalogue.

use reqwest::Method;
use serde_json::Value;

use super::models::{Delivery, EventType, Webhook};
use super::{Api, decode};
use crate::error::Result;
use crate::http::client::Request;

fn path(company: i64) -> String {
    format!("/api/v1/companies/{company}/webhooks")
}

impl Api<'_> {
    pub async fn webhook_events(&self) -> Result<Vec<EventType>> {
        self.get_json("/api/v1/webhook-events").await
    }

    pub async fn webhooks(&self, company: i64) -> Result<Vec<Webhook>> {
        self.get_json(&path(company)).await
    }

    pub async fn webhook(&self, company: i64, id: u64) -> Result<Webhook> {
        self.get_json(&format!("{}/{id}", path(company))).await
    }

    /// Create (`id` None) or update a webhook from the API's JSON body.
    pub async fn save_webhook(
        &self,
        company: i64,
        id: Option<u64>,
        body: &Value,
    ) -> Result<Webhook> {
        let (method, url) = match id {
            None => (Method::POST, self.url(&path(company))),
            Some(id) => (Method::PATCH, self.url(&format!("{}/{id}", path(company)))),
        };
        let post = method == Method::POST;
        let mut req = Request::new(method, url).auth(&self.auth).json_body(body);
        if post {
            // A retry after a lost answer cannot create the webhook twice.
            req.idempotency_key = Some(crate::http::client::idempotency_key());
        }
        decode(self.http.send(req).await?)
    }

    pub async fn delete_webhook(&self, company: i64, id: u64) -> Result<()> {
        self.delete(&format!("{}/{id}", path(company))).await
    }

    /// Send a test event; the answer comes once the receiver answered (or its time ran out).
    pub async fn test_webhook(&self, company: i64, id: u64) -> Result<Delivery> {
        let req = Request::new(
            Method::POST,
            self.url(&format!("{}/{id}/test", path(company))),
        )
        .auth(&self.auth);
        decode(self.http.send(req).await?)
    }

    /// The newest deliveries first (one page of up to 100).
    pub async fn deliveries(
        &self,
        company: i64,
        id: u64,
        status: Option<&str>,
        per_page: u32,
    ) -> Result<Vec<Delivery>> {
        let status = status.map(|s| format!("&status={s}")).unwrap_or_default();
        self.get_json(&format!(
            "{}/{id}/deliveries?per_page={per_page}{status}",
            path(company)
        ))
        .await
    }

    pub async fn redeliver(&self, company: i64, id: u64, delivery: u64) -> Result<Delivery> {
        let url = self.url(&format!(
            "{}/{id}/deliveries/{delivery}/redeliver",
            path(company)
        ));
        // Re-queuing is idempotent: a repeat just re-queues the same delivery.
        let mut req = Request::new(Method::POST, url).auth(&self.auth);
        req.idempotency_key = Some(crate::http::client::idempotency_key());
        decode(self.http.send(req).await?)
    }
}
