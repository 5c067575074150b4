//! The JMESPath expressions of botocore's models (paginator tokens and
//! `more_results`, waiter acceptor arguments), evaluated on a JSON response
//! as botocore's compiled `jmespath` does. Most are member names joined by
//! dots, followed directly; the rest (Kinesis's
//! `StreamDescription.Shards[-1].ShardId`, ECS's `services | [...][] |
//! length(@) == \`0\``) go through the JMESPath port that `--query` uses.

use super::format::jmespath;
use super::format::value::Var;
use serde_json::Value;

/// What `expression` finds in `value`; null when nothing (or when the
/// expression does not compile, which codegen's model checks rule out).
pub fn search(value: &Value, expression: &str) -> Value {
    if is_dotted(expression) {
        return expression
            .split('.')
            .try_fold(value, |v, key| v.get(key))
            .cloned()
            .unwrap_or(Value::Null);
    }
    jmespath::compile(expression)
        .and_then(|compiled| compiled.search(&Var::from_json(value)))
        .map(|found| to_json(&found))
        .unwrap_or(Value::Null)
}

/// Whether `expression` is member names joined by dots.
fn is_dotted(expression: &str) -> bool {
    expression
        .split('.')
        .all(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// A JMESPath result back as JSON, numbers spelled as Python's.
fn to_json(value: &Var) -> Value {
    use crate::pycompat::number::{float_number, int_number};
    let number = |n: Option<serde_json::Number>| n.map_or(Value::Null, Value::Number);
    match value {
        Var::Null | Var::Expref(_) => Value::Null,
        Var::Bool(b) => Value::Bool(*b),
        Var::Int(i) => number(int_number(&i.to_string())),
        Var::BigInt(digits) => number(int_number(digits)),
        Var::Float(f) => number(float_number(*f)),
        Var::Str(s) => Value::String(s.clone()),
        Var::Array(items) => Value::Array(items.iter().map(|v| to_json(v)).collect()),
        Var::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dotted_paths_indexes_projections_and_functions() {
        let v = json!({
            "Cluster": {"Status": {"State": "RUNNING"}},
            "Steps": [{"S": "A"}, {"S": "B"}],
            "services": [
                {"deployments": [1], "desiredCount": 2, "runningCount": 2},
                {"deployments": [1, 2], "desiredCount": 1, "runningCount": 1}
            ]
        });
        assert_eq!(search(&v, "Cluster.Status.State"), json!("RUNNING"));
        assert_eq!(search(&v, "Nope.State"), Value::Null);
        assert_eq!(search(&v, "Steps[].S"), json!(["A", "B"]));
        assert_eq!(search(&v, "Steps[-1].S"), json!("B"));
        // ECS services-stable: one service still has two deployments.
        let stable = "services | [@[?length(deployments)!=`1`], @[?desiredCount!=runningCount]][] | length(@) == `0`";
        assert_eq!(search(&v, stable), json!(false));
        assert_eq!(search(&json!({"services": []}), stable), json!(true));
    }
}
