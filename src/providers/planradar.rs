//! PlanRadar (help.planradar.com "Open API"): `https://www.planradar.com/api/v1/{customer_id}/…`,
//! personal access tokens only, sent in `X-PlanRadar-API-Key`, 30 requests per minute per account
//! (all tokens summed) and a 5-minute cooldown once exceeded; no "me" endpoint.

use std::time::Duration;

use url::Url;

use super::{IdentityProbe, PacerRule, Platform, TokenPlacement};
use crate::error::{Error, Result};

pub const PLANRADAR_API: &str = "https://www.planradar.com/api/v1";

pub struct Planradar;

impl Platform for Planradar {
    fn name(&self) -> &'static str {
        "PlanRadar"
    }

    fn default_api(&self) -> Option<&'static str> {
        Some(PLANRADAR_API)
    }

    fn token_placement(&self) -> TokenPlacement {
        TokenPlacement::Header("X-PlanRadar-API-Key")
    }

    fn pacer(&self) -> Option<PacerRule> {
        Some(PacerRule {
            requests: 30,
            window: Duration::from_secs(60),
            cooldown: Duration::from_secs(300),
        })
    }

    /// PlanRadar takes only a personal access token, for one customer (`--company`).
    fn check_sign_in(&self, with_token: bool, company: Option<i64>) -> Result<()> {
        if !with_token {
            return Err(Error::usage(
                "PlanRadar signs in with a personal access token, not OAuth",
            )
            .with_hint("create one under Settings → Profile → Personal Access Tokens, then `svcacct login --provider planradar --company CUSTOMER_ID --with-token < key.txt`"));
        }
        if company.is_none() {
            return Err(
                Error::usage("PlanRadar's API needs your customer id").with_hint(
                    "pass --company CUSTOMER_ID (the number after /api/v1/ in PlanRadar's API URLs)",
                ),
            );
        }
        Ok(())
    }

    /// One page of the customer's projects proves the key and the customer.
    fn identity_probe(&self) -> IdentityProbe {
        IdentityProbe::PlanradarCustomer
    }

    fn elsewhere(&self, _company: Option<i64>) -> String {
        "manage PlanRadar personal access tokens in the PlanRadar web app: \
         Settings → Profile → Personal Access Tokens"
            .to_string()
    }

    fn check_api(&self, api: &Url) -> Result<()> {
        if api.path().trim_end_matches('/').is_empty() {
            return Err(Error::usage(format!(
                "{api} has no path: PlanRadar's API lives under /api/v1"
            ))
            .with_hint("pass --api https://www.planradar.com/api/v1 (or leave --api out)"));
        }
        Ok(())
    }
}
