//! Procore's REST API, where svcacct drives it: who the token acts as, and webhooks — hooks,
//! their triggers and deliveries under `/rest/v1.0/webhooks/hooks` (developers.procore.com,
//! "Webhooks API"). Every call names the company (`company_id`), and the session adds the
//! `Procore-Company-Id` header.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Api, decode, error_from};
use crate::error::Result;
use crate::http::client::Request;

/// `GET /rest/v1.0/me`
#[derive(Debug, Deserialize)]
pub struct ProcoreMe {
    pub id: i64,
    pub login: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Hook {
    pub id: i64,
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub destination_url: Option<String>,
    /// Values are never printed: they often carry the receiver's credentials.
    #[serde(default)]
    pub destination_headers: Option<Value>,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Trigger {
    pub id: i64,
    pub resource_name: String,
    pub event_type: String,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

const HOOKS: &str = "/rest/v1.0/webhooks/hooks";

impl Api<'_> {
    pub async fn procore_me(&self) -> Result<ProcoreMe> {
        self.get_json("/rest/v1.0/me").await
    }

    pub async fn procore_hooks(&self, company: i64) -> Result<Vec<Hook>> {
        self.get_json(&format!("{HOOKS}?company_id={company}"))
            .await
    }

    pub async fn procore_hook(&self, company: i64, id: u64) -> Result<Hook> {
        self.get_json(&format!("{HOOKS}/{id}?company_id={company}"))
            .await
    }

    pub async fn procore_triggers(&self, company: i64, hook: i64) -> Result<Vec<Trigger>> {
        self.get_json(&format!("{HOOKS}/{hook}/triggers?company_id={company}"))
            .await
    }

    async fn post(&self, path: &str, body: &Value) -> Result<crate::http::client::Response> {
        let req = Request::new(Method::POST, self.url(path))
            .auth(&self.auth)
            .json_body(body);
        self.http.send(req).await
    }

    pub async fn procore_create_hook(
        &self,
        company: i64,
        namespace: &str,
        destination_url: &str,
        destination_headers: &serde_json::Map<String, Value>,
    ) -> Result<Hook> {
        let mut hook = json!({"namespace": namespace, "destination_url": destination_url});
        if !destination_headers.is_empty() {
            hook["destination_headers"] = Value::Object(destination_headers.clone());
        }
        decode(
            self.post(HOOKS, &json!({"company_id": company, "hook": hook}))
                .await?,
        )
    }

    pub async fn procore_create_trigger(
        &self,
        company: i64,
        hook: i64,
        resource_name: &str,
        event_type: &str,
    ) -> Result<Trigger> {
        let body = json!({
            "company_id": company,
            "trigger": {"resource_name": resource_name, "event_type": event_type},
        });
        decode(
            self.post(&format!("{HOOKS}/{hook}/triggers"), &body)
                .await?,
        )
    }

    pub async fn procore_delete_hook(&self, company: i64, id: u64) -> Result<()> {
        self.delete(&format!("{HOOKS}/{id}?company_id={company}"))
            .await
    }

    /// `filter[status]`: Procore's delivery states.
    pub async fn procore_deliveries(
        &self,
        company: i64,
        hook: u64,
        status: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Value>> {
        let mut url = self.url(&format!("{HOOKS}/{hook}/deliveries"));
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("company_id", &company.to_string());
            q.append_pair("page_size", &limit.to_string());
            if let Some(status) = status {
                q.append_pair("filter[status]", status);
            }
        }
        let resp = self
            .http
            .send(Request::new(Method::GET, url).auth(&self.auth))
            .await?;
        if !resp.status.is_success() {
            return Err(error_from(&resp));
        }
        decode(resp)
    }
}
