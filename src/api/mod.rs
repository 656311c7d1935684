//! The platform API: one function per endpoint on [`Api`], errors mapped once.

pub mod apps;
pub mod models;
pub mod procore;
pub mod service_accounts;
pub mod tokens;
pub mod webhooks;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{Error, ErrorKind, Result};
use crate::http::client::{Auth, HttpClient, Request, Response, not_json};
use crate::http::page;
use crate::secret::Secret;

/// An authenticated view of the API for one request sequence.
pub struct Api<'a> {
    http: &'a HttpClient,
    base: Url,
    auth: Auth,
}

impl<'a> Api<'a> {
    pub fn new(http: &'a HttpClient, base: Url, token: Secret) -> Self {
        Api {
            http,
            base,
            auth: Auth::bearer(token),
        }
    }

    /// With a platform's own way of sending the token, and headers for every call.
    pub fn with_auth(http: &'a HttpClient, base: Url, auth: Auth) -> Self {
        Api { http, base, auth }
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    /// How many requests the server last said are left in its budget, if it said.
    pub fn budget_remaining(&self) -> Option<u64> {
        self.http.budget_remaining()
    }

    /// `path` (which may carry a query) under the API base URL.
    fn url(&self, path: &str) -> Url {
        let mut url = self.base.clone();
        let base_path = url.path().trim_end_matches('/').to_string();
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        url.set_path(&format!("{base_path}{path}"));
        url.set_query((!query.is_empty()).then_some(query));
        url
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let resp = self
            .http
            .send(Request::new(Method::GET, self.url(path)).auth(&self.auth))
            .await?;
        decode(resp)
    }

    /// Any request, for `svcacct api`: `path_and_query` under the base URL, or a full URL on the
    /// API's own origin (a pagination link).
    pub async fn raw(
        &self,
        method: Method,
        target: &str,
        headers: reqwest::header::HeaderMap,
        body: Option<(Vec<u8>, &'static str)>,
    ) -> Result<Response> {
        let url = match Url::parse(target) {
            Ok(full) if full.origin() == self.base.origin() => full,
            Ok(_) => {
                return Err(Error::usage(format!(
                    "{target} is not on the API's origin ({})",
                    self.base.origin().ascii_serialization()
                )));
            }
            Err(_) => self.url(target),
        };
        let mut req = Request::new(method, url).auth(&self.auth);
        req.headers = headers;
        req.body = body;
        self.http.send(req).await
    }

    /// One page of a listing at `url`, with the total and the next page's URL (same origin only).
    pub async fn page<T: DeserializeOwned>(&self, url: Url) -> Result<page::Page<T>> {
        let resp = self
            .http
            .send(Request::new(Method::GET, url).auth(&self.auth))
            .await?;
        let total = page::total(&resp.headers);
        let next = page::next_url(&resp.headers, &self.base);
        Ok(page::Page {
            items: decode(resp)?,
            total,
            next,
        })
    }

    /// `DELETE path`: success, or the API error it carries.
    async fn delete(&self, path: &str) -> Result<()> {
        let resp = self
            .http
            .send(Request::new(Method::DELETE, self.url(path)).auth(&self.auth))
            .await?;
        if resp.status.is_success() {
            Ok(())
        } else {
            Err(error_from(&resp))
        }
    }

    /// `GET /api/v1/me`
    pub async fn me(&self) -> Result<models::Me> {
        self.get_json("/api/v1/me").await
    }

    /// `GET /api/v1/companies`
    pub async fn companies(&self) -> Result<Vec<models::Company>> {
        self.get_json("/api/v1/companies").await
    }
}

/// A successful JSON response, or the API error it carries.
pub fn decode<T: DeserializeOwned>(resp: Response) -> Result<T> {
    if !resp.status.is_success() {
        return Err(error_from(&resp));
    }
    if !resp.is_json() {
        return Err(not_json(&resp));
    }
    serde_json::from_slice(&resp.body).map_err(|e| {
        Error::network(format!(
            "{} answered JSON that is not what the API documents: {e}",
            resp.what()
        ))
        .with_hint("check that --api points at a compatible platform API")
    })
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(serde::Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    request_id: Option<String>,
    /// Why a 403 was refused: the advice follows it.
    #[serde(default)]
    reason: Option<String>,
}

/// The advice for a refusal (403), by the reason the server gave: who can help depends on it.
fn forbidden_hint(reason: Option<&str>) -> &'static str {
    match reason {
        Some("owner_only") => "only the account owner can do this; ask them to do it",
        Some("admin_required") => {
            "ask a company admin (Admin level on the company Admin tool) to do it or to grant you that level"
        }
        Some("user_management_required") => {
            "ask a user manager or the account owner to do it or to grant you user management"
        }
        Some("api_access_required") => {
            "ask a user manager to grant it: svcacct users grant-api-access YOUR_USER_ID"
        }
        Some("credential_kind") => {
            "sign in with `svcacct login` (or use a personal access token): this token's app may not manage credentials"
        }
        Some("person_only") => "sign in as a person with `svcacct login`, not as a service account",
        _ => "ask a company admin for the permission named above",
    }
}

/// Map an error response to the CLI's error kinds (and so exit codes), keeping the server's words.
pub fn error_from(resp: &Response) -> Error {
    let detail = serde_json::from_slice::<ErrorBody>(&resp.body)
        .ok()
        .map(|b| b.error);
    // The status decides the kind even when the body is not the API's JSON (a proxy's HTML
    // 502, a plain-text 404 from a server that is not the platform).
    // The server's text, on one line: it must not add lines of its own to the output.
    let said = match &detail {
        Some(d) if !d.message.is_empty() => d.message.replace(['\n', '\r'], " "),
        Some(d) => d.code.replace(['\n', '\r'], " "),
        None => resp
            .status
            .canonical_reason()
            .unwrap_or("error")
            .to_string(),
    };
    let reason = detail.as_ref().and_then(|d| d.reason.clone());
    let code = detail
        .as_ref()
        .map(|d| d.code.clone())
        .filter(|c| !c.is_empty());
    let request_id = detail
        .and_then(|d| d.request_id)
        .map(|id| format!(", request id {id}"))
        .unwrap_or_default();
    let message = format!(
        "{}: {said} (HTTP {}{request_id})",
        resp.what(),
        resp.status.as_u16()
    );
    let (kind, hint) = match resp.status {
        StatusCode::UNAUTHORIZED => (ErrorKind::Auth, Some("run `svcacct login` again")),
        StatusCode::FORBIDDEN => (
            ErrorKind::Permission,
            Some(forbidden_hint(reason.as_deref())),
        ),
        StatusCode::NOT_FOUND => (ErrorKind::NotFound, None),
        StatusCode::CONFLICT => (ErrorKind::Conflict, None),
        StatusCode::TOO_MANY_REQUESTS => (ErrorKind::RateLimited, Some("try again later")),
        s if s.is_server_error() => (
            ErrorKind::Network,
            Some("the server has a problem; try again later"),
        ),
        _ => (ErrorKind::Usage, None),
    };
    let mut err = Error::new(kind, message);
    err.code = code;
    match hint {
        Some(h) => err.with_hint(h),
        None => err,
    }
}
