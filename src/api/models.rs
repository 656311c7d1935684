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
