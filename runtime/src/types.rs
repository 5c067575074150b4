//! Process-wide value settings shared by protocols and output: how
//! response timestamps print (`cli_timestamp_format`) and how blobs travel.

use std::sync::atomic::{AtomicU8, Ordering};

/// `base64.b64encode(value).strip().decode('utf-8')`.
pub fn blob_base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// How response timestamps are printed: aws-cli's `cli_timestamp_format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// As the wire carried them (aws-cli 1.14.28's default).
    None,
    /// `isoformat()` in local time.
    Iso8601,
}

static TIMESTAMP_FORMAT: AtomicU8 = AtomicU8::new(0);

/// Sets `cli_timestamp_format` from the profile's value, with aws-cli's
/// error for an unknown one (which it raises as a `ValueError`).
pub fn set_cli_timestamp_format(value: &str) -> Result<(), String> {
    let format = match value {
        "none" => TimestampFormat::None,
        "iso8601" => TimestampFormat::Iso8601,
        other => {
            return Err(format!(
            "Unknown cli_timestamp_format value: {other}, valid values are \"none\" or \"iso8601\""
        ))
        }
    };
    TIMESTAMP_FORMAT.store(format as u8, Ordering::Relaxed);
    Ok(())
}

/// The current `cli_timestamp_format`.
pub fn cli_timestamp_format() -> TimestampFormat {
    match TIMESTAMP_FORMAT.load(Ordering::Relaxed) {
        1 => TimestampFormat::Iso8601,
        _ => TimestampFormat::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArgType, MemberType};
    use crate::protocol::json::parse_output;
    use serde_json::json;

    static INPUT: ArgType = ArgType::Structure(&[MemberType {
        name: "When",
        shape: &ArgType::Timestamp,
        required: false,
    }]);

    /// aws-cli 1.14.28 prints `"CreationDateTime": 1500000000.0` for a
    /// response carrying `1.5e9` (cli_timestamp_format none, the default),
    /// and `"2017-07-14T02:40:00+00:00"` under `cli_timestamp_format =
    /// iso8601` with TZ=UTC (checked against a loopback server); the
    /// fraction `1500000000.123456789` prints `.123457`.
    #[test]
    fn output_timestamps_as_aws_cli_prints_them() {
        let raw = br#"{"When": 1.5e9}"#;
        assert_eq!(
            parse_output(Some(&INPUT), raw).unwrap(),
            json!({"When": 1.5e9})
        );
        assert_eq!(
            crate::output::json(&parse_output(Some(&INPUT), raw).unwrap()),
            "{\n    \"When\": 1500000000.0\n}\n"
        );
        let utc = crate::timestamp::DateTime {
            seconds: 1_500_000_000,
            micros: 123_457,
            zone: crate::timestamp::Zone::Offset(0),
        };
        assert_eq!(utc.isoformat(), "2017-07-14T02:40:00.123457+00:00");
        assert!(set_cli_timestamp_format("bogus")
            .unwrap_err()
            .starts_with("Unknown cli_timestamp_format value: bogus, valid values are"));
    }

    /// Run in a child process: the format is process-wide.
    #[test]
    fn iso8601_output_in_local_time() {
        if std::env::var("AWSR_ISO_CHILD").is_err() {
            let exe = std::env::current_exe().unwrap();
            let out = std::process::Command::new(exe)
                .args([
                    "--exact",
                    "types::tests::iso8601_output_in_local_time",
                    "--nocapture",
                ])
                .env("AWSR_ISO_CHILD", "1")
                .env("TZ", "UTC")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            // The child must have run this very test, not filtered it out.
            assert!(
                out.status.success() && stdout.contains("1 passed"),
                "{stdout}"
            );
            return;
        }
        set_cli_timestamp_format("iso8601").unwrap();
        assert_eq!(cli_timestamp_format(), TimestampFormat::Iso8601);
        let parsed = parse_output(Some(&INPUT), br#"{"When": 1500000000.123456789}"#).unwrap();
        assert_eq!(parsed, json!({"When": "2017-07-14T02:40:00.123457+00:00"}));
        let parsed = parse_output(Some(&INPUT), br#"{"When": 1500000000}"#).unwrap();
        assert_eq!(parsed, json!({"When": "2017-07-14T02:40:00+00:00"}));
        let parsed = parse_output(Some(&INPUT), br#"{"When": "2020-01-01T00:00:00Z"}"#).unwrap();
        assert_eq!(parsed, json!({"When": "2020-01-01T00:00:00+00:00"}));
        set_cli_timestamp_format("none").unwrap();
        let parsed = parse_output(Some(&INPUT), br#"{"When": 1500000000}"#).unwrap();
        assert_eq!(parsed, json!({"When": 1500000000}));
    }
}
