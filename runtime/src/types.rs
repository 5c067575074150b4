//! Types the generated code builds on: string enums that keep unknown values,
//! maps in wire order, timestamps and blobs, and the typed round trips
//! between JSON values and the generated input and output types.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

/// A map shape: keeps the order the server sent, as aws-cli prints it.
pub type Map<K, V> = indexmap::IndexMap<K, V>;

/// A timestamp member: the value as given (input: epoch seconds or a date
/// string, see [`super::timestamp`]) or as the wire carried it (output).
///
/// It serialises as botocore would use it: in a request body
/// ([`serialize_input`]) as whole epoch seconds, what botocore's JSON
/// serializer sends (`"2020-01-01T10:00:00+02:00"` → `1577865600`); in
/// output ([`parse_output`]) as the wire value, or, under
/// `cli_timestamp_format = iso8601` ([`set_cli_timestamp_format`]), as
/// `isoformat()` text in local time (`1.5e9` → `"2017-07-14T02:40:00+00:00"`
/// under TZ=UTC); anywhere else as it is.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub Value);

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        match Mode::current() {
            Mode::Request => match super::timestamp::to_epoch_seconds(&self.0) {
                Some(seconds) => serializer.serialize_i64(seconds),
                None => Err(S::Error::custom(invalid_timestamp(&self.0))),
            },
            Mode::Output if cli_timestamp_format() == TimestampFormat::Iso8601 => {
                match super::timestamp::isoformat(&self.0) {
                    Some(text) => serializer.serialize_str(&text),
                    None => Err(S::Error::custom(invalid_timestamp(&self.0))),
                }
            }
            _ => self.0.serialize(serializer),
        }
    }
}

/// botocore's `parse_timestamp` error, `Invalid timestamp "x": ...`.
fn invalid_timestamp(value: &Value) -> String {
    format!(
        "Invalid timestamp \"{}\": Unknown string format",
        super::pycompat::repr::str_of(value)
    )
}

/// A blob member: text, whose UTF-8 bytes are the blob (botocore encodes a
/// `str` as UTF-8). In a request body ([`serialize_input`]) it is their
/// base64, as botocore's `_get_base64` sends it; elsewhere (output, where
/// aws-cli leaves the wire's base64 as it is) the text itself.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Blob(pub String);

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match Mode::current() {
            Mode::Request => serializer.serialize_str(&blob_base64(self.0.as_bytes())),
            _ => serializer.serialize_str(&self.0),
        }
    }
}

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

/// What a typed value is being serialised for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Plain,
    Request,
    Output,
}

thread_local! {
    static MODE: Cell<Mode> = const { Cell::new(Mode::Plain) };
}

impl Mode {
    fn current() -> Mode {
        MODE.with(Cell::get)
    }

    /// Runs `f` with this mode, restoring the previous one after.
    fn within<T>(self, f: impl FnOnce() -> T) -> T {
        struct Restore(Mode);
        impl Drop for Restore {
            fn drop(&mut self) {
                MODE.with(|m| m.set(self.0));
            }
        }
        let _restore = Restore(MODE.with(|m| m.replace(self)));
        f()
    }
}

/// The input or output of an operation that has none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

/// Declares a model string enum: known values as variants, anything else kept
/// in `Unknown` so a newer service never breaks an older awsr.
#[macro_export]
#[doc(hidden)]
macro_rules! __string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($variant,)*
            /// A value this model does not list.
            Unknown(String),
        }

        impl $name {
            /// The values the model lists, in model order.
            pub const VALUES: &'static [&'static str] = &[$($value),*];

            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                match value {
                    $name::Unknown(value) => value,
                    known => known.as_str().to_string(),
                }
            }
        }
    };
}
pub use crate::__string_enum as string_enum;

/// Validated input JSON → the generated input type → request body. Going
/// through the type proves the body is what the model says.
pub fn serialize_input<T: DeserializeOwned + Serialize>(value: Value) -> Result<Vec<u8>, String> {
    let typed: T =
        serde_json::from_value(value).map_err(|e| format!("Parameter validation failed:\n{e}"))?;
    Mode::Request.within(|| serde_json::to_vec(&typed).map_err(|e| e.to_string()))
}

/// Response body → the generated output type → JSON in model member order,
/// without members the model does not know (as botocore's parser does).
/// An empty body is an empty response.
pub fn parse_output<T: DeserializeOwned + Serialize>(body: &[u8]) -> Result<Value, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    let typed: T = serde_json::from_slice(body)
        .map_err(|e| format!("the response is not valid JSON for this operation: {e}"))?;
    Mode::Output.within(|| serde_json::to_value(&typed).map_err(|e| e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Serialize, Deserialize)]
    struct Input {
        #[serde(rename = "When", default, skip_serializing_if = "Option::is_none")]
        when: Option<Timestamp>,
        #[serde(rename = "Data", default, skip_serializing_if = "Option::is_none")]
        data: Option<Blob>,
    }

    fn body(value: Value) -> Value {
        serde_json::from_slice(&serialize_input::<Input>(value).unwrap()).unwrap()
    }

    /// What botocore 1.8.32 sends (recorded from aws-cli: `list-clusters
    /// --created-after ...`, tests/fixtures/aws-cli-1.14.28/shorthand-cases.json).
    #[test]
    fn requests_carry_epoch_seconds_and_base64() {
        assert_eq!(
            body(json!({"When": "2020-01-01T10:00:00+02:00"})),
            json!({"When": 1_577_865_600})
        );
        assert_eq!(
            body(json!({"When": 1_577_836_800.7})),
            json!({"When": 1_577_836_800})
        );
        assert_eq!(body(json!({"When": "-0.5"})), json!({"When": -1}));
        // `base64.b64encode('é€'.encode('utf-8'))`.
        assert_eq!(body(json!({"Data": "é€"})), json!({"Data": "w6nigqw="}));
        assert_eq!(body(json!({"Data": ""})), json!({"Data": ""}));
        assert!(serialize_input::<Input>(json!({"When": "someday"})).is_err());
        // Outside a request: as given.
        let typed: Input =
            serde_json::from_value(json!({"When": "2020-01-01", "Data": "x"})).unwrap();
        assert_eq!(
            serde_json::to_value(&typed).unwrap(),
            json!({"When": "2020-01-01", "Data": "x"})
        );
        assert_eq!(blob_base64(&[0xff, 0x00, 0x10]), "/wAQ");
    }

    /// aws-cli 1.14.28 prints `"CreationDateTime": 1500000000.0` for a
    /// response carrying `1.5e9` (cli_timestamp_format none, the default),
    /// and `"2017-07-14T02:40:00+00:00"` under `cli_timestamp_format =
    /// iso8601` with TZ=UTC (checked against a loopback server); the
    /// fraction `1500000000.123456789` prints `.123457`.
    #[test]
    fn output_timestamps_as_aws_cli_prints_them() {
        let raw = br#"{"When": 1.5e9}"#;
        assert_eq!(parse_output::<Input>(raw).unwrap(), json!({"When": 1.5e9}));
        assert_eq!(
            super::super::output::json(&parse_output::<Input>(raw).unwrap()),
            "{\n    \"When\": 1500000000.0\n}\n"
        );
        let utc = super::super::timestamp::DateTime {
            seconds: 1_500_000_000,
            micros: 123_457,
            zone: super::super::timestamp::Zone::Offset(0),
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
        let parsed = parse_output::<Input>(br#"{"When": 1500000000.123456789}"#).unwrap();
        assert_eq!(parsed, json!({"When": "2017-07-14T02:40:00.123457+00:00"}));
        let parsed = parse_output::<Input>(br#"{"When": 1500000000}"#).unwrap();
        assert_eq!(parsed, json!({"When": "2017-07-14T02:40:00+00:00"}));
        let parsed = parse_output::<Input>(br#"{"When": "2020-01-01T00:00:00Z"}"#).unwrap();
        assert_eq!(parsed, json!({"When": "2020-01-01T00:00:00+00:00"}));
        set_cli_timestamp_format("none").unwrap();
        let parsed = parse_output::<Input>(br#"{"When": 1500000000}"#).unwrap();
        assert_eq!(parsed, json!({"When": 1500000000}));
    }

    crate::types::string_enum! {
        Status { Submitted = "SUBMITTED", Failed = "FAILED" }
    }

    #[test]
    fn enums_keep_unknown_values() {
        let parsed: Vec<Status> = serde_json::from_str(r#"["SUBMITTED","LATER"]"#).unwrap();
        assert_eq!(
            parsed,
            vec![Status::Submitted, Status::Unknown("LATER".into())]
        );
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            r#"["SUBMITTED","LATER"]"#
        );
        assert_eq!(Status::VALUES, ["SUBMITTED", "FAILED"]);
    }
}
