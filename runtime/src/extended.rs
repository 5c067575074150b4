//! Options aws-cli's code builds around a member, described as data
//! ([`Extended`], from `model/customizations/*.json` `extended_commands`):
//! the value, already parsed as the option's own shape, is wrapped in its
//! template (deploy's `--s3-location` → `revision`:
//! `{"revisionType": "S3", "s3Location": value}`) and placed at its member
//! path (configservice's `--recording-group` →
//! `ConfigurationRecorder.recordingGroup`).

use super::model::{Extended, Template};
use serde_json::{Map, Value};

/// Python's truth value of a parsed JSON value: `None`, `False`, zero and
/// empty strings, lists and objects are false.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's name for the type of a parsed JSON value.
fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// `build_revision_location`: the required fields must be truthy
/// (`value_dict.get(k, False)`); the declared fields that are present are
/// kept, in declared order, and put where the template holds `"$value"`.
fn fill_template(template: &Template, value: Value) -> Result<Value, String> {
    let Value::Object(given) = value else {
        return Err(format!(
            "'{}' object has no attribute 'get'",
            python_type(&value)
        ));
    };
    if !template
        .required
        .iter()
        .all(|field| given.get(*field).is_some_and(truthy))
    {
        return Err(template.missing_error.to_string());
    }
    let kept: Map<String, Value> = template
        .fields
        .iter()
        .filter_map(|field| Some((field.to_string(), given.get(*field)?.clone())))
        .collect();
    let mut kept = Some(Value::Object(kept));
    let mut structure: Value = serde_json::from_str(template.json)
        .map_err(|e| format!("the option's template is not JSON: {e}"))?;
    substitute(&mut structure, &mut kept);
    Ok(structure)
}

/// Replaces the first `"$value"` string in `structure` with `value`.
fn substitute(structure: &mut Value, value: &mut Option<Value>) {
    match structure {
        Value::String(s) if s == "$value" => {
            if let Some(value) = value.take() {
                *structure = value;
            }
        }
        Value::Object(members) => members.values_mut().for_each(|v| substitute(v, value)),
        Value::Array(items) => items.iter_mut().for_each(|v| substitute(v, value)),
        _ => {}
    }
}

/// Puts `value` (the option's parsed value) into `params` as `extended`
/// says, below the top-level `member`. An error is aws-cli's message.
pub fn place(
    params: &mut Map<String, Value>,
    member: &str,
    extended: &Extended,
    value: Value,
) -> Result<(), String> {
    let value = match extended.template {
        Some(template) => fill_template(template, value)?,
        None => value,
    };
    let mut container = params;
    let mut key = member;
    for next in extended.path {
        let slot = container
            .entry(key.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        container = match slot {
            Value::Object(object) => object,
            other => {
                return Err(format!(
                    "'{}' object does not support item assignment",
                    python_type(other)
                ))
            }
        };
        key = next;
    }
    match (container.get_mut(key), value) {
        (Some(Value::Object(existing)), Value::Object(added)) if extended.merge => {
            existing.extend(added);
        }
        (_, value) => {
            container.insert(key.to_string(), value);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const S3: Template = Template {
        json: r#"{"revisionType": "S3", "s3Location": "$value"}"#,
        fields: &["bucket", "key", "bundleType", "eTag", "version"],
        required: &["bucket", "key", "bundleType"],
        missing_error: "--s3-location must specify bucket, key and bundleType.",
    };

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(o) => o,
            _ => unreachable!("an object literal"),
        }
    }

    #[test]
    fn a_template_keeps_its_fields_in_order_and_drops_the_rest() {
        let extended = Extended {
            path: &[],
            merge: false,
            template: Some(&S3),
        };
        let mut params = object(json!({"revision": {"revisionType": "String"}}));
        let value =
            json!({"version": "v", "extra": 1, "key": "k", "bucket": "b", "bundleType": "zip"});
        place(&mut params, "revision", &extended, value).unwrap();
        assert_eq!(
            serde_json::to_string(&params).unwrap(),
            r#"{"revision":{"revisionType":"S3","s3Location":{"bucket":"b","key":"k","bundleType":"zip","version":"v"}}}"#
        );
    }

    #[test]
    fn a_missing_or_empty_required_field_is_the_declared_error() {
        let extended = Extended {
            path: &[],
            merge: false,
            template: Some(&S3),
        };
        for value in [
            json!({"bucket": "b", "key": "k"}),
            json!({"bucket": "b", "key": "", "bundleType": "zip"}),
            json!({"bucket": "b", "key": "k", "bundleType": 0}),
            json!({"bucket": "b", "key": "k", "bundleType": null}),
        ] {
            let error = place(&mut Map::new(), "revision", &extended, value).unwrap_err();
            assert_eq!(error, S3.missing_error);
        }
        let error = place(&mut Map::new(), "revision", &extended, json!([1])).unwrap_err();
        assert_eq!(error, "'list' object has no attribute 'get'");
    }

    #[test]
    fn a_path_reaches_into_the_member_and_merge_keeps_what_is_there() {
        let group = Extended {
            path: &["recordingGroup"],
            merge: false,
            template: None,
        };
        let recorder = Extended {
            path: &[],
            merge: true,
            template: None,
        };
        let mut params = Map::new();
        place(
            &mut params,
            "ConfigurationRecorder",
            &group,
            json!({"allSupported": true}),
        )
        .unwrap();
        place(
            &mut params,
            "ConfigurationRecorder",
            &recorder,
            json!({"name": "n"}),
        )
        .unwrap();
        assert_eq!(
            Value::Object(params.clone()),
            json!({"ConfigurationRecorder": {"recordingGroup": {"allSupported": true}, "name": "n"}})
        );
        // Without merge, the value replaces what is there.
        place(
            &mut params,
            "ConfigurationRecorder",
            &group,
            json!({"resourceTypes": ["x"]}),
        )
        .unwrap();
        assert_eq!(
            params["ConfigurationRecorder"]["recordingGroup"],
            json!({"resourceTypes": ["x"]})
        );
        let mut params = object(json!({"ConfigurationRecorder": "text"}));
        let error = place(&mut params, "ConfigurationRecorder", &group, json!({})).unwrap_err();
        assert_eq!(error, "'str' object does not support item assignment");
    }
}
