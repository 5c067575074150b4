//! Types the generated code builds on: string enums that keep unknown values,
//! maps in wire order, timestamps and blobs, and the typed round trips
//! between JSON values and the generated input and output types.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A map shape: keeps the order the server sent, as aws-cli prints it.
pub type Map<K, V> = indexmap::IndexMap<K, V>;

/// A timestamp on the JSON protocol's wire: epoch seconds, possibly fractional.
/// Input given as ISO 8601 text is converted before serialisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub Value);

/// A blob: base64 text on the JSON protocol's wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Blob(pub String);

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
    serde_json::to_vec(&typed).map_err(|e| e.to_string())
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
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    crate::runtime::types::string_enum! {
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
