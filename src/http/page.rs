//! RFC 8288 `Link` pagination: follow `rel="next"` until there is none.

use reqwest::header::HeaderMap;
use url::Url;

/// One page of a listing and where the next one is.
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: Option<u64>,
    pub next: Option<Url>,
}

/// The `rel="next"` target of a `Link` header, if any.
pub fn next_link(headers: &HeaderMap) -> Option<String> {
    for value in headers.get_all(reqwest::header::LINK) {
        let Ok(value) = value.to_str() else { continue };
        for part in value.split(',') {
            let mut pieces = part.split(';');
            let target = pieces.next()?.trim();
            let is_next = pieces.any(|p| {
                let p = p.trim().to_ascii_lowercase();
                p == "rel=\"next\"" || p == "rel=next"
            });
            if is_next && target.starts_with('<') && target.ends_with('>') {
                return Some(target[1..target.len() - 1].to_string());
            }
        }
    }
    None
}

/// The next page's URL, accepted only on the API's own origin (a server must not steer the
/// bearer token elsewhere).
pub fn next_url(headers: &HeaderMap, base: &Url) -> Option<Url> {
    let next = Url::parse(&next_link(headers)?).ok()?;
    (next.origin() == base.origin()).then_some(next)
}

/// The `Total` header: how many items all pages hold.
pub fn total(headers: &HeaderMap) -> Option<u64> {
    headers.get("total")?.to_str().ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn finds_next_among_other_relations() {
        let mut h = HeaderMap::new();
        h.insert(
            reqwest::header::LINK,
            HeaderValue::from_static("<http://127.0.0.1:1/x?page=1>; rel=\"first\", <http://127.0.0.1:1/x?page=3>; rel=\"next\", <http://127.0.0.1:1/x?page=9>; rel=\"last\""),
        );
        assert_eq!(
            next_link(&h).as_deref(),
            Some("http://127.0.0.1:1/x?page=3")
        );
        let base = Url::parse("http://127.0.0.1:1/").unwrap();
        assert!(next_url(&h, &base).is_some());
        let other = Url::parse("http://127.0.0.1:2/").unwrap();
        assert!(next_url(&h, &other).is_none(), "another origin is refused");
        assert!(next_link(&HeaderMap::new()).is_none());
    }
}
