//! svcacct's own platform (and svcacct-sandbox): RFC 8414 discovery, PKCE, Bearer tokens, and the
//! svcacct admin API (service accounts, tokens, users, apps, webhooks).

use super::{Platform, WebhooksBackend};

pub struct Svcacct;

impl Platform for Svcacct {
    fn name(&self) -> &'static str {
        "svcacct"
    }

    fn has_admin_api(&self) -> bool {
        true
    }

    fn webhooks(&self) -> WebhooksBackend {
        WebhooksBackend::Svcacct
    }
}
