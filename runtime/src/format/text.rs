// Ported from aws-cli 1.14.28 (awscli/text.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! `--output text`: awscli/text.py. Scalars of a dict on one tab-separated
//! line (keys sorted), nested dicts and lists on lines of their own that
//! start with the upper-cased key; lists of dicts share one sorted set of
//! scalar columns, so a key missing from one dict leaves an empty column.

use super::value::{py_str, Rcvar, Var};
use indexmap::IndexMap;

/// `format_text(data, stream)`: what was written, and the error Python
/// raised part way, if any (what was written before it stays written).
pub fn format_text(data: &Var, out: &mut String) -> Result<(), String> {
    format_item(data, out, None, None)
}

fn format_item(
    item: &Var,
    out: &mut String,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
) -> Result<(), String> {
    match item {
        Var::Object(map) => format_dict(scalar_keys, map, identifier, out),
        Var::Array(items) => format_list(items, identifier, out),
        scalar => {
            out.push_str(&py_str(scalar));
            out.push('\n');
            Ok(())
        }
    }
}

fn format_list(items: &[Rcvar], identifier: Option<&str>, out: &mut String) -> Result<(), String> {
    if items.is_empty() {
        return Ok(());
    }
    if items.iter().any(|el| matches!(**el, Var::Object(_))) {
        let all_keys = all_scalar_keys(items)?;
        for element in items {
            format_item(element, out, identifier, Some(&all_keys))?;
        }
    } else if items.iter().any(|el| matches!(**el, Var::Array(_))) {
        let (scalars, non_scalars): (Vec<&Rcvar>, Vec<&Rcvar>) =
            items.iter().partition(|el| el.is_scalar());
        if !scalars.is_empty() {
            format_scalar_list(&scalars, identifier, out);
        }
        for non_scalar in non_scalars {
            format_item(non_scalar, out, identifier, None)?;
        }
    } else {
        let all: Vec<&Rcvar> = items.iter().collect();
        format_scalar_list(&all, identifier, out);
    }
    Ok(())
}

fn format_scalar_list(elements: &[&Rcvar], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(identifier) => {
            let upper = identifier.to_uppercase();
            for item in elements {
                out.push_str(&upper);
                out.push('\t');
                out.push_str(&py_str(item));
                out.push('\n');
            }
        }
        None => {
            let parts: Vec<String> = elements.iter().map(|i| py_str(i)).collect();
            out.push_str(&parts.join("\t"));
            out.push('\n');
        }
    }
}

fn format_dict(
    scalar_keys: Option<&[String]>,
    item: &IndexMap<String, Rcvar>,
    identifier: Option<&str>,
    out: &mut String,
) -> Result<(), String> {
    let (mut scalars, non_scalars) = partition_dict(item, scalar_keys);
    if !scalars.is_empty() {
        if let Some(identifier) = identifier {
            scalars.insert(0, identifier.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (key, value) in non_scalars {
        format_item(value, out, Some(key), None)?;
    }
    Ok(())
}

/// The sorted keys with scalar values across a list of dicts; Python calls
/// `.items()` on every element, which fails for anything but a dict.
fn all_scalar_keys(items: &[Rcvar]) -> Result<Vec<String>, String> {
    let mut keys: Vec<String> = Vec::new();
    for item in items {
        let Var::Object(map) = &**item else {
            return Err(format!(
                "'{}' object has no attribute 'items'",
                item.py_type_name()
            ));
        };
        for (key, value) in map {
            if value.is_scalar() && !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    }
    keys.sort();
    Ok(keys)
}

fn partition_dict<'a>(
    item: &'a IndexMap<String, Rcvar>,
    scalar_keys: Option<&[String]>,
) -> (Vec<String>, Vec<(&'a str, &'a Var)>) {
    let mut scalar = Vec::new();
    let mut non_scalar = Vec::new();
    match scalar_keys {
        None => {
            let mut entries: Vec<(&String, &Rcvar)> = item.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (key, value) in entries {
                if value.is_scalar() {
                    scalar.push(py_str(value));
                } else {
                    non_scalar.push((key.as_str(), &**value));
                }
            }
        }
        Some(keys) => {
            for key in keys {
                scalar.push(item.get(key).map(|v| py_str(v)).unwrap_or_default());
            }
            let mut remaining: Vec<(&String, &Rcvar)> =
                item.iter().filter(|(k, _)| !keys.contains(k)).collect();
            remaining.sort_by(|a, b| a.0.cmp(b.0));
            for (key, value) in remaining {
                non_scalar.push((key.as_str(), &**value));
            }
        }
    }
    (scalar, non_scalar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(v: serde_json::Value) -> Result<String, (String, String)> {
        let mut out = String::new();
        format_text(&Var::from_json(&v), &mut out)
            .map(|_| out.clone())
            .map_err(|e| (out, e))
    }

    #[test]
    fn layout_as_aws_cli() {
        // aws-cli 1.14.28 text output of the same data.
        assert_eq!(
            text(json!({"B": 1, "A": "x", "L": [{"k": 1, "m": [1, 2]}, {"j": null}], "E": []})),
            Ok("x\t1\nL\t\t1\nM\t1\nM\t2\nL\tNone\t\n".into())
        );
        assert_eq!(text(json!([[1, 2], 3, [4]])), Ok("3\n1\t2\n4\n".into()));
        assert_eq!(text(json!(null)), Ok("None\n".into()));
        assert_eq!(text(json!({})), Ok("".into()));
    }

    #[test]
    fn mixed_list_fails_as_python() {
        assert_eq!(
            text(json!({"A": "x", "Z": [{"a": 1}, "s"]})),
            Err(("x\n".into(), "'str' object has no attribute 'items'".into()))
        );
    }
}
