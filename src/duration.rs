//! Durations as people type them: `30d`, `12h`, `90m`, `2w`, or plain seconds.

/// `30d`, `12h`, `90m`, `2w` or plain seconds.
pub fn parse_duration(s: &str) -> Result<u64, String> {
    duration_in(
        s,
        60,
        366 * 86_400,
        "a token may last from 1 minute to 366 days",
    )
}

/// `N` seconds, or `N` with s, m, h, d or w, between `min` and `max` seconds.
pub fn duration_in(s: &str, min: u64, max: u64, range: &str) -> Result<u64, String> {
    let s = s.trim();
    let bad = || format!("'{s}' is not a duration: use a number with s, m, h, d or w, e.g. 30d");
    let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let secs = match unit {
        "" | "s" => Some(n),
        "m" => n.checked_mul(60),
        "h" => n.checked_mul(3600),
        "d" => n.checked_mul(86_400),
        "w" => n.checked_mul(604_800),
        _ => return Err(bad()),
    }
    .unwrap_or(u64::MAX);
    if !(min..=max).contains(&secs) {
        return Err(format!("'{s}' is out of range: {range}"));
    }
    Ok(secs)
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations() {
        assert_eq!(super::parse_duration("30d"), Ok(30 * 86_400));
        assert_eq!(super::parse_duration("12h"), Ok(43_200));
        assert_eq!(super::parse_duration("3600"), Ok(3600));
        assert!(super::parse_duration("30").is_err(), "under a minute");
        assert!(
            super::parse_duration("5y")
                .unwrap_err()
                .contains("e.g. 30d")
        );
        assert!(
            super::parse_duration("400d")
                .unwrap_err()
                .contains("366 days")
        );
        assert!(super::parse_duration("d").is_err());
    }
}
