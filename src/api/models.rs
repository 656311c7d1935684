//! The API's resources as the CLI reads them. Field names are the API's (and the `--json` output's).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub company_id: i64,
    pub login: String,
    pub name: String,
    pub email: String,
    pub kind: String,
    #[serde(default)]
    pub is_owner: bool,
    #[serde(default)]
    pub is_admin: bool,
    #[serde(default)]
    pub api_access: bool,
    #[serde(default)]
    pub user_management: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Company {
    pub id: i64,
    pub name: String,
}

/// The tools permissions are set on, and the levels, lowest first.
pub const TOOLS: &[&str] = &[
    "directory",
    "documents",
    "rfis",
    "submittals",
    "webhooks",
    "schedule",
    "budget",
    "tickets",
];
pub const LEVELS: &[&str] = &["none", "read", "standard", "admin"];

/// Levels per tool, company-wide and per project (keyed by project id).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    #[serde(default)]
    pub company: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub projects: std::collections::BTreeMap<i64, std::collections::BTreeMap<String, String>>,
}

impl Permissions {
    pub fn is_empty(&self) -> bool {
        self.company.is_empty() && self.projects.values().all(|p| p.is_empty())
    }

    /// `(project, tool, level)` for every grant; project `None` is company-wide.
    pub fn entries(&self) -> Vec<(Option<i64>, &str, &str)> {
        let mut out: Vec<_> = self
            .company
            .iter()
            .map(|(t, l)| (None, t.as_str(), l.as_str()))
            .collect();
        for (p, tools) in &self.projects {
            out.extend(
                tools
                    .iter()
                    .map(|(t, l)| (Some(*p), t.as_str(), l.as_str())),
            );
        }
        out
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServiceAccount {
    pub id: i64,
    pub company_id: i64,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub email: String,
    pub client_id: String,
    pub created_at: String,
    #[serde(default)]
    pub secret_reset_at: Option<String>,
    /// Present on view, create, update and reset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// The active secrets, with dates (view and rotation answers): two while a rotation runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Vec<SecretInfo>>,
    /// What the account's requests needed, by tool and level (view answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_usage: Option<Vec<PermissionUsage>>,
}

/// One tool and level a credential's requests needed, with first and last use.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PermissionUsage {
    pub tool: String,
    pub level: String,
    pub first_used_at: String,
    pub last_used_at: String,
    pub count: i64,
}

/// One client secret of a service account, never its value.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SecretInfo {
    pub id: i64,
    pub created_at: String,
    #[serde(default)]
    pub last_used_at: Option<String>,
    /// The address and User-Agent of the last use, where the server says.
    #[serde(default)]
    pub last_used_from: Option<String>,
    #[serde(default)]
    pub last_used_user_agent: Option<String>,
    #[serde(default)]
    pub expires_at: Option<String>,
}

impl SecretInfo {
    /// "2026-12-06T05:00:37Z from 127.0.0.1, erp-sync/2.1", or "never".
    pub fn last_use(&self) -> String {
        let Some(at) = &self.last_used_at else {
            return "never".to_string();
        };
        let mut text = at.clone();
        if let Some(from) = &self.last_used_from {
            text.push_str(&format!(" from {from}"));
        }
        if let Some(agent) = self
            .last_used_user_agent
            .as_deref()
            .filter(|a| !a.is_empty())
        {
            text.push_str(&format!(", {agent}"));
        }
        text
    }
}

/// Create and reset-secret answers: the account, and its secret (shown once).
#[derive(Clone, Debug)]
pub struct WithSecret {
    pub account: ServiceAccount,
    pub client_secret: crate::secret::Secret,
    pub previous_permissions: Option<Permissions>,
}

impl<'de> Deserialize<'de> for WithSecret {
    /// The account's fields and the secret sit side by side in one object. (Not
    /// `#[serde(flatten)]`: it loses the integer project keys of `permissions`.)
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut v = serde_json::Value::deserialize(d)?;
        let obj = v
            .as_object_mut()
            .ok_or_else(|| D::Error::custom("expected an object"))?;
        let secret = obj
            .remove("client_secret")
            .ok_or_else(|| D::Error::missing_field("client_secret"))?;
        let previous = obj.remove("previous_permissions");
        Ok(WithSecret {
            client_secret: serde_json::from_value(secret).map_err(D::Error::custom)?,
            previous_permissions: previous
                .map(serde_json::from_value)
                .transpose()
                .map_err(D::Error::custom)?,
            account: serde_json::from_value(v).map_err(D::Error::custom)?,
        })
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Project {
    pub id: i64,
    pub name: String,
}

/// A personal access token as listed (never its value, except once at creation).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pat {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub hint: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    /// The request that listed it was made with it.
    #[serde(default)]
    pub current: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct NewPat {
    #[serde(flatten)]
    pub pat: Pat,
    pub token: crate::secret::Secret,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct User {
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
    pub disabled: bool,
    pub created_at: String,
    /// Present on view and update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BasicAuth {
    pub username: String,
    /// Always masked: the password can never be read back.
    pub password: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WebhookHeader {
    pub name: String,
    pub hidden: bool,
    /// Masked when hidden.
    pub value: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Webhook {
    pub id: i64,
    pub company_id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub basic_auth: Option<BasicAuth>,
    pub headers: Vec<WebhookHeader>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    pub event_id: String,
    pub event_type: String,
    pub status: String,
    pub attempts: i64,
    pub response_status: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: Option<i64>,
    pub next_attempt_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventType {
    #[serde(rename = "type")]
    pub event_type: String,
    pub description: String,
}

/// What an app version asks for: levels per tool, company-wide and on each chosen project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    #[serde(default)]
    pub company: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub project: std::collections::BTreeMap<String, String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AppInfo {
    pub slug: String,
    pub name: String,
    pub developer: String,
    /// `client_credentials` (a developer-managed service account) and/or `authorization_code`.
    pub flows: Vec<String>,
    pub version: i64,
    pub permissions: Manifest,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AppInstall {
    pub id: i64,
    pub company_id: i64,
    pub state: String,
    pub requested_version: i64,
    pub approved_version: Option<i64>,
    pub approved_permissions: Option<Manifest>,
    pub requested_permissions: Manifest,
    pub project_ids: Vec<i64>,
    pub dmsa_user_id: Option<i64>,
    pub deny_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub app: AppInfo,
}
