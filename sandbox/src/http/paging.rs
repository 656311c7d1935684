//! Pagination: `?page=&per_page=`, a `Total` header and an RFC 8288 `Link` header.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;

use crate::error::ApiError;

/// The highest page number accepted (so that offsets never overflow).
pub const MAX_PAGE: u64 = 1_000_000;

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

impl PageQuery {
    pub fn resolve(&self) -> Result<(u64, u64), ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(30);
        if page == 0 || page > MAX_PAGE || per_page == 0 || per_page > 100 {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_pagination",
                format!("page must be between 1 and {MAX_PAGE}, and per_page between 1 and 100"),
            ));
        }
        Ok((page, per_page))
    }
}

/// A page of items with `Total` and an RFC 8288 `Link` header (first/prev/next/last).
pub fn paginated(
    base_url: &str,
    path: &str,
    extra_query: &str,
    page: u64,
    per_page: u64,
    total: u64,
    items: Vec<Value>,
) -> Response {
    let last = total.div_ceil(per_page).max(1);
    let link = |p: u64, rel: &str| {
        format!("<{base_url}{path}?{extra_query}page={p}&per_page={per_page}>; rel=\"{rel}\"")
    };
    let mut links = vec![link(1, "first")];
    if page > 1 {
        links.push(link((page - 1).min(last), "prev"));
    }
    if page < last {
        links.push(link(page + 1, "next"));
    }
    links.push(link(last, "last"));
    let mut resp = Json(Value::Array(items)).into_response();
    let headers = resp.headers_mut();
    headers.insert("total", HeaderValue::from(total));
    if let Ok(v) = HeaderValue::from_str(&links.join(", ")) {
        headers.insert(header::LINK, v);
    }
    resp
}
