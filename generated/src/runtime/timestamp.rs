//! Timestamps given on the command line or in JSON: epoch seconds or ISO 8601,
//! the forms botocore's `parse_timestamp` accepts most often.

/// Seconds since the epoch, or `None` when `text` is not a timestamp.
pub fn parse(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        return seconds.is_finite().then_some(seconds);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(dt.timestamp() as f64 + f64::from(dt.timestamp_subsec_micros()) / 1e6);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(text, format) {
            let utc = dt.and_utc();
            return Some(utc.timestamp() as f64 + f64::from(utc.timestamp_subsec_micros()) / 1e6);
        }
    }
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return date
            .and_hms_opt(0, 0, 0)
            .map(|dt| dt.and_utc().timestamp() as f64);
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn accepts_epoch_and_iso() {
        assert_eq!(super::parse("0"), Some(0.0));
        assert_eq!(super::parse("1970-01-02"), Some(86400.0));
        assert_eq!(super::parse("1970-01-01T00:01:00Z"), Some(60.0));
        assert_eq!(super::parse("1970-01-01T00:00:01.5"), Some(1.5));
        assert_eq!(super::parse("yesterday"), None);
    }
}
