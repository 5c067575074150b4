// Ported from botocore 1.8.32 (botocore/utils.py ArgumentGenerator): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! JSON skeletons, as botocore's `ArgumentGenerator` builds them: the input
//! skeleton printed by `--generate-cli-skeleton` and the placeholder response
//! that `--generate-cli-skeleton output` prints.

use crate::model::{ServiceModel, Shape};
use serde_json::{Map, Value};

/// Which skeleton: input uses empty placeholders, output uses member names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkeletonKind {
    Input,
    Output,
}

/// The skeleton of `shape_name`. aws-cli picks a random enum value for an
/// input string; we pick the first one so that the output is deterministic.
pub fn skeleton(model: &ServiceModel, shape_name: &str, kind: SkeletonKind) -> Value {
    let mut stack = Vec::new();
    generate(model, shape_name, "", kind, &mut stack)
}

fn generate<'m>(
    model: &'m ServiceModel,
    shape_name: &'m str,
    member_name: &str,
    kind: SkeletonKind,
    stack: &mut Vec<&'m str>,
) -> Value {
    let Some(shape) = model.shape(shape_name) else {
        return Value::Null;
    };
    stack.push(shape_name);
    let value = match shape {
        Shape::Structure(s) => {
            // A structure already being generated further up is cut short, as botocore does.
            if stack.iter().filter(|n| **n == shape_name).count() > 1 {
                Value::Object(Map::new())
            } else {
                let mut map = Map::new();
                for (name, member) in &s.members {
                    let v = generate(model, &member.shape, name, kind, stack);
                    map.insert(name.clone(), v);
                }
                Value::Object(map)
            }
        }
        Shape::List(l) => {
            // botocore names a list element after its shape in output skeletons.
            let name = match kind {
                SkeletonKind::Output => l.member.shape.as_str(),
                SkeletonKind::Input => "",
            };
            Value::Array(vec![generate(model, &l.member.shape, name, kind, stack)])
        }
        Shape::Map(m) => {
            let mut map = Map::new();
            map.insert(
                "KeyName".to_string(),
                generate(model, &m.value.shape, "", kind, stack),
            );
            Value::Object(map)
        }
        Shape::String(s) => match kind {
            SkeletonKind::Output => Value::String(member_name.to_string()),
            SkeletonKind::Input => {
                Value::String(s.enum_values.first().cloned().unwrap_or_default())
            }
        },
        Shape::Integer(_) | Shape::Long(_) => Value::from(0),
        Shape::Float(_) => Value::from(0.0),
        Shape::Boolean(_) => Value::Bool(true),
        Shape::Timestamp(_) => Value::String("1970-01-01T00:00:00".to_string()),
        // botocore has no placeholder for these and yields None.
        Shape::Double(_) | Shape::Blob(_) => Value::Null,
    };
    stack.pop();
    value
}

/// `json.dumps(value, indent=4)` as Python writes it, plus the trailing newline
/// aws-cli adds.
pub fn to_python_json(value: &Value) -> String {
    let mut text = awsr_runtime::pycompat::json::dumps_indent4(value, true);
    text.push('\n');
    text
}
