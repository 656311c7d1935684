//! The request budget as the server states it (`RateLimit-*`, or `X-Rate-Limit-*` with Unix
//! reset times) and `Retry-After`: what the client paces itself by.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// What the server last said about the request budget.
#[derive(Debug, Default)]
pub struct RateBudget {
    pub remaining: Option<u64>,
    reset_at: Option<Instant>,
}

impl RateBudget {
    /// Read `RateLimit-Remaining/-Reset` (delta seconds) or `X-Rate-Limit-Remaining/-Reset`
    /// (Unix seconds, or delta seconds when small).
    pub fn update(&mut self, headers: &HeaderMap) {
        let num = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let remaining = num("ratelimit-remaining").or_else(|| num("x-rate-limit-remaining"));
        let reset = num("ratelimit-reset").or_else(|| num("x-rate-limit-reset"));
        if let Some(r) = remaining {
            self.remaining = Some(r);
            self.reset_at = reset.map(|secs| Instant::now() + reset_delay(secs));
        }
    }

    /// How long to wait before the next request so as not to run into a 429.
    pub fn wait_needed(&self) -> Option<Duration> {
        match (self.remaining, self.reset_at) {
            (Some(0), Some(at)) => at.checked_duration_since(Instant::now()),
            _ => None,
        }
    }
}

/// A reset value is either delta seconds or a Unix timestamp (X-Rate-Limit-Reset).
fn reset_delay(value: u64) -> Duration {
    const EPOCH_THRESHOLD: u64 = 1_000_000_000;
    if value >= EPOCH_THRESHOLD {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Duration::from_secs(value.saturating_sub(now))
    } else {
        Duration::from_secs(value)
    }
}

/// `Retry-After`: delta seconds or an HTTP date (RFC 9110 §10.2.3).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate(value)?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn httpdate(value: &str) -> Option<SystemTime> {
    let format = time::format_description::well_known::Rfc2822;
    let parsed = time::OffsetDateTime::parse(&value.replace("GMT", "+0000"), &format).ok()?;
    let secs = u64::try_from(parsed.unix_timestamp()).ok()?;
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn reset_values_in_both_styles() {
        assert_eq!(reset_delay(30), Duration::from_secs(30));
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let d = reset_delay(now + 20);
        assert!(d <= Duration::from_secs(20) && d >= Duration::from_secs(18));
    }

    #[test]
    fn budget_from_either_header_family() {
        let mut h = HeaderMap::new();
        h.insert("x-rate-limit-remaining", HeaderValue::from_static("0"));
        h.insert("x-rate-limit-reset", HeaderValue::from_static("5"));
        let mut b = RateBudget::default();
        b.update(&h);
        assert!(b.wait_needed().unwrap() > Duration::from_secs(3));
        let mut h = HeaderMap::new();
        h.insert("ratelimit-remaining", HeaderValue::from_static("7"));
        b.update(&h);
        assert!(b.wait_needed().is_none());
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("12"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(12)));
        h.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(
            retry_after(&h),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
    }
}
