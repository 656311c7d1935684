//! The marketplace and app installs (seeds 001/002): an admin sees the permissions an app
//! asks for and approves or denies its installation; approving creates the app's
//! developer-managed service account (DMSA) with exactly those permissions on the chosen
//! projects. `/api/v1/apps` (catalogue) and `/api/v1/companies/{company_id}/apps` (installs).

mod catalogue;
mod installs;

pub use catalogue::catalogue;
pub use installs::{approve, deny, list, request, uninstall, view};

use serde_json::{Value, json};

use crate::store::catalogue as store;

pub(crate) fn app_json(a: &store::App) -> Value {
    let mut flows = Vec::new();
    if a.dmsa {
        flows.push("client_credentials");
    }
    if a.auth_code {
        flows.push("authorization_code");
    }
    json!({"slug": a.slug, "name": a.name, "developer": a.developer, "flows": flows, "version": a.version, "permissions": a.manifest})
}
