//! botocore's `json` protocol (serialize.JSONSerializer, parsers.JSONParser
//! of botocore 1.8.32), driven by the operation's shape table.

use super::ServiceError;
use crate::http::{Request, USER_AGENT};
use crate::model::{ArgType, Operation};
use crate::types::{blob_base64, cli_timestamp_format, TimestampFormat};
use serde_json::{Map, Value};

/// How deep the shape-guided walks follow a value. Only recursive shapes
/// (a DynamoDB `AttributeValue`, say) nest without limit; below this depth
/// a value is passed through as it is rather than risk the stack.
const MAX_DEPTH: usize = 1000;

/// `POST /` with `X-Amz-Target` and the input as `json.dumps` writes it.
pub fn request(
    version: &str,
    target_prefix: &str,
    operation: &Operation,
    endpoint_url: &str,
    params: &Value,
) -> Result<Request, String> {
    let url = crate::http::request_url(endpoint_url);
    let body = match operation.input {
        Some(shape) => serialize(shape, params, 0)?,
        None => Value::Object(Map::new()),
    };
    Ok(Request {
        method: "POST".to_string(),
        url,
        headers: vec![
            (
                "X-Amz-Target".to_string(),
                format!("{target_prefix}.{}", operation.name),
            ),
            (
                "Content-Type".to_string(),
                format!("application/x-amz-json-{version}"),
            ),
            ("User-Agent".to_string(), USER_AGENT.to_string()),
        ],
        body: crate::pycompat::json::dumps(&body).into_bytes(),
    })
}

/// The request body for a validated value: timestamps as whole epoch
/// seconds and blobs as base64 (botocore's `_serialize_type_timestamp` and
/// `_serialize_type_blob`); structures keep the order the value has, as
/// botocore iterates the parameters it was given.
fn serialize(shape: &ArgType, value: &Value, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Ok(value.clone());
    }
    Ok(match (shape.base(), value) {
        (ArgType::Structure(members), Value::Object(object)) => {
            let mut out = Map::new();
            for (key, item) in object {
                let serialized = match members.iter().find(|m| m.name == key) {
                    Some(member) => serialize(member.shape, item, depth + 1)?,
                    None => item.clone(),
                };
                out.insert(key.clone(), serialized);
            }
            Value::Object(out)
        }
        (ArgType::List(member), Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|item| serialize(member, item, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        (ArgType::Map(_, value_shape), Value::Object(object)) => {
            let mut out = Map::new();
            for (key, item) in object {
                out.insert(key.clone(), serialize(value_shape, item, depth + 1)?);
            }
            Value::Object(out)
        }
        (ArgType::Timestamp, _) => match crate::timestamp::to_epoch_seconds(value) {
            Some(seconds) => Value::from(seconds),
            None => {
                return Err(format!(
                    "Invalid timestamp \"{}\": Unknown string format",
                    crate::pycompat::repr::str_of(value)
                ))
            }
        },
        // botocore encodes a `str` blob as UTF-8, then base64.
        (ArgType::Blob, Value::String(text)) => Value::String(blob_base64(text.as_bytes())),
        _ => value.clone(),
    })
}

/// A 2xx body → output, as botocore's JSON parser builds it: structure
/// members in model order, members the model does not know and `null`s
/// left out, maps in wire order; timestamps as the wire has them unless
/// `cli_timestamp_format = iso8601`. An empty body is an empty response.
pub fn parse_output(shape: Option<&ArgType>, body: &[u8]) -> Result<Value, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    // Any depth up to limits::MAX_JSON_DEPTH (serde_json alone stops at 128).
    let mut raw: Value = crate::limits::parse_json_response(body)
        .map_err(|e| format!("the response is not valid JSON for this operation: {e}"))?;
    crate::pycompat::json::python_numbers(&mut raw);
    let Some(shape) = shape else {
        return Ok(Value::Object(Map::new()));
    };
    if !raw.is_object() {
        return Err("the response is not valid JSON for this operation: \
                    expected an object"
            .to_string());
    }
    parse(shape, raw, 0)
}

fn parse(shape: &ArgType, value: Value, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Ok(value);
    }
    Ok(match (shape.base(), value) {
        (ArgType::Structure(members), Value::Object(mut object)) => {
            let mut out = Map::new();
            for member in members.iter() {
                match object.remove(member.name) {
                    None | Some(Value::Null) => {}
                    Some(item) => {
                        out.insert(
                            member.name.to_string(),
                            parse(member.shape, item, depth + 1)?,
                        );
                    }
                }
            }
            Value::Object(out)
        }
        (ArgType::List(member), Value::Array(items)) => Value::Array(
            items
                .into_iter()
                .map(|item| parse(member, item, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        (ArgType::Map(_, value_shape), Value::Object(object)) => {
            let mut out = Map::new();
            for (key, item) in object {
                out.insert(key, parse(value_shape, item, depth + 1)?);
            }
            Value::Object(out)
        }
        (ArgType::Timestamp, value)
            if !value.is_null() && cli_timestamp_format() == TimestampFormat::Iso8601 =>
        {
            match crate::timestamp::isoformat(&value) {
                Some(text) => Value::String(text),
                None => {
                    return Err(format!(
                        "Invalid timestamp \"{}\": Unknown string format",
                        crate::pycompat::repr::str_of(&value)
                    ))
                }
            }
        }
        (_, value) => value,
    })
}

/// botocore's JSON error parsing: the code from `__type` (after any `#`),
/// else the HTTP status; the message from `message` or `Message`, else the
/// body itself when it is not JSON (an HTML page from a proxy, say).
pub fn parse_error(status: u16, body: &[u8]) -> ServiceError {
    let text = String::from_utf8_lossy(body);
    let parsed: Option<Map<String, Value>> = if body.is_empty() {
        Some(Map::new())
    } else {
        serde_json::from_slice(body).ok()
    };
    let (code, message) = match parsed {
        Some(object) => {
            let code = match object.get("__type").and_then(Value::as_str) {
                Some(t) => t.rsplit('#').next().unwrap_or(t).to_string(),
                None => status.to_string(),
            };
            let message = object
                .get("message")
                .or_else(|| object.get("Message"))
                .map(|m| match m {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .unwrap_or_default();
            (code, message)
        }
        None => (status.to_string(), text.into_owned()),
    };
    ServiceError { code, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MemberType;
    use serde_json::json;

    static INPUT: ArgType = ArgType::Structure(&[
        MemberType {
            name: "When",
            shape: &ArgType::Timestamp,
            required: false,
        },
        MemberType {
            name: "Data",
            shape: &ArgType::Blob,
            required: false,
        },
        MemberType {
            name: "Tags",
            shape: &ArgType::Map(&ArgType::String, &ArgType::Timestamp),
            required: false,
        },
    ]);

    fn body(value: Value) -> Value {
        serde_json::from_value(serialize(&INPUT, &value, 0).unwrap()).unwrap()
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
        assert_eq!(body(json!({"Tags": {"a": 0}})), json!({"Tags": {"a": 0}}));
        assert!(serialize(&INPUT, &json!({"When": "someday"}), 0).is_err());
    }

    #[test]
    fn output_in_model_order_without_unknown_members_or_nulls() {
        let parsed = parse_output(
            Some(&INPUT),
            br#"{"Extra": 1, "Data": "eA==", "When": 1.5e9, "Tags": null}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            r#"{"When":1500000000.0,"Data":"eA=="}"#
        );
        assert_eq!(parse_output(Some(&INPUT), b"  ").unwrap(), json!({}));
        assert_eq!(parse_output(None, b"{\"A\": 1}").unwrap(), json!({}));
        assert!(parse_output(Some(&INPUT), b"[1]").is_err());
        assert!(parse_output(Some(&INPUT), b"{").is_err());
    }

    #[test]
    fn error_codes_and_messages_as_botocore() {
        let e = |status, body: &[u8]| {
            let ServiceError { code, message } = parse_error(status, body);
            (code, message)
        };
        assert_eq!(
            e(
                400,
                br#"{"__type":"com.amazon#InvalidRequestException","message":"nope"}"#
            ),
            ("InvalidRequestException".into(), "nope".into())
        );
        assert_eq!(
            e(400, br#"{"__type":"X","Message":"M"}"#),
            ("X".into(), "M".into())
        );
        assert_eq!(
            e(500, b"<html>oops</html>"),
            ("500".into(), "<html>oops</html>".into())
        );
        assert_eq!(e(503, b""), ("503".into(), "".into()));
    }
}
